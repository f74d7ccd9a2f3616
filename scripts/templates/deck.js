// Start reveal.js on a 16:9 frame and the language switch of every deck (scripts/build_slides.py).
// The language comes from ?lang=en|zh|both (default both) and stays in the address, so a printed
// deck (?print-pdf&lang=zh) and a shared link show the same language.
(function () {
  "use strict";
  var LANGS = ["en", "zh", "both"];
  var params = new URLSearchParams(window.location.search);

  function show(lang) {
    if (LANGS.indexOf(lang) < 0) lang = "both";
    LANGS.forEach(function (name) {
      document.body.classList.toggle("lang-" + name, name === lang);
    });
    document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
    document.querySelectorAll(".lang-switch button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    });
    return lang;
  }

  show(params.get("lang"));
  document.querySelectorAll(".lang-switch button").forEach(function (button) {
    button.addEventListener("click", function () {
      var lang = show(button.dataset.lang);
      var next = new URLSearchParams(window.location.search);
      next.set("lang", lang);
      window.history.replaceState(null, "", "?" + next.toString() + window.location.hash);
      if (window.Reveal && Reveal.isReady()) Reveal.layout();
      button.blur();
    });
  });

  Reveal.initialize({
    width: 1280,
    height: 720,
    margin: 0.04,
    center: false,
    hash: true,
    transition: "none",
    slideNumber: "c/t",
    pdfMaxPagesPerSlide: 1,
    pdfSeparateFragments: false,
  });
})();
