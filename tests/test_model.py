"""The statistical tagger as a pipeline source: the bundled model and bad model input."""

import pickle

import pytest

import actorgraph


@pytest.fixture(scope="module")
def tagged(seed_text):
    return actorgraph.Pipeline(model="bundled")(seed_text)


def test_bundled_model_labels():
    nlp = actorgraph.Pipeline(model="bundled")
    assert {"Person", "Organisation", "Location", "Nationality", "Weapon"} <= set(nlp.labels)
    assert actorgraph.Pipeline().labels == nlp.labels  # the default
    assert actorgraph.Pipeline(model=None).labels == []


def test_model_mentions_on_the_seed(tagged):
    by_text = {m.text: m for m in tagged.entities}
    assert any(m.source == "model" for m in tagged.entities)
    # tagged spans take the gazetteer's canonical entity and type, also after "the"
    assert (by_text["UAE"].id, by_text["UAE"].label) == ("country:AE", "Location")
    assert by_text["the United States"].id == "country:US"
    assert by_text["the United States"].label == "Location"
    for name in ("Karim Mezran", "Obama"):
        assert by_text[name].label == "Person"
    # the title is cut from the person and the organisation keeps its own mention
    assert by_text["Bernardino Leon"].label == "Person"
    assert (by_text["UN"].label, by_text["UN"].id) == ("Organisation", "org:UN")


def test_re3d_conventions(seed_text):
    nlp = actorgraph.Pipeline(strip_titles=False, gazetteer_types=False)
    by_text = {m.text: m for m in nlp(seed_text).entities}
    # the title is part of the person's mention
    assert by_text["UN Special Representative Bernardino Leon"].label == "Person"
    # a country acting takes the tagger's type; its canonical entity stays
    assert {by_text[n].label for n in ("UAE", "United Arab Emirates")} == {"Organisation"}
    assert by_text["UAE"].id == "country:AE"


def test_model_confidences_are_spread(tagged):
    scores = [m.score for m in tagged.entities if m.source == "model"]
    assert all(0.0 < s < 1.0 for s in scores)
    assert max(scores) - min(scores) > 0.1


def test_pipeline_with_model_pickles(seed_text, tagged):
    nlp = pickle.loads(pickle.dumps(actorgraph.Pipeline(model="bundled")))
    assert nlp(seed_text) == tagged


def test_model_from_path_and_bytes(tmp_path, seed_text, tagged):
    from importlib import resources

    data = resources.files("actorgraph").joinpath("data", "tagger.bin").read_bytes()
    path = tmp_path / "m.bin"
    path.write_bytes(data)
    assert actorgraph.Pipeline(model=path)(seed_text) == tagged
    assert actorgraph.Pipeline(model=data)(seed_text) == tagged


@pytest.mark.parametrize(
    ("model", "match"),
    [
        (b"", "bad magic"),
        (b"AGRAPHM\x00" + b"\x00" * 40, "checksum|version|truncated"),
        (b"PK\x03\x04 a zip file", "bad magic"),
    ],
)
def test_bad_model_bytes(model, match):
    with pytest.raises(actorgraph.ModelError, match=match) as info:
        actorgraph.Pipeline(model=model)
    assert isinstance(info.value, ValueError)


def test_truncated_and_corrupted_model(tmp_path):
    from importlib import resources

    data = resources.files("actorgraph").joinpath("data", "tagger.bin").read_bytes()
    for bad in (data[: len(data) // 2], data[:-1], data[:100] + b"\xff" + data[101:]):
        with pytest.raises(actorgraph.ModelError):
            actorgraph.Pipeline(model=bad)


def test_missing_model_file_and_wrong_type(tmp_path):
    with pytest.raises(actorgraph.ModelError, match="not found"):
        actorgraph.Pipeline(model=tmp_path / "nope.bin")
    with pytest.raises(TypeError, match="model must be"):
        actorgraph.Pipeline(model=3.5)
