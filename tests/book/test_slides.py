"""The lesson slide decks (scripts/build_slides.py, `make slides`) as a teacher meets them in Chromium.

The decks are built once per session from the executed lessons into a temporary folder, served on
127.0.0.1, and checked: every deck opens with no failed request and none to another host, every slide
fits the 16:9 frame in each language view, one language needs fewer slides than both, Chinese text is drawn with a font that has
Chinese glyphs, the arrow keys change slides, and the print view gives one PDF page per slide.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys

import cjk_pdf_text
import lesson_content
import lesson_keys
import pytest
from browsing import ROOT, own_tab
from local_server import served

LESSONS = [nb.stem for nb in lesson_keys.toc_lessons(ROOT)]
pytestmark = pytest.mark.xdist_group("slides")


@pytest.fixture(scope="session")
def slides_dir(tmp_path_factory):
    """Build every deck with the command `make slides` runs, into a fresh folder."""
    out = tmp_path_factory.mktemp("slides")
    result = subprocess.run(
        [sys.executable, "scripts/build_slides.py", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def slides_url(slides_dir):
    with served(slides_dir) as url:
        yield url


@pytest.fixture
def deck_page(browser):
    """A 16:9 tab of its own whose problems are recorded in ``page.watch``."""
    with own_tab(browser, viewport={"width": 1280, "height": 720}) as tab:
        yield tab


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    page.evaluate("() => document.fonts.ready")


@pytest.mark.parametrize("lang", ["both", "en", "zh"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_deck_opens_offline_and_every_slide_fits(deck_page, slides_url, lesson, lang):
    open_deck(deck_page, f"{slides_url}{lesson}.html?lang={lang}")
    too_big = deck_page.evaluate(
        """() => {
          const {width, height} = Reveal.getConfig();
          const out = [];
          Reveal.getSlides().forEach((slide, index) => {
            Reveal.slide(index);
            if (slide.scrollHeight > height || slide.scrollWidth > width) {
              out.push(`slide ${index + 1} (${slide.dataset.kind}): ${slide.scrollWidth}x${slide.scrollHeight} > ${width}x${height}`);
            }
          });
          return out;
        }"""
    )
    assert deck_page.evaluate("() => Reveal.getTotalSlides()") > 2
    assert too_big == []
    assert deck_page.watch.problems() == {}


@pytest.mark.parametrize("lesson", LESSONS)
def test_deck_shows_the_lessons_sections_charts_and_calculators(deck_page, slides_url, lesson):
    """Generated from the executed lesson: each section heading (but the quiz), each chart and calculator is there."""
    content = lesson_content.read_lesson(ROOT / "notebooks" / f"{lesson}.ipynb")
    open_deck(deck_page, f"{slides_url}{lesson}.html?lang=both")
    shown = deck_page.evaluate(
        """() => ({
          headings: [...document.querySelectorAll('section h2 > span[lang="en"]')].map(e => e.textContent.trim()),
          charts: document.querySelectorAll('section img.chart').length,
          calculators: [...document.querySelectorAll('section[data-kind="calculator"] table td.number')].map(e => e.textContent),
          brokenImages: [...document.querySelectorAll('img')].filter(i => !i.complete || i.naturalWidth === 0).length,
        })"""
    )
    sections = [s for s in content.sections if not any(isinstance(b, lesson_content.Quiz) for b in s.blocks)]
    assert {s.heading.en for s in sections} <= set(shown["headings"])
    charts = [b for s in sections for b in s.blocks if isinstance(b, lesson_content.Chart)]
    calculators = [b for s in sections for b in s.blocks if isinstance(b, lesson_content.Calculator)]
    assert shown["charts"] == len(charts)
    assert shown["calculators"] == [value for calc in calculators for _, value in calc.rows]
    assert shown["brokenImages"] == 0


def chinese_font_families() -> set[str]:
    """Font families this machine has with Chinese glyphs (fontconfig's own answer)."""
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}


def rendering_fonts(page, selector: str) -> list[str]:
    """The fonts Chromium really drew a node's text with (DevTools' CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"nothing matches {selector}"
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in fonts if font["glyphCount"]]


def test_chinese_is_drawn_with_chinese_glyphs_and_screenshots(deck_page, slides_url, screenshots):
    lesson = LESSONS[0]
    open_deck(deck_page, f"{slides_url}{lesson}.html?lang=zh#/1")
    selector = 'section.present h2 > span[lang="zh-Hans"]'
    assert deck_page.locator(selector).is_visible()
    assert deck_page.locator('section.present h2 > span[lang="en"]').is_hidden()
    fonts = rendering_fonts(deck_page, selector)
    assert fonts, "no font drew the Chinese heading"
    assert set(fonts) <= chinese_font_families(), f"Chinese drawn with {fonts}: missing-glyph boxes"
    deck_page.screenshot(path=str(screenshots / "slide-zh.png"))
    for lang in ("en", "both"):
        open_deck(deck_page, f"{slides_url}{lesson}.html?lang={lang}#/1")
        deck_page.screenshot(path=str(screenshots / f"slide-{lang}.png"))
    assert deck_page.watch.problems() == {}


def test_the_glyph_check_can_fail(deck_page, slides_url):
    """Text drawn by a font without Chinese glyphs (the deck's Latin web font) does not pass the check."""
    open_deck(deck_page, f"{slides_url}{LESSONS[0]}.html?lang=en#/1")
    fonts = rendering_fonts(deck_page, 'section.present h2 > span[lang="en"]')
    assert fonts and not set(fonts) <= chinese_font_families()


def test_arrow_keys_change_slides_and_language_switch(deck_page, slides_url):
    open_deck(deck_page, f"{slides_url}{LESSONS[0]}.html")
    assert deck_page.evaluate("() => Reveal.getIndices().h") == 0
    deck_page.keyboard.press("ArrowRight")
    deck_page.wait_for_function("() => Reveal.getIndices().h === 1")
    deck_page.keyboard.press("ArrowRight")
    deck_page.wait_for_function("() => Reveal.getIndices().h === 2")
    deck_page.keyboard.press("ArrowLeft")
    deck_page.wait_for_function("() => Reveal.getIndices().h === 1")
    heading = "section.present h2 > span"
    assert deck_page.locator(f'{heading}[lang="en"]').is_visible()
    assert deck_page.locator(f'{heading}[lang="zh-Hans"]').is_visible()
    deck_page.click('.lang-switch button[data-lang="en"]')
    assert deck_page.locator(f'{heading}[lang="zh-Hans"]').is_hidden()
    assert "lang=en" in deck_page.url
    deck_page.click('.lang-switch button[data-lang="zh"]')
    assert deck_page.locator(f'{heading}[lang="en"]').is_hidden()
    assert deck_page.locator(f'{heading}[lang="zh-Hans"]').is_visible()


LAYOUT = """() => Reveal.getSlides().map(slide => [slide.dataset.kind,
    [...slide.querySelectorAll(':scope > .pair')].map(pair => pair.textContent)])"""


def test_one_language_needs_fewer_slides_and_switching_keeps_the_text_on_screen(deck_page, slides_url):
    """The build packs text for both languages; English or 中文 alone pours it onto fewer slides (measured,
    every one still fits: the test above), in the same order, and switching back gives the deck as built."""
    totals = {"both": 0, "en": 0, "zh": 0}
    for lesson in LESSONS:
        open_deck(deck_page, f"{slides_url}{lesson}.html?lang=both")
        built = deck_page.evaluate(LAYOUT)
        totals["both"] += len(built)
        pairs = [text for _, texts in built for text in texts]
        for lang in ("en", "zh", "both"):
            deck_page.click(f'.lang-switch button[data-lang="{lang}"]')
            layout = deck_page.evaluate(LAYOUT)
            assert [text for _, texts in layout for text in texts] == pairs, (lesson, lang)
            assert [kind for kind, _ in layout if kind != "text"] == [kind for kind, _ in built if kind != "text"]
            assert deck_page.evaluate("() => Reveal.getTotalSlides()") == len(layout)
            if lang != "both":
                totals[lang] += len(layout)
        assert deck_page.evaluate(LAYOUT) == built, f"{lesson}: back to both is not the deck as built"
    assert totals["en"] < totals["both"] * 0.9 and totals["zh"] < totals["both"] * 0.9, totals
    stated = re.search(r"(\d+) in English alone, (\d+) in Chinese alone", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert stated and (int(stated.group(1)), int(stated.group(2))) == (totals["en"], totals["zh"]), totals
    # The text on screen stays on screen: the last pair of a "continued" slide, from both to 中文.
    open_deck(deck_page, f"{slides_url}{LESSONS[0]}.html?lang=both")
    index = deck_page.evaluate("() => Reveal.getSlides().findIndex(s => s.dataset.part === '2')")
    assert index > 0
    deck_page.evaluate(f"() => Reveal.slide({index})")
    shown = deck_page.evaluate("() => Reveal.getCurrentSlide().querySelector(':scope > .pair').textContent")
    deck_page.click('.lang-switch button[data-lang="zh"]')
    assert shown in deck_page.evaluate(
        "() => [...Reveal.getCurrentSlide().querySelectorAll(':scope > .pair')].map(p => p.textContent)")
    assert deck_page.evaluate("() => Reveal.getIndices().h") < index
    assert deck_page.watch.problems() == {}


def test_print_view_gives_one_page_per_slide(deck_page, slides_url):
    from pypdf import PdfReader

    open_deck(deck_page, f"{slides_url}{LESSONS[0]}.html?print-pdf&lang=zh")
    total = deck_page.evaluate("() => Reveal.getTotalSlides()")
    pdf = PdfReader(io.BytesIO(deck_page.pdf(width="1280px", height="720px", print_background=True)))
    assert len(pdf.pages) == total
    # Printed by the browser, not by this project: its text layer names some glyphs by lookalike radicals.
    text = cjk_pdf_text.readable("".join(pdf.pages[0].extract_text().split()))
    assert "".join(lesson_content.read_lesson(ROOT / "notebooks" / f"{LESSONS[0]}.ipynb").title.zh.split()) in text


def test_unknown_lesson_is_refused_with_the_list(tmp_path):
    result = subprocess.run(
        [sys.executable, "scripts/build_slides.py", "--out", str(tmp_path), "99_no_such_lesson"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "99_no_such_lesson" in result.stderr and LESSONS[0] in result.stderr
    assert not (tmp_path / "99_no_such_lesson.html").exists()


def test_the_readme_gives_the_number_of_slides_built(slides_dir):
    """README's "(N slides in all" is the count of the decks `make slides` builds (it said 256 beside 320)."""
    built = sum(len(re.findall(r"<section[ >]", (slides_dir / f"{lesson}.html").read_text(encoding="utf-8"))) for lesson in LESSONS)
    stated = re.search(r"\((\d+) slides in all", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert stated, "README's slides row lost its count"
    assert int(stated.group(1)) == built
