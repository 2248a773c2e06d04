"""Untyped relations (sentence co-occurrence) and corpus association statistics."""

import math
from pathlib import Path

import pytest

import actorgraph

MINI = (Path(__file__).parent / "fixtures" / "mini_corpus.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cooccur():
    """Every same-sentence pair as a CoOccurs relation, no classifier."""
    return actorgraph.Pipeline(relations=None)


def test_relations_pair_mentions_of_one_sentence(cooccur):
    doc = cooccur("Egypt backed Haftar. Algeria hosted talks.")
    assert [(r.source.text, r.target.text, r.label) for r in doc.relations] == [
        ("Egypt", "Haftar", "CoOccurs")
    ]
    (r,) = doc.relations
    assert r.evidence == "Egypt backed Haftar."
    assert doc.text[r.sentence[0] : r.sentence[1]] == r.evidence
    # one token ("backed") between the two mentions
    assert r.score == pytest.approx(math.exp(-1 / 10), rel=1e-6)


def test_relation_scores_fall_with_distance(cooccur):
    doc = cooccur("Egypt, Algeria and many other distant neighbours of Tunisia met.")
    scores = {(r.source.text, r.target.text): r.score for r in doc.relations}
    assert scores[("Egypt", "Algeria")] > scores[("Egypt", "Tunisia")]
    assert all(0.0 < s <= 1.0 for s in scores.values())


def test_same_entity_is_not_paired_with_itself(cooccur):
    doc = cooccur("The UAE, formally the United Arab Emirates, denied it.")
    assert doc.relations == []


def test_seed_relation_egypt_uae_with_evidence(nlp, seed_text):
    corpus = nlp.analyze([seed_text])
    edges = {(e.source, e.target): e for e in corpus.edges()}
    edge = edges[("country:AE", "country:EG")]
    assert edge.count == 2
    texts = [ev.text for ev in edge.evidence]
    assert any(t.startswith("Egypt and the United Arab Emirates have so far") for t in texts)
    assert any(t.startswith("Egypt and the UAE are staunch American allies") for t in texts)


def test_corpus_counts_and_npmi():
    corpus = actorgraph.Pipeline().analyze(MINI.splitlines(), ids=["a", "b", "c", "d"])
    assert len(corpus) == 4 and corpus.stats.sentences == 4
    entities = corpus.entity_index()
    assert entities["country:EG"].sentences == 3
    assert entities["country:AE"].mentions == 2
    assert entities["country:AE"].name == "United Arab Emirates"
    edges = {(e.source, e.target): e for e in corpus.edges()}
    eg_ae = edges[("country:AE", "country:EG")]
    # 2 of 4 sentences hold both; Egypt is in 3, the UAE in 2.
    assert eg_ae.count == 2 and eg_ae.documents == 2
    assert eg_ae.pmi == pytest.approx(math.log(0.5 / (0.75 * 0.5)))
    assert eg_ae.npmi == pytest.approx(math.log(4 / 3) / math.log(2))
    assert [ev.doc_id for ev in eg_ae.evidence] == ["a", "c"]
    assert corpus.edges(min_count=2) == [eg_ae]
    assert "country:TN" in entities and not any("country:TN" in k for k in edges)


def test_corpus_is_the_same_in_any_batching():
    lines = MINI.splitlines() * 5
    nlp = actorgraph.Pipeline()
    whole = nlp.analyze(lines, batch_size=1000)
    for batch_size, threads in [(1, 1), (3, 2), (7, None)]:
        other = nlp.analyze(lines, batch_size=batch_size, n_threads=threads)
        assert other.edges() == whole.edges()
        assert other.entities() == whole.entities()


def test_stats_merge_is_associative():
    nlp = actorgraph.Pipeline()
    core = nlp._core
    texts = MINI.splitlines()
    parts = [core.process_with_stats(texts[i : i + 1], i)[1] for i in range(len(texts))]
    left = actorgraph._core.CorpusStats()
    for p in parts:
        left.merge(p)
    a, b = parts[0], parts[2]
    a.merge(parts[1])
    b.merge(parts[3])
    a.merge(b)
    assert a.pairs() == left.pairs() and a.entities() == left.entities()
    assert a.documents == 4


def test_graph(nlp):
    corpus = nlp.analyze(MINI.splitlines())
    g = corpus.graph()
    assert g.nodes["country:EG"]["label"] == "Location"
    assert g.edges["country:EG", "country:AE"]["count"] == 2
    assert g.number_of_nodes() == len(corpus.entities())


def test_ids_must_match_texts(nlp):
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        nlp.analyze(["Egypt"], ids=["a", "b"])


def test_log_likelihood_ratio_and_p_value_by_hand():
    corpus = actorgraph.Pipeline().analyze(MINI.splitlines())
    edges = {(e.source, e.target): e for e in corpus.edges()}
    eg_ae = edges[("country:AE", "country:EG")]
    # 4 sentences: both in 2, Egypt alone in 1, the UAE alone in 0, neither in 1.
    # Expected counts from the margins (Egypt 3, UAE 2): 1.5, 1.5, 0.5, 0.5.
    g2 = 2 * (2 * math.log(2 / 1.5) + 1 * math.log(1 / 1.5) + 1 * math.log(1 / 0.5))
    assert eg_ae.llr == pytest.approx(g2, rel=1e-12)
    assert eg_ae.p_value == pytest.approx(math.erfc(math.sqrt(g2 / 2)), rel=1e-6)
    assert 0 < eg_ae.p_value < 1
    g = corpus.graph()
    assert g.edges["country:EG", "country:AE"]["llr"] == eg_ae.llr
    assert g.edges["country:EG", "country:AE"]["p_value"] == eg_ae.p_value


def test_independent_pair_has_zero_llr_and_p_one():
    # Egypt in 2 of 4 sentences, Algeria in 2, together in 1: exactly independent.
    texts = ["Egypt and Algeria met.", "Egypt left.", "Algeria left.", "Nobody came."]
    (edge,) = actorgraph.Pipeline(model=None).analyze(texts).edges()
    assert edge.pmi == pytest.approx(0.0, abs=1e-12)
    assert edge.llr == pytest.approx(0.0, abs=1e-12)
    assert edge.p_value == pytest.approx(1.0, abs=1e-6)


DATED = [
    ("Egypt backed the UAE.", "2015-03-02"),
    ("Egypt and the UAE met. Egypt left.", "2015-04-10"),
    ("Qatar met the UAE. Qatar and Egypt talked.", "2015-04-11"),
    ("Egypt and the UAE met again.", None),
    ("Qatar backed Egypt.", "2015-04-20T23:30:00"),
]


def test_edges_per_period_equal_a_corpus_of_that_period_alone():
    pytest.importorskip("pandas")
    nlp = actorgraph.Pipeline(model=None)
    texts, dates = zip(*DATED, strict=True)
    corpus = nlp.analyze(texts, ids=list("abcde"), dates=dates)
    for freq, periods in [("M", ["2015-03", "2015-04"]), ("W", 3), ("D", 4)]:
        table = corpus.edges_df(freq=freq)
        assert str(table["period"].dtype).startswith("period[")
        got = sorted({str(p) for p in table["period"]})
        assert got == periods if isinstance(periods, list) else len(got) == periods
    table = corpus.edges_df(freq="M")
    april = table[table["period"].astype(str) == "2015-04"].drop(columns="period")
    alone = nlp.analyze(texts[1:3] + texts[4:], ids=["b", "c", "e"]).edges_df()
    assert april.reset_index(drop=True).equals(alone)
    # the undated document counts in the whole corpus only
    whole = corpus.edges_df()
    eg_ae = whole[(whole.source == "country:AE") & (whole.target == "country:EG")]
    assert eg_ae["count"].tolist() == [3]
    assert table.groupby("source")["count"].sum().to_dict() == {"country:AE": 3, "country:EG": 2}
    assert table.columns[0] == "period" and list(table.columns[1:]) == list(whole.columns)


def test_periods_use_the_corpus_entity_keys():
    pytest.importorskip("pandas")
    nlp = actorgraph.Pipeline(model=None)
    texts = ["Leon met officials in Cairo.", "Bernardino Leon arrived in Cairo."]
    corpus = nlp.analyze(texts, dates=["2015-01-05", "2015-02-05"])
    # January's bare "Leon" is the corpus's only Leon: one key in both months, as in
    # the whole corpus's table (a corpus of January alone would say Person:leon#0).
    table = corpus.edges_df(freq="M")
    (cairo,) = (k for k, e in corpus.entity_index().items() if e.name == "Cairo")
    assert set(table.source) | set(table.target) == {"Person:bernardino leon", cairo}
    assert table["count"].tolist() == [1, 1]
    assert "Person:leon#0" in nlp.analyze(texts[:1]).entity_index()


def test_time_slicing_errors():
    pytest.importorskip("pandas")
    nlp = actorgraph.Pipeline(model=None)
    with pytest.raises(ValueError, match="needs document dates"):
        nlp.analyze(["Egypt backed the UAE."]).edges_df(freq="M")
    dated = nlp.analyze(["Egypt backed the UAE."], dates=["2015-03-01"])
    with pytest.raises(ValueError, match="not a pandas period alias"):
        dated.edges_df(freq="fortnight")
    with pytest.raises(ValueError, match="got 2 dates for 1 texts"):
        nlp.analyze(["Egypt backed the UAE."], dates=["2015-03-01", None])
    with pytest.raises(ValueError, match="date 0 is not an ISO date"):
        nlp.analyze(["Egypt"], dates=["1 March 2015"])
    with pytest.raises(TypeError, match="date 0 must be a datetime"):
        nlp.analyze(["Egypt"], dates=[20150301])
    # no dated document: an empty table with the period column
    empty = nlp.analyze(["Egypt backed the UAE."], dates=[None]).edges_df(freq="M")
    assert len(empty) == 0 and empty.columns[0] == "period"


def test_bad_freq_without_dated_documents():
    pytest.importorskip("pandas")
    corpus = actorgraph.Pipeline(model=None).analyze(["Egypt backed the UAE."], dates=[None])
    with pytest.raises(ValueError, match="not a pandas period alias"):
        corpus.edges_df(freq="fortnight")
    with pytest.raises(TypeError, match="freq must be a str"):
        corpus.edges_df(freq=7)
