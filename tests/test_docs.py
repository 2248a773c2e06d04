"""The examples in docstrings and in the README run and print what they show."""

import contextlib
import doctest
import importlib
import io
import re

import pytest

from .conftest import ROOT

MODULES = [
    "actorgraph",
    "actorgraph.doc",
    "actorgraph.corpus",
    "actorgraph.dask",
    "actorgraph.pipeline",
    "actorgraph.read",
    "actorgraph.gazetteer",
    "actorgraph.exceptions",
    "actorgraph.training.metrics",
    "actorgraph.output.html",
    "actorgraph.output.graph",
    "actorgraph.output.palette",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    if name == "actorgraph.dask":
        pytest.importorskip("dask.bag", reason="actorgraph.dask's examples need dask")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme_example_prints_what_it_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```\n\nprints\n\n```\n(.*?)```", readme, re.S)
    assert match, "README has a python example followed by its output"
    code, shown = match.groups()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == shown
