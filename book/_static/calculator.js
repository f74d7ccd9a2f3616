// Calculators in the static book: each form (written at build time by retention.ui.static_calculator,
// already showing its starting answer) becomes live. A control's change is sent to the engine, a worker
// running the package's own Python in Pyodide (calculator-worker.js), started on first use only.
// A page opened from disk (file://) cannot start that worker: there each form keeps its starting answer,
// its controls are disabled and it says, in both languages, how to serve the book.
(function () {
  "use strict";
  var WORKER = new URL("calculator-worker.js", document.currentScript.src);
  var BOOK_ROOT = new URL("../", document.currentScript.src).href;
  var SERVED = "http://127.0.0.1:8000/";  // where `make serve` and `python -m http.server` put the book
  var TEXT = {
    loading: ["Loading the calculator (first use only, a few seconds)…", "正在加载计算器（仅首次使用，需要几秒钟）…"],
    failed: ["The calculator could not start here: ", "计算器无法在此启动："],
    invalid: ["Enter a number from {min} to {max} in steps of {step}.", "请输入 {min} 到 {max} 之间、以 {step} 为步长的数字。"],
    error: ["This setting has no answer: ", "此设置无法计算："],
    fromDisk: [
      "This page was opened as a file, so the calculator shows only its starting answer: it runs when the book " +
        "is served. Run `make serve` in the course folder (or `python -m http.server` in `_build/html`), " +
        "then open `{url}`.",
      "此页面是直接以文件打开的，所以计算器只显示初始结果；通过本地服务器打开本书时它才能运行。" +
        "请在课程文件夹中运行 `make serve`（或在 `_build/html` 文件夹中运行 `python -m http.server`），" +
        "然后打开 `{url}`。"
    ]
  };
  var worker = null;
  var broken = null;  // why the engine cannot start here, once that is known
  var ready = false;
  var waiting = {};
  var requests = 0;

  function say(status, pair, detail) {
    status.textContent = "";
    if (!pair) { return; }
    [["en", pair[0]], ["zh-Hans", pair[1]]].forEach(function (part, i) {
      if (i) {
        var sep = document.createElement("span");
        sep.className = "bi-sep";
        sep.textContent = " · ";
        status.appendChild(sep);
      }
      var span = document.createElement("span");
      span.lang = part[0];
      (part[1] + (detail || "")).split("`").forEach(function (piece, j) {
        if (j % 2) {  // `text` between backticks is something to type or open
          var code = document.createElement("code");
          code.textContent = piece;
          span.appendChild(code);
        } else if (piece) {
          span.appendChild(document.createTextNode(piece));
        }
      });
      status.appendChild(span);
    });
  }

  function fill(pair, input) {
    return pair.map(function (text) {
      return text.replace("{min}", input.min).replace("{max}", input.max).replace("{step}", input.step);
    });
  }

  function allForms() { return document.querySelectorAll("form.retention-calculator"); }

  function engine() {
    if (worker || broken) { return worker; }
    try {
      worker = new Worker(WORKER, { type: "module" });
    } catch (error) {  // e.g. a browser that refuses module workers on this page
      broken = error.message || String(error);
      allForms().forEach(function (form) { say(form.querySelector(".calc-status"), TEXT.failed, broken); });
      return null;
    }
    worker.onmessage = function (event) {
      var form = waiting[event.data.id];
      delete waiting[event.data.id];
      ready = true;
      if (!form || form.dataset.request !== String(event.data.id)) { return; }  // a newer setting is on its way
      var status = form.querySelector(".calc-status");
      if (event.data.error) {
        say(status, TEXT.error, event.data.error);
      } else {
        form.querySelector(".calc-result").innerHTML = event.data.html;
        say(status, null);
      }
      form.dataset.answered = String(event.data.id);
    };
    worker.onerror = function (event) {
      event.preventDefault();
      allForms().forEach(function (form) {
        say(form.querySelector(".calc-status"), TEXT.failed, event.message || "worker error");
      });
    };
    return worker;
  }

  function update(form) {
    var fields = {};
    var rows = form.querySelectorAll(".calc-control");
    for (var i = 0; i < rows.length; i++) {
      var number = rows[i].querySelector("input[type=number]");
      if (number.value === "" || !number.checkValidity()) {
        delete form.dataset.request;
        say(form.querySelector(".calc-status"), fill(TEXT.invalid, number));
        return;
      }
      var scale = Number(rows[i].dataset.scale);
      fields[rows[i].dataset.name] = [rows[i].dataset.kind, String(Number(number.value) / scale)];
    }
    if (!engine()) {
      delete form.dataset.request;
      say(form.querySelector(".calc-status"), TEXT.failed, broken);
      return;
    }
    var id = ++requests;
    form.dataset.request = String(id);
    waiting[id] = form;
    if (!ready) { say(form.querySelector(".calc-status"), TEXT.loading); }
    engine().postMessage({ id: id, path: form.dataset.compute, fields: fields });
  }

  function servedAddress() {
    var page = new URL(location.href);
    page.hash = "";
    page.search = "";
    return SERVED + (page.href.indexOf(BOOK_ROOT) === 0 ? page.href.slice(BOOK_ROOT.length) : "");
  }

  function keepStartingAnswer(form) {
    form.dataset.fromDisk = "true";
    form.querySelectorAll("input").forEach(function (input) { input.disabled = true; });
    var url = servedAddress();
    say(form.querySelector(".calc-status"), TEXT.fromDisk.map(function (text) { return text.replace("{url}", url); }));
  }

  function setUp(form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (location.protocol === "file:") { keepStartingAnswer(form); return; }
    // Start the engine as soon as a reader reaches for a calculator, before the first change.
    ["focusin", "pointerdown"].forEach(function (type) { form.addEventListener(type, engine, { once: true }); });
    form.querySelectorAll(".calc-control").forEach(function (row) {
      var range = row.querySelector("input[type=range]");
      var number = row.querySelector("input[type=number]");
      range.addEventListener("input", function () { number.value = range.value; update(form); });
      number.addEventListener("input", function () {
        if (number.value !== "" && number.checkValidity()) { range.value = number.value; }
        update(form);
      });
    });
  }

  function start() { allForms().forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
