"""actorgraph: who and what documents mention, how those actors relate, how
strongly, and the sentences that show it.

>>> import actorgraph
>>> nlp = actorgraph.Pipeline()
>>> doc = nlp("UN envoy Bernardino Leon met officials in Tobruk.")
>>> [(m.text, m.label) for m in doc.entities]
[('UN', 'Organisation'), ('Bernardino Leon', 'Person'), ('Tobruk', 'Location')]
"""

import importlib
from typing import TYPE_CHECKING, Any

from actorgraph._core import __version__
from actorgraph.corpus import Corpus, Edge, Entity, Evidence
from actorgraph.doc import Doc, Mention, Relation
from actorgraph.exceptions import (
    ActorgraphError,
    DataError,
    GazetteerError,
    InternalError,
    ModelError,
    TrainingError,
)
from actorgraph.pipeline import Pipeline
from actorgraph.read import Reader, Record, read

if TYPE_CHECKING:
    from actorgraph.output.graph import plot_graph, write_graph
    from actorgraph.output.html import render
    from actorgraph.training import evaluate, train
    from actorgraph.training.relations import evaluate_relations, train_relations

# Imported on first use (PEP 562): display, graph and training code is a third
# of `import actorgraph`'s time, and most sessions only analyse.
_LAZY = {
    "plot_graph": "actorgraph.output.graph",
    "write_graph": "actorgraph.output.graph",
    "render": "actorgraph.output.html",
    "evaluate": "actorgraph.training",
    "train": "actorgraph.training",
    "evaluate_relations": "actorgraph.training.relations",
    "train_relations": "actorgraph.training.relations",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'actorgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ActorgraphError",
    "Corpus",
    "DataError",
    "Doc",
    "Edge",
    "Entity",
    "Evidence",
    "GazetteerError",
    "InternalError",
    "Mention",
    "ModelError",
    "Pipeline",
    "Reader",
    "Record",
    "Relation",
    "TrainingError",
    "__version__",
    "evaluate",
    "evaluate_relations",
    "plot_graph",
    "read",
    "render",
    "train",
    "train_relations",
    "write_graph",
]
