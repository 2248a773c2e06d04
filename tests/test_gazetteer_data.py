"""The shipped data files: gazetteer.tsv.gz and lexicon.tsv.gz.

These tests read the files as shipped (no ../shared data, no compiled extension needed):
from the source tree next to this file, or else from the installed ``actorgraph.data``.
They are rebuilt by ``python -m actorgraph.builders.gazetteer``.
"""

import gzip
from collections import defaultdict
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "python" / "actorgraph" / "data"
LABELS = {"Location", "Nationality", "Organisation", "Person"}


def read_bytes(name: str) -> bytes:
    path = DATA / name
    if path.is_file():
        return path.read_bytes()
    from importlib import resources  # an installed wheel: no source tree

    return resources.files("actorgraph").joinpath("data", name).read_bytes()


def read_tsv(name: str) -> tuple[list[str], list[list[str]]]:
    lines = gzip.decompress(read_bytes(name)).decode("utf-8").split("\n")
    assert lines[-1] == "", f"{name} must end with a newline"
    header, *rows = lines[:-1]
    return header.split("\t"), [row.split("\t") for row in rows]


@pytest.fixture(scope="module")
def gazetteer():
    header, rows = read_tsv("gazetteer.tsv.gz")
    assert header == ["id", "label", "canonical", "alias", "case"]
    return rows


@pytest.fixture(scope="module")
def by_alias(gazetteer):
    """alias (case-folded) -> the rows that have it."""
    index = defaultdict(list)
    for row in gazetteer:
        index[row[3].casefold()].append(row)
    return index


@pytest.fixture(scope="module")
def lexicon():
    header, rows = read_tsv("lexicon.tsv.gz")
    assert header == ["word", "kind"]
    return rows


def lookup(by_alias, alias):
    """The (id, label, canonical) that ``alias`` matches, honouring the case column."""
    hits = [
        (row[0], row[1], row[2])
        for row in by_alias.get(alias.casefold(), [])
        if row[4] == "ci" or row[3] == alias
    ]
    assert len(hits) <= 1, f"{alias!r} matches several entries: {hits}"
    return hits[0] if hits else None


# --- format ---------------------------------------------------------------------------------


def test_gazetteer_rows_are_well_formed(gazetteer):
    assert 50_000 <= len(gazetteer) <= 300_000
    for row in gazetteer:
        assert len(row) == 5, row
        ident, label, _, _, case = row
        assert all(field and field == field.strip() for field in row), row
        assert label in LABELS, row
        assert case in {"cs", "ci"}, row
        assert ":" in ident, row
        assert "\r" not in "".join(row), row


def test_gazetteer_is_sorted_and_has_no_duplicates(gazetteer):
    keys = [tuple(row) for row in gazetteer]
    assert keys == sorted(keys)
    assert len(set((row[0], row[3]) for row in gazetteer)) == len(gazetteer)


def test_each_id_has_one_label_and_one_canonical_which_is_also_an_alias(gazetteer):
    meta = {}
    aliases = defaultdict(set)
    for ident, label, canonical, alias, _ in gazetteer:
        assert meta.setdefault(ident, (label, canonical)) == (label, canonical), ident
        aliases[ident].add(alias)
    for ident, (_, canonical) in meta.items():
        assert canonical in aliases[ident], f"{ident}: canonical {canonical!r} is not an alias"


def test_an_alias_belongs_to_one_id(by_alias):
    for folded, rows in by_alias.items():
        assert len({row[0] for row in rows}) == 1, (folded, rows)


def test_files_are_byte_stable_gzip():
    for name in ("gazetteer.tsv.gz", "lexicon.tsv.gz"):
        raw = read_bytes(name)
        assert raw[:3] == b"\x1f\x8b\x08", name
        assert raw[4:8] == b"\0\0\0\0", f"{name}: gzip mtime must be 0 for reproducible builds"
        assert not raw[3] & 0x08, f"{name}: gzip header must not carry a file name"
    assert len(read_bytes("gazetteer.tsv.gz")) < 3_000_000


# --- content --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "label", "canonical"),
    [
        ("Libya", "Location", "Libya"),
        ("Algeria", "Location", "Algeria"),
        ("Egypt", "Location", "Egypt"),
        ("Tobruk", "Location", "Tobruk"),
        ("Benghazi", "Location", "Benghazi"),
        ("Tripoli", "Location", "Tripoli"),
        ("Washington", "Location", "Washington"),
        ("Libyan", "Nationality", "Libyan"),
        ("Libyans", "Nationality", "Libyan"),
        ("Emirati", "Nationality", "Emirati"),
        ("Americans", "Nationality", "American"),
        ("NATO", "Organisation", "NATO"),
        ("ISIS", "Organisation", "Islamic State"),
    ],
)
def test_known_names(by_alias, alias, label, canonical):
    hit = lookup(by_alias, alias)
    assert hit is not None, f"{alias!r} is missing"
    assert hit[1:] == (label, canonical)


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("UAE", "United Arab Emirates"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("UK", "United Kingdom"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("Daesh", "ISIL"),
        ("al-Qaida", "al-Qaeda"),
        ("Al Qaeda", "al-Qaeda"),
    ],
)
def test_variants_share_an_id(by_alias, variant, name):
    a, b = lookup(by_alias, variant), lookup(by_alias, name)
    assert a is not None and b is not None, (variant, name)
    assert a[0] == b[0]


def test_washington_is_the_capital_not_the_state(by_alias):
    ident, label, _ = lookup(by_alias, "Washington")
    assert (ident, label) == ("geonames:4140963", "Location")  # Washington, D.C.
    assert lookup(by_alias, "Washington State")[0] != ident


def test_tripoli_is_the_libyan_capital(by_alias):
    assert lookup(by_alias, "Tripoli")[0] == "geonames:2210247"


@pytest.mark.parametrize(
    "word", ["Obama", "Leon", "Split", "Of", "Most", "Nice", "Reading", "North"]
)
def test_ambiguous_words_are_not_places(by_alias, word):
    hit = lookup(by_alias, word)
    assert hit is None or hit[1] != "Location", f"{word!r} is a Location: {hit}"


def test_acronyms_match_case_sensitively(by_alias):
    for alias in ("US", "UN", "UK", "WHO"):
        hit = [row for row in by_alias[alias.casefold()] if row[3] == alias]
        assert hit and hit[0][4] == "cs", alias
    assert lookup(by_alias, "us") is None
    assert lookup(by_alias, "who") is None


def test_labels_all_present(gazetteer):
    counts = defaultdict(int)
    for row in gazetteer:
        counts[row[1]] += 1
    assert counts["Location"] > 10_000
    assert counts["Organisation"] > 1_000
    assert counts["Nationality"] > 200


# --- lexicon --------------------------------------------------------------------------------


def test_lexicon_rows_are_well_formed(lexicon):
    assert len(lexicon) > 5_000
    seen = {}
    for row in lexicon:
        assert len(row) == 2, row
        word, kind = row
        assert kind in {"common", "given"}, row
        assert word and word == word.lower() and word == word.strip(), row
        assert seen.setdefault(word, kind) == kind, f"{word!r} is both common and given"
    assert lexicon == sorted(lexicon, key=lambda r: (r[1], r[0]))


def test_lexicon_content(lexicon):
    kinds = {word: kind for word, kind in lexicon}
    for word in ("meanwhile", "international", "unanimous", "finding", "now", "the", "of"):
        assert kinds.get(word) == "common", word
    for word in ("karim", "mohammed", "ahmed", "john", "barack"):
        assert kinds.get(word) == "given", word
    for word in ("libya", "washington", "tripoli", "egypt"):
        assert word not in kinds, word


def test_rebuilding_the_gazetteer_keeps_the_models_notice(tmp_path):
    from actorgraph.builders.gazetteer import kept_notice_sections, notice_text

    notice = tmp_path / "NOTICE"
    assert kept_notice_sections(notice) == ""  # no file yet
    models = "\nBundled model\n=============\n\ntagger.bin was trained on ...\n"
    notice.write_text(notice_text(False) + models, encoding="utf-8")
    assert kept_notice_sections(notice) == models
    notice.write_text(notice_text(False), encoding="utf-8")
    assert kept_notice_sections(notice) == ""
    # The shipped NOTICE has the model section this keeps.
    shipped = Path(__file__).resolve().parent.parent / "NOTICE"
    if shipped.exists():
        assert "tagger.bin" in kept_notice_sections(shipped)
