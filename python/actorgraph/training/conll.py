"""Read token-per-line NER corpora (CoNLL-2003, GMB, wikigold, CrossNER) into sentences.

One decoder reads every common tag scheme, as conlleval does: a span starts at ``B-``
(``S-``/``U-`` too) or at an ``I-``/``E-``/``L-`` whose type differs from the span
before it, and ends at ``O``, at ``E-``/``L-``/``S-``/``U-``, or where the next starts.
That is right for IOB1 (CoNLL-2003: ``I-`` starts a span, ``B-`` only separates two
adjacent spans of one type), IOB2 (``B-`` always starts), I-only files (wikigold, which
cannot separate adjacent same-type spans at all) and BIOES/BILOU, so no scheme option
is needed.

>>> import io
>>> decode_tags(["I-PER", "I-PER", "B-PER", "O", "I-LOC"])
[(0, 2, 'PER'), (2, 3, 'PER'), (4, 5, 'LOC')]
>>> decode_tags(["B-geo", "I-geo", "U-per", "L-per"])
[(0, 2, 'geo'), (2, 3, 'per'), (3, 4, 'per')]
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from actorgraph.training.labels import LabelMap, map_label

#: Token spans of one sentence: [start, end) token indices and a label.
Span = tuple[int, int, str]
#: A tokenized sentence with its gold spans.
Sentence = tuple[list[str], list[Span]]
#: One path or several.
Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]

_TAG = re.compile(r"O|([BIESLU])-(\S+)")
_DOCSTART = "-DOCSTART-"


def as_paths(paths: Paths) -> list[str]:
    """One path or an iterable of them, as a list of str."""
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def open_text(path: str) -> TextIO:
    """Opens a UTF-8 text file, gunzipping it when its name ends in ``.gz``."""
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


def decode_tags(tags: list[str]) -> list[Span]:
    """Spans from a sentence's tags in any of IOB1, IOB2, I-only, BIOES or BILOU."""
    spans: list[Span] = []
    start, kind = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "O" or not label:
            if kind:
                spans.append((start, i, kind))
            start, kind = -1, ""
            continue
        if prefix in "BSU" or label != kind:
            if kind:
                spans.append((start, i, kind))
            start, kind = i, label
        if prefix in "ESLU":
            spans.append((start, i + 1, kind))
            start, kind = -1, ""
    if kind:
        spans.append((start, len(tags), kind))
    return spans


def _rows(path: str) -> Iterator[tuple[bool, list[tuple[str, str]]]]:
    """Yields each sentence of a file as (word, tag) rows, with whether a
    ``-DOCSTART-`` line came before it since the previous sentence."""
    rows: list[tuple[str, str]] = []
    new_document = False
    with open_text(path) as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            # Tab-separated files (GMB, CrossNER) may hold spaces inside a column;
            # the others are space-separated.
            columns = line.split("\t") if "\t" in line else line.split(" ")
            columns = [c.strip() for c in columns if c.strip()]
            if not columns or columns[0] == _DOCSTART:
                if rows:
                    yield new_document, rows
                    new_document = False
                rows = []
                new_document = new_document or bool(columns)
                continue
            if len(columns) < 2:
                raise ValueError(f"{path}:{number}: expected a word and a tag, got {line!r}")
            tag = columns[-1]
            if not _TAG.fullmatch(tag):
                raise ValueError(
                    f"{path}:{number}: bad tag {tag!r} (expected O, or B-/I-/E-/S-/L-/U- "
                    f"and a type) in {line!r}"
                )
            rows.append((columns[0], tag))
    if rows:
        yield new_document, rows


def read_conll(paths: Paths, *, label_map: LabelMap | None = None) -> list[Sentence]:
    """Reads CoNLL-style files: one token a line, the word first and the tag last.

    Columns are split on tabs when a line has one, else on spaces; blank lines and
    ``-DOCSTART-`` lines end a sentence; ``.gz`` files are decompressed. Span types go
    through ``label_map`` (see :mod:`actorgraph.training.labels`) after decoding, so a
    type the map drops becomes O without disturbing its neighbours' boundaries.

    Raises:
        ValueError: a line without a tag, or with a tag that is not O/B-/I-/E-/S-/L-/U-;
            the message gives file and line.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.txt"
    >>> _ = path.write_text("-DOCSTART- O\\n\\nHaftar I-PER\\nvisited O\\nCairo I-LOC\\n")
    >>> read_conll(path)
    [(['Haftar', 'visited', 'Cairo'], [(0, 1, 'PER'), (2, 3, 'LOC')])]
    >>> read_conll(path, label_map={"PER": "Person"})
    [(['Haftar', 'visited', 'Cairo'], [(0, 1, 'Person')])]
    """
    return [s for document in read_conll_documents(paths, label_map=label_map) for s in document]


def read_conll_documents(
    paths: Paths, *, label_map: LabelMap | None = None
) -> list[list[Sentence]]:
    """Like :func:`read_conll`, with the sentences grouped into documents: a
    ``-DOCSTART-`` line and the start of each file open a new one.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiny.txt"
    >>> _ = path.write_text("-DOCSTART- O\\n\\nA I-PER\\n\\nB O\\n\\n-DOCSTART- O\\n\\nC O\\n")
    >>> [[words for words, _ in d] for d in read_conll_documents(path)]
    [[['A'], ['B']], [['C']]]
    """
    documents: list[list[Sentence]] = []
    for path in as_paths(paths):
        documents.append([])
        for new_document, rows in _rows(path):
            if new_document and documents[-1]:
                documents.append([])
            words = [w for w, _ in rows]
            spans = []
            for start, end, kind in decode_tags([t for _, t in rows]):
                label = map_label(label_map, kind, words[start:end])
                if label is not None:
                    spans.append((start, end, label))
            documents[-1].append((words, spans))
    return [d for d in documents if d]


def flatten_documents(documents: Iterable[list[Sentence]]) -> tuple[list[Sentence], list[int]]:
    """The sentences of ``documents`` in order, and each one's document number.

    >>> flatten_documents([[(["A"], [])], [(["B"], []), (["C"], [])]])
    ([(['A'], []), (['B'], []), (['C'], [])], [0, 1, 1])
    """
    sentences: list[Sentence] = []
    numbers: list[int] = []
    for i, document in enumerate(documents):
        sentences.extend(document)
        numbers.extend([i] * len(document))
    return sentences, numbers
