"""Start a Jupyter kernel inside a sandbox: no network, no view of the course, limited memory.

This file is run as a script (``python -I -S launcher.py SPEC-JSON -- KERNEL-ARGV...``, standard
library only), so that launching a kernel imports nothing else. The kernel provisioner
(:mod:`nbgrader_sandbox.provisioner`) puts it in front of the kernel command; the fork server
(:mod:`nbgrader_sandbox.forkserver`) calls :func:`enter` in each forked kernel. The spec travels
on the command line, never through a file the kernel could rewrite.

As root (the normal case on a grading server or container) it:

1. moves into new mount and network namespaces (``unshare(CLONE_NEWNS | CLONE_NEWNET)``): the
   kernel has no network interface but loopback-less isolation; it talks to the grader through
   Unix sockets (ZeroMQ ``ipc`` transport), which are files, not network;
2. covers every hidden path (the course directory with source/, submitted/, autograded/, the
   gradebook, and the batch's temporary folder with the other submissions) with an empty
   read-only tmpfs, then bind-mounts back only this submission's working folder and the kernel's
   run folder (and, read-only, the run's prepared reference files);
3. drops to an unprivileged user (nobody), sets resource limits (address space, file size,
   process count, no core dumps), asks to be killed if the grading worker dies, and ``exec``s
   the kernel with a minimal environment.

Not root: steps 1–2 and the user switch are skipped (``"isolation": "degraded"``), the limits
still apply; the grader reports the degraded mode.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import resource
import signal
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
O_PATH = getattr(os, "O_PATH", 0o10000000)

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source.encode() if source else None, target.encode(),
                       fstype.encode() if fstype else None, ctypes.c_ulong(flags),
                       data.encode() if data else None), f"mount {target}")


def _blocked_ancestor(path: str):
    """The first ancestor of ``path`` that other users cannot traverse, and its child on the way."""
    current = "/"
    for part in path.strip("/").split("/"):
        if not os.stat(current).st_mode & 0o001:
            return current, os.path.join(current, part)
        current = os.path.join(current, part)
    return None


def isolate(spec: dict) -> None:
    """New mount + network namespaces; hide paths; bind back the working and run folders.

    ``reveal`` paths (the Python installation) that sit under a folder the unprivileged user may
    not traverse (e.g. /root/.pyenv) are made reachable the same way: that folder is covered by a
    tmpfs and only the needed child is bound back, so the rest of it stays invisible.
    """
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    stage = "/mnt"  # a private tmpfs in this namespace only, to park folders while covering
    _mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=700")
    counter = iter(range(10**6))

    def cover_keeping(cover: str, keep: list[str], mode: str = "755", flags: int = 0) -> None:
        parked = []
        for path in keep:
            where = f"{stage}/{next(counter)}"
            os.mkdir(where)
            _mount(path, where, None, MS_BIND | MS_REC)
            parked.append(where)
        _mount("tmpfs", cover, "tmpfs", MS_NOSUID | MS_NODEV | flags, f"size=64k,mode={mode}")
        for path, where in zip(keep, parked):
            os.makedirs(path, exist_ok=True)
            _mount(where, path, None, MS_BIND | MS_REC)

    for path in spec.get("reveal", []):
        for _ in range(20):
            blocked = _blocked_ancestor(path)
            if blocked is None:
                break
            cover_keeping(blocked[0], [blocked[1]])
    keep = [spec["workdir"], spec["run_dir"], *spec.get("keep_visible", []), *spec.get("read_only", [])]
    for hidden in spec["hide"]:
        if os.path.isdir(hidden):
            inside = [k for k in keep if k == hidden or k.startswith(hidden.rstrip("/") + "/")]
            cover_keeping(hidden, inside, flags=MS_NOEXEC)
            _mount(None, hidden, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for path in spec.get("read_only", []):  # visible, but nothing in the sandbox may change it
        _mount(path, path, None, MS_BIND | MS_REC)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    _check(_libc.umount2(stage.encode(), 2), "umount " + stage)  # MNT_DETACH


def limit(spec: dict) -> None:
    limits = {
        resource.RLIMIT_AS: spec.get("memory_bytes"),
        resource.RLIMIT_FSIZE: spec.get("file_bytes"),
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_CPU: spec.get("cpu_seconds"),
    }
    if spec.get("drop_to") is not None:
        limits[resource.RLIMIT_NPROC] = spec.get("processes")
    for which, value in limits.items():
        if value is not None:
            resource.setrlimit(which, (int(value), int(value)))


def enter(spec: dict) -> dict:
    """Put the calling process into the sandbox ``spec`` describes; return the kernel's environment.

    Isolation (when full), working folder, console log, resource limits, user switch and
    kill-on-parent-death, in that order. The caller then starts the kernel: :func:`main` ``exec``s it;
    :mod:`nbgrader_sandbox.forkserver` runs it in the (freshly forked) process itself.
    """
    uid = gid = None
    if spec.get("isolation") == "full":
        isolate(spec)
        uid, gid = spec["drop_to"]
    os.chdir(spec["workdir"])
    # The kernel's own console output goes to a log file, not the instructor's terminal.
    log = os.open(os.path.join(spec["run_dir"], "kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    env = {k: v for k, v in os.environ.items() if k in spec["env_keep"]}
    env.update(spec["env"])
    limit(spec)
    if uid is not None:
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # after setuid, which clears it
    return env


def main(argv: list[str]) -> None:
    spec_json, sep, *kernel = argv
    assert sep == "--" and kernel, "usage: launcher.py SPEC-JSON -- KERNEL-ARGV..."
    spec = json.loads(spec_json)
    env = enter(spec)
    if os.getppid() == 1:  # the worker is already gone
        os._exit(1)
    os.execve(kernel[0], kernel, env)


if __name__ == "__main__":
    main(sys.argv[1:])
