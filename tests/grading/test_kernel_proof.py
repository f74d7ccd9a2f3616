"""Checks the student's kernel cannot alter: submissions that attack the comparisons, named by intent.

Test cells hand the student's answers out of the kernel; nbgrader_sandbox.handout.CompareHandouts
compares them in the grader's process with expected answers the kernel never sees. Each hostile
submission gets exactly the score of its honest answers (or less), never more; the first tests
drive the preprocessor on notebooks directly, the others grade real submissions in the sandbox.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from nbgrader_sandbox.handout import MIME, CompareHandouts

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB, A3, A3_NB = "a1_retention_economics", "retention_economics", "a3_rfm_and_cohorts", "rfm_and_cohorts"


# --- the preprocessor on its own ----------------------------------------------------------------


def _test_cell(grade_id, *outputs):
    cell = new_code_cell("hand_out(...)", metadata={"nbgrader": {
        "grade": True, "grade_id": grade_id, "points": 2, "solution": False, "locked": True, "schema_version": 3}})
    cell.outputs = list(outputs)
    return cell


def _handout(grade_id, answers):
    return new_output("display_data", data={MIME: {"grade_id": grade_id, "answers": answers}})


def _compare(tmp_path, *cells, expected=None):
    path = tmp_path / "expected.json"
    path.write_text(json.dumps({"nb": expected or {"t1": {"x": 1000.0, "rows": {str(i): float(i) for i in range(50)}}}}))
    nb = new_notebook(cells=list(cells))
    pre = CompareHandouts(expected_file=str(path))
    nb, _ = pre.preprocess(nb, {"nbgrader": {"notebook": "nb", "assignment": "a"}})
    return nb.cells


def _verdict(cell):
    from nbgrader.utils import determine_grade

    return determine_grade(cell)[0]


def test_a_matching_handout_keeps_the_points_and_leaves_no_data_behind(tmp_path):
    rows = {str(i): float(i) for i in range(50)}
    [cell] = _compare(tmp_path, _test_cell("t1", _handout("t1", {"x": 1000.0000001, "rows": rows})))
    assert _verdict(cell) == 2 and cell.outputs == []


@pytest.mark.parametrize("case", ["wrong value", "wrong type", "missing", "another test", "missing name",
                                  "one wrong row", "partial credit before the error"])
def test_everything_but_the_expected_answer_scores_zero(tmp_path, case):
    rows = {str(i): float(i) for i in range(50)}
    outputs = {
        "wrong value": [_handout("t1", {"x": 999.0, "rows": rows})],
        "wrong type": [_handout("t1", {"x": "1000", "rows": rows})],
        "missing": [new_output("stream", name="stdout", text=json.dumps({"grade_id": "t1", "x": 1000}))],
        "another test": [_handout("t2", {"x": 1000.0, "rows": rows})],
        "missing name": [_handout("t1", {"rows": rows})],
        "one wrong row": [_handout("t1", {"x": 1000.0, "rows": {**rows, "7": 8.0}})],
        # an execute_result that nbgrader would read as partial credit, put before the hand-out
        "partial credit before the error": [new_output("execute_result", data={"text/plain": "2.0"}, execution_count=1),
                                            _handout("t1", {"x": 1.0, "rows": rows})],
    }[case]
    [cell] = _compare(tmp_path, _test_cell("t1", *outputs))
    assert _verdict(cell) == 0
    assert cell.outputs[0].output_type == "error" and cell.outputs[0].ename == "AnswerMismatch"
    shown = json.dumps(cell.outputs[0], ensure_ascii=False)
    assert "1000" not in shown and " · " in shown, "the message is bilingual and never shows the expected value"


def test_the_last_handout_of_the_cell_counts(tmp_path):
    rows = {str(i): float(i) for i in range(50)}
    right, wrong = _handout("t1", {"x": 1000.0, "rows": rows}), _handout("t1", {"x": 1.0, "rows": rows})
    [first, second] = _compare(tmp_path, _test_cell("t1", right, wrong), _test_cell("t1", wrong, right))
    assert _verdict(first) == 0 and _verdict(second) == 2


def test_a_test_without_expected_answers_fails_loudly(tmp_path):
    [cell] = _compare(tmp_path, _test_cell("t9", _handout("t9", {"x": 1})))
    assert _verdict(cell) == 0 and "no expected answers" in cell.outputs[0].evalue


def _other_notebook_expected():
    return {"t1": {"x": 1000.0}}


@pytest.mark.parametrize("outputs", [[], [_handout("t1", {"x": 1000.0})]], ids=["no hand-out", "a right hand-out"])
def test_a_handing_out_test_fails_when_the_expected_answers_miss_its_notebook(tmp_path, outputs):
    """The restored source calls hand_out: the expected answers must cover it, whatever the kernel printed."""
    path = tmp_path / "expected.json"
    path.write_text(json.dumps({"another notebook": _other_notebook_expected()}))
    nb = new_notebook(cells=[_test_cell("t1", *outputs)])
    nb, _ = CompareHandouts(expected_file=str(path)).preprocess(nb, {"nbgrader": {"notebook": "nb", "assignment": "a"}})
    assert _verdict(nb.cells[0]) == 0 and "no expected answers" in nb.cells[0].outputs[0].evalue


def test_a_plain_test_of_a_notebook_without_hand_outs_keeps_its_own_verdict(tmp_path):
    """A written assignment's test asserts in the kernel (no hand_out call): the grader leaves it alone."""
    plain = _test_cell("t1")
    plain.source = "assert check(reply)"
    path = tmp_path / "expected.json"
    path.write_text(json.dumps({}))
    nb, _ = CompareHandouts(expected_file=str(path)).preprocess(new_notebook(cells=[plain]),
                                                                {"nbgrader": {"notebook": "nb", "assignment": "a"}})
    assert _verdict(nb.cells[0]) == 2 and nb.cells[0].outputs == []


def test_a_hand_out_a_plain_test_did_not_ask_for_scores_zero(tmp_path):
    """Student code that makes a plain test's output look like a hand-out only costs that test."""
    plain = _test_cell("t1", _handout("t1", {"x": 1}))
    plain.source = "assert check(reply)"
    path = tmp_path / "expected.json"
    path.write_text(json.dumps({}))
    nb, _ = CompareHandouts(expected_file=str(path)).preprocess(new_notebook(cells=[plain]),
                                                                {"nbgrader": {"notebook": "nb", "assignment": "a"}})
    assert _verdict(nb.cells[0]) == 0 and "no expected answers" in nb.cells[0].outputs[0].evalue


# --- hostile submissions, graded in the sandbox ---------------------------------------------------

#: The line of the correct ltv answer that off-by-one submissions change (ltv_stays wrong: -3 points).
OFF_BY_ONE = ("ltv_stays = 10 * 10 * 10\n", "ltv_stays = 10 * 10 * 11\n")


def a1_kernel_attacks(grading, course):
    """Assignment 1 submissions that try to make wrong answers pass: name -> (notebook, points)."""
    release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    good = grading.solutions(nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4))
    off = good["ltv_answer"].replace(*OFF_BY_ONE)
    assert off != good["ltv_answer"]

    def attack(code, ltv=off, points=17.0, **more):
        return grading.fill(release, {**good, "ltv_answer": ltv + "\n" + code, **more}), points

    mime = repr(MIME)
    forged = "{'ltv_stays': 1000.0, 'ltv_uplift': 1331.0}"  # the right answers, handed out from the wrong place
    guessed = "{'ltv_stays': 1100.0, 'ltv_uplift': 1210.0}"  # what a helper that cannot see the answers hands out
    return {
        "patches-math-isclose": attack("import math\nmath.isclose = lambda *a, **k: True"),
        "patches-numpy-allclose": attack(
            "import numpy as np\nnp.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)",
            ltv=good["ltv_answer"],
            churn_answer=good["churn_answer"].replace('"total_cost_n": [', '"total_cost_n": [1 + ')),
        "patches-the-checks": attack("from retention.assignments import checks\n"
                                     "for name in dir(checks):\n"
                                     "    if not name.startswith('_') and callable(getattr(checks, name)):\n"
                                     "        setattr(checks, name, lambda value, *a, **k: value)"),
        "patches-the-handout-helper": attack(
            "from retention.assignments import handout\nfrom IPython.display import display\n"
            f"handout.hand_out = lambda grade_id, **answers: display({{{mime}: {{'grade_id': grade_id, "
            f"'answers': {guessed} if grade_id == 'ltv_hidden' else answers}}}}, raw=True)",
            ltv="ltv_leaves = 100\nltv_stays = ltv_uplift = 0\n", points=17.0),
        "input-transformer-skips-tests": attack(
            "def skip(lines):\n    return ['pass\\n'] if any('hand_out(' in line for line in lines) else lines\n"
            "get_ipython().input_transformers_cleanup.append(skip)", ltv=good["ltv_answer"], points=0.0),
        "input-transformer-rewrites-checks": attack(
            "def lenient(lines):\n    return [line.replace('checks.number(', '(lambda *a, **k: None)(') for line in lines]\n"
            "get_ipython().input_transformers_post.append(lenient)"),
        "forged-handout-in-an-answer-cell": attack(
            f"from IPython.display import display\ndisplay({{{mime}: {{'grade_id': 'ltv_hidden', 'answers': {forged}}}}}, raw=True)"),
        "hook-hands-out-for-another-test": attack(
            "from IPython.display import display\n"
            f"def forge():\n    display({{{mime}: {{'grade_id': 'churn_visible', 'answers': {{'churn_cost_n(1000, 0.1)': 1400.0}}}}}}, raw=True)\n"
            "get_ipython().events.register('post_execute', forge)", ltv=good["ltv_answer"], points=2.0),
        "calls-the-package-solution": attack(
            "", ltv=good["ltv_answer"], points=16.0,
            clv_answer="from retention import discounted_clv\n\ndef clv(margin, retention, discount):\n"
                       "    return discounted_clv(margin, retention, discount)\n"),
        "looks-for-the-answers": attack('''
import glob, importlib, os, retention
package = os.path.dirname(retention.__file__)
print("package files", sorted(os.listdir(package)), sorted(os.listdir(os.path.join(package, "assignments"))))
for module in ("retention.value", "retention.complaints", "retention.acquisition", "retention.assignments.expected"):
    try:
        importlib.import_module(module)
        print("LEAK imported", module)
    except ImportError as error:
        print("hidden", module, type(error).__name__)
print("expected files seen", glob.glob("/tmp/**/expected*", recursive=True))
''', ltv=good["ltv_answer"], points=20.0),
    }


def a3_kernel_attacks(grading, course):
    """Assignment 3: the RFM part answered by the course's own rfm_table, imported or read from its source."""
    release = nbformat.read(str(course / "release" / A3 / f"{A3_NB}.ipynb"), as_version=4)
    good = grading.solutions(nbformat.read(str(course / "source" / A3 / f"{A3_NB}.ipynb"), as_version=4))
    # Without the RFM table: rfm_small, rfm_frequency, rfm_full (3 + 3 + 4) and the segments (2 + 3) are lost;
    # without sales, everything but rfm_table's two small-example tests (3 + 3).
    return {
        "calls-the-package-rfm-table": (grading.fill(release, {**good, "rfm_answer": (
            "from retention.rfm import rfm_table\n\nrfm = rfm_table(sales, AS_OF)\n")}), 15.0),
        "reads-the-package-source": (grading.fill(release, {**good, "rfm_answer": (
            "import os, retention\nsource = open(os.path.join(os.path.dirname(retention.__file__), 'rfm.py')).read()\n"
            "exec(source)\nrfm = rfm_table(sales, AS_OF)\n")}), 15.0),
        "cleans-with-the-package": (grading.fill(release, {**good, "clean_answer": (
            "from retention.cleaning import clean_transactions\n\ndef clean_orders(orders):\n"
            "    return clean_transactions(orders, drop_non_product=False)\n\nsales = clean_orders(orders)\n")}),
            6.0),
    }


@pytest.fixture(scope="module")
def attacked(released_course, tmp_path_factory, grading):
    """Every hostile submission above, graded by the parallel sandboxed grader: assignment -> student -> result."""
    import shutil

    source, _ = released_course
    course = tmp_path_factory.mktemp("kernel-proof") / "grading"
    shutil.copytree(source, course)
    subs = {A1: a1_kernel_attacks(grading, course), A3: a3_kernel_attacks(grading, course)}
    results = {}
    for assignment, cases in subs.items():
        notebook = A1_NB if assignment == A1 else A3_NB
        grading.write_submissions(course, {s: (nb, grading.Expect(p)) for s, (nb, p) in cases.items()},
                                  assignment, notebook)
        timeout = grading.CELL_TIMEOUT if assignment == A1 else grading.DATA_CELL_TIMEOUT
        results[assignment] = grading.grade(course, assignment, cell_timeout=timeout, wall_seconds=120)
    return course, subs, results


A1_CASES = ["patches-math-isclose", "patches-numpy-allclose", "patches-the-checks", "patches-the-handout-helper",
            "input-transformer-skips-tests", "input-transformer-rewrites-checks", "forged-handout-in-an-answer-cell",
            "hook-hands-out-for-another-test", "calls-the-package-solution", "looks-for-the-answers"]
A3_CASES = ["calls-the-package-rfm-table", "reads-the-package-source", "cleans-with-the-package"]


@pytest.mark.parametrize("assignment,student", [(A1, s) for s in A1_CASES] + [(A3, s) for s in A3_CASES],
                         ids=[*A1_CASES, *A3_CASES])
def test_a_hostile_submission_gets_only_what_its_own_answers_earn(attacked, assignment, student):
    course, subs, results = attacked
    assert set(subs[assignment]) == set(A1_CASES if assignment == A1 else A3_CASES)
    result = results[assignment][student]
    assert result["status"] == "ok", result.get("message") or result.get("log", "")[-2000:]
    assert result["score"] == subs[assignment][student][1], result.get("log", "")[-1500:]


def test_the_kernel_never_reads_the_answers_or_the_modules_that_compute_them(attacked):
    course, _, _ = attacked
    nb = nbformat.read(str(course / "autograded" / "looks-for-the-answers" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "package files" in printed and "hidden retention.assignments.expected" in printed, printed[-2000:]
    assert "LEAK" not in printed and "expected.py" not in printed and "value.py" not in printed
    assert re.search(r"expected files seen \[\]", printed), printed[-2000:]


def test_hand_outs_are_removed_from_the_autograded_notebooks(attacked):
    course, _, _ = attacked
    text = (course / "autograded" / "patches-math-isclose" / A1 / f"{A1_NB}.ipynb").read_text(encoding="utf-8")
    assert MIME not in text and "AnswerMismatch" in text
