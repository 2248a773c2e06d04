"""Turn documents with gold character spans into tokenized training sentences.

The tagger learns on our own tokens and sentences (``_core.tokenize``), so that it sees
at training time exactly the units it will tag. A gold span must then start at a token
start and end at a token end. When it does not, it is snapped to token boundaries if
that loses or gains only punctuation or spaces (gold "U.S" against the token "U.S.",
or a trailing comma inside the gold span), and otherwise dropped. Spans that cross one
of our sentence boundaries are dropped too. :class:`AlignmentStats` counts each case.

>>> def toy(text):  # words split on spaces, one sentence
...     import re
...     tokens = [m.span() for m in re.finditer(r"\\S+", text)]
...     return tokens, [(0, len(tokens))]
>>> from actorgraph.training.re3d import GoldDoc
>>> doc = GoldDoc("d", "Votel met Abadi", ((0, 5, "Person"), (10, 15, "Person")))
>>> sentences, stats = docs_to_sentences([doc], tokenize=toy)
>>> sentences
[(['Votel', 'met', 'Abadi'], [(0, 1, 'Person'), (2, 3, 'Person')])]
>>> stats.exact
2
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

from actorgraph.training.conll import Sentence, Span
from actorgraph.training.re3d import GoldDoc

#: A tokenizer as ``_core.tokenize``: code-point token spans, and sentences as
#: [first token, end token) ranges.
Tokenizer = Callable[[str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


@dataclass
class AlignmentStats:
    """How gold character spans fared when mapped onto our tokens."""

    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    spans: int = 0
    exact: int = 0
    snapped: int = 0
    misaligned: int = 0
    cross_sentence: int = 0
    overlapping: int = 0

    @property
    def kept(self) -> int:
        """Spans that made it into the sentences."""
        return self.exact + self.snapped

    def __str__(self) -> str:
        parts = [f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self)]
        return "alignment: " + ", ".join(parts)


def _only_punctuation(text: str) -> bool:
    return all(c.isspace() or unicodedata.category(c).startswith("P") for c in text)


def _token_range(
    text: str, tokens: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> tuple[int, int, bool] | None:
    """The [first, last] tokens for a char span, and whether it had to be snapped."""
    # Tokens overlapping the span, then those wholly inside it.
    lo = bisect.bisect_right(starts, start) - 1
    lo = lo if lo >= 0 and tokens[lo][1] > start else lo + 1
    hi = bisect.bisect_left(starts, end) - 1
    if lo > hi:
        return None  # the span covers only spaces
    if tokens[lo][0] == start and tokens[hi][1] == end:
        return lo, hi, False
    inner_lo = lo if tokens[lo][0] >= start else lo + 1
    inner_hi = hi if tokens[hi][1] <= end else hi - 1
    if inner_lo <= inner_hi:
        lost = text[start : tokens[inner_lo][0]] + text[tokens[inner_hi][1] : end]
        if _only_punctuation(lost):
            return inner_lo, inner_hi, True
    gained = text[tokens[lo][0] : start] + text[end : tokens[hi][1]]
    if _only_punctuation(gained):
        return lo, hi, True
    return None


def docs_to_sentences(
    docs: Iterable[GoldDoc], *, tokenize: Tokenizer | None = None
) -> tuple[list[Sentence], AlignmentStats]:
    """Tokenizes each document and maps its gold spans onto our sentences' tokens.

    Every sentence is returned, with or without spans: the ones without entities
    teach the tagger what is not one. Span offsets in the result are token indices
    within the sentence, end exclusive.
    """
    if tokenize is None:
        from actorgraph._core import tokenize as core_tokenize

        tokenize = core_tokenize
    stats = AlignmentStats()
    sentences: list[Sentence] = []
    for doc in docs:
        stats.documents += 1
        tokens, bounds = tokenize(doc.text)
        starts = [s for s, _ in tokens]
        sentence_of = [0] * len(tokens)
        for index, (first, last) in enumerate(bounds):
            sentence_of[first:last] = [index] * (last - first)
        by_sentence: list[list[Span]] = [[] for _ in bounds]
        for start, end, label in doc.spans:
            stats.spans += 1
            found = _token_range(doc.text, tokens, starts, start, end)
            if found is None:
                stats.misaligned += 1
                continue
            first, last, snapped = found
            index = sentence_of[first]
            if sentence_of[last] != index:
                stats.cross_sentence += 1
                continue
            offset = bounds[index][0]
            span = (first - offset, last + 1 - offset, label)
            # Snapping outwards can make two gold spans share a token; keep the first.
            if any(span[0] < e and s < span[1] for s, e, _ in by_sentence[index]):
                stats.overlapping += 1
                continue
            by_sentence[index].append(span)
            stats.snapped += snapped
            stats.exact += not snapped
        for (first, last), spans in zip(bounds, by_sentence, strict=True):
            if last > first:
                words = [doc.text[s:e] for s, e in tokens[first:last]]
                sentences.append((words, sorted(spans)))
                stats.sentences += 1
                stats.tokens += last - first
    return sentences, stats
