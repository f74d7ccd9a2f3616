"""A JSON Schema violation in words an author can act on: which field, what is wrong, what is expected.

Shared by the content files checked against a schema (data cards, the practice content).
"""

from __future__ import annotations

import jsonschema


def field_path(path) -> str:
    """A field's path as an author reads it: ['schema', 2, 'dtype'] -> 'schema[2].dtype'."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def schema_problem(error: jsonschema.ValidationError, whole: str) -> str:
    """One violation: the field, what is wrong, and the schema's description; ``whole`` names the file itself."""
    path, expected = list(error.absolute_path), error.schema
    if error.validator == "required":
        missing = next(key for key in error.validator_value if key not in error.instance)
        path, expected, problem = path + [missing], expected.get("properties", {}).get(missing, {}), "is missing"
    else:
        message = error.message if len(error.message) <= 160 else error.message[:160] + "…"
        problem = f"is wrong: {message}"
    hint = expected.get("description") if isinstance(expected, dict) else None
    return (f"field '{field_path(path)}'" if path else whole) + f" {problem}" + (f" (expected {hint})" if hint else "")
