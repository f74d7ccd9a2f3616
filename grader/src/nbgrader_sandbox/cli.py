"""nbgrader-sandbox (python -m nbgrader_sandbox): an instructor's nbgrader workflow, with parallel sandboxed autograde.

    release   ASSIGNMENT...     nbgrader generate_assignment (writes the gradebook's assignment)
    collect   ASSIGNMENT        nbgrader collect (exchange) or --zip for LMS downloads
    autograde ASSIGNMENT        parallel, sandboxed autograde (see nbgrader_sandbox.autograde)
    formgrade                   start JupyterLab; grade by hand in the Formgrader panel
    feedback  ASSIGNMENT        nbgrader generate_feedback, then make the HTML work offline
    export    [--to FILE]       grades to CSV (nbgrader export)
    status                      submissions, autograded, feedback per assignment
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

DEFAULT_COURSE = os.environ.get("NBGRADER_SANDBOX_COURSE", ".")


def _nbgrader(course: Path, *args: str) -> int:
    """Run the nbgrader command line in the course folder (its output is the progress)."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    print("+ (cd", course, "&&", " ".join(["nbgrader", *args]) + ")", flush=True)
    return subprocess.call(cmd, cwd=course)


def cmd_release(args) -> int:
    for name in args.assignment:
        code = _nbgrader(args.course, "generate_assignment", name, "--force")
        if code:
            return code
    return 0


def _submitted_files(course: Path, assignment: str) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in (course / "submitted").glob(f"*/{assignment}/*") if p.is_file()}


def cmd_collect(args) -> int:
    if not args.zip:
        return _nbgrader(args.course, "collect", args.assignment, "--update")
    archive = args.course / "downloaded" / args.assignment / "archive"
    if not archive.is_dir() or not any(archive.iterdir()):
        print(f"collect stopped: put the LMS downloads of {args.assignment} (zip files or notebooks) in {archive}/",
              file=sys.stderr)
        return 1
    before = _submitted_files(args.course, args.assignment)
    code = _nbgrader(args.course, "zip_collect", args.assignment, "--force",
                     "--ZipCollectApp.collector_plugin=nbgrader_sandbox.zipnames.LmsFileNameCollector")
    collected = {p for p, t in _submitted_files(args.course, args.assignment).items() if before.get(p) != t}
    if code or not collected:
        print(f"collect: nothing collected from {archive}: no file name matched the known LMS patterns "
              "(Moodle 'Name_12345_assignsubmission_file_/notebook.ipynb', Canvas "
              "'login_12345_67890_notebook.ipynb', '<student>/notebook.ipynb'); set "
              "c.LmsFileNameCollector.named_regexp in nbgrader_config.py", file=sys.stderr)
        return code or 1
    students = sorted({Path(p).parent.parent.name for p in collected})
    print(f"collect: {len(collected)} files from {len(students)} students: {', '.join(students)}")
    return 0


def cmd_autograde(args) -> int:
    from nbgrader_sandbox.autograde import autograde

    if args.stock:
        extra = [f"--Execute.timeout={args.cell_timeout}"] if args.cell_timeout else []
        return _nbgrader(args.course, "autograde", args.assignment, "--force", *extra)
    given = {"workers": args.workers, "wall_seconds": args.wall, "memory_mb": args.memory_mb,
             "cell_timeout": args.cell_timeout, "isolation": args.isolation,
             "force": False if args.skip_graded else None, "forkserver": False if args.spawn_kernels else None}
    try:
        results = autograde(str(args.course), args.assignment, students=args.student or None,
                            **{k: v for k, v in given.items() if v is not None})
    except RuntimeError as error:
        print(f"autograde stopped: {error}", file=sys.stderr)
        return 1
    from nbgrader_sandbox.report import report_path

    bad = [r for r in results if r["status"] != "ok"]
    report = report_path(args.course, args.assignment)
    print(f"{len(results)} graded, {len(bad)} with errors or timeouts"
          + (f"; report: {report}" if results and report.is_file() else ""))
    if bad:
        print(f"autograde: {len(bad)} of {len(results)} submissions were not graded (score 0 recorded):",
              file=sys.stderr)
        for r in bad:
            print(f"  {r['student']}: {r['status']}: {r.get('message') or ''}", file=sys.stderr)
        return 1
    return 0


def _coursedir(course: Path):
    from nbgrader_sandbox.config import course_directory

    return course_directory(str(course))


def lab_command(root: Path, port: int) -> list[str]:
    """JupyterLab on 127.0.0.1 serving ``root``; as root it needs (and gets) ``--allow-root``."""
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.root_dir={root}",
           f"--port={port}", "--ip=127.0.0.1"]
    return cmd + (["--allow-root"] if os.geteuid() == 0 else [])


def cmd_formgrade(args) -> int:
    print("Open the 'Formgrader' panel (Nbgrader menu) in JupyterLab to grade written answers.")
    return subprocess.call(lab_command(args.course, args.port), cwd=args.course)


def cmd_lab(args) -> int:
    print("Edit the assignments in source/ with nbgrader's Create Assignment panel (right sidebar).")
    return subprocess.call(lab_command(args.course / "source", args.port), cwd=args.course)


def cmd_feedback(args) -> int:
    from nbgrader_sandbox.feedback import make_offline

    from nbgrader_sandbox.preflight import AssignmentError, check_assignment
    from nbgrader_sandbox.preprocessors import feedback_preprocessors

    try:
        check_assignment(args.course, _coursedir(args.course), args.assignment, submitted=False)
    except AssignmentError as error:
        print(f"feedback stopped: {error}", file=sys.stderr)
        return 1
    # Without hidden tests and the grader's paths unless asked (nbgrader_sandbox.preprocessors).
    code = _nbgrader(args.course, "generate_feedback", args.assignment, "--force",
                     f"--GenerateFeedback.preprocessors={feedback_preprocessors()!r}",
                     f"--HideHiddenTests.show_hidden_tests={args.show_hidden_tests}")
    changed = make_offline(Path(args.course) / "feedback")
    print(f"feedback: {changed} HTML files made to work offline (no CDN scripts)")
    return code


def cmd_export(args) -> int:
    return _nbgrader(args.course, "export", f"--to={args.to}",
                     "--exporter=nbgrader_sandbox.export.StatusCsvExport")


def cmd_status(args) -> int:
    course = Path(args.course)
    for source in sorted((course / "source").iterdir()):
        name = source.name
        count = lambda d: len(list((course / d).glob(f"*/{name}")))  # noqa: E731
        print(f"{name:<28} released={int((course / 'release' / name).is_dir())} "
              f"submitted={count('submitted')} autograded={count('autograded')} feedback={count('feedback')}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="nbgrader-sandbox", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=Path(DEFAULT_COURSE),
                        help="course folder with nbgrader_config.py (default: ., or $NBGRADER_SANDBOX_COURSE)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("release", help="generate the student version of assignments")
    p.add_argument("assignment", nargs="+")
    p.set_defaults(run=cmd_release)
    p = sub.add_parser("collect", help="collect submissions into submitted/")
    p.add_argument("assignment")
    p.add_argument("--zip", action="store_true", help="use nbgrader zip_collect (downloads in downloaded/)")
    p.set_defaults(run=cmd_collect)
    p = sub.add_parser("autograde", help="autograde all submissions in parallel, sandboxed")
    p.add_argument("assignment")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--workers", type=int, help="parallel workers (0: two per core, as many as memory holds; default: the course config)")
    p.add_argument("--wall", type=float, help="seconds allowed per submission (default: config, else 300)")
    p.add_argument("--memory-mb", type=int, help="kernel memory limit (default: config, else 2048)")
    p.add_argument("--cell-timeout", type=int, default=None, help="override Execute.timeout (seconds per cell)")
    p.add_argument("--isolation", choices=["auto", "full", "degraded"])
    p.add_argument("--skip-graded", action="store_true", help="skip submissions already in autograded/")
    p.add_argument("--stock", action="store_true", help="run plain sequential `nbgrader autograde` instead")
    p.add_argument("--spawn-kernels", action="store_true",
                   help="start every kernel from scratch instead of forking it from a warm server")
    p.set_defaults(run=cmd_autograde)
    p = sub.add_parser("formgrade", help="JupyterLab with the Formgrader for manual grading")
    p.add_argument("--port", type=int, default=8888)
    p.set_defaults(run=cmd_formgrade)
    p = sub.add_parser("lab", help="JupyterLab on source/ for writing assignments (Create Assignment panel)")
    p.add_argument("--port", type=int, default=8888)
    p.set_defaults(run=cmd_lab)
    p = sub.add_parser("feedback", help="HTML feedback for students, working offline")
    p.add_argument("assignment")
    p.add_argument("--show-hidden-tests", action="store_true",
                   help="show the hidden tests and their tracebacks (default: hidden, nbgrader issue #917)")
    p.set_defaults(run=cmd_feedback)
    p = sub.add_parser("export", help="export grades to CSV")
    p.add_argument("--to", default="grades.csv")
    p.set_defaults(run=cmd_export)
    p = sub.add_parser("status", help="what has been released, submitted, graded")
    p.set_defaults(run=cmd_status)
    args = parser.parse_args(argv)
    args.course = args.course.resolve()
    if not (args.course / "nbgrader_config.py").is_file():
        parser.error(f"{args.course} has no nbgrader_config.py")
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
