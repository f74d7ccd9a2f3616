"""Measure what the practice layer adds to every book build: reading and checking the phrase bank, the word list
and the role-plays (YAML + JSON Schema) and writing their pages' Markdown, as the Sphinx extension does on each
build (book/_ext/practice_pages.py rereads both pages every time). Also times the assignment-5 reply checks.

Usage: .venv/bin/python scripts/benchmark_practice.py   (a few seconds; prints medians of repeated runs)
"""

from __future__ import annotations

import statistics
import time
import timeit


def median_ms(statement, number: int, repeat: int = 7) -> float:
    return statistics.median(timeit.repeat(statement, number=number, repeat=repeat)) / number * 1000


def main() -> None:
    start = time.perf_counter()
    from retention import phrasebank, roleplays
    from retention.assignments import replies

    imported = (time.perf_counter() - start) * 1000
    first = time.perf_counter()
    pages = phrasebank.phrasebank_markdown(), roleplays.roleplays_markdown()
    first_ms = (time.perf_counter() - first) * 1000
    phrase_ms = median_ms(phrasebank.phrasebank_markdown, 20)
    role_ms = median_ms(lambda: roleplays.roleplays_markdown(), 20)
    text = "Dear Ms Nguyen,\n" + "I am sorry about order 7310; we refund it within 24 hours. " * 15
    check_ms = median_ms(lambda: (replies.word_count(text), replies.time_frames(text), replies.forbidden_phrases(text)), 200)
    print(f"import of the practice modules: {imported:.0f} ms")
    print(f"first phrase bank + role-play pages (schemas compiled): {first_ms:.0f} ms, {sum(map(len, pages)):,} characters")
    print(f"phrase bank page, warm: {phrase_ms:.1f} ms (median of 7 x 20)")
    print(f"role-play page, warm: {role_ms:.1f} ms (median of 7 x 20)")
    print(f"assignment-5 checks on a {replies.word_count(text)}-word reply: {check_ms:.3f} ms")


if __name__ == "__main__":
    main()
