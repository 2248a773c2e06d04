"""The package under test is the one that was installed, with its data files."""

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import actorgraph


@pytest.mark.skipif(
    not os.environ.get("ACTORGRAPH_EXPECT_WHEEL"), reason="only when testing an installed wheel"
)
def test_imported_from_the_installed_wheel():
    # CI installs the wheel into a fresh venv and sets this variable; the package
    # must then come from site-packages, not from the source tree.
    assert "site-packages" in Path(actorgraph.__file__).parts


def test_package_data_is_present():
    data = resources.files("actorgraph").joinpath("data")
    for name in ("gazetteer.tsv.gz", "lexicon.tsv.gz", "tagger.bin"):
        assert data.joinpath(name).is_file(), name
    assert resources.files("actorgraph").joinpath("py.typed").is_file()
    assert resources.files("actorgraph").joinpath("_core.pyi").is_file()


def test_version_matches_cargo():
    cargo = Path(__file__).resolve().parent.parent / "Cargo.toml"
    version = next(
        line.split('"')[1] for line in cargo.read_text().splitlines() if line.startswith("version")
    )
    assert actorgraph.__version__ == version


def test_import_leaves_display_graph_and_training_for_later():
    # They load on first use (actorgraph.__getattr__), keeping `import actorgraph` short.
    code = (
        "import sys, actorgraph\n"
        "late = ('actorgraph.training', 'actorgraph.output', 'importlib.resources')\n"
        "print(sorted(m for m in sys.modules if m.startswith(late)))\n"
        "print(actorgraph.train.__module__, actorgraph.render.__module__,\n"
        "      actorgraph.plot_graph.__module__, actorgraph.train_relations.__module__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [
        "[]",
        "actorgraph.training.trainer actorgraph.output.html actorgraph.output.graph "
        "actorgraph.training.relations",
    ]
    assert set(actorgraph.__all__) <= set(dir(actorgraph))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        actorgraph.nothing  # noqa: B018
