"""Reading the practice layer's content files (phrase bank, word list, role-plays): YAML checked by a JSON Schema.

Each file type has its schema beside it (``book/phrases/*.schema.json``, ``book/roleplays/roleplay.schema.json``,
JSON Schema 2020-12); a wrong file raises :class:`PracticeContentError` naming the file, every wrong field
and what is expected, so an author can fix it without reading the code.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from retention.bilingual import has_chinese
from retention.schema_errors import field_path, schema_problem


#: libyaml's safe loader when PyYAML was built with it (about ten times faster), else the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PracticeContentError(ValueError):
    """A practice content file is missing, unreadable or breaks its schema: the message says where and how to fix it."""


def _problem(error: jsonschema.ValidationError) -> str:
    """One schema violation of a practice file, in words (:func:`retention.schema_errors.schema_problem`)."""
    return schema_problem(error, "the file")


@cache
def _validator(schema: Path) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))


def read_checked(path: Path, schema: Path) -> Any:
    """The parsed YAML of ``path`` after checking it against ``schema``; raises PracticeContentError otherwise."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except FileNotFoundError:
        raise PracticeContentError(f"{path} is missing; restore it with `git checkout -- {path.name}` in its folder") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise PracticeContentError(f"{path} cannot be read as YAML ({type(err).__name__}: {err})") from err
    problems = sorted(map(_problem, _validator(schema).iter_errors(raw)))
    if problems:
        raise PracticeContentError(f"{path.name}: {'; '.join(problems)}. The schema is {schema.name}, beside the file.")
    return raw


def language_problems(node: Any, path: list | None = None) -> list[str]:
    """Every ``en`` text that holds Chinese and every ``zh`` text that holds none, anywhere in ``node``."""
    path = path or []
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in language_problems(item, path + [i])]
    if not isinstance(node, dict):
        return []
    problems = []
    for key, value in node.items():
        where = field_path(path + [key])
        if isinstance(value, str) and (key == "en" or key.endswith("_en")) and has_chinese(value):
            problems.append(f"field '{where}' must be written in English")
        if isinstance(value, str) and (key == "zh" or key.endswith("_zh")) and not has_chinese(value):
            problems.append(f"field '{where}' must be written in Chinese")
        problems += language_problems(value, path + [key])
    return problems
