"""Checks the student's kernel cannot alter: answers handed out of the kernel, compared outside it.

The protocol (any course can use it; this package never imports the course):

* A test cell, in the kernel, hands the student's answers out as plain data: one ``display_data``
  output of the MIME type :data:`MIME` holding ``{"grade_id": <the cell's id>, "answers": {name:
  value}}`` (JSON: numbers, strings, booleans, null for NaN, lists, objects).
* The course names a command that writes the expected answers, computed outside the sandbox, as a
  JSON file ``{notebook: {grade_id: {name: value}}}`` (``CompareHandouts.expected_command``, with
  ``{python}``, ``{output}`` and ``{assignment}`` replaced). The sandboxed grader runs it once per
  run into a folder no kernel sees; stock ``nbgrader autograde`` runs it once per process.
* :class:`CompareHandouts`, an nbgrader preprocessor in the grader's process (after ``Execute``,
  before ``SaveAutoGrades``), reads each graded code cell's *own* outputs, takes the last hand-out,
  and compares it with the expected answers. A mismatch, a missing hand-out or one naming another
  cell becomes an ``error`` output put first in the cell, so nbgrader scores the cell 0 with its
  own rules and gradebook; the hand-outs themselves are removed from the notebook.

* An answer with no one right value (a written reply) is marked ``{"$check": <name>}`` in the expected
  answers: the grader hands every such hand-out of a notebook, as plain data, to the course's
  ``check_command`` (run once per notebook, outside the kernel, with a time limit), which answers
  ``{grade_id: [problems]}``; problems fail the test the same way.

What the kernel controls can only lower a score: an in-kernel failure is an error output (0), and
a pass needs a hand-out equal to values the kernel never sees, or one the course's checks accept
when they run outside the kernel.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile

from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, List, Unicode

#: The MIME type of a hand-out (the course's kernel-side helper writes the same string).
MIME = "application/vnd.nbgrader-sandbox.answers+json"
#: Shown instead of values: the expected answers stay secret, even in the instructor's notebook.
ENAME = "AnswerMismatch"
#: A ``$check`` test whose check gave no verdict (no command, a crash, a time-out, a malformed answer).
NOT_CHECKED = ["the check did not run · 检查没有运行"]

_expected_cache: dict[tuple, dict] = {}


def run_expected_command(command: list[str], assignment: str, output: str, env: dict | None = None) -> dict:
    """Run the course's expected-answers command for ``assignment`` into ``output``; return the JSON.

    ``env``: extra environment variables (the grader passes its ``kernel_env``, e.g. where the data is)."""
    cmd = [part.format(python=sys.executable, output=output, assignment=assignment) for part in command]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if done.returncode != 0 or not os.path.isfile(output):
        raise RuntimeError(f"the expected-answers command failed ({' '.join(cmd)}): "
                           f"{(done.stdout + done.stderr).strip()[-2000:]}")
    with open(output, encoding="utf-8") as f:
        return json.load(f)


def _is_number(value) -> bool:
    return type(value) in (int, float)


def differences(actual, expected, name: str, rel: float, abs_tol: float) -> list[str]:
    """What differs between a handed-out answer and the expected one, in words that never show the
    expected value; [] when they match."""
    if isinstance(expected, dict) and "$one_of" in expected:
        if any(not differences(actual, option, name, rel, abs_tol) for option in expected["$one_of"]):
            return []
        return [f"{name}: not an accepted answer · 不是可接受的答案"]
    if expected is None or (type(expected) is float and math.isnan(expected)):
        if actual is None or (type(actual) is float and math.isnan(actual)):
            return []
        return [f"{name}: should be empty (NaN) · 应为空值（NaN）"]
    if _is_number(expected):
        if not _is_number(actual) or math.isnan(actual):
            return [f"{name}: not a number · 不是数字"]
        if math.isclose(float(actual), float(expected), rel_tol=rel, abs_tol=abs_tol):
            return []
        return [f"{name}: not the expected value · 与预期值不符"]
    if isinstance(expected, (str, bool)):
        return [] if type(actual) is type(expected) and actual == expected else \
            [f"{name}: not the expected {'text' if isinstance(expected, str) else 'truth value'} · 与预期不符"]
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{name}: should be a list · 应为列表"]
        if len(actual) != len(expected):
            return [f"{name}: {len(actual)} entries, expected {len(expected)} · 有 {len(actual)} 项，应为 {len(expected)} 项"]
        wrong = sum(bool(differences(a, e, name, rel, abs_tol)) for a, e in zip(actual, expected))
        return [f"{name}: {wrong} of {len(expected)} entries differ · {len(expected)} 项中有 {wrong} 项不符"] if wrong else []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{name}: should be a table or mapping · 应为表格或映射"]
        missing, extra = set(expected) - set(actual), set(actual) - set(expected)
        if len(expected) > 20:  # a column of a table: counts, not one line per entry
            wrong = sum(bool(differences(actual[k], expected[k], name, rel, abs_tol)) for k in set(expected) & set(actual))
            if missing or extra or wrong:
                return [f"{name}: {len(missing)} missing, {len(extra)} extra and {wrong} different entries "
                        f"of {len(expected)} · 共 {len(expected)} 项，缺少 {len(missing)} 项，多出 {len(extra)} 项，"
                        f"{wrong} 项不符"]
            return []
        found = [f"{name}: {k!s} is missing · 缺少 {k!s}" for k in sorted(missing)]
        found += [f"{name}: {k!s} is not expected · 多出 {k!s}" for k in sorted(extra)]
        for key in sorted(set(expected) & set(actual)):
            found += differences(actual[key], expected[key], str(key) if name == "answers" else f"{name}[{key}]",
                                 rel, abs_tol)
        return found
    return [f"{name}: cannot be compared · 无法比较"]


def _handouts(cell) -> list:
    return [o for o in cell.outputs if o.output_type in ("display_data", "execute_result") and MIME in o.get("data", {})]


def _error(lines: list[str]):
    text = [f"{ENAME}: {line}" for line in lines]
    return new_output("error", ename=ENAME, evalue=lines[0] if lines else "", traceback=text)


class CompareHandouts(NbGraderPreprocessor):
    """Compare every graded code cell's hand-out with the expected answers; a failure scores the cell 0."""

    expected_file = Unicode("", help="JSON file of expected answers {notebook: {grade_id: {name: value}}} "
                                     "(the sandboxed grader sets it; empty: run expected_command).").tag(config=True)
    expected_command = List(Unicode(), help=(
        "Command that writes the expected answers of '{assignment}' to '{output}' as JSON, run outside the "
        "kernel ('{python}': this Python). Empty: no hand-outs are checked.")).tag(config=True)
    handout_call = Unicode("hand_out(", help=(
        "Text that marks a test cell as one that hands answers out: such a cell (its source as restored "
        "from the gradebook, never the student's) must have expected answers and a hand-out, even when the "
        "expected answers list nothing for its notebook.")).tag(config=True)
    check_command = List(Unicode(), help=(
        "Command that judges the hand-outs of tests whose expected answers are {'$check': name}: it reads "
        "'{input}' ([{grade_id, check, answers}], JSON) and writes '{output}' ({grade_id: [problems]}); run "
        "outside the kernel ('{python}': this Python). Empty: such tests fail.")).tag(config=True)
    check_seconds = Float(60.0, help="Time limit of one run of check_command.").tag(config=True)
    rel_tol = Float(1e-6, help="Relative tolerance of number comparisons.").tag(config=True)
    abs_tol = Float(1e-6, help="Absolute tolerance of number comparisons.").tag(config=True)

    def _expected(self, resources) -> dict:
        if self.expected_file:
            with open(self.expected_file, encoding="utf-8") as f:
                every = json.load(f)
        elif self.expected_command:
            assignment = resources["nbgrader"]["assignment"]
            key = (tuple(self.expected_command), assignment)
            if key not in _expected_cache:
                with tempfile.TemporaryDirectory() as folder:
                    _expected_cache[key] = run_expected_command(self.expected_command, assignment,
                                                                os.path.join(folder, "expected.json"))
            every = _expected_cache[key]
        else:
            every = {}
        return every.get(resources["nbgrader"]["notebook"]) or {}

    def preprocess(self, nb, resources):
        self._table = self._expected(resources)
        self._verdicts = self._run_checks(nb)
        return super().preprocess(nb, resources)

    def _run_checks(self, nb) -> dict:
        """{grade_id: problems} from the course's check command for every ``$check`` test's last own hand-out."""
        requests = []
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            wanted = self._table.get(grade_id) if cell.cell_type == "code" and utils.is_grade(cell) else None
            handed = _handouts(cell) if isinstance(wanted, dict) and "$check" in wanted else []
            payload = handed[-1]["data"][MIME] if handed else None
            if isinstance(payload, dict) and payload.get("grade_id") == grade_id:
                requests.append({"grade_id": grade_id, "check": wanted["$check"], "answers": payload.get("answers")})
        if not requests:
            return {}
        if not self.check_command:
            return {r["grade_id"]: ["the course names no check command · 课程没有配置检查命令"] for r in requests}
        with tempfile.TemporaryDirectory() as folder:
            given, output = os.path.join(folder, "handouts.json"), os.path.join(folder, "verdicts.json")
            with open(given, "w", encoding="utf-8") as f:
                json.dump(requests, f)
            cmd = [part.format(python=sys.executable, input=given, output=output) for part in self.check_command]
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=self.check_seconds)
                with open(output, encoding="utf-8") as f:
                    verdicts = json.load(f) if done.returncode == 0 else {}
            except (OSError, ValueError, subprocess.TimeoutExpired) as error:
                self.log.error("check command failed: %s", error)
                verdicts = {}
        if not isinstance(verdicts, dict):
            verdicts = {}
        found = {r["grade_id"]: verdicts.get(r["grade_id"]) for r in requests}
        return {gid: [str(p) for p in v] if isinstance(v, list) else NOT_CHECKED for gid, v in found.items()}

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell):
            return cell, resources
        grade_id = cell.metadata.nbgrader.get("grade_id")
        handed = _handouts(cell)
        cell.outputs = [o for o in cell.outputs if o not in handed]
        # The restored test source says whether the cell hands out; the kernel's outputs never decide it.
        if not self._table and not (self.handout_call and self.handout_call in cell.source):
            if handed:
                cell.outputs.insert(0, _error(["the test handed out answers, but this notebook has no expected "
                                               "answers · 该测试交出了答案，但本作业没有预期答案"]))
            return cell, resources
        if grade_id not in self._table:
            problems = [f"no expected answers for test {grade_id!r}: the course's expected-answers command "
                        f"must list it · 课程的预期答案中没有测试 {grade_id!r}"]
        elif any(o.output_type == "error" for o in cell.outputs):
            return cell, resources  # failed in the kernel already: 0 points either way
        elif not handed:
            problems = ["the test handed no answers to the grader (it did not run as written) · "
                        "测试没有把答案交给评分程序（未按原样运行）"]
        else:
            payload = handed[-1]["data"][MIME]
            wanted = self._table[grade_id]
            if not isinstance(payload, dict) or payload.get("grade_id") != grade_id:
                problems = ["the answers handed out belong to another test · 交出的答案属于另一个测试"]
            elif isinstance(wanted, dict) and "$check" in wanted:
                problems = self._verdicts.get(grade_id, NOT_CHECKED)
            else:
                problems = differences(payload.get("answers"), self._table[grade_id], "answers", self.rel_tol,
                                       self.abs_tol)
        if problems:
            cell.outputs.insert(0, _error(problems[:20]))  # first: nbgrader reads outputs in order
        return cell, resources
