"""Make a ``compute`` call of the question bank or the teacher's notes directly (not through the package's own
evaluator), so the tests compare what the content shows with what the course package returns."""

import retention
from retention.teaching import answer_keys


def call(spec, params=None):
    """``spec`` = {"call", "args", "kwargs", "pick"}; "$name" arguments come from ``params``."""
    params = params or {}

    def arg(value):
        if isinstance(value, str) and value.startswith("$"):
            return params[value[1:]]
        return call(value, params) if isinstance(value, dict) else value

    function = getattr(retention, spec["call"], None) or getattr(answer_keys, spec["call"])
    result = function(*map(arg, spec.get("args", [])), **{k: arg(v) for k, v in spec.get("kwargs", {}).items()})
    for step in spec.get("pick", []):
        if isinstance(step, int):
            result = result.iloc[step]
        elif step.endswith("()"):
            result = getattr(result, step[:-2])()
        elif isinstance(result, dict) or hasattr(result, "loc"):
            result = result[step]
        else:
            result = getattr(result, step)
    return result
