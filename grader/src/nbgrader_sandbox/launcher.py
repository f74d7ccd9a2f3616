"""Start a Jupyter kernel inside the sandbox: the last steps outside it, then ``exec``.

Run as a script (``python -I -S launcher.py SPEC-JSON -- COMMAND...``, standard library only), so
launching a kernel imports nothing else. The kernel provisioner (:mod:`nbgrader_sandbox.provisioner`)
puts it in front of the command: with isolation ``full`` that command is the bubblewrap sandbox
around the kernel (:mod:`nbgrader_sandbox.bubblewrap`), with ``degraded`` the bare kernel. The spec
travels on the command line, never through a file the kernel could rewrite.

It writes no mount or namespace code (bubblewrap does that); it only:

1. joins the submission's cgroup (folders the grader made, given in the spec), so every process
   the kernel ever starts counts against the submission's memory and process limits;
2. sends the console output to the run folder's ``kernel.log``;
3. sets per-process limits (address space, file size, CPU seconds, no core dumps, and the process
   count of the worker's own user id when it has one), no new privileges, and death with the
   grading worker (``PR_SET_PDEATHSIG``);
4. ``exec``s the command with a minimal environment.

The fork server (:mod:`nbgrader_sandbox.forkserver`, isolation ``degraded`` only) calls
:func:`enter` in each forked kernel.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def join_cgroups(paths: list[str]) -> None:
    """Move this process into the submission's cgroup (one folder per v1 controller, one for v2)."""
    for path in paths:
        with open(os.path.join(path, "cgroup.procs"), "w", encoding="ascii") as f:
            f.write(str(os.getpid()))


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
    """Put the calling process under the submission's limits; return the kernel's environment.

    cgroup, working folder, console log, resource limits, no new privileges and kill-on-parent-death,
    in that order. The caller then starts the command: :func:`main` ``exec``s it (bubblewrap, or the
    kernel); :mod:`nbgrader_sandbox.forkserver` runs the kernel in the forked process itself.
    """
    join_cgroups(spec.get("cgroups") or [])
    os.chdir(spec["workdir"])
    # The kernel's own console output goes to a log file, not the instructor's terminal.
    log = os.open(os.path.join(spec["run_dir"], "kernel.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    env = {k: v for k, v in os.environ.items() if k in spec["env_keep"]}
    env.update(spec["env"])
    limit(spec)
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return env


def main(argv: list[str]) -> None:
    spec_json, sep, *kernel = argv
    assert sep == "--" and kernel, "usage: launcher.py SPEC-JSON -- COMMAND..."
    spec = json.loads(spec_json)
    env = enter(spec)
    if os.getppid() == 1:  # the worker is already gone
        os._exit(1)
    os.execve(kernel[0], kernel, env)


if __name__ == "__main__":
    main(sys.argv[1:])
