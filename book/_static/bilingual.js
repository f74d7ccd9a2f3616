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
    label.textContent = "Language · 语言";
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
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addSwitch);
  } else {
    addSwitch();
  }
})();
