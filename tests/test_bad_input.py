"""The bad-input matrix of issue 8: one test per row, each a clear exception or a
documented result (the table is in README.md, "Reliability"). Rows already covered
elsewhere: non-str texts, a bad item in a batch naming its index (int, None) and a
lone surrogate in test_errors.py; Ctrl-C in test_progress.py."""

import random
import struct
import time
from importlib import resources

import pytest

import actorgraph


def check_offsets(text, doc):
    """Every mention and sentence is a code-point span of the text it came from."""
    assert doc.text == text
    for m in doc.entities:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    for start, end in doc.sentences:
        assert 0 <= start < end <= len(text)


@pytest.fixture(scope="module")
def small():
    """A pipeline that builds in milliseconds: one user entry, no bundled data."""
    return actorgraph.Pipeline(
        gazetteer=[{"alias": "Egypt", "label": "Location", "id": "country:EG"}],
        default_gazetteer=False,
        model=None,
        relations=None,
    )


def test_bytes_in_a_batch_names_the_index(nlp):
    with pytest.raises(TypeError, match="item 1 of the input is bytes"):
        list(nlp.pipe(["Egypt", b"Libya", "Tobruk"]))


def test_empty_and_blank_documents(nlp):
    texts = ["", " ", "\n\n\t", "\u00a0\u2003", "Egypt.", ""]
    docs = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    for doc in docs[:4] + docs[5:]:
        assert (doc.entities, doc.relations, doc.sentences) == ([], [], [])
    assert [m.text for m in docs[4].entities] == ["Egypt"]
    corpus = nlp.analyze(["", ""])
    assert corpus.entities() == [] and corpus.edges() == []


def test_a_5_mb_document(nlp):
    # benchmarks/bench_bad_input.py times 10 MB against 100 MB.
    unit = "Egypt and the UAE backed Khalifa Haftar near Tobruk on 3 May 2015. "
    text = unit * (5_000_000 // len(unit)) + "Last, Cairo."
    doc = nlp(text)
    assert len(doc.sentences) == text.count(". ") + 1
    assert doc.entities[-1].text == "Cairo" and doc.entities[-1].end == len(text) - 1
    assert sum(m.text == "Tobruk" for m in doc.entities) == text.count("Tobruk")
    check_offsets(text, doc)


@pytest.mark.parametrize(
    "token",
    ["a" * 1_000_000, "A" * 1_000_000, "Ab" * 500_000, "é" * 1_000_000, "1" * 1_000_000,
     "😀" * 1_000_000, "-" * 1_000_000, "http://" + "a" * 1_000_000],
    ids=["lower", "upper", "mixed", "accented", "digits", "emoji", "dashes", "url"],
)  # fmt: skip
def test_a_1_mb_token(nlp, token):
    text = "Egypt met " + token + " in Cairo."
    started = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - started < 10  # about 0.1 s; a quadratic step would hang
    check_offsets(text, doc)
    assert {"Egypt", "Cairo"} <= {m.text for m in doc.entities}


def test_text_without_sentence_punctuation(nlp):
    # A scraped list of names with no final mark used to be one sentence whose
    # every mention pair was scored with features over the whole sentence: 8 kB
    # took 30 s and 50 kB did not finish in 10 minutes. Sentences are now cut at
    # 256 tokens and pairs farther than 80 tokens apart are no candidates.
    rng = random.Random(5)
    names = ["Egypt", "Haftar", "Tripoli", "the UN", "Libya", "Qatar", "Misrata", "Zintan"]
    verbs = ["and", "with", "near", "fought", "met", "backed"]
    text = " ".join(f"{rng.choice(names)} {rng.choice(verbs)}" for _ in range(10_000))
    started = time.perf_counter()
    doc = nlp(text)
    assert time.perf_counter() - started < 60  # a few seconds; quadratic steps would hang
    check_offsets(text, doc)
    tokens, sentences = actorgraph._core.tokenize(text)
    assert max(end - first for first, end in sentences) == 256
    assert len(doc.sentences) == len(sentences) > 1
    assert len(doc.entities) == 10_000 and len(doc.relations) > 1_000
    token_at = {start: i for i, (start, _) in enumerate(tokens)}
    token_ending = {end: i for i, (_, end) in enumerate(tokens)}
    for r in doc.relations:
        first, second = sorted((r.source, r.target), key=lambda m: m.start)
        assert token_at[second.start] - token_ending[first.end] - 1 <= 80


def test_binary_garbage_decoded_as_text(nlp):
    rng = random.Random(8)
    garbage = bytes(rng.getrandbits(8) for _ in range(100_000))
    for text in (
        garbage.decode("latin-1"),
        garbage.decode("utf-8", errors="replace"),
        garbage.decode("utf-8", errors="ignore"),
        garbage.decode("utf-16-le", errors="replace"),
    ):
        check_offsets(text, nlp(text))
    # surrogateescape keeps undecodable bytes as lone surrogates: a clear ValueError
    with pytest.raises(ValueError, match="lone surrogate"):
        nlp(garbage.decode("utf-8", errors="surrogateescape"))


def test_mixed_scripts(nlp):
    text = (
        "\u200fقال مسؤولون في مصر\u200f إن Egypt و Libya اتفقتا. "  # noqa: RUF001
        "Москва и Russia поддержали Haftar. 東京で Japan と UAE が会談した。"
        "Zu\u0308rich 😀👍🏽 hosted Le\u0301on N\u0303u\u0301n\u0303ez. "
        "\u202eEgypt\u202c \u2066Libya\u2069 and the 🇺🇳 UN."
    )
    doc = nlp(text)
    check_offsets(text, doc)
    found = {m.text for m in doc.entities}
    assert {"Egypt", "Libya", "Russia", "Japan", "UAE", "UN"} <= found
    # combining marks stay inside the name they belong to
    assert all(not m.text[0].isspace() and "\u0301" not in m.text[:1] for m in doc.entities)


def test_crlf_text_gives_the_lf_results_shifted(nlp):
    lines = ["Egypt backed Haftar.", "Kerry met Sisi in Cairo.", "", "The UN met in Tobruk."]
    lf, crlf = "\n".join(lines), "\r\n".join(lines)
    a, b = nlp(lf), nlp(crlf)
    check_offsets(crlf, b)
    assert [(m.text, m.label) for m in a.entities] == [(m.text, m.label) for m in b.entities]
    assert len(a.sentences) == len(b.sentences) == 3
    assert [r.label for r in a.relations] == [r.label for r in b.relations]


def test_nul_bytes(nlp):
    text = "\x00Egypt\x00backed\x00\x00Haftar.\x00" + "\x00" * 10_000 + "Cairo"
    doc = nlp(text)
    check_offsets(text, doc)
    assert {"Egypt", "Cairo"} <= {m.text for m in doc.entities}


@pytest.mark.parametrize(
    "text", ["\ud800", "a\udfffb", "Egypt \ud83d\ude00", "\udcff" * 3 + "Egypt"]
)
def test_lone_surrogates_anywhere(nlp, text):
    # Python joins no surrogate pair in a str: '\ud83d\ude00' is two lone surrogates.
    with pytest.raises(ValueError, match="lone surrogate"):
        nlp(text)
    with pytest.raises(ValueError, match="item 1 of the input contains a lone surrogate"):
        list(nlp.pipe(["ok", text]))


# Model files: the container of src/model/file.rs (magic, u32 version, u8 kind,
# body, FNV-1a checksum), built here byte by byte.
MAGIC = b"AGRAPHM\x00"


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def model_file(body, version=1, kind=1):
    """A model file of `kind` around `body`, with a correct checksum."""
    head = MAGIC + struct.pack("<IB", version, kind) + body
    return head + struct.pack("<Q", fnv1a(head))


def bundled(name):
    return resources.files("actorgraph").joinpath("data", name).read_bytes()


def load(kind, data):
    if kind == "tagger":
        return actorgraph.Pipeline(model=data, default_gazetteer=False, relations=None)
    return actorgraph.Pipeline(relations=data, default_gazetteer=False, model=None)


@pytest.mark.parametrize("kind", ["tagger", "relations"])
def test_truncated_model_files(kind):
    data = bundled("tagger.bin" if kind == "tagger" else "relations.bin")
    for n in (0, 4, 8, 12, 13, 20, 21, 100, len(data) // 2, len(data) - 8, len(data) - 1):
        with pytest.raises(actorgraph.ModelError, match=r"magic|truncated|checksum"):
            load(kind, data[:n])


@pytest.mark.parametrize("kind", ["tagger", "relations"])
def test_corrupted_model_files(kind):
    data = bundled("tagger.bin" if kind == "tagger" else "relations.bin")
    rng = random.Random(3)
    for i in [0, 8, 12, 13, 20, len(data) - 1, *rng.sample(range(len(data)), 20)]:
        damaged = bytearray(data)
        damaged[i] ^= 0x41
        with pytest.raises(actorgraph.ModelError, match=r"magic|checksum|version"):
            load(kind, bytes(damaged))


@pytest.mark.parametrize("version", [0, 3, 99, 0xFFFFFFFF])
def test_wrong_version_model_files(version):
    data = model_file(b"\x00" * 64, version=version)
    with pytest.raises(actorgraph.ModelError, match=f"version {version} is not supported"):
        load("tagger", data)


def test_wrong_kind_of_model_file():
    with pytest.raises(actorgraph.ModelError, match="is not an entity tagger"):
        load("tagger", bundled("relations.bin"))
    with pytest.raises(actorgraph.ModelError, match="is not a relation classifier"):
        load("relations", bundled("tagger.bin"))


@pytest.mark.parametrize(
    ("body", "match"),
    [
        # 4 billion labels in a 20-byte file
        (struct.pack("<I", 0xFFFFFFFF) + b"\x00" * 16, "labels count 4294967295 exceeds"),
        # one label claiming 4 GB of name
        (struct.pack("<II", 1, 0xFFFFFFF0) + b"x" * 16, "label too long"),
        # one label, calibration and penalty, then a table claiming 4 billion features
        (struct.pack("<II", 1, 1) + b"P" + b"\x00" * 12 + struct.pack("<I", 0xFFFFFFFF),
         "features count 4294967295 exceeds"),
    ],
)  # fmt: skip
def test_forged_lengths_allocate_nothing(body, match):
    # Every length is checked against the bytes left before anything is allocated
    # (the fuzz targets run with -malloc_limit_mb to catch any that is not).
    started = time.perf_counter()
    with pytest.raises(actorgraph.ModelError, match=match):
        load("relations", model_file(body, kind=2))
    assert time.perf_counter() - started < 5


def test_a_model_file_is_data_not_code(tmp_path):
    # A pickle where a model belongs is rejected by its magic bytes, never unpickled.
    import pickle

    class Boom:
        def __reduce__(self):
            return (exec, ("raise SystemExit('executed')",))

    path = tmp_path / "evil.bin"
    path.write_bytes(pickle.dumps(Boom()))
    for kind in ("tagger", "relations"):
        with pytest.raises(actorgraph.ModelError, match="bad magic"):
            load(kind, path)


def test_gazetteer_with_no_entries():
    nlp = actorgraph.Pipeline(gazetteer=[], default_gazetteer=False, model=None, relations=None)
    assert nlp.gazetteer_size == 0
    assert [(m.text, m.source) for m in nlp("Egypt met Haftar.").entities] == [
        ("Egypt", "heuristic"),
        ("Haftar", "heuristic"),
    ]


def test_gazetteer_with_duplicate_entries():
    entry = {"alias": "GNA", "label": "Organisation", "id": "gna"}
    nlp = actorgraph.Pipeline(
        gazetteer=[entry, entry, {**entry, "id": "gna2", "canonical": "Later"}],
        default_gazetteer=False,
        model=None,
        relations=None,
    )
    # exact duplicates count once; for the same alias the later entry wins
    [m] = nlp("The GNA.").entities
    assert (m.text, m.id, m.canonical) == ("GNA", "gna2", "Later")


def test_gazetteer_with_huge_entries():
    longest = "Long " * 819  # 4095 bytes: under the 4096-byte limit
    many = [{"alias": f"Name{i} Place", "label": "Location"} for i in range(50_000)]
    nlp = actorgraph.Pipeline(
        gazetteer=[*many, {"alias": longest.strip(), "label": "Organisation"}],
        default_gazetteer=False,
        model=None,
        relations=None,
    )
    assert nlp.gazetteer_size == 50_001
    text = "Then " + longest + "and Name49999 Place met."
    assert [m.text for m in nlp(text).entities][-2:] == [longest.strip(), "Name49999 Place"]
    with pytest.raises(actorgraph.GazetteerError, match="limit is 4096"):
        actorgraph.Pipeline(gazetteer=[{"alias": "x" * 4097, "label": "P"}])


def test_empty_gazetteer_file(tmp_path):
    # no header, no rows: a gazetteer without entries, as for gazetteer=[]
    path = tmp_path / "g.csv"
    path.write_bytes(b"")
    nlp = actorgraph.Pipeline(gazetteer=path, default_gazetteer=False, model=None)
    assert nlp.gazetteer_size == 0


@pytest.mark.parametrize(
    ("content", "match"),
    [(bytes(range(256)) * 4, "line 2: not UTF-8"),  # byte 128, after one newline
     (b"alias,label\nCairo,Location\n\xff\xfe,Person\n", "line 3: not UTF-8 text")],
    ids=["binary", "latin1-row"],
)  # fmt: skip
def test_gazetteer_file_not_utf8(tmp_path, content, match):
    path = tmp_path / "g.csv"
    path.write_bytes(content)
    with pytest.raises(actorgraph.GazetteerError, match=match):
        actorgraph.Pipeline(gazetteer=path)
