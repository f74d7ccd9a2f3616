// Reader's language choice: English, 中文 or both (default). Remembered in localStorage; works offline.
(function () {
  "use strict";
  var KEY = "cbec-reader-lang";
  var MODES = { both: "English + 中文", en: "English", zh: "中文" };

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(mode) {
    if (!MODES[mode]) { mode = "both"; }
    document.documentElement.setAttribute("data-reader-lang", mode);
    try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode: the choice lasts this page */ }
    var select = document.getElementById("reader-lang-select");
    if (select) { select.value = mode; }
  }
  // Apply before first paint so the hidden language never flashes.
  apply(stored() || "both");

  function addSwitch() {
    if (document.getElementById("reader-lang-select")) { return; }
    var label = document.createElement("label");
    label.className = "reader-lang";
    label.setAttribute("for", "reader-lang-select");
    var caption = document.createElement("span");
    caption.className = "reader-lang-caption";
    caption.textContent = "Language · 语言";
    label.appendChild(caption);
    var select = document.createElement("select");
    select.id = "reader-lang-select";
    Object.keys(MODES).forEach(function (mode) {
      var option = document.createElement("option");
      option.value = mode;
      option.textContent = MODES[mode];
      select.appendChild(option);
    });
    select.value = document.documentElement.getAttribute("data-reader-lang") || "both";
    select.addEventListener("change", function () { apply(select.value); });
    label.appendChild(select);
    var host = document.querySelector(".article-header-buttons") || document.querySelector(".bd-header-article") || document.body;
    host.insertBefore(label, host.firstChild);
  }
  // Bilingual headings and navigation entries read "English · 中文": split each into two halves
  // with their own lang, so a one-language mode shows a clean one-language title.
  // The separator and the Han ranges are those of retention.bilingual (SEPARATOR, HAN); a test keeps them equal.
  var SEPARATOR = " · ";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var LATIN = /[A-Za-z]/;
  function splitTitles() {
    var selector = "h1, h2, h3, h4, h5, h6, nav a, .toctree-wrapper a, .bd-toc a, .navbar-brand, .caption-text, .prev-next-title";
    document.querySelectorAll(selector).forEach(function (element) {
      var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      var texts = [];
      while (walker.nextNode()) { texts.push(walker.currentNode); }
      texts.forEach(function (node) {
        var at = node.nodeValue.indexOf(SEPARATOR);
        if (at < 0 || node.parentNode.closest(".bi-en, .bi-zh")) { return; }
        var en = node.nodeValue.slice(0, at), zh = node.nodeValue.slice(at + SEPARATOR.length);
        if (!LATIN.test(en) || !HAN.test(zh) || HAN.test(en)) { return; }
        var fragment = document.createDocumentFragment();
        [["bi-en", "en", en], ["bi-sep", null, SEPARATOR], ["bi-zh", "zh-Hans", zh]].forEach(function (part) {
          var span = document.createElement("span");
          span.className = part[0];
          if (part[1]) { span.setAttribute("lang", part[1]); }
          span.textContent = part[2];
          fragment.appendChild(span);
        });
        node.parentNode.replaceChild(fragment, node);
      });
    });
  }

  function ready() {
    addSwitch();
    splitTitles();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
