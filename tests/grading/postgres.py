"""A private PostgreSQL server for the gradebook tests: Debian's binaries, a temporary folder, a Unix socket only.

As root the server runs as the ``postgres`` user (PostgreSQL refuses to run as root); it listens on no TCP
port at all (``listen_addresses=''``), so nothing leaves the machine, and it is stopped and deleted afterwards.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path


def binaries() -> Path | None:
    """The folder of Debian's PostgreSQL server programs (initdb, pg_ctl), newest version first, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    return Path(found[-1]).parent if found else None


class PrivateServer:
    """initdb + pg_ctl in a temporary folder; ``url(db)`` gives an SQLAlchemy URL over the socket."""

    def __init__(self):
        self.bin = binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's server programs are missing: apt-get install postgresql")
        self.folder = Path(tempfile.mkdtemp(prefix="nbgs-pg-"))
        self.data, self.socket = self.folder / "data", self.folder / "socket"
        self.socket.mkdir()
        self.as_user = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chmod(self.folder, 0o755)
            os.chown(self.socket, owner.pw_uid, owner.pw_gid)
            self.as_user = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--clear-groups"]
            self.data.mkdir(mode=0o700)
            os.chown(self.data, owner.pw_uid, owner.pw_gid)

    def _run(self, *cmd: str) -> None:
        done = subprocess.run([*self.as_user, *cmd], capture_output=True, text=True, cwd="/")
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {(done.stdout + done.stderr)[-2000:]}")

    def start(self) -> "PrivateServer":
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "grader", "-E", "UTF8")
        options = f"-c listen_addresses='' -c unix_socket_directories={self.socket} -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
                  str(self.data / "server.log"), "start")
        return self

    def create(self, name: str) -> str:
        """A new empty database; return its SQLAlchemy URL (psycopg 3, over the Unix socket)."""
        self._run(str(self.bin.parent / "bin" / "createdb") if (self.bin / "createdb").exists() else "createdb",
                  "-h", str(self.socket), "-U", "grader", name)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgresql+psycopg://grader@/{name}?host={self.socket}"

    def pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def release(course: Path, db_url: str, assignment: str) -> None:
    """nbgrader generate_assignment in ``course`` with its gradebook at ``db_url`` (in this process)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = db_url
    result = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config).generate_assignment(assignment, force=True)
    assert result["success"], result
