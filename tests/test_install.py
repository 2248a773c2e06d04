"""The package under test is the one that was installed, with its data files."""

import os
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
