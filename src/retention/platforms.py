"""The platform appendix's figures, read from ``book/platforms/facts.yml``: each with its source pages and check date.

Dispute windows, response times and seller metrics change, so every figure the page shows carries the pages it
was compared with, the day of that check, and whether the platform's own page confirmed it. The book page
(``book/_ext/practice_pages.py``) is written from the file at build time. Preview: ``python -m retention.platforms``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from retention.bilingual import bi
from retention.content import book_dir
from retention.practice_content import PracticeContentError, language_problems, read_checked

STATUSES = ("confirmed", "unverified")
#: The line of ``book/platforms.md`` that the build replaces with the tables of figures.
PLATFORMS_MARKER = "<!-- platform figures: written here at build time from book/platforms/facts.yml -->"


@dataclass(frozen=True)
class Source:
    url: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class Fact:
    """One figure: what it is about and the figure itself in both languages, its status, check date and sources."""

    key: str
    platform: str
    what_en: str
    what_zh: str
    figure_en: str
    figure_zh: str
    status: str
    checked: dt.date
    sources: tuple[Source, ...]
    page_date: dt.date | None = None
    note_en: str = ""
    note_zh: str = ""


@dataclass(frozen=True)
class Platform:
    key: str
    en: str
    zh: str
    intro_en: str = ""
    intro_zh: str = ""


def facts_path() -> Path:
    """``book/platforms/facts.yml`` (or its copy under ``$RETENTION_BOOK_DIR``)."""
    return book_dir() / "platforms" / "facts.yml"


def _repeated(keys) -> list[str]:
    return [key for key, count in Counter(keys).items() if count > 1]


def _texts(node) -> list[str]:
    if isinstance(node, dict):
        return [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return [node] if isinstance(node, str) else []


def _beyond_schema(raw: dict, today: dt.date) -> list[str]:
    """What the schema cannot say: unique keys, known platforms, languages, no '|', real dates not in the future."""
    problems = language_problems(raw)
    platforms = [p["key"] for p in raw["platforms"]]
    problems += [f"the platform key {k!r} is used twice" for k in _repeated(platforms)]
    problems += [f"the fact key {k!r} is used twice" for k in _repeated(f["key"] for f in raw["facts"])]
    for fact in raw["facts"]:
        if fact["platform"] not in platforms:
            problems.append(f"fact {fact['key']!r} names the platform {fact['platform']!r}, not one of {platforms}")
        for field in ("checked", "page_date"):
            if field not in fact:
                continue
            try:
                day = dt.date.fromisoformat(fact[field])
            except ValueError:
                problems.append(f"fact {fact['key']!r}: {field} {fact[field]!r} is not a real date")
                continue
            if day > today:
                problems.append(f"fact {fact['key']!r}: {field} {fact[field]} is later than today")
    problems += [f"a text contains '|', which would break the page's tables: {t!r}" for t in _texts(raw) if "|" in t]
    missing = [p for p in platforms if p not in {f["platform"] for f in raw["facts"]}]
    problems += [f"the platform {p!r} has no fact" for p in missing]
    return problems


def load_facts(path: Path | None = None, today: dt.date | None = None) -> tuple[tuple[Platform, ...], tuple[Fact, ...]]:
    """The platforms and facts of ``book/platforms/facts.yml`` (or ``path``), checked; an error names what is wrong."""
    path = Path(path) if path else facts_path()
    raw = read_checked(path, path.parent / "facts.schema.json")
    problems = _beyond_schema(raw, today or dt.date.today())
    if problems:
        raise PracticeContentError(f"{path.name}: {'; '.join(problems)}")
    platforms = tuple(Platform(**{k: v.strip() for k, v in p.items()}) for p in raw["platforms"])
    facts = []
    for f in raw["facts"]:
        fields = {k: v.strip() for k, v in f.items() if k not in ("sources", "checked", "page_date")}
        facts.append(Fact(**fields, checked=dt.date.fromisoformat(f["checked"]),
                          page_date=dt.date.fromisoformat(f["page_date"]) if "page_date" in f else None,
                          sources=tuple(Source(**s) for s in f["sources"])))
    return platforms, tuple(facts)


# --- the book page ---------------------------------------------------------------------------------

def _source_cell_en(fact: Fact) -> str:
    links = "; ".join(f"[{s.name_en}]({s.url})" for s in fact.sources)
    status = "Confirmed" if fact.status == "confirmed" else "**Unverified**"
    shown = f" The page is dated {fact.page_date.isoformat()}." if fact.page_date else ""
    note = f" {fact.note_en}" if fact.note_en else ""
    return f"{status}: {links}. Checked {fact.checked.isoformat()}.{shown}{note}"


def _source_cell_zh(fact: Fact) -> str:
    links = "；".join(f"[{s.name_zh}]({s.url})" for s in fact.sources)
    status = "已核实" if fact.status == "confirmed" else "**未核实**"
    shown = f"该页面标注的日期为 {fact.page_date.isoformat()}。" if fact.page_date else ""
    return f"{status}：{links}。{fact.checked.isoformat()} 核对。{shown}{fact.note_zh}"


def platforms_markdown(platforms: tuple[Platform, ...] | None = None, facts: tuple[Fact, ...] | None = None) -> str:
    """One section per platform: an optional introduction, then the figures in an English and a Chinese table."""
    if platforms is None or facts is None:
        platforms, facts = load_facts()
    lines = []
    for platform in platforms:
        own = [f for f in facts if f.platform == platform.key]
        en = ["| What | Figure | Source, status and check date |", "| --- | --- | --- |"]
        en += [f"| {f.what_en} | {f.figure_en} | {_source_cell_en(f)} |" for f in own]
        zh = ["| 项目 | 数字或规则 | 来源、核实状态及核对日期 |", "| --- | --- | --- |"]
        zh += [f"| {f.what_zh} | {f.figure_zh} | {_source_cell_zh(f)} |" for f in own]
        intro_en = [platform.intro_en, ""] if platform.intro_en else []
        intro_zh = [platform.intro_zh, ""] if platform.intro_zh else []
        lines += [f"## {bi(platform.en, platform.zh)}", ""]
        lines += [":::{container} language-en lang-en", *intro_en, *en, ":::", ""]
        lines += [":::{container} language-zh-Hans lang-zh-Hans", *intro_zh, *zh, ":::", ""]
    return "\n".join(lines)


if __name__ == "__main__":  # preview: python -m retention.platforms
    print(platforms_markdown(), end="")
