"""The question bank: every lesson's self-check quiz (``book/quizzes/<lesson>.yml``, shown in the lessons)
plus the lesson's further items (``book/questions/<lesson>.yml``), all checked against one JSON Schema.

Items are single choice, multiple choice, true/false, numeric or short answer, each tagged with its
lesson, an objective of the course plan (k1, a2, q1 …) and a difficulty. A numeric item stores the call
of the course package that computes its answer, never a typed number; a numeric template with
``variants`` gives one item per set of parameters.
"""

from __future__ import annotations

import json
import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from retention.bilingual import has_chinese
from retention.content import book_dir, quizzes_dir
from retention.teaching import courseplan
from retention.teaching.sources import toc_lessons

TYPES = ("single", "multiple", "truefalse", "numeric", "short")
DIFFICULTIES = ("easy", "medium", "hard")
TYPE_NAMES = {
    "single": ("Single choice", "单选题"),
    "multiple": ("Multiple choice", "多选题"),
    "truefalse": ("True or false", "判断题"),
    "numeric": ("Numeric", "计算题"),
    "short": ("Short answer", "简答题"),
}
#: Tag keys an exam selection may use, e.g. "lesson:06,difficulty:hard".
TAG_KEYS = ("lesson", "type", "difficulty", "objective", "part")


class QuestionBankError(ValueError):
    """A question file is malformed or a selection is wrong: the message says which file, item or tag, and the fix."""


def questions_dir() -> Path:
    return book_dir() / "questions"


@cache
def schema() -> dict:
    return json.loads((questions_dir() / "question.schema.json").read_text(encoding="utf-8"))


def _check(data: Any, ref: str, where: str) -> None:
    """Validate ``data`` against the schema (or one of its ``$defs``); the first error names the place."""
    root = schema()
    target = root if ref == "#" else {"$ref": ref, "$defs": root["$defs"]}
    errors = sorted(jsonschema.Draft202012Validator(target).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise QuestionBankError(f"{where}: at {path}: {error.message}")


def _read(path: Path) -> dict:
    if not path.is_file():
        return {"questions": []}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    _check(data, "#", f"{path.parent.name}/{path.name}")
    return data


# --- numeric answers: calls of the course package -------------------------------------------------


def _function(name: str):
    """A public function of the course package, or one of the answer-key helpers; nothing else can be called."""
    import retention
    from retention.teaching import answer_keys

    if name in retention.__all__:
        return getattr(retention, name)
    if name in answer_keys.__all__:
        return getattr(answer_keys, name)
    raise QuestionBankError(f"compute: {name!r} is not a public function of the retention package")


def _pick(value, step):
    if isinstance(step, int):
        return value.iloc[step] if hasattr(value, "iloc") else value[step]
    if step.endswith("()"):
        return getattr(value, step[:-2])()
    if isinstance(value, Mapping) or hasattr(value, "columns") or hasattr(value, "index") and not hasattr(value, step):
        return value[step]
    return getattr(value, step)


def _resolve(spec, params: Mapping[str, Any]):
    """``spec`` with every ``$name`` replaced by the variant's parameter (so equal calls share a cache entry)."""
    if isinstance(spec, str) and spec.startswith("$"):
        if spec[1:] not in params:
            raise QuestionBankError(f"compute: parameter {spec!r} is not given by the variant {dict(params)}")
        return params[spec[1:]]
    if isinstance(spec, list):
        return [_resolve(s, params) for s in spec]
    if isinstance(spec, dict):
        return {k: (v if k in ("call", "pick") else _resolve(v, params)) for k, v in spec.items()}
    return spec


@cache
def _evaluate_json(spec_json: str):
    return _evaluate(json.loads(spec_json))


def _evaluate(spec):
    if isinstance(spec, dict) and "call" in spec:
        args = [_evaluate_cached(a) for a in spec.get("args", [])]
        kwargs = {k: _evaluate_cached(v) for k, v in spec.get("kwargs", {}).items()}
        value = _function(spec["call"])(*args, **kwargs)
        for step in spec.get("pick", []):
            value = _pick(value, step)
        return value
    if isinstance(spec, list):
        return [_evaluate_cached(s) for s in spec]
    return spec


def _evaluate_cached(spec):
    return _evaluate_json(json.dumps(spec, sort_keys=True)) if isinstance(spec, dict) else _evaluate(spec)


def evaluate(spec: Mapping, params: Mapping[str, Any] | None = None):
    """What a ``compute`` call gives (a number, a label …), with the variant's ``params`` filled in."""
    return _evaluate_cached(_resolve(dict(spec), params or {}))


def compute(spec: Mapping, params: Mapping[str, Any] | None = None) -> float:
    """The number a numeric item's ``compute`` call gives, with the variant's ``params`` filled in."""
    value = evaluate(spec, params)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise QuestionBankError(f"compute: {spec.get('call')!r} with pick {spec.get('pick')} gives {type(value).__name__}, not a number") from None


# --- items ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One question of the bank, in both languages, with its tags; ``source`` is "quiz" or "bank"."""

    lesson: str
    id: str
    type: str
    en: str
    zh: str
    objective: str
    difficulty: str
    source: str
    options: tuple[dict, ...] = ()
    answer: Any = None
    explain_en: str = ""
    explain_zh: str = ""
    model_en: str = ""
    model_zh: str = ""
    compute: Mapping | None = None
    params: Mapping = field(default_factory=dict)
    decimals: int = 0
    format: Mapping | None = None

    @property
    def key(self) -> str:
        return f"{self.lesson}/{self.id}"

    @property
    def part(self) -> str:
        return courseplan.objectives(self.lesson)[self.objective]["part"]

    @property
    def tags(self) -> dict[str, str]:
        return {"lesson": self.lesson, "type": self.type, "difficulty": self.difficulty, "objective": self.objective, "part": self.part}

    def value(self) -> float:
        """A numeric item's answer, computed by the course package."""
        if self.type != "numeric":
            raise QuestionBankError(f"{self.key} is a {self.type} item, not numeric")
        return compute(self.compute, self.params)

    def tolerance(self) -> float:
        return 0.5 * 10 ** -self.decimals

    def answer_text(self, lang: str) -> str:
        """The answer as a reader reads it, in ``lang`` ("en" or "zh")."""
        if self.type == "numeric":
            value = round(self.value(), self.decimals)
            return format_value((self.format or {}).get(lang, "{:,.%df}" % self.decimals), value)
        if self.type == "truefalse":
            return ("True" if self.answer else "False") if lang == "en" else ("对" if self.answer else "错")
        if self.type == "short":
            return self.model_en if lang == "en" else self.model_zh
        chosen = [self.answer] if self.type == "single" else list(self.answer)
        return "; ".join(f"{'ABCDEF'[i]}. {self.options[i][lang]}" for i in chosen)


def format_value(template: str, value) -> str:
    """``template.format(value)`` with a negative number's minus sign (−) in front, also of a leading currency
    symbol (−£896,812 and −896,812 英镑, as the lessons write them; not £-896,812 or -896,812 英镑)."""
    if isinstance(value, (int, float)) and value < 0 and template[:1] in "£€$":
        return "−" + template.format(-value)
    text = template.format(value)
    return "−" + text[1:] if isinstance(value, (int, float)) and text.startswith("-") else text


class _TextFormatter(string.Formatter):
    """``str.format`` plus one spec for question texts: ``pt`` writes a share as percentage points,
    ``{change:.0pt}`` of 0.05 is ``5``, so a text says "5 percentage points", never "5% points"."""

    def format_field(self, value, format_spec):
        if format_spec.endswith("pt"):
            return format(value * 100, format_spec[:-2] + "f")
        return super().format_field(value, format_spec)


_TEXT_FORMATTER = _TextFormatter()


def _fill(text: str, params: Mapping, where: str) -> str:
    try:
        return _TEXT_FORMATTER.format(text, **params)
    except (KeyError, IndexError, ValueError) as error:
        raise QuestionBankError(f"{where}: the text {text!r} cannot be filled with {dict(params)}: {error!r}") from None


def _items_of(lesson: str, raw: dict, tags: Mapping, source: str) -> list[Item]:
    where = f"{lesson}/{raw['id']}"
    tagged = {**raw, **tags}
    _check(tagged, "#/$defs/tagged", where)
    kind = tagged.get("type", "single")
    known = courseplan.objectives(lesson)
    if tagged["objective"] not in known:
        raise QuestionBankError(f"{where}: objective {tagged['objective']!r} is not in the plan of {lesson}; it has {sorted(known)}")
    options = tuple(tagged.get("options", ()))
    answers = [tagged["answer"]] if kind == "single" else tagged.get("answer", []) if kind == "multiple" else []
    if any(a >= len(options) for a in answers):
        raise QuestionBankError(f"{where}: answer {tagged['answer']!r} points past the {len(options)} options")
    if kind == "multiple" and len(answers) == len(options):
        raise QuestionBankError(f"{where}: a multiple-choice item needs at least one wrong option")
    for name in ("zh", "explain_zh", "model_zh"):
        if name in tagged and not has_chinese(tagged[name]):
            raise QuestionBankError(f"{where}: {name!r} must be written in Chinese")
    for name in ("en", "explain_en", "model_en"):
        if name in tagged and has_chinese(tagged[name]):
            raise QuestionBankError(f"{where}: {name!r} must be written in English")
    variants = tagged.get("variants") or [None]
    items = []
    for number, params in enumerate(variants, start=1):
        ident = raw["id"] if params is None else f"{raw['id']}-{number}"
        params = params or {}
        fill = (lambda text: _fill(text, params, f"{lesson}/{ident}")) if params else (lambda text: text)
        items.append(
            Item(
                lesson=lesson, id=ident, type=kind, en=fill(tagged["en"]), zh=fill(tagged["zh"]),
                objective=tagged["objective"], difficulty=tagged["difficulty"], source=source, options=options,
                answer=tagged.get("answer"), explain_en=tagged.get("explain_en", ""), explain_zh=tagged.get("explain_zh", ""),
                model_en=tagged.get("model_en", ""), model_zh=tagged.get("model_zh", ""), compute=tagged.get("compute"),
                params=params, decimals=tagged.get("decimals", 0), format=tagged.get("format"),
            )
        )
    return items


def lesson_items(lesson: str) -> list[Item]:
    """A lesson's quiz items (tagged by its bank file) followed by its bank items."""
    quiz = _read(quizzes_dir() / f"{lesson}.yml")
    bank = _read(questions_dir() / f"{lesson}.yml")
    quiz_ids = [q["id"] for q in quiz["questions"]]
    tags = bank.get("quiz", {})
    missing = [q for q in quiz_ids if q not in tags]
    if missing:
        raise QuestionBankError(f"questions/{lesson}.yml: give objective and difficulty of quiz items {missing} under 'quiz:'")
    unknown = sorted(set(tags) - set(quiz_ids))
    if unknown:
        raise QuestionBankError(f"questions/{lesson}.yml: 'quiz:' names {unknown}, which are not in quizzes/{lesson}.yml")
    items = [i for raw in quiz["questions"] for i in _items_of(lesson, raw, tags[raw["id"]], "quiz")]
    items += [i for raw in bank["questions"] for i in _items_of(lesson, raw, {}, "bank")]
    ids = Counter(i.id for i in items)
    twice = sorted(k for k, n in ids.items() if n > 1)
    if twice:
        raise QuestionBankError(f"{lesson}: item ids must be unique across the quiz and the bank file, repeated: {twice}")
    return items


@cache
def load_bank() -> tuple[Item, ...]:
    """Every item of every lesson of ``_toc.yml``; a question file for a lesson not in the book is an error."""
    lessons = toc_lessons()
    stray = sorted(p.stem for p in questions_dir().glob("*.yml") if p.stem not in lessons)
    if stray:
        raise QuestionBankError(f"book/questions/ has files for lessons not in _toc.yml: {stray}")
    return tuple(item for lesson in lessons for item in lesson_items(lesson))


def counts() -> dict[str, Counter]:
    """Items per type and per lesson (for the README and the report)."""
    bank = load_bank()
    return {"type": Counter(i.type for i in bank), "lesson": Counter(i.lesson for i in bank), "difficulty": Counter(i.difficulty for i in bank)}


# --- selections ----------------------------------------------------------------------------------


def _lesson_name(value: str) -> str | None:
    matches = [lesson for lesson in toc_lessons() if lesson == value or lesson.split("_", 1)[0] == value]
    return matches[0] if len(matches) == 1 else None


def parse_tags(text: str) -> dict[str, set[str]]:
    """``"lesson:06,lesson:07,difficulty:hard"`` -> {"lesson": {...}, "difficulty": {...}}; a wrong tag says what exists."""
    selectors: dict[str, set[str]] = {}
    allowed = {
        "type": set(TYPES),
        "difficulty": set(DIFFICULTIES),
        "part": set(courseplan.PARTS),
        "objective": {i.objective for i in load_bank()},
    }
    for raw in filter(None, (t.strip() for t in (text or "").split(","))):
        key, sep, value = raw.partition(":")
        if not sep or key not in TAG_KEYS:
            raise QuestionBankError(f"tag {raw!r}: write key:value with a key from {', '.join(TAG_KEYS)}, e.g. lesson:06,difficulty:hard")
        if key == "lesson":
            name = _lesson_name(value)
            if not name:
                raise QuestionBankError(f"tag {raw!r}: no such lesson; use a number or a name from {', '.join(toc_lessons())}")
            value = name
        elif value not in allowed[key]:
            raise QuestionBankError(f"tag {raw!r}: unknown {key}; choose from {', '.join(sorted(allowed[key]))}")
        selectors.setdefault(key, set()).add(value)
    return selectors


def select(text: str) -> list[Item]:
    """The items matching a tag selection: any value of a key, every key (empty selection: the whole bank)."""
    selectors = parse_tags(text)
    return [i for i in load_bank() if all(i.tags[key] in values for key, values in selectors.items())]
