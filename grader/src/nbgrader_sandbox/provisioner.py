"""The kernel provisioner that starts every grading kernel inside the sandbox.

jupyter_client's documented extension point (entry point group
``jupyter_client.kernel_provisioners``, name ``nbgrader-sandbox``). The grader writes, for each
submission, a kernel spec whose ``metadata.kernel_provisioner.config`` holds the sandbox settings
and selects it with ``Execute.kernel_name``; nbgrader's ``Execute`` preprocessor is otherwise
unchanged (same timeouts, interrupts and error handling, hence the same scores). The kernel talks
over the ZeroMQ ``ipc`` transport (Unix sockets in its run folder), so it needs no network. With
isolation ``full`` the kernel command is wrapped in bubblewrap (:mod:`nbgrader_sandbox.bubblewrap`)
and always spawned; the warm fork server serves isolation ``degraded`` only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Dict, Unicode

from nbgrader_sandbox import bubblewrap

NAME = "nbgrader-sandbox"
LAUNCHER_SCRIPT = str(Path(__file__).with_name("launcher.py"))
FORKSERVER_SCRIPT = str(Path(__file__).with_name("forkserver.py"))


class SandboxProvisioner(LocalProvisioner):
    """A local kernel started through :mod:`nbgrader_sandbox.launcher` or forked by the fork server."""

    sandbox = Dict(help="The sandbox spec (launcher.enter): folders, limits, user, environment.").tag(config=True)
    forkserver = Unicode("", help="Socket of the run's kernel fork server; empty: spawn the kernel.").tag(config=True)
    pid_dir = Unicode("", help="Folder (hidden from the kernel) where the launched pid is recorded, "
                               "so the grader can kill it.").tag(config=True)

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        spec = self.sandbox
        if not spec.get("run_dir") or not spec.get("workdir"):
            raise RuntimeError("nbgrader-sandbox: no sandbox settings in the kernel spec; refusing to start a kernel")
        km = self.parent
        km.transport = "ipc"
        km.ip = os.path.join(spec["run_dir"], "k")
        km.connection_file = os.path.join(spec["run_dir"], "kernel.json")
        kwargs = await super().pre_launch(**kwargs)
        if spec.get("drop_to") and spec.get("isolation") == "full":
            uid, gid = spec["drop_to"]
            os.chown(km.connection_file, uid, gid)  # the kernel, as nobody, must read it
        spec_json = json.dumps(spec)
        kernel = kwargs["cmd"]
        if spec.get("isolation") == "full":  # the allow-list sandbox: the kernel runs inside bwrap
            kernel = bubblewrap.command(spec, kernel)
            launcher = [sys.executable, "-I", "-S", LAUNCHER_SCRIPT, spec_json]
        elif self.forkserver:
            launcher = [sys.executable, "-I", "-S", FORKSERVER_SCRIPT, "client", self.forkserver, spec_json]
        else:
            launcher = [sys.executable, "-I", "-S", LAUNCHER_SCRIPT, spec_json]
        kwargs["cmd"] = [*launcher, "--", *kernel]
        return kwargs

    async def poll(self) -> int | None:
        """The kernel's exit status once it has ended, also recorded beside its pid for the report."""
        status = await super().poll()
        if status is not None and self.pid_dir and self.pid:
            Path(self.pid_dir, f"{self.pid}.exit").write_text(str(status))
        return status

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        info = await super().launch_kernel(cmd, **kwargs)
        if self.pid_dir:
            Path(self.pid_dir, f"{self.pid}.pid").write_text(str(self.pid))
        return info


def kernel_spec(sandbox: dict, forkserver: str | None, pid_dir: str) -> dict:
    """The kernel.json that selects this provisioner with these settings (written by the grader)."""
    return {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (sandboxed grading)",
        "language": "python",
        # Inside bwrap the kernel is in a PID namespace and session of its own: a SIGINT to the
        # launched process would reach bwrap, not the kernel. Interrupts go as messages instead
        # (ipykernel then signals itself).
        "interrupt_mode": "message" if sandbox.get("isolation") == "full" else "signal",
        "metadata": {"kernel_provisioner": {"provisioner_name": NAME, "config": {
            "sandbox": sandbox, "forkserver": forkserver or "", "pid_dir": pid_dir}}},
    }


def write_kernel_spec(folder: Path, sandbox: dict, forkserver: str | None, pid_dir: str) -> str:
    """Write ``folder/kernels/<NAME>/kernel.json``; return the kernel name (``folder`` goes on JUPYTER_PATH)."""
    target = Path(folder) / "kernels" / NAME
    target.mkdir(parents=True, exist_ok=True)
    (target / "kernel.json").write_text(json.dumps(kernel_spec(sandbox, forkserver, pid_dir), indent=1))
    return NAME
