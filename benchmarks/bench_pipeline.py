"""Throughput of the whole pipeline on the seed corpus, by thread count.

    python benchmarks/bench_pipeline.py [--copies 2000] [--model bundled|none|PATH]

Prints words per second for 1 thread and for all cores, and start-up time (loading
the bundled gazetteer). Peers (spaCy, flashtext...) are compared in later benchmarks.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import actorgraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2000, help="seed copies (documents)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; best is kept")
    parser.add_argument(
        "--model", default="bundled", help="tagger: 'bundled' (default), 'none' or a model file"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    model = None if args.model == "none" else args.model
    nlp = actorgraph.Pipeline(model=model)
    startup = time.perf_counter() - started
    text = SEED.read_text(encoding="utf-8")
    texts = [text] * args.copies
    words = len(text.split()) * args.copies

    tagger = f", tagger {args.model}" if model else ", no tagger"
    print(f"start-up (gazetteer of {nlp.gazetteer_size:,} aliases{tagger}): {startup:.2f} s")
    print(f"corpus: {args.copies:,} documents, {words:,} words, {len(text) * args.copies:,} chars")
    cores = os.cpu_count() or 1
    rates = {}
    for threads in sorted({1, cores}):
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=512, n_threads=threads, progress=False):
                pass
            best = min(best, time.perf_counter() - t0)
        rates[threads] = words / best
        print(f"threads={threads}: {best:.3f} s, {rates[threads]:,.0f} words/s (with Doc objects)")
    if len(rates) > 1:
        print(f"speed-up 1 -> {cores} threads: {rates[cores] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
