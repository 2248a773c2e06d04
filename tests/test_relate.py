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
