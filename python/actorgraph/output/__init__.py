"""Outputs: HTML views for notebooks and browsers, the actor network (plot and
GraphML/GEXF/JSON files), and the CSV tables of ``actorgraph analyze --out``."""

from actorgraph.output.files import write_outputs
from actorgraph.output.graph import filter_graph, node_link, plot_graph, write_graph
from actorgraph.output.html import corpus_html, doc_html, render

__all__ = [
    "corpus_html",
    "doc_html",
    "filter_graph",
    "node_link",
    "plot_graph",
    "render",
    "write_graph",
    "write_outputs",
]
