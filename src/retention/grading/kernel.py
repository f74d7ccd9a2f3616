"""The kernel manager and Execute preprocessor nbgrader uses when this package autogrades.

nbgrader's ``Execute`` preprocessor is kept as it is (same timeout, interrupt and error handling,
hence the same scores); only how the kernel process is started changes: through ``sandbox.py``,
with the ZeroMQ ``ipc`` transport so that a kernel without a network can still be reached.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute

SANDBOX_SCRIPT = str(Path(__file__).with_name("sandbox.py"))
FORKSERVER_SCRIPT = str(Path(__file__).with_name("forkserver.py"))


class SandboxKernelManager(AsyncKernelManager):
    """Kernel manager that launches every kernel through ``sandbox.py``.

    ``spec`` (a class attribute set by the grading worker before each submission; a worker grades
    one submission at a time) says where the kernel runs and what it may see.
    """

    spec: dict = {}
    #: Socket of the run's kernel fork server (:mod:`retention.grading.forkserver`), or None to spawn.
    forkserver: str | None = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        run_dir = self.spec["run_dir"]
        self.transport = "ipc"
        self.ip = os.path.join(run_dir, "k")
        self.connection_file = os.path.join(run_dir, "kernel.json")

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        spec_file = os.path.join(self.spec["run_dir"], "sandbox.json")
        with open(spec_file, "w", encoding="utf-8") as f:
            json.dump(self.spec, f)
        if self.spec.get("drop_to") and self.spec.get("isolation") == "full":
            uid, gid = self.spec["drop_to"]
            os.chown(self.connection_file, uid, gid)  # the kernel, as nobody, must read it
        if self.forkserver:
            return [sys.executable, "-I", "-S", FORKSERVER_SCRIPT, "client", self.forkserver, spec_file, "--", *cmd]
        return [sys.executable, "-I", "-S", SANDBOX_SCRIPT, spec_file, "--", *cmd]


class SandboxExecute(Execute):
    """nbgrader's Execute preprocessor, with kernels started by :class:`SandboxKernelManager`."""

    def __init__(self, *args, **kwargs):
        kwargs["kernel_manager_class"] = SandboxKernelManager
        super().__init__(*args, **kwargs)
