"""What the grader tells the instructor about a submission: tampering, failures, notable errors.

All of it is read from files copied out of the sandbox or from nbgrader's log, and only reported:
nothing here changes a grade.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def tamper_report(release_dir: Path, submission_dir: Path) -> dict:
    """Which read-only and test cells a student edited or deleted, judged by nbgrader checksums."""
    import nbformat
    from nbformat.v4.rwbase import rejoin_lines
    from nbgrader import utils

    report = {"edited": [], "deleted": [], "copied": [], "unknown_ids": []}
    for release_nb in sorted(release_dir.glob("*.ipynb")):
        path = submission_dir / release_nb.name
        if not path.is_file():
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("nbformat") == 4:
                submitted = rejoin_lines(nbformat.from_dict(raw))
            else:
                submitted = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
            submitted.cells  # noqa: B018  (fails early on a malformed structure)
        except Exception:  # damaged notebooks are reported by the grader itself
            continue
        cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in submitted.cells
                 if "nbgrader" in c.metadata}
        release = rejoin_lines(nbformat.from_dict(json.loads(release_nb.read_text(encoding="utf-8"))))
        ids = [c.metadata["nbgrader"].get("grade_id") for c in submitted.cells if "nbgrader" in c.metadata]
        known = {c.metadata.get("nbgrader", {}).get("grade_id") for c in release.cells}
        # Graded once (the last copy, restored from the source); unknown ids run as ordinary cells.
        report["copied"] += [f"{release_nb.stem}:{i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
        report["unknown_ids"] += [f"{release_nb.stem}:{i}" for i in sorted({str(i) for i in ids if i not in known})]
        for cell in release.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not (meta.get("locked") or (meta.get("grade") and not meta.get("solution"))):
                continue
            name = f"{release_nb.stem}:{meta['grade_id']}"
            other = cells.get(meta["grade_id"])
            if other is None:
                report["deleted"].append(name)
            elif other.cell_type != cell.cell_type or utils.compute_checksum(other) != meta.get("checksum"):
                report["edited"].append(name)
    return report


def explain_failure(text: str, expected: list[str], found: list[str]) -> str:
    """A clear, bilingual one-line message for a submission nbgrader could not grade."""
    if "No notebooks found" in text or (expected and not set(expected) & set(found)):
        return (f"no notebook with the expected name: expected {expected}, found {found} · "
                f"提交的文件名不对：应为 {expected}，实际为 {found}")
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        return ("the kernel died while running the notebook (a crash, os._exit, or out of memory) · "
                "运行笔记本时内核崩溃（程序崩溃、调用 os._exit 或内存不足）")
    if "UnresponsiveKernelError" in text:
        return "the kernel stopped responding and could not be interrupted · 内核无响应且无法中断"
    if re.search(r"NotJSONError|JSONDecodeError|does not appear to be JSON|Unreadable Notebook", text):
        return "the notebook file is damaged (not valid JSON) · 笔记本文件已损坏（不是有效的 JSON）"
    if "ValidationError" in text or "SchemaTooOld" in text or "SchemaTooNew" in text:
        return "the notebook's format or metadata is invalid · 笔记本的格式或元数据无效"
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["unknown error"]
    return f"nbgrader could not grade this submission: {last[0][:300]} · 无法评分此提交"


def notable_errors(autograded_dir: Path) -> list[str]:
    """Timeouts and memory errors found in the executed notebooks, as short bilingual notes."""
    notes = []
    for path in sorted(autograded_dir.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except Exception:
            continue
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []):
                if out.get("output_type") != "error":
                    continue
                ename = out.get("ename")
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
                if ename in ("CellTimeoutError", "KeyboardInterrupt", "TimeoutError"):
                    notes.append(f"{path.stem}:{grade_id}: cell time limit reached, interrupted · 单元格超时，已中断")
                elif ename == "MemoryError":
                    notes.append(f"{path.stem}:{grade_id}: memory limit reached · 超出内存限制")
    return list(dict.fromkeys(notes))


def report_path(root: Path, assignment: str) -> Path:
    return Path(root) / "reports" / f"autograde-{assignment}.json"


def read_report(root: Path, assignment: str) -> dict[str, dict]:
    """student -> the latest recorded outcome of ``assignment`` ({} if never autograded)."""
    path = report_path(root, assignment)
    if not path.is_file():
        return {}
    return {row["student"]: row for row in json.loads(path.read_text(encoding="utf-8"))}


def write_report(root: Path, assignment: str, results: list[dict]) -> Path:
    """reports/autograde-<assignment>.json: status, score and messages of every submission.

    A run of some students only replaces their rows; the others keep their last recorded outcome,
    so the file always says how each submission's current grade came about.
    """
    keep = ("student", "assignment", "status", "score", "max_score", "message", "notes", "tampered",
            "seconds", "isolation", "limits", "kernels", "worker_exit", "kernel_exit", "kernel_log")
    rows = read_report(root, assignment)
    rows.update({r["student"]: {k: r.get(k) for k in keep} for r in results})
    path = report_path(root, assignment)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps([rows[s] for s in sorted(rows)], ensure_ascii=False, indent=1), encoding="utf-8")
    return path
