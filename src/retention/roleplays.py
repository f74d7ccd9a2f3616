"""Role-play cases for after-sales English, read from ``book/roleplays/NN_<key>.yml``: role cards A (buyer) and
B (agent), the language notes a student needs, a model answer and a marking sheet a teacher can print.

Each case is checked against ``book/roleplays/roleplay.schema.json`` and the rules below; the book page
(``book/_ext/practice_pages.py``) is written from the files at build time. Preview: ``python -m retention.roleplays``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from retention.bilingual import bi
from retention.content import book_dir
from retention.phrasebank import phrasebank
from retention.practice_content import PracticeContentError, language_problems, read_checked

#: Every marking sheet adds up to this many points, so scores compare across cases.
TOTAL_POINTS = 10
_FILE = re.compile(r"^(\d{2})_([a-z][a-z0-9-]*)\.yml$")
SPEAKERS = {"A": ("buyer", "买家"), "B": ("agent", "客服")}


@dataclass(frozen=True)
class Turn:
    speaker: str
    en: str
    zh: str


@dataclass(frozen=True)
class Criterion:
    points: int
    en: str
    zh: str


@dataclass(frozen=True)
class RolePlay:
    """One case: its number and key (from the file name), texts in both languages, model turns and rubric."""

    number: int
    key: str
    title_en: str
    title_zh: str
    channel: str
    situation_en: str
    situation_zh: str
    role_a: dict
    role_b: dict
    notes: tuple[dict, ...]
    model: tuple[Turn, ...]
    rubric: tuple[Criterion, ...]

    @property
    def total_points(self) -> int:
        return sum(criterion.points for criterion in self.rubric)


def roleplays_dir() -> Path:
    """``book/roleplays/`` (or its copy under ``$RETENTION_BOOK_DIR``)."""
    return book_dir() / "roleplays"


def _beyond_schema(path: Path, raw: dict, channels: list[str]) -> list[str]:
    problems = language_problems(raw)
    if raw["key"] != _FILE.match(path.name).group(2):
        problems.append(f"field 'key' is {raw['key']!r} but the file is {path.name}; they must match")
    if raw["channel"] not in channels:
        problems.append(f"field 'channel' is {raw['channel']!r}, not a register of the phrase bank {channels}")
    speakers = {turn["speaker"] for turn in raw["model"]}
    if speakers != {"A", "B"}:
        problems.append(f"field 'model' must give turns to both A and B, has only {sorted(speakers)}")
    total = sum(criterion["points"] for criterion in raw["rubric"])
    if total != TOTAL_POINTS:
        problems.append(f"field 'rubric' adds up to {total} points; every marking sheet totals {TOTAL_POINTS}")
    for i, criterion in enumerate(raw["rubric"]):
        if "|" in criterion["en"] + criterion["zh"]:
            problems.append(f"field 'rubric[{i}]' contains '|', which would break the marking sheet's table")
    return problems


def load_roleplay(path: Path) -> RolePlay:
    """One case file, checked; PracticeContentError names the file, every wrong field and the fix."""
    path = Path(path)
    match = _FILE.match(path.name)
    if not match:
        raise PracticeContentError(f"{path.name}: a role-play file is named NN_<key>.yml, e.g. 03_damaged-item.yml")
    raw = read_checked(path, roleplays_dir() / "roleplay.schema.json")
    problems = _beyond_schema(path, raw, [register.key for register in phrasebank().registers])
    if problems:
        raise PracticeContentError(f"{path.name}: {'; '.join(problems)}")
    return RolePlay(
        number=int(match.group(1)),
        **{k: raw[k] for k in ("key", "title_en", "title_zh", "channel", "situation_en", "situation_zh", "role_a", "role_b")},
        notes=tuple(raw["notes"]),
        model=tuple(Turn(**turn) for turn in raw["model"]),
        rubric=tuple(Criterion(**criterion) for criterion in raw["rubric"]),
    )


def load_roleplays(folder: Path | None = None) -> tuple[RolePlay, ...]:
    """Every case of ``book/roleplays/`` (or ``folder``), in number order; two cases with one number are an error."""
    folder = Path(folder) if folder else roleplays_dir()
    cases = [load_roleplay(path) for path in sorted(folder.glob("*.yml"))]
    numbers = [case.number for case in cases]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise PracticeContentError(f"{folder}: role-play numbers {repeated} are used twice; give each file its own NN_")
    if not cases:
        raise PracticeContentError(f"{folder} holds no role-play file (NN_<key>.yml)")
    return tuple(cases)


# --- the book page ---------------------------------------------------------------------------------

#: The line of ``book/roleplays.md`` that the build replaces with the cases (book/_ext/practice_pages.py).
ROLEPLAYS_MARKER = "<!-- role-plays: written here at build time from book/roleplays/*.yml -->"


def _blocks(en: str, zh: str) -> list[str]:
    return [":::{container} language-en lang-en", en, ":::", "", ":::{container} language-zh-Hans lang-zh-Hans", zh, ":::", ""]


def _quote(text: str) -> str:
    """A block quote with every line of ``text`` as its own paragraph (letters keep their lines)."""
    return "\n>\n".join(f"> {line}" for line in text.strip().splitlines() if line.strip())


def _sheet(case: RolePlay, lang: str, header: tuple[str, str, str], total: str) -> str:
    """The marking sheet in one language: criterion, points, an empty score column, and the total."""
    rows = [f"| {' | '.join(header)} |", "| --- | --- | --- |"]
    rows += [f"| {getattr(criterion, lang)} | {criterion.points} | |" for criterion in case.rubric]
    rows.append(f"| **{total}** | **{case.total_points}** | |")
    return "\n".join(rows)


def roleplays_markdown(cases: tuple[RolePlay, ...] | None = None) -> str:
    """Every case as MyST: situation, role cards, language notes, model answer and marking sheet, in both languages."""
    cases = load_roleplays() if cases is None else cases
    registers = {register.key: register for register in phrasebank().registers}
    lines = _blocks(
        f"{len(cases)} cases; each marking sheet totals {TOTAL_POINTS} points.",
        f"共 {len(cases)} 个案例；每份评分表满分均为 {TOTAL_POINTS} 分。",
    )
    for case in cases:
        channel = registers[case.channel]
        lines += [f"## {bi(f'Case {case.number}: {case.title_en}', f'案例 {case.number}：{case.title_zh}')}", ""]
        lines += _blocks(f"**Channel:** {channel.en}.\n\n{case.situation_en}",
                         f"**渠道**：{channel.zh}。\n\n{case.situation_zh}")
        lines += [f"### {bi('Role cards', '角色卡')}", ""]
        lines += _blocks(f"**Role A, the buyer.** {case.role_a['en']}\n\n**Role B, the agent.** {case.role_b['en']}",
                         f"**角色 A（买家）**：{case.role_a['zh']}\n\n**角色 B（客服）**：{case.role_b['zh']}")
        lines += [f"### {bi('Language notes', '语言注释')}", ""]
        lines += _blocks("\n".join(f"- **{note['term']}**: {note['en']}" for note in case.notes),
                         "\n".join(f"- **{note['term']}** {note['zh']}" for note in case.notes))
        lines += [f"### {bi('Model answer', '参考答案')}", ""]
        en = "\n\n".join(f"**{t.speaker} ({SPEAKERS[t.speaker][0]})**\n\n{_quote(t.en)}" for t in case.model)
        zh = "\n\n".join(f"**{t.speaker}（{SPEAKERS[t.speaker][1]}）**\n\n{_quote(t.en)}\n\n参考译文：\n\n{_quote(t.zh)}"
                         for t in case.model)
        lines += _blocks(en, zh)
        lines += [f"### {bi('Marking sheet', '评分表')}", ""]
        lines += _blocks(_sheet(case, "en", ("Criterion", "Points", "Score"), "Total"), _sheet(case, "zh", ("评分项", "分值", "得分"), "合计"))
    return "\n".join(lines)


if __name__ == "__main__":  # preview: python -m retention.roleplays
    print(roleplays_markdown(), end="")
