"""Code-point offsets at the boundary, tested on non-ASCII text."""

from hypothesis import example, given
from hypothesis import strategies as st

import actorgraph

NAMES = ["Egypt", "Libya", "UAE", "Tobruk", "Khalifa Haftar", "U.S.", "Zürich", "Benghazi"]
NOISE = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), include_characters="é😀ü東京مصراتة \n.,'\u2019-"
    ),
    max_size=20,
)
PIECES = st.lists(st.one_of(st.sampled_from(NAMES), NOISE), max_size=12)

_nlp = actorgraph.Pipeline()


@given(PIECES)
def test_mention_text_matches_offsets(pieces):
    text = " ".join(pieces)
    doc = _nlp(text)
    for m in doc.entities:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
    for start, end in doc.sentences:
        assert 0 <= start < end <= len(text)
    for r in doc.relations:
        assert r.evidence == text[r.sentence[0] : r.sentence[1]]
        first, second = sorted((r.source, r.target), key=lambda m: m.start)
        assert r.sentence[0] <= first.start < second.end <= r.sentence[1]


@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6), NOISE)
# Found by Hypothesis: the tagger once tagged "AHh ; UAE" as one name.
@example(names=["UAE", "Egypt"], prefix="AHh")
def test_known_names_are_found_after_non_ascii_prefix(names, prefix):
    prefix = "😀é " + prefix.replace("\n", " ") + " ; "
    text = prefix + " and ".join(names) + "."
    doc = _nlp(text)
    found = [m for m in doc.entities if m.start >= len(prefix)]
    assert [m.text for m in found][: len(names)] == names


@given(st.lists(PIECES.map(" ".join), max_size=8))
def test_pipe_equals_calls(texts):
    assert list(_nlp.pipe(texts, batch_size=3)) == [_nlp(t) for t in texts]
