"""Result objects: :class:`Doc`, :class:`Mention`, :class:`Entity`, :class:`Relation`.

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
        source: ``"pattern"``, ``"gazetteer"``, ``"model"`` (the tagger),
            ``"heuristic"``, or ``"given"`` for your own (``nlp(text, entities=...)``).
        id: canonical id when a gazetteer knows the entity (``"country:AE"``), else None.
        canonical: canonical name (``"United Arab Emirates"`` for ``"UAE"``), else None.
        entity: key of the entity this mention names after resolution (the canonical
            id, else ``"<label>:<lowercase name>"``): "Haftar" after "Khalifa Haftar"
            has ``"Person:khalifa haftar"``. Keys are shared across documents.
        country: for a nationality the gazetteer knows, its country's key
            (``"country:LY"`` for "Libyan"), else None.
        owner: for a span like "Haftar's forces", the entity key of the possessor
            when it is named in the document, else None.
    """

    text: str
    label: str
    start: int
    end: int
    score: float
    source: str
    id: str | None = None
    canonical: str | None = None
    entity: str | None = None
    country: str | None = None
    owner: str | None = None

    @property
    def name(self) -> str:
        """The canonical name when known, else the text."""
        return self.canonical or self.text


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity: the mentions that name one real-world actor, place or thing.

    Attributes:
        key: the key every mention of it carries in ``Mention.entity``: the
            gazetteer id (``"country:LY"``), else ``"<label>:<lowercase name>"``.
        name: canonical name, else the fullest form found.
        label: entity type.
        mentions: number of mentions.
        sentences: number of sentences mentioning it.
        documents: number of documents mentioning it.
        aliases: the surface forms seen, most frequent first.
    """

    key: str
    name: str
    label: str
    mentions: int
    sentences: int
    documents: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed relation between two mentions of one sentence.

    Attributes:
        source: the mention the relation goes from ("Egypt" in "Egypt backed
            Haftar").
        target: the mention it goes to.
        label: relation type, one of re3d's (``AlliesOf``, ``FightingAgainst``,
            ``CommWith``, ``BelongsTo``, ``InChargeOf``, ``CoLocated``, ``Apart``,
            ``HasAttrOf``, ``IsSynonymOf``, ``Likes``, ``Dislikes``) with the default
            relation model, or ``"CoOccurs"``: every pair with
            ``Pipeline(relations=None)``; with a model, a pair of actors it leaves
            untyped whose sentence gives it a tone (trigger words between them).
        score: in ``[0, 1]``: the classifier's calibrated confidence; for
            ``CoOccurs`` a proximity score ``exp(-d/10)`` with ``d`` the number of
            tokens between the mentions.
        evidence: the sentence that holds both mentions.
        sentence: that sentence's ``(start, end)`` code-point offsets.
        tone: cooperation (up to 1) or conflict (down to -1), from the type and
            the trigger words between the mentions; about a tenth of the CAMEO
            Goldstein score of the event.
        negated: a negation stands between the mentions ("did not attack").
        hypothetical: a modal or conditional ("could back", "if Egypt backs").
        reported: reported speech ("said", "according to").
    """

    source: Mention
    target: Mention
    label: str
    score: float
    evidence: str
    sentence: tuple[int, int]
    tone: float = 0.0
    negated: bool = False
    hypothetical: bool = False
    reported: bool = False


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
    resolved: list[Entity] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)

    def entity_index(self) -> dict[str, Entity]:
        """The document's entities (``resolved``) by key.

        >>> import actorgraph
        >>> doc = actorgraph.Pipeline()("Khalifa Haftar flew to Cairo. Haftar met Sisi.")
        >>> e = doc.entity_index()[doc.entities[-2].entity]
        >>> e.name, e.label, e.mentions, e.aliases
        ('Khalifa Haftar', 'Person', 2, ('Haftar', 'Khalifa Haftar'))
        """
        return {e.key: e for e in self.resolved}

    def sentence_texts(self) -> list[str]:
        """The text of each sentence."""
        return [self.text[s:e] for s, e in self.sentences]

    def _repr_html_(self) -> str:
        """Jupyter's view: highlighted entities, a legend and the relations (see
        :func:`actorgraph.render`); text past 100,000 characters is cut."""
        from actorgraph.output.html import REPR_MAX_CHARS, doc_html

        return doc_html(self, max_chars=REPR_MAX_CHARS)

    def __repr__(self) -> str:
        preview = self.text[:40] + ("…" if len(self.text) > 40 else "")
        return (
            f"Doc({preview!r}, {len(self.entities)} entities, "
            f"{len(self.sentences)} sentences, {len(self.relations)} relations)"
        )

    @classmethod
    def _from_core(cls, text: str, row: tuple) -> Doc:
        sentences, mention_rows, relation_rows, entity_rows = row
        keys = [row[0] for row in entity_rows]
        mentions = [
            Mention(
                text[s:e],
                label,
                s,
                e,
                score,
                source,
                kb_id,
                canonical,
                keys[entity],
                country,
                None if owner is None else keys[owner],
            )
            for s, e, label, score, source, kb_id, canonical, entity, country, owner in mention_rows
        ]
        relations = []
        for a, b, label, score, sentence, tone, negated, hypothetical, reported in relation_rows:
            start, end = sentences[sentence]
            relations.append(
                Relation(
                    mentions[a],
                    mentions[b],
                    label,
                    score,
                    text[start:end],
                    (start, end),
                    tone,
                    negated,
                    hypothetical,
                    reported,
                )
            )
        entities = [
            Entity(key, name, label, n_mentions, n_sentences, 1, tuple(aliases))
            for key, name, label, n_mentions, n_sentences, aliases in entity_rows
        ]
        return cls(text, mentions, sentences, relations, entities)
