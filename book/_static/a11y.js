// Accessibility repairs for widgets rendered in the HTML book (ipywidgets' HTML manager).
// A slider's handle (role="slider") has no accessible name: ipywidgets draws the description as a
// <label> next to it that is not tied to the handle. Name each handle by its label, so a screen
// reader announces "Order value (£) · 订单金额（英镑）, slider, 10" instead of just "slider".
(function () {
  "use strict";
  var count = 0;
  function nameSliders(root) {
    (root.querySelectorAll ? root : document).querySelectorAll('[role="slider"]').forEach(function (handle) {
      if (handle.hasAttribute("aria-label") || handle.hasAttribute("aria-labelledby")) { return; }
      var box = handle.closest(".widget-slider, .widget-hslider, .widget-vslider, .jupyter-widgets");
      var label = box && box.querySelector(".widget-label");
      if (label && label.textContent.trim()) {
        if (!label.id) { label.id = "cbec-widget-label-" + (++count); }
        handle.setAttribute("aria-labelledby", label.id);
      } else {
        handle.setAttribute("aria-label", "Slider · 滑块");
      }
    });
  }
  function start() {
    nameSliders(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (m) { m.addedNodes.forEach(function (n) { if (n.nodeType === 1) { nameSliders(n.parentNode || n); } }); });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
