"""Train and evaluate actorgraph's entity tagger.

>>> import actorgraph.training as training
>>> model = training.train(["train.conll"], format="conll", dev=["dev.conll"],
...                        label_map="conll", out="model.bin")  # doctest: +SKIP
>>> print(training.evaluate("model.bin", ["test.conll"], format="conll",
...                         label_map="conll"))  # doctest: +SKIP

Modules, one job each:

- :mod:`~actorgraph.training.conll`: token-per-line corpora, any IOB/BILOU scheme;
- :mod:`~actorgraph.training.re3d`: re3d folders as documents with character spans;
- :mod:`~actorgraph.training.align`: documents to our tokenized sentences;
- :mod:`~actorgraph.training.labels`: maps from other corpora's types to ours;
- :mod:`~actorgraph.training.metrics`: strict span precision, recall and F1;
- :mod:`~actorgraph.training.trainer` and :mod:`~actorgraph.training.evaluation`:
  :func:`train` and :func:`evaluate`;
- :mod:`~actorgraph.training.corpora`: the mix the shipped model is trained on.
"""

from actorgraph.training.evaluation import evaluate
from actorgraph.training.labels import (
    CONLL_TO_RE3D,
    CROSSNER_POLITICS_TO_RE3D,
    GMB_TO_RE3D,
    WIKIGOLD_TO_RE3D,
)
from actorgraph.training.metrics import Report, Score, score
from actorgraph.training.readers import (
    AlignmentStats,
    GoldDoc,
    Re3dStats,
    Sentence,
    docs_to_sentences,
    read_conll,
    read_re3d,
)
from actorgraph.training.trainer import fit, train

__all__ = [
    "CONLL_TO_RE3D",
    "CROSSNER_POLITICS_TO_RE3D",
    "GMB_TO_RE3D",
    "WIKIGOLD_TO_RE3D",
    "AlignmentStats",
    "GoldDoc",
    "Re3dStats",
    "Report",
    "Score",
    "Sentence",
    "docs_to_sentences",
    "evaluate",
    "fit",
    "read_conll",
    "read_re3d",
    "score",
    "train",
]
