"""Time of the Corpus tables on the seed text repeated, one date per day.

    python benchmarks/bench_tables.py [--copies 2000] [--repeat 3]

Analyses the copies once (dates cycle through the 365 days of 2015), imports pandas,
then prints the best of ``--repeat`` runs of each table and of ``edges_df`` per day,
week and month.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import actorgraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2000, help="seed copies (documents)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per table; best is kept")
    args = parser.parse_args()
    import pandas  # noqa: F401  (its import, 0.5 s or more, is not the tables' cost)

    text = SEED.read_text(encoding="utf-8")
    dates = [dt.date(2015, 1, 1) + dt.timedelta(days=i % 365) for i in range(args.copies)]
    corpus = actorgraph.Pipeline().analyze([text] * args.copies, dates=dates, progress=False)
    n_mentions = sum(len(d.entities) for d in corpus.docs)
    print(f"{args.copies:,} documents, {n_mentions:,} mentions, {len(corpus.edges()):,} pairs")
    runs = [
        ("mentions_df()", corpus.mentions_df),
        ("entities_df()", corpus.entities_df),
        ("relations_df()", corpus.relations_df),
        ("edges_df()", corpus.edges_df),
        *[(f'edges_df(freq="{f}")', lambda f=f: corpus.edges_df(freq=f)) for f in "DWM"],
    ]
    for name, table in runs:
        best, rows = float("inf"), 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            rows = len(table())
            best = min(best, time.perf_counter() - started)
        print(f"{name:22} {rows:>8,} rows  {best:.3f} s")


if __name__ == "__main__":
    main()
