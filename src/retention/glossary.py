"""The bilingual glossary: entries live in ``book/glossary/*.yml``; the book build writes them into its page.

Each entry's key is the slug of its English term, which is also the anchor of its heading in the
book (see :func:`retention.bilingual.heading_slug`), so a lesson links to ``../book/glossary.md#customer-loyalty`` and a
link to a key that does not exist fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from retention.bilingual import bi, has_chinese, slugify
from retention.content import glossary_dir

FIELDS = ("key", "en", "zh", "definition_en", "definition_zh", "example_en", "example_zh")
#: Optional field: Chinese variants the course decided against (regular expressions), e.g. an older translation.
AVOID = "avoid_zh"
#: English first words that keep their capital inside a Chinese gloss (names of people, acronyms are kept anyway).
PROPER_NAMES = ("Lorenz", "Pareto")


class GlossaryError(ValueError):
    """A glossary file is malformed: the message names the file, the entry and the field."""




@dataclass(frozen=True)
class Entry:
    """One glossary term in both languages, with a definition and a usage sentence in each."""

    key: str
    en: str
    zh: str
    definition_en: str
    definition_zh: str
    example_en: str
    example_zh: str
    source: str = ""
    avoid_zh: tuple[str, ...] = ()

    @property
    def gloss_en(self) -> str:
        """The English term as written inside a Chinese gloss, 中文术语（English term）: lower case unless a name."""
        first = self.en.split()[0]
        if (len(first) > 1 and first.isupper()) or first in PROPER_NAMES:
            return self.en
        return self.en[0].lower() + self.en[1:]


def _validate(raw, source: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{source}: every entry must be a mapping with fields {FIELDS}, got {raw!r}")
    name = raw.get("key", "?")
    for field in FIELDS:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise GlossaryError(f"{source}: entry {name!r} lacks the field {field!r} (a non-empty string)")
    for field in ("zh", "definition_zh", "example_zh"):
        if not has_chinese(raw[field]):
            raise GlossaryError(f"{source}: entry {name!r} field {field!r} must be written in Chinese")
    for field in ("en", "definition_en", "example_en"):
        if has_chinese(raw[field]):
            raise GlossaryError(f"{source}: entry {name!r} field {field!r} must be written in English")
    if raw["key"] != slugify(raw["en"]):
        raise GlossaryError(f"{source}: entry {name!r} must have key {slugify(raw['en'])!r}, the slug of its English term")
    avoid = raw.get(AVOID, [])
    if not isinstance(avoid, list) or not all(isinstance(v, str) and has_chinese(v) for v in avoid):
        raise GlossaryError(f"{source}: entry {name!r} field {AVOID!r} must be a list of Chinese variants (regular expressions)")
    for variant in avoid:
        try:
            re.compile(variant)
        except re.error as err:
            raise GlossaryError(f"{source}: entry {name!r} field {AVOID!r}: {variant!r} is no regular expression ({err})") from err
    unknown = set(raw) - set(FIELDS) - {AVOID}
    if unknown:
        raise GlossaryError(f"{source}: entry {name!r} has unknown field(s) {sorted(unknown)}; allowed: {FIELDS + (AVOID,)}")
    return Entry(**{field: raw[field].strip() for field in FIELDS}, source=source, avoid_zh=tuple(avoid))


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Entry, ...]:
    """Every entry from every glossary file, sorted by English term; duplicate keys are an error."""
    entries: dict[str, Entry] = {}
    for path in sorted(glossary_dir().glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            raise GlossaryError(f"{path.name}: a glossary file is a YAML list of entries")
        for raw in data:
            entry = _validate(raw, path.name)
            if entry.key in entries:
                raise GlossaryError(f"{path.name}: key {entry.key!r} is already defined in {entries[entry.key].source}")
            entries[entry.key] = entry
    return tuple(sorted(entries.values(), key=lambda e: e.en.lower()))


def glossary_keys() -> set[str]:
    return {entry.key for entry in load_glossary()}


#: The line of ``book/glossary.md`` that the book build replaces with the entries (book/_ext/glossary_page.py).
ENTRIES_MARKER = "<!-- glossary entries: written here at build time from book/glossary/*.yml -->"


def entries_markdown() -> str:
    """Every entry as MyST: a bilingual heading (anchor = English slug), then an English and a Chinese block."""
    lines = []
    for entry in load_glossary():
        lines += [
            f"## {bi(entry.en, entry.zh)}",
            "",
            ":::{container} language-en lang-en",
            f"**{entry.en}** ({entry.zh}): {entry.definition_en}",
            "",
            f"*Example:* {entry.example_en}",
            ":::",
            "",
            ":::{container} language-zh-Hans lang-zh-Hans",
            f"**{entry.zh}**（{entry.gloss_en}）：{entry.definition_zh}",
            "",
            f"*例句*：{entry.example_zh}",
            ":::",
            "",
        ]
    return "\n".join(lines)


def fill_page(page: str) -> str:
    """The glossary page with its marker line replaced by the entries; a page without the marker is an error."""
    if ENTRIES_MARKER not in page:
        raise GlossaryError(f"the glossary page lacks the line {ENTRIES_MARKER!r} where the entries go")
    return page.replace(ENTRIES_MARKER, entries_markdown())


#: A mention in quotes (“后续服务工作”) names a variant; it does not use it.
_QUOTED = re.compile(r"“[^“”]*”")


def drifted_terms(text: str) -> list[tuple[str, str]]:
    """(variant found, the glossary's term) for every avoided variant used in ``text`` outside “quotes”."""
    plain = _QUOTED.sub("", text)
    return [(m.group(0), entry.zh) for entry in load_glossary() for variant in entry.avoid_zh
            for m in re.finditer(variant, plain)]


#: What may follow a term's first use: an optional 率, the end of its link, closing bold, then （English）.
_GLOSS = re.compile(r"率?(?:\*\*)?(?:\]\([^)]*\))?(?:\*\*)?（[^（）]*[A-Za-z][^（）]*）")
_NO_TERMS = re.compile(r"`[^`]*`|<[^>]+>|\]\([^)]*\)")


def unglossed_first_uses(texts: list[str]) -> list[str]:
    """Glossary terms whose first use in ``texts`` (a lesson's Chinese cells, in order) lacks 中文术语（English term）.

    Terms are matched longest first, so 投诉 inside 投诉处理结果 is not a use of 投诉; code, HTML tags and link
    targets are skipped.
    """
    masks = []
    for text in texts:
        mask = [False] * len(text)
        for m in _NO_TERMS.finditer(text):
            mask[m.start():m.end()] = [True] * (m.end() - m.start())
        masks.append(mask)
    first: dict[str, tuple[int, int]] = {}
    for entry in sorted(load_glossary(), key=lambda e: -len(e.zh)):
        for index, text in enumerate(texts):
            for m in re.finditer(re.escape(entry.zh), text):
                if any(masks[index][m.start():m.end()]):
                    continue
                masks[index][m.start():m.end()] = [True] * (m.end() - m.start())
                first.setdefault(entry.zh, (index, m.end()))
    return [term for term, (index, end) in first.items() if not _GLOSS.match(texts[index], end)]


if __name__ == "__main__":  # preview the entries: python -m retention.glossary
    print(entries_markdown(), end="")
