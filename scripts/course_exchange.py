"""The course's nbgrader exchange: set it up once per machine, check it, publish through it.

    course_exchange.py install [--root DIR] [--config-dir DIR ...]   (as root: `make exchange`)
        create the exchange folder open to every user (mode 1777: nbgrader needs rwx for all; the
        sticky bit keeps users from removing each other's folders) and install
        grading/system/nbgrader_config.py into the system-wide Jupyter config folders
    course_exchange.py --course grading check
    course_exchange.py --course grading release ASSIGNMENT     (`make release`, after generating)
    course_exchange.py --course grading release-feedback ASSIGNMENT   (`make feedback`)

The system-wide folders are those jupyter_core searches with and without JUPYTER_PLATFORM_DIRS=1
(/etc/jupyter for JupyterHub's servers, /etc/xdg/jupyter for the Makefile, which exports it): one
file, linked from the second folder. A check that fails prints what is missing and the fix.
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE.parent / "grading" / "system" / "nbgrader_config.py"
FIX = "Fix, once per machine, as root in the checkout: `make exchange` (or `sudo make exchange`)"
MARK = "The course's machine-wide nbgrader settings"  # first docstring line of TEMPLATE


class ExchangeError(RuntimeError):
    """The exchange is not usable as it is; the message says what is wrong and how to fix it."""


def system_config_dirs() -> list[str]:
    """The last system-wide Jupyter config folder in both of jupyter_core's modes (no duplicates)."""
    found = []
    for mode in ("0", "1"):
        env = {**os.environ, "JUPYTER_PLATFORM_DIRS": mode}
        out = subprocess.run([sys.executable, "-c", "import jupyter_core.paths as p; print(p.SYSTEM_CONFIG_PATH[-1])"],
                             env=env, capture_output=True, text=True, check=True).stdout.strip()
        if out not in found:
            found.append(out)
    return found


def machine_config(root: str) -> str:
    """The template with the exchange root set to ``root``."""
    text = TEMPLATE.read_text(encoding="utf-8")
    default = 'c.Exchange.root = "/usr/local/share/nbgrader/exchange"'
    assert default in text, f"{TEMPLATE} no longer sets the exchange root as expected"
    return text.replace(default, f"c.Exchange.root = {root!r}")


def install(root: str, config_dirs: list[str]) -> None:
    """Create the exchange and put the machine-wide settings where every user's Jupyter reads them."""
    text = machine_config(root)
    first = Path(config_dirs[0]) / "nbgrader_config.py"
    for folder in config_dirs:
        target = Path(folder) / "nbgrader_config.py"
        if target.exists() and MARK not in target.read_text(encoding="utf-8", errors="replace"):
            raise ExchangeError(f"{target} exists and holds other settings; nothing was changed. Merge the two "
                                f"lines of {TEMPLATE} into it by hand (another course on this machine?)")
    try:
        os.makedirs(root, exist_ok=True)
        os.chmod(root, 0o1777)
        for folder in config_dirs:
            os.makedirs(folder, exist_ok=True)
            target = Path(folder) / "nbgrader_config.py"
            if target == first:
                target.write_text(text, encoding="utf-8")
                target.chmod(0o644)
            else:
                if target.exists() or target.is_symlink():
                    target.unlink()
                target.symlink_to(first)
    except PermissionError as error:
        raise ExchangeError(f"cannot set up the exchange ({error}). Run it as root: `sudo make exchange`") from None
    print(f"exchange: {root} (open to every user), course settings in {', '.join(config_dirs)}")


def effective(course: Path) -> dict:
    """Exchange root and course id as nbgrader sees them in ``course``, and the files that set them."""
    from nbgrader.apps.baseapp import NbGrader
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default.exchange import Exchange
    from traitlets.config.loader import PyFileConfigLoader

    cwd = os.getcwd()
    os.chdir(course)
    try:
        app = NbGrader()
        app.load_config_file()
        files = list(app.loaded_config_files)
    finally:
        os.chdir(cwd)
    coursedir = CourseDirectory(config=app.config)
    root = Exchange(coursedir=coursedir, config=app.config).root
    setting = [f for f in files if "root" in PyFileConfigLoader(os.path.basename(f), path=os.path.dirname(f))
               .load_config().get("Exchange", {})]
    return {"root": root, "course_id": coursedir.course_id, "set_in": setting, "files": files}


def check(course: Path) -> dict:
    """Raise ExchangeError unless every user can reach this course's exchange; return what nbgrader sees."""
    from jupyter_core.paths import jupyter_config_dir

    seen = effective(course)
    root, private = seen["root"], Path(jupyter_config_dir()).resolve()
    if not seen["set_in"]:
        raise ExchangeError(f"the nbgrader exchange is not set up on this machine: no system-wide nbgrader_config.py "
                            f"sets it (looked in: {', '.join(system_config_dirs())}). {FIX}")
    mine = [f for f in seen["set_in"] if Path(f).resolve().parent == private]
    if mine:
        raise ExchangeError(f"the exchange root is set in your own {mine[0]}, which students' servers never read "
                            f"(and JUPYTER_PLATFORM_DIRS=1 moves). Remove it there; {FIX}")
    if not os.path.isdir(root):
        raise ExchangeError(f"the exchange folder {root} does not exist. {FIX}")
    mode = stat.S_IMODE(os.stat(root).st_mode)
    if mode & 0o777 != 0o777:
        raise ExchangeError(f"the exchange folder {root} is not open to every user (mode {mode:o}, nbgrader needs "
                            f"rwx for all). {FIX}")
    expected = template_course_id()
    if seen["course_id"] != expected:
        raise ExchangeError(f"nbgrader sees the course id {seen['course_id']!r}, not {expected!r} "
                            f"(set in {', '.join(seen['files'])}). {FIX}")
    return seen


def template_course_id() -> str:
    """The course id of grading/system/nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(TEMPLATE.name, path=str(TEMPLATE.parent)).load_config().CourseDirectory.course_id


def nbgrader(course: Path, *args: str) -> int:
    """Run nbgrader's command line in the course folder, as `make` shows it."""
    print("+ (cd", course, "&&", " ".join(["nbgrader", *args]) + ")", flush=True)
    return subprocess.call([sys.executable, "-m", "nbgrader", *args], cwd=course)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=HERE.parent / "grading")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("install", help="create the exchange and install the machine-wide settings (root)")
    p.add_argument("--root", default="/usr/local/share/nbgrader/exchange")
    p.add_argument("--config-dir", action="append", help="default: the system-wide Jupyter config folders")
    sub.add_parser("check", help="is the exchange set up for every user?")
    for name in ("release", "release-feedback"):
        sub.add_parser(name).add_argument("assignment")
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            install(os.path.abspath(args.root), args.config_dir or system_config_dirs())
            return 0
        seen = check(args.course)
    except ExchangeError as error:
        print(f"exchange: {error}", file=sys.stderr)
        return 2
    if args.command == "check":
        print(f"exchange: {seen['root']}, course {seen['course_id']} (set in {', '.join(seen['set_in'])})")
        return 0
    if args.command == "release":
        return nbgrader(args.course, "release_assignment", args.assignment, "--force")
    return nbgrader(args.course, "release_feedback", args.assignment)


if __name__ == "__main__":
    sys.exit(main())
