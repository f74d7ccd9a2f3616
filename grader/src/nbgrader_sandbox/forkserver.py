"""A kernel fork server: import ipykernel and the configured modules once, fork a fresh kernel per submission.

Starting a kernel costs a Python start-up plus importing ipykernel and then pandas in the first
cell: about a second of CPU for every submission, most of the work of grading a short notebook.
The fork server pays it once per autograding run:

* **Server** (``python -m nbgrader_sandbox.forkserver serve SOCKET MODULE...``): started by the
  grading parent as a *fresh* process (``exec``, clean environment, no open files of the grader:
  it never holds the gradebook, the course or any submission), it imports the kernel machinery and
  the modules the course configuration lists (``SandboxedAutograde.preload``; never chosen by a
  submission), then listens on a Unix socket in the run's private 0700 folder and reports, as one
  JSON line on its standard output, that it is ready and what it imported.
* **Used with isolation ``degraded`` only.** A forked process cannot be handed into the new
  namespaces of the bubblewrap sandbox (:mod:`nbgrader_sandbox.bubblewrap`), so with isolation
  ``full`` every kernel is spawned inside its own ``bwrap`` instead.
* **Per submission** it forks a child that is never reused. The child closes the server's files,
  reseeds NumPy's global random state, and takes the *same* limits as a spawned degraded kernel
  (:func:`nbgrader_sandbox.launcher.enter`: the submission's cgroup when there is one, memory,
  file-size and CPU limits, no new privileges), then runs ipykernel as
  ``python -m ipykernel_launcher -f CONNECTION_FILE`` would. Student code therefore starts from a
  kernel that has already imported the configured modules, nothing else.
* **Client** (``python -I -S forkserver.py client SOCKET SPEC-JSON -- KERNEL-ARGV``): the kernel
  command the kernel provisioner (:mod:`nbgrader_sandbox.provisioner`) launches. It asks the server for a kernel, forwards signals to it (interrupts on
  cell timeouts, terminate), and exits with the kernel's exit status, so that jupyter_client sees a
  normal kernel process. If the client is killed, the server kills its kernel; if the server or
  the worker dies, so do their kernels (``PR_SET_PDEATHSIG``). If the server is unreachable the
  client falls back to the ordinary spawned sandbox (``launcher.py``).

Scores do not change: the kernel, the sandbox, nbgrader's ``Execute`` preprocessor and its
timeouts are the same; only the imports happen earlier. The client and server talk in JSON lines.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys

LAUNCHER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "launcher.py")
KERNEL_MODULE = "ipykernel_launcher"
#: Always imported by the server: what every kernel imports before running the first cell.
BASE_PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "IPython.core.interactiveshell")


# --- client (run as a script with -I -S: standard library only) ----------------------------------


def client(sock_path: str, spec_json: str, argv: list[str]) -> None:
    """Ask the server for a kernel, relay signals to it, exit with its status."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the grading worker
    except Exception:
        pass
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(sock_path)
        conn.sendall(json.dumps({"spec": json.loads(spec_json), "argv": argv}).encode() + b"\n")
        reader = conn.makefile("rb")
        reply = json.loads(reader.readline() or b"{}")
        pid = int(reply["pid"])
    except (OSError, ValueError, KeyError):
        conn.close()
        os.execv(sys.executable, [sys.executable, "-I", "-S", LAUNCHER_SCRIPT, spec_json, "--", *argv])

    def relay(signum, _frame):
        try:
            os.kill(pid, signum)
        except OSError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(signum, relay)
    while True:
        try:
            line = reader.readline()
            break
        except InterruptedError:  # pragma: no cover  (PEP 475 retries; kept for clarity)
            continue
    try:
        status = int(json.loads(line or b"{}").get("exit", 1))
    except ValueError:
        status = 1
    if status < 0:  # killed by a signal: die the same way (without a core dump), as the kernel did
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
        os._exit(128 - status)
    os._exit(status & 0xFF)


# --- server ---------------------------------------------------------------------------------------


def _preload(modules: list[str]) -> list[str]:
    import importlib

    loaded = []
    for name in [*BASE_PRELOAD, *modules]:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except ModuleNotFoundError:  # "from package import name" where name is not a module
            continue
        except Exception as error:  # a module the notebook will fail to import anyway
            print(f"forkserver: not preloaded {name}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
    return loaded


def _run_kernel(request: dict, server_pid: int) -> None:
    """In the forked child: enter the sandbox and run ipykernel; never returns."""
    code = 1
    try:
        from nbgrader_sandbox import launcher as sandbox

        spec = request["spec"]
        argv = list(request["argv"])
        # The spawned kernel would run "PYTHON -m ipykernel_launcher ARGS..."; keep ARGS.
        args = argv[argv.index(KERNEL_MODULE) + 1:] if KERNEL_MODULE in argv else argv[1:]
        env = sandbox.enter(spec)
        if os.getppid() != server_pid:  # the server is already gone
            os._exit(1)
        os.environ.clear()
        os.environ.update(env)
        if "numpy" in sys.modules:  # forked children would otherwise share one random stream
            sys.modules["numpy"].random.seed()
        if sys.path and sys.path[0] in ("", "/"):
            del sys.path[0]  # as ipykernel_launcher does; the kernel adds its working folder back
        sys.argv = [KERNEL_MODULE, *args]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # noqa: BLE001  (report and exit; never fall back into the server loop)
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve(sock_path: str, modules: list[str]) -> None:
    import select

    loaded = _preload(modules)
    import threading

    from nbgrader_sandbox import launcher  # noqa: F401  (loads libc once, not in every kernel)

    if threading.active_count() != 1:
        print("forkserver: a preloaded module started a thread; refusing to fork", file=sys.stderr, flush=True)
        sys.exit(3)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o077)
    listener.bind(sock_path)
    os.umask(old)
    listener.listen(64)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_r, False)
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    server_pid = os.getpid()
    # Ready: one JSON line on stdout (a pipe the grader reads), then stdout joins the log (stderr).
    os.write(1, json.dumps({"ready": True, "preloaded": loaded}).encode() + b"\n")
    os.dup2(2, 1)
    children: dict[int, socket.socket] = {}  # kernel pid -> its client's connection
    pending: dict[socket.socket, bytes] = {}  # connections still sending their request

    def child_exited(pid: int, status: int) -> None:
        conn = children.pop(pid, None)
        if conn is None:
            return
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        try:
            conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
        except OSError:
            pass
        conn.close()

    while True:
        running = dict(children)  # kernels started before this round, watched for a vanished client
        watched = [listener, wake_r, *pending, *running.values()]
        try:
            ready, _, _ = select.select(watched, [], [])
        except InterruptedError:
            ready = []
        if wake_r in ready:
            try:
                while os.read(wake_r, 512):
                    pass
            except BlockingIOError:
                pass
        while True:  # reap every finished kernel
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            child_exited(pid, status)
        if listener in ready:
            conn, _ = listener.accept()
            pending[conn] = b""
        for conn in [c for c in ready if c in pending]:
            data = conn.recv(65536)
            if not data:
                pending.pop(conn).close()
                continue
            pending[conn] += data
            if b"\n" not in pending[conn]:
                continue
            line = pending.pop(conn).split(b"\n", 1)[0]
            try:
                request = json.loads(line)
            except ValueError:
                conn.close()
                continue
            pid = os.fork()
            if pid == 0:
                # The child: drop everything of the server before running student code.
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                for other in [listener, conn, *pending, *children.values()]:
                    other.close()
                os.close(wake_r)
                os.close(wake_w)
                os.closerange(3, 1 << 16)
                os.setsid()
                _run_kernel(request, server_pid)
            children[pid] = conn
            try:
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            except OSError:
                pass
        for pid, conn in running.items():
            if conn in ready and children.get(pid) is conn:
                try:
                    gone = conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
                except BlockingIOError:
                    gone = False
                except OSError:
                    gone = True
                if gone:  # the client was killed: so is its kernel
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass


# --- starting the server from the grader ----------------------------------------------------------


class ForkServer:
    """A running fork server (started by the grading parent, stopped when the run ends)."""

    def __init__(self, folder: str, modules: list[str], env: dict, timeout: float = 60.0):
        import select
        import subprocess

        self.socket = os.path.join(folder, "forkserver.sock")
        self.log_path = os.path.join(folder, "forkserver.log")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "nbgrader_sandbox.forkserver", "serve", self.socket, *modules],
                cwd="/", env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                close_fds=True, start_new_session=True, preexec_fn=_die_with_parent)
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        self.process.stdout.close()
        try:
            self.modules = list(json.loads(line)["preloaded"])
        except (ValueError, KeyError, TypeError):
            self.stop()
            raise RuntimeError(f"the kernel fork server did not start: {self.log()[-2000:]}") from None

    def log(self) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def _die_with_parent() -> None:  # runs in the server's process before exec
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)
    except Exception:
        pass


def main(argv: list[str]) -> None:
    if argv[:1] == ["client"]:
        sock_path, spec_json, sep, *kernel = argv[1:]
        assert sep == "--" and kernel, "usage: forkserver.py client SOCKET SPEC-JSON -- KERNEL-ARGV..."
        client(sock_path, spec_json, kernel)
    elif argv[:1] == ["serve"]:
        serve(argv[1], argv[2:])
    else:
        sys.exit("usage: forkserver.py client SOCKET SPEC-JSON -- ARGV... | serve SOCKET [MODULE...]")


if __name__ == "__main__":
    main(sys.argv[1:])
