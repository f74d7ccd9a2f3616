"""The grader's settings: traitlets configuration read from the course's ``nbgrader_config.py``.

Everything course-specific (what the kernel may see, what to preload, how to prepare reference
results, limits) is set there as ``c.SandboxedAutograde.<trait>``; command-line options override it.
"""

from __future__ import annotations

import os

from traitlets import Bool, Dict, Enum, Float, Int, List, Unicode
from traitlets.config import Configurable


class SandboxedAutograde(Configurable):
    """How a parallel, sandboxed autograding run behaves."""

    workers = Int(0, help="Parallel workers; 0: two per CPU core (a grading kernel spends much of its time "
                          "starting and waiting for messages), at most one per memory_mb of the machine's memory.").tag(config=True)
    wall_seconds = Float(300.0, help="Seconds allowed per submission, everything included.").tag(config=True)
    memory_mb = Int(2048, help="Address-space limit of each kernel process, in MB.").tag(config=True)
    submission_memory_mb = Int(0, help="Memory of all of a submission's processes together, its tmpfs "
                                       "files included (cgroup), in MB; 0: memory_mb.").tag(config=True)
    tmpfs_mb = Int(256, help="Size of each private tmpfs of a kernel (/tmp, /dev/shm, home), in MB "
                             "(full isolation).").tag(config=True)
    file_mb = Int(512, help="Largest file the kernel may write, in MB.").tag(config=True)
    processes = Int(256, help="Processes and threads of a submission together (cgroup pids.max; also the "
                              "kernel's own user's process limit as root).").tag(config=True)
    cell_timeout = Int(None, allow_none=True,
                       help="Seconds per cell; None: the course's Execute.timeout.").tag(config=True)
    isolation = Enum(["auto", "full", "degraded"], "auto",
                     help="full: the bubblewrap allow-list sandbox (root, or unprivileged user "
                          "namespaces); degraded: limits only; auto: full when possible.").tag(config=True)
    forkserver = Bool(True, help="Fork kernels from a warm server that has imported `preload` "
                                 "(False: start every kernel from scratch).").tag(config=True)
    force = Bool(True, help="Grade submissions that already have an autograded folder.").tag(config=True)
    quiet = Bool(False, help="Print no progress lines.").tag(config=True)
    engine = Enum(["local", "dask"], "local",
                  help="local: worker processes on this machine; dask: one job per submission on a Dask "
                       "cluster, its files shipped as bytes (nbgrader_sandbox.dask_engine).").tag(config=True)
    dask_scheduler = Unicode("", help="Address of the Dask scheduler (e.g. tcp://10.0.0.5:8786); empty: a "
                                      "LocalCluster of `workers` processes on this machine.").tag(config=True)

    preload = List(Unicode(), help="Modules the fork server imports before forking kernels: what the "
                                   "assignments' notebooks import anyway (e.g. pandas).").tag(config=True)
    visible_paths = List(Unicode(), help="Folders the kernel must read even inside a hidden folder "
                                         "(the course package's source, its data).").tag(config=True)
    assignment_visible_paths = Dict(value_trait=List(Unicode()), help=(
        "Per assignment, the files and folders the kernel may read instead of `visible_paths` (e.g. only "
        "the course package's modules that assignment needs, not those that compute its answers).")).tag(config=True)
    hidden_paths = List(Unicode(), help="Unused since the sandbox is an allow-list (kept so that old "
                                        "configurations still load).").tag(config=True)
    kernel_env = Dict(value_trait=Unicode(),
                      help="Environment variables of every kernel (and of the reference command).").tag(config=True)
    env_keep = List(Unicode(), ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION",
                                "PYTHONHASHSEED", "JUPYTER_PLATFORM_DIRS", "VIRTUAL_ENV"],
                    help="Environment variables the kernel inherits from the grader.").tag(config=True)

    reference_command = List(Unicode(), help=(
        "Command that writes an assignment's reference results to a file, run once per run before "
        "grading, outside the sandbox; '{python}', '{output}' and '{assignment}' are replaced. Empty: "
        "none.")).tag(config=True)
    reference_assignments = List(Unicode(), help="Assignments that need `reference_command`.").tag(config=True)
    reference_env = Unicode("", help="Environment variable that gives the kernel the (read-only) "
                                     "reference file's path.").tag(config=True)

    def visible_for(self, assignment: str) -> list:
        """What the kernels of ``assignment`` may read: its own list if the course gives one, else `visible_paths`."""
        return list(self.assignment_visible_paths.get(assignment, self.visible_paths))

    def n_workers(self) -> int:
        """``workers``, or by default two per core, as many as the machine's memory holds at ``memory_mb`` each."""
        if self.workers:
            return self.workers
        memory_mb = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
        return max(1, min(2 * (os.cpu_count() or 1), memory_mb // max(self.memory_mb, 1)))

    def base_kernel_env(self) -> dict:
        """Single-threaded numerics and a non-interactive matplotlib, plus :attr:`kernel_env`."""
        return {"MPLBACKEND": "agg", "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1",
                "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", **self.kernel_env}


def load_course_config(course_root: str):
    """The course's nbgrader_config.py as a traitlets Config object."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()


def course_directory(course_root: str, config=None):
    """nbgrader's CourseDirectory of ``course_root`` configured by its nbgrader_config.py."""
    from nbgrader.coursedir import CourseDirectory

    config = config if config is not None else load_course_config(course_root)
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(course_root)
    return coursedir
