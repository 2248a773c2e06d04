"""Pipelines and results survive pickling (multiprocessing and Dask need it)."""

import pickle

import pytest

import actorgraph


def test_pipeline_round_trip(nlp, seed_text):
    clone = pickle.loads(pickle.dumps(nlp))
    assert clone(seed_text) == nlp(seed_text)
    assert clone.gazetteer_size == nlp.gazetteer_size


def test_pipeline_with_user_entries_round_trip():
    nlp = actorgraph.Pipeline(
        gazetteer=[{"alias": "GNA", "label": "Organisation", "id": "gna"}], n_threads=2
    )
    clone = pickle.loads(pickle.dumps(nlp))
    assert clone.n_threads == 2
    assert [(m.text, m.id) for m in clone("The GNA").entities] == [("GNA", "gna")]


def test_doc_round_trip(seed_doc):
    clone = pickle.loads(pickle.dumps(seed_doc))
    assert clone == seed_doc
    assert (
        clone.relations[0].source is clone.entities[clone.entities.index(clone.relations[0].source)]
    )


@pytest.mark.parametrize(
    "cls",
    [actorgraph.ActorgraphError, actorgraph.GazetteerError, actorgraph.DataError,
     actorgraph.InternalError],
)  # fmt: skip
def test_exceptions_round_trip(cls):
    err = pickle.loads(pickle.dumps(cls("message")))
    assert type(err) is cls and str(err) == "message"


def test_corpus_and_its_statistics_round_trip(nlp, seed_text):
    texts = [seed_text, "Egypt and the UAE backed Haftar.", "Algeria hosted talks with Egypt."]
    corpus = nlp.analyze(texts, ids=["seed", "a", "b"])
    clone = pickle.loads(pickle.dumps(corpus))
    assert clone.edges() == corpus.edges() and clone.entities() == corpus.entities()
    stats = pickle.loads(pickle.dumps(corpus.stats))
    assert (stats.documents, stats.sentences) == (3, corpus.stats.sentences)
    # statistics shipped from other processes merge like local ones
    left = nlp._core.process_with_stats(texts[:1], 0)[1]
    right = pickle.loads(pickle.dumps(nlp._core.process_with_stats(texts[1:], 1)[1]))
    left.merge(right)
    assert left.pairs() == corpus.stats.pairs() and left.entities() == corpus.stats.entities()


def test_reader_and_record_round_trip(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,text,date\n1,Zoë met Haftar.,2015-03-01\n", encoding="utf-8")
    reader = actorgraph.read(path, text="text", errors="replace", batch_size=8)
    clone = pickle.loads(pickle.dumps(reader))
    assert list(clone) == list(reader) == [actorgraph.Record("Zoë met Haftar.", "1", "2015-03-01")]
    record = pickle.loads(pickle.dumps(next(iter(reader))))
    assert type(record) is actorgraph.Record and record.date == "2015-03-01"
