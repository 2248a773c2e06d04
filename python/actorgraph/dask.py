"""Extraction over Dask collections, partition by partition, and the corpus
statistics reduced across partitions.

Each task analyses one partition with the Pipeline, which travels once per
worker (it is one key of the task graph, pickled as its options and model bytes)
rather than once per task. Every partition numbers its documents from 0;
:meth:`actorgraph.Corpus.concat` renumbers them in partition order, so the
association scores equal those of one local ``nlp.analyze`` over the same texts,
exactly.

>>> import dask.bag as db
>>> import actorgraph
>>> import actorgraph.dask
>>> nlp = actorgraph.Pipeline(model=None)
>>> texts = db.from_sequence(["Egypt backed Khalifa Haftar.", "Haftar thanked Egypt."],
...                          npartitions=2)
>>> corpus = actorgraph.dask.analyze(nlp, texts, scheduler="sync")
>>> corpus.edges()[0].count, corpus.edges()[0].documents
(2, 2)

Needs ``dask`` (``pip install "actorgraph[dask]"``); with a
``dask.distributed.Client`` running, the work goes to its cluster.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from actorgraph.corpus import Corpus
from actorgraph.doc import Doc

if TYPE_CHECKING:
    from actorgraph.pipeline import Pipeline


def _dask() -> Any:
    try:
        import dask
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('actorgraph.dask needs dask: pip install "actorgraph[dask]"') from e
    return dask


def pipe(nlp: Pipeline, texts: Any, *, batch_size: int = 256) -> Any:
    """A ``dask.bag.Bag`` of the :class:`~actorgraph.Doc` of each text of ``texts``
    (a bag of str), in order, computed lazily.

    >>> import dask.bag as db
    >>> import actorgraph, actorgraph.dask
    >>> docs = actorgraph.dask.pipe(actorgraph.Pipeline(model=None),
    ...                             db.from_sequence(["Egypt backed Haftar."]))
    >>> [m.text for m in docs.compute(scheduler="sync")[0].entities]
    ['Egypt', 'Haftar']
    """
    dask = _dask()
    shipped = dask.delayed(nlp, pure=True)
    return texts.map_partitions(_pipe_partition, shipped, batch_size)


def _pipe_partition(texts: Any, nlp: Pipeline, batch_size: int) -> list[Doc]:
    return list(nlp.pipe(list(texts), batch_size=batch_size, progress=False))


def analyze(
    nlp: Pipeline,
    data: Any,
    *,
    text: str = "text",
    id: str | None = None,
    date: str | None = None,
    batch_size: int = 256,
    **compute: Any,
) -> Corpus:
    """A :class:`~actorgraph.Corpus` of ``data``, analysed partition by partition.

    Args:
        nlp: the Pipeline, shipped once to each worker.
        data: a ``dask.bag.Bag`` of str, or of dicts (records) holding the
            ``text``, ``id`` and ``date`` fields; or a ``dask.dataframe.DataFrame``
            with those columns.
        text, id, date: the field or column names for records and frames. Without
            ``id``, documents are numbered by their position in ``data``.
        batch_size: the batch size of ``nlp.analyze`` inside each partition.
        compute: passed to ``dask.compute`` (``scheduler="sync"``, ...).

    Raises:
        TypeError: ``data`` is not a Dask bag or frame.
        KeyError: a record or frame lacks a named field.

    >>> import dask.bag as db
    >>> import actorgraph, actorgraph.dask
    >>> records = db.from_sequence([{"text": "Egypt backed Khalifa Haftar.", "id": "a"},
    ...                             {"text": "Khalifa Haftar thanked Egypt.", "id": "b"}])
    >>> corpus = actorgraph.dask.analyze(actorgraph.Pipeline(model=None), records,
    ...                                  id="id", scheduler="sync")
    >>> corpus.ids, [e.documents for e in corpus.edges()]
    (['a', 'b'], [2])
    """
    dask = _dask()
    if not hasattr(data, "to_delayed"):
        raise TypeError(f"expected a dask bag or dataframe, got {type(data).__name__}")
    shipped = dask.delayed(nlp, pure=True)
    tasks = [
        dask.delayed(_analyze_partition)(shipped, part, text, id, date, batch_size)
        for part in data.to_delayed()
    ]
    parts = dask.compute(*tasks, **compute)
    corpus = Corpus.concat(parts)
    if id is None:
        corpus.ids = list(range(len(corpus.docs)))
    return corpus


def _analyze_partition(
    nlp: Pipeline, part: Any, text: str, id: str | None, date: str | None, batch_size: int
) -> Corpus:
    texts, ids, dates = _columns(part, text, id, date)
    return nlp.analyze(texts, ids=ids, dates=dates, batch_size=batch_size, progress=False)


def _columns(
    part: Any, text: str, id: str | None, date: str | None
) -> tuple[list[Any], list[Any] | None, list[Any] | None]:
    """Texts, ids and dates of one partition: a pandas frame, or a list of str or
    of records."""
    if hasattr(part, "columns"):  # a pandas DataFrame
        column = lambda name: None if name is None else part[name].tolist()  # noqa: E731
        return part[text].tolist(), column(id), column(date)
    rows: Sequence[Any] = list(part)
    if all(isinstance(r, str) for r in rows):
        return list(rows), None, None
    for r in rows:
        if not isinstance(r, (str, Mapping)):
            raise TypeError(
                f"a bag holds str texts or records (dicts), not {type(r).__name__}: {r!r:.60}"
            )
        if isinstance(r, str):
            raise TypeError("a bag holds str texts or records (dicts), not both")
    field = lambda name: None if name is None else [r[name] for r in rows]  # noqa: E731
    return [r[text] for r in rows], field(id), field(date)
