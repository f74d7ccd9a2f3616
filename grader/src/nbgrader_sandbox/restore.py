"""Grade what can be graded: nbgrader preprocessors that survive damaged submissions.

Stock nbgrader turns several small accidents into "NbGraderException: Please see the the above"
and a 0 for the whole submission:

* a test cell copied twice: ``DeduplicateIds`` empties the copy's nbgrader metadata, and
  ``OverwriteCells.add_missing_task_cells`` then fails on the missing ``grade_id`` (KeyError);
* a renamed ``grade_id``: ``OverwriteCells`` deletes the unknown id and fails the same way;
* a loop that ignores SIGINT: the cell cannot be interrupted at its time limit and nbclient's
  ``CellTimeoutError`` ends the whole notebook.

:class:`RestoreCells` (instead of ``OverwriteCells``) first turns a cell whose nbgrader metadata has
no id, or an id the gradebook does not know, into an ordinary cell; nbgrader then restores the
original test cell from the gradebook as for a deleted one (the report lists it).
:class:`ExecuteUntilStuck` (instead of ``Execute``) records a cell that could not be interrupted as
a ``CellTimeoutError`` in that cell, keeps every grade before it, and marks every later cell as not
run (an ``error`` output, so no later test passes by having no output) instead of failing the
submission. It also takes over a kernel the grader started ahead (:func:`hand_over`).
"""

from __future__ import annotations

from nbclient.exceptions import CellTimeoutError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute, OverwriteCells


class RestoreCells(OverwriteCells):
    """``OverwriteCells`` that treats cells with a missing or unknown grade id as ordinary cells."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            source = gb.find_notebook(resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
            known = {cell.name for cell in source.source_cells}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is not None and meta.get("grade_id") not in known:
                self.log.warning("cell with grade id %r (not in the source) graded as an ordinary cell",
                                 meta.get("grade_id"))
                del cell.metadata["nbgrader"]
        return super().preprocess(nb, resources)


#: The kernel manager of a kernel the grader started ahead for this worker's next notebook, if any.
_started_ahead: list = []


def hand_over(km) -> None:
    """Let the next notebook this process executes use ``km``, whose kernel is already starting."""
    _started_ahead[:] = [km]


def take_back():
    """The kernel manager handed over and not used (None if a notebook took it)."""
    return _started_ahead.pop() if _started_ahead else None


class ExecuteUntilStuck(Execute):
    """nbgrader's ``Execute``; a cell that cannot be interrupted stops execution, not grading."""

    def preprocess(self, nb, resources=None, retries=None):
        self._stuck = None
        return super().preprocess(nb, resources, retries)

    def create_kernel_manager(self):
        """The kernel started ahead for this notebook (nbclient then shuts it down as its own), else a new one."""
        km = take_back()
        if km is None:
            return super().create_kernel_manager()
        self.km = km
        return km

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._stuck is not None:
            cell.outputs = [new_output("error", ename="NotRun", evalue="",
                                       traceback=[f"NotRun: not run, cell {self._stuck} could not be interrupted "
                                                  f"at its time limit · 未运行：第 {self._stuck} 个单元格超时且无法中断"])]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except CellTimeoutError:
            self._stuck = index
            cell.outputs.append(new_output("error", ename="CellTimeoutError", evalue="",
                                           traceback=["CellTimeoutError: the cell ran past its time limit and "
                                                      "ignored the interrupt · 单元格超时且忽略了中断"]))
            return cell, resources
