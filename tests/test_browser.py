"""The rendered HTML in a real browser: headless Chromium lays the page out, a probe
script reports where each highlight landed and what colour it has, and a screenshot
is kept as a test artifact (and its pixels checked for the label colours).

Skips, saying why, where Chromium is not installed (Debian: ``apt-get install
chromium``; ``.ci/run`` installs it).
"""

import html
import json
import re
import shutil
import subprocess

import pytest

import actorgraph
from actorgraph.output.palette import label_colour

from .conftest import SEED

BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="Chromium not found (Debian: apt-get install chromium; .ci/run installs it): "
    "the browser check is skipped",
)

NASTY = 'Zürich 😀 <b>not bold</b> & "Haftar\'s" men met Leon in Tobruk.'
GIVEN = [
    (NASTY.index(word), NASTY.index(word) + len(word), label)
    for word, label in [("Zürich", "Location"), ("Haftar", "Person"), ("Leon", "Person"),
                        ("Tobruk", "Location")]
]  # fmt: skip

# Appended by the test only: the library's HTML has no scripts.
PROBE = """<script>
const report = {viewport: window.innerWidth, width: document.documentElement.scrollWidth,
                marks: [], chips: [], clipped: []};
for (const box of document.querySelectorAll(".ag-view, .ag-view div")) {
  if (box.scrollWidth > box.clientWidth + 1) report.clipped.push(box.className);
}
for (const m of document.querySelectorAll("mark.ag-ent")) {
  m.scrollIntoView({block: "center"});
  const box = m.getClientRects()[0];
  const style = getComputedStyle(m);
  const hit = box ? document.elementFromPoint(box.left + Math.min(4, box.width / 2),
                                               box.top + box.height / 2) : null;
  report.marks.push({
    text: m.firstChild ? m.firstChild.textContent : "", label: m.dataset.label,
    width: box ? box.width : 0, height: box ? box.height : 0,
    background: style.backgroundColor, color: style.color, visibility: style.visibility,
    display: style.display, opacity: style.opacity,
    onTop: hit !== null && (hit === m || m.contains(hit)), title: m.title,
  });
}
for (const c of document.querySelectorAll(".ag-chip")) {
  const box = c.getBoundingClientRect();
  report.chips.push({text: c.textContent, width: box.width, height: box.height});
}
const out = document.createElement("pre");
out.id = "ag-report";
out.textContent = JSON.stringify(report);
document.body.appendChild(out);
</script>"""


def chromium(args, tmp_path):
    command = [
        BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000", *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def probe(page, tmp_path, name):
    path = tmp_path / f"{name}.probe.html"
    path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium(["--window-size=1200,900", "--dump-dom", path.as_uri()], tmp_path)
    match = re.search(r'<pre id="ag-report">(.*?)</pre>', dom, re.S)
    assert match, "the probe script ran"
    return json.loads(html.unescape(match.group(1)))


def screenshot(page, tmp_path, artifacts, name, size="1200,1400"):
    path = tmp_path / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    png = artifacts / f"{name}.png"
    chromium([f"--window-size={size}", f"--screenshot={png}", path.as_uri()], tmp_path)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return png


def rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def css_rgb(hex_colour):
    return "rgb({}, {}, {})".format(*rgb(hex_colour))


def pixels_of(png, hex_colour):
    """How many pixels of the screenshot have exactly this colour (None without
    matplotlib to read the PNG)."""
    try:
        import matplotlib.image
        import numpy as np
    except ImportError:
        return None
    image = (matplotlib.image.imread(png)[:, :, :3] * 255).round().astype(int)
    return int((image == np.array(rgb(hex_colour))).all(axis=2).sum())


def check_marks(report, doc):
    marks = report["marks"]
    assert [m["text"] for m in marks] == [m.text for m in doc.entities]
    assert [m["label"] for m in marks] == [m.label for m in doc.entities]
    for mark in marks:
        assert mark["width"] > 0 and mark["height"] > 0, mark
        assert mark["visibility"] == "visible" and mark["display"] != "none", mark
        assert mark["opacity"] == "1", mark
        assert mark["onTop"], f"something covers {mark['text']!r}"
        assert mark["background"] == css_rgb(label_colour(mark["label"])), mark
        assert mark["background"] != mark["color"]
    # Nothing spills sideways out of the window or hides in a scrolled box.
    assert report["width"] <= report["viewport"] + 1
    assert report["clipped"] == []


def test_doc_highlights_are_visible_in_chromium(tmp_path, artifacts):
    nlp = actorgraph.Pipeline(model=None, relations=None)
    doc = nlp(NASTY, entities=GIVEN)
    assert [m.text for m in doc.entities] == ["Zürich", "Haftar", "Leon", "Tobruk"]
    page = actorgraph.render(doc, page=True, jupyter=False)
    report = probe(page, tmp_path, "nasty_doc")
    check_marks(report, doc)
    assert report["marks"][1]["title"].startswith("Person\nscore 1.00")
    png = screenshot(page, tmp_path, artifacts, "nasty_doc", size="900,500")
    for label in ("Location", "Person"):
        n = pixels_of(png, label_colour(label))
        assert n is None or n > 200, (label, n)


def test_seed_doc_and_corpus_in_chromium(nlp, tmp_path, artifacts):
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    page = actorgraph.render(doc, page=True, jupyter=False)
    check_marks(probe(page, tmp_path, "seed_doc"), doc)
    png = screenshot(page, tmp_path, artifacts, "seed_doc")
    for label in ("Location", "Person", "Temporal"):
        n = pixels_of(png, label_colour(label))
        assert n is None or n > 500, (label, n)

    paragraphs = [p for p in text.split("\n") if p.strip()]
    corpus = nlp.analyze(paragraphs, progress=False)
    page = actorgraph.render(corpus, page=True, jupyter=False)
    report = probe(page, tmp_path, "seed_corpus")
    chips = {c["text"]: c for c in report["chips"]}
    for e in corpus.entities()[:5]:
        assert chips[e.name]["width"] > 0 and chips[e.name]["height"] > 0
    assert report["width"] <= report["viewport"] + 1
    assert report["clipped"] == []
    screenshot(page, tmp_path, artifacts, "seed_corpus", size="1200,1000")


# Rules of the kind JupyterLab's dark theme applies to every output (its
# .jp-RenderedHTMLCommon styles): light text, dark odd rows, centred fixed tables.
NOTEBOOK_DARK = """<style>
body{background:#111;color:#ddd}
.jp-RenderedHTMLCommon{color:#ddd}
.jp-RenderedHTMLCommon table{color:#ddd;table-layout:fixed;margin-left:auto;margin-right:auto}
.jp-RenderedHTMLCommon tbody tr:nth-child(odd){background:#111}
.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{text-align:right}
</style>"""

CELLS = """<script>
const cells = [...document.querySelectorAll(".ag-view td")].map(td => ({
  color: getComputedStyle(td).color,
  row: getComputedStyle(td.parentElement).backgroundColor,
  align: getComputedStyle(td).textAlign,
  numeric: td.classList.contains("ag-num"),
}));
const view = getComputedStyle(document.querySelector(".ag-view"));
const out = document.createElement("pre");
out.id = "ag-report";
out.textContent = JSON.stringify({cells, view: [view.color, view.backgroundColor]});
document.body.appendChild(out);
</script>"""


def test_views_keep_their_colours_under_a_dark_notebook_theme(nlp, tmp_path, artifacts):
    doc = nlp("Egypt and the UAE backed Khalifa Haftar. Haftar met Sisi in Cairo.")
    corpus = nlp.analyze([doc.text, "Qatar condemned Egypt."], progress=False)
    fragment = doc._repr_html_() + corpus._repr_html_()
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{NOTEBOOK_DARK}</head><body>"
        f'<div class="jp-RenderedHTMLCommon">{fragment}</div></body></html>'
    )
    path = tmp_path / "dark.probe.html"
    path.write_text(page.replace("</body>", CELLS + "</body>"), encoding="utf-8")
    dom = chromium(["--window-size=1200,900", "--dump-dom", path.as_uri()], tmp_path)
    report = json.loads(html.unescape(re.search(r'<pre id="ag-report">(.*?)</pre>', dom, re.S)[1]))
    assert report["view"] == ["rgb(33, 37, 41)", "rgb(255, 255, 255)"]
    assert len(report["cells"]) > 10
    for cell in report["cells"]:
        assert cell["color"] == "rgb(33, 37, 41)", cell
        assert cell["row"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), cell
        assert cell["align"] == ("right" if cell["numeric"] else "left"), cell
    screenshot(page, tmp_path, artifacts, "dark_notebook", size="1200,900")
