"""Data cards: the YAML file beside each data set (``datasets/<name>.yml``) that documents it, checked against
``datasets/card.schema.json`` and rendered as the Markdown card ``datasets/<name>.md``.

The card is the one place a data set's checksum, schema, parse options and documented counts are written: the
loaders in :mod:`retention.data` read them from here; prose, quizzes and tests cite ``card(name).counts``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
import jsonschema
import pandas as pd
import yaml

from retention.schema_errors import field_path, schema_problem

#: The repository's ``datasets/`` folder, found relative to this package (src/retention/ -> ../../datasets).
DATASETS_DIR = Path(__file__).resolve().parents[2] / "datasets"
#: Environment variable that points the loaders at another folder holding the same files.
DATA_DIR_ENV = "RETENTION_DATA_DIR"
#: The JSON Schema (draft 2020-12) every card must satisfy.
SCHEMA_PATH = DATASETS_DIR / "card.schema.json"
#: The Jinja template of the Markdown card ``datasets/<name>.md``.
TEMPLATE_PATH = DATASETS_DIR / "card.md.jinja"
LANGS = ("en", "zh")


class DatasetError(Exception):
    """Base class of the data errors (missing or damaged files and cards)."""


class DataCardError(DatasetError, ValueError):
    """A data card (``datasets/<name>.yml``) is missing, unreadable, or has a missing or wrong field."""


def datasets_dir() -> Path:
    """The folder the loaders read: ``$RETENTION_DATA_DIR`` when set, else :data:`DATASETS_DIR`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).expanduser() if override else DATASETS_DIR


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
    """A checked data card; bilingual fields are ``{"en": …, "zh": …}`` with counts already filled into the prose."""

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


# --- reading and checking ----------------------------------------------------------------------------------


def _fail(path: Path, problems: list[str]) -> DataCardError:
    """The error for a card with these problems: the file, each field and what to do."""
    return DataCardError(
        f"Data card {path}: {'; '.join(problems)}. Fix the card (the comment at its top says how) "
        f"or restore it with `git checkout -- datasets/{path.name}`."
    )


def _problem(error: jsonschema.ValidationError) -> str:
    """One schema violation of a card, in words (:func:`retention.schema_errors.schema_problem`)."""
    return schema_problem(error, "the card")


@cache
def _validator() -> jsonschema.Draft202012Validator:
    """The validator of :data:`SCHEMA_PATH`, built once."""
    return jsonschema.Draft202012Validator(json.loads(beside_data(SCHEMA_PATH.name).read_text(encoding="utf-8")))


def _beyond_schema(path: Path, raw: dict) -> list[str]:
    """What JSON Schema cannot check: name = file stem, pandas dtypes, unique columns, dates <-> datetime columns."""
    problems, dtypes = [], {}
    if raw["name"] != path.stem:
        problems.append(f"field 'name' is {raw['name']!r} but the card file is {path.name}; they must match")
    for i, column in enumerate(raw["schema"]):
        try:
            pd.api.types.pandas_dtype(column["dtype"])
        except (TypeError, ValueError):
            problems.append(f"field 'schema[{i}].dtype' {column['dtype']!r} is not a pandas dtype "
                            "(e.g. str, int64, Int64, float64, bool, datetime64[us])")
        if column["name"] in dtypes:
            problems.append(f"field 'schema[{i}].name' repeats the column {column['name']!r}; list each column once")
        dtypes[column["name"]] = column["dtype"]
    dates = raw.get("parse", {}).get("dates", {})
    for column in dates:
        if column not in dtypes:
            problems.append(f"field 'parse.dates.{column}' names a column that is not in 'schema' "
                            f"({', '.join(dtypes)})")
        elif not dtypes[column].startswith("datetime64"):
            problems.append(f"field 'parse.dates.{column}' is a date column, so its schema dtype must be "
                            f"datetime64[…], not {dtypes[column]}")
    undated = [column for column, dtype in dtypes.items() if dtype.startswith("datetime64") and column not in dates]
    if undated:
        problems.append(f"field 'parse.dates' must give a format for every datetime column; missing {undated}")
    return problems


def _read(path: Path) -> Any:
    """The parsed YAML of a card file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataCardError(
            f"Data card not found: {path}. Restore it with `git checkout -- datasets/{path.name}`."
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise DataCardError(f"Data card {path} cannot be read ({type(err).__name__}: {err}).") from err


def _filled(node: Any, path: list, counts: Mapping) -> Any:
    """The card read-only, with the ``{count}`` placeholders of every ``en``/``zh`` text filled in."""
    if isinstance(node, list):
        return tuple(_filled(item, path + [i], counts) for i, item in enumerate(node))
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        out[key] = _filled(value, path + [key], counts)
        if key in LANGS:
            try:
                out[key] = value.format_map(counts)
            except KeyError as err:
                raise DataCardError(f"field '{field_path(path + [key])}' cites the count {err.args[0]!r}, which is not "
                                    f"in 'counts' ({', '.join(counts)})") from None
            except (ValueError, IndexError) as err:
                raise DataCardError(f"field '{field_path(path + [key])}' has a bad placeholder ({err}); write a count "
                                    "as {name} or {name:,}, a brace as {{") from None
    return MappingProxyType(out)


def load_card(path: str | os.PathLike) -> DataCard:
    """Read one data card and check it against the schema; raises DataCardError naming every wrong field."""
    path = Path(path)
    raw = _read(path)
    problems = sorted(map(_problem, _validator().iter_errors(raw))) or _beyond_schema(path, raw)  # sorted by field
    if problems:
        raise _fail(path, problems)
    counts = MappingProxyType({key: entry["value"] for key, entry in raw["counts"].items()})
    try:
        filled = _filled(raw, [], counts)
    except DataCardError as err:
        raise _fail(path, [str(err)]) from None
    return DataCard(
        **{key: filled[key] for key in ("name", "title", "file", "format", "sha256", "size_bytes", "loader",
                                        "description", "licence", "quirks")},
        path=path,
        sections=filled.get("sections", ()),
        source=MappingProxyType({"doi": None, "url": None, **filled["source"]}),
        citation=filled["citation"].strip(),
        schema=tuple(Column(column["name"], column["dtype"], column.get("unit"), column["en"], column["zh"])
                     for column in filled["schema"]),
        dates=filled.get("parse", {}).get("dates", MappingProxyType({})),
        counts=counts,
        count_labels=MappingProxyType({key: MappingProxyType({lang: entry[lang] for lang in LANGS})
                                       for key, entry in filled["counts"].items()}),
    )


def beside_data(name: str) -> Path:
    """A file of the data folder: in :func:`datasets_dir` when it is there, else in :data:`DATASETS_DIR`.

    An installed (non-editable) package has no repository around it; ``RETENTION_DATA_DIR`` then names the
    checkout's ``datasets/`` folder, which holds the schema and the template too.
    """
    for folder in dict.fromkeys((datasets_dir(), DATASETS_DIR)):
        if (folder / name).is_file():
            return folder / name
    return datasets_dir() / name


def card_names() -> list[str]:
    """Names of the data sets that have a card in the data folder (:func:`datasets_dir`, else ``datasets/``)."""
    return sorted({path.stem for folder in dict.fromkeys((datasets_dir(), DATASETS_DIR))
                   for path in folder.glob("*.yml")})


def card_path(name: str) -> Path:
    """Where the card of data set ``name`` is: beside the data in :func:`datasets_dir`, else in :data:`DATASETS_DIR`."""
    for folder in dict.fromkeys((datasets_dir(), DATASETS_DIR)):
        if (folder / f"{name}.yml").is_file():
            return folder / f"{name}.yml"
    raise DataCardError(
        f"No data card for {name!r}: {DATASETS_DIR / (name + '.yml')} does not exist (known cards: "
        f"{', '.join(card_names()) or 'none'}). Restore it with `git checkout -- datasets/{name}.yml`."
    )


@cache
def _cached_card(path: Path, size: int, mtime_ns: int) -> DataCard:
    """An unchanged card (same path, size and modification time) is read once per process."""
    return load_card(path)


def card(name: str) -> DataCard:
    """The checked data card of data set ``name`` (e.g. ``card("online_retail").counts["rows"]``)."""
    path = card_path(name)
    stat = path.stat()
    return _cached_card(path, stat.st_size, stat.st_mtime_ns)


# --- the Markdown card --------------------------------------------------------------------------------------


def format_count(value) -> str:
    """A count as the card shows it: 541,909 · 8,761,066.65 · 2010-12-01 08:26."""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


@cache
def _template() -> jinja2.Template:
    """The Markdown card's template, :data:`TEMPLATE_PATH`, with its filters: count, oneline, cell (table cell)."""
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(count=format_count, oneline=lambda text: " ".join(text.split()),
                       cell=lambda text: " ".join(text.split()).replace("|", "\\|"))
    return env.from_string(beside_data(TEMPLATE_PATH.name).read_text(encoding="utf-8"))


def card_markdown(info: DataCard) -> str:
    """The human-readable card (datasets/<name>.md): the same content in English, then in Chinese."""
    return _template().render(c=info)
