"""Training and evaluation: corpus readers, alignment, metrics, the tagger end to end, CLI.

Everything runs on the small hand-made files in tests/fixtures/training; nothing here
needs ../shared.
"""

import doctest
import gzip
import importlib
import json
import re

import pytest

import actorgraph
from actorgraph import _core
from actorgraph.cli import main
from actorgraph.training import (
    GMB_TO_RE3D,
    WIKIGOLD_TO_RE3D,
    Re3dStats,
    docs_to_sentences,
    evaluate,
    read_conll,
    read_re3d,
    score,
    train,
)
from actorgraph.training.conll import decode_tags, flatten_documents, read_conll_documents
from actorgraph.training.corpora import hash_folds, split_docs, stable_bucket
from actorgraph.training.labels import gmb_gpe, map_label, resolve_label_map
from actorgraph.training.re3d import GoldDoc
from actorgraph.training.trainer import core_pipeline, fit

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "training"
RE3D = FIXTURES / "re3d" / "part_a"
TINY = {name: FIXTURES / f"tiny_{name}.txt" for name in ("train", "dev", "test")}


# --- CoNLL-style readers, one test per tag scheme ---------------------------------------


def test_iob1_conll2003_with_docstart_and_b_between_adjacent_spans():
    assert read_conll(FIXTURES / "iob1.txt") == [
        (["EU", "rejects", "German", "call", "."], [(0, 1, "ORG"), (2, 3, "MISC")]),
        (
            ["Peter", "Blackburn", "met", "Angela", "Merkel", "in", "Brussels", "."],
            # B-PER on "Angela" separates two adjacent people: it is IOB1's only B-.
            [(0, 2, "PER"), (3, 5, "PER"), (6, 7, "LOC")],
        ),
        # A -DOCSTART- line ends a sentence even without a blank line before it.
        (["The", "Spain", "Portugal", "border"], [(1, 2, "LOC"), (2, 3, "LOC")]),
    ]


def test_iob2_gmb_tab_separated_lowercase_types_mapped():
    sentences = read_conll(FIXTURES / "iob2.tsv", label_map=GMB_TO_RE3D)
    assert [(words[s:e], label) for words, spans in sentences for s, e, label in spans] == [
        (["London"], "Location"),
        (["Friday"], "Temporal"),
        (["British"], "Nationality"),
        (["President", "George", "Bush"], "Person"),
        (["United", "Nations"], "Organisation"),
        (["New", "York"], "Location"),
    ]


def test_types_absent_from_a_label_map_are_dropped():
    sentences = read_conll(FIXTURES / "iob2.tsv", label_map={"geo": "Location"})
    assert [spans for _, spans in sentences] == [[(3, 4, "Location")], [(8, 10, "Location")]]


def test_i_only_wikigold():
    sentences = read_conll(FIXTURES / "ionly.txt")
    assert sentences[0][1] == [(0, 1, "MISC"), (6, 7, "MISC"), (8, 12, "ORG")]
    # I-only tagging cannot separate adjacent same-type names: one span, as conlleval reads it.
    assert sentences[1] == (["Lisbon", "Porto", "and", "Braga"], [(0, 2, "LOC"), (3, 4, "LOC")])
    mapped = read_conll(FIXTURES / "ionly.txt", label_map=WIKIGOLD_TO_RE3D)
    # MISC becomes Nationality only for a demonym ("Japanese"), not for an album title.
    assert mapped[0][1] == [(6, 7, "Nationality"), (8, 12, "Organisation")]


def test_bilou_and_bioes():
    assert read_conll(FIXTURES / "bilou.txt") == [
        (
            ["Khalifa", "Belqasim", "Haftar", "met", "Sarraj", "in", "Abu", "Dhabi", "."],
            [(0, 3, "PER"), (4, 5, "PER"), (6, 8, "LOC")],
        ),
        (
            ["The", "Libyan", "National", "Army", "took", "Sirte"],
            [(1, 2, "ORG"), (2, 4, "ORG"), (5, 6, "LOC")],
        ),
    ]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        ([], []),
        (["O", "O"], []),
        (["I-X", "I-X", "I-Y"], [(0, 2, "X"), (2, 3, "Y")]),  # IOB1: type change starts one
        (["B-X", "I-X", "B-X"], [(0, 2, "X"), (2, 3, "X")]),  # IOB2
        (["O", "I-X", "O", "I-X"], [(1, 2, "X"), (3, 4, "X")]),  # I after O starts a span
        (["B-X", "I-Y"], [(0, 1, "X"), (1, 2, "Y")]),  # inconsistent: conlleval's reading
        (["S-X", "I-X"], [(0, 1, "X"), (1, 2, "X")]),  # nothing continues a single
        (["B-X", "E-X", "I-X", "L-X"], [(0, 2, "X"), (2, 4, "X")]),
        (["U-X", "U-X"], [(0, 1, "X"), (1, 2, "X")]),
    ],
)
def test_decode_tags(tags, spans):
    assert decode_tags(tags) == spans


def test_gzip_and_several_files(tmp_path):
    text = (FIXTURES / "iob1.txt").read_bytes()
    (tmp_path / "iob1.txt.gz").write_bytes(gzip.compress(text))
    plain = read_conll(FIXTURES / "iob1.txt")
    assert read_conll(tmp_path / "iob1.txt.gz") == plain
    both = read_conll([tmp_path / "iob1.txt.gz", str(FIXTURES / "bilou.txt")])
    assert both == plain + read_conll(FIXTURES / "bilou.txt")


def test_malformed_lines_name_file_and_line():
    with pytest.raises(ValueError, match=r"malformed\.txt:4: expected a word and a tag"):
        read_conll(FIXTURES / "malformed.txt")
    with pytest.raises(ValueError, match=r"badtag\.txt:2: bad tag 'X-LOC'"):
        read_conll(FIXTURES / "badtag.txt")


# --- label maps -------------------------------------------------------------------------


def test_label_maps():
    assert map_label(None, "geo", ["Paris"]) == "geo"
    assert map_label({"geo": None}, "geo", ["Paris"]) is None
    assert [gmb_gpe([w]) for w in ("Iraqi", "Palestinians", "Nepal", "Spain")] == [
        "Nationality",
        "Nationality",
        "Location",
        "Location",
    ]
    assert resolve_label_map("none") is None
    assert resolve_label_map("crossner")["politician"] == "Person"


def test_label_map_from_json(tmp_path):
    good = tmp_path / "map.json"
    good.write_text('{"PER": "Person", "MISC": null}')
    assert resolve_label_map(str(good)) == {"PER": "Person", "MISC": None}
    bad = tmp_path / "bad.json"
    bad.write_text('{"PER": 3}')
    with pytest.raises(ValueError, match="type -> label"):
        resolve_label_map(str(bad))
    with pytest.raises(ValueError, match="one of conll, gmb"):
        resolve_label_map("klingon")


# --- re3d -------------------------------------------------------------------------------


def test_re3d_reader_filters_overlaps_and_offsets():
    stats = Re3dStats()
    docs = read_re3d(RE3D, stats=stats)
    assert [d.doc_id for d in docs] == ["DOC-A", "DOC-B"]
    a, b = docs
    assert [(a.text[s:e], label) for s, e, label in a.spans] == [
        ("Gen. Joseph Votel", "Person"),  # "Joseph Votel" inside it is dropped: longest wins
        ("Kurdish fighters", "Organisation"),  # "Kurdish" had confidence 0.3
        ("Zürich", "Location"),
        ("The Da\u2019esh fighters", "Organisation"),  # value has a straight quote: kept
        ("Raqqah", "Location"),  # "fled" with value "Raqqa" is dropped
    ]
    # DOC-B has a flag emoji (two characters outside the BMP) before its spans, and its
    # offsets count UTF-16 units: read right, they land on the values.
    assert [(b.text[s:e], label) for s, e, label in b.spans] == [
        ("two", "Quantity"),
        ("Tornado jets", "MilitaryPlatform"),
        ("a bridge near Mosul", "Location"),
        ("3 December", "Temporal"),
    ]
    assert (stats.documents, stats.entities, stats.kept) == (2, 15, 9)
    assert (stats.low_confidence, stats.unknown_document) == (1, 1)
    assert (stats.value_normalised, stats.value_mismatch) == (1, 1)
    assert (stats.overlapping, stats.duplicates, stats.utf16_documents) == (2, 1, 1)
    assert "overlapping 2" in str(stats)


def test_re3d_options_and_parent_folder():
    # A parent folder stands for its parts.
    assert read_re3d(RE3D.parent) == read_re3d(RE3D)
    stats = Re3dStats()
    docs = read_re3d(RE3D, min_confidence=0.0, label_map={"Location": "Place"}, stats=stats)
    assert [label for d in docs for *_, label in d.spans] == ["Place", "Place", "Place"]
    assert stats.low_confidence == 0
    with pytest.raises(FileNotFoundError, match=r"no re3d documents\.json"):
        read_re3d(FIXTURES)


def test_re3d_malformed_lines(tmp_path):
    part = tmp_path / "part"
    part.mkdir()
    (part / "documents.json").write_text('{"_id": "a", "text": "x"}\n\n{"_id": "b"}\n')
    (part / "entities.json").write_text("")
    with pytest.raises(ValueError, match=r"documents\.json:3: no text"):
        read_re3d(part)
    (part / "documents.json").write_text("{not json\n")
    with pytest.raises(ValueError, match=r"documents\.json:1: not JSON"):
        read_re3d(part)
    with pytest.raises(FileNotFoundError, match="no such folder"):
        read_re3d(tmp_path / "nowhere")


# --- alignment --------------------------------------------------------------------------


def _spaces(text):
    """A toy tokenizer: tokens between spaces; a "." token ends a sentence."""
    tokens = [m.span() for m in re.finditer(r"\S+", text)]
    sentences, first = [], 0
    for i, (s, e) in enumerate(tokens):
        if text[s:e] == ".":
            sentences.append((first, i + 1))
            first = i + 1
    if first < len(tokens):
        sentences.append((first, len(tokens)))
    return tokens, sentences


def test_alignment_exact_snapped_and_dropped():
    text = "Votel met U.S. envoys in ISIL-held Raqqa . Then Abadi , spoke ."
    gold = [
        ("Votel", "Person"),  # exact
        ("U.S", "Location"),  # snapped out to the token "U.S.": gains only "."
        ("ISIL", "Organisation"),  # inside the token "ISIL-held": dropped
        ("Raqqa ", "Location"),  # snapped in: loses only a space
        ("Raqqa . Then", "Location"),  # crosses the sentence end: dropped
        ("Abadi ,", "Person"),  # exact: two whole tokens
    ]
    spans = [(text.index(v), text.index(v) + len(v), label) for v, label in gold]
    doc = GoldDoc("d", text, tuple(sorted(spans)))
    sentences, stats = docs_to_sentences([doc], tokenize=_spaces)
    assert [(words[s:e], label) for words, sp in sentences for s, e, label in sp] == [
        (["Votel"], "Person"),
        (["U.S."], "Location"),
        (["Raqqa"], "Location"),
        (["Abadi", ","], "Person"),
    ]
    assert len(sentences) == 2
    assert (stats.exact, stats.snapped, stats.misaligned, stats.cross_sentence) == (2, 2, 1, 1)
    assert (stats.sentences, stats.tokens, stats.kept) == (2, 13, 4)


def test_alignment_with_our_tokenizer():
    sentences, stats = docs_to_sentences(read_re3d(RE3D))
    found = [(words[s:e], label) for words, spans in sentences for s, e, label in spans]
    assert (["Gen.", "Joseph", "Votel"], "Person") in found
    assert (["Zürich"], "Location") in found
    assert (["a", "bridge", "near", "Mosul"], "Location") in found
    assert stats.kept == 9 and stats.documents == 2
    # Every sentence of both documents is kept, with or without spans.
    assert stats.sentences == sum(len(_core.tokenize(d.text)[1]) for d in read_re3d(RE3D))


# --- metrics ----------------------------------------------------------------------------


GOLD = [("d1", 0, 2, "PER"), ("d1", 5, 6, "LOC"), ("d2", 0, 1, "LOC"), ("d2", 3, 4, "ORG")]
PRED = [("d1", 0, 2, "PER"), ("d1", 5, 6, "ORG"), ("d2", 0, 1, "LOC"), ("d2", 7, 8, "PER")]


def test_metrics_hand_computed():
    report = score(GOLD, PRED)
    # 2 of 4 predictions are right, 2 of 4 gold spans found.
    assert (report.precision, report.recall, report.f1) == (0.5, 0.5, 0.5)
    assert (report.overall.correct, report.overall.predicted, report.overall.support) == (2, 4, 4)
    per = report.labels
    assert list(per) == ["LOC", "ORG", "PER"]
    assert (per["PER"].precision, per["PER"].recall, per["PER"].support) == (0.5, 1.0, 1)
    assert per["PER"].f1 == pytest.approx(2 / 3)
    assert (per["LOC"].precision, per["LOC"].recall) == (1.0, 0.5)
    assert (per["ORG"].precision, per["ORG"].recall, per["ORG"].f1) == (0.0, 0.0, 0.0)
    # Label-agnostic: d1 5-6 now counts; d2 7-8 and d2 3-4 still do not.
    assert (report.span.precision, report.span.recall) == (0.75, 0.75)


def test_metrics_conlleval_edge_cases():
    empty = score(GOLD, [])
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert empty.overall.support == 4 and empty.labels["LOC"].support == 2
    nothing = score([], [])
    assert (nothing.f1, nothing.span.f1, nothing.labels) == (0.0, 0.0, {})
    assert score([], PRED).precision == 0.0
    # A span listed twice counts once, in gold and in predictions.
    twice = score(GOLD + GOLD[:1], GOLD + GOLD)
    assert (twice.precision, twice.recall, twice.overall.predicted) == (1.0, 1.0, 4)
    # The document key matters: the same offsets elsewhere do not match.
    assert score([("d1", 0, 1, "X")], [("d2", 0, 1, "X")]).f1 == 0.0


def test_report_as_dict_and_table():
    report = score(GOLD, PRED)
    data = json.loads(json.dumps(report.as_dict()))
    assert data["overall"]["f1"] == 0.5 and data["span"]["precision"] == 0.75
    assert data["labels"]["PER"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": pytest.approx(2 / 3),
        "support": 1,
        "predicted": 2,
        "correct": 1,
    }
    table = str(report).splitlines()
    assert table[0].split() == ["precision", "recall", "f1", "support"]
    assert table[1].split() == ["LOC", "1.0000", "0.5000", "0.6667", "2"]
    assert table[-2].split() == ["overall", "0.5000", "0.5000", "0.5000", "4"]
    assert table[-1].split() == ["span", "only", "0.7500", "0.7500", "0.7500", "4"]


# --- stable splits ----------------------------------------------------------------------


def test_stable_splits():
    docs = [GoldDoc(f"doc{i}", "", ()) for i in range(23)]
    assert stable_bucket("doc0", 10) == stable_bucket("doc0", 10)
    folds = hash_folds(docs, 5)
    assert sorted(len(f) for f in folds) == [4, 4, 5, 5, 5]
    assert sorted(d.doc_id for f in folds for d in f) == sorted(d.doc_id for d in docs)
    assert hash_folds(list(reversed(docs)), 5) == folds  # input order does not matter
    kept, held = split_docs(docs, 10, 0)
    assert {d.doc_id for d in held} == {d.doc_id for d in docs if stable_bucket(d.doc_id, 10) == 0}
    assert len(kept) + len(held) == len(docs)


# --- the tagger, end to end -------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_model():
    return train(
        TINY["train"], format="conll", dev=TINY["dev"], label_map="conll", epochs=6, progress=False
    )


def test_trained_model_tags_unseen_names(tiny_model):
    core = core_pipeline(True, tiny_model)
    assert core.model_labels == ["Location", "Organisation", "Person"]
    words = "Doran Kuzmic met Telia Varga in Velmoravia on Monday .".split()
    spans = core.tag_words([words])[0]
    assert [(words[s:e], label) for s, e, label, _ in spans] == [
        (["Doran", "Kuzmic"], "Person"),
        (["Telia", "Varga"], "Person"),
        (["Velmoravia"], "Location"),
    ]
    assert all(0.0 <= confidence <= 1.0 for *_, confidence in spans)


def test_model_bytes_round_trip_through_pipeline(tiny_model, tmp_path):
    text = "Doran Kuzmic met Telia Varga in Velmoravia on Monday."
    from_bytes = actorgraph.Pipeline(model=tiny_model)
    assert from_bytes.labels == ["Location", "Organisation", "Person"]
    found = [(m.text, m.label) for m in from_bytes(text).entities if m.source == "model"]
    assert found == [
        ("Doran Kuzmic", "Person"),
        ("Telia Varga", "Person"),
        ("Velmoravia", "Location"),
    ]
    path = tmp_path / "model.bin"
    path.write_bytes(tiny_model)
    assert actorgraph.Pipeline(model=path)(text) == from_bytes(text)


def test_documents_from_docstart_lines():
    documents = read_conll_documents(FIXTURES / "iob1.txt")
    assert [len(d) for d in documents] == [2, 1]
    sentences, numbers = flatten_documents(documents)
    assert sentences == read_conll(FIXTURES / "iob1.txt")
    assert numbers == [0, 0, 1]


def test_document_model_tags_whole_documents():
    sentences = read_conll(TINY["train"], label_map=resolve_label_map("conll"))
    # Three sentences a document: the fixture has no -DOCSTART- lines.
    numbers = [i // 3 for i in range(len(sentences))]
    model = fit(sentences, epochs=4, progress=False, train_documents=numbers)
    assert model[8:12] == (2).to_bytes(4, "little")  # format version 2: document features
    assert fit(sentences, epochs=4, progress=False, train_documents=numbers) == model
    core = core_pipeline(True, model)
    words = "Doran Kuzmic met Telia Varga in Velmoravia on Monday .".split()
    together = core.tag_words([words, words], documents=[0, 0])
    assert len(together) == 2 and together[0] == together[1]
    assert {label for *_, label, _ in together[0]} <= {"Location", "Organisation", "Person"}
    alone = core.tag_words([words, [], words])
    assert alone[1] == [] and alone[0] == alone[2]
    with pytest.raises(ValueError, match="documents has 1 numbers for 2 sentences"):
        core.tag_words([words, words], documents=[0])
    with pytest.raises(ValueError, match="train_documents has 1 numbers"):
        core.train_tagger(sentences, train_documents=[0])
    text = "Doran Kuzmic met Telia Varga. Kuzmic left Velmoravia."
    assert actorgraph.Pipeline(model=model)(text).entities
    via_train = train(
        TINY["train"], format="conll", label_map="conll", epochs=2, progress=False, documents=True
    )
    assert via_train[8:12] == (2).to_bytes(4, "little")


def test_training_is_deterministic(tiny_model):
    again = train(
        TINY["train"], format="conll", dev=TINY["dev"], label_map="conll", epochs=6, progress=False
    )
    assert again == tiny_model


def test_train_prints_epochs_and_writes_out(tmp_path, capsys):
    out = tmp_path / "m.bin"
    model = train(TINY["train"], format="conll", label_map="conll", epochs=2, out=out)
    assert out.read_bytes() == model
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0]
        == "train: 48 sentences, 577 tokens, 144 spans (Location 48, Organisation 36, Person 60)"
    )
    assert lines[1].startswith("epoch   1  train accuracy ") and lines[1].endswith("dev F1 -")
    assert lines[3].startswith("trained 2 epochs")


def test_evaluate_conll_and_re3d(tiny_model):
    report = evaluate(tiny_model, TINY["test"], format="conll", label_map="conll")
    assert report.overall.support == 48
    assert report.f1 > 0.9
    # re3d: the full pipeline on raw text, scored in characters against the gold spans.
    re3d = evaluate(tiny_model, RE3D, format="re3d")
    assert re3d.overall.support == 9
    assert 0.0 <= re3d.f1 <= 1.0
    with pytest.raises(ValueError, match="format must be one of conll, re3d"):
        evaluate(tiny_model, RE3D, format="json")


def test_train_on_re3d_folders():
    model = train(RE3D, format="re3d", epochs=2, progress=False)
    assert "MilitaryPlatform" in core_pipeline(True, model).model_labels


# --- command line -----------------------------------------------------------------------


def test_cli_train_then_evaluate(tmp_path, capsys):
    model = tmp_path / "model.bin"
    args = ["train", "--format", "conll", "--train", str(TINY["train"])]
    args += ["--dev", str(TINY["dev"]), "--label-map", "conll", "--epochs", "4", "-o", str(model)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "epoch   1" in out and f"wrote {model}" in out
    test = ["--format", "conll", str(TINY["test"]), "--label-map", "conll"]
    assert main(["evaluate", "--model", str(model), *test, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["support"] == 48 and report["overall"]["f1"] > 0.9
    assert main(["evaluate", "--model", str(model), *test]) == 0
    assert "span only" in capsys.readouterr().out
    documents = tmp_path / "documents.bin"
    args[-1] = str(documents)
    assert main([*args, "--documents", "--quiet"]) == 0
    assert documents.read_bytes()[8:12] == (2).to_bytes(4, "little")
    assert main(["evaluate", "--model", str(documents), *test, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["support"] == 48


def test_cli_reports_bad_data(tmp_path, capsys):
    args = ["train", "--format", "conll", "--train", str(FIXTURES / "malformed.txt")]
    assert main([*args, "-o", str(tmp_path / "m.bin")]) == 2
    assert "malformed.txt:4" in capsys.readouterr().err
    assert main([*args, "--label-map", "klingon", "-o", str(tmp_path / "m.bin")]) == 2
    assert not (tmp_path / "m.bin").exists()


# --- docstring examples -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "actorgraph.training",
        "actorgraph.training.align",
        "actorgraph.training.conll",
        "actorgraph.training.corpora",
        "actorgraph.training.labels",
        "actorgraph.training.metrics",
        "actorgraph.training.re3d",
        "actorgraph.training.trainer",
    ],
)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
