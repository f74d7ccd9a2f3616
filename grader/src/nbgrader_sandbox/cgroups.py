"""Limits for a whole submission: one control group (cgroup) per submission, v1 or v2.

A per-process limit (RLIMIT_AS) lets several child processes each stay under the cap and together
hold far more, and says nothing of tmpfs pages. A cgroup counts every process of the submission
together: ``memory`` (all its processes' memory, *and* the pages it writes to its tmpfs /tmp,
/dev/shm and home, which the kernel charges to the writer's cgroup) and ``pids`` (processes and
threads). It is also how the grader finds and kills every process of a submission: the kernel of
Linux keeps the member list, student code cannot rewrite it.

Which hierarchy: detected, never assumed (:func:`detect`). v1 needs the grader's own ``memory`` and
``pids`` groups writable (root on most machines); v2 needs a delegated group whose children get the
``memory`` and ``pids`` controllers. Groups are made *inside the grader's own group*, so a container's
limits still hold. Where neither is writable (usually: not root), :func:`detect` says why and the
grader reports it; the sandbox then has only per-process limits and the PID namespace.
"""

from __future__ import annotations

import os
import signal
import time

ROOT = "/sys/fs/cgroup"


def _own_groups() -> dict[str, str]:
    """controller name ('' for v2) -> this process's group path, from /proc/self/cgroup."""
    groups = {}
    with open("/proc/self/cgroup", encoding="ascii") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                groups[name] = path
    return groups


def _v2_mount() -> str | None:
    for candidate in (ROOT, os.path.join(ROOT, "unified")):
        if os.path.exists(os.path.join(candidate, "cgroup.controllers")):
            return candidate
    return None


def detect() -> tuple[str | None, dict[str, str], str]:
    """(kind, {controller: parent folder}, reason): kind is 'cgroup-v1', 'cgroup-v2' or None.

    Tries each candidate by creating and removing a probe group, so "writable" means it worked.
    """
    reasons = []
    try:
        own = _own_groups()
    except OSError as error:
        return None, {}, f"no /proc/self/cgroup ({error})"
    if "memory" in own and "pids" in own:
        parents = {c: os.path.join(ROOT, c, own[c].lstrip("/")) for c in ("memory", "pids")}
        if all(_probe(p) for p in parents.values()):
            return "cgroup-v1", parents, ""
        reasons.append("cgroup v1 memory/pids groups are not writable")
    mount = _v2_mount()
    if mount and "" in own:
        parent = os.path.join(mount, own[""].lstrip("/"))
        if _probe(parent, need=("memory", "pids")):
            return "cgroup-v2", {"": parent}, ""
        reasons.append("cgroup v2 gives no writable group with memory and pids")
    return None, {}, "; ".join(reasons) or "no cgroup hierarchy found"


def _probe(parent: str, need: tuple[str, ...] = ()) -> bool:
    probe = os.path.join(parent, f"nbgs-probe-{os.getpid()}")
    try:
        os.mkdir(probe)
    except OSError:
        return False
    try:
        if need:
            with open(os.path.join(probe, "cgroup.controllers"), encoding="ascii") as f:
                return set(need) <= set(f.read().split())
        return True
    except OSError:
        return False
    finally:
        try:
            os.rmdir(probe)
        except OSError:
            pass


def group_paths(kind: str, parents: dict[str, str], name: str) -> list[str]:
    """The folders of the group ``name`` (one per v1 controller, one for v2)."""
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"bad cgroup name {name!r}")
    return [os.path.join(p, name) for p in parents.values()]


def create(kind: str, parents: dict[str, str], name: str, memory_bytes: int, processes: int) -> list[str]:
    """Make the submission's group with its limits; return its folders (the launcher joins them)."""
    paths = group_paths(kind, parents, name)
    for path in paths:
        os.mkdir(path, 0o755)
    if kind == "cgroup-v1":
        memory, pids = paths
        _write(memory, "memory.limit_in_bytes", memory_bytes)
        _write(memory, "memory.memsw.limit_in_bytes", memory_bytes, optional=True)  # no swap way out
        _write(pids, "pids.max", processes)
    else:
        [group] = paths
        _write(group, "memory.max", memory_bytes)
        _write(group, "memory.swap.max", 0, optional=True)
        _write(group, "pids.max", processes)
    return paths


def _write(folder: str, name: str, value, optional: bool = False) -> None:
    try:
        with open(os.path.join(folder, name), "w", encoding="ascii") as f:
            f.write(str(value))
    except OSError:
        if not optional:
            raise


def members(paths: list[str]) -> set[int]:
    """Process ids in the group (as the kernel of Linux lists them, never a file of the sandbox)."""
    found = set()
    for path in paths:
        try:
            with open(os.path.join(path, "cgroup.procs"), encoding="ascii") as f:
                found |= {int(line) for line in f if line.strip()}
        except (OSError, ValueError):
            continue
    return {pid for pid in found if pid > 1}


def destroy(paths: list[str], timeout: float = 5.0) -> bool:
    """Kill every process in the group, then remove it; True if nothing was left."""
    for path in paths:  # v2 (kernel 5.14+): one write kills the whole group at once
        _write(path, "cgroup.kill", 1, optional=True)
    deadline = time.monotonic() + timeout
    while True:
        pids = members(paths)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        removed = True
        for path in paths:
            try:
                os.rmdir(path)
            except FileNotFoundError:
                pass
            except OSError:
                removed = False
        if removed or time.monotonic() > deadline:
            return removed
        time.sleep(0.02)
