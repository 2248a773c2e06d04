"""The actor network: graph attributes, per-period graphs, filters, the plot and the
GraphML / GEXF / JSON files."""

import json
import sys

import networkx as nx
import pytest

import actorgraph
from actorgraph.output.graph import filter_graph, node_link
from actorgraph.output.palette import label_colour, tone_colour

TEXTS = [
    "Egypt bombed Libya. Egypt and the UAE backed Khalifa Haftar.",
    "Khalifa Haftar met Sisi in Cairo.\x0cEgypt supported Haftar.",
    "Qatar condemned Egypt. Qatar met Haftar in Doha.",
]
DATES = ["2015-03-01", "2015-03-20", "2015-04-02"]


@pytest.fixture(scope="module")
def corpus(nlp):
    return nlp.analyze(TEXTS, ids=["a", "b", "c"], dates=DATES, progress=False)


@pytest.fixture
def plt():
    matplotlib = pytest.importorskip("matplotlib", reason="plot_graph needs matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def test_graph_attributes_are_graphml_safe_and_match_the_tables(corpus):
    g = corpus.graph()
    for _, data in g.nodes(data=True):
        assert set(data) == {"name", "label", "mentions", "sentences", "documents"}
    for _, _, data in g.edges(data=True):
        assert {"count", "npmi", "tone", "relations", "evidence", "evidence_doc_id"} <= set(data)
    for data in [d for _, d in g.nodes(data=True)] + [d for *_, d in g.edges(data=True)]:
        for value in data.values():
            assert type(value) in (str, int, float, bool), (value, type(value))
    entities = corpus.entity_index()
    assert set(g.nodes) == set(entities)
    for key, e in entities.items():
        assert g.nodes[key]["mentions"] == e.mentions
    for edge in corpus.edges():
        data = g.edges[edge.source, edge.target]
        assert (data["count"], data["tone"]) == (edge.count, edge.tone)
        assert data["evidence_doc_id"] == str(edge.evidence[0].doc_id)


def test_period_graph_matches_edges_df(corpus):
    pytest.importorskip("pandas")
    table = corpus.edges_df(freq="M")
    for period in ("2015-03", "2015-04"):
        g = corpus.graph(period=period)
        assert g.graph["period"] == period
        rows = table[table.period.astype(str) == period]
        assert {tuple(sorted(e)) for e in g.edges} == {
            tuple(sorted(p)) for p in rows[["source", "target"]].values.tolist()
        }
        for row in rows.itertuples():
            data = g.edges[row.source, row.target]
            assert data["count"] == row.count
            assert data["tone"] == pytest.approx(row.tone)
    # Only April's document mentions Qatar and Doha.
    april = corpus.graph(period="2015-04")
    assert "country:QA" in april and "country:QA" not in corpus.graph(period="2015-03")
    assert april.nodes["country:QA"]["mentions"] == 2
    # A week, and a period without documents.
    assert corpus.graph(period="2015-03-02", freq="W").number_of_nodes() == 0
    assert corpus.graph(period="2015-03-20", freq="W").number_of_edges() > 0
    with pytest.raises(ValueError, match="not a pandas period"):
        corpus.graph(period="the spring")
    with pytest.raises(ValueError, match="freq= goes with period="):
        corpus.graph(freq="M")
    undated = actorgraph.Pipeline(model=None).analyze(TEXTS, progress=False)
    with pytest.raises(ValueError, match="needs document dates"):
        undated.graph(period="2015-03")


def test_filter_graph(corpus):
    g = corpus.graph()
    people = filter_graph(g, labels=["Person"], isolated=True)
    assert {d["label"] for _, d in people.nodes(data=True)} == {"Person"}
    assert filter_graph(g, labels="Person", isolated=True).nodes == people.nodes
    strong = filter_graph(g, min_score=2, score="count")
    assert strong.number_of_edges() > 0
    assert all(d["count"] >= 2 for *_, d in strong.edges(data=True))
    assert all(strong.degree(n) > 0 for n in strong)
    top = filter_graph(g, top=2, isolated=True)
    most = sorted(d["mentions"] for _, d in g.nodes(data=True))[-2:]
    assert sorted(d["mentions"] for _, d in top.nodes(data=True)) == most
    assert g.number_of_nodes() == len(corpus.entity_index())  # the input is untouched
    with pytest.raises(ValueError, match="has no 'weight' attribute"):
        filter_graph(g, min_score=1, score="weight")
    with pytest.raises(ValueError, match="top must be a positive int"):
        filter_graph(g, top=0)


def test_plot_graph_colours_sizes_widths(corpus, plt):
    ax = actorgraph.plot_graph(corpus, seed=1)
    g = filter_graph(corpus.graph(), top=60)
    nodes, edges = ax.collections[0], ax.collections[1]
    assert len(nodes.get_offsets()) == g.number_of_nodes()
    order = list(g.nodes)
    colours = [tuple(round(c, 3) for c in rgba[:3]) for rgba in nodes.get_facecolors()]
    expected = [_rgb(label_colour(g.nodes[n]["label"])) for n in order]
    assert colours == expected
    sizes = list(nodes.get_sizes())
    biggest = max(order, key=lambda n: g.nodes[n]["mentions"])
    assert sizes[order.index(biggest)] == max(sizes)
    widths = list(edges.get_linewidths())
    edge_list = list(g.edges(data=True))
    strongest = max(range(len(edge_list)), key=lambda i: edge_list[i][2]["npmi"])
    assert widths[strongest] == max(widths)
    edge_colours = [tuple(round(c, 3) for c in rgba[:3]) for rgba in edges.get_colors()]
    assert edge_colours == [_rgb(tone_colour(d["tone"])) for *_, d in edge_list]
    assert any(d["tone"] < 0 for *_, d in edge_list), "the fixture has a conflict edge"
    names = {t.get_text() for t in ax.texts}
    assert "Khalifa Haftar" in names
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "conflict" in legend and "Person" in legend


def test_plot_graph_filters_and_errors(corpus, plt):
    ax = actorgraph.plot_graph(corpus, labels=["Location"], period="2015-04", names=False)
    april = filter_graph(corpus.graph(period="2015-04"), labels=["Location"])
    assert {"country:QA", "country:EG", "geonames:290030"} <= set(april)  # Qatar, Egypt, Doha
    assert len(ax.collections[0].get_offsets()) == april.number_of_nodes()
    assert not ax.texts  # names=False
    assert "2015-04" in ax.get_title()
    _, own = plt.subplots()
    assert actorgraph.plot_graph(corpus.graph(), ax=own, min_score=2, score="count") is own
    empty = actorgraph.plot_graph(corpus, labels=["Weapon"])
    assert "no entities left" in empty.texts[0].get_text()
    with pytest.raises(ValueError, match="score must be one of"):
        actorgraph.plot_graph(corpus, score="weight")
    with pytest.raises(ValueError, match="need a Corpus"):
        actorgraph.plot_graph(corpus.graph(), period="2015-03")
    with pytest.raises(TypeError, match="takes a Corpus or a networkx Graph"):
        actorgraph.plot_graph(corpus.docs[0])


def test_plot_graph_without_matplotlib(corpus, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        actorgraph.plot_graph(corpus)


def _rgb(hex_colour):
    return tuple(round(int(hex_colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_write_graph_round_trips(corpus, tmp_path, suffix):
    g = corpus.graph()
    path = actorgraph.write_graph(corpus, tmp_path / f"network{suffix}")
    assert path.exists()
    if suffix == ".graphml":
        back = nx.read_graphml(path)
    elif suffix == ".gexf":
        back = nx.read_gexf(path)
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data == node_link(g)
        back = nx.Graph()
        back.add_nodes_from((n.pop("id"), n) for n in data["nodes"])
        back.add_edges_from((e.pop("source"), e.pop("target"), e) for e in data["edges"])
    assert set(back.nodes) == set(g.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in g.edges}
    key = "country:EG"
    assert back.nodes[key]["label"] == "Location"
    assert int(back.nodes[key]["mentions"]) == g.nodes[key]["mentions"]
    # The form feed in text "b" cannot go into XML; the evidence keeps the rest.
    evidence = [d["evidence"] for *_, d in back.edges(data=True)]
    assert any("Sisi in Cairo." in e for e in evidence)
    if suffix != ".json":
        assert not any("\x0c" in e for e in evidence)


def test_write_graph_options_and_errors(corpus, tmp_path):
    path = actorgraph.write_graph(corpus, tmp_path / "april.txt", format="json", period="2015-04")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["graph"] == {"period": "2015-04"}
    assert {n["id"] for n in data["nodes"]} >= {"country:QA"}
    with pytest.raises(ValueError, match="cannot tell the format"):
        actorgraph.write_graph(corpus, tmp_path / "network.png")
    with pytest.raises(ValueError, match="format must be"):
        actorgraph.write_graph(corpus, tmp_path / "n.graphml", format="dot")
    with pytest.raises(TypeError, match="takes a Corpus or a networkx Graph"):
        actorgraph.write_graph([1, 2], tmp_path / "n.graphml")
    nan = nx.Graph()
    nan.add_edge("a", "b", pmi=float("nan"))
    actorgraph.write_graph(nan, tmp_path / "nan.json")
    assert json.loads((tmp_path / "nan.json").read_text())["edges"][0]["pmi"] is None
