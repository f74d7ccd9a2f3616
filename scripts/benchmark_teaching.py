"""Time the teacher's side once, cold, in one process: loading the question bank, computing every numeric
answer (the data lessons' answers load and clean the Online Retail data), the Moodle XML and CSV export,
an exam paper with its answer sheet (HTML, then PDF through Chromium), and the teacher's notes' numbers.

    .venv/bin/python scripts/benchmark_teaching.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<48} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    from retention.teaching import exam, exports, notes, questionbank
    from retention.teaching.sources import toc_lessons

    bank = timed("load and check the bank (schema, tags)", questionbank.load_bank)
    timed("compute every numeric answer", lambda: [i.value() for i in bank if i.type == "numeric"])
    with tempfile.TemporaryDirectory() as folder:
        timed("export Moodle XML and CSV", lambda: exports.write_exports(Path(folder)))
        questions = timed("assemble a 20-question paper", lambda: exam.assemble("", 7, 20))
        timed("render paper and answer sheet (HTML)", lambda: [exam.render(questions, "", 7, a) for a in (False, True)])
        if exam.chromium():
            timed("write both as HTML and PDF (Chromium)", lambda: exam.write_exam("", 7, 20, Path(folder)))
    timed("teacher's notes: every lesson's numbers", lambda: [notes.figures(lesson) for lesson in toc_lessons()])
    counts = questionbank.counts()
    print(f"items: {len(bank)}; by type: {dict(counts['type'])}")
    print(f"by lesson: {dict(counts['lesson'])}")


if __name__ == "__main__":
    main()
