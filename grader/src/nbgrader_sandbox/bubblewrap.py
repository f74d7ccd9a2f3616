"""The allow-list sandbox: the bubblewrap (``bwrap``) command line that wraps every grading kernel.

bubblewrap (Debian package ``bubblewrap``, the sandbox of Flatpak) builds the kernel's view of the
machine from nothing: an empty root, then only what is listed here. The grader writes no mount
code of its own.

What a kernel sees:

* read-only: ``/usr`` (and the ``/bin``, ``/lib*``, ``/sbin`` links or folders), a few files of
  ``/etc`` (dynamic linker, time zone, user names, fonts), the Python installation and virtual
  environment, the course's ``visible_paths`` (package source, data) and the run's reference file;
* read-write on disk: its kernel run folder only (connection file, ZeroMQ ``ipc`` sockets, console log);
* private, size-limited tmpfs: ``/tmp``, ``/dev/shm``, its home (``/home/sandbox``) and its working
  folder, where the submission's files appear read-only (the notebooks, nbgrader's copy with the
  hidden tests, as unreadable stand-ins); what the kernel writes there is never read back;
* ``/proc`` of its own PID namespace, a minimal ``/dev``.

Namespaces: PID (the kernel cannot see or signal any process outside; when the kernel exits, the
namespace's init exits and the kernel of Linux kills every process left in it), network (only an
unconfigured loopback: not even the host's 127.0.0.1), IPC, UTS, cgroup; ``--die-with-parent`` and
``--new-session``.

Identity: as root, bwrap sets the sandbox up with root's rights and ``setpriv`` (util-linux) then
switches to ``uid`` (a user id of its own per grading worker, see :func:`worker_uid`) with every
capability dropped, so no two concurrent kernels share an identity. As a normal user, bwrap puts
the kernel in a new user namespace (``--unshare-user``), which needs unprivileged user namespaces.
"""

from __future__ import annotations

import os
import shutil
import subprocess

#: Files of /etc a Python kernel needs (read-only, if present); the rest of /etc stays out.
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "passwd", "group",
             "nsswitch.conf", "alternatives", "fonts", "mime.types", "matplotlibrc")
#: Top-level system folders, bound read-only (or recreated as the symbolic links they are).
SYSTEM = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
HOME = "/home/sandbox"
#: First user id of the per-worker identities (far above ordinary and system accounts).
UID_BASE = 1_000_000
SETPRIV = "/usr/bin/setpriv"


def find() -> str | None:
    """The bwrap executable, or None."""
    return shutil.which("bwrap")


def worker_uid(slot: int = 0, pid: int | None = None) -> int:
    """A user id no other live grading worker on the machine uses: ``UID_BASE`` + 2 × the worker's pid
    + ``slot`` (0 or 1: a worker's current kernel and the one it starts ahead never share one)."""
    return UID_BASE + 2 * (os.getpid() if pid is None else pid) + (slot & 1)


def usable() -> tuple[bool, str]:
    """Whether bwrap can build a sandbox here (as this user); (ok, reason when not)."""
    bwrap = find()
    if not bwrap:
        return False, "bubblewrap (bwrap) is not installed"
    cmd = [bwrap, *_namespaces(os.geteuid() == 0), "--ro-bind", "/usr", "/usr", *_system_links(),
           "--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true"]
    if os.geteuid() == 0:
        cmd[-1:] = [SETPRIV, "--reuid", str(UID_BASE), "--regid", str(UID_BASE), "--clear-groups", "--", "/usr/bin/true"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"bwrap did not run: {error}"
    if done.returncode != 0:
        return False, "bwrap cannot create namespaces here: " + (done.stderr.strip() or f"exit {done.returncode}")
    return True, ""


def _namespaces(root: bool) -> list[str]:
    # As root, no user namespace: setpriv then drops to a real, unprivileged user id of its own.
    user = [] if root else ["--unshare-user", "--uid", "1000", "--gid", "1000", "--disable-userns"]
    return [*user, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session"]


def _system_links() -> list[str]:
    args = []
    for name in SYSTEM[1:]:
        path = "/" + name
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    return args


def _ancestors(path: str) -> list[str]:
    parts = os.path.normpath(path).strip("/").split("/")[:-1]
    return ["/" + "/".join(parts[: i + 1]) for i in range(len(parts))]


def command(spec: dict, kernel: list[str]) -> list[str]:
    """The full command: ``bwrap OPTIONS -- [setpriv ... --] KERNEL...`` for the sandbox ``spec``.

    ``spec`` keys used: ``workdir``, ``view`` (optional), ``run_dir`` (read-write), ``read_only`` (folders),
    ``visible`` (folders, read-only), ``tmpfs_bytes`` (size of each of /tmp, /dev/shm, home),
    ``drop_to`` ([uid, gid] as root, else None).
    """
    bwrap = find()
    if not bwrap:
        raise RuntimeError("bubblewrap (bwrap) is not installed; install Debian's package 'bubblewrap'")
    drop = spec.get("drop_to")
    size = str(int(spec["tmpfs_bytes"]))
    args = [bwrap, *_namespaces(drop is not None), "--ro-bind", "/usr", "/usr", *_system_links()]
    args += ["--perms", "0755", "--dir", "/etc", "--perms", "0755", "--dir", "/home"]  # else 0700: untraversable
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    # The private, size-limited places to write, before the binds below (some sit under /tmp).
    for where in ("/tmp", "/dev/shm", HOME):
        args += ["--perms", "1777", "--size", size, "--tmpfs", where]
    workdir = spec["workdir"]
    # The working folder is a private, size-limited tmpfs too: what the kernel writes there counts
    # against its size and is gone with the sandbox (nothing the kernel wrote is ever read back). The
    # submission's files appear in it read-only; nbgrader executes the notebook from there after
    # writing it with the hidden tests restored, so every notebook is /dev/null, unreadable. The files
    # are those of the working folder, or of ``view`` for a kernel started before nbgrader fills it.
    with os.scandir(spec.get("view") or workdir) as entries:
        inside = [(("--ro-bind", "/dev/null") if e.name.endswith(".ipynb") and e.is_file(follow_symlinks=False)
                   else ("--ro-bind", e.path), os.path.join(workdir, e.name))
                  for e in sorted(entries, key=lambda e: e.name) if not e.is_symlink()]
    binds = [*((("--ro-bind", p), p) for p in [*spec.get("visible", []), *spec.get("read_only", [])]),
             (("--bind", spec["run_dir"]), spec["run_dir"]),
             (("--perms", "1777", "--size", size, "--tmpfs"), workdir), *inside]
    made = {"/", "/tmp", "/dev", "/dev/shm", HOME}
    for how, path in binds:
        # bwrap would create the folders on the way with the caller's umask (0700 under umask 077):
        # make them traversable, and nothing more (they are empty apart from what is bound).
        for parent in _ancestors(path):
            if parent not in made:
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        made.add(path)
        args += [*how, path]
    args += ["--chdir", spec["workdir"], "--"]
    if drop is not None:
        uid, gid = (int(x) for x in drop)
        args += [SETPRIV, "--reuid", str(uid), "--regid", str(gid), "--clear-groups",
                 "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"]
    return args + list(kernel)
