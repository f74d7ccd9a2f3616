// Start reveal.js on a 16:9 frame and the language switch of every deck (scripts/build_slides.py).
// The language comes from ?lang=en|zh|both (default both) and stays in the address, so a printed
// deck (?print-pdf&lang=zh) and a shared link show the same language.
(function () {
  "use strict";
  var LANGS = ["en", "zh", "both"];
  var WIDTH = 1280;
  var HEIGHT = 720;
  //: The share of the frame a poured text slide may fill (room for the slide number and the switch).
  var FILL = 0.92;
  var params = new URLSearchParams(window.location.search);
  var printing = /print-pdf/gi.test(window.location.search);

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

  // The build packs each section's text for both languages at once: a first slide and "continued"
  // ones. One language needs about half that room, so for English or 中文 alone the section's text is
  // poured again, measuring each slide as it fills; for both it goes back to the slides as built.
  function runs() {
    var found = [];
    document.querySelectorAll(".reveal .slides > section[data-kind=text]").forEach(function (slide) {
      if (slide.dataset.part === "1") {
        found.push([slide]);
      } else if (found.length) {
        found[found.length - 1].push(slide);
      }
    });
    return found;
  }

  function height(slide) {
    var display = slide.style.display;
    slide.style.display = "block";
    var measured = slide.scrollHeight;
    slide.style.display = display;
    return measured;
  }

  function continuedAfter(slide, first) {
    var next = document.createElement("section");
    next.dataset.kind = "text";
    var heading = first.querySelector("h2").cloneNode(true);
    heading.appendChild(document.getElementById("continued-label").content.cloneNode(true));
    next.appendChild(heading);
    slide.after(next);
    return next;
  }

  function pour(run, lang) {
    var pairs = [];
    run.forEach(function (slide) {
      slide.querySelectorAll(":scope > .pair").forEach(function (pair) {
        if (!pair.dataset.part) pair.dataset.part = slide.dataset.part;  // as built, kept for "both"
        pairs.push(pair);
        pair.remove();
      });
    });
    run.slice(1).forEach(function (slide) { slide.remove(); });
    var slides = [run[0]];
    pairs.forEach(function (pair) {
      var target = lang === "both" ? Number(pair.dataset.part) : slides.length;
      while (slides.length < target) slides.push(continuedAfter(slides[slides.length - 1], run[0]));
      var slide = slides[target - 1];
      slide.appendChild(pair);
      if (lang !== "both" && slide.querySelectorAll(":scope > .pair").length > 1 && height(slide) > HEIGHT * FILL) {
        slide = continuedAfter(slide, run[0]);
        slides.push(slide);
        slide.appendChild(pair);
      }
    });
    slides.forEach(function (slide, index) { slide.dataset.part = String(index + 1); });
  }

  function pourAll(lang) {
    var frame = document.querySelector(".reveal .slides");
    var width = frame.style.width;
    frame.style.width = WIDTH + "px";  // reveal.js's own width, before it has laid the deck out
    runs().forEach(function (run) { pour(run, lang); });
    frame.style.width = width;
  }

  // A slide whose text runs past the frame is set one pixel smaller at a time, down to 60% of the
  // base size; packing keeps this rare, and the tests check every slide fits.
  function fit(slide) {
    if (!slide || !window.Reveal) return;
    slide.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(slide).fontSize);
    var smallest = size * 0.6;
    while ((slide.scrollHeight > HEIGHT || slide.scrollWidth > WIDTH) && size > smallest) {
      size -= 1;
      slide.style.fontSize = size + "px";
    }
  }

  function fitAll() {
    if (printing) {
      Reveal.getSlides().forEach(fit);
    } else {
      fit(Reveal.getCurrentSlide());
    }
  }

  // Switching language keeps the same text on screen: the slide showing the first pair shown before.
  function switchTo(lang) {
    var current = Reveal.getCurrentSlide();
    var anchor = current.querySelector(":scope > .pair") || current;
    show(lang);
    pourAll(lang);
    Reveal.sync();
    var slides = Reveal.getSlides();
    Reveal.slide(Math.max(0, slides.indexOf(anchor.closest("section"))));
    fitAll();
    Reveal.layout();
  }

  document.querySelectorAll(".lang-switch button").forEach(function (button) {
    button.addEventListener("click", function () {
      var next = new URLSearchParams(window.location.search);
      next.set("lang", LANGS.indexOf(button.dataset.lang) < 0 ? "both" : button.dataset.lang);
      if (printing) {
        window.location.search = next.toString();  // the print view is laid out once: lay it out again
        return;
      }
      window.history.replaceState(null, "", "?" + next.toString() + window.location.hash);
      if (window.Reveal && Reveal.isReady()) switchTo(next.get("lang"));
      button.blur();
    });
  });

  function start() {
    var lang = show(params.get("lang"));
    if (lang !== "both") pourAll(lang);
    Reveal.initialize({
      width: WIDTH,
      height: HEIGHT,
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
  }

  // Measure text in the deck's own fonts: pour once they are loaded (they are files of the deck).
  show(params.get("lang"));
  Promise.all([document.fonts.load('26px "Source Sans Pro"'), document.fonts.load('bold 34px "Source Sans Pro"')])
    .then(function () { return document.fonts.ready; }, function () { return null; })
    .then(start);
})();
