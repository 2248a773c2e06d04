"""Result objects: :class:`Doc`, :class:`Mention`, :class:`Relation`.

Offsets are Python string indices (code points), end exclusive, so
``doc.text[m.start:m.end] == m.text`` always holds. They are plain frozen
dataclasses: comparable, hashable and picklable.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in a text.

    Attributes:
        text: the mention's text, ``doc.text[start:end]``.
        label: entity type (``"Person"``, ``"Organisation"``, ``"Location"``...).
        start: code-point offset of the first character.
        end: code-point offset one past the last character.
        score: confidence in ``[0, 1]``.
        source: ``"gazetteer"``, ``"heuristic"`` (and later ``"model"``, ``"pattern"``,
            ``"given"``).
        id: canonical id when a gazetteer knows the entity (``"country:AE"``), else None.
        canonical: canonical name (``"United Arab Emirates"`` for ``"UAE"``), else None.
    """

    text: str
    label: str
    start: int
    end: int
    score: float
    source: str
    id: str | None = None
    canonical: str | None = None

    @property
    def name(self) -> str:
        """The canonical name when known, else the text."""
        return self.canonical or self.text


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two mentions of one sentence.

    Attributes:
        source: the first mention in text order.
        target: the second mention.
        label: relation type; ``"CoOccurs"`` until typed relations arrive.
        score: in ``[0, 1]``; for ``CoOccurs`` a proximity score ``exp(-d/10)`` with
            ``d`` the number of tokens between the mentions.
        evidence: the sentence that holds both mentions.
        sentence: that sentence's ``(start, end)`` code-point offsets.
    """

    source: Mention
    target: Mention
    label: str
    score: float
    evidence: str
    sentence: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Doc:
    """A processed text.

    >>> import actorgraph
    >>> doc = actorgraph.Pipeline()("Egypt and the UAE backed Khalifa Haftar.")
    >>> [(m.text, m.label) for m in doc.entities]
    [('Egypt', 'Location'), ('UAE', 'Location'), ('Khalifa Haftar', 'Person')]
    >>> doc.entities[1].canonical
    'United Arab Emirates'
    """

    text: str
    entities: list[Mention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)

    def sentence_texts(self) -> list[str]:
        """The text of each sentence."""
        return [self.text[s:e] for s, e in self.sentences]

    def __repr__(self) -> str:
        preview = self.text[:40] + ("…" if len(self.text) > 40 else "")
        return (
            f"Doc({preview!r}, {len(self.entities)} entities, "
            f"{len(self.sentences)} sentences, {len(self.relations)} relations)"
        )

    @classmethod
    def _from_core(cls, text: str, row: tuple) -> Doc:
        sentences, mention_rows, relation_rows = row
        mentions = [
            Mention(text[s:e], label, s, e, score, source, kb_id, canonical)
            for s, e, label, score, source, kb_id, canonical in mention_rows
        ]
        relations = []
        for a, b, label, score, sentence in relation_rows:
            start, end = sentences[sentence]
            relations.append(
                Relation(mentions[a], mentions[b], label, score, text[start:end], (start, end))
            )
        return cls(text, mentions, sentences, relations)
