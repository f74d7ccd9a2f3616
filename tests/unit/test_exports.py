"""retention.exports: the packages' public names load lazily, each from the one module that defines it."""

import importlib
import subprocess
import sys

import pytest

import retention
import retention.ui


@pytest.mark.parametrize("package", [retention, retention.ui], ids=["retention", "retention.ui"])
def test_every_exported_name_comes_from_the_module_the_table_names(package):
    for module, names in package.EXPORTS.items():
        defining = importlib.import_module(f"{package.__name__}.{module}")
        for name in names:
            assert getattr(package, name) is getattr(defining, name), f"{package.__name__}.{name}"
    assert package.__all__ == sorted(n for names in package.EXPORTS.values() for n in names)


def test_importing_a_name_loads_only_its_module():
    code = (
        "import sys; from retention import lifetime_value; "
        "print(sorted(m for m in sys.modules if m.startswith('retention.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "retention.value" in loaded
    for other in ("retention.rfm", "retention.data", "retention.ui", "retention.crm", "retention.churn"):
        assert f"'{other}'" not in loaded, f"{other} was imported for lifetime_value"


def test_unknown_names_fail_and_submodules_still_import():
    with pytest.raises(AttributeError, match="no_such_name"):
        retention.no_such_name  # noqa: B018
    from retention import value

    assert value.lifetime_value(10, 10, 1) == 100
    assert "lifetime_value" in dir(retention)
