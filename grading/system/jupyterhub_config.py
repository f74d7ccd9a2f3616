"""JupyterHub for this course on one machine (README, "The course on JupyterHub", step 3).

    sudo /srv/cbec-retention/.venv/bin/jupyterhub -f /srv/cbec-retention/grading/system/jupyterhub_config.py

Local UNIX users log in with their passwords (PAM); each gets a server of their own, run as that
user from the course environment. Students get the students' JupyterLab (Validate, no Formgrader or
Create Assignment); members of the group ``instructors`` get the full one. Paths follow this file's
place in the checkout. Edit the users and the address below. tests/grading/test_hub_cycle.py runs
this file, with only its ports, users and a private machine configuration set on top.
"""

from pathlib import Path

COURSE = Path(__file__).resolve().parents[2]
STUDENT_LAB = str(COURSE / "grading" / "student-jupyter")
PROXY = COURSE / "_build" / "hub-proxy" / "node_modules" / "configurable-http-proxy" / "bin" / "configurable-http-proxy"

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:8000"  # put your TLS proxy in front of it
c.ConfigurableHTTPProxy.command = ["node", str(PROXY)]  # installed by `make setup`
c.Spawner.cmd = [str(COURSE / ".venv" / "bin" / "jupyterhub-singleuser")]
c.Authenticator.allowed_users = {"teacher", "li.lei", "wang.fang"}
c.JupyterHub.load_groups = {"instructors": {"users": ["teacher"]}}


def lab_settings(spawner) -> str:
    """Where a user's server reads its JupyterLab settings: the students' folder, or for an
    instructor only the machine's own (``/etc/jupyter``, which every server reads anyway)."""
    return "" if any(group.name == "instructors" for group in spawner.user.groups) else STUDENT_LAB


c.Spawner.environment = {"JUPYTER_CONFIG_PATH": lab_settings}
