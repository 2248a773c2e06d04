"""Bad input gets a clear Python exception, never a panic or silent loss."""

import pytest

import actorgraph


@pytest.mark.parametrize("bad", [None, b"Egypt", 42, 3.5, ["Egypt"]])
def test_non_str_raises_type_error_naming_the_type(nlp, bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        nlp(bad)


def test_lone_surrogate_raises_value_error(nlp):
    with pytest.raises(ValueError, match="lone surrogate"):
        nlp("Egypt \ud800 Libya")


def test_bad_item_in_a_batch_names_its_index(nlp):
    with pytest.raises(TypeError, match="item 2 of the input is int"):
        list(nlp.pipe(["Egypt", "Libya", 7, "Tobruk"]))
    # across batches, the index is the position in the whole input
    with pytest.raises(TypeError, match="item 5 of the input is NoneType"):
        list(nlp.pipe(["a"] * 5 + [None], batch_size=2))
    with pytest.raises(ValueError, match="item 1 of the input contains a lone surrogate"):
        nlp.analyze(["ok", "bad \udfff"])


@pytest.mark.parametrize("size", [0, -1, 1.5, True])
def test_bad_batch_size(nlp, size):
    with pytest.raises(ValueError, match="batch_size"):
        list(nlp.pipe(["x"], batch_size=size))


@pytest.mark.parametrize("threads", [0, -2, "4"])
def test_bad_thread_count(nlp, threads):
    with pytest.raises(ValueError, match="n_threads"):
        list(nlp.pipe(["x"], n_threads=threads))


def test_pipeline_is_still_usable_after_errors(nlp):
    with pytest.raises(TypeError):
        list(nlp.pipe(["Egypt", None]))
    assert [m.text for m in nlp("Egypt").entities] == ["Egypt"]


@pytest.mark.parametrize(
    ("entries", "match"),
    [
        ([{"label": "Person"}], "entry 1 has no 'alias'"),
        ([{"alias": "X"}], r"entry 1 \('X'\) has no 'label'"),
        ([{"alias": "   ", "label": "Person"}], "no 'alias'"),
        ([{"alias": "X", "label": "P", "case_sensitive": "maybe"}], "case_sensitive"),
        ([{"alias": "ok", "label": "P"}, "Haftar"], "entry 2 is a str"),
        ([{"alias": "x" * 5000, "label": "P"}], "limit is 4096"),
        ({"alias": "X", "label": "P"}, "list of dicts"),
        (42, "list of dicts"),
        ("/no/such/file.csv", "not found"),
    ],
)
def test_bad_gazetteer_entries(entries, match):
    with pytest.raises(actorgraph.GazetteerError, match=match) as info:
        actorgraph.Pipeline(gazetteer=entries)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, actorgraph.ActorgraphError)


def test_exception_hierarchy():
    assert issubclass(actorgraph.GazetteerError, actorgraph.ActorgraphError)
    assert issubclass(actorgraph.DataError, ValueError)
    assert issubclass(actorgraph.InternalError, actorgraph.ActorgraphError)
    assert not issubclass(actorgraph.InternalError, ValueError)
    assert actorgraph.ActorgraphError.__module__ == "actorgraph._core"


def test_odd_but_valid_text(nlp):
    texts = [
        "\x00Egypt\x00",
        "Egypt\r\nLibya\r\n",
        "\u200f\u202eمصر Egypt\u202c",
        "e\u0301\u0301\u0301 Libya",
        "😀" * 1000,
        "Libya" * 10_000,
        "U.S." * 1000,
        "." * 10_000,
    ]
    for text in texts:
        doc = nlp(text)
        for m in doc.entities:
            assert text[m.start : m.end] == m.text


def test_a_panic_in_the_core_becomes_internal_error(nlp):
    with pytest.raises(actorgraph.InternalError, match=r"this is a bug.*boom"):
        actorgraph._core._panic_for_tests("boom")
    # the panic unwound cleanly: the pipeline still works
    assert [m.text for m in nlp("Egypt").entities] == ["Egypt"]
