"""The student's JupyterLab, in a real browser: the first lesson runs, its calculator answers with the
package's numbers, and an assignment shows nbgrader's Validate button.

The suite starts its own ``jupyter lab`` on 127.0.0.1 (free port, random token) with a temporary HOME,
config, data and runtime directory, on a temporary copy of ``notebooks/`` and ``grading/source/``,
so nothing of the user's is read or written; the server is stopped at the end, even on failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browsing import ROOT, free_port, watch_page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from retention import value
from retention.ui.calculators import ltv_calculator

pytestmark = pytest.mark.xdist_group("lab")

LESSON = "01_why_keep_customers"
#: The LTV calculator's bilingual slider labels as the package writes them (lesson 01 shows it), in the
#: order lifetime_value takes its arguments: order value, orders a year, years.
SLIDERS = [control.description for control in ltv_calculator().controls.values()]
FIRST_SLIDER = SLIDERS[0]
BIN = Path(sys.executable).parent


def assignment_notebooks(root: Path) -> list[Path]:
    return sorted((root / "source").glob("*/*.ipynb"))


@pytest.fixture(scope="module")
def jupyter_lab(tmp_path_factory):
    """A private JupyterLab server; yields (base url, token, root dir) and always stops it."""
    base = tmp_path_factory.mktemp("lab")
    root, home = base / "root", base / "home"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "grading" / "source").is_dir():
        shutil.copytree(ROOT / "grading" / "source", root / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (ROOT / "datasets").is_dir():  # lessons that read data find it next to notebooks/, as in the repository
        shutil.copytree(ROOT / "datasets", root / "datasets")
    config = home / ".jupyter"
    (config / "labconfig").mkdir(parents=True)
    # No news or update checks (they would go to another host) and no pop-up asking about them.
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}})
    )
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
    )
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_PLATFORM_DIRS": "1",
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "mpl"),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    log = (base / "lab.log").open("w")
    process = subprocess.Popen(
        [
            str(BIN / "jupyter"), "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited with {process.returncode}:\n{(base / 'lab.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not start in 90 s:\n{(base / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield url, token, root
    finally:
        # The server runs in its own session (process group = its pid): stop it and its kernels.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        try:
            os.killpg(process.pid, signal.SIGKILL)  # any kernel left behind
        except ProcessLookupError:
            pass
        log.close()


@pytest.fixture(scope="module")
def lab_page(browser, jupyter_lab):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.watch = watch_page(tab)
    tab.set_default_timeout(60_000)
    try:
        yield tab
    finally:
        context.close()


def open_in_lab(page, jupyter_lab, relative: str):
    url, token, _ = jupyter_lab
    page.goto(f"{url}lab/tree/{relative}?token={token}", wait_until="domcontentloaded")
    panel = page.locator(".jp-NotebookPanel:visible").last
    panel.locator(".jp-Notebook").wait_for()
    return panel


def accept_kernel_dialog(page, wait=0):
    """If JupyterLab asks which kernel to start, take the one it proposes (the notebook's Python 3)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        dialog.wait_for(state="visible", timeout=wait) if wait else None
    except PlaywrightTimeout:
        return
    if dialog.count() and dialog.is_visible():
        dialog.locator("button.jp-mod-accept").click()
        dialog.wait_for(state="detached")


def start_kernel(page, jupyter_lab, notebook: str, timeout=90):
    """Wait until the notebook's kernel runs and is idle, choosing the proposed kernel if JupyterLab asks."""
    url, token, _ = jupyter_lab
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        accept_kernel_dialog(page)
        with urllib.request.urlopen(f"{url}api/sessions?token={token}", timeout=5) as response:
            sessions = json.load(response)
        if any(s["path"].endswith(notebook) and s["kernel"]["execution_state"] == "idle" for s in sessions):
            return
        page.wait_for_timeout(500)
    pytest.fail(f"no kernel started for {notebook} in {timeout} s")


def run_all_cells(page, panel, attempts=3):
    """Run → Run All Cells, as a student would; retried if the kernel connection was not ready yet."""
    first_prompt = panel.locator(".jp-CodeCell .jp-InputPrompt").first
    for _ in range(attempts):
        accept_kernel_dialog(page)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        accept_kernel_dialog(page, wait=3_000)
        try:
            page.wait_for_function(
                "(el) => /\\[(\\d+|\\*)\\]/.test(el.textContent)", arg=first_prompt.element_handle(), timeout=20_000
            )
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    pytest.fail("Run All Cells did not start the notebook")


def slider_box(calculator, label: str):
    return calculator.locator(".widget-slider").filter(has=calculator.page.locator(".widget-label", has_text=label))


def readout(calculator, label: str) -> float:
    text = slider_box(calculator, label).locator(".widget-readout").text_content()
    return float(text.replace(",", ""))


def money(amount: float) -> str:
    return f"£{amount:,.2f}"


def test_first_lesson_runs_and_its_calculator_answers_like_the_package(lab_page, jupyter_lab, screenshots):
    page = lab_page
    panel = open_in_lab(page, jupyter_lab, f"notebooks/{LESSON}.ipynb")
    panel.locator(".jp-CodeCell").first.wait_for(state="attached")
    start_kernel(page, jupyter_lab, f"{LESSON}.ipynb")
    page.wait_for_function(  # the page has connected to it
        "() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'"
    )
    run_all_cells(page, panel)

    # The innermost VBox holding the first slider is the calculator.
    calculator = panel.locator(".widget-vbox").filter(has=page.locator(".widget-label", has_text=FIRST_SLIDER)).last
    # Cells outside the viewport skip rendering (JupyterLab's windowing): wait for it, then scroll to it.
    calculator.wait_for(state="attached", timeout=120_000)
    calculator.scroll_into_view_if_needed()
    result = calculator.locator(".widget-html").last
    before = [readout(calculator, label) for label in SLIDERS]
    assert f"Lifetime value: {money(value.lifetime_value(*before))}" in result.text_content()

    handle = slider_box(calculator, FIRST_SLIDER).locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    shown_before = result.text_content()  # read before the key press: a fast kernel answers within milliseconds
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, old]) => el.textContent !== old",
        arg=[result.element_handle(), shown_before],
        timeout=30_000,
    )
    after = [readout(calculator, label) for label in SLIDERS]
    assert after[0] > before[0] and after[1:] == before[1:], (before, after)
    expected = money(value.lifetime_value(*after))
    page.wait_for_function(
        "([el, text]) => el.textContent.includes(text)", arg=[result.element_handle(), f"Lifetime value: {expected}"], timeout=30_000
    )
    shown = result.text_content()
    assert f"Lifetime value: {expected}" in shown and f"客户终身价值：{expected}" in shown, shown
    calculator.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshots / "lab-calculator.png"))
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()
    assert not page.watch.foreign_requests, page.watch.foreign_requests


def test_assignment_shows_nbgrader_validate_button(lab_page, jupyter_lab, screenshots):
    notebooks = assignment_notebooks(jupyter_lab[2])
    assert notebooks, "grading/source holds no assignment notebook"
    relative = notebooks[0].relative_to(jupyter_lab[2]).as_posix()
    panel = open_in_lab(lab_page, jupyter_lab, relative)
    button = panel.locator(".jp-Toolbar .validate-button")
    button.wait_for(state="visible", timeout=60_000)
    assert button.inner_text().strip() == "Validate"
    lab_page.screenshot(path=str(screenshots / "lab-assignment.png"))
    assert not lab_page.watch.foreign_requests, lab_page.watch.foreign_requests


def test_a_data_lesson_shows_closed_check_blocks_with_the_answer_keys_numbers(lab_page, jupyter_lab, screenshots):
    """Under the exercises, JupyterLab shows the same closed "Check your answer" blocks as the book."""
    from answer_blocks import blocks, expected

    lesson = "36_satisfaction"
    page = lab_page
    panel = open_in_lab(page, jupyter_lab, f"notebooks/{lesson}.ipynb")
    panel.locator(".jp-CodeCell").first.wait_for(state="attached")
    start_kernel(page, jupyter_lab, f"{lesson}.ipynb")
    run_all_cells(page, panel)
    check = panel.locator("details.cbec-answer-check").first
    check.wait_for(state="attached", timeout=120_000)
    check.scroll_into_view_if_needed()
    output = panel.locator(".jp-OutputArea-output").filter(has=page.locator("details.cbec-answer-check"))
    shown, wanted = blocks(output.inner_html(), lesson), expected(lesson)
    assert sorted(shown) == sorted(wanted)
    for exercise, rows in wanted.items():
        [block] = shown[exercise]
        assert not block.open and block.rows == rows, (exercise, block)
    table = check.locator("table")
    assert not table.is_visible(), "the figures stay hidden until the student opens the block"
    check.locator("summary").click()
    table.wait_for(state="visible")
    page.screenshot(path=str(screenshots / "lab-answer-check.png"))
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.first.inner_text()
