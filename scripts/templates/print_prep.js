// Turn one built book page into its print form and return it (scripts/build_pdf.py runs this in Chromium).
// Calculators (rendered widget areas) become a table of their starting values and answer; a quiz keeps
// its questions and options, and its answers go to the appendix; exercise answers (<details>) open;
// every id is prefixed with the page's prefix and links between book pages point inside the one
// document, so they still work in the PDF. Returns {html, answers, title}.
(args) => {
  const {prefix, pages} = args;  // pages: {"notebooks/01_x.html": "p3", ...}
  const article = document.querySelector("main article") || document.querySelector("article");
  const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");

  // Calculators: labels and readouts as the page shows them.
  article.querySelectorAll(".cell_output .jupyter-widgets.widget-vbox, .cell_output .widget-vbox").forEach((box) => {
    if (box.parentElement.closest(".widget-vbox")) return;
    const rows = [];
    let title = "", answer = "";
    [...box.children].forEach((child) => {
      const label = child.querySelector(".widget-label");
      const readout = child.querySelector(".widget-readout, input, select");
      if (label && readout && text(label)) {
        rows.push([text(label), readout.value !== undefined && readout.tagName !== "DIV" ? readout.value : text(readout)]);
      } else if (child.classList.contains("widget-html")) {
        const html = child.querySelector(".widget-html-content");
        if (!html) return;
        if (!title && !rows.length) title = html.innerHTML; else answer += html.innerHTML;
      }
    });
    if (!rows.length) return;
    // The answer reads "English · 中文"; printed one under the other, the lone separator goes.
    answer = answer.replace(/<\/span>\s*·\s*<span/g, "</span> <span");
    const table = document.createElement("div");
    table.className = "print-calculator";
    table.innerHTML = `<p class="print-calculator-title">${title}</p><table><tbody>${rows
      .map(([label, value]) => `<tr><th>${label}</th><td>${value}</td></tr>`)
      .join("")}</tbody></table><div class="print-calculator-answer">${answer}</div>`;
    box.replaceWith(table);
  });

  // Quizzes: questions and options stay, the answers go to the appendix.
  const answers = [];
  article.querySelectorAll("form.cbec-quiz").forEach((form) => {
    form.querySelectorAll("fieldset.cbec-quiz-question").forEach((question) => {
      const options = [...question.querySelectorAll(".cbec-quiz-option")];
      options.forEach((option, index) => {
        const input = option.querySelector("input");
        const letter = document.createElement("b");
        letter.className = "print-option-letter";
        letter.textContent = String.fromCharCode(97 + index) + ") ";
        if (input) input.replaceWith(letter);
      });
      const details = question.querySelector("details");
      // The appendix prints the right option on its own line: the explanation need not repeat it.
      if (details) details.querySelectorAll(".cbec-quiz-right-option").forEach((label) => label.remove());
      const right = Number(question.dataset.answer);
      answers.push({
        question: question.querySelector("legend").innerHTML,
        option: String.fromCharCode(97 + right) + ") " + (options[right] ? options[right].innerHTML.replace(/<b class="print-option-letter">.*?<\/b>/, "") : ""),
        explanation: details ? [...details.children].filter((c) => c.tagName !== "SUMMARY").map((c) => c.outerHTML).join("") : "",
      });
      if (details) details.remove();
      question.querySelectorAll(".cbec-quiz-feedback").forEach((f) => f.remove());
    });
  });

  // Exercise answers are printed open.
  article.querySelectorAll("details").forEach((d) => d.setAttribute("open", ""));

  // One document: ids get the page prefix, links to book pages point at their prefixed anchors.
  article.querySelectorAll("[id]").forEach((el) => (el.id = `${prefix}-${el.id}`));
  article.querySelectorAll("a[href]").forEach((a) => {
    const url = new URL(a.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin) return;
    const path = url.pathname.replace(/^\//, "");
    const target = pages[path];
    if (target) {
      a.setAttribute("href", url.hash ? `#${target}-${url.hash.slice(1)}` : `#${target}`);
    } else if (path.endsWith(".ipynb") || path.startsWith("_sources")) {
      a.removeAttribute("href");
    } else {
      a.setAttribute("href", url.href);
    }
  });
  article.querySelectorAll("img[src]").forEach((img) => img.setAttribute("src", img.src));
  article.querySelectorAll(".headerlink, script").forEach((el) => el.remove());
  return {html: article.innerHTML, answers, title: text(article.querySelector("h1")).replace(/#$/, "")};
}
