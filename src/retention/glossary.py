"""The bilingual glossary: entries live in ``retention/glossary/*.yml``; the book page is generated from them.

Each entry's key is the slug of its English term, which is also the anchor of its heading in the
book (see :func:`heading_slug`), so a lesson links to ``../book/glossary.md#customer-loyalty`` and a
link to a key that does not exist fails the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

FIELDS = ("key", "en", "zh", "definition_en", "definition_zh", "example_en", "example_zh")
_SLUG_DROP = re.compile(r"[^\w\u4e00-\u9fff\- ]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


class GlossaryError(ValueError):
    """A glossary file is malformed: the message names the file, the entry and the field."""


def slugify(text: str) -> str:
    """GitHub-style slug, as MyST makes heading anchors: lower case, spaces to hyphens, punctuation dropped."""
    return _SLUG_DROP.sub("", text.strip().lower().replace(" ", "-"))


def heading_slug(title: str) -> str:
    """Anchor of a heading: for a bilingual 'English · 中文' heading, the slug of its English half."""
    english = title.split(" · ")[0] if " · " in title else title
    return slugify(english)


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


def _validate(raw, source: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{source}: every entry must be a mapping with fields {FIELDS}, got {raw!r}")
    name = raw.get("key", "?")
    for field in FIELDS:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            raise GlossaryError(f"{source}: entry {name!r} lacks the field {field!r} (a non-empty string)")
    for field in ("zh", "definition_zh", "example_zh"):
        if not _CJK.search(raw[field]):
            raise GlossaryError(f"{source}: entry {name!r} field {field!r} must be written in Chinese")
    for field in ("en", "definition_en", "example_en"):
        if _CJK.search(raw[field]):
            raise GlossaryError(f"{source}: entry {name!r} field {field!r} must be written in English")
    if raw["key"] != slugify(raw["en"]):
        raise GlossaryError(f"{source}: entry {name!r} must have key {slugify(raw['en'])!r}, the slug of its English term")
    return Entry(**{field: raw[field].strip() for field in FIELDS}, source=source)


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Entry, ...]:
    """Every entry from every glossary file, sorted by English term; duplicate keys are an error."""
    entries: dict[str, Entry] = {}
    folder = resources.files("retention") / "glossary"
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yml"):
            continue
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


def glossary_markdown() -> str:
    """The book's glossary page (MyST), generated: `python -m retention.glossary > book/glossary.md`."""
    lines = [
        "# Glossary · 术语表",
        "",
        "<!-- Generated from src/retention/glossary/*.yml by `python -m retention.glossary > book/glossary.md`; edit the YAML, not this page. -->",
        "",
        ":::{container} language-en lang-en",
        "Every term the lessons use, with its Chinese equivalent, a definition in both languages and a",
        "sentence showing it in use. Lessons link here; the Chinese term given is the one used throughout the course.",
        ":::",
        "",
        ":::{container} language-zh-Hans lang-zh-Hans",
        "本表收录课程中用到的全部术语，给出对应的中文术语、中英文定义，以及一个中英对照的例句。"
        "各课都链接到这里；表中的中文术语就是整门课程统一使用的译法。",
        ":::",
        "",
    ]
    for entry in load_glossary():
        lines += [
            f"## {entry.en} · {entry.zh}",
            "",
            ":::{container} language-en lang-en",
            f"**{entry.en}** ({entry.zh}): {entry.definition_en}",
            "",
            f"*Example:* {entry.example_en}",
            ":::",
            "",
            ":::{container} language-zh-Hans lang-zh-Hans",
            f"**{entry.zh}**（{entry.en}）：{entry.definition_zh}",
            "",
            f"*例句：*{entry.example_zh}",
            ":::",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(glossary_markdown(), end="")
