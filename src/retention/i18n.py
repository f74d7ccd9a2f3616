"""Bilingual labels: one place decides how English and Chinese stand side by side in widgets and plots."""

from __future__ import annotations

SEPARATOR = " · "


def bi(en: str, zh: str, sep: str = SEPARATOR) -> str:
    """Join an English and a Chinese label, e.g. ``bi("Churn rate", "流失率")`` -> ``"Churn rate · 流失率"``."""
    if not en or not zh:
        raise ValueError(f"both languages are needed, got en={en!r}, zh={zh!r}")
    return f"{en}{sep}{zh}"


def bi_lines(en: str, zh: str) -> str:
    """English above Chinese, for plot titles that would be too wide on one line."""
    return bi(en, zh, sep="\n")
