"""Test cells hand the student's answers out of the kernel as plain data; the grader compares them.

``hand_out("rfm_full", table=...)`` displays one output of the MIME type :data:`MIME` that the
grader (``nbgrader_sandbox.handout.CompareHandouts``, outside the kernel) compares with the expected
answers written by :mod:`retention.assignments.expected`, which the kernel never sees. Nothing here
decides a grade: student code may replace these functions, but it can only hand out its own answers.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

#: The grader's hand-out MIME type (nbgrader_sandbox.handout.MIME).
MIME = "application/vnd.nbgrader-sandbox.answers+json"


def _key(value) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return str(value.item() if isinstance(value, np.generic) else value)


def plain(value):
    """``value`` as JSON data: numbers (NaN as None), text, booleans, lists, and dicts keyed by text.

    A Series becomes {index: value}; a DataFrame {column: {index: value}}; anything else its type name,
    which matches no expected answer.
    """
    if value is None or type(value) in (bool, np.bool_):
        return None if value is None else bool(value)
    if type(value) in (int, float) or isinstance(value, (np.integer, np.floating)):
        number = value.item() if isinstance(value, np.generic) else value
        return None if isinstance(number, float) and math.isnan(number) else number
    if type(value) is str:
        return value
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, pd.DataFrame):
        return {_key(column): plain(value[column]) for column in value.columns}
    if isinstance(value, pd.Series):
        return {_key(k): plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {_key(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray, pd.Index)):
        return [plain(v) for v in list(value)]
    return {"unsupported type": type(value).__name__}


def hand_out(grade_id: str, **answers) -> None:
    """Hand ``answers`` (name = value) out of the kernel for the test ``grade_id``."""
    from IPython.display import display

    display({MIME: {"grade_id": grade_id, "answers": {name: plain(v) for name, v in answers.items()}}}, raw=True)


def call_key(name: str, args: tuple) -> str:
    """How a test names one call of a student's function, e.g. ``clv(50, 0.8, 0.1)``."""
    return f"{name}({', '.join(repr(a) for a in args)})"


def calls(name: str, function, cases) -> dict:
    """``{call_key(name, args): function(*args)}`` for every argument tuple in ``cases``."""
    return {call_key(name, tuple(args)): function(*args) for args in cases}
