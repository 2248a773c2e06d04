"""Properties over random text (Hypothesis): offsets, batching and threads, pipe
against calls, pickling. test_offsets.py holds the name-focused ones."""

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

import actorgraph

# Any code point but surrogates (a str with one is a ValueError, see
# test_bad_input.py), weighted towards what breaks offset code: astral
# characters, combining and bidi marks, CRLF, NUL and names.
PIECES = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(
        ["Egypt", "Khalifa Haftar", "U.S.", "UAE", "Tobruk", "Haftar's", "3 May 2015", "\r\n",
         "\x00", "e\u0301", "😀", "👍🏽", "\u200f", "\u202e", "مصر", "Москва", "東京", ". ", "(UN)"]
    ),
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=10).map(" ".join)

_nlp = actorgraph.Pipeline()


@given(TEXTS)
def test_offsets_are_code_point_spans_of_the_text(text):
    doc = _nlp(text)
    last_end = 0
    for m in doc.entities:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        last_end = m.end
    for start, end in doc.sentences:
        assert 0 <= start < end <= len(text)
    for r in doc.relations:
        start, end = r.sentence
        assert r.evidence == text[start:end]
        assert start <= min(r.source.start, r.target.start)
        assert max(r.source.end, r.target.end) <= end


@settings(max_examples=40)
@given(
    st.lists(TEXTS, max_size=8),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=9),
)
def test_results_do_not_depend_on_threads_or_batches(texts, n_threads, batch_size):
    serial = [_nlp(t) for t in texts]
    assert list(_nlp.pipe(texts, n_threads=n_threads, batch_size=batch_size)) == serial


@settings(max_examples=40)
@given(st.lists(TEXTS, max_size=6))
def test_docs_and_corpora_pickle_to_equal_objects(texts):
    docs = list(_nlp.pipe(texts))
    assert pickle.loads(pickle.dumps(docs)) == docs
    corpus = actorgraph.Corpus.from_docs(docs)
    clone = pickle.loads(pickle.dumps(corpus))
    assert clone.entities() == corpus.entities() and clone.edges() == corpus.edges()
