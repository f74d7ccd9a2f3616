"""Assignment 5 (a written reply): its machine checks count only when the grader runs them outside the kernel.

A reply has no one expected answer, so its tests hand the reply out and the course's checks judge it in
the grader's process (``CompareHandouts.check_command``), with the functions the test cells also run
in the kernel for the student's feedback. A submission that replaces those functions in its kernel
passes its own asserts and still gets only what its reply earns.
"""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from conftest import _release_and_solutions, fill, grade
from nbformat.v4 import new_code_cell, new_notebook, new_output

from nbgrader_sandbox.handout import MIME, CompareHandouts

pytestmark = pytest.mark.xdist_group("grading")

A5, A5_NB = "a5_reply_to_a_buyer", "reply_to_a_buyer"
A5_AUTO = 10.0  # the machine-checked points; the other 10 are the teacher's, by rubric
#: Stands in for the course's reply checks in the preprocessor tests: a reply under 3 characters fails.
CHECKER = ("import json, sys, time\n"
           "args = dict(zip(sys.argv[1::2], sys.argv[2::2]))\n"
           "if args.get('--mode') == 'hang': time.sleep(30)\n"
           "if args.get('--mode') == 'crash': raise SystemExit(3)\n"
           "requests = json.load(open(args['--input']))\n"
           "out = {r['grade_id']: [] if len(r['answers'].get('reply', '')) >= 3 else ['too short · 太短'] for r in requests}\n"
           "json.dump(out, open(args['--output'], 'w'))\n")


def _cell(reply):
    cell = new_code_cell("hand_out('t1', reply=reply)", metadata={"nbgrader": {
        "grade": True, "grade_id": "t1", "points": 2, "solution": False, "locked": True, "schema_version": 3}})
    cell.outputs = [new_output("display_data", data={MIME: {"grade_id": "t1", "answers": {"reply": reply}}})]
    return cell


def _judge(tmp_path, reply, mode="ok", seconds=60.0):
    from nbgrader.utils import determine_grade

    (tmp_path / "checker.py").write_text(CHECKER)
    (tmp_path / "expected.json").write_text(json.dumps({"nb": {"t1": {"$check": "length"}}}))
    pre = CompareHandouts(expected_file=str(tmp_path / "expected.json"), check_seconds=seconds, check_command=[
        sys.executable, str(tmp_path / "checker.py"), "--mode", mode, "--input", "{input}", "--output", "{output}"])
    nb, _ = pre.preprocess(new_notebook(cells=[_cell(reply)]), {"nbgrader": {"notebook": "nb", "assignment": "a"}})
    return determine_grade(nb.cells[0])[0], nb.cells[0].outputs


def test_a_reply_the_checks_accept_keeps_its_points(tmp_path):
    assert _judge(tmp_path, "Dear Emma") == (2, [])


@pytest.mark.parametrize("mode,seconds", [("ok", 60.0), ("hang", 1.0), ("crash", 60.0)], ids=["refused", "hangs", "crashes"])
def test_a_reply_scores_zero_unless_the_checks_ran_and_accepted_it(tmp_path, mode, seconds):
    reply = "Hi" if mode == "ok" else "Dear Emma"
    score, outputs = _judge(tmp_path, reply, mode, seconds)
    assert score == 0 and outputs[0].output_type == "error"
    assert ("too short" if mode == "ok" else "did not run") in outputs[0].evalue


def _submissions(course):
    release, good = _release_and_solutions(course, A5, A5_NB)
    patch = ("from retention.assignments import handout, replies\n"
             "replies.problems = lambda *args, **kwargs: []\n")
    return {
        "correct": fill(release, good),
        # A short Chinese reply, with every check function replaced in the kernel: its own asserts pass.
        "patched-checks": fill(release, {**good, "reply_answer": patch + 'reply = "您好，我们会处理。"\noptions = ["a", "b"]\n'}),
    }


def test_checks_replaced_in_the_kernel_earn_nothing_and_the_honest_reply_earns_all(fresh_course):
    subs = _submissions(fresh_course)
    for student, nb in subs.items():
        folder = fresh_course / "submitted" / student / A5
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{A5_NB}.ipynb"))
        (folder / "timestamp.txt").write_text("2026-01-10 12:00:00 UTC")
    results = grade(fresh_course, A5)
    scores = {student: r["score"] for student, r in results.items()}
    # The patched reply really has no forbidden phrase (2 points); every other check it fails outside the
    # kernel, though its own asserts all passed inside (10 points before the checks moved out).
    assert scores == {"correct": A5_AUTO, "patched-checks": 2.0}, \
        {s: r.get("message") or r.get("log", "")[-1500:] for s, r in results.items()}
