"""Entity resolution against re3d-dev's IsSynonymOf relations, and its cost.

    python benchmarks/bench_resolve.py [--data ../shared/data]

re3d marks names of the same thing with IsSynonymOf ("Syrian Democratic Forces
(SDF)", "Qayyarah Airfield West, also called Q-West"). Each unordered pair is a
gold link. A gold end is found when a predicted mention has exactly its span.

- recall: gold links whose two ends are found and share ``Mention.entity``;
  also given as a share of the links whose ends are both found;
- precision: of the predicted links (pairs of mentions with one
  ``Mention.entity``) whose two mentions are both ends of gold links, the share
  that are gold links, IsSynonymOf taken transitively (and the same name twice
  in one text counted as one entity, see ``closure``). re3d marks synonyms where
  a text introduces them ("X (Y)", "X, also called Y"), not every later
  co-reference, so links elsewhere cannot be judged against it;
- "other links": predicted links with different names between any two gold
  entity mentions, which re3d does not judge (most are right: "Jeff Davis" and
  "Davis", "U.S." and "the United States"); counted to show their number.

Two pipelines: the default one (its tagger was trained on these very documents,
so its mentions are better than on unseen text) and ``model=None`` (gazetteer,
patterns and name rules, trained on nothing here). Then the time resolution adds
per document (the seed, pipeline with and without it is not separable from
Python, so the Rust benchmark ``cargo bench --bench resolve`` measures it).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import actorgraph
from actorgraph.training.corpora import RE3D_PARTS, read_re3d_dev

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
Span = tuple[int, int]


def gold_links(data: Path) -> dict[str, set[frozenset[Span]]]:
    """IsSynonymOf pairs by document id, as unordered span pairs."""
    links: dict[str, set[frozenset[Span]]] = defaultdict(set)
    for part in RE3D_PARTS:
        with open(data / "re3d-dev" / part / "relations.json", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["type"] != "IsSynonymOf":
                    continue
                a = (row["sourceBegin"], row["sourceEnd"])
                b = (row["targetBegin"], row["targetEnd"])
                if a != b:
                    links[row["documentId"]].add(frozenset((a, b)))
    return links


def closure(pairs: set[frozenset[Span]], text: str) -> dict[Span, int]:
    """Gold clusters: span -> cluster number, IsSynonymOf taken transitively, and
    spans with the same text (case and spacing aside) in one cluster: re3d marks
    each introduction of a name separately ("Tobias Ellwood" is the synonym of
    two titles in one text), and one name in one text is one entity."""
    parent: dict[Span, Span] = {}

    def find(x: Span) -> Span:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[find(b)] = find(a)
    by_text: dict[str, Span] = {}
    for span in sorted(parent):
        name = " ".join(text[span[0] : span[1]].lower().split())
        first = by_text.setdefault(name, span)
        parent[find(span)] = find(first)
    roots: dict[Span, int] = {}
    return {x: roots.setdefault(find(x), len(roots)) for x in list(parent)}


def evaluate(nlp: actorgraph.Pipeline, docs, links) -> dict[str, float]:
    found_links = linked = predicted = correct = total = other = 0
    for doc in docs:
        gold = links.get(doc.doc_id, set())
        total += len(gold)
        result = nlp(doc.text)
        by_span = {(m.start, m.end): m for m in result.entities}
        for pair in gold:
            a, b = sorted(pair)
            ma, mb = by_span.get(a), by_span.get(b)
            if ma is not None and mb is not None:
                found_links += 1
                linked += ma.entity == mb.entity
        clusters = closure(gold, doc.text)
        ends = [m for m in result.entities if (m.start, m.end) in clusters]
        for ma, mb in combinations(ends, 2):
            if ma.entity == mb.entity:
                predicted += 1
                correct += clusters[(ma.start, ma.end)] == clusters[(mb.start, mb.end)]
        gold_spans = {(s, e) for s, e, _ in doc.spans}
        found = [m for m in result.entities if (m.start, m.end) in gold_spans]
        for ma, mb in combinations(found, 2):
            other += ma.entity == mb.entity and ma.text.lower() != mb.text.lower()
    return {
        "gold links": total,
        "both ends found": found_links,
        "recall": linked / total if total else 0.0,
        "recall (ends found)": linked / found_links if found_links else 0.0,
        "predicted links": predicted,
        "precision": correct / predicted if predicted else 0.0,
        "other links": other,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    args = parser.parse_args()
    docs = read_re3d_dev(args.data, echo=lambda _: None)
    links = gold_links(args.data)
    print(f"re3d-dev: {len(docs)} documents, {sum(map(len, links.values()))} IsSynonymOf links")
    header = ("gold links", "both ends found", "recall", "recall (ends found)")
    header += ("predicted links", "precision", "other links")
    print(f"{'pipeline':<28}" + "".join(f"{h:>20}" for h in header))
    for name, nlp in (
        ("Pipeline() (tagger saw these)", actorgraph.Pipeline()),
        ("Pipeline(model=None)", actorgraph.Pipeline(model=None)),
    ):
        row = evaluate(nlp, docs, links)
        cells = "".join(
            f"{row[h]:>20.4f}" if isinstance(row[h], float) else f"{row[h]:>20}" for h in header
        )
        print(f"{name:<28}{cells}")


if __name__ == "__main__":
    main()
