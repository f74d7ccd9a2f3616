"""The course's machine-wide nbgrader settings: its id and the exchange every user shares.

`make exchange` (once per machine, as root) installs this file into the system-wide Jupyter config
folders, where every user's nbgrader commands and JupyterHub servers read it (a per-user config
is seen only by its owner, and `JUPYTER_PLATFORM_DIRS=1` moves it). grading/nbgrader_config.py
names the same course id for the commands run in the course folder (graders copy that file alone);
`make release`, `collect` and `feedback` stop if the two differ. The exchange root is nbgrader
0.9.6's default, written out; `make exchange EXCHANGE_ROOT=/srv/...` installs another one.
"""

c = get_config()  # noqa: F821  (provided by Jupyter when it loads this file)

c.CourseDirectory.course_id = "cbec-retention"
c.Exchange.root = "/usr/local/share/nbgrader/exchange"
