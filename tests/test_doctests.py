"""The Examples in every module's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govgraph

MODULES = sorted(
    info.name for package in ("govgraph.graph", "govgraph.loaders", "govgraph.ontology")
    for info in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".")
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"


def test_the_package_is_a_namespace():
    # govgraph itself has no __init__: nothing in the repo root can shadow it.
    assert getattr(govgraph, "__file__", None) is None
