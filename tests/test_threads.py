"""One pipeline shared by many Python threads gives the serial results."""

import multiprocessing
from concurrent.futures import ThreadPoolExecutor

import pytest

import actorgraph


def test_shared_pipeline_across_threads(nlp, seed_text):
    texts = [seed_text, "Egypt backed Haftar.", "", "Zürich and the UN."] * 8
    serial = [nlp(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(nlp, texts))
    assert parallel == serial


def test_thread_counts_agree(nlp, seed_text):
    texts = [seed_text] * 4 + ["Egypt and Algeria."] * 4
    one = list(nlp.pipe(texts, n_threads=1))
    assert list(nlp.pipe(texts, n_threads=2, batch_size=3)) == one
    assert list(nlp.pipe(texts)) == one


def test_pipe_accepts_generators(nlp):
    docs = list(nlp.pipe(f"Egypt met Libya {i}." for i in range(10)))
    assert len(docs) == 10 and all(len(d.relations) == 1 for d in docs)


def test_pipeline_default_threads():
    nlp = actorgraph.Pipeline(n_threads=1)
    assert [d.text for d in nlp.pipe(["a", "b"])] == ["a", "b"]


def test_given_entities_agree_across_thread_counts(nlp, seed_text):
    texts = [seed_text, "Haftar met Léon 😀 in Zürich."] * 6
    entities = [[(m.start, m.end, m.label) for m in nlp(t).entities] for t in texts]
    one = list(nlp.pipe(texts, entities=entities, n_threads=1))
    assert list(nlp.pipe(texts, entities=entities, n_threads=2, batch_size=5)) == one
    with ThreadPoolExecutor(max_workers=4) as pool:
        pairs = zip(texts, entities, strict=True)
        parallel = list(pool.map(lambda te: nlp(te[0], entities=te[1]), pairs))
    assert parallel == one
    assert all(m.source == "given" for d in one for m in d.entities)


def _pipe_to_queue(nlp, texts, queue):
    queue.put(list(nlp.pipe(texts, batch_size=2)))


def test_fork_after_use(nlp, seed_text):
    """A child forked after the pipeline ran batches on all cores (rayon's global
    pool exists in the parent, its threads do not in the child) runs batches too."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    texts = [seed_text, "Egypt backed Haftar.", "", "Zürich and the UN."] * 2
    want = list(nlp.pipe(texts, batch_size=2))
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_pipe_to_queue, args=(nlp, texts, queue))
    child.start()
    try:
        got = queue.get(timeout=120)
    finally:
        child.join(timeout=60)
        if child.is_alive():
            child.kill()
    assert child.exitcode == 0
    assert got == want


def test_spawned_workers_take_a_pickled_pipeline(nlp, seed_text):
    texts = [seed_text, "Egypt backed Haftar.", "Kerry met Sisi in Cairo."]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.map(nlp, texts) == [nlp(t) for t in texts]


@pytest.mark.parametrize("threads", [1, 2])
def test_deferred_batches_hold_the_rows_of_process(nlp, seed_text, threads):
    # pipe() and analyze() take their rows through _core.Batch (converted on the
    # caller's thread): the same rows and statistics as the direct calls, once.
    texts = [seed_text, "Egypt backed Haftar.", ""]
    core = nlp._core
    batch = core.process_deferred(texts, 5, threads)
    assert batch.rows() == core.process(texts, threads, 5)
    assert batch.stats() is None
    with pytest.raises(ValueError, match="already taken"):
        batch.rows()
    batch = core.process_deferred(texts, 5, threads, None, True)
    rows, stats = core.process_with_stats(texts, 5, threads)
    assert batch.rows() == rows
    got = batch.stats()
    assert got is not None and got.pairs() == stats.pairs() and got.entities() == stats.entities()
    assert batch.stats() is None
