"""The calculators in the static book answer in the page, offline, with the package's own functions.

For every calculator a lesson page shows: several settings typed into its number boxes give exactly
the HTML the package's answer function returns for the same values (called here, in the test
process), and the text a reader sees in English, 中文 and both modes is that HTML's; the sliders work
from the keyboard; a bilingual note says the engine is loading; nothing is requested from another
host (such requests are aborted); axe-core finds no serious violation in the forms. A page opened
from disk (file://, where the engine cannot start) keeps each form's starting answer and says in both
languages how to serve the book. Screenshots of a working calculator in each language, and of one
opened from disk, go to _build/screenshots/.
"""

from __future__ import annotations

import json
import re

import pytest
from browsing import AXE_JS, BOOK_HTML, book_pages, own_tab, watch_page

from retention.ui import calculators

browser_group = pytest.mark.xdist_group("browser")
ANSWER_TIMEOUT = 180_000  # a cold engine on a busy machine; measured in scripts/bench_page_weight.py
BUILDERS = {name.removesuffix("_calculator"): getattr(calculators, name)
            for name in dir(calculators) if name.endswith("_calculator")}
COMPUTE = {builder().compute.__name__: builder for builder in BUILDERS.values()}

# Settings per answer function, as the package takes them (shares as fractions); the test types
# shares as percentages, as the form shows them. Edges of the ranges included.
SETTINGS = {
    "ltv_result_html": [
        {"order_value": 37.0, "orders_per_year": 12.0, "years": 7.0},
        {"order_value": 100.0, "orders_per_year": 50.0, "years": 20.0},
        {"order_value": 1.0, "orders_per_year": 1.0, "years": 0.0},
    ],
    "churn_cost_html": [
        {"customers": 2500, "churn_rate": 0.07, "acquisition_multiple": 6.5},
        {"customers": 100, "churn_rate": 0.0, "acquisition_multiple": 3.0},
        {"customers": 10000, "churn_rate": 0.5, "acquisition_multiple": 10.0},
    ],
    "selling_html": [
        {"lost_customers": 300, "p_new": 0.2, "p_existing": 0.5},
        {"lost_customers": 0, "p_new": 1.0, "p_existing": 0.0},
        {"lost_customers": 1990, "p_new": 0.01, "p_existing": 0.99},
    ],
    "referral_html": [
        {"new_customers": 1200, "referral_share": 0.35, "referral_change": 0.25, "acquisition_multiple": 4.5},
        {"new_customers": 0, "referral_share": 0.0, "referral_change": -1.0, "acquisition_multiple": 3.0},
        {"new_customers": 5000, "referral_share": 1.0, "referral_change": 1.0, "acquisition_multiple": 10.0},
    ],
    "complaint_value_html": [
        {"complaints": 100, "customer_value": 1000.0, "quick_share": 0.4, "slow_share": 0.4},
        {"complaints": 730, "customer_value": 250.0, "quick_share": 0.65, "slow_share": 0.15},
        {"complaints": 730, "customer_value": 250.0, "quick_share": 0.7, "slow_share": 0.5},  # above 100%: a warning
    ],
    "retention_profit_html": [
        {"margin": 250.0, "retention": 0.6, "change": 0.1, "discount": 0.08},
        {"margin": 10.0, "retention": 0.95, "change": 0.1, "discount": 0.0},
        {"margin": 1000.0, "retention": 0.05, "change": -0.05, "discount": 0.3},
    ],
    "pareto_html": [
        {"sigma": 1.23, "top": 0.1},
        {"sigma": 0.0, "top": 0.5},
        {"sigma": 3.0, "top": 0.01},
    ],
    "staffing_html": [
        {"per_hour": 70, "handle_minutes": 6.0, "target_minutes": 1.0, "target_share": 0.9},
        {"per_hour": 0, "handle_minutes": 1.0, "target_minutes": 0.0, "target_share": 0.5},
        {"per_hour": 400, "handle_minutes": 12.5, "target_minutes": 0.5, "target_share": 0.99},
    ],
    "campaign_html": [
        {"contacts": 1200, "response_rate": 0.08, "baseline_rate": 0.03, "margin_per_order": 55.0,
         "cost_per_contact": 0.8, "incentive_per_order": 10.0},
        {"contacts": 4000, "response_rate": 0.06, "baseline_rate": 0.05, "margin_per_order": 40.0,
         "cost_per_contact": 0.5, "incentive_per_order": 5.0},  # a mass mailing that loses money
        {"contacts": 5000, "response_rate": 1.0, "baseline_rate": 0.0, "margin_per_order": 200.0,
         "cost_per_contact": 10.0, "incentive_per_order": 50.0},
        {"contacts": 0, "response_rate": 0.0, "baseline_rate": 1.0, "margin_per_order": 0.0,
         "cost_per_contact": 0.0, "incentive_per_order": 0.0},  # costs nothing: a warning
        {"contacts": 500, "response_rate": 0.12, "baseline_rate": 0.05, "margin_per_order": 40.0,
         "cost_per_contact": 0.5, "incentive_per_order": 45.0},  # incentive above the margin: a warning
    ],
}


def calculator_pages() -> dict[str, str]:
    """Answer function name -> the first page (relative path) that shows its calculator."""
    found: dict[str, str] = {}
    for path in book_pages():
        for compute in re.findall(r'data-compute="[\w.]+:(\w+)"', path.read_text(encoding="utf-8")):
            found.setdefault(compute, path.relative_to(BOOK_HTML).as_posix())
    return found


PAGES = calculator_pages()
CASES = sorted(PAGES)

RESULT_MATCHES = """([form, expected]) => {
    const probe = document.createElement('div');
    probe.className = 'calc-result';
    probe.innerHTML = expected;
    form.querySelector('.calc-result').after(probe);  // same place, same styles, same language switch
    const result = form.querySelector('.calc-result');
    const seen = {html: result.innerHTML, expected: probe.innerHTML, text: result.innerText, expectedText: probe.innerText};
    probe.remove();
    return seen;
}"""

AXE_FORMS = """async (tags) => {
    const result = await axe.run({include: [['form.retention-calculator']]},
                                 {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => ({rule: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def typed(builder, name: str, value) -> str:
    """A value as a reader types it into the form: shares as percentages."""
    control = next(c for c in builder().static_controls() if c.name == name)
    return f"{round(value * control.scale, 9):g}"


def form_of(page, compute: str):
    return page.locator(f'form.retention-calculator[data-compute$=":{compute}"]').first


def wait_for_answer(page, form) -> None:
    """Until the answer to the form's latest setting has arrived (its request id is answered)."""
    page.wait_for_function(
        "f => f.dataset.request && f.dataset.answered === f.dataset.request",
        arg=form.element_handle(),
        timeout=ANSWER_TIMEOUT,
    )


def set_values(form, builder, values: dict) -> None:
    for name, value in values.items():
        form.locator(f'.calc-control[data-name="{name}"] input[type=number]').fill(typed(builder, name, value))


def choose(page, mode: str) -> None:
    page.select_option("#reader-lang-select", mode)


@pytest.fixture(scope="module")
def calculator_tab(browser, book_url):
    """One watched tab per calculator page, opened once (its engine loads once), in a context of its own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tabs = {}

    def open_tab(path: str):
        if path not in tabs:
            tab = context.new_page()
            tab.watch = watch_page(tab)
            tab.goto(book_url + path, wait_until="networkidle")
            tabs[path] = tab
        return tabs[path]

    try:
        yield open_tab
    finally:
        context.close()


def form_values(form, builder) -> dict:
    """The values the form stands for, read back from its number boxes (shares typed as percentages)."""
    values = {}
    for c in builder().static_controls():
        text = form.locator(f'.calc-control[data-name="{c.name}"] input[type=number]').input_value()
        values[c.name] = int(text) if c.kind == "int" else float(text) / c.scale
    return values


def test_every_calculator_of_the_package_is_in_the_book_and_tested():
    assert set(PAGES) == set(COMPUTE) == set(SETTINGS), (
        f"in the book: {sorted(PAGES)}; in the package: {sorted(COMPUTE)}; settings here: {sorted(SETTINGS)}"
    )


@browser_group
@pytest.mark.parametrize("compute", CASES)
def test_calculator_answers_with_the_package_function_in_every_language(calculator_tab, compute):
    builder = COMPUTE[compute]
    page = calculator_tab(PAGES[compute])
    form = form_of(page, compute)
    start = builder()
    seen = page.evaluate(RESULT_MATCHES, [form.element_handle(), start.compute(**start.values)])
    assert seen["html"] == seen["expected"], "the build-time answer is not the package's starting answer"
    for values in SETTINGS[compute]:
        expected_html = getattr(calculators, compute)(**values)
        assert expected_html != start.result.value, "a setting that keeps the starting answer proves nothing"
        set_values(form, builder, values)
        if form.get_attribute("data-answered") is None:  # first use of this page's engine
            status = form.locator(".calc-status").inner_text()
            assert "Loading the calculator" in status and "正在加载计算器" in status, status
        wait_for_answer(page, form)
        for mode in ("both", "en", "zh"):
            choose(page, mode)
            seen = page.evaluate(RESULT_MATCHES, [form.element_handle(), expected_html])
            assert seen["html"] == seen["expected"], f"{values}: the page's answer differs from the package's"
            assert seen["text"] == seen["expectedText"] and seen["text"].strip(), f"{mode}: {seen['text']!r}"
            has_han = re.search(r"[\u4e00-\u9fff]", seen["text"])
            has_latin = re.search(r"[A-Za-z]{3}", seen["text"])
            assert {"both": has_han and has_latin, "en": not has_han and has_latin, "zh": has_han and not has_latin}[mode]
        choose(page, "both")
        assert form.locator(".calc-status").inner_text() == ""
    assert not page.watch.problems(), page.watch.problems()


@browser_group
@pytest.mark.parametrize("compute", CASES)
def test_calculator_works_from_the_keyboard(calculator_tab, compute):
    """Tab to a slider, End and ArrowLeft move it; the number box follows and the answer is the package's."""
    builder = COMPUTE[compute]
    page = calculator_tab(PAGES[compute])
    form = form_of(page, compute)
    last = builder().static_controls()[-1]
    row = form.locator(f'.calc-control[data-name="{last.name}"]')
    row.locator("input[type=number]").focus()
    page.keyboard.press("Shift+Tab")  # back to this control's slider, as a keyboard user moves
    assert page.evaluate("document.activeElement.type") == "range"
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    wait_for_answer(page, form)
    shown = row.locator("input[type=number]").input_value()
    assert shown == last.shown(last.hi - last.step)
    values = form_values(form, builder)
    assert values[last.name] == float(shown) / last.scale
    seen = page.evaluate(RESULT_MATCHES, [form.element_handle(), getattr(calculators, compute)(**values)])
    assert seen["html"] == seen["expected"]


@browser_group
def test_a_number_outside_the_range_is_explained_not_computed(calculator_tab):
    page = calculator_tab(PAGES["ltv_result_html"])
    form = form_of(page, "ltv_result_html")
    before = form.locator(".calc-result").inner_html()
    form.locator('.calc-control[data-name="years"] input[type=number]').fill("99")
    status = form.locator(".calc-status").inner_text()
    assert "from 0 to 20" in status and "0 到 20" in status, status
    assert form.locator(".calc-result").inner_html() == before
    form.locator('.calc-control[data-name="years"] input[type=number]').fill("2")
    wait_for_answer(page, form)
    assert form.locator(".calc-status").inner_text() == ""


@browser_group
@pytest.mark.parametrize("mode", ["both", "zh"])
def test_calculator_forms_pass_axe(calculator_tab, mode):
    for path in sorted(set(PAGES.values())):
        page = calculator_tab(path)
        choose(page, mode)
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate(AXE_FORMS, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        choose(page, "both")
        assert not violations, f"{path} ({mode}): " + json.dumps(violations, ensure_ascii=False, indent=1)


@browser_group
def test_screenshots_of_a_working_calculator_in_each_language(calculator_tab, screenshots):
    page = calculator_tab(PAGES["churn_cost_html"])
    form = form_of(page, "churn_cost_html")
    set_values(form, COMPUTE["churn_cost_html"], {"customers": 2500, "churn_rate": 0.07, "acquisition_multiple": 6.5})
    wait_for_answer(page, form)
    for mode, name in (("en", "book-calculator-en.png"), ("zh", "book-calculator-zh.png")):
        choose(page, mode)
        form.scroll_into_view_if_needed()
        form.screenshot(path=str(screenshots / name))
    choose(page, "both")
    seen = page.evaluate(RESULT_MATCHES, [form.element_handle(), calculators.churn_cost_html(2500, 0.07, 6.5)])
    assert seen["html"] == seen["expected"]


HAN = re.compile(r"[\u4e00-\u9fff]")


@browser_group
def test_a_page_opened_from_disk_keeps_its_starting_answers_and_says_how_to_serve_the_book(browser, screenshots):
    """From file:// a module worker cannot start: every form keeps the answer written at build time, its
    controls do not move, and it tells the reader (English and 中文) the commands that serve the book."""
    path = PAGES["ltv_result_html"]
    address = f"http://127.0.0.1:8000/{path}"
    with own_tab(browser, viewport={"width": 1280, "height": 900}) as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((BOOK_HTML / path).as_uri(), wait_until="load")
        forms = page.locator("form.retention-calculator")
        assert forms.count() > 0
        form = form_of(page, "ltv_result_html")
        builder = COMPUTE["ltv_result_html"]
        start = builder()
        slider = form.locator("input[type=range]").first
        number = form.locator("input[type=number]").first
        before = {"slider": slider.input_value(), "number": number.input_value()}
        # Settle the layout first: one CI run found the slider "outside of the viewport" while the page's
        # fonts and images were still moving it.
        page.evaluate("document.fonts.ready")
        form.scroll_into_view_if_needed()
        slider.click(force=True)  # a reader reaches for the calculator: click, keys, typing
        page.keyboard.press("ArrowRight")
        page.keyboard.press("End")
        number.click(force=True)
        page.keyboard.type("42")
        page.wait_for_timeout(500)
        assert {"slider": slider.input_value(), "number": number.input_value()} == before
        assert form_values(form, builder) == start.values
        seen = page.evaluate(RESULT_MATCHES, [form.element_handle(), start.compute(**start.values)])
        assert seen["html"] == seen["expected"] and seen["text"].strip(), "the build-time answer is gone"
        for i in range(forms.count()):
            status = forms.nth(i).locator(".calc-status").inner_text()
            for needed in ("make serve", "python -m http.server", "_build/html", address, "opened as a file",
                           "直接以文件打开", "课程文件夹"):
                assert needed in status, f"form {i}: {needed!r} not in {status!r}"
        status = form.locator(".calc-status")
        for mode, shows_han, shows_english in (("en", False, True), ("zh", True, False)):
            choose(page, mode)
            text = status.inner_text()
            assert bool(HAN.search(text)) == shows_han and ("opened as a file" in text) == shows_english, (mode, text)
            assert "make serve" in text and address in text, (mode, text)
        choose(page, "both")
        form.scroll_into_view_if_needed()
        form.screenshot(path=str(screenshots / "book-calculator-from-disk.png"))
        engine = [url for url in requested if "calculator-worker" in url or "pyodide" in url]
        assert not engine, f"the page tried to start the engine from disk: {engine}"
        assert not page.watch.problems(), page.watch.problems()
