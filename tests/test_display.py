"""HTML views: highlights cut at the right code points, everything escaped, nothing
fetched from the network, render() in and out of notebooks."""

import html
import sys
import types
from html.parser import HTMLParser

import pytest

import actorgraph
from actorgraph.output.html import REPR_MAX_CHARS, Rendered, corpus_html, doc_html
from actorgraph.output.palette import label_colour, tone_colour

from .conftest import ROOT

NASTY = 'Zürich 😀 <script>alert("x")</script> & "Haftar\'s" men met Leon in Tobruk.'
GIVEN = [(0, 6, "Location"), (40, 46, "Person"), (58, 62, "Person"), (66, 72, "Location")]


class Marks(HTMLParser):
    """Collects each <mark>: its attributes and its text without the label tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks = []
        self.tags = []
        self._in_mark = False
        self._in_label = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            self._in_mark = True
            self.marks.append({"attrs": dict(attrs), "text": ""})
        elif tag == "span" and self._in_mark and dict(attrs).get("class") == "ag-lbl":
            self._in_label = True

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False
        elif tag == "span":
            self._in_label = False

    def handle_data(self, data):
        if self._in_mark and not self._in_label:
            self.marks[-1]["text"] += data


def marks_of(markup):
    parser = Marks()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def given_doc():
    nlp = actorgraph.Pipeline(model=None, relations=None)
    assert [NASTY[s:e] for s, e, _ in GIVEN] == ["Zürich", "Haftar", "Leon", "Tobruk"]
    return nlp(NASTY, entities=GIVEN)


def test_highlights_match_mentions_at_code_point_offsets(given_doc):
    markup = doc_html(given_doc)
    marks = marks_of(markup).marks
    assert [m["text"] for m in marks] == ["Zürich", "Haftar", "Leon", "Tobruk"]
    assert [m["attrs"]["data-label"] for m in marks] == [m.label for m in given_doc.entities]
    for mark, mention in zip(marks, given_doc.entities, strict=True):
        assert label_colour(mention.label) in mark["attrs"]["style"]


def test_text_is_escaped_and_kept_whole(given_doc):
    markup = doc_html(given_doc)
    assert "<script>" not in markup and "alert(&quot;x&quot;)" in markup
    assert "&amp;" in markup
    parser = marks_of(markup)
    assert "script" not in parser.tags
    # The text reads back as the original once tags and label tags are dropped.
    text_div = markup.split('<div class="ag-text">', 1)[1].split('</div><div class="ag-side">')[0]
    for m in given_doc.entities:
        text_div = text_div.replace(f'<span class="ag-lbl">{m.label}</span>', "", 1)
    stripped = Stripper()
    stripped.feed(text_div)
    assert stripped.text == NASTY


class Stripper(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""

    def handle_data(self, data):
        self.text += data


def test_hover_title_shows_label_score_canonical_and_source(nlp):
    doc = nlp("Egypt and the UAE backed Khalifa Haftar. Haftar thanked them.")
    marks = {m["text"]: m["attrs"]["title"] for m in marks_of(doc_html(doc)).marks}
    uae = next(m for m in doc.entities if m.text == "UAE")
    assert marks["UAE"].splitlines() == [
        "Location",
        f"score {uae.score:.2f}",
        "canonical: United Arab Emirates",
        "id: country:AE",
        f"source: {uae.source}",
    ]
    # A bare surname shows the entity it was resolved to.
    assert "entity: Khalifa Haftar" in marks["Haftar"].splitlines()


def test_legend_and_relation_table(nlp):
    doc = nlp("Egypt did not attack Libya. Sisi met Haftar in Cairo, officials said.")
    markup = doc_html(doc)
    legend = markup.split('<div class="ag-legend">', 1)[1].split("</div>", 1)[0]
    for label in {m.label for m in doc.entities}:
        n = sum(m.label == label for m in doc.entities)
        assert f">{label} {n}</span>" in legend
    assert doc.relations, "the fixture has relations"
    table = markup.split('<div class="ag-side">', 1)[1]
    rows = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == len(doc.relations)
    ranked = sorted(doc.relations, key=lambda r: -r.score)
    for row, r in zip(rows, ranked, strict=True):
        assert f">{html.escape(r.label)}</span>" in row
        assert f">{r.score:.2f}<" in row
        assert f"{r.tone:+.2f}" in row and tone_colour(r.tone) in row
        for flag in ("negated", "hypothetical", "reported"):
            assert (flag in row) == getattr(r, flag)


def test_options_filter_labels_cap_relations_and_cut_text(given_doc):
    marks = marks_of(doc_html(given_doc, labels=["Person"])).marks
    assert [m["text"] for m in marks] == ["Haftar", "Leon"]
    capped = doc_html(given_doc, max_relations=2)
    assert f"2 of {len(given_doc.relations)} relations" in capped
    assert "<table>" not in doc_html(given_doc, relations=False)
    cut = doc_html(given_doc, max_chars=60)
    assert [m["text"] for m in marks_of(cut).marks] == ["Zürich", "Haftar"]
    assert "Text cut at 60 of" in cut


def test_repr_html_cuts_huge_texts():
    nlp = actorgraph.Pipeline(model=None, relations=None)
    doc = nlp("Egypt left. " * (REPR_MAX_CHARS // 12 + 50))
    markup = doc._repr_html_()
    assert f"Text cut at {REPR_MAX_CHARS:,}" in markup
    assert len(markup) < len(actorgraph.render(doc, jupyter=False))


def test_no_network_resources(given_doc, nlp):
    corpus = nlp.analyze([NASTY, "Egypt backed Haftar."])
    for markup in (
        given_doc._repr_html_(),
        corpus._repr_html_(),
        actorgraph.render([given_doc], page=True, jupyter=False),
    ):
        lowered = markup.lower()
        for needle in ("http://", "https://", "<script", "<link", "src=", "@import", "url("):
            assert needle not in lowered


def test_corpus_view(nlp):
    texts = [
        "Egypt and the UAE backed Khalifa Haftar.",
        "Haftar met <Sisi> & officials in Cairo.",
        "Egypt backed Haftar again.",
    ]
    corpus = nlp.analyze(texts, dates=["2015-03-01", "2015-03-05", None])
    markup = corpus_html(corpus, top=3)
    assert "3 documents" in markup and "2015-03-01 to 2015-03-05" in markup
    assert "&lt;Sisi&gt; &amp; officials" in markup and "<Sisi>" not in markup
    entities = corpus.entities()
    for e in entities[:3]:
        assert f">{html.escape(e.name)}</span>" in markup
    by_label = markup.split("<h4>Entities by label</h4>", 1)[1].split("</table>", 1)[0]
    for label in {e.label for e in entities}:
        n = sum(e.label == label for e in entities)
        m = sum(e.mentions for e in entities if e.label == label)
        assert f'>{label}</span></td><td class="ag-num">{n}</td><td class="ag-num">{m}<' in (
            by_label
        )
    pairs = markup.split("<h4>Strongest pairs</h4>", 1)[1].split("</table>", 1)[0]
    top_edge = corpus.edges()[0]
    index = corpus.entity_index()
    first_row = pairs.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert html.escape(index[top_edge.source].name) in first_row
    assert html.escape(index[top_edge.target].name) in first_row
    assert f'<td class="ag-num">{top_edge.count}</td>' in first_row
    relations = markup.split("<h4>Strongest relations</h4>", 1)[1].split("</table>", 1)[0]
    rows = relations.split("<tbody>", 1)[1].split("<tr>")[1:]
    keyed = sorted(corpus._keyed_relations(), key=lambda k: -k[1].score)
    assert len(rows) == min(3, len(keyed)) and keyed, "the fixture has relations"
    for row, (i, r, source, target) in zip(rows, keyed, strict=False):
        assert f">{html.escape(index[source].name)}</span>" in row
        assert f">{html.escape(index[target].name)}</span>" in row
        assert f">{html.escape(r.label)}</span>" in row and f">{r.score:.2f}<" in row
        assert f"<td>{corpus.ids[i]}</td>" in row
    assert corpus._repr_html_() == corpus_html(corpus)
    with pytest.raises(ValueError, match="top must be a positive int"):
        corpus_html(corpus, top=0)


def test_empty_views():
    nlp = actorgraph.Pipeline(model=None)
    empty = nlp("")
    assert "No relations." in empty._repr_html_()
    assert "No pairs." in nlp.analyze([])._repr_html_()


def test_render_kinds_and_errors(given_doc, nlp):
    one = actorgraph.render(given_doc, jupyter=False)
    assert isinstance(one, Rendered) and one._repr_html_() == one
    assert one == doc_html(given_doc)
    docs = nlp.pipe(["Egypt backed Haftar.", "Qatar met Sisi."], progress=False)
    several = actorgraph.render(docs, jupyter=False)
    assert "Document 0" in several and "Document 1" in several
    assert several.count("<style>") == 1
    assert [m["text"] for m in marks_of(several).marks][:2] == ["Egypt", "Haftar"]
    corpus = nlp.analyze(["Egypt backed Haftar."], progress=False)
    assert actorgraph.render(corpus, jupyter=False) == corpus_html(corpus)
    full = actorgraph.render(given_doc, page=True, jupyter=False)
    assert full.startswith("<!DOCTYPE html>") and full.rstrip().endswith("</html>")
    with pytest.raises(TypeError, match="analyse a text first"):
        actorgraph.render("Egypt backed Haftar.")
    with pytest.raises(TypeError, match="item 1 to render is int"):
        actorgraph.render([given_doc, 3])
    with pytest.raises(TypeError, match="got NoneType"):
        actorgraph.render(None)


def test_render_displays_once_in_a_notebook(given_doc, monkeypatch):
    shown = []
    display_module = types.ModuleType("IPython.display")
    display_module.display = lambda obj, raw=False: shown.append((obj, raw))
    ipython = types.ModuleType("IPython")
    ipython.display = display_module

    class ZMQInteractiveShell:
        pass

    ipython.get_ipython = lambda: ZMQInteractiveShell()
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)

    result = actorgraph.render(given_doc)  # auto-detected
    assert len(shown) == 1
    bundle, raw = shown[0]
    assert raw and bundle["text/html"] == result
    # Ending a cell with the returned value does not show a second copy.
    result._ipython_display_()
    assert len(shown) == 1
    # A value never shown (jupyter=False) shows itself when displayed.
    quiet = actorgraph.render(given_doc, jupyter=False)
    assert len(shown) == 1
    quiet._ipython_display_()
    assert len(shown) == 2 and shown[1][0]["text/html"] == quiet
    # Outside a kernel (a terminal IPython) nothing is displayed.
    ipython.get_ipython = lambda: None
    actorgraph.render(given_doc)
    assert len(shown) == 2


def test_seed_document_view(seed_doc):
    marks = marks_of(seed_doc._repr_html_()).marks
    assert [m["text"] for m in marks] == [m.text for m in seed_doc.entities]
    assert ROOT.exists()


def test_strongest_relations_of_a_big_corpus():
    nlp = actorgraph.Pipeline(model=None, relations=None)  # every pair: many relations
    texts = [f"Egypt, Qatar, Libya and Haftar met in Cairo {i} times." for i in range(10)]
    corpus = nlp.analyze(texts, progress=False)
    keyed = sorted(corpus._keyed_relations(), key=lambda k: -k[1].score)
    assert len(keyed) > 4 * 2  # more than the list keeps while trimming
    table = corpus_html(corpus, top=2).split("<h4>Strongest relations</h4>", 1)[1]
    rows = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 2
    for row, (i, r, _, _) in zip(rows, keyed, strict=False):
        assert f">{r.score:.2f}<" in row and f"<td>{corpus.ids[i]}</td>" in row
