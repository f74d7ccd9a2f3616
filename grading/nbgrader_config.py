"""nbgrader configuration for the CBEC after-sales and customer-retention course.

Layout (nbgrader's documented one): source/<assignment>/<notebook>.ipynb is committed; release/,
submitted/, autograded/, feedback/ and gradebook.db are generated and ignored by git.

The gradebook is nbgrader's own database. SQLite by default; to use PostgreSQL (or any SQLAlchemy
URL) set the environment variable RETENTION_GRADEBOOK_URL, e.g.
    RETENTION_GRADEBOOK_URL=postgresql://grader@dbhost/cbec_retention
"""

import importlib.util
import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

HERE = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "cbec-retention"
c.CourseDirectory.root = HERE
if os.environ.get("RETENTION_GRADEBOOK_URL"):
    c.CourseDirectory.db_url = os.environ["RETENTION_GRADEBOOK_URL"]
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# Bilingual stubs left in the released notebooks.
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE · 在此写你的代码\nraise NotImplementedError()"
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE · 在此作答"

# Autograding: every cell gets at most this many seconds; a cell that runs longer is interrupted
# and recorded as a CellTimeoutError in that cell (zero points for the test that needed it).
c.Execute.timeout = 20
c.Execute.startup_timeout = 60
# Test cells a student deleted are put back from the gradebook (the source version) and graded.
c.OverwriteCells.add_missing_cells = True
# Test cells hand the student's answers out of the kernel; the grader compares them, outside the
# kernel, with the expected answers that retention.assignments.expected computes once per run (in a
# folder no kernel sees). A mismatch or a missing hand-out fails the test (nbgrader_sandbox.handout).
c.CompareHandouts.expected_command = [
    "{python}", "-m", "retention.assignments.expected", "--write", "{output}", "--assignment", "{assignment}",
]
# A written reply has no one expected answer: its tests' hand-outs are judged by the course's checks,
# run by the grader outside the kernel (retention.assignments.replies, the functions the tests run).
c.CompareHandouts.check_command = [
    "{python}", "-m", "retention.assignments.expected", "--check", "{input}", "--write", "{output}",
]
c.Autograde.autograde_preprocessors = [  # nbgrader's own list, with the comparison right after execution
    "nbgrader.preprocessors.Execute", "nbgrader_sandbox.handout.CompareHandouts",
    "nbgrader.preprocessors.IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties", "nbgrader.preprocessors.CheckCellMetadata",
]
# Huge outputs are cut before they reach the autograded notebook and the feedback.
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# --- The sandboxed, parallel autograder (nbgrader-sandbox, in grader/): this course's settings ---
# Read by `make autograde` (nbgrader-sandbox); plain nbgrader ignores them. Command-line options
# (WORKERS, WALL, MEMORY_MB, SPAWN=1) override them.
# What the kernel must read even when it sits inside a hidden folder (e.g. a checkout under /tmp):
# the course package (found without importing it: src/ when installed editable, site-packages when
# installed from a wheel) and the data sets: RETENTION_DATA_DIR when set, else the checkout's datasets/
# beside this folder, else the one beside an editable package's src/ (a copy of this folder elsewhere).
# Never inside an installed package. Kernels and the reference command are told where the data is, so an
# editable and a normal install grade alike.
_package = os.path.dirname(importlib.util.find_spec("retention").origin)
_beside = [os.path.join(os.path.dirname(HERE), "datasets"), os.path.join(os.path.dirname(os.path.dirname(_package)), "datasets")]
_data = os.path.realpath(os.environ.get("RETENTION_DATA_DIR") or next(filter(os.path.isdir, _beside), _beside[0]))
c.SandboxedAutograde.visible_paths = [os.path.dirname(_package), _data]
c.SandboxedAutograde.kernel_env = {"RETENTION_DATA_DIR": _data}
# Imported once by the kernel fork server, before kernels are forked: what the notebooks import.
c.SandboxedAutograde.preload = [
    "numpy", "pandas", "retention", "retention.data", "retention.assignments.checks",
    "retention.assignments.samples", "retention.assignments.reference", "retention.assignments.handout",
]
# What each assignment's kernel may read instead: the package files its source notebook imports and
# what those import when they load (computed from the notebook, retention.assignments.kernel_view),
# plus the data sets if it loads them. Never a module that computes its answers: the configuration
# refuses to load if the notebook's imports reach one (assignment 3: cleaning, rfm_table, cohorts;
# assignment 4: rfm, churn; assignments 1 and 2: the formulas; the expected answers: everywhere).
from retention.assignments.kernel_view import kernel_files  # noqa: E402

_data = c.SandboxedAutograde.visible_paths[1]
_formulas = ["retention.value", "retention.acquisition", "retention.complaints", "retention.service_desk",
             "retention.crm", "retention.concentration"]
_answers = {
    "a1_retention_economics": _formulas,
    "a2_crm_language": _formulas,
    "a3_rfm_and_cohorts": ["retention.cleaning", "retention.rfm", "retention.cohorts"],
    "a4_churn_case_study": ["retention.rfm", "retention.churn"],
    "a5_reply_to_a_buyer": [],
}
c.SandboxedAutograde.assignment_visible_paths = {}
for _name, _forbidden in _answers.items():
    # The source notebooks; where they stay home (a Dask worker's copy of the course gets the release
    # only, without hidden tests), the released ones: the tests check both give the same view.
    _notebooks = sorted(Path(HERE, "source", _name).glob("*.ipynb")) or sorted(Path(HERE, "release", _name).glob("*.ipynb"))
    if not _notebooks:  # a course copy without this assignment: nothing of it is graded here
        continue
    _files = kernel_files(_notebooks, [*_forbidden, "retention.assignments.expected"])
    _uses_data = os.path.join(_package, "data.py") in _files
    c.SandboxedAutograde.assignment_visible_paths[_name] = _files + ([_data] if _uses_data else [])
# The inputs of the test cells (never an answer): computed once per run, outside the sandbox, into a
# file the kernels read (read-only) through retention.assignments.reference.
c.SandboxedAutograde.reference_command = [
    "{python}", "-m", "retention.assignments.reference", "--write", "{output}", "--assignment", "{assignment}",
]
c.SandboxedAutograde.reference_assignments = ["a1_retention_economics", "a3_rfm_and_cohorts", "a4_churn_case_study"]
c.SandboxedAutograde.reference_env = "RETENTION_ASSIGNMENT_REFERENCE"
c.SandboxedAutograde.memory_mb = 2048
c.SandboxedAutograde.wall_seconds = 300
