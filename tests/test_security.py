"""Loading data never runs code, and the Rust core has no unsafe code."""

import re
from importlib import resources
from pathlib import Path

import actorgraph

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(actorgraph.__file__).parent


def test_bundled_models_are_the_numbers_only_format():
    # Model files are our container (magic, version, kind, numbers, labels,
    # checksum), read by Rust; nothing in them is ever unpickled or evaluated.
    for name in ("tagger.bin", "relations.bin"):
        data = resources.files("actorgraph").joinpath("data", name).read_bytes()
        assert data[:8] == b"AGRAPHM\x00", name


def test_the_package_never_unpickles_or_evaluates():
    calls = re.compile(r"\b(pickle|marshal|shelve|dill|joblib)\.loads?\(|\beval\(|\bexec\(")
    found = [
        f"{path.relative_to(PACKAGE)}:{i}"
        for path in PACKAGE.rglob("*.py")
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line)
    ]
    assert found == []


def test_unsafe_code_is_forbidden():
    cargo = (ROOT / "Cargo.toml").read_text()
    assert re.search(r'^\[lints\.rust\][^\[]*^unsafe_code = "forbid"$', cargo, re.M | re.S)
    sources = [*ROOT.joinpath("src").rglob("*.rs"), *ROOT.joinpath("fuzz").rglob("*.rs")]
    assert [p for p in sources if re.search(r"\bunsafe\b", p.read_text())] == []
