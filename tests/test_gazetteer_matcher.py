"""actorgraph._core.Gazetteer: the pipeline's matcher on its own."""

import pytest

import actorgraph
from actorgraph import _core

ENTRIES = [
    ("city:zurich", "Location", "Zürich", "Zürich", False),
    ("org:un", "Organisation", "United Nations", "UN", True),
    ("org:un", "Organisation", "United Nations", "United Nations", False),
]


def test_whole_words_with_code_point_offsets():
    gazetteer = _core.Gazetteer(ENTRIES)
    assert len(gazetteer) == 3
    text = "«ZÜRICH» hosted the united nations; un and UNESCO did not. 😀 Zürich."
    found = gazetteer.find(text)
    assert [(text[s:e], label, kb) for s, e, label, kb in found] == [
        ("ZÜRICH", "Location", "city:zurich"),
        ("united nations", "Organisation", "org:un"),
        ("Zürich", "Location", "city:zurich"),
    ]


def test_bad_entries_are_clear_errors():
    with pytest.raises(actorgraph.GazetteerError, match="user entry 1"):
        _core.Gazetteer([("x", "", "X", "X", False)])
