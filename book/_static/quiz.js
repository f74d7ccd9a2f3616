// Self-check quizzes in the HTML book: choosing an option marks it right or wrong, in both languages.
(function () {
  "use strict";
  var CORRECT = '<span lang="en">✔ Correct.</span> <span lang="zh-Hans">回答正确。</span>';
  var WRONG = '<span lang="en">✘ Not quite. Try again.</span> <span lang="zh-Hans">还不对，再想一想。</span>';
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".cbec-quiz input[type=radio]")) { return; }
    var question = input.closest(".cbec-quiz-question");
    var feedback = question.querySelector(".cbec-quiz-feedback");
    var right = input.value === question.getAttribute("data-answer");
    question.classList.toggle("cbec-quiz-right", right);
    question.classList.toggle("cbec-quiz-wrong", !right);
    feedback.innerHTML = right ? CORRECT : WRONG;
  });
})();
