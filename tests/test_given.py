"""Bring-your-own entities: ``nlp(text, entities=[(start, end, label), ...])``."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import actorgraph


@pytest.fixture(scope="module")
def rules():
    """Given entities with untyped co-occurrence relations (no classifier)."""
    return actorgraph.Pipeline(model=None, relations=None)


TEXT = "😀 Khalifa Haftar met Léon Ñúñez in Zürich. Haftar then called the UAE."


def span(text, word, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return (start, start + len(word), label)


def test_given_entities_replace_extraction_on_non_ascii_text(rules):
    nlp = rules
    entities = [
        span(TEXT, "Khalifa Haftar", "Person"),
        span(TEXT, "Léon Ñúñez", "Person"),
        span(TEXT, "Zürich", "Location"),
        span(TEXT, "Haftar", "Person", nth=1),
        span(TEXT, "UAE", "Organisation"),
    ]
    doc = nlp(TEXT, entities=entities)
    got = [(m.start, m.end, m.label) for m in doc.entities]
    assert got == sorted(entities)
    assert all(TEXT[m.start : m.end] == m.text for m in doc.entities)
    assert {(m.source, m.score) for m in doc.entities} == {("given", 1.0)}
    by_text = {m.text: m for m in doc.entities}
    # resolution runs on them: the surname joins the full name, the gazetteer's
    # exact span gives the UAE its canonical id (with the label given)
    assert by_text["Haftar"].entity == by_text["Khalifa Haftar"].entity
    assert (by_text["UAE"].entity, by_text["UAE"].label) == ("country:AE", "Organisation")
    # and relations: 3 entities in the first sentence, 2 (one each) in the second
    pairs = {(r.source.text, r.target.text) for r in doc.relations}
    assert ("Khalifa Haftar", "Zürich") in pairs and ("Haftar", "UAE") in pairs
    assert len(doc.relations) == 4
    assert doc.sentences == nlp(TEXT).sentences


def test_empty_list_means_no_entities(nlp):
    doc = nlp("Egypt backed Haftar.", entities=[])
    assert doc.entities == [] and doc.relations == [] and doc.resolved == []


def test_overlapping_given_spans_keep_the_longest(rules):
    text = "UN envoy Bernardino Leon arrived."
    doc = rules(
        text,
        entities=[
            span(text, "Leon", "Person"),
            span(text, "Bernardino Leon", "Person"),
            span(text, "UN envoy", "Person"),
            span(text, "UN", "Organisation"),
            span(text, "UN", "Organisation"),
        ],
    )
    assert [m.text for m in doc.entities] == ["UN envoy", "Bernardino Leon"]


def test_items_may_be_lists_mentions_or_numpy_ints(rules):
    np = pytest.importorskip("numpy")
    text = "Egypt backed Khalifa Haftar."
    extracted = rules(text).entities
    doc = rules(text, entities=extracted)
    assert [(m.start, m.end, m.label) for m in doc.entities] == [
        (m.start, m.end, m.label) for m in extracted
    ]
    assert rules(text, entities=[[np.int64(0), np.int32(5), "Location"]]).entities[0].text == (
        "Egypt"
    )


def test_pipe_and_analyze_take_one_list_per_text(rules):
    texts = ["Haftar met Léon.", "Egypt backed Khalifa Haftar.", "😀 Leon left Cairo."]
    entities = [
        [(0, 6, "Person"), (11, 15, "Person")],
        None,
        [span(texts[2], "Leon", "Person"), span(texts[2], "Cairo", "Location")],
    ]
    docs = list(rules.pipe(texts, entities=entities, batch_size=2))
    assert docs[0] == rules(texts[0], entities=entities[0])
    assert docs[1] == rules(texts[1])
    assert [m.text for m in docs[2].entities] == ["Leon", "Cairo"]
    corpus = rules.analyze(iter(texts), entities=iter(entities), batch_size=1)
    assert corpus.docs == docs
    rebuilt = actorgraph.Corpus.from_docs(docs)
    assert rebuilt.edges() == corpus.edges() and rebuilt.entities() == corpus.entities()
    assert pickle.loads(pickle.dumps(docs)) == docs


@pytest.mark.parametrize(
    ("entities", "error", "match"),
    [
        ([(5, 5, "Person")], ValueError, r"entity 0 of text 0, \(5, 5, 'Person'\).*start"),
        ([(0, 5, "Location"), (6, 3, "Person")], ValueError, "entity 1 of text 0.*below end"),
        ([(0, 99, "Person")], ValueError, r"entity 0 of text 0.*outside the text \(0 to 20"),
        ([(-1, 3, "Person")], ValueError, "outside the text"),
        ([(0, 2**70, "Person")], ValueError, "outside the text"),
        ([(0, 5, "Persn")], ValueError, "unknown label; expected one of Person, Organisation"),
        ([(0, 5, "person")], ValueError, "unknown label"),
        ([(0, 5)], TypeError, r"entity 0 of text 0 must be a \(start, end, label\) tuple"),
        ([(0, 5, 3)], TypeError, "label must be a str"),
        ([(0.0, 5, "Person")], TypeError, "start must be an int"),
        ([(True, 5, "Person")], TypeError, "start must be an int"),
        ("Egypt", TypeError, "must be a list of"),
        ([None], TypeError, "entity 0 of text 0"),
    ],
)
def test_bad_given_entities(rules, entities, error, match):
    text = "Egypt backed Haftar."  # 20 characters
    with pytest.raises(error, match=match):
        rules(text, entities=entities)


def test_bad_items_in_a_batch_name_the_text(rules):
    texts = ["Egypt backed Haftar.", "😀 Haftar left."]
    with pytest.raises(ValueError, match="entity 1 of text 1"):
        list(rules.pipe(texts, entities=[None, [(2, 8, "Person"), (2, 99, "Person")]]))
    # Offsets count code points: the emoji is one, so "left" ends at 14, not 17.
    with pytest.raises(ValueError, match="outside the text"):
        rules.analyze(texts, entities=[None, [(2, 17, "Person")]])
    with pytest.raises(ValueError, match="differ in length"):
        list(rules.pipe(texts, entities=[None]))
    with pytest.raises(ValueError, match="differ in length"):
        rules.analyze(texts[:1], entities=[None, None])
    with pytest.raises(ValueError, match="entity lists for"):
        rules._core.process(texts, None, 0, [None])
    # the core checks what it is given directly, too
    with pytest.raises(ValueError, match=r"entity 0 of text 0.*past the end"):
        rules._core.process(texts[:1], None, 0, [[(0, 21, "Person")]])
    assert rules(texts[1]).entities  # still usable


text_with_spans = st.lists(
    st.tuples(st.text(alphabet="aé😀 Ñ.", min_size=1, max_size=6), st.booleans()),
    min_size=1,
    max_size=8,
)


@given(text_with_spans)
def test_given_offsets_round_trip(pieces):
    """Any non-overlapping code-point spans come back exactly, on any text."""
    nlp = _RULES
    text, entities, at = "", [], 0
    for piece, marked in pieces:
        if marked:
            entities.append((at, at + len(piece), "Location"))
        text += piece + "|"
        at = len(text)
    doc = nlp(text, entities=entities)
    assert [(m.start, m.end) for m in doc.entities] == [(s, e) for s, e, _ in entities]
    assert all(m.text == text[m.start : m.end] for m in doc.entities)


_RULES = actorgraph.Pipeline(model=None)
