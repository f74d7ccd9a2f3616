"""Lazy public names for a package: ``from retention import churn_cost_table`` imports only the module that defines it.

A package lists its public names by module in a literal ``EXPORTS`` table and imports none of them up
front, so a lesson loads only the modules it uses, and the book's per-lesson build key
(scripts/lesson_keys.py reads the same table) depends on only those modules.
"""

from __future__ import annotations

import importlib
import sys


def lazy_exports(package: str, exports: dict[str, tuple[str, ...]]):
    """``__all__``, ``__getattr__`` and ``__dir__`` for ``package`` whose public names are ``exports`` (module -> names)."""
    where = {name: f"{package}.{module}" for module, names in exports.items() for name in names}

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name]), name)
        setattr(sys.modules[package], name, value)  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return sorted(where), __getattr__, __dir__
