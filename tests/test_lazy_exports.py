"""The packages' public names load on first use, and each is the object its module defines."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types

import pytest

LAZY_PACKAGES = ("mgcalm.domain", "mgcalm.knowledge", "mgcalm.app", "mgcalm.interop")


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_public_name_resolves_to_what_its_module_defines(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert not isinstance(value, types.ModuleType), name
        home = importlib.import_module(value.__module__) if hasattr(value, "__module__") else None
        if home is not None and isinstance(value, type | types.FunctionType):
            assert getattr(home, name) is value, name


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package: str) -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = importlib.import_module(package).no_such_name


@pytest.mark.parametrize(
    ("statement", "not_loaded"),
    [
        ("from mgcalm.domain import InvalidInputError", "mgcalm.domain.entries"),
        ("from mgcalm.knowledge import label", "mgcalm.knowledge.loader"),
        ("from mgcalm.app import load_settings", "mgcalm.store"),
        ("from mgcalm.interop.strict_json import strict_loads", "mgcalm.interop.fhir_bundle"),
    ],
)
def test_importing_one_name_leaves_the_rest_unloaded(statement: str, not_loaded: str) -> None:
    script = f"import sys; {statement}; print({not_loaded!r} in sys.modules)"
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "False"
