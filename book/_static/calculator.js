// Calculators in the static book: each form (written at build time by retention.ui.static_calculator,
// already showing its starting answer) becomes live. A control's change is sent to the engine, a worker
// running the package's own Python in Pyodide (calculator-worker.js), started on first use only.
(function () {
  "use strict";
  var WORKER = new URL("calculator-worker.js", document.currentScript.src);
  var TEXT = {
    loading: ["Loading the calculator (first use only, a few seconds)…", "正在加载计算器（仅首次使用，需要几秒钟）…"],
    failed: ["The calculator could not start here: ", "计算器无法在此启动："],
    invalid: ["Enter a number from {min} to {max} in steps of {step}.", "请输入 {min} 到 {max} 之间、以 {step} 为步长的数字。"],
    error: ["This setting has no answer: ", "此设置无法计算："]
  };
  var worker = null;
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
      span.textContent = part[1] + (detail || "");
      status.appendChild(span);
    });
  }

  function fill(pair, input) {
    return pair.map(function (text) {
      return text.replace("{min}", input.min).replace("{max}", input.max).replace("{step}", input.step);
    });
  }

  function engine() {
    if (worker) { return worker; }
    worker = new Worker(WORKER, { type: "module" });
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
      document.querySelectorAll("form.retention-calculator").forEach(function (form) {
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
    var id = ++requests;
    form.dataset.request = String(id);
    waiting[id] = form;
    if (!ready) { say(form.querySelector(".calc-status"), TEXT.loading); }
    engine().postMessage({ id: id, path: form.dataset.compute, fields: fields });
  }

  function setUp(form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
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

  function start() { document.querySelectorAll("form.retention-calculator").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
