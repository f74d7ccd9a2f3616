"""nbgrader configuration for the CBEC after-sales and customer-retention course.

Layout (nbgrader's documented one): source/<assignment>/<notebook>.ipynb is committed; release/,
submitted/, autograded/, feedback/ and gradebook.db are generated and ignored by git.

The gradebook is nbgrader's own database. SQLite by default; to use PostgreSQL (or any SQLAlchemy
URL) set the environment variable RETENTION_GRADEBOOK_URL, e.g.
    RETENTION_GRADEBOOK_URL=postgresql://grader@dbhost/cbec_retention
"""

import importlib.util
import os

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
    "numpy", "pandas", "retention", "retention.data", "retention.cleaning", "retention.rfm",
    "retention.cohorts", "retention.churn", "retention.assignments.checks",
    "retention.assignments.samples", "retention.assignments.reference",
]
# The data assignments' reference results: computed once per run, outside the sandbox, into a file
# the kernels read (read-only) through retention.assignments.reference.
c.SandboxedAutograde.reference_command = [
    "{python}", "-m", "retention.assignments.reference", "--write", "{output}", "--assignment", "{assignment}",
]
c.SandboxedAutograde.reference_assignments = ["a3_rfm_and_cohorts", "a4_churn_case_study"]
c.SandboxedAutograde.reference_env = "RETENTION_ASSIGNMENT_REFERENCE"
c.SandboxedAutograde.memory_mb = 2048
c.SandboxedAutograde.wall_seconds = 300
