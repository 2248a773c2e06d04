"""Strict span metrics, as conlleval and seqeval compute them.

A predicted span counts only if its document, start, end and label all equal a gold
span's. Scores are micro-averaged over spans. The conventions for the corner cases are
conlleval's: precision is 0 when nothing was predicted, recall is 0 when there is no
gold span, and F1 is 0 when precision + recall is 0. Spans are compared as sets, so a
span listed twice counts once (a tag sequence cannot hold duplicates; span lists can).

>>> gold = [("d1", 0, 2, "Person"), ("d1", 5, 6, "Location"), ("d2", 0, 1, "Location")]
>>> pred = [("d1", 0, 2, "Person"), ("d1", 5, 6, "Organisation")]
>>> report = score(gold, pred)
>>> round(report.precision, 3), round(report.recall, 3), round(report.f1, 3)
(0.5, 0.333, 0.4)
>>> report.span.precision, round(report.span.recall, 3)
(1.0, 0.667)
>>> report.labels["Location"].support
2
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

#: A span to score: (document key, start, end, label). Offsets may be characters or tokens.
Item = tuple[Hashable, int, int, str]


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one group of spans.

    Attributes:
        support: gold spans.
        predicted: predicted spans.
        correct: predicted spans that match a gold span.
    """

    precision: float
    recall: float
    f1: float
    support: int
    predicted: int
    correct: int

    @classmethod
    def of(cls, correct: int, predicted: int, support: int) -> Score:
        """Scores from counts, with conlleval's conventions for zeros.

        >>> Score.of(correct=0, predicted=0, support=3).precision
        0.0
        """
        precision = correct / predicted if predicted else 0.0
        recall = correct / support if support else 0.0
        total = precision + recall
        f1 = 2 * precision * recall / total if total else 0.0
        return cls(precision, recall, f1, support, predicted, correct)


@dataclass(frozen=True)
class Report:
    """The scores of a set of predictions against gold spans.

    Attributes:
        overall: exact match of span and label, micro-averaged.
        span: exact match of the span alone, whatever the label.
        labels: exact match per label (labels seen in gold or predictions), by name.
    """

    overall: Score
    span: Score
    labels: dict[str, Score] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        """Overall precision."""
        return self.overall.precision

    @property
    def recall(self) -> float:
        """Overall recall."""
        return self.overall.recall

    @property
    def f1(self) -> float:
        """Overall F1."""
        return self.overall.f1

    def as_dict(self) -> dict[str, Any]:
        """Plain dicts and numbers, ready for ``json.dumps``."""
        return {
            "overall": asdict(self.overall),
            "span": asdict(self.span),
            "labels": {name: asdict(s) for name, s in self.labels.items()},
        }

    def __str__(self) -> str:
        width = max([len("span only"), *map(len, self.labels)])
        header = f"{'':<{width}}  {'precision':>9}  {'recall':>6}  {'f1':>6}  {'support':>7}"
        lines = [header]

        def row(name: str, s: Score) -> str:
            return (
                f"{name:<{width}}  {s.precision:>9.4f}  {s.recall:>6.4f}  {s.f1:>6.4f}  "
                f"{s.support:>7d}"
            )

        lines += [row(name, s) for name, s in self.labels.items()]
        lines += ["", row("overall", self.overall), row("span only", self.span)]
        return "\n".join(lines)


def score(gold: Iterable[Item], pred: Iterable[Item]) -> Report:
    """Scores predicted spans against gold spans; see the module docstring."""
    gold_set, pred_set = set(gold), set(pred)
    correct = gold_set & pred_set
    gold_by, pred_by, correct_by = (Counter(i[3] for i in s) for s in (gold_set, pred_set, correct))
    labels = {
        name: Score.of(correct_by[name], pred_by[name], gold_by[name])
        for name in sorted(gold_by.keys() | pred_by.keys())
    }
    gold_spans = {i[:3] for i in gold_set}
    pred_spans = {i[:3] for i in pred_set}
    return Report(
        overall=Score.of(len(correct), len(pred_set), len(gold_set)),
        span=Score.of(len(gold_spans & pred_spans), len(pred_spans), len(gold_spans)),
        labels=labels,
    )


@dataclass(frozen=True)
class Bin:
    """Predictions whose confidence falls in ``[low, high)``, and how many were right."""

    low: float
    high: float
    count: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.count if self.count else 0.0


def reliability(
    gold: Iterable[Item], scored: Iterable[tuple[Item, float]], bins: int = 10
) -> list[Bin]:
    """A reliability table: predictions grouped by confidence, with the share correct.

    A calibrated scorer has each bin's precision inside its confidence range.

    >>> gold = [("d", 0, 5, "Person")]
    >>> table = reliability(gold, [(("d", 0, 5, "Person"), 0.95), (("d", 6, 9, "Person"), 0.15)])
    >>> [(b.low, b.count, b.correct) for b in table if b.count]
    [(0.1, 1, 0), (0.9, 1, 1)]
    """
    truth = set(gold)
    counts = [[0, 0] for _ in range(bins)]
    for item, confidence in scored:
        i = min(int(confidence * bins), bins - 1) if confidence > 0 else 0
        counts[i][0] += 1
        counts[i][1] += item in truth
    return [Bin(i / bins, (i + 1) / bins, n, ok) for i, (n, ok) in enumerate(counts)]
