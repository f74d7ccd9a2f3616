"""nbgrader preprocessors the grader adds (outside the student's kernel, on the executed notebook).

Autograde (inserted before nbgrader's ``SaveAutoGrades``, see :func:`autograde_preprocessors`):

* :class:`StderrIsNotFailure`: nbgrader counts *any* stderr output of a test cell as a failed test,
  so a correct answer that triggers a warning (pandas' FutureWarning, a DeprecationWarning) loses
  the test's points. Text on stderr in a graded cell is kept, as stdout, so the student still sees
  it; failures are exceptions (``error`` outputs), which stay. Done here rather than with
  ``warnings`` filters in the kernel because the kernel runs student code (which can reset filters)
  and because logging or progress bars write to stderr too.
* :class:`LimitOutputBytes`: nbgrader's ``LimitOutput`` counts lines only, so one 50 MB line or a
  50 MB result is kept whole; this caps every output by bytes.

Feedback (:func:`feedback_preprocessors`):

* :class:`HideHiddenTests`: removes the hidden-test regions (nbgrader's ``ClearHiddenTests``; by
  default nbgrader's feedback shows them verbatim, its issue #917) and, when the failure happened
  inside a hidden region, the traceback that would quote it. ``--show-hidden-tests`` keeps them.
* :class:`ScrubPaths`: tracebacks and printed text lose the grader's absolute paths (the course,
  the Python installation, the temporary folders); a module's path below ``site-packages`` stays.
"""

from __future__ import annotations

import json
import re

from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor
from traitlets import Bool, Integer

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class StderrIsNotFailure(NbGraderPreprocessor):
    """In graded code cells, stderr stream output becomes stdout, so warnings cost no points."""

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.outputs:
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources


def _cut(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return (data[:limit].decode("utf-8", "ignore")
            + f"\n... output truncated: {len(data):,} bytes, limit {limit:,} · 输出过长，已截断 ...\n")


class LimitOutputBytes(NbGraderPreprocessor):
    """Cap each output at ``max_bytes`` (streams and tracebacks are cut, larger rich outputs replaced)."""

    max_bytes = Integer(100_000, help="Largest output kept per cell output, in bytes (-1: no limit).").tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or self.max_bytes < 0:
            return cell, resources
        for output in cell.outputs:
            if output.output_type == "stream":
                output.text = _cut(output.text, self.max_bytes)
            elif output.output_type == "error":
                output.evalue = _cut(output.evalue, self.max_bytes)
                kept, size = [], 0
                for line in output.traceback:
                    size += len(line.encode("utf-8"))
                    if size > self.max_bytes:
                        kept.append("... traceback truncated · 回溯过长，已截断 ...")
                        break
                    kept.append(line)
                output.traceback = kept
            elif "data" in output:
                size = len(json.dumps(output.data, ensure_ascii=False).encode("utf-8"))
                if size > self.max_bytes:
                    output.data = {"text/plain": f"... output of {size:,} bytes removed, limit "
                                                 f"{self.max_bytes:,} · 输出过大，已删除 ..."}
        return cell, resources


def _name(p) -> str:
    return (p if isinstance(p, str) else p.__name__).rsplit(".", 1)[-1]


def autograde_preprocessors(current: list) -> list:
    """nbgrader's autograde preprocessors with :class:`nbgrader_sandbox.handout.CompareHandouts` after
    execution, this module's two before ``SaveAutoGrades``, and ``Execute`` replaced by
    :class:`nbgrader_sandbox.restore.ExecuteUntilStuck`."""
    from nbgrader_sandbox.restore import ExecuteUntilStuck

    from nbgrader_sandbox.handout import CompareHandouts

    current = [ExecuteUntilStuck if _name(p) in ("Execute", "ExecuteUntilStuck") else p for p in current]
    if "CompareHandouts" not in [_name(p) for p in current]:  # right after execution, before outputs are cut
        at = [_name(p) for p in current].index("ExecuteUntilStuck") + 1
        current = [*current[:at], CompareHandouts, *current[at:]]
    names = [_name(p) for p in current]
    at = names.index("SaveAutoGrades") if "SaveAutoGrades" in names else len(current)
    return [*current[:at], StderrIsNotFailure, LimitOutputBytes, *current[at:]]


def sanitize_preprocessors(current: list) -> list:
    """nbgrader's sanitize preprocessors, ``OverwriteCells`` replaced by :class:`nbgrader_sandbox.restore.RestoreCells`."""
    from nbgrader_sandbox.restore import RestoreCells

    return [RestoreCells if _name(p) == "OverwriteCells" else p for p in current]


class HideHiddenTests(ClearHiddenTests):
    """Feedback without the hidden tests: their source, and tracebacks that point into them."""

    show_hidden_tests = Bool(False, help="Show hidden tests (and their tracebacks) in feedback.").tag(config=True)
    enforce_metadata = Bool(False)

    def preprocess_cell(self, cell, resources, cell_index):
        if self.show_hidden_tests or cell.cell_type != "code":
            return cell, resources
        lines = cell.source.split("\n")
        hidden, inside = set(), False
        for number, line in enumerate(lines, 1):
            if self.begin_test_delimeter in line:
                inside = True
            if inside:
                hidden.add(number)
            if self.end_test_delimeter in line:
                inside = False
        if not self._remove_hidden_test_region(cell):
            return cell, resources
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            where = re.search(r"Cell In\[\d+\], line (\d+)", ANSI.sub("", "\n".join(output.traceback)))
            if where is None or int(where.group(1)) in hidden or int(where.group(1)) > len(lines):
                output.evalue = ""
                output.traceback = [f"{output.ename}: a hidden test failed (its details are not shown) · "
                                    f"隐藏测试未通过（不显示细节）"]
            else:  # a visible line failed: its frame still quotes the lines around it, hidden ones too
                output.traceback = [_without_lines(frame, hidden) if _TEST_FRAME.search(ANSI.sub("", frame))
                                    else frame for frame in output.traceback]
        return cell, resources


_TEST_FRAME = re.compile(r"^Cell In\[\d+\], line \d+\n", re.M)
_NUMBERED = re.compile(r"^\s*(?:-+>\s*)?(\d+)\s")


def _without_lines(frame: str, numbers: set[int]) -> str:
    """The traceback frame of the test cell without its quoted lines ``numbers`` (IPython numbers them)."""
    out = frame.split("\n")
    return "\n".join(line for line in out if not ((m := _NUMBERED.match(ANSI.sub("", line)))
                                                  and int(m.group(1)) in numbers))


_SITE = re.compile(r"(?<![\w.~/:])/(?:[^\s/:'\"()\x1b]+/)*(?:site|dist)-packages/")
_ABS = re.compile(r"(?<![\w.~/:])/(?:[^\s/:'\"()\x1b]+/)+(?=[^\s/:'\"()\x1b])")


def scrub_paths(text: str) -> str:
    """Absolute paths shortened: below site-packages to the module's path, otherwise to '…/name'."""
    parts = re.split(f"({ANSI.pattern})", text)  # colour codes stay, paths between them are scrubbed
    return "".join(p if ANSI.fullmatch(p) else _ABS.sub("…/", _SITE.sub("", p)) for p in parts)


class ScrubPaths(NbGraderPreprocessor):
    """No absolute path of the grader's machine in the feedback's outputs and tracebacks."""

    def preprocess_cell(self, cell, resources, cell_index):
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                output.text = scrub_paths(output.text)
            elif output.output_type == "error":
                output.evalue = scrub_paths(output.evalue)
                output.traceback = [scrub_paths(line) for line in output.traceback]
            elif "text/plain" in output.get("data", {}):
                output.data["text/plain"] = scrub_paths(output.data["text/plain"])
        return cell, resources


def feedback_preprocessors() -> list[str]:
    """nbgrader's feedback preprocessors plus :class:`HideHiddenTests`, :class:`ScrubPaths` and the byte cap."""
    return ["nbgrader.preprocessors.GetGrades", f"{__name__}.HideHiddenTests", f"{__name__}.ScrubPaths",
            f"{__name__}.LimitOutputBytes", "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
