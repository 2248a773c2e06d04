"""examples/quickstart.ipynb runs top to bottom in a real Jupyter kernel and shows
what it says it shows."""

import importlib.util

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"
NEEDS = ("nbformat", "nbclient", "ipykernel", "matplotlib", "pandas")
MISSING = [name for name in NEEDS if importlib.util.find_spec(name) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"executing the example notebook needs {', '.join(MISSING)} "
    '(pip install ".[test]" installs them)',
)


def outputs(cell, kind):
    """The text of a cell's outputs of one MIME type (or ``"stream"``)."""
    found = []
    for out in cell.outputs:
        if kind == "stream" and out.output_type == "stream":
            found.append(out.text)
        elif kind in out.get("data", {}):
            found.append(out["data"][kind])
    return "\n".join(found)


def cell_with(nb, source):
    matches = [c for c in nb.cells if c.cell_type == "code" and source in c.source]
    assert len(matches) == 1, f"one code cell contains {source!r}"
    return matches[0]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), (
        "the notebook is committed without outputs"
    )
    client = NotebookClient(
        nb,
        timeout=240,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return nb


def test_no_cell_errors(executed, artifacts):
    import nbformat

    nbformat.write(executed, artifacts / "quickstart.executed.ipynb")
    errors = [
        f"cell {i}: {out.ename}: {out.evalue}"
        for i, cell in enumerate(executed.cells)
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert errors == []
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")


def test_outputs_show_the_seed_entities(executed):
    doc_view = outputs(cell_with(executed, "doc = nlp(text)"), "text/html")
    for name, label in [("Bernardino Leon", "Person"), ("Tobruk", "Location"),
                        ("Central Bank", "Organisation"), ("Libyan", "Nationality")]:  # fmt: skip
        assert f'data-label="{label}"' in doc_view
        assert f">{name}<span" in doc_view, name
    assert "<table>" in doc_view  # the relation table
    corpus_view = outputs(cell_with(executed, "corpus = nlp.analyze("), "text/html")
    assert "documents" in corpus_view and "Strongest pairs" in corpus_view
    assert "United Arab Emirates" in outputs(cell_with(executed, "entities_df()"), "text/html")
    relations = outputs(cell_with(executed, "relations_df()"), "text/html")
    assert "Bernardino Leon" in relations
    aliases = outputs(cell_with(executed, "alias_table()"), "text/plain")
    assert "UAE" in aliases and "country:AE" in aliases
    merged = outputs(cell_with(executed, "Pipeline(aliases=edited)"), "text/plain")
    assert "('The Hill', 'newspaper:the hill')" in merged


def test_outputs_show_the_graph_and_files(executed):
    assert outputs(cell_with(executed, "plot_graph("), "image/png")
    files = outputs(cell_with(executed, "write_graph("), "text/plain")
    for name in ("seed.graphml", "seed.gexf", "seed.json"):
        assert name in files


def test_training_on_own_data(executed):
    trained = cell_with(executed, "actorgraph.train(")
    assert "best dev F1" in outputs(trained, "stream")
    tagged = outputs(trained, "text/html")
    assert '>Radu Harnik<span class="ag-lbl">Person<' in tagged
    assert "overall" in outputs(cell_with(executed, "actorgraph.evaluate("), "stream")
