"""actorgraph: who and what documents mention, how those actors relate, how
strongly, and the sentences that show it.

>>> import actorgraph
>>> nlp = actorgraph.Pipeline()
>>> doc = nlp("UN envoy Bernardino Leon met officials in Tobruk.")
>>> [(m.text, m.label) for m in doc.entities]
[('UN', 'Organisation'), ('Bernardino Leon', 'Person'), ('Tobruk', 'Location')]
"""

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
from actorgraph.output.graph import plot_graph, write_graph
from actorgraph.output.html import render
from actorgraph.pipeline import Pipeline
from actorgraph.read import Reader, Record, read
from actorgraph.training import evaluate, train
from actorgraph.training.relations import evaluate_relations, train_relations

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
