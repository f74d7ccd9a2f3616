"""Tests of retention.ui.static_calculator: the calculators as the static book shows and answers them."""

import json
import re
import subprocess
import sys

import pytest

from retention.ui import calculators
from retention.ui.static_calculator import Control, answer, compute_path

BUILDERS = [getattr(calculators, name) for name in sorted(dir(calculators)) if name.endswith("_calculator")]
THIRD_PARTY = ("pandas", "numpy", "ipywidgets", "matplotlib", "IPython")


def test_there_are_nine_calculators():
    assert len(BUILDERS) == 9


def test_the_answer_path_imports_and_answers_without_pandas_numpy_or_widgets():
    """What the browser runs (Pyodide has none of them) must load and answer with the standard library."""
    probe = f"""
import sys, json
for name in {THIRD_PARTY!r}:
    sys.modules[name] = None
from retention.ui import calculator_answers as a
from retention.ui.static_calculator import answer
print(json.dumps([a.ltv_result_html(10, 10, 1), answer("retention.ui.calculator_answers:pareto_html",
                  {{"sigma": ("float", "1.88"), "top": ("float", "0.2")}})]))
"""
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    ltv, pareto = json.loads(run.stdout)
    assert ltv == calculators.ltv_result_html(10, 10, 1)
    assert pareto == calculators.pareto_html(1.88, 0.2)


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_the_form_starts_with_the_widget_answer_and_describes_every_control(build):
    calc = build()
    form = calc._repr_mimebundle_()["text/html"]
    assert f'data-compute="{compute_path(calc.compute)}"' in form
    assert calc.compute(**calc.values) in form  # the build-time answer, shown before any engine loads
    for control in calc.static_controls():
        row = re.search(rf'<div class="calc-control" data-name="{control.name}".*?</div>', form).group(0)
        assert f'data-kind="{control.kind}"' in row
        # a labelled range and number box, in both languages, both starting at the slider's value
        assert re.search(r'<label id="([^"]+)" for="[^"]+"><span lang="en">[^<]+</span>.*<span lang="zh-Hans">', row)
        assert row.count(f'value="{control.shown(control.value)}"') == 2


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_answer_from_form_text_equals_the_answer_function(build):
    calc = build()
    fields = {c.name: (c.kind, repr(c.value) if c.kind == "float" else str(c.value)) for c in calc.static_controls()}
    assert answer(compute_path(calc.compute), fields) == calc.compute(**calc.values)


def test_answer_converts_by_kind_like_the_sliders():
    got = answer("retention.ui.calculator_answers:staffing_html", {
        "per_hour": ("int", "70"), "handle_minutes": ("float", "6"),
        "target_minutes": ("float", "1"), "target_share": ("float", "0.9")})
    assert got == calculators.staffing_html(70, 6.0, 1.0, 0.9)


@pytest.mark.parametrize(
    ("path", "fields", "message"),
    [
        ("os:system", {}, "not a calculator answer function"),
        ("retention.ui.calculator_answers:ltv_result_html", {"years": ("complex", "1")}, "unknown kind"),
        ("retention.ui.calculator_answers:ltv_result_html", {"years": ("float", "ten")}, "years must be a number"),
        ("retention.ui.calculator_answers:ltv_result_html", {"years": ("int", "1.5")}, "years must be a whole number"),
    ],
)
def test_bad_form_input_is_refused_with_what_is_wrong(path, fields, message):
    with pytest.raises(ValueError, match=message):
        answer(path, fields)


def test_shares_are_typed_as_percentages_without_binary_noise():
    share = Control("churn_rate", "float", "Churn rate · 流失率", 0.1, 0, 0.5, 0.01, ".0%")
    assert (share.scale, share.decimals, share.shown(0.07), share.shown(share.step)) == (100, 0, "7", "1")
    sigma = Control("sigma", "float", "Spread · 离散程度", 1.88, 0, 3, 0.01, ".2f")
    assert (sigma.scale, sigma.decimals, sigma.shown(1.88)) == (1, 2, "1.88")


def test_a_label_without_both_languages_is_refused():
    from retention.ui.static_calculator import form_html

    with pytest.raises(ValueError, match="both languages"):
        form_html("Only English", [], calculators.ltv_result_html, "")
