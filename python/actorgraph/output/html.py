"""HTML views of Docs and Corpora, for notebooks and browsers.

The HTML is self-contained: one inline ``<style>`` block scoped to ``.ag-view``, no
scripts, fonts or links, so it renders offline and in exported notebooks. Every
piece of text goes through :func:`html.escape` (analysts' texts hold ``<``, ``&``
and quotes), and highlights are cut from ``doc.text`` with the mentions' code-point
offsets, so a highlight shows exactly ``m.text``.
"""

from __future__ import annotations

import heapq
import html
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from actorgraph.corpus import Corpus
from actorgraph.doc import Doc, Mention, Relation
from actorgraph.output.palette import label_colour, tone_colour

#: Characters of text a Doc shows in a notebook before it is cut (``render`` shows
#: everything by default); a 1 MB report would otherwise freeze the browser tab.
REPR_MAX_CHARS = 100_000

# Colours and table rules are set here, not inherited: Jupyter's own output styles
# (dark themes, centred fixed-layout tables) would otherwise reach inside the view.
_STYLE = """<style>
.ag-view{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;
color:#212529;background:#fff;padding:0.6em 0.8em;line-height:1.5;max-width:100%}
.ag-view h4{margin:0.4em 0 0.3em 0;font-size:15px}
.ag-view .ag-meta{color:#495057;font-size:12px;margin-bottom:0.4em}
.ag-view .ag-grid{display:flex;flex-wrap:wrap;gap:1.2em;align-items:flex-start}
.ag-view .ag-text{flex:3 1 28em;white-space:pre-wrap;line-height:2.2;overflow-wrap:anywhere}
.ag-view .ag-side{flex:2 1 22em;min-width:min-content}
.ag-view mark.ag-ent{color:#212529;padding:0.15em 0.35em;border-radius:0.35em;
box-decoration-break:clone;-webkit-box-decoration-break:clone;cursor:help}
.ag-view .ag-lbl{font-size:0.62em;font-weight:700;letter-spacing:0.03em;margin-left:0.35em;
vertical-align:middle;text-transform:uppercase;opacity:0.7}
.ag-view .ag-legend{margin:0.2em 0 0.5em 0}
.ag-view .ag-chip{display:inline-block;padding:0 0.45em;margin:0 0.3em 0.2em 0;
border-radius:0.35em;font-size:12px;color:#212529;white-space:nowrap}
.ag-view table{border-collapse:collapse;font-size:12.5px;margin:0.2em 0 0.8em 0;
color:#212529;table-layout:auto;border:none}
.ag-view.ag-view.ag-view tbody tr{background:#fff}
.ag-view th,.ag-view td{padding:2px 7px;border-bottom:1px solid #dee2e6;text-align:left;
vertical-align:top}
.ag-view th{background:#f1f3f5;font-weight:600}
.ag-view td.ag-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ag-view .ag-note{color:#868e96;font-size:12px}
.ag-view .ag-evidence{display:inline-block;min-width:16em}
</style>"""


class Rendered(str):
    """HTML as a ``str`` that Jupyter shows as HTML.

    :func:`render` returns one. When ``render`` has already shown it in the
    notebook, the value does not show a second copy if it ends a cell.
    """

    _shown = False

    def _repr_html_(self) -> str:
        return str(self)

    def _ipython_display_(self) -> None:
        if self._shown:
            return
        from IPython.display import display

        display({"text/html": str(self), "text/plain": _plain(self)}, raw=True)


def _plain(markup: str) -> str:
    return f"<actorgraph HTML view, {len(markup):,} characters>"


def _e(value: Any) -> str:
    """Escaped text, quotes included (safe inside attributes too)."""
    return html.escape(str(value), quote=True)


def _number(value: float, digits: int = 2, sign: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    if abs(value) < 0.5 * 10**-digits:
        value = 0.0  # no "-0.00"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def _chip(label: str, text: str | None = None) -> str:
    return (
        f'<span class="ag-chip" style="background:{label_colour(label)}" title="{_e(label)}">'
        f"{_e(label if text is None else text)}</span>"
    )


def _legend(counts: Counter[str]) -> str:
    chips = "".join(_chip(label, f"{label} {n}") for label, n in counts.most_common())
    return f'<div class="ag-legend">{chips}</div>'


def _table(header: list[str], rows: list[list[str]], numeric: frozenset[int]) -> str:
    """A table of already-escaped cells; columns in ``numeric`` are right-aligned."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="ag-num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _mention_title(m: Mention, names: dict[str, str]) -> str:
    lines = [m.label, f"score {m.score:.2f}"]
    if m.canonical:
        lines.append(f"canonical: {m.canonical}")
    elif m.entity is not None and names.get(m.entity, m.text) != m.text:
        lines.append(f"entity: {names[m.entity]}")
    if m.id:
        lines.append(f"id: {m.id}")
    lines.append(f"source: {m.source}")
    return "\n".join(lines)


def _highlighted(doc: Doc, labels: frozenset[str] | None, max_chars: int | None) -> str:
    """The text with each mention wrapped in a ``<mark>``; overlapping mentions (none
    come out of the pipeline) keep the first."""
    text = doc.text if max_chars is None else doc.text[:max_chars]
    names = {e.key: e.name for e in doc.resolved}
    parts = []
    pos = 0
    for m in sorted(doc.entities, key=lambda m: (m.start, -m.end)):
        if m.start < pos or m.end > len(text) or (labels is not None and m.label not in labels):
            continue
        parts.append(_e(text[pos : m.start]))
        parts.append(
            f'<mark class="ag-ent" data-label="{_e(m.label)}" '
            f'style="background:{label_colour(m.label)}" title="{_e(_mention_title(m, names))}">'
            f'{_e(text[m.start : m.end])}<span class="ag-lbl">{_e(m.label)}</span></mark>'
        )
        pos = m.end
    parts.append(_e(text[pos:]))
    return "".join(parts)


def _rank(item: tuple[Any, ...]) -> tuple[Any, ...]:
    return item[:2]


def _flags(r: Relation) -> str:
    return ", ".join(f for f in ("negated", "hypothetical", "reported") if getattr(r, f))


def _tone_cell(tone: float) -> str:
    return f'<span style="color:{tone_colour(tone)}">{_number(tone, sign=True)}</span>'


def _relation_table(relations: list[Relation], limit: int | None) -> str:
    if not relations:
        return '<p class="ag-note">No relations.</p>'
    ranked = sorted(relations, key=lambda r: -r.score)
    shown = ranked if limit is None else ranked[:limit]
    rows = [
        [
            _chip(r.source.label, r.source.text),
            f'<span title="{_e(r.evidence)}">{_e(r.label)}</span>',
            _chip(r.target.label, r.target.text),
            _number(r.score),
            _tone_cell(r.tone),
            _e(_flags(r)),
        ]
        for r in shown
    ]
    out = _table(
        ["source", "relation", "target", "score", "tone", "flags"], rows, frozenset({3, 4})
    )
    if len(shown) < len(ranked):
        out += f'<p class="ag-note">{len(shown)} of {len(ranked)} relations, strongest first.</p>'
    return out


def doc_html(
    doc: Doc,
    *,
    labels: Iterable[str] | None = None,
    relations: bool = True,
    max_relations: int | None = 50,
    max_chars: int | None = None,
    title: str | None = None,
    style: bool = True,
) -> str:
    """One Doc as an HTML fragment: highlighted text, a legend, a relation table.

    Args:
        labels: highlight only these entity labels (default: all).
        relations: show the relation table beside the text.
        max_relations: rows of that table, strongest first (None: all).
        max_chars: cut the text after this many characters (None: all of it).
        title: a heading above the view.
        style: include the ``<style>`` block (leave it to True unless you join
            several fragments under one).

    >>> import actorgraph
    >>> from actorgraph.output.html import doc_html
    >>> doc = actorgraph.Pipeline(model=None)("Egypt & the UAE <backed> Haftar.")
    >>> markup = doc_html(doc)
    >>> "&lt;backed&gt;" in markup and 'data-label="Location"' in markup
    True
    """
    wanted = None if labels is None else frozenset(labels)
    shown = [m for m in doc.entities if wanted is None or m.label in wanted]
    cut = max_chars is not None and len(doc.text) > max_chars
    meta = (
        f"{len(doc.entities)} entities · {len(doc.relations)} relations · "
        f"{len(doc.sentences)} sentences · {len(doc.text):,} characters"
    )
    parts = [_STYLE if style else "", '<div class="ag-view ag-doc">']
    if title is not None:
        parts.append(f"<h4>{_e(title)}</h4>")
    parts.append(f'<div class="ag-meta">{_e(meta)}</div>')
    parts.append(_legend(Counter(m.label for m in shown)))
    parts.append('<div class="ag-grid">')
    parts.append(f'<div class="ag-text">{_highlighted(doc, wanted, max_chars)}</div>')
    if relations:
        parts.append(f'<div class="ag-side">{_relation_table(doc.relations, max_relations)}</div>')
    parts.append("</div>")
    if cut:
        parts.append(
            f'<p class="ag-note">Text cut at {max_chars:,} of {len(doc.text):,} characters; '
            "actorgraph.render(doc) shows all of it.</p>"
        )
    parts.append("</div>")
    return "".join(parts)


def corpus_html(corpus: Corpus, *, top: int = 10, style: bool = True) -> str:
    """A Corpus summary as an HTML fragment: sizes, entities by label, the most
    mentioned entities, the strongest pairs (by shared sentences, then NPMI), the
    strongest relations (by score, named by their entities) and the relation types.

    >>> import actorgraph
    >>> from actorgraph.output.html import corpus_html
    >>> corpus = actorgraph.Pipeline(model=None).analyze(["Egypt backed Haftar.", "Egypt left."])
    >>> markup = corpus_html(corpus)
    >>> "2 documents" in markup and "Egypt" in markup
    True
    """
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a positive int, got {top!r}")
    entities = corpus.entities()
    edges = corpus.edges()
    names = {e.key: e for e in entities}
    n_relations = sum(len(d.relations) for d in corpus.docs)
    meta = (
        f"{len(corpus.docs):,} documents · {corpus.stats.sentences:,} sentences · "
        f"{len(entities):,} entities · {len(edges):,} pairs · {n_relations:,} relations"
    )
    dated = [d for d in corpus.dates or () if d is not None]
    if dated:
        meta += f" · {min(dated).isoformat()} to {max(dated).isoformat()}"
    parts = [_STYLE if style else "", '<div class="ag-view ag-corpus">']
    parts.append(f'<h4>Corpus</h4><div class="ag-meta">{_e(meta)}</div>')

    by_label: dict[str, list[int]] = {}
    for e in entities:
        counts = by_label.setdefault(e.label, [0, 0])
        counts[0] += 1
        counts[1] += e.mentions
    parts.append(_legend(Counter({label: n for label, (n, _) in by_label.items()})))
    parts.append('<div class="ag-grid"><div class="ag-side">')
    parts.append("<h4>Entities by label</h4>")
    label_rows = [
        [_chip(label), str(n), str(m)]
        for label, (n, m) in sorted(by_label.items(), key=lambda kv: (-kv[1][1], kv[0]))
    ]
    parts.append(_table(["label", "entities", "mentions"], label_rows, frozenset({1, 2})))
    parts.append("<h4>Most mentioned</h4>")
    entity_rows = [
        [
            _chip(e.label, e.name),
            str(e.mentions),
            str(e.documents),
            _e(", ".join(a for a in e.aliases[:3] if a != e.name)),
        ]
        for e in entities[:top]
    ]
    parts.append(
        _table(["entity", "mentions", "documents", "also called"], entity_rows, frozenset({1, 2}))
    )
    parts.append('</div><div class="ag-side">')
    parts.append("<h4>Strongest pairs</h4>")
    if edges:
        edge_rows = []
        for edge in edges[:top]:
            a, b = names.get(edge.source), names.get(edge.target)
            evidence = edge.evidence[0].text if edge.evidence else ""
            if len(evidence) > 120:
                evidence = evidence[:119] + "…"
            edge_rows.append(
                [
                    _chip(a.label, a.name) if a else _e(edge.source),
                    _chip(b.label, b.name) if b else _e(edge.target),
                    str(edge.count),
                    _number(edge.npmi),
                    str(edge.relations),
                    _tone_cell(edge.tone),
                    f'<span class="ag-note ag-evidence">{_e(evidence)}</span>',
                ]
            )
        parts.append(
            _table(
                ["source", "target", "sentences", "NPMI", "relations", "tone", "evidence"],
                edge_rows,
                frozenset({2, 3, 4, 5}),
            )
        )
    else:
        parts.append('<p class="ag-note">No pairs.</p>')
    types: dict[str, list[float]] = {}
    # (score, -position, document index, relation, source key, target key): the
    # strongest first, ties in corpus order; trimmed as it grows so that a corpus of
    # millions of relations needs no list of them all.
    strongest: list[tuple[float, int, int, Relation, str, str]] = []
    for position, (i, r, source, target) in enumerate(corpus._keyed_relations()):
        acc = types.setdefault(r.label, [0, 0.0, 0.0])
        acc[0] += 1
        acc[1] += r.score
        acc[2] += r.tone
        strongest.append((r.score, -position, i, r, source, target))
        if len(strongest) > 4 * top:
            strongest = heapq.nlargest(top, strongest, key=_rank)
    if strongest:
        parts.append("<h4>Strongest relations</h4>")
        rows = []
        for _, _, i, r, source, target in heapq.nlargest(top, strongest, key=_rank):
            a, b = names.get(source), names.get(target)
            rows.append(
                [
                    _chip(r.source.label, a.name if a else r.source.text),
                    f'<span title="{_e(r.evidence)}">{_e(r.label)}</span>',
                    _chip(r.target.label, b.name if b else r.target.text),
                    _number(r.score),
                    _tone_cell(r.tone),
                    _e(_flags(r)),
                    _e(corpus.ids[i]),
                ]
            )
        header = ["source", "relation", "target", "score", "tone", "flags", "document"]
        parts.append(_table(header, rows, frozenset({3, 4})))
    if types:
        parts.append("<h4>Relation types</h4>")
        type_rows = [
            [_e(label), str(int(n)), _number(s / n), _tone_cell(t / n)]
            for label, (n, s, t) in sorted(types.items(), key=lambda kv: (-kv[1][0], kv[0]))
        ]
        parts.append(
            _table(
                ["relation", "count", "mean score", "mean tone"], type_rows, frozenset({1, 2, 3})
            )
        )
    parts.append("</div></div></div>")
    return "".join(parts)


def as_page(fragment: str, title: str = "actorgraph") -> str:
    """A whole HTML document around a fragment (for a file or a browser).

    >>> as_page("<p>hi</p>", title="A & B").splitlines()[1]
    '<html lang="en"><head><meta charset="utf-8"><title>A &amp; B</title></head><body>'
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title></head><body>\n{fragment}\n</body></html>\n"
    )


def in_notebook() -> bool:
    """Whether this code runs in a Jupyter kernel (or Colab), as displaCy checks."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ in ("ZMQInteractiveShell", "Shell")


def render(
    obj: Doc | Corpus | Iterable[Doc],
    *,
    jupyter: bool | None = None,
    page: bool = False,
    labels: Iterable[str] | None = None,
    relations: bool = True,
    max_relations: int | None = 50,
    max_chars: int | None = None,
    top: int = 10,
) -> Rendered:
    """HTML of a Doc (highlighted entities, legend, relation table), of several Docs,
    or of a Corpus (summary tables); shown in the notebook when one is running.

    Args:
        obj: a :class:`~actorgraph.Doc`, a :class:`~actorgraph.Corpus`, or an
            iterable of Docs (a list, ``nlp.pipe(texts)``).
        jupyter: show the result with IPython's display; None (the default) does so
            when running in a Jupyter kernel.
        page: return a whole HTML document (``<!DOCTYPE html>...``) to save to a file
            and open in a browser, instead of a fragment.
        labels, relations, max_relations, max_chars: for Docs: which entity labels
            to highlight (default all), whether to show the relation table, its
            number of rows (strongest first; None for all), and where to cut the text
            (None: nowhere).
        top: for a Corpus: rows of its entity and pair tables.

    Returns:
        The HTML as a :class:`Rendered` ``str``. Hovering over a highlight shows the
        mention's label, score, canonical name and source.

    Raises:
        TypeError: ``obj`` is neither a Doc, a Corpus nor an iterable of Docs.

    >>> import actorgraph
    >>> doc = actorgraph.Pipeline(model=None)("Haftar met Sisi in Cairo.")
    >>> markup = actorgraph.render(doc, jupyter=False)
    >>> markup.count('<mark class="ag-ent"')
    3
    >>> open("doc.html", "w").write(actorgraph.render(doc, page=True))  # doctest: +SKIP
    """
    wanted = None if labels is None else list(labels)

    def show(doc: Doc, title: str | None = None, style: bool = True) -> str:
        return doc_html(
            doc,
            labels=wanted,
            relations=relations,
            max_relations=max_relations,
            max_chars=max_chars,
            title=title,
            style=style,
        )

    if isinstance(obj, Doc):
        markup = show(obj)
    elif isinstance(obj, Corpus):
        markup = corpus_html(obj, top=top)
    elif isinstance(obj, (str, bytes)) or not isinstance(obj, Iterable):
        raise TypeError(
            "render takes a Doc, a Corpus or an iterable of Docs, "
            f"got {type(obj).__name__} (analyse a text first: render(nlp(text)))"
        )
    else:
        fragments = [_STYLE]
        for i, doc in enumerate(obj):
            if not isinstance(doc, Doc):
                raise TypeError(f"item {i} to render is {type(doc).__name__}, not a Doc")
            fragments.append(show(doc, title=f"Document {i}", style=False))
        markup = "".join(fragments)
    result = Rendered(as_page(markup) if page else markup)
    if jupyter is None:
        jupyter = in_notebook()
    if jupyter:
        from IPython.display import display

        display({"text/html": markup, "text/plain": _plain(markup)}, raw=True)
        result._shown = True
    return result
