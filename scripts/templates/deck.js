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

  // A slide whose text runs past the frame is set one pixel smaller at a time, down to 60% of the
  // base size; packing in build_slides.py keeps this rare, and the tests check every slide fits.
  function fit(slide) {
    if (!slide || !window.Reveal) return;
    var height = Reveal.getConfig().height;
    var width = Reveal.getConfig().width;
    slide.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(slide).fontSize);
    var smallest = size * 0.6;
    while ((slide.scrollHeight > height || slide.scrollWidth > width) && size > smallest) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
  }

  function fitAll() {
    if (document.documentElement.classList.contains("print-pdf")) {
      Reveal.getSlides().forEach(fit);
    } else {
      fit(Reveal.getCurrentSlide());
    }
  }

  show(params.get("lang"));
  document.querySelectorAll(".lang-switch button").forEach(function (button) {
    button.addEventListener("click", function () {
      var lang = show(button.dataset.lang);
      var next = new URLSearchParams(window.location.search);
      next.set("lang", lang);
      window.history.replaceState(null, "", "?" + next.toString() + window.location.hash);
      if (window.Reveal && Reveal.isReady()) {
        fitAll();
        Reveal.layout();
      }
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
  Reveal.on("slidechanged", function (event) {
    fit(event.currentSlide);
  });
  Reveal.on("ready", function () {
    document.fonts.ready.then(fitAll);
    fitAll();
  });
})();
