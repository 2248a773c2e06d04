"""The Dask path against the local one, on the same texts in one run.

    python benchmarks/bench_dask.py [--copies 600] [--partitions 8]

Local: ``nlp.analyze(texts)`` in this process on all cores. Dask: a
``LocalCluster`` of 2 worker processes with one thread each, ``actorgraph.dask.analyze``
over a bag of ``--partitions`` partitions (cluster start-up not timed; the first
run, which also ships the Pipeline to the workers, is reported apart). Checks that
both give the same edges. Needs ``dask[distributed]``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dask.bag as db
from dask.distributed import Client, LocalCluster

import actorgraph
import actorgraph.dask

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"


def seconds(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = run()
    return time.perf_counter() - started, value


def edges(corpus: actorgraph.Corpus) -> list[tuple]:
    return sorted((e.source, e.target, e.count, e.npmi, e.llr) for e in corpus.edges())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=600, help="seed copies (documents)")
    parser.add_argument("--partitions", type=int, default=8, help="bag partitions")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    texts = [text] * args.copies
    words = len(text.split()) * args.copies
    nlp = actorgraph.Pipeline()
    local_s, local = seconds(lambda: nlp.analyze(texts, progress=False))
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster),
    ):
        bag = db.from_sequence(texts, npartitions=args.partitions)
        first_s, _ = seconds(lambda: actorgraph.dask.analyze(nlp, bag))
        dask_s, distributed = seconds(lambda: actorgraph.dask.analyze(nlp, bag))
    assert edges(distributed) == edges(local), "Dask and local edges differ"
    print(f"{args.copies} documents, {words:,} words; same edges: yes")
    print(f"{'path':44} {'seconds':>8} {'words/s':>10} {'vs local':>9}")
    for name, s in (
        ("local analyze (all cores)", local_s),
        ("Dask, 2 workers x 1 thread, first run", first_s),
        ("Dask, 2 workers x 1 thread", dask_s),
    ):
        print(f"{name:44} {s:8.2f} {words / s:10,.0f} {local_s / s:8.2f}x")


if __name__ == "__main__":
    main()
