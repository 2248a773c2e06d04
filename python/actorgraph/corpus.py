"""The :class:`Corpus`: many Docs, their entities, and how strongly pairs associate."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actorgraph import _core
from actorgraph.doc import Doc, Entity, Relation

if TYPE_CHECKING:
    import networkx
    import pandas

#: A document's mentions as the corpus statistics count them: (entity key, entity
#: label, entity name, mention text, sentence index or None).
_StatsRow = tuple[str, str, str, str, "int | None"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence in which two entities occur together."""

    doc_id: Any
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Edge:
    """Association between two entities, from sentence co-occurrence.

    Attributes:
        source, target: entity keys (``source < target``).
        count: sentences in which both occur.
        documents: documents in which both occur in one sentence.
        pmi: pointwise mutual information over sentences (natural log).
        npmi: PMI normalised to ``[-1, 1]``; 1 means they only ever occur together.
        llr: Dunning's log-likelihood ratio G² over sentences (both, one, the other,
            neither): how far the pair is from independence. Never negative; a pair
            meeting less often than chance (``pmi < 0``) can score high too.
        p_value: the chance of a G² this large under independence (chi-square, one
            degree of freedom). Below 0.05 for ``llr > 3.84``, 0.001 for ``llr > 10.83``.
        evidence: every sentence behind the count.
        relations: relations found between their mentions (typed by the relation
            model, or co-occurrences without one).
        tone: the score-weighted mean tone of those relations, in ``[-1, 1]``:
            cooperation positive, conflict negative, 0 without relations. Times ten,
            roughly the mean Goldstein score of the events (see ``Relation.tone``).
    """

    source: str
    target: str
    count: int
    documents: int
    pmi: float
    npmi: float
    llr: float
    p_value: float
    evidence: tuple[Evidence, ...]
    relations: int = 0
    tone: float = 0.0


def _tone(acc: list[float] | None) -> tuple[int, float]:
    """(number of relations, score-weighted mean tone) of a pair's accumulator."""
    if not acc:
        return 0, 0.0
    return int(acc[2]), (acc[0] / acc[1] if acc[1] > 0 else 0.0)


def parse_date(value: Any, index: int) -> dt.date | None:
    """One ``dates=`` item: a date, a naive datetime (aware ones in UTC), or None.

    None, NaN and pandas' NaT mean unknown (a date column with gaps works as is).

    >>> parse_date("2015-03-01", 0), parse_date("2015-03-01T10:30:00+02:00", 1)
    (datetime.date(2015, 3, 1), datetime.datetime(2015, 3, 1, 8, 30))
    """
    if value is None or value != value:  # NaN and NaT differ from themselves
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
        try:
            return parse_date(dt.datetime.fromisoformat(value), index)
        except ValueError:
            raise ValueError(
                f"date {index} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS): {value!r}"
            ) from None
    raise TypeError(
        f"date {index} must be a datetime, date, ISO string or None, got {type(value).__name__}"
    )


def _doc_rows(doc: Doc) -> list[_StatsRow]:
    """``doc``'s mentions as :meth:`_core.CorpusStats.add_doc` takes them, in order."""
    entities = doc.entity_index()
    starts = [s for s, _ in doc.sentences]
    rows: list[_StatsRow] = []
    for m in doc.entities:
        key = m.entity or f"{m.label}:{m.text.lower()}"
        entity = entities.get(key)
        label, name = (entity.label, entity.name) if entity else (m.label, m.name)
        i = bisect.bisect_right(starts, m.start) - 1
        inside = i >= 0 and m.start < doc.sentences[i][1]
        rows.append((key, label, name, m.text, i if inside else None))
    return rows


def _frame(columns: dict[str, list[Any]], dtypes: dict[str, str]) -> pandas.DataFrame:
    """A DataFrame of ``columns`` with ``dtypes``; text columns not listed get pandas'
    ``"string"`` dtype (missing values are ``pd.NA``), the same on pandas 2 and 3."""
    import pandas as pd

    frame = pd.DataFrame(columns)
    text = {
        c: "string"
        for c in frame.columns
        if c not in dtypes and c not in _UNTYPED and c not in ("date", "period")
    }
    return frame.astype({**text, **{k: v for k, v in dtypes.items() if k in frame.columns}})


#: Columns left as they come: ids as the caller gave them, alias tuples.
_UNTYPED = frozenset({"doc_id", "evidence_doc_id", "aliases", "first_date", "last_date"})


def _period(period: Any, freq: str | None) -> Any:
    """``period`` (and ``freq``) as a pandas Period, with a clear error."""
    import pandas as pd

    if isinstance(period, pd.Period) and freq is None:
        return period
    try:
        return pd.Period(period, freq=freq)
    except (ValueError, TypeError) as e:
        raise ValueError(
            f"period {period!r} (freq {freq!r}) is not a pandas period such as '2015-03': {e}"
        ) from None


def _dates(values: list[Any]) -> Any:
    import pandas as pd

    return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")


class Corpus:
    """Documents analysed together, with corpus-level statistics.

    Made by :meth:`Pipeline.analyze` or :meth:`Corpus.from_docs`. Holds ``docs``,
    their ``ids`` and ``dates`` (None when none were given) and the mergeable
    statistics ``stats``; reads as objects (:meth:`entities`, :meth:`edges`,
    :meth:`graph`) or as pandas tables (:meth:`mentions_df`, :meth:`entities_df`,
    :meth:`relations_df`, :meth:`edges_df`, per period with ``freq=``).

    >>> import actorgraph
    >>> corpus = actorgraph.Pipeline().analyze(["Egypt and the UAE backed Khalifa Haftar."])
    >>> [(e.name, e.label) for e in corpus.entities()][:2]
    [('Egypt', 'Location'), ('Khalifa Haftar', 'Person')]
    >>> edge = corpus.edges()[0]
    >>> edge.count, edge.evidence[0].text
    (1, 'Egypt and the UAE backed Khalifa Haftar.')
    """

    def __init__(
        self,
        docs: list[Doc],
        ids: list[Any],
        stats: _core.CorpusStats,
        dates: list[dt.date | None] | None = None,
    ) -> None:
        self.docs = docs
        self.ids = ids
        self.stats = stats
        #: One date per document (None where unknown), or None when no dates were given.
        self.dates = dates
        self._entities: dict[str, Entity] | None = None
        self._keys: list[list[str]] | None = None

    @classmethod
    def from_docs(
        cls,
        docs: Iterable[Doc],
        ids: Iterable[Any] | None = None,
        *,
        dates: Iterable[Any] | None = None,
        do_not_merge: Iterable[tuple[str, str]] = (),
    ) -> Corpus:
        """A corpus of Docs analysed earlier (``nlp(text)``, ``nlp.pipe``, unpickled).

        ``dates`` takes one date per document, as :meth:`Pipeline.analyze` does.
        ``do_not_merge`` takes pairs of entity keys never to link across documents,
        as the Pipeline's option of that name does (``nlp.analyze`` passes it on).

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None)
        >>> docs = [nlp("Egypt backed Khalifa Haftar."), nlp("Haftar thanked Egypt.")]
        >>> corpus = actorgraph.Corpus.from_docs(docs, ids=["a", "b"])
        >>> [(e.name, e.documents) for e in corpus.entities()][:1]
        [('Egypt', 2)]
        """
        corpus = cls([], [], _core.CorpusStats())
        corpus.stats.set_do_not_merge([(str(a), str(b)) for a, b in do_not_merge])
        docs = list(docs)
        id_list = list(range(len(docs))) if ids is None else list(ids)
        if len(id_list) != len(docs):
            raise ValueError(f"{len(docs)} documents but {len(id_list)} ids")
        date_list = [None] * len(docs) if dates is None else list(dates)
        if len(date_list) != len(docs):
            raise ValueError(f"{len(docs)} documents but {len(date_list)} dates")
        for doc, doc_id, date in zip(docs, id_list, date_list, strict=True):
            corpus.add(doc, doc_id, date)
        if dates is None:
            corpus.dates = None
        return corpus

    @classmethod
    def concat(cls, parts: Iterable[Corpus]) -> Corpus:
        """One corpus of corpora analysed apart, their documents in the order given.

        Each part numbers its documents from 0 (as each Dask partition or each
        ``analyze`` call does); here they follow one another, and the statistics are
        exactly those of one ``analyze`` over all the texts. Ids stay as each part
        has them, so give ids (or use :func:`actorgraph.dask.analyze`, which does)
        when parts were numbered by position.

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None)
        >>> a = nlp.analyze(["Egypt backed Khalifa Haftar."], ids=["a"])
        >>> b = nlp.analyze(["Haftar thanked Egypt."], ids=["b"])
        >>> both = actorgraph.Corpus.concat([a, b])
        >>> both.ids, [(e.name, e.documents) for e in both.entities()][:1]
        (['a', 'b'], [('Egypt', 2)])
        """
        corpus = cls([], [], _core.CorpusStats())
        dates: list[dt.date | None] = []
        dated = False
        for part in parts:
            if not isinstance(part, Corpus):
                raise TypeError(f"expected actorgraph.Corpus parts, got {type(part).__name__}")
            corpus.stats.merge(part.stats, offset=len(corpus.docs))
            corpus.docs.extend(part.docs)
            corpus.ids.extend(part.ids)
            dated = dated or part.dates is not None
            dates.extend(part.dates if part.dates is not None else [None] * len(part.docs))
        corpus.dates = dates if dated else None
        return corpus

    def add(self, doc: Doc, id: Any = None, date: Any = None) -> None:
        """Adds a Doc; statistics update at once.

        ``id`` defaults to its position, ``date`` (as :meth:`Pipeline.analyze` takes
        dates) to unknown.
        """
        if not isinstance(doc, Doc):
            raise TypeError(f"expected an actorgraph.Doc, got {type(doc).__name__}")
        index = len(self.docs)
        parsed = parse_date(date, index)
        self.stats.add_doc(index, len(doc.sentences), _doc_rows(doc))
        self.docs.append(doc)
        self.ids.append(index if id is None else id)
        if self.dates is not None or parsed is not None:
            self.dates = (self.dates or [None] * index) + [parsed]
        self._entities = None
        self._keys = None

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[Doc]:
        return iter(self.docs)

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self.docs)} documents, {self.stats.sentences} sentences, "
            f"{len(self.entity_index())} entities)"
        )

    def _repr_html_(self) -> str:
        """Jupyter's view: sizes, entities by label, the most mentioned entities, the
        strongest pairs and the relation types (see :func:`actorgraph.render`)."""
        from actorgraph.output.html import corpus_html

        return corpus_html(self)

    def entity_index(self) -> dict[str, Entity]:
        """Entities by key.

        A one-word person name the gazetteer does not know ("Leon") is ambiguous
        across documents: each document's stays its own entity (key
        ``Person:leon#<document index>``) unless the corpus holds exactly one full
        person name it ends ("Bernardino Leon"), which it then joins.
        """
        if self._entities is None:
            self._entities = {
                key: Entity(
                    key,
                    name,
                    label,
                    mentions,
                    sentences,
                    documents,
                    tuple(alias for alias, _ in aliases),
                )
                for key, name, label, mentions, sentences, documents, aliases in (
                    self.stats.entities()
                )
            }
        return self._entities

    def entities(self) -> list[Entity]:
        """Entities, most mentioned first."""
        return list(self.entity_index().values())

    def alias_table(self) -> Any:
        """Every surface form and the entity it was resolved to, as a DataFrame.

        Columns: ``alias``, ``label``, ``entity`` (key), ``name``, ``mentions`` (of
        this alias), ``documents`` (of the entity). Edit it (point an alias at
        another entity key to merge, give it a new key to split) and feed it back
        with ``Pipeline(aliases=table)`` or ``nlp.add_aliases(table)``; export it
        with ``to_csv``. Needs pandas.
        """
        import pandas as pd

        rows = [
            {
                "alias": alias,
                "label": label,
                "entity": key,
                "name": name,
                "mentions": n,
                "documents": documents,
            }
            for key, name, label, _, _, documents, aliases in self.stats.entities()
            for alias, n in aliases
        ]
        columns = ["alias", "label", "entity", "name", "mentions", "documents"]
        table = pd.DataFrame(rows, columns=columns)
        table = table.sort_values(["entity", "mentions", "alias"], ascending=[True, False, True])
        return table.reset_index(drop=True)

    def edges(self, min_count: int = 1) -> list[Edge]:
        """Entity pairs that share at least ``min_count`` sentences, most frequent first."""
        edges = []
        tones = self._pair_tones()
        for a, b, count, documents, pmi, npmi, llr, p_value, evidence in self.stats.pairs(
            min_count
        ):
            items = tuple(self._evidence(d, s) for d, s in evidence)
            relations, tone = _tone(tones.get((None, a, b)))
            edges.append(
                Edge(a, b, count, documents, pmi, npmi, llr, p_value, items, relations, tone)
            )
        return edges

    def _pair_tones(self, freq: str | None = None) -> dict[tuple[Any, str, str], list[float]]:
        """Per (period or None, entity key, entity key) with the smaller key first: the
        sum of score times tone, the sum of scores, and the number of relations."""
        import_pd = freq is not None
        if import_pd:
            import pandas as pd
        out: dict[tuple[Any, str, str], list[float]] = {}
        for i, r, a, b in self._keyed_relations():
            period = None
            if import_pd:
                date = self.dates[i] if self.dates is not None else None
                if date is None:
                    continue
                period = pd.Period(date, freq=freq)
            if a == b:
                continue
            acc = out.setdefault((period, min(a, b), max(a, b)), [0.0, 0.0, 0.0])
            acc[0] += r.score * r.tone
            acc[1] += r.score
            acc[2] += 1
        return out

    def _keyed_relations(self) -> Iterator[tuple[int, Relation, str, str]]:
        """Every relation with its document's index and the corpus entity keys of
        its source and target."""
        for i, (doc, doc_keys) in enumerate(zip(self.docs, self._mention_keys(), strict=True)):
            key_at = {(m.start, m.end): k for m, k in zip(doc.entities, doc_keys, strict=True)}
            for r in doc.relations:
                yield (
                    i,
                    r,
                    key_at[r.source.start, r.source.end],
                    key_at[r.target.start, r.target.end],
                )

    def _evidence(self, doc_index: int, sentence: int) -> Evidence:
        doc = self.docs[doc_index]
        start, end = doc.sentences[sentence]
        return Evidence(self.ids[doc_index], start, end, doc.text[start:end])

    def graph(
        self, min_count: int = 1, *, period: Any = None, freq: str | None = None
    ) -> networkx.Graph:
        """The actor network as a networkx Graph.

        Nodes are entity keys with ``name``, ``label`` (str), ``mentions``,
        ``sentences`` and ``documents`` (int); edges carry ``count``, ``documents``,
        ``relations`` (int), ``pmi``, ``npmi``, ``llr``, ``p_value``, ``tone``
        (float), ``evidence`` (the first evidence sentence) and ``evidence_doc_id``
        (its document's id as a str). Every attribute is a str, int or float, so the
        graph writes to GraphML and GEXF as is (:func:`actorgraph.write_graph`).

        Args:
            min_count: keep pairs that share at least this many sentences.
            period: only the documents dated in this period, counted and scored on
                their own as :meth:`edges_df` does with ``freq``: a pandas Period or
                what ``pandas.Period(period, freq=freq)`` takes (``"2015-03"`` is a
                month; ``period="2015-03-02", freq="W"`` its week). Nodes are then
                the entities of that period, with its counts; the graph's
                ``period`` attribute says which. Needs pandas and dates.
            freq: the period's frequency when ``period`` does not imply it.

        >>> import actorgraph
        >>> corpus = actorgraph.Pipeline(model=None).analyze(
        ...     ["Egypt backed Khalifa Haftar.", "Qatar met Khalifa Haftar."],
        ...     dates=["2015-03-01", "2015-04-01"])
        >>> sorted(corpus.graph().nodes)
        ['Person:khalifa haftar', 'country:EG', 'country:QA']
        >>> g = corpus.graph(period="2015-04")
        >>> sorted(g.edges), g.graph["period"]
        ([('Person:khalifa haftar', 'country:QA')], '2015-04')
        """
        import networkx as nx

        g = nx.Graph()
        index = self.entity_index()
        if period is None:
            if freq is not None:
                raise ValueError("freq= goes with period=: graph(period='2015-03')")
            stats, tones, key = self.stats, self._pair_tones(), None
        else:
            key = _period(period, freq)
            stats = dict(self._period_stats(key.freqstr)).get(key, _core.CorpusStats())
            tones = self._pair_tones(key.freqstr)
            g.graph["period"] = str(key)
        for entity_key, name, label, mentions, sentences, documents, _ in stats.entities():
            known = index.get(entity_key)
            g.add_node(
                entity_key,
                name=known.name if known else name,
                label=known.label if known else label,
                mentions=mentions,
                sentences=sentences,
                documents=documents,
            )
        for a, b, count, documents, pmi, npmi, llr, p_value, evidence in stats.pairs(min_count):
            relations, tone = _tone(tones.get((key, a, b)))
            first = self._evidence(*evidence[0]) if evidence else None
            g.add_edge(
                a,
                b,
                count=count,
                documents=documents,
                pmi=pmi,
                npmi=npmi,
                llr=llr,
                p_value=p_value,
                relations=relations,
                tone=tone,
                evidence=first.text if first else "",
                evidence_doc_id=str(first.doc_id) if first else "",
            )
        return g

    # Tables. Each needs pandas; column names and dtypes are part of the API.

    def _mention_keys(self) -> list[list[str]]:
        """Per document, the corpus entity key of each mention (the tables' view)."""
        if self._keys is None:
            rows = [
                (i, key, label, name)
                for i, doc in enumerate(self.docs)
                for key, label, name, _, _ in _doc_rows(doc)
            ]
            flat = iter(self.stats.entity_keys(rows))
            self._keys = [[next(flat) for _ in doc.entities] for doc in self.docs]
        return self._keys

    def _with_doc_columns(self, counts: list[int], columns: dict[str, Any]) -> dict[str, Any]:
        """``columns`` after ``doc_id`` (and ``date`` when the corpus has dates), each
        repeated ``counts[i]`` times for document ``i``."""
        out = {"doc_id": [d for d, n in zip(self.ids, counts, strict=True) for _ in range(n)]}
        if self.dates is not None:
            out["date"] = _dates(
                [d for d, n in zip(self.dates, counts, strict=True) for _ in range(n)]
            )
        out.update(columns)
        return out

    def mentions_df(self) -> pandas.DataFrame:
        """Every mention, one row each, in document then text order.

        Columns: ``doc_id`` (from ``ids``), ``date`` (datetime64[ns], only when the
        corpus has dates), ``sentence`` (index in the document, Int64, missing outside
        every sentence), ``start``, ``end`` (int64 code points), ``text``, ``label``,
        ``score`` (float64), ``source``, ``entity`` (the corpus entity key, as in
        :meth:`entities_df`), ``name`` (the entity's name), ``kb_id`` and
        ``canonical`` (the gazetteer's id and name, else missing), ``country`` and
        ``owner`` (entity keys, else missing).

        >>> import actorgraph
        >>> corpus = actorgraph.Pipeline(model=None).analyze(
        ...     ["Khalifa Haftar met the UAE.", "Haftar left."], ids=["a", "b"])
        >>> corpus.mentions_df()[["doc_id", "text", "entity", "name"]].values.tolist()
        [['a', 'Khalifa Haftar', 'Person:khalifa haftar', 'Khalifa Haftar'], \
['a', 'UAE', 'country:AE', 'United Arab Emirates'], \
['b', 'Haftar', 'Person:khalifa haftar', 'Khalifa Haftar']]
        """
        keys = self._mention_keys()
        index = self.entity_index()
        names = {k: e.name for k, e in index.items()}
        columns: dict[str, list[Any]] = {
            c: []
            for c in (
                "sentence", "start", "end", "text", "label", "score", "source", "entity",
                "name", "kb_id", "canonical", "country", "owner",
            )
        }  # fmt: skip
        for doc, doc_keys in zip(self.docs, keys, strict=True):
            rows = _doc_rows(doc)
            local = {row[0]: key for row, key in zip(rows, doc_keys, strict=True)}
            for m, row, key in zip(doc.entities, rows, doc_keys, strict=True):
                for column, value in (
                    ("sentence", row[4]), ("start", m.start), ("end", m.end), ("text", m.text),
                    ("label", m.label), ("score", m.score), ("source", m.source),
                    ("entity", key), ("name", names.get(key, row[2])), ("kb_id", m.id),
                    ("canonical", m.canonical), ("country", m.country),
                    ("owner", None if m.owner is None else local.get(m.owner, m.owner)),
                ):  # fmt: skip
                    columns[column].append(value)
        out = self._with_doc_columns([len(d.entities) for d in self.docs], columns)
        return _frame(
            out, {"sentence": "Int64", "start": "int64", "end": "int64", "score": "float64"}
        )

    def entities_df(self) -> pandas.DataFrame:
        """Every entity of the corpus, most mentioned first.

        Columns: ``entity`` (key), ``name``, ``label``, ``mentions``, ``sentences``,
        ``documents`` (int64), ``aliases`` (tuple of the surface forms, most frequent
        first), and with dates ``first_date`` and ``last_date`` (datetime64[ns]: the
        earliest and latest dated document that mentions it).

        >>> import actorgraph
        >>> corpus = actorgraph.Pipeline(model=None).analyze(
        ...     ["Khalifa Haftar met the UAE.", "Haftar left."], dates=["2015-03-01", None])
        >>> corpus.entities_df()[["entity", "mentions", "first_date"]].values.tolist()
        [['Person:khalifa haftar', 2, Timestamp('2015-03-01 00:00:00')], \
['country:AE', 1, Timestamp('2015-03-01 00:00:00')]]
        """
        entities = self.entities()
        columns: dict[str, list[Any]] = {
            "entity": [e.key for e in entities],
            "name": [e.name for e in entities],
            "label": [e.label for e in entities],
            "mentions": [e.mentions for e in entities],
            "sentences": [e.sentences for e in entities],
            "documents": [e.documents for e in entities],
            "aliases": [e.aliases for e in entities],
        }
        if self.dates is not None:
            first: dict[str, Any] = {}
            last: dict[str, Any] = {}
            dated = _dates(list(self.dates))
            for doc_keys, date in zip(self._mention_keys(), dated, strict=True):
                if date is not None and date == date:  # NaT != NaT
                    for key in doc_keys:
                        first[key] = min(first.get(key, date), date)
                        last[key] = max(last.get(key, date), date)
            columns["first_date"] = [first.get(e.key) for e in entities]
            columns["last_date"] = [last.get(e.key) for e in entities]
        frame = _frame(
            columns,
            {c: "int64" for c in ("mentions", "sentences", "documents")},
        )
        for c in ("first_date", "last_date"):
            if c in frame.columns:
                frame[c] = _dates(columns[c])
        return frame

    def relations_df(self) -> pandas.DataFrame:
        """Every mention-level relation (``doc.relations``), one row each.

        Columns: ``doc_id``, ``date`` (only with dates), ``source`` and ``target``
        (corpus entity keys of the two mentions), ``source_text``, ``target_text``,
        ``source_label``, ``target_label``, ``source_start``, ``source_end``,
        ``target_start``, ``target_end`` (int64 code points), ``label``, ``score``
        (float64), ``sentence_start``, ``sentence_end`` (int64), ``evidence`` (the
        sentence's text), ``tone`` (float64, cooperation positive, conflict negative)
        and the flags ``negated``, ``hypothetical``, ``reported`` (bool).

        >>> import actorgraph
        >>> nlp = actorgraph.Pipeline(model=None, relations=None)  # untyped co-occurrence
        >>> corpus = nlp.analyze(["Egypt backed Khalifa Haftar."])
        >>> corpus.relations_df()[["source", "target", "label", "evidence"]].values.tolist()
        [['country:EG', 'Person:khalifa haftar', 'CoOccurs', 'Egypt backed Khalifa Haftar.']]
        """
        columns: dict[str, list[Any]] = {
            c: []
            for c in (
                "source", "target", "source_text", "target_text", "source_label",
                "target_label", "source_start", "source_end", "target_start", "target_end",
                "label", "score", "sentence_start", "sentence_end", "evidence", "tone",
                "negated", "hypothetical", "reported",
            )
        }  # fmt: skip
        for _, r, source, target in self._keyed_relations():
            s, t = r.source, r.target
            for column, value in (
                ("source", source), ("target", target),
                ("source_text", s.text), ("target_text", t.text),
                ("source_label", s.label), ("target_label", t.label),
                ("source_start", s.start), ("source_end", s.end),
                ("target_start", t.start), ("target_end", t.end),
                ("label", r.label), ("score", r.score),
                ("sentence_start", r.sentence[0]), ("sentence_end", r.sentence[1]),
                ("evidence", r.evidence), ("tone", r.tone), ("negated", r.negated),
                ("hypothetical", r.hypothetical), ("reported", r.reported),
            ):  # fmt: skip
                columns[column].append(value)
        out = self._with_doc_columns([len(d.relations) for d in self.docs], columns)
        ints = ("source_start", "source_end", "target_start", "target_end")
        ints += ("sentence_start", "sentence_end")
        flags = dict.fromkeys(("negated", "hypothetical", "reported"), "bool")
        types = {**dict.fromkeys(ints, "int64"), "score": "float64", "tone": "float64", **flags}
        return _frame(out, types)

    def to_arrow(self, table: str = "mentions", **options: Any) -> Any:
        """One of the tables as a ``pyarrow.Table``: ``"mentions"``, ``"entities"``,
        ``"relations"`` or ``"edges"`` (``options`` go to :meth:`edges_df`, such as
        ``freq="M"``), with the columns and types of the DataFrame methods.

        The table implements the Arrow PyCapsule interface (``__arrow_c_stream__``),
        so ``polars.from_arrow(t)``, ``pyarrow.table(t)``, DuckDB and any other
        PyCapsule consumer take its buffers without copying them. (The table itself
        is converted once from the DataFrame.)

        >>> import actorgraph
        >>> corpus = actorgraph.Pipeline(model=None).analyze(["Egypt backed Haftar."])
        >>> t = corpus.to_arrow("mentions")
        >>> t.num_rows, t.schema.field("start").type
        (2, DataType(int64))
        """
        methods = {
            "mentions": self.mentions_df,
            "entities": self.entities_df,
            "relations": self.relations_df,
            "edges": self.edges_df,
        }
        if table not in methods:
            raise ValueError(f"table must be one of {sorted(methods)}, got {table!r}")
        if options and table != "edges":
            raise TypeError(f"the {table} table takes no options, got {sorted(options)}")
        try:
            import pyarrow as pa
        except ImportError as e:
            raise ImportError("to_arrow needs pyarrow: pip install pyarrow") from e
        return pa.Table.from_pandas(methods[table](**options), preserve_index=False)

    def edges_df(self, min_count: int = 1, *, freq: str | None = None) -> pandas.DataFrame:
        """The entity pairs that share at least ``min_count`` sentences, with their
        association scores, as a table.

        Columns: ``source``, ``target`` (entity keys, ``source < target``),
        ``source_name``, ``target_name``, ``source_label``, ``target_label``, ``count``
        (sentences with both), ``documents`` (int64), ``pmi``, ``npmi``, ``llr``
        (Dunning's G²), ``p_value`` (float64; see :class:`Edge`), ``relations`` (int64)
        and ``tone`` (float64, cooperation positive, conflict negative), ``evidence`` (the
        first evidence sentence) and ``evidence_doc_id`` (its document's id). Sorted by
        count, then NPMI, both descending.

        With ``freq`` (``"D"``, ``"W"``, ``"M"``, or any pandas period alias such as
        ``"Q"`` or ``"Y"``) and a corpus with dates, every score is computed per period
        from that period's counts alone (its sentences, entity and pair counts, so
        PMI and G² compare like with like), and a first column ``period``
        (``period[freq]`` dtype; weeks end on Sunday) says which; rows are sorted by
        period, then as above, and ``min_count`` applies per period. Documents without a
        date are left out. Entity keys are the corpus's, so a pair keeps its key across
        periods.

        >>> import actorgraph
        >>> corpus = actorgraph.Pipeline(model=None).analyze(
        ...     ["Egypt backed the UAE.", "Egypt and the UAE met. Egypt left.",
        ...      "Qatar met the UAE."],
        ...     dates=["2015-03-02", "2015-04-10", "2015-04-11"])
        >>> table = corpus.edges_df(freq="M")
        >>> [(str(p), s, t, n, round(pmi, 3)) for p, s, t, n, pmi
        ...  in table[["period", "source", "target", "count", "pmi"]].values.tolist()]
        [('2015-03', 'country:AE', 'country:EG', 1, 0.0), \
('2015-04', 'country:AE', 'country:QA', 1, 0.405), \
('2015-04', 'country:AE', 'country:EG', 1, -0.288)]
        """
        if freq is None:
            return self._edge_frame([(None, self.stats)], min_count)
        return self._edge_frame(self._period_stats(freq), min_count, freq)

    def _period_stats(self, freq: str) -> list[tuple[Any, _core.CorpusStats]]:
        """One CorpusStats per period of the dated documents, by period.

        Each counts its documents through ``add_doc`` under the corpus's entity keys
        (bare names linked as the whole corpus links them), with corpus-wide
        document indices so that evidence points at the right Doc.
        """
        import pandas as pd

        if self.dates is None:
            raise ValueError(
                "edges_df(freq=...) needs document dates: nlp.analyze(texts, dates=[...])"
            )
        if not isinstance(freq, str):
            raise TypeError(f"freq must be a str such as 'D', 'W' or 'M', got {freq!r}")
        try:
            pd.PeriodDtype(freq)
        except (ValueError, TypeError) as e:
            raise ValueError(f"freq {freq!r} is not a pandas period alias: {e}") from None
        by_period: dict[Any, _core.CorpusStats] = {}
        for i, (doc, date, doc_keys) in enumerate(
            zip(self.docs, self.dates, self._mention_keys(), strict=True)
        ):
            if date is None:
                continue
            period = pd.Period(date, freq=freq)
            stats = by_period.setdefault(period, _core.CorpusStats())
            rows = [
                (key, label, name, text, sentence)
                for (_, label, name, text, sentence), key in zip(
                    _doc_rows(doc), doc_keys, strict=True
                )
            ]
            stats.add_doc(i, len(doc.sentences), rows)
        return [(p, by_period[p]) for p in sorted(by_period)]

    def _edge_frame(
        self, parts: list[tuple[Any, _core.CorpusStats]], min_count: int, freq: str | None = None
    ) -> pandas.DataFrame:
        """The pairs of each ``(period, stats)`` part, in one table; a ``period``
        column first when ``freq`` is given."""
        index = self.entity_index()
        names = ("source", "target", "count", "documents", "pmi", "npmi", "llr", "p_value")
        columns: dict[str, list[Any]] = {c: [] for c in names}
        for c in ("name", "label"):
            columns[f"source_{c}"], columns[f"target_{c}"] = [], []
        columns["evidence"], columns["evidence_doc_id"], periods = [], [], []
        columns["relations"], columns["tone"] = [], []
        tones = self._pair_tones(freq)
        for period, stats in parts:
            pairs = stats.pairs(min_count)
            periods.extend([period] * len(pairs))
            for *numbers, evidence in pairs:
                for column, value in zip(names, numbers, strict=True):
                    columns[column].append(value)
                for end, key in (("source", numbers[0]), ("target", numbers[1])):
                    entity = index.get(key)
                    columns[f"{end}_name"].append(entity.name if entity else key)
                    columns[f"{end}_label"].append(entity.label if entity else None)
                relations, tone = _tone(tones.get((period, numbers[0], numbers[1])))
                columns["relations"].append(relations)
                columns["tone"].append(tone)
                first = self._evidence(*evidence[0]) if evidence else None
                columns["evidence"].append(first.text if first else None)
                columns["evidence_doc_id"].append(first.doc_id if first else None)
        order = [
            "source", "target", "source_name", "target_name", "source_label", "target_label",
            "count", "documents", "pmi", "npmi", "llr", "p_value", "relations", "tone",
            "evidence", "evidence_doc_id",
        ]  # fmt: skip
        dtypes = {"count": "int64", "documents": "int64", **dict.fromkeys(names[4:], "float64")}
        dtypes.update(relations="int64", tone="float64")
        if freq is None:
            return _frame({c: columns[c] for c in order}, dtypes)
        import pandas as pd

        period = pd.Series(pd.PeriodIndex(periods, dtype=pd.PeriodDtype(freq)))
        return _frame({"period": period, **{c: columns[c] for c in order}}, dtypes)
