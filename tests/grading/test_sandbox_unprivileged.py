"""The bubblewrap sandbox without root: full isolation through an unprivileged user namespace.

As root, the check runs as user ``nobody`` (``setpriv``); as a normal user, as that user. It uses
Debian's ``/usr/bin/python3`` and the grader's two standard-library modules copied to a folder
every user can read (the project's Python may sit under a private home, e.g. pyenv in /root).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[2] / "grader" / "src" / "nbgrader_sandbox"
PROBE = r'''
import json, os, socket, subprocess, sys, tempfile
sys.path.insert(0, sys.argv[1])
import bubblewrap, cgroups
ok, why = bubblewrap.usable()
kind, _, missing = cgroups.detect()
out = {"uid": os.getuid(), "bwrap": ok, "why": why, "cgroup": kind, "missing": missing}
if ok:
    work, run = tempfile.mkdtemp(), tempfile.mkdtemp()
    code = ("import json, os, socket\n"
            "r = {'pids': sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), 'root': sorted(os.listdir('/')),"
            " 'shadow': os.path.exists('/etc/shadow'), 'work_rw': os.access(os.getcwd(), os.W_OK)}\n"
            "try:\n socket.create_connection(('127.0.0.1', int(os.environ['PORT'])), timeout=2); r['net'] = 'OPEN'\n"
            "except OSError as e: r['net'] = type(e).__name__\n"
            "try:\n open('/dev/shm/f', 'wb').write(b'x' * (16 << 20)); r['shm'] = 'FILLED'\n"
            "except OSError as e: r['shm'] = e.errno\n"
            "print(json.dumps(r))")
    spec = {"workdir": work, "run_dir": run, "visible": [], "tmpfs_bytes": 8 << 20, "drop_to": None}
    done = subprocess.run(bubblewrap.command(spec, ["/usr/bin/python3", "-c", code]), capture_output=True,
                          text=True, env={"PORT": sys.argv[2], "PATH": "/usr/bin"})
    out["inside"] = json.loads(done.stdout) if done.returncode == 0 else done.stderr
print(json.dumps(out))
'''


@pytest.fixture
def shared_folder():
    """A folder under /tmp that every user can read (pytest's own tmp_path is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="nbgs-unpriv-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_normal_user_gets_full_isolation_and_says_what_is_missing(shared_folder):
    if not shutil.which("bwrap") or not os.path.exists("/usr/bin/python3"):
        pytest.fail("bubblewrap and /usr/bin/python3 are needed (scripts/system_packages.sh installs bubblewrap)")
    folder = shared_folder
    for name in ("bubblewrap.py", "cgroups.py"):
        shutil.copy(GRADER / name, folder / name)
    (folder / "probe.py").write_text(PROBE)
    for path in (folder, *folder.iterdir()):
        path.chmod(0o755)
    as_user = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] if os.geteuid() == 0 else []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.setblocking(False)
    try:
        done = subprocess.run([*as_user, "/usr/bin/python3", str(folder / "probe.py"), str(folder),
                               str(listener.getsockname()[1])], capture_output=True, text=True, cwd="/", timeout=60)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing arrived from the sandbox
    finally:
        listener.close()
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["uid"] != 0
    if not out["bwrap"]:
        pytest.skip(f"unprivileged user namespaces are not allowed here: {out['why']}")
    inside = out["inside"]
    assert isinstance(inside, dict), inside
    assert inside["pids"] == [1, 2]  # bwrap's init and the probe: nothing of the host
    assert set(inside["root"]) <= {"bin", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "proc", "sbin",
                                   "tmp", "usr"}
    assert not inside["shadow"] and inside["work_rw"]
    assert inside["net"] == "ConnectionRefusedError"  # its own loopback, not the host's listener
    assert inside["shm"] == 28  # ENOSPC: the 8 MB tmpfs
    # Whole-submission limits need a writable cgroup (usually root); when there is none, it says why.
    assert out["cgroup"] in ("cgroup-v1", "cgroup-v2") or out["missing"]
