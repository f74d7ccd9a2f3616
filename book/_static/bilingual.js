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
    // The tab's title: its form in this language, written by book/_ext/theme_words.py.
    var title = document.querySelector("title[data-bi-" + mode + "]");
    if (title) { document.title = title.getAttribute("data-bi-" + mode); }
    if (document.readyState !== "loading") { themeAttributes(mode); copyTooltips(mode); }
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
        node.parentNode.replaceChild(bilingualSpans(en, zh), node);
      });
    });
  }

  // The theme's own words (book/_ext/theme_words.py has their table). Its texts are bi-en / bi-zh spans
  // from the build, shown by CSS; a label or tooltip attribute cannot be chosen by CSS, so each carries its
  // bilingual value in data-bi-<attribute> and gets the half of the reader's language here.
  var ATTRIBUTES = ["title", "aria-label", "placeholder", "data-bs-title", "alt"];
  function half(text, mode) {
    var at = text.indexOf(SEPARATOR);
    if (at < 0 || mode === "both") { return text; }
    return mode === "en" ? text.slice(0, at) : text.slice(at + SEPARATOR.length);
  }
  function themeAttributes(mode) {
    var selector = ATTRIBUTES.map(function (name) { return "[data-bi-" + name + "]"; }).join(", ");
    document.querySelectorAll(selector).forEach(function (element) {
      ATTRIBUTES.forEach(function (name) {
        var text = element.getAttribute("data-bi-" + name);
        if (text === null) { return; }
        text = half(text, mode);
        // Bootstrap moves a tooltip's title to data-bs-original-title and reads data-bs-title once: tell it too.
        var tip = window.bootstrap && window.bootstrap.Tooltip && window.bootstrap.Tooltip.getInstance(element);
        if (name === "title" && element.hasAttribute("data-bs-original-title")) {
          element.setAttribute("data-bs-original-title", text);
          // A tooltip on a button with no label of its own also gave the button its title as aria-label.
          if (element.hasAttribute("aria-label") && !element.hasAttribute("data-bi-aria-label")) { element.setAttribute("aria-label", text); }
        } else {
          element.setAttribute(name, text);
        }
        if (tip && (name === "title" || name === "data-bs-title")) { tip.setContent({ ".tooltip-inner": text }); }
      });
    });
  }
  // Words the theme's scripts write later, handed over by theme_words.py on the pages that have them.
  function scriptWord(en) {
    var words = window.CBEC_THEME_WORDS || {};
    if (words[en]) { return { en: en, zh: words[en] }; }
    // Sphinx's search puts a count in its message: match it with the number in place of ${resultCount}.
    var number = en.match(/\d+/);
    var template = number && en.replace(number[0], "${resultCount}");
    if (template && words[template]) { return { en: en, zh: words[template].split("${resultCount}").join(number[0]) }; }
    return null;
  }
  function bilingualSpans(en, zh) {
    var fragment = document.createDocumentFragment();
    [["bi-en", "en", en], ["bi-sep", null, SEPARATOR], ["bi-zh", "zh-Hans", zh]].forEach(function (part) {
      var span = document.createElement("span");
      span.className = part[0];
      if (part[1]) { span.setAttribute("lang", part[1]); }
      span.textContent = part[2];
      fragment.appendChild(span);
    });
    return fragment;
  }
  // Sphinx's search page writes its heading and messages as it searches: each becomes bilingual spans.
  function translateSearch(area) {
    var walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (node) {
      var parent = node.parentNode;
      if (!parent || parent.closest("ul.search, .bi-en, .bi-zh")) { return; }
      var word = scriptWord(node.nodeValue.trim());
      if (word) { parent.replaceChild(bilingualSpans(word.en, word.zh), node); }
    });
  }
  function watchSearch() {
    var areas = [document.getElementById("search-results"), document.getElementById("search-progress")];
    areas.forEach(function (area) {
      if (!area) { return; }
      translateSearch(area);
      new MutationObserver(function () { translateSearch(area); }).observe(area, { childList: true, subtree: true, characterData: true });
    });
  }
  // sphinx-copybutton's tooltips: its buttons read them from its global `messages` (locale "en": the book's
  // html lang) when made and on each copy, so set those and the buttons already made.
  var COPY_KEYS = { copy: "Copy", copy_to_clipboard: "Copy to clipboard", copy_success: "Copied!", copy_failure: "Failed to copy" };
  function copyTooltips(mode) {
    if (typeof messages === "undefined" || !messages.en || !window.CBEC_THEME_WORDS) { return; }
    Object.keys(COPY_KEYS).forEach(function (key) {
      var word = scriptWord(COPY_KEYS[key]);
      if (word) { messages.en[key] = half(word.en + SEPARATOR + word.zh, mode); }
    });
    document.querySelectorAll("button.copybtn").forEach(function (button) {
      button.setAttribute("data-tooltip", messages.en.copy);
      var icon = button.querySelector("svg title");
      if (icon) { icon.textContent = messages.en.copy_to_clipboard; }
    });
  }

  function ready() {
    addSwitch();
    splitTitles();
    var mode = document.documentElement.getAttribute("data-reader-lang") || "both";
    themeAttributes(mode);
    copyTooltips(mode);
    watchSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
