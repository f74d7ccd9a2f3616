"""The after-sales English phrase bank and the course-readings word list, read from ``book/phrases/``.

Phrases are sorted by move (greet … close) and register (chat, e-mail, phone, public review reply), with
tone notes by market; lessons, quizzes and the book page (``book/_ext/practice_pages.py``) all read the
same YAML, so a phrase has one source. ``python -m retention.phrasebank`` previews the page's Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from retention.bilingual import bi
from retention.content import book_dir
from retention.practice_content import PracticeContentError, language_problems, read_checked


@dataclass(frozen=True)
class Named:
    """A move, register or market: its key, its name in both languages and two texts (aim/note/tone) in each."""

    key: str
    en: str
    zh: str
    texts: dict


@dataclass(frozen=True)
class Phrase:
    move: str
    register: str
    en: str
    zh: str


@dataclass(frozen=True)
class PhraseBank:
    moves: tuple[Named, ...]
    registers: tuple[Named, ...]
    markets: tuple[Named, ...]
    phrases: tuple[Phrase, ...]

    def phrases_for(self, move: str, register: str | None = None) -> list[Phrase]:
        """The phrases of one move (and one register, if given), in file order; an unknown key is an error."""
        _known(move, self.moves, "move")
        if register is not None:
            _known(register, self.registers, "register")
        return [p for p in self.phrases if p.move == move and register in (None, p.register)]


@dataclass(frozen=True)
class Word:
    """One entry of the word list: the expression, its part of speech, Chinese, meaning, example and an optional note."""

    key: str
    en: str
    part: str
    zh: str
    meaning_en: str
    meaning_zh: str
    example_en: str
    example_zh: str
    note_en: str = ""
    note_zh: str = ""


def _known(key: str, items, kind: str) -> None:
    keys = [item.key for item in items]
    if key not in keys:
        raise KeyError(f"unknown {kind} {key!r}; the phrase bank has {', '.join(keys)}")


def phrases_dir() -> Path:
    """``book/phrases/`` (or its copy under ``$RETENTION_BOOK_DIR``)."""
    return book_dir() / "phrases"


def _duplicates(keys) -> list[str]:
    seen, repeated = set(), []
    for key in keys:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return repeated


def _beyond_schema(raw: dict) -> list[str]:
    """What the schema cannot say: unique keys, known moves/registers, full coverage, languages, 您, no '|'."""
    problems = language_problems(raw)
    for section in ("moves", "registers", "markets"):
        problems += [f"'{section}' lists the key {key!r} twice" for key in _duplicates(i["key"] for i in raw[section])]
    moves, registers = [m["key"] for m in raw["moves"]], [r["key"] for r in raw["registers"]]
    covered = set()
    for i, phrase in enumerate(raw["phrases"]):
        if phrase["move"] not in moves:
            problems.append(f"field 'phrases[{i}].move' is {phrase['move']!r}, not one of the moves {moves}")
        if phrase["register"] not in registers:
            problems.append(f"field 'phrases[{i}].register' is {phrase['register']!r}, not one of the registers {registers}")
        if "你" in phrase["zh"].replace("你们", ""):
            problems.append(f"field 'phrases[{i}].zh' addresses the customer as 你; write 您")
        if "|" in phrase["en"] + phrase["zh"]:
            problems.append(f"field 'phrases[{i}]' contains '|', which would break the page's table")
        covered.add((phrase["move"], phrase["register"]))
    missing = [f"{m}/{r}" for m in moves for r in registers if (m, r) not in covered]
    if missing:
        problems.append(f"no phrase for {', '.join(missing)}: every move needs a phrase in every register")
    return problems


def load_phrasebank(path: Path | None = None) -> PhraseBank:
    """The phrase bank of ``book/phrases/phrasebank.yml`` (or ``path``), checked; PracticeContentError names what is wrong."""
    path = Path(path) if path else phrases_dir() / "phrasebank.yml"
    raw = read_checked(path, phrases_dir() / "phrasebank.schema.json")
    problems = _beyond_schema(raw)
    if problems:
        raise PracticeContentError(f"{path.name}: {'; '.join(problems)}")

    def named(section):
        return tuple(Named(i["key"], i["en"], i["zh"], {k: v for k, v in i.items() if k not in ("key", "en", "zh")})
                     for i in raw[section])

    return PhraseBank(named("moves"), named("registers"), named("markets"),
                      tuple(Phrase(**{k: v.strip() for k, v in p.items()}) for p in raw["phrases"]))


def load_vocabulary(path: Path | None = None) -> tuple[Word, ...]:
    """The word list of ``book/phrases/vocabulary.yml`` (or ``path``), checked, in file order."""
    path = Path(path) if path else phrases_dir() / "vocabulary.yml"
    raw = read_checked(path, phrases_dir() / "vocabulary.schema.json")
    problems = language_problems(raw) + [f"the key {k!r} is used twice" for k in _duplicates(w["key"] for w in raw)]
    if problems:
        raise PracticeContentError(f"{path.name}: {'; '.join(problems)}")
    return tuple(Word(**{k: v.strip() for k, v in w.items()}) for w in raw)


@lru_cache(maxsize=1)
def phrasebank() -> PhraseBank:
    """The course's phrase bank, read once per process."""
    return load_phrasebank()


# --- the book page ---------------------------------------------------------------------------------

#: The line of ``book/phrasebank.md`` that the build replaces with the phrase bank (book/_ext/practice_pages.py).
PHRASEBANK_MARKER = "<!-- phrase bank: written here at build time from book/phrases/*.yml -->"


def _blocks(en: str, zh: str) -> list[str]:
    """An English and a Chinese block, as every book page pairs them."""
    return [":::{container} language-en lang-en", en, ":::", "", ":::{container} language-zh-Hans lang-zh-Hans", zh, ":::", ""]


def phrasebank_markdown(bank: PhraseBank | None = None, words: tuple[Word, ...] | None = None) -> str:
    """The phrase bank as MyST: size, registers, one table per move, tone by market, then the word list."""
    bank = bank or load_phrasebank()
    words = load_vocabulary() if words is None else words
    n, m, r = len(bank.phrases), len(bank.moves), len(bank.registers)
    lines = _blocks(
        f"The bank holds {n} phrases: {m} moves, each in all {r} registers. Phrases are models to adapt, not to paste: "
        "change the details, and read the notes on tone for the buyer's market.",
        f"句型库共收录 {n} 个句型：{m} 个步骤，每个步骤都覆盖全部 {r} 种语体。这些句型是供你改写的范例，不是直接粘贴的模板："
        "请根据实际情况修改细节，并参考针对买家所在市场的语气提示。",
    )
    lines += [f"## {bi('Registers', '语体（沟通渠道）')}", ""]
    for register in bank.registers:
        lines += [f"### {bi(register.en, register.zh)}", ""] + _blocks(register.texts["note_en"], register.texts["note_zh"])
    header = ["| " + " | ".join([bi("Register", "语体"), bi("English phrase", "英文句型"), bi("Meaning", "中文意思")]) + " |",
              "| --- | --- | --- |"]
    registers = {register.key: register for register in bank.registers}
    for move in bank.moves:
        lines += [f"## {bi(move.en, move.zh)}", ""]
        lines += _blocks(f"**Aim.** {move.texts['aim_en']}\n\n**Avoid.** {move.texts['avoid_en']}",
                         f"**目的**：{move.texts['aim_zh']}\n\n**避免**：{move.texts['avoid_zh']}")
        lines += header
        for phrase in bank.phrases_for(move.key):
            register = registers[phrase.register]
            lines.append(f"| {bi(register.en, register.zh)} | {phrase.en} | {phrase.zh} |")
        lines.append("")
    lines += [f"## {bi('Tone by market', '不同市场买家的语气')}", ""]
    lines += _blocks(
        "Tendencies reported by sellers, not rules: every buyer is a person first.\n\n"
        + "\n".join(f"- **{market.en}**: {market.texts['tone_en']}" for market in bank.markets),
        "以下是卖家经验中的一般倾向，而不是规则：每位买家首先是一个具体的人。\n\n"
        + "\n".join(f"- **{market.zh}**：{market.texts['tone_zh']}" for market in bank.markets),
    )
    lines += [f"## {bi('Words from the course readings', '课程阅读词汇')}", ""]
    for word in words:
        lines += [f"### {bi(f'{word.en} ({word.part})', word.zh)}", ""]
        note_en = f"\n\n*Note:* {word.note_en}" if word.note_en else ""
        note_zh = f"\n\n*提示*：{word.note_zh}" if word.note_zh else ""
        lines += _blocks(f"{word.meaning_en}\n\n*Example:* {word.example_en}{note_en}",
                         f"{word.meaning_zh}\n\n*例句*：{word.example_zh}（{word.example_en}）{note_zh}")
    return "\n".join(lines)


def fill_page(page: str, marker: str, markdown: str) -> str:
    """``page`` with its marker line replaced by ``markdown``; a page without the marker is an error."""
    if marker not in page:
        raise PracticeContentError(f"the page lacks the line {marker!r} where the generated content goes")
    return page.replace(marker, markdown)


if __name__ == "__main__":  # preview: python -m retention.phrasebank
    print(phrasebank_markdown(), end="")
