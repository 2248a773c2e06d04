"""The actor network: a plot (networkx + matplotlib) and files for Gephi and the web.

:meth:`Corpus.graph` builds the networkx Graph; :func:`plot_graph` draws it with node
colour by label (the colours of the HTML view), node size by mentions, edge width by
a score and edge colour by tone; :func:`write_graph` saves it as GraphML, GEXF or a
JSON node-link file.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.corpus import Corpus
from actorgraph.output.palette import label_colour, tone_colour

if TYPE_CHECKING:
    import networkx

#: Edge attributes :func:`plot_graph` can size edges by.
SCORES = ("npmi", "pmi", "llr", "count", "documents", "relations")

#: File formats :func:`write_graph` writes, by file suffix.
FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}

# Characters XML 1.0 forbids: a text with a stray form feed or NUL would otherwise
# give a GraphML file that Gephi and networkx refuse to read back.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _as_graph(
    obj: Any, min_count: int, period: Any, freq: str | None, caller: str
) -> networkx.Graph:
    import networkx as nx

    if isinstance(obj, Corpus):
        return obj.graph(min_count, period=period, freq=freq)
    if isinstance(obj, nx.Graph):
        if period is not None or freq is not None:
            raise ValueError(f"{caller}: period= and freq= need a Corpus, not a Graph")
        return obj
    raise TypeError(
        f"{caller} takes a Corpus or a networkx Graph (corpus.graph()), got {type(obj).__name__}"
    )


def filter_graph(
    graph: networkx.Graph,
    *,
    labels: Iterable[str] | None = None,
    min_score: float | None = None,
    score: str = "npmi",
    top: int | None = None,
    isolated: bool = False,
) -> networkx.Graph:
    """A filtered copy of an actor graph.

    Args:
        labels: keep nodes with these labels only.
        min_score: keep edges whose ``score`` attribute is at least this.
        score: the edge attribute ``min_score`` applies to (``"npmi"``, ``"llr"``,
            ``"count"``...).
        top: keep the ``top`` most mentioned nodes (after the label filter).
        isolated: keep nodes left without edges.

    Raises:
        ValueError: an edge lacks the ``score`` attribute.

    >>> import actorgraph
    >>> from actorgraph.output.graph import filter_graph
    >>> corpus = actorgraph.Pipeline(model=None).analyze(["Egypt backed Haftar in Cairo."])
    >>> sorted(filter_graph(corpus.graph(), labels=["Location"]).nodes)
    ['country:EG', 'geonames:360630']
    """
    g = graph.copy()
    if labels is not None:
        wanted = {labels} if isinstance(labels, str) else set(labels)
        g.remove_nodes_from([n for n, d in g.nodes(data=True) if d.get("label") not in wanted])
    if top is not None:
        if not isinstance(top, int) or isinstance(top, bool) or top < 1:
            raise ValueError(f"top must be a positive int or None, got {top!r}")
        ranked = sorted(g.nodes(data=True), key=lambda nd: -nd[1].get("mentions", 0))
        g.remove_nodes_from([n for n, _ in ranked[top:]])
    if min_score is not None:
        low = []
        for a, b, d in g.edges(data=True):
            if score not in d:
                raise ValueError(f"edge {a!r}-{b!r} has no {score!r} attribute to filter on")
            if not d[score] >= min_score:  # NaN scores go too
                low.append((a, b))
        g.remove_edges_from(low)
    if not isolated:
        g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    return g


def plot_graph(
    corpus_or_graph: Corpus | networkx.Graph,
    *,
    labels: Iterable[str] | None = None,
    min_score: float | None = None,
    score: str = "npmi",
    min_count: int = 1,
    period: Any = None,
    freq: str | None = None,
    top: int | None = 60,
    isolated: bool = False,
    ax: Any = None,
    seed: int = 0,
    names: bool = True,
    legend: bool = True,
) -> Any:
    """Draws the actor network with matplotlib and returns the Axes.

    Node colour is the entity label (the HTML view's colours), node area grows with
    mentions, edge width with ``score`` (scaled between the weakest and strongest edge
    shown), edge colour with tone (red conflict, grey neutral, green cooperation).

    Args:
        corpus_or_graph: a :class:`~actorgraph.Corpus`, or a graph from
            :meth:`Corpus.graph` (filtered or edited as you like).
        labels: draw only entities with these labels (``["Person",
            "Organisation"]``).
        min_score: draw only edges whose ``score`` is at least this.
        score: the edge attribute for width and ``min_score``: ``"npmi"`` (default),
            ``"pmi"``, ``"llr"``, ``"count"``, ``"documents"`` or ``"relations"``.
        min_count: pairs must share this many sentences (with a Corpus).
        period, freq: only that period's documents, as :meth:`Corpus.graph` takes
            them (``period="2015-03"``).
        top: draw the ``top`` most mentioned entities (None: all; a layout of
            thousands of nodes is slow and unreadable).
        isolated: also draw entities left without an edge.
        ax: a matplotlib Axes to draw on (default: a new figure).
        seed: the layout's random seed (the same seed gives the same picture).
        names: write entity names beside the nodes.
        legend: add a legend of labels and tones.

    Raises:
        ImportError: matplotlib is not installed.
        ValueError: an unknown ``score``, or ``period`` with a graph.

    >>> import actorgraph
    >>> corpus = actorgraph.Pipeline().analyze(["Egypt backed Haftar.", "Haftar met Sisi."])
    >>> ax = actorgraph.plot_graph(corpus, labels=["Person", "Location"])  # doctest: +SKIP
    >>> ax.figure.savefig("network.png", dpi=150)  # doctest: +SKIP
    """
    try:
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
    except ImportError:
        raise ImportError(
            "plot_graph needs matplotlib: pip install matplotlib "
            "(or export the graph with actorgraph.write_graph and open it in Gephi)"
        ) from None
    import networkx as nx

    if score not in SCORES:
        raise ValueError(f"score must be one of {', '.join(SCORES)}, got {score!r}")
    graph = _as_graph(corpus_or_graph, min_count, period, freq, "plot_graph")
    g = filter_graph(
        graph, labels=labels, min_score=min_score, score=score, top=top, isolated=isolated
    )
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 7))
    ax.set_axis_off()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no entities left after filtering", ha="center", va="center")
        return ax

    # k is the spring's rest length: the default (1/sqrt(n)) packs each small
    # component into a clump where the nodes hide their edges.
    pos = nx.spring_layout(g, seed=seed, k=3.0 / math.sqrt(g.number_of_nodes()), iterations=100)
    nodes = list(g.nodes)
    mentions = [max(1, int(g.nodes[n].get("mentions", 1))) for n in nodes]
    most = max(mentions)
    nx.draw_networkx_nodes(
        g,
        pos,
        nodelist=nodes,
        node_color=[label_colour(str(g.nodes[n].get("label", ""))) for n in nodes],
        node_size=[40 + 560 * math.sqrt(m / most) for m in mentions],
        edgecolors="#495057",
        linewidths=0.6,
        ax=ax,
    )
    edges = list(g.edges(data=True))
    if edges:
        values = [float(d.get(score, 0.0)) for _, _, d in edges]
        finite = [v for v in values if math.isfinite(v)]
        lo, hi = (min(finite), max(finite)) if finite else (0.0, 0.0)

        def width(v: float) -> float:
            if not math.isfinite(v) or hi <= lo:
                return 2.0
            return 0.6 + 5.0 * (v - lo) / (hi - lo)

        nx.draw_networkx_edges(
            g,
            pos,
            edgelist=[(a, b) for a, b, _ in edges],
            width=[width(v) for v in values],
            edge_color=[tone_colour(float(d.get("tone", 0.0))) for _, _, d in edges],
            alpha=0.8,
            ax=ax,
        )
    if names:
        nx.draw_networkx_labels(
            g,
            pos,
            labels={n: str(g.nodes[n].get("name", n)) for n in nodes},
            font_size=8,
            ax=ax,
        )
    if legend:
        shown = sorted({str(g.nodes[n].get("label", "")) for n in nodes})
        handles: list[Any] = [Patch(color=label_colour(label), label=label) for label in shown]
        handles += [
            Line2D([], [], color=tone_colour(t), linewidth=3, label=name)
            for t, name in ((-1.0, "conflict"), (0.0, "neutral"), (1.0, "cooperation"))
        ]
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False
        )
    title = f"edge width: {score}"
    if "period" in g.graph:
        title = f"{g.graph['period']} · {title}"
    ax.set_title(title, fontsize=9)
    return ax


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def node_link(graph: networkx.Graph) -> dict[str, Any]:
    """A graph as a JSON-ready node-link dict (``nodes``, ``edges``), the layout
    ``networkx.node_link_graph(data, edges="edges")`` and d3 read. Infinite or NaN
    numbers become None (JSON has no NaN).

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_edge("a", "b", count=2)
    >>> node_link(g)["edges"]
    [{'source': 'a', 'target': 'b', 'count': 2}]
    """
    return {
        "directed": graph.is_directed(),
        "multigraph": graph.is_multigraph(),
        "graph": {k: _finite(v) for k, v in graph.graph.items()},
        "nodes": [
            {"id": n, **{k: _finite(v) for k, v in d.items()}} for n, d in graph.nodes(data=True)
        ],
        "edges": [
            {"source": a, "target": b, **{k: _finite(v) for k, v in d.items()}}
            for a, b, d in graph.edges(data=True)
        ],
    }


def _xml_safe(graph: networkx.Graph) -> networkx.Graph:
    """A copy whose str attributes and node keys hold no XML-forbidden characters."""

    def clean(value: Any) -> Any:
        return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value

    out = graph.__class__()
    out.graph.update({k: clean(v) for k, v in graph.graph.items()})
    for n, d in graph.nodes(data=True):
        out.add_node(clean(n), **{k: clean(v) for k, v in d.items()})
    for a, b, d in graph.edges(data=True):
        out.add_edge(clean(a), clean(b), **{k: clean(v) for k, v in d.items()})
    return out


def write_graph(
    corpus_or_graph: Corpus | networkx.Graph,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    min_count: int = 1,
    period: Any = None,
    freq: str | None = None,
) -> Path:
    """Writes the actor network to a file: GraphML (yEd, Cytoscape, networkx), GEXF
    (Gephi) or JSON node-link (d3, ``networkx.node_link_graph(data, edges="edges")``).

    Args:
        corpus_or_graph: a Corpus (its :meth:`Corpus.graph`) or a networkx Graph.
        path: the file; its suffix (``.graphml``, ``.gexf``, ``.json``) picks the
            format unless ``format`` is given.
        format: ``"graphml"``, ``"gexf"`` or ``"json"``.
        min_count, period, freq: as for :meth:`Corpus.graph`.

    Returns:
        The path written.

    Raises:
        ValueError: an unknown format or suffix.

    >>> import actorgraph, pathlib, tempfile
    >>> corpus = actorgraph.Pipeline(model=None).analyze(["Egypt backed Haftar."])
    >>> path = actorgraph.write_graph(corpus, pathlib.Path(tempfile.mkdtemp()) / "network.gexf")
    >>> path.name, "Haftar" in path.read_text(encoding="utf-8")
    ('network.gexf', True)
    """
    import networkx as nx

    path = Path(path)
    if format is None:
        format = FORMATS.get(path.suffix.lower())
        if format is None:
            raise ValueError(
                f"cannot tell the format of {str(path)!r} from its suffix: use "
                f"{', '.join(FORMATS)} or format='graphml', 'gexf' or 'json'"
            )
    if format not in FORMATS.values():
        raise ValueError(f"format must be 'graphml', 'gexf' or 'json', got {format!r}")
    graph = _as_graph(corpus_or_graph, min_count, period, freq, "write_graph")
    if format == "json":
        with open(path, "w", encoding="utf-8") as f:
            json.dump(node_link(graph), f, ensure_ascii=False, allow_nan=False, indent=1)
    elif format == "graphml":
        nx.write_graphml(_xml_safe(graph), path)
    else:
        nx.write_gexf(_xml_safe(graph), path)
    return path
