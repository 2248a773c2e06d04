"""Score a tagger, or the whole pipeline, against annotated data.

Two settings, because they answer two questions:

- CoNLL files are already tokenized, so the model alone tags the given words
  (``tag_words``) and spans are compared as token ranges: the standard benchmark
  figure, comparable with published CoNLL-2003 results.
- re3d documents are raw text, so the full :class:`actorgraph.Pipeline` (tokenizer,
  gazetteer, model, heuristics) runs on each one and its mentions are compared with
  the gold spans in characters: what an analyst actually gets.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.training.conll import Paths, Sentence, flatten_documents, read_conll_documents
from actorgraph.training.labels import LabelMap, resolve_label_map
from actorgraph.training.metrics import Item, Report, score
from actorgraph.training.re3d import GoldDoc, read_re3d
from actorgraph.training.trainer import check_format, core_pipeline

if TYPE_CHECKING:
    from actorgraph import _core
    from actorgraph.pipeline import Pipeline

#: The model file :class:`actorgraph.Pipeline` loads by default, in ``actorgraph/data``.
MODEL_FILE = "tagger.bin"

Model = str | os.PathLike[str] | bytes | None


def model_bytes(model: Model) -> bytes | None:
    """The bytes of a model given as bytes or a path; None means the shipped model."""
    if isinstance(model, bytes):
        return model
    if model is not None:
        return Path(model).read_bytes()
    default = resources.files("actorgraph").joinpath("data", MODEL_FILE)
    return default.read_bytes() if default.is_file() else None


def score_sentences(
    core: _core.Pipeline, sentences: Sequence[Sentence], documents: Sequence[int] | None = None
) -> Report:
    """Tags the sentences' words with the core's model alone and scores token spans;
    ``documents`` numbers the sentences by document (see
    :func:`actorgraph.training.conll.flatten_documents`), else each stands alone."""
    predicted = core.tag_words(
        [words for words, _ in sentences],
        documents=None if documents is None else list(documents),
    )
    gold: list[Item] = [
        (i, s, e, label) for i, (_, spans) in enumerate(sentences) for s, e, label in spans
    ]
    pred: list[Item] = [
        (i, s, e, label) for i, spans in enumerate(predicted) for s, e, label, _ in spans
    ]
    return score(gold, pred)


def doc_items(nlp: Pipeline, docs: Iterable[GoldDoc]) -> tuple[list[Item], list[Item]]:
    """Gold spans and the pipeline's mentions as (doc_id, start, end, label) items."""
    gold, scored = scored_doc_items(nlp, docs)
    return gold, [item for item, _, _ in scored]


def scored_doc_items(
    nlp: Pipeline, docs: Iterable[GoldDoc]
) -> tuple[list[Item], list[tuple[Item, float, str]]]:
    """Like :func:`doc_items`, each mention with its confidence and source."""
    docs = list(docs)
    gold: list[Item] = [(d.doc_id, s, e, label) for d in docs for s, e, label in d.spans]
    pred: list[tuple[Item, float, str]] = []
    for doc, result in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        pred.extend(
            ((doc.doc_id, m.start, m.end, m.label), m.score, m.source) for m in result.entities
        )
    return gold, pred


def score_docs(nlp: Pipeline, docs: Iterable[GoldDoc]) -> Report:
    """Runs the pipeline on each document's text and scores its mentions in characters."""
    return score(*doc_items(nlp, docs))


def evaluate(
    model: Model,
    paths: Paths,
    *,
    format: str,
    label_map: LabelMap | str | None = None,
    pipeline: Pipeline | None = None,
) -> Report:
    """Scores a model on CoNLL files (the model alone) or re3d folders (the full pipeline).

    Args:
        model: model bytes, a path to a model file, or None for the shipped model.
        paths: CoNLL-style files or re3d part folders.
        format: ``"conll"`` or ``"re3d"``.
        label_map: applied to the gold types (a map, or a name such as ``"conll"``);
            predictions are compared as the model labels them.
        pipeline: an :class:`actorgraph.Pipeline` to use instead of one built from
            ``model`` (say, with your own gazetteer entries).

    >>> report = evaluate("model.bin", ["test.txt"], format="conll")  # doctest: +SKIP
    >>> print(report)  # doctest: +SKIP
                 precision  recall      f1  support
    LOC             0.8712  0.8901  0.8805     1668
    ...
    """
    check_format(format)
    if isinstance(label_map, str):
        label_map = resolve_label_map(label_map)
    if format == "conll":
        sentences, numbers = flatten_documents(read_conll_documents(paths, label_map=label_map))
        if pipeline is not None:
            core = pipeline._core
        else:
            data = model_bytes(model)
            if data is None:
                raise ValueError(f"no model given and no {MODEL_FILE} shipped")
            core = core_pipeline(True, data)
        return score_sentences(core, sentences, numbers)
    docs = read_re3d(paths, label_map=label_map)
    if pipeline is None:
        from actorgraph.pipeline import DEFAULT_MODEL, Pipeline

        pipeline = Pipeline(model=DEFAULT_MODEL if model is None else model)
    return score_docs(pipeline, docs)
