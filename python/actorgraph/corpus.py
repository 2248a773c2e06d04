"""The :class:`Corpus`: many Docs, their entities, and how strongly pairs associate."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actorgraph import _core
from actorgraph.doc import Doc, Entity

if TYPE_CHECKING:
    import networkx


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
        evidence: every sentence behind the count.
    """

    source: str
    target: str
    count: int
    documents: int
    pmi: float
    npmi: float
    evidence: tuple[Evidence, ...]


class Corpus:
    """Documents analysed together, with corpus-level statistics.

    Made by :meth:`Pipeline.analyze`.

    >>> import actorgraph
    >>> corpus = actorgraph.Pipeline().analyze(["Egypt and the UAE backed Khalifa Haftar."])
    >>> [(e.name, e.label) for e in corpus.entities()][:2]
    [('Egypt', 'Location'), ('Khalifa Haftar', 'Person')]
    >>> edge = corpus.edges()[0]
    >>> edge.count, edge.evidence[0].text
    (1, 'Egypt and the UAE backed Khalifa Haftar.')
    """

    def __init__(self, docs: list[Doc], ids: list[Any], stats: _core.CorpusStats) -> None:
        self.docs = docs
        self.ids = ids
        self.stats = stats
        self._entities: dict[str, Entity] | None = None

    @classmethod
    def from_docs(
        cls,
        docs: Iterable[Doc],
        ids: Iterable[Any] | None = None,
        *,
        do_not_merge: Iterable[tuple[str, str]] = (),
    ) -> Corpus:
        """A corpus of Docs analysed earlier (``nlp(text)``, ``nlp.pipe``, unpickled).

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
        for doc, doc_id in zip(docs, id_list, strict=True):
            corpus.add(doc, doc_id)
        return corpus

    def add(self, doc: Doc, id: Any = None) -> None:
        """Adds a Doc (its id defaults to its position); statistics update at once."""
        if not isinstance(doc, Doc):
            raise TypeError(f"expected an actorgraph.Doc, got {type(doc).__name__}")
        index = len(self.docs)
        entities = doc.entity_index()
        starts = [s for s, _ in doc.sentences]
        rows = []
        for m in doc.entities:
            key = m.entity or f"{m.label}:{m.text.lower()}"
            entity = entities.get(key)
            label, name = (entity.label, entity.name) if entity else (m.label, m.name)
            i = bisect.bisect_right(starts, m.start) - 1
            inside = i >= 0 and m.start < doc.sentences[i][1]
            rows.append((key, label, name, m.text, i if inside else None))
        self.stats.add_doc(index, len(doc.sentences), rows)
        self.docs.append(doc)
        self.ids.append(index if id is None else id)
        self._entities = None

    def __len__(self) -> int:
        return len(self.docs)

    def __iter__(self) -> Iterator[Doc]:
        return iter(self.docs)

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self.docs)} documents, {self.stats.sentences} sentences, "
            f"{len(self.entity_index())} entities)"
        )

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
        for a, b, count, documents, pmi, npmi, evidence in self.stats.pairs(min_count):
            items = []
            for doc_index, sentence in evidence:
                doc = self.docs[doc_index]
                start, end = doc.sentences[sentence]
                items.append(Evidence(self.ids[doc_index], start, end, doc.text[start:end]))
            edges.append(Edge(a, b, count, documents, pmi, npmi, tuple(items)))
        return edges

    def graph(self, min_count: int = 1) -> networkx.Graph:
        """The actor network as a networkx Graph.

        Nodes are entity keys with ``name``, ``label`` and ``mentions``; edges carry
        ``count``, ``documents``, ``pmi``, ``npmi`` and ``evidence`` (the first
        evidence sentence, since GraphML takes only scalar attributes).
        """
        import networkx as nx

        entities = self.entity_index()
        g = nx.Graph()
        for e in entities.values():
            g.add_node(e.key, name=e.name, label=e.label, mentions=e.mentions)
        for edge in self.edges(min_count):
            g.add_edge(
                edge.source,
                edge.target,
                count=edge.count,
                documents=edge.documents,
                pmi=edge.pmi,
                npmi=edge.npmi,
                evidence=edge.evidence[0].text if edge.evidence else "",
            )
        return g
