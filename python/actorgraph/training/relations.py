"""Train and evaluate the relation classifier on documents with gold entities.

>>> from actorgraph.training.relations import train_relations, evaluate_relations
>>> model = train_relations(["../shared/data/re3d-dev"])  # doctest: +SKIP
>>> evaluate_relations(model, docs).typed.f1  # doctest: +SKIP

Scores follow re3d's gold: a predicted relation is right when its two entity spans
(given, not predicted) and, for the typed score, its type and direction equal a gold
relation's. ``detection`` ignores type and direction: did the model find that the two
entities are related at all?
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from actorgraph import _core
from actorgraph.training.metrics import Item, Score, score
from actorgraph.training.re3d import GoldDoc, read_re3d

#: Defaults of :func:`train_relations`, also the shipped model's.
EPOCHS = 3
SEED = 1


def _rows(docs: Iterable[GoldDoc]) -> list[tuple[str, list[tuple[int, int, str]], list]]:
    return [(d.text, list(d.spans), list(d.relations)) for d in docs]


Data = Iterable[GoldDoc] | Sequence[str | Path] | str | Path


def read_gold(data: Data) -> list[GoldDoc]:
    """Documents with gold entities and relations: re3d folders, or GoldDocs as they are."""
    if isinstance(data, (str, Path)):
        return read_re3d([str(data)])
    items = list(data)
    if all(isinstance(d, GoldDoc) for d in items):
        return items  # type: ignore[return-value]
    return read_re3d([str(p) for p in items])  # type: ignore[union-attr]


def train_relations(
    train: Data,
    *,
    dev: Data | None = None,
    epochs: int = EPOCHS,
    seed: int = SEED,
    out: str | Path | None = None,
) -> bytes:
    """Trains a relation classifier on re3d folders (or :class:`GoldDoc` objects).

    Args:
        train: re3d part folders (``.../re3d-dev/centcom``) or their parent, or
            documents read with :func:`~actorgraph.training.re3d.read_re3d`.
        dev: documents to calibrate the confidence on (else the training documents,
            by 5-fold cross-fitting).
        epochs: passes over the training pairs.
        seed: seed of the shuffles; the same seed gives the same model.
        out: where to write the model file, if anywhere.

    Returns:
        The model's bytes, for ``Pipeline(relations=...)``.
    """
    docs = read_gold(train)
    dev_docs = [] if dev is None else read_gold(dev)
    model = _core.train_relations(_rows(docs), _rows(dev_docs), epochs=epochs, seed=seed)
    if out is not None:
        Path(out).write_bytes(model)
    return model


@dataclass(frozen=True)
class RelationReport:
    """Relation scores on documents with gold entities.

    Attributes:
        typed: type and direction must match (micro-averaged over relations).
        directed: direction must match, whatever the type.
        detection: the unordered pair must be related, whatever type or direction.
        labels: typed scores per relation type.
    """

    typed: Score
    directed: Score
    detection: Score
    labels: dict[str, Score]

    def as_dict(self) -> dict[str, Any]:
        """The scores as plain data (for JSON)."""
        return {
            "typed": asdict(self.typed),
            "directed": asdict(self.directed),
            "detection": asdict(self.detection),
            "labels": {name: asdict(s) for name, s in self.labels.items()},
        }

    def __str__(self) -> str:
        rows = [
            ("typed + directed", self.typed),
            ("directed, any type", self.directed),
            ("pair detection", self.detection),
            *self.labels.items(),
        ]
        lines = [f"{'':<22} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for name, s in rows:
            lines.append(
                f"{name:<22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:6d}"
            )
        return "\n".join(lines)


def predict_relations(
    model: bytes, docs: Sequence[GoldDoc]
) -> list[list[tuple[int, int, str, float]]]:
    """Per document, (source span index, target span index, label, score) on its gold spans."""
    return _core.predict_relations(model, [(d.text, list(d.spans)) for d in docs])


def evaluate_relations(model: bytes, docs: Sequence[GoldDoc]) -> RelationReport:
    """Scores ``model`` on ``docs`` with their gold entities given."""
    predicted = predict_relations(model, docs)
    gold: list[Item] = []
    pred: list[Item] = []
    for i, (doc, found) in enumerate(zip(docs, predicted, strict=True)):
        gold.extend((i, s, t, label) for s, t, label in doc.relations)
        pred.extend((i, s, t, label) for s, t, label, _ in found)
    typed = score(gold, pred)

    def unordered(items: list[Item]) -> list[Item]:
        return [(d, min(s, t), max(s, t), "related") for d, s, t, _ in items]

    detection = score(unordered(gold), unordered(pred)).overall
    return RelationReport(typed.overall, typed.span, detection, typed.labels)


__all__ = [
    "RelationReport",
    "evaluate_relations",
    "predict_relations",
    "read_gold",
    "train_relations",
]
