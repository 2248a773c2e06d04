"""The :class:`Pipeline`: text in, :class:`~actorgraph.Doc` out."""

from __future__ import annotations

import functools
import itertools
import operator
import os
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from actorgraph import _core, _interrupt, _progress
from actorgraph._core import ModelError
from actorgraph.corpus import Corpus, parse_date
from actorgraph.doc import Doc
from actorgraph.gazetteer import (
    Entry,
    alias_entries,
    bundled_path,
    read_bundled,
    read_bundled_raw,
    user_entries,
)
from actorgraph.read import Reader, read

GAZETTEER_FILE = "gazetteer.tsv.gz"
LEXICON_FILE = "lexicon.tsv.gz"
MODEL_FILE = "tagger.bin"
RELATIONS_FILE = "relations.bin"

#: ``model=`` value meaning the tagger shipped in the package.
DEFAULT_MODEL = "bundled"


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[bytes, str]:
    # The gazetteer stays gzipped bytes: the core decompresses and validates them
    # on the thread that builds the gazetteer, alongside the tagger's loading.
    return read_bundled_raw(GAZETTEER_FILE), read_bundled(LEXICON_FILE)


def _bundled_model(name: str = MODEL_FILE) -> bytes | None:
    if not os.path.isfile(bundled_path(name)):
        return None
    return read_bundled_raw(name)


def _model_bytes(model: Any, name: str = MODEL_FILE) -> bytes | None:
    """Resolves ``model=`` (or ``relations=``): "bundled", None, bytes, or a path to
    a model file; "bundled" is the package's file ``name``."""
    if model is None:
        return None
    if isinstance(model, str) and model == DEFAULT_MODEL:
        bundled = _bundled_model(name)
        if bundled is None:
            raise ModelError(f"this installation has no bundled model ({name})")
        return bundled
    if isinstance(model, (bytes, bytearray, memoryview)):
        return bytes(model)
    if isinstance(model, (str, os.PathLike)):
        path = os.fspath(model)
        if not os.path.isfile(path):
            raise ModelError(f"model file not found: {path}")
        with open(path, "rb") as f:
            return f.read()
    raise TypeError(f"model must be 'bundled', None, bytes or a path, not {type(model).__name__}")


class _Options(NamedTuple):
    """Construction options besides entries and model (hashable, for the cache)."""

    default_gazetteer: bool = True
    heuristic: bool = True
    strip_titles: bool = True
    gazetteer_types: bool = True
    do_not_merge: tuple[tuple[str, str], ...] = ()
    #: "bundled", None or a relation model's bytes.
    relations: str | bytes | None = DEFAULT_MODEL


def _core_pipeline(entries: list[Entry], model: bytes | None, options: _Options) -> _core.Pipeline:
    gazetteer_tsv, lexicon_tsv = _bundled()
    return _core.Pipeline(
        gazetteer_tsv if options.default_gazetteer else None,
        entries,
        lexicon_tsv,
        model,
        heuristic=options.heuristic,
        strip_titles=options.strip_titles,
        gazetteer_types=options.gazetteer_types,
        do_not_merge=list(options.do_not_merge),
        relations=_model_bytes(options.relations, RELATIONS_FILE),
    )


@functools.lru_cache(maxsize=8)
def _shared_core(bundled_model: bool, options: _Options) -> _core.Pipeline:
    # The core is immutable, so every Pipeline built from bundled data alone shares
    # one: building the gazetteer automaton and loading the model is most of start-up.
    return _core_pipeline([], _model_bytes(DEFAULT_MODEL) if bundled_model else None, options)


def _build_core(entries: list[Entry], model: Any, options: _Options) -> _core.Pipeline:
    bundled = isinstance(model, str) and model == DEFAULT_MODEL
    if not entries and (model is None or bundled):
        return _shared_core(bundled, options)
    return _core_pipeline(entries, _model_bytes(model), options)


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return text


def _check_batch_size(batch_size: int) -> int:
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    return batch_size


def _check_threads(n_threads: int | None) -> int | None:
    if n_threads is not None and (
        not isinstance(n_threads, int) or isinstance(n_threads, bool) or n_threads < 1
    ):
        raise ValueError(f"n_threads must be a positive int or None, got {n_threads!r}")
    return n_threads


#: A batch for the core: texts, and their given entities (None when no text has any).
_Batch = tuple[list[str], "list[Any] | None"]


def _batches(texts: Iterable[str], entities: Iterable[Any] | None, size: int) -> Iterator[_Batch]:
    if entities is None:
        iterator = iter(texts)
        while batch := list(itertools.islice(iterator, size)):
            yield batch, None
        return
    pairs = _aligned(texts, entities)
    while chunk := list(itertools.islice(pairs, size)):
        yield [t for t, _ in chunk], [g for _, g in chunk]


def _reader_of(
    texts: Any, paths: Any, read_options: dict[str, Any], batch_size: int, **others: Any
) -> Reader | None:
    """The Reader to analyse: ``paths=`` read with ``read_options``, or a Reader
    passed as ``texts``; None for plain texts. ids, dates and entities then come
    from the files, so passing them too is an error."""
    if paths is None and not isinstance(texts, Reader):
        if read_options:
            raise TypeError(f"unexpected keyword arguments {sorted(read_options)} (without paths=)")
        return None
    clash = [name for name, value in others.items() if value is not None]
    if paths is not None and texts is not None:
        clash.insert(0, "texts")
    if clash:
        raise TypeError(f"paths= or a Reader gives texts, ids and dates: drop {', '.join(clash)}")
    if paths is None:
        if read_options:
            raise TypeError("read options go to actorgraph.read(), not with a Reader")
        return texts
    return read(paths, batch_size=batch_size, **read_options)


#: One given entity: ``(start, end, label)`` in code points.
GivenEntity = tuple[int, int, str]

_MISSING = object()


def _given(items: Any, text: str, index: int) -> list[GivenEntity] | None:
    """One text's ``entities=`` as checked ``(start, end, label)`` tuples, or None.

    Items are ``(start, end, label)`` sequences or objects with ``start``, ``end`` and
    ``label`` attributes (a :class:`~actorgraph.Mention`). Types and ranges are checked
    here, labels in the core; errors name the text and the entity by index.
    """
    if items is None:
        return None
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise TypeError(
            f"entities for text {index} must be a list of (start, end, label), "
            f"got {type(items).__name__}"
        )
    out = []
    for j, item in enumerate(items):
        if all(hasattr(item, a) for a in ("start", "end", "label")):
            start, end, label = item.start, item.end, item.label
        else:
            try:
                start, end, label = item
            except (TypeError, ValueError):
                raise TypeError(
                    f"entity {j} of text {index} must be a (start, end, label) tuple, got {item!r}"
                ) from None
        if not isinstance(label, str):
            raise TypeError(f"entity {j} of text {index}, {item!r}: label must be a str")
        bounds = []
        for name, value in (("start", start), ("end", end)):
            if isinstance(value, bool):
                raise TypeError(f"entity {j} of text {index}, {item!r}: {name} must be an int")
            try:
                value = operator.index(value)
            except TypeError:
                raise TypeError(
                    f"entity {j} of text {index}, {item!r}: {name} must be an int"
                ) from None
            if not 0 <= value <= len(text):
                raise ValueError(
                    f"entity {j} of text {index}, {item!r}: {name} is outside the text "
                    f"(0 to {len(text)} characters)"
                )
            bounds.append(value)
        out.append((bounds[0], bounds[1], label))
    return out


def _aligned(texts: Iterable[str], entities: Iterable[Any] | None) -> Iterator[tuple[str, Any]]:
    """Pairs each text with its entry of ``entities`` (None when not given)."""
    if entities is None:
        yield from ((t, None) for t in texts)
        return
    if isinstance(entities, (str, bytes)):
        raise TypeError("entities must hold one list of (start, end, label) per text")
    for i, (text, given) in enumerate(itertools.zip_longest(texts, entities, fillvalue=_MISSING)):
        if text is _MISSING or given is _MISSING:
            what = "texts" if text is _MISSING else "entity lists"
            raise ValueError(f"entities and texts differ in length: no more {what} at item {i}")
        yield text, given


class Pipeline:
    """Finds entities and the relations between them.

    Sources: pattern extractors (dates, money, quantities, URLs, coordinates...;
    ``source == "pattern"``), the gazetteer (bundled countries, demonyms, cities,
    international organisations and armed groups, plus your entries;
    ``"gazetteer"``), the trained tagger (``"model"``), and a capitalisation
    heuristic for names nobody found (lower scores, ``"heuristic"``). Where spans
    overlap, patterns win on their own types, the tagger's spans win over the
    gazetteer's (a tagged name the gazetteer knows keeps the gazetteer's type and
    canonical entity), and the heuristic only fills gaps.

    Args:
        gazetteer: your own entries: a list of dicts (``alias``, ``label``, optional
            ``canonical``, ``id``, ``case_sensitive``), a CSV path or a DataFrame with
            those columns. They win over bundled entries for the same text.
        default_gazetteer: whether to load the bundled gazetteer.
        model: the statistical tagger: ``"bundled"`` (the default: the tagger shipped
            in the package, trained on re3d, GMB, wikigold and CrossNER politics; see the
            README for its scores), a path to a model file, its bytes (as returned by
            :func:`actorgraph.train`), or None for no tagger (gazetteer, patterns and
            heuristic only: faster, and no statistical guesses).
        heuristic: whether the capitalisation heuristic adds names the other sources
            missed.
        strip_titles: whether the tagger cuts titles and leading organisations from
            person spans ("UN Special Representative Bernardino Leon" gives "UN" and
            "Bernardino Leon"), so names can be counted. re3d annotates titles with
            the name: False follows it.
        gazetteer_types: whether a tagged name the gazetteer knows keeps the
            gazetteer's type ("Egypt" is a Location however it acts). False lets the
            tagger type it from context, as re3d does (a country acting is an
            Organisation). The canonical entity comes from the gazetteer either way.
        aliases: an alias table, as :meth:`Corpus.alias_table` gives it and you
            edited (columns ``alias``, ``label``, ``entity``, ``name``; a DataFrame,
            a CSV path or a list of dicts): each alias then names that entity,
            overriding automatic resolution and the bundled gazetteer.
        do_not_merge: pairs of entity keys that resolution must never link by
            surname or acronym, e.g. ``[("Person:leon", "Person:maria leon")]``.
        relations: the relation classifier: ``"bundled"`` (the default: trained on
            re3d-dev, types relations as re3d does), a path to a model file or its
            bytes (from :func:`actorgraph.train_relations`), or None: every pair of
            mentions in a sentence is then a ``"CoOccurs"`` relation scored by
            proximity. With a model, pairs of actors it leaves untyped come as
            ``"CoOccurs"`` when trigger words give them a tone.
        n_threads: default number of threads for batches; None uses all cores.

    >>> import actorgraph
    >>> nlp = actorgraph.Pipeline(gazetteer=[{"alias": "GNA", "label": "Organisation",
    ...                                       "canonical": "Government of National Accord"}])
    >>> doc = nlp("The GNA met UN envoys in Tripoli.")
    >>> [(m.text, m.label) for m in doc.entities]
    [('GNA', 'Organisation'), ('UN', 'Organisation'), ('Tripoli', 'Location')]
    >>> doc.entities[0].canonical
    'Government of National Accord'
    """

    def __init__(
        self,
        *,
        gazetteer: Any = None,
        default_gazetteer: bool = True,
        model: Any = DEFAULT_MODEL,
        heuristic: bool = True,
        strip_titles: bool = True,
        gazetteer_types: bool = True,
        aliases: Any = None,
        do_not_merge: Any = None,
        relations: Any = DEFAULT_MODEL,
        n_threads: int | None = None,
    ) -> None:
        # Aliases come after the gazetteer entries: later entries win.
        entries = user_entries(gazetteer) + alias_entries(aliases)
        if not (isinstance(model, str) and model == DEFAULT_MODEL) and model is not None:
            model = _model_bytes(model)
        options = _Options(
            bool(default_gazetteer),
            bool(heuristic),
            bool(strip_titles),
            bool(gazetteer_types),
            _key_pairs(do_not_merge),
            relations
            if relations is None or (isinstance(relations, str) and relations == DEFAULT_MODEL)
            else _model_bytes(relations, RELATIONS_FILE),
        )
        self._init(entries, model, options, n_threads)

    def _init(
        self, entries: list[Entry], model: Any, options: _Options, n_threads: int | None
    ) -> None:
        self._entries = entries
        self._model = model  # "bundled", None or bytes: what pickling ships
        self._options = options
        self.n_threads = _check_threads(n_threads)
        self._core = _build_core(entries, model, options)

    @property
    def labels(self) -> list[str]:
        """Entity labels the tagger predicts (``[]`` without a tagger)."""
        return self._core.model_labels

    @property
    def gazetteer_size(self) -> int:
        """Number of gazetteer aliases, bundled and yours."""
        return self._core.gazetteer_size

    def __repr__(self) -> str:
        return f"Pipeline(gazetteer_size={self.gazetteer_size}, user_entries={len(self._entries)})"

    def add_aliases(self, aliases: Any) -> None:
        """Adds alias table rows (see ``aliases`` above); they win over earlier ones.

        Rebuilds the compiled pipeline (a fraction of a second).

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None)
        >>> nlp.add_aliases([{"alias": "Field Marshal", "label": "Person",
        ...                   "entity": "Person:khalifa haftar", "name": "Khalifa Haftar"}])
        >>> [(m.text, m.entity) for m in nlp("The Field Marshal left.").entities]
        [('Field Marshal', 'Person:khalifa haftar')]
        """
        entries = self._entries + alias_entries(aliases)
        self._init(entries, self._model, self._options, self.n_threads)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle the constructor arguments, not compiled state: a worker rebuilds the
        # same pipeline from the bundled data it has and the entries shipped here.
        return (_restore, (self._entries, self._model, tuple(self._options), self.n_threads))

    def __call__(self, text: str, *, entities: Iterable[Any] | None = None) -> Doc:
        """Analyses one text.

        Args:
            text: the text.
            entities: your own mentions, ``(start, end, label)`` with Python string
                offsets (end exclusive) and one of re3d's labels (``"Person"``,
                ``"Organisation"``, ``"Location"``...; or a label of the tagger you
                trained); Mentions from another Doc work too. Entity extraction is
                then skipped: the mentions (source ``"given"``, score 1) go straight
                to resolution and relations. Where given spans overlap, the longest
                is kept (then the earliest); exact duplicates count once. A span the
                gazetteer knows exactly gets its canonical id ("UAE" →
                ``"country:AE"``).

        Raises:
            TypeError: ``text`` is not a str, or an entity is not ``(int, int, str)``.
            ValueError: ``text`` contains lone surrogates; an entity is outside the text,
                has ``start >= end`` or an unknown label (the message names it).

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None, relations=None)
        >>> doc = nlp("Zürich hosted Haftar 😀 and the UAE.",
        ...           entities=[(14, 20, "Person"), (0, 6, "Location"), (31, 34, "Location")])
        >>> [(m.text, m.label, m.source, m.entity) for m in doc.entities]
        [('Zürich', 'Location', 'given', 'geonames:2657896'),
         ('Haftar', 'Person', 'given', 'Person:haftar'),
         ('UAE', 'Location', 'given', 'country:AE')]
        >>> len(doc.relations)
        3
        """
        text = _check_text(text)
        given = _given(entities, text, 0)
        (row,) = self._core.process([text], 1, 0, None if given is None else [given])
        return Doc._from_core(text, row)

    def pipe(
        self,
        texts: Iterable[str] | Reader | None = None,
        *,
        paths: Any = None,
        batch_size: int = 256,
        n_threads: int | None = None,
        entities: Iterable[Any] | None = None,
        progress: bool = True,
        **read_options: Any,
    ) -> Iterator[Doc]:
        """Analyses texts in parallel batches, yielding Docs in input order.

        Each batch runs on all cores (or ``n_threads``) with the GIL released; at most
        two batches of texts are held at a time (the next one runs in the core while
        this one's Docs are built), so any iterable works, however long.

        Args:
            texts: the documents, or a :class:`~actorgraph.read.Reader` from
                :func:`actorgraph.read` (its texts, read in batches).
            paths: files or folders to read instead, with ``read_options``
                (``format=``, ``text=``, ``glob=``, ``errors=``...) as
                :func:`actorgraph.read` takes them; see :meth:`analyze` for ids and
                dates.
            entities: one entry per text, aligned with ``texts``: a list of
                ``(start, end, label)`` as for ``nlp(text, entities=...)``, or None to
                extract that text's entities.
            progress: show a progress bar (tqdm's, when tqdm is installed; it appears
                after half a second, with a total when ``texts`` has a length).

        Ctrl-C stops the call with ``KeyboardInterrupt`` once the running batch is
        done (a smaller ``batch_size`` answers sooner); the Pipeline stays usable.

        Raises:
            TypeError: an item is not a str; the message gives its index.
            ValueError: a bad given entity (the message names text and entity), or
                ``entities`` and ``texts`` differ in length.

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None)
        >>> docs = nlp.pipe(["Haftar met Leon.", "Egypt backed Haftar."],
        ...                 entities=[[(0, 6, "Person"), (11, 15, "Person")], None])
        >>> [[m.source for m in d.entities] for d in docs]
        [['given', 'given'], ['gazetteer', 'heuristic']]
        """
        batch_size = _check_batch_size(batch_size)
        threads = _check_threads(n_threads) or self.n_threads
        reader = _reader_of(texts, paths, read_options, batch_size, entities=entities)
        if reader is not None:
            batches: Iterator[_Batch] = ((b.texts, None) for b in reader.batches())
        elif texts is None or isinstance(texts, Reader):  # (a Reader gave a reader)
            raise TypeError("pipe() needs texts or paths=")
        else:
            batches = _batches(texts, entities, batch_size)
        bar = _progress.bar(progress, total=_progress.total_of(texts), unit="doc", desc="pipe")
        results = self._processed(batches, threads, with_stats=False)
        try:
            while True:
                # As in analyze(), but not around the yield: that is the caller's time.
                with _interrupt.interruptible():
                    done = next(results, None)
                    if done is None:
                        break
                    (batch, _), (rows, _) = done
                    docs = [Doc._from_core(t, r) for t, r in zip(batch, rows, strict=True)]
                bar.update(len(batch))
                yield from docs
        finally:
            results.close()
            bar.close()

    def _processed(
        self, batches: Iterator[_Batch], threads: int | None, with_stats: bool
    ) -> Iterator[tuple[_Batch, tuple[list[Any], Any]]]:
        """Each batch with the core's rows for it (and its statistics, or None), in
        order. Documents are numbered across batches.

        With more than one thread, the core already runs the next batch (without
        the GIL) while the caller turns this one's rows into Python objects and
        Docs: that holds the GIL, and done in turn with the core it left a core
        idle (``benchmarks/bench_pipeline.py`` measures the scaling). The core
        hands its rows over unconverted (``_core.Batch``), so the helper thread is
        free for the next batch as soon as the core is done. One thread keeps
        everything on one core, as ``n_threads=1`` promises.
        """

        def run(batch: _Batch, first: int) -> _core.Batch:
            texts, given = batch[0], self._given_batch(batch, first)
            return self._core.process_deferred(texts, first, threads, given, with_stats)

        def converted(done: _core.Batch) -> tuple[list[Any], Any]:
            return done.rows(), done.stats()

        first = 0
        if threads == 1 or (threads is None and (os.cpu_count() or 1) == 1):
            for batch in batches:
                yield batch, converted(run(batch, first))
                first += len(batch[0])
            return
        import concurrent.futures  # (only threaded batches need it: kept off import)

        with concurrent.futures.ThreadPoolExecutor(1, "actorgraph-batch") as ahead:
            pending: tuple[_Batch, Any] | None = None
            for batch in batches:
                job = ahead.submit(run, batch, first)
                first += len(batch[0])
                if pending is not None:
                    yield pending[0], converted(pending[1].result())
                pending = (batch, job)
            if pending is not None:
                yield pending[0], converted(pending[1].result())

    @staticmethod
    def _given_batch(batch: _Batch, first: int) -> list[Any] | None:
        """The batch's given entities for the core, None when no text has any."""
        texts, given = batch
        if given is None or all(g is None for g in given):
            return None
        return [
            _given(g, t, first + i) if isinstance(t, str) else None
            for i, (t, g) in enumerate(zip(texts, given, strict=True))
        ]

    def analyze(
        self,
        texts: Iterable[str] | Reader | None = None,
        *,
        paths: Any = None,
        ids: Iterable[Any] | None = None,
        dates: Iterable[Any] | None = None,
        entities: Iterable[Any] | None = None,
        batch_size: int = 256,
        n_threads: int | None = None,
        progress: bool = True,
        **read_options: Any,
    ) -> Corpus:
        """Analyses a collection and its corpus-level statistics.

        Args:
            texts: the documents (any iterable), or a
                :class:`~actorgraph.read.Reader` from :func:`actorgraph.read`: its
                texts, ids and dates, read in batches.
            paths: files or folders to read instead (text, JSON lines, CSV/TSV,
                parquet, gzipped or not), with ``read_options`` (``format=``,
                ``text=``, ``id=``, ``date=``, ``glob=``, ``errors=``) as
                :func:`actorgraph.read` takes them. Texts, ids and dates go from the
                Rust reader to the analysis batch by batch; a corpus without any
                date gets ``dates=None``.
            ids: one id per document (file names, URLs); defaults to 0, 1, 2...
            dates: one date per document: a ``datetime.date``, a ``datetime.datetime``
                (timezone-aware ones are converted to UTC), an ISO string
                (``"2015-03-01"``, ``"2015-03-01T10:00:00"``) or None for unknown.
                Kept in ``corpus.dates``; the tables get a ``date`` column and
                ``corpus.edges_df(freq=...)`` scores pairs per period.
            entities: one list of ``(start, end, label)`` per document (or None to
                extract that document's entities); see :meth:`__call__`.
            progress: show a progress bar, as :meth:`pipe` does; Ctrl-C stops
                the call between batches, as there.

        Returns:
            A :class:`~actorgraph.Corpus` with its Docs, entities and co-occurrence edges
            (counts, PMI, NPMI and G² over sentences, each with its evidence sentences).

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None)
        >>> corpus = nlp.analyze(["Egypt backed Haftar.", "Haftar met Egypt's envoy."],
        ...                      ids=["a", "b"], dates=["2015-03-01", "2015-04-02"])
        >>> corpus.dates
        [datetime.date(2015, 3, 1), datetime.date(2015, 4, 2)]
        """
        batch_size = _check_batch_size(batch_size)
        threads = _check_threads(n_threads) or self.n_threads
        reader = _reader_of(
            texts, paths, read_options, batch_size, ids=ids, dates=dates, entities=entities
        )
        batches: Iterator[_Batch]
        if reader is not None:
            read_ids: list[Any] = []
            read_dates: list[Any] = []
            ids, dates = read_ids, read_dates
            batches = _read_batches(reader, read_ids, read_dates)
        elif texts is None or isinstance(texts, Reader):  # (a Reader gave a reader)
            raise TypeError("analyze() needs texts or paths=")
        else:
            batches = _batches(texts, entities, batch_size)
        docs: list[Doc] = []
        stats = _core.CorpusStats()
        bar = _progress.bar(progress, total=_progress.total_of(texts), unit="doc", desc="analyze")
        try:
            # Each batch runs in the core without the GIL; a Ctrl-C meanwhile is raised
            # when it returns, or by check() if a finalizer swallowed it.
            with _interrupt.interruptible() as check:
                for (batch, _), (rows, batch_stats) in self._processed(batches, threads, True):
                    docs.extend(Doc._from_core(t, r) for t, r in zip(batch, rows, strict=True))
                    stats.merge(batch_stats)
                    bar.update(len(batch))
                    check()
        finally:
            bar.close()
        if reader is not None and all(d is None for d in read_dates):
            dates = None
        id_list = list(range(len(docs))) if ids is None else list(ids)
        if len(id_list) != len(docs):
            raise ValueError(f"got {len(id_list)} ids for {len(docs)} texts")
        date_list = None if dates is None else [parse_date(d, i) for i, d in enumerate(dates)]
        if date_list is not None and len(date_list) != len(docs):
            raise ValueError(f"got {len(date_list)} dates for {len(docs)} texts")
        return Corpus(docs, id_list, stats, dates=date_list)


def _read_batches(reader: Reader, ids: list[Any], dates: list[Any]) -> Iterator[_Batch]:
    """The reader's texts batch by batch, collecting its ids and dates on the way."""
    for batch in reader.batches():
        ids.extend(batch.ids)
        dates.extend(batch.dates)
        yield batch.texts, None


def _key_pairs(pairs: Any) -> tuple[tuple[str, str], ...]:
    """``do_not_merge`` as sorted pairs of strings."""
    if pairs is None:
        return ()
    out = set()
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2:
            raise ValueError(f"do_not_merge takes pairs of entity keys, got {pair!r}")
        a, b = (str(k) for k in pair)
        out.add((min(a, b), max(a, b)))
    return tuple(sorted(out))


#: How many Pipelines this process has unpickled: the Dask tests read it on each
#: worker to check that a Pipeline is shipped once per worker, not once per task.
_restored = 0


def _restore(
    entries: list[Entry], model: Any, options: tuple[Any, ...], n_threads: int | None
) -> Pipeline:
    global _restored
    _restored += 1
    pipeline = Pipeline.__new__(Pipeline)
    pipeline._init(entries, model, _Options(*options), n_threads)
    return pipeline
