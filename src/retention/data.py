"""Loaders for the course's data sets, driven by their YAML data cards so every lesson sees the same, documented data.

Each data file in the repository's ``datasets/`` folder has a card beside it, ``datasets/<name>.yml``:
source, licence, citation, sha256, schema (dtypes, units, meanings), parse options and the documented
counts. The card is the one place these are written: the loaders take the checksum, columns, dtypes
and date formats from it; prose and quizzes cite ``card(name).counts``; ``datasets/<name>.md`` is
rendered from it (``python -m retention.data card <name>``) and a test keeps it equal.

Set ``RETENTION_DATA_DIR`` to read the files (and cards, when present there) from another folder.
Nothing is downloaded: a missing or damaged file raises an error that names the path and the fix.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd
import yaml

#: The repository's ``datasets/`` folder, found relative to this package (src/retention/ -> ../../datasets).
DATASETS_DIR = Path(__file__).resolve().parents[2] / "datasets"
#: Environment variable that points the loaders at another folder holding the same files.
DATA_DIR_ENV = "RETENTION_DATA_DIR"

_FIX = (
    "Restore it from the repository (`git checkout -- datasets/{name}`) or copy the original file there; "
    "set {env} to use another folder."
)


class DatasetError(Exception):
    """Base class of the loaders' errors."""


class DatasetMissingError(DatasetError, FileNotFoundError):
    """The data file is not where the loader looked for it."""


class DatasetCorruptError(DatasetError, ValueError):
    """The data file exists but is not the published file (wrong checksum, truncated or unreadable)."""


class DataCardError(DatasetError, ValueError):
    """A data card (``datasets/<name>.yml``) is missing, unreadable, or has a missing or wrong field."""


def datasets_dir() -> Path:
    """The folder the loaders read: ``$RETENTION_DATA_DIR`` when set, else :data:`DATASETS_DIR`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else DATASETS_DIR


# --------------------------------------------------------------------------------------------------
# Data cards
# --------------------------------------------------------------------------------------------------

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Column:
    """One column of a card's schema: name, dtype as loaded, unit ({en, zh} or None) and meaning per language."""

    name: str
    dtype: str
    unit: Mapping[str, str] | None
    en: str
    zh: str


@dataclass(frozen=True)
class DataCard:
    """A validated data card; bilingual fields are ``{"en": …, "zh": …}`` with counts already filled into the prose."""

    path: Path
    name: str
    title: Mapping[str, str]
    file: str
    format: Mapping[str, str]
    sha256: str
    size_bytes: int
    loader: str
    description: Mapping[str, str]
    sections: tuple[Mapping[str, Any], ...]
    source: Mapping[str, Any]
    licence: Mapping[str, str]
    citation: str
    schema: tuple[Column, ...]
    dates: Mapping[str, str]
    counts: Mapping[str, int | float | str]
    count_labels: Mapping[str, Mapping[str, str]]
    quirks: tuple[Mapping[str, str], ...]

    @property
    def columns(self) -> list[str]:
        """Column names in file order."""
        return [column.name for column in self.schema]

    @property
    def dtypes(self) -> dict[str, str]:
        """Column name -> dtype as loaded (``str(frame[column].dtype)``)."""
        return {column.name: column.dtype for column in self.schema}


class _CardReader:
    """Reads fields of one raw card and raises DataCardError naming the card, the field and the fix."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, field: str, problem: str) -> DataCardError:
        return DataCardError(
            f"Data card {self.path}: field '{field}' {problem}. Fix the card (the comment at its top says how) "
            f"or restore it with `git checkout -- datasets/{self.path.name}`."
        )

    def get(self, raw, field: str, kinds, optional: bool = False):
        """``raw[key]`` (key = last part of ``field``) checked against ``kinds``; None if optional and absent."""
        key = field.rsplit(".", 1)[-1]
        if not isinstance(raw, dict):
            raise self.fail(field.rsplit(".", 1)[0], "must be a mapping of fields")
        value = raw.get(key)
        if value is None:
            if optional:
                return None
            raise self.fail(field, "is missing" if key not in raw else "is empty")
        if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
            raise self.fail(field, f"must be {_kind_names(kinds)}, got {value!r}")
        if not isinstance(value, kinds) or (isinstance(value, str) and not value.strip()):
            raise self.fail(field, f"must be a non-empty {_kind_names(kinds)}, got {value!r}")
        return value

    def bilingual(self, raw, field: str, counts: Mapping | None = None) -> dict[str, str]:
        """``{"en", "zh"}`` texts of the field ``raw[key]``; with ``counts``, ``{name:,}`` placeholders are filled in."""
        return self.texts(self.get(raw, field, dict), field, counts)

    def texts(self, entry, where: str, counts: Mapping | None = None) -> dict[str, str]:
        """``{"en", "zh"}`` texts of a mapping that has ``en`` and ``zh`` keys (schema column, quirk, section)."""
        return {lang: self.fill(self.get(entry, f"{where}.{lang}", str), f"{where}.{lang}", counts) for lang in LANGS}

    def fill(self, text: str, field: str, counts: Mapping | None) -> str:
        """The text with its ``{count}`` placeholders formatted; an unknown count name is an error."""
        if counts is None:
            return text
        try:
            return text.format_map(counts)
        except KeyError as err:
            raise self.fail(field, f"cites the count {err.args[0]!r}, which is not in 'counts' ({', '.join(counts)})") from None
        except (ValueError, IndexError) as err:
            raise self.fail(field, f"has a bad placeholder ({err}); write a count as {{name}} or {{name:,}}, a brace as {{{{") from None


def _kind_names(kinds) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    names = {str: "text", int: "integer", float: "number", dict: "mapping", list: "list"}
    return " or ".join(names.get(kind, kind.__name__) for kind in kinds)


def load_card(path: str | os.PathLike) -> DataCard:
    """Read and validate one data card (YAML); raises DataCardError naming the field that is wrong."""
    path = Path(path)
    read = _CardReader(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataCardError(
            f"Data card not found: {path}. Restore it with `git checkout -- datasets/{path.name}`."
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise DataCardError(f"Data card {path} cannot be read ({type(err).__name__}: {err}).") from err
    if not isinstance(raw, dict):
        raise DataCardError(f"Data card {path} must be a YAML mapping of fields, got {type(raw).__name__}.")

    name = read.get(raw, "name", str)
    if name != path.stem:
        raise read.fail("name", f"is {name!r} but the card file is {path.name}; they must match")
    sha256 = read.get(raw, "sha256", str)
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise read.fail("sha256", f"must be 64 lower-case hex digits (as printed by `sha256sum`), got {sha256!r}")
    size_bytes = read.get(raw, "size_bytes", int)
    if size_bytes <= 0:
        raise read.fail("size_bytes", f"must be a positive number of bytes, got {size_bytes}")

    counts, count_labels = {}, {}
    for key, entry in read.get(raw, "counts", dict).items():
        counts[key] = read.get(entry, f"counts.{key}.value", (int, float, str))
        count_labels[key] = MappingProxyType(read.texts(entry, f"counts.{key}"))
    counts = MappingProxyType(counts)

    schema = []
    for i, entry in enumerate(read.get(raw, "schema", list)):
        where = f"schema[{i}]"
        dtype = read.get(entry, f"{where}.dtype", str)
        try:
            pd.api.types.pandas_dtype(dtype)
        except TypeError:
            raise read.fail(f"{where}.dtype", f"{dtype!r} is not a pandas dtype (e.g. str, int64, Int64, float64, bool, datetime64[us])") from None
        unit = read.get(entry, f"{where}.unit", dict, optional=True)
        schema.append(Column(
            name=read.get(entry, f"{where}.name", str),
            dtype=dtype,
            unit=MappingProxyType(read.bilingual(entry, f"{where}.unit")) if unit is not None else None,
            **read.texts(entry, where, counts),
        ))
    names = [column.name for column in schema]
    if not schema or len(set(names)) != len(names):
        raise read.fail("schema", f"must list each column once, got {names}")

    dates = read.get(read.get(raw, "parse", dict), "parse.dates", dict, optional=True) or {}
    kinds = dict(zip(names, (column.dtype for column in schema)))
    for column, fmt in dates.items():
        if column not in kinds:
            raise read.fail(f"parse.dates.{column}", f"names a column that is not in 'schema' ({', '.join(names)})")
        if not kinds[column].startswith("datetime64"):
            raise read.fail(f"parse.dates.{column}", f"is a date column, so its schema dtype must be datetime64[…], not {kinds[column]}")
        read.get(dates, f"parse.dates.{column}", str)
        if "%" not in fmt:
            raise read.fail(f"parse.dates.{column}", f"must be a strptime format such as '%Y-%m-%d %H:%M', got {fmt!r}")
    undated = [c for c, kind in kinds.items() if kind.startswith("datetime64") and c not in dates]
    if undated:
        raise read.fail("parse.dates", f"must give a format for every datetime column; missing {undated}")

    source = read.bilingual(raw, "source")
    source_raw = raw["source"]
    for key in ("doi", "url"):
        source[key] = read.get(source_raw, f"source.{key}", str, optional=True)
    if source_raw.get("provenance") is not None:
        source["provenance"] = MappingProxyType(read.bilingual(source_raw, "source.provenance"))
    licence = read.bilingual(raw, "licence")
    licence["id"] = read.get(raw["licence"], "licence.id", str)

    sections = tuple(
        MappingProxyType({"heading": MappingProxyType(read.bilingual(entry, f"sections[{i}].heading")),
                          **read.texts(entry, f"sections[{i}]", counts)})
        for i, entry in enumerate(read.get(raw, "sections", list, optional=True) or [])
    )
    if not isinstance(raw.get("quirks"), list):
        raise read.fail("quirks", "must be a list (write `quirks: []` when there are none)")
    quirks = tuple(MappingProxyType(read.texts(entry, f"quirks[{i}]", counts)) for i, entry in enumerate(raw["quirks"]))

    return DataCard(
        path=path,
        name=name,
        title=MappingProxyType(read.bilingual(raw, "title")),
        file=read.get(raw, "file", str),
        format=MappingProxyType(read.bilingual(raw, "format")),
        sha256=sha256,
        size_bytes=size_bytes,
        loader=read.get(raw, "loader", str),
        description=MappingProxyType(read.bilingual(raw, "description", counts)),
        sections=sections,
        source=MappingProxyType(source),
        licence=MappingProxyType(licence),
        citation=read.get(raw, "citation", str).strip(),
        schema=tuple(schema),
        dates=MappingProxyType(dict(dates)),
        counts=counts,
        count_labels=MappingProxyType(count_labels),
        quirks=quirks,
    )


def card_path(name: str) -> Path:
    """Where the card of data set ``name`` is: beside the data in :func:`datasets_dir`, else in :data:`DATASETS_DIR`."""
    for folder in dict.fromkeys((datasets_dir(), DATASETS_DIR)):
        path = folder / f"{name}.yml"
        if path.is_file():
            return path
    known = ", ".join(card_names()) or "none"
    raise DataCardError(
        f"No data card for {name!r}: {DATASETS_DIR / (name + '.yml')} does not exist (known cards: {known}). "
        f"Restore it with `git checkout -- datasets/{name}.yml`."
    )


def card_names() -> list[str]:
    """Names of the data sets that have a card in the repository's ``datasets/`` folder."""
    return sorted(path.stem for path in DATASETS_DIR.glob("*.yml"))


# (resolved path, size, mtime_ns) -> card: an unchanged card is parsed once per process.
_CARDS: dict[tuple[str, int, int], DataCard] = {}


def card(name: str) -> DataCard:
    """The validated data card of data set ``name`` (e.g. ``card("online_retail").counts["rows"]``)."""
    path = card_path(name)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _CARDS:
        _CARDS[key] = load_card(path)
    return _CARDS[key]


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def sha256_of(path: str | os.PathLike) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# (resolved path, size, mtime_ns) -> sha256: a file that has not changed is hashed once per process.
_VERIFIED: dict[tuple[str, int, int], str] = {}


def _resolve(path, name: str) -> Path:
    path = Path(path) if path is not None else datasets_dir() / name
    if not path.is_file():
        raise DatasetMissingError(
            f"Data file not found: {path}. " + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return path


def verify_file(path: str | os.PathLike, expected_sha256: str, name: str | None = None) -> Path:
    """Check a file's sha256 (cached by path, size and modification time); raise DatasetCorruptError if it differs."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise DatasetMissingError(f"Data file not found: {path}. " + _FIX.format(name=name, env=DATA_DIR_ENV))
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    actual = _VERIFIED.get(key)
    if actual is None:
        actual = sha256_of(path)
        _VERIFIED[key] = actual
    if actual != expected_sha256:
        raise DatasetCorruptError(
            f"Data file {path} is damaged or not the published version: sha256 {actual}, expected "
            f"{expected_sha256}. " + _FIX.format(name=name, env=DATA_DIR_ENV)
        )
    return path


def _readable(fmt: str) -> str:
    """A strptime format as people write it: '%Y-%m-%d %H:%M' -> 'YYYY-MM-DD HH:MM'."""
    for code, shown in (("%Y", "YYYY"), ("%m", "MM"), ("%d", "DD"), ("%H", "HH"), ("%M", "MM"), ("%S", "SS")):
        fmt = fmt.replace(code, shown)
    return fmt


def load_dataset(name: str, path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """Data set ``name`` read as its card says (checksum, columns, dtypes, date formats)."""
    info = card(name)
    path = _resolve(path, info.file)
    if verify:
        verify_file(path, info.sha256, info.file)
    plain = {column: dtype for column, dtype in info.dtypes.items() if column not in info.dates}
    try:
        frame = pd.read_csv(path, dtype=plain, parse_dates=list(info.dates), date_format=dict(info.dates))
    except (EOFError, OSError, zlib.error, gzip.BadGzipFile, UnicodeDecodeError, ValueError, pd.errors.ParserError) as err:
        raise DatasetCorruptError(
            f"Data file {path} cannot be read ({type(err).__name__}: {err}). " + _FIX.format(name=info.file, env=DATA_DIR_ENV)
        ) from err
    if list(frame.columns) != info.columns:
        raise DatasetCorruptError(
            f"Data file {path} has columns {list(frame.columns)}, expected {info.columns}. "
            + _FIX.format(name=info.file, env=DATA_DIR_ENV)
        )
    for column, fmt in info.dates.items():
        if not pd.api.types.is_datetime64_any_dtype(frame[column]):
            raise DatasetCorruptError(f"Data file {path}: {column} is not in '{_readable(fmt)}' form.")
        if str(frame[column].dtype) != info.dtypes[column]:
            frame[column] = frame[column].astype(info.dtypes[column])
    return frame


def load_online_retail(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The UCI Online Retail order lines, sha256-checked, with the dtypes of datasets/online_retail.yml."""
    return load_dataset("online_retail", path, verify)


def load_support_tickets(path: str | os.PathLike | None = None, verify: bool = True) -> pd.DataFrame:
    """The synthetic support tickets, sha256-checked, with the dtypes of datasets/support_tickets.yml."""
    return load_dataset("support_tickets", path, verify)


def __getattr__(attribute: str):
    """``TICKET_COLUMNS``: the ticket file's column order, read from its card when first asked for."""
    if attribute == "TICKET_COLUMNS":
        return card("support_tickets").columns
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")


# --------------------------------------------------------------------------------------------------
# The Markdown card, rendered from the YAML
# --------------------------------------------------------------------------------------------------

_WORDS = {
    "en": {"heading": "English", "file": "**File:** `{file}` ({format}).", "sha": "**sha256:** `{sha}` · {size:,} bytes.",
           "load": "**Load it with** `{loader}()`, which checks the checksum and gives the dtypes below. "
                   "Nothing is downloaded at run time.",
           "what": "**What it is.** ", "source": "**Source and licence.** ", "doi": ", DOI [{doi}]({url})",
           "url": ", <{url}>", "licence": ". Licence: ", "cite": "**Cite.** ", "schema": "Schema",
           "cols": ("Column", "Loaded dtype", "Unit", "Meaning"), "dates": "Date columns are parsed with these formats: ",
           "sep": ", ", "end": ".", "counts": "Counts", "fact": ("Fact", "Value"), "quirks": "Known quirks"},
    "zh": {"heading": "中文", "file": "**文件：**`{file}`（{format}）。", "sha": "**sha256：**`{sha}`，共 {size:,} 字节。",
           "load": "**读取方式：**`{loader}()`，它会核对校验和，并按下表给出数据类型。运行时不会联网下载任何内容。",
           "what": "**数据内容。**", "source": "**来源与许可。**", "doi": "，DOI [{doi}]({url})", "url": "，<{url}>",
           "licence": "。许可协议：", "cite": "**引用。**", "schema": "字段说明",
           "cols": ("字段", "读取后的类型", "单位", "含义"), "dates": "日期字段按以下格式解析：", "sep": "；", "end": "。",
           "counts": "基本数量", "fact": ("项目", "数值"), "quirks": "已知问题"},
}


def _value(value) -> str:
    """A count as the card shows it: 541,909 · 8,761,066.65 · 2010-12-01 08:26."""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def card_markdown(info: DataCard) -> str:
    """The human-readable card (datasets/<name>.md): the same content in English, then in Chinese."""
    lines = [
        f"<!-- Generated from {info.name}.yml by `python -m retention.data card {info.name}`: "
        "edit the YAML, then regenerate this file. -->",
        "",
        f"# {info.title['en']} · {info.title['zh']}",
    ]
    for lang in LANGS:
        w = _WORDS[lang]
        source = info.source
        link = w["doi"].format(**source) if source["doi"] else (w["url"].format(**source) if source["url"] else "")
        provenance = source.get("provenance")
        licence = info.licence[lang] + ((" " if lang == "en" else "") + provenance[lang] if provenance else "")
        lines += [
            "", f"## {w['heading']}", "",
            w["file"].format(file=info.file, format=info.format[lang]),
            w["sha"].format(sha=info.sha256, size=info.size_bytes),
            w["load"].format(loader=info.loader),
            "", w["what"] + info.description[lang],
        ]
        for section in info.sections:
            lines += ["", f"**{section['heading'][lang]}**" + (" " if lang == "en" else "") + section[lang]]
        lines += [
            "", w["source"] + source[lang] + link + w["licence"] + licence,
            "", w["cite"] + info.citation,
            "", f"### {w['schema']}", "",
            "| " + " | ".join(w["cols"]) + " |", "|---|---|---|---|",
        ]
        for column in info.schema:
            unit = column.unit[lang] if column.unit else "—"
            lines.append(f"| {column.name} | {column.dtype} | {_cell(unit)} | {_cell(getattr(column, lang))} |")
        if info.dates:
            formats = w["sep"].join(f"`{column}` `{fmt}`" for column, fmt in info.dates.items())
            lines += ["", w["dates"] + formats + w["end"]]
        lines += ["", f"### {w['counts']}", "", f"| {w['fact'][0]} | {w['fact'][1]} |", "|---|---|"]
        for key, value in info.counts.items():
            lines.append(f"| {_cell(info.count_labels[key][lang])} | {_value(value)} |")
        if info.quirks:
            lines += ["", f"### {w['quirks']}", ""]
            lines += [f"- {' '.join(quirk[lang].split())}" for quirk in info.quirks]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m retention.data card NAME``: print the Markdown card of data set NAME."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "card":
        print(f"usage: python -m retention.data card NAME > datasets/NAME.md   (NAME: {', '.join(card_names())})", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(card_markdown(card(argv[1])))
    except DataCardError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
