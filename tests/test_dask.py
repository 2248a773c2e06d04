"""Dask: partitions analysed apart reduce to exactly the local corpus."""

import pytest

import actorgraph

db = pytest.importorskip("dask.bag", reason="the Dask tests need dask (pip install dask)")
import actorgraph.dask  # noqa: E402  (after the skip: it imports dask lazily anyway)

TEXTS = [
    "Egypt and the UAE backed Khalifa Haftar against the Islamists in Benghazi.",
    "Haftar met Leon in Tobruk. Leon called Egypt.",
    "Bernardino Leon, the UN envoy, met officials in Tobruk on 3 June 2015.",
    "Qatar and Turkey supported the Islamists. Leon said talks would resume.",
    "Zürich hosted Haftar's envoy; Algeria offered to host a meeting.",
    "",
    "The UAE struck targets in Tripoli. Egypt denied any role.",
]


def table(corpus):
    """Everything the association scores and tables say, in a comparable form."""
    edges = [
        (e.source, e.target, e.count, e.documents, e.pmi, e.npmi, e.llr, e.p_value, e.evidence)
        for e in corpus.edges()
    ]
    entities = [(e.key, e.name, e.label, e.mentions, e.documents) for e in corpus.entities()]
    return sorted(edges), sorted(entities), corpus.ids, corpus.dates, len(corpus.docs)


@pytest.fixture(scope="module")
def local(rules_pipeline):
    return rules_pipeline.analyze(TEXTS, ids=[f"d{i}" for i in range(len(TEXTS))])


@pytest.fixture(scope="module")
def rules_pipeline():
    return actorgraph.Pipeline(model=None)


@pytest.mark.parametrize("npartitions", [1, 3, 7])
def test_bag_of_records_equals_local(rules_pipeline, local, npartitions):
    records = [{"text": t, "doc": f"d{i}"} for i, t in enumerate(TEXTS)]
    bag = db.from_sequence(records, npartitions=npartitions)
    corpus = actorgraph.dask.analyze(rules_pipeline, bag, id="doc", scheduler="sync")
    assert table(corpus) == table(local)
    assert corpus.edges(), "the texts give pairs"


def test_bag_of_strings_numbers_documents_by_position(rules_pipeline):
    bag = db.from_sequence(TEXTS, npartitions=3)
    corpus = actorgraph.dask.analyze(rules_pipeline, bag, scheduler="sync")
    assert corpus.ids == list(range(len(TEXTS)))
    assert table(corpus) == table(rules_pipeline.analyze(TEXTS))


def test_bare_names_stay_per_document_across_partitions(rules_pipeline):
    # "Leon" alone in several documents, the full name in another partition: the
    # linking across documents must see the same corpus as locally.
    texts = ["Leon met Haftar.", "Leon left Tobruk.", "Bernardino Leon met Haftar."]
    local = rules_pipeline.analyze(texts)
    for n in (1, 2, 3):
        corpus = actorgraph.dask.analyze(
            rules_pipeline, db.from_sequence(texts, npartitions=n), scheduler="sync"
        )
        assert table(corpus) == table(local)
        assert corpus.entities_df().to_dict("list") == local.entities_df().to_dict("list")


def test_dataframe_with_dates_equals_local(rules_pipeline):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe", reason="needs dask[dataframe]")
    dates = [f"2015-0{1 + i % 3}-1{i}" for i in range(len(TEXTS))]
    frame = pd.DataFrame({"body": TEXTS, "when": dates, "ref": range(100, 100 + len(TEXTS))})
    corpus = actorgraph.dask.analyze(
        rules_pipeline,
        dd.from_pandas(frame, npartitions=3),
        text="body",
        id="ref",
        date="when",
        scheduler="sync",
    )
    local = rules_pipeline.analyze(TEXTS, ids=list(range(100, 107)), dates=dates)
    assert table(corpus) == table(local)
    pd.testing.assert_frame_equal(corpus.edges_df(freq="M"), local.edges_df(freq="M"))


def test_pipe_gives_the_local_docs(rules_pipeline):
    docs = actorgraph.dask.pipe(rules_pipeline, db.from_sequence(TEXTS, npartitions=3))
    assert docs.compute(scheduler="sync") == [rules_pipeline(t) for t in TEXTS]


def test_bad_input(rules_pipeline):
    with pytest.raises(TypeError, match="dask bag or dataframe"):
        actorgraph.dask.analyze(rules_pipeline, TEXTS)
    with pytest.raises(TypeError, match="str texts or records"):
        actorgraph.dask.analyze(rules_pipeline, db.from_sequence([1, 2]), scheduler="sync")
    with pytest.raises(KeyError):
        actorgraph.dask.analyze(rules_pipeline, db.from_sequence([{"body": "x"}]), scheduler="sync")


@pytest.mark.timeout(180)
def test_local_cluster_with_two_worker_processes(local):
    distributed = pytest.importorskip("dask.distributed", reason="needs dask.distributed")
    nlp = actorgraph.Pipeline()  # the bundled model: what analysts ship
    texts = TEXTS * 6
    ids = [f"d{i}" for i in range(len(texts))]
    records = [{"text": t, "doc": i} for t, i in zip(texts, ids, strict=True)]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        corpus = actorgraph.dask.analyze(nlp, db.from_sequence(records, npartitions=8), id="doc")
        # Each worker unpickled the Pipeline at most once for the 8 tasks.
        restored = client.run(_restores)
    assert len(restored) == 2
    assert all(n <= 1 for n in restored.values()), restored
    assert sum(restored.values()) >= 1
    assert table(corpus) == table(nlp.analyze(texts, ids=ids))


def _restores():
    import actorgraph.pipeline

    return actorgraph.pipeline._restored
