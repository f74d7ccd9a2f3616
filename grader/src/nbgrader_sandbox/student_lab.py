"""The students' JupyterLab: nbgrader's Validate button, without the instructor's tools.

Enabled by the student configuration (``grading/student-jupyter/``, used by ``make lab``), which
turns off nbgrader's formgrader and course-list server extensions and the Create Assignment,
Formgrader and Course List lab plugins, and replaces nbgrader's validate server extension with this
one: the same handler (nbgrader's ``ValidateAssignmentHandler``) except that a notebook with no
autograder tests (a lesson, not an assignment) gets "this notebook has no tests" instead of
nbgrader's "Success! Your notebook passes all the tests."
"""

from __future__ import annotations

import json
from pathlib import Path

from nbgrader.server_extensions.validate_assignment.handlers import (
    NbGraderVersionHandler,
    ValidateAssignmentHandler,
)

NO_TESTS = ("This notebook has no autograder tests, so there is nothing to validate (it is not an "
            "assignment). · 此笔记本没有自动评分测试，无需验证（它不是作业）。")


def has_tests(path: Path) -> bool:
    """Whether the notebook has an nbgrader grade cell (an autograder test or a graded answer)."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return any((c.get("metadata", {}).get("nbgrader") or {}).get("grade") for c in cells)


class ValidateWithTests(ValidateAssignmentHandler):
    """nbgrader's Validate, saying so clearly when a notebook has no tests."""

    def validate_notebook(self, path):
        root = Path(self.root_dir).resolve()
        target = (root / path).resolve()
        try:
            if target.is_relative_to(root) and not has_tests(target):
                return {"success": False, "value": NO_TESTS}
        except (OSError, ValueError):
            pass  # nbgrader reports unreadable or damaged notebooks itself
        return super().validate_notebook(path)


def _jupyter_server_extension_points():
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp):
    from jupyter_server.utils import url_path_join

    web_app = serverapp.web_app
    web_app.settings["root_dir"] = serverapp.root_dir
    base = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base, r"/assignments/validate"), ValidateWithTests),
                                 (url_path_join(base, r"/nbgrader_version"), NbGraderVersionHandler)])
