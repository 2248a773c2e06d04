"""Peak resident memory while streaming text through ``nlp.pipe``.

    python benchmarks/bench_memory.py [--megabytes 100]

Streams the seed commentary repeated to ``--megabytes`` of text through
``Pipeline().pipe`` (batches of 256 documents, all cores), keeping nothing but a
mention count, and reads the process's peak resident memory (VmHWM) before and
after. Memory should depend on the batch size, not on the amount of text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import actorgraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"


def peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=100.0, help="text streamed")
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    n = int(args.megabytes * 1e6 / size) + 1
    nlp = actorgraph.Pipeline()
    nlp("warm-up")
    before = peak_mb()
    started = time.perf_counter()
    # A generator: the texts never exist all at once.
    mentions = sum(len(d.entities) for d in nlp.pipe((text for _ in range(n)), progress=False))
    elapsed = time.perf_counter() - started
    after = peak_mb()
    print(
        f"streamed {n * size / 1e6:,.0f} MB ({n:,} documents, {mentions:,} mentions) in "
        f"{elapsed:.0f} s; peak RSS {before:.0f} MB after loading, {after:.0f} MB after streaming"
    )


if __name__ == "__main__":
    main()
