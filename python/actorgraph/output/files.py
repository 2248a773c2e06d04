"""Writes a corpus as CSV tables, graph files and an HTML summary."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from actorgraph.corpus import Corpus
from actorgraph.output.graph import write_graph
from actorgraph.output.html import as_page, corpus_html


def write_outputs(corpus: Corpus, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Writes ``mentions.csv``, ``entities.csv``, ``relations.csv``, the actor network
    as ``graph.graphml``, ``graph.gexf`` (Gephi) and ``graph.json`` (node-link), and
    ``corpus.html``, the corpus summary a notebook shows.

    ``relations.csv`` has one row per entity pair and evidence sentence, so no
    evidence is lost; offsets are code points into the document's text.

    Returns:
        The paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entities = corpus.entity_index()
    paths = [out / n for n in ("mentions.csv", "entities.csv", "relations.csv")]

    with open(paths[0], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["doc_id", "start", "end", "text", "label", "score", "source", "id", "canonical"]
        )
        for doc_id, doc in zip(corpus.ids, corpus.docs, strict=True):
            for m in doc.entities:
                w.writerow(
                    [doc_id, m.start, m.end, m.text, m.label, f"{m.score:.3f}", m.source,
                     m.id or "", m.canonical or ""]
                )  # fmt: skip

    with open(paths[1], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key", "name", "label", "mentions", "sentences", "documents"])
        for e in entities.values():
            w.writerow([e.key, e.name, e.label, e.mentions, e.sentences, e.documents])

    with open(paths[2], "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["source", "source_name", "target", "target_name", "count", "documents", "pmi",
             "npmi", "llr", "p_value", "doc_id", "sentence_start", "sentence_end", "evidence"]
        )  # fmt: skip
        for edge in corpus.edges():
            names = (entities[edge.source].name, entities[edge.target].name)
            for ev in edge.evidence:
                w.writerow(
                    [edge.source, names[0], edge.target, names[1], edge.count, edge.documents,
                     f"{edge.pmi:.4f}", f"{edge.npmi:.4f}", f"{edge.llr:.4f}",
                     f"{edge.p_value:.4g}", ev.doc_id, ev.start, ev.end, ev.text]
                )  # fmt: skip

    graph = corpus.graph()
    paths += [write_graph(graph, out / f"graph{ext}") for ext in (".graphml", ".gexf", ".json")]
    paths.append(out / "corpus.html")
    paths[-1].write_text(as_page(corpus_html(corpus), "actorgraph corpus"), encoding="utf-8")
    return paths
