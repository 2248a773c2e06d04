"""Relation extraction quality on re3d-dev: 5-fold cross-validation by document.

    python benchmarks/bench_relations.py [--folds 5] [--seed 1] [--end-to-end] [--speed]

Each fold trains the relation classifier on the other folds' documents (exactly as
``python -m actorgraph.builders.relations`` does on all of them) and predicts on its
own, with the gold entities given. Printed, pooled over the folds:

- typed + directed: type and direction must match a gold relation;
- directed, any type; pair detection: the unordered pair must be related at all;
- the every-pair baseline: each pair of gold entities in one of our sentences
  counts as related (pair detection), or as the most frequent type (typed);
- a reliability table of the classifier's scores: does 0.7 mean right 70% of the time?
- with ``--end-to-end``: the bundled Pipeline on the raw text (its tagger was trained
  on these documents, so its entities are optimistic), each fold's relation model,
  relations counted right when both predicted ends equal gold entity spans.

- with ``--speed``: what the relation classifier costs, one thread, seed text x 300:
  the bundled Pipeline with ``relations=None`` (co-occurrence pairs only) against the
  default (classified), best of 5 each, interleaved.

Folds are fixed by a hash of the document ids (``hash_folds``), so runs compare.
``--seed`` changes only the training shuffles: a gain worth keeping holds over several.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import actorgraph
from actorgraph import _core
from actorgraph.training.corpora import RE3D_PARTS, hash_folds
from actorgraph.training.metrics import Item, Score, reliability, score
from actorgraph.training.re3d import GoldDoc, read_re3d
from actorgraph.training.relations import SEED as TRAIN_SEED
from actorgraph.training.relations import predict_relations, train_relations

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "000_e183ab97ab092207.txt"


def speed(copies: int = 300, repeat: int = 5) -> None:
    """Seconds per run of the pipeline with and without the relation classifier."""
    texts = [SEED.read_text(encoding="utf-8")] * copies
    pipelines = {
        "relations=None": actorgraph.Pipeline(relations=None, n_threads=1),
        "relations='bundled'": actorgraph.Pipeline(n_threads=1),
    }
    best = dict.fromkeys(pipelines, float("inf"))
    found = dict.fromkeys(pipelines, 0)
    for _ in range(repeat):
        for name, nlp in pipelines.items():
            started = time.perf_counter()
            docs = list(nlp.pipe(texts, progress=False))
            best[name] = min(best[name], time.perf_counter() - started)
            found[name] = sum(len(d.relations) for d in docs)
    words = len(texts[0].split()) * copies
    print(f"speed, one thread, seed text x {copies} ({words:,} words), best of {repeat}:")
    for name, seconds in best.items():
        rate = words / seconds
        print(f"  {name:<22} {seconds:.3f} s  {rate:,.0f} words/s  ({found[name]} relations)")
    base = best["relations=None"]
    added = best["relations='bundled'"] / base - 1
    print(f"  the classifier adds {100 * added:.1f}%")


def _unordered(items: list[Item]) -> list[Item]:
    return [(d, min(s, t), max(s, t), "related") for d, s, t, _ in items]


def _row(name: str, s: Score) -> str:
    return f"  {name:<34} P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}  (gold {s.support})"


def _same_sentence_pairs(doc: GoldDoc) -> list[tuple[int, int]]:
    tokens, sentences = _core.tokenize(doc.text)
    bounds = [(tokens[a][0], tokens[b - 1][1]) for a, b in sentences if b > a]

    def sentence(pos: int) -> int | None:
        return next((i for i, (s, e) in enumerate(bounds) if s <= pos < e), None)

    where = [sentence(s) for s, _, _ in doc.spans]
    return [
        (i, j)
        for i in range(len(doc.spans))
        for j in range(i + 1, len(doc.spans))
        if where[i] is not None and where[i] == where[j]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=TRAIN_SEED, help="training shuffle seed")
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    if args.speed:
        speed()
    docs = read_re3d([args.data / "re3d-dev" / part for part in RE3D_PARTS])
    folds = hash_folds(docs, args.folds)
    gold: list[Item] = []
    pred: list[Item] = []
    scored: list[tuple[Item, float]] = []
    baseline: list[Item] = []
    e2e_gold: list[Item] = []
    e2e_pred: list[Item] = []
    started = time.perf_counter()
    for k, test in enumerate(folds):
        train = [d for j, fold in enumerate(folds) if j != k for d in fold]
        model = train_relations(train, seed=args.seed)
        for doc, found in zip(test, predict_relations(model, test), strict=True):
            truth = {(s, t, label) for s, t, label in doc.relations}
            gold.extend((doc.doc_id, s, t, label) for s, t, label in truth)
            for s, t, label, p in found:
                pred.append((doc.doc_id, s, t, label))
                scored.append(((doc.doc_id, s, t, label), p))
            baseline.extend((doc.doc_id, i, j, "related") for i, j in _same_sentence_pairs(doc))
        if args.end_to_end:
            nlp = actorgraph.Pipeline(relations=model)
            for doc in test:
                spans = {(s, e): i for i, (s, e, _) in enumerate(doc.spans)}
                e2e_gold.extend((doc.doc_id, s, t, label) for s, t, label in doc.relations)
                # Toned co-occurrences of untyped pairs are not re3d relations.
                typed_found = [r for r in nlp(doc.text).relations if r.label != "CoOccurs"]
                for r in typed_found:
                    s = spans.get((r.source.start, r.source.end))
                    t = spans.get((r.target.start, r.target.end))
                    key = (-1, -1) if s is None or t is None else (s, t)
                    e2e_pred.append((doc.doc_id, *key, r.label))
    took = time.perf_counter() - started
    typed = score(gold, pred)
    detection = score(_unordered(gold), _unordered(pred)).overall
    common = Counter(label for *_, label in gold).most_common(1)[0][0]
    base_detection = score(_unordered(gold), baseline).overall
    base_typed = score(gold, [(d, s, t, common) for d, s, t, _ in baseline]).overall
    print(
        f"re3d-dev, {args.folds}-fold cross-validation by document, gold entities given,"
        f" seed {args.seed}"
    )
    print(f"({len(docs)} documents, {len(gold)} gold relations, {took:.1f} s)")
    print(_row("typed + directed", typed.overall))
    print(_row("directed, any type", typed.span))
    print(_row("pair detection", detection))
    print(_row("baseline: every pair, detection", base_detection))
    print(_row(f"baseline: every pair as {common}", base_typed))
    print("  per type (typed + directed):")
    for name, s in typed.labels.items():
        print(f"    {name:<18} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  ({s.support})")
    print("  reliability of the scores (predicted relations, typed + directed right?):")
    for b in reliability(gold, scored):
        if b.count:
            print(
                f"    [{b.low:.1f}, {b.high:.1f})  n={b.count:<5} right {b.correct / b.count:.2f}"
            )
    if args.end_to_end:
        e2e = score(e2e_gold, e2e_pred)
        e2e_detection = score(_unordered(e2e_gold), _unordered(e2e_pred)).overall
        print("end to end (bundled Pipeline's entities, which saw these documents in training):")
        print(_row("typed + directed", e2e.overall))
        print(_row("pair detection", e2e_detection))


if __name__ == "__main__":
    main()
