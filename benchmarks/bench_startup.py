"""Start-up time and resident memory of the default pipelines, each in a fresh process.

    python benchmarks/bench_startup.py [--runs 5]

Every run is a new interpreter, so no cache (``_shared_core``, the page cache of the
data files aside) helps. It times ``import actorgraph``, then ``actorgraph.Pipeline()``
or ``actorgraph.Pipeline(model="bundled")``, and reads the resident memory (VmRSS) and
its peak (VmHWM) from ``/proc/self/status`` after construction and again after
processing the seed text once, and times that first call (anything built lazily
would show there). Prints best and median over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"

# Runs in the child: prints one JSON line of seconds and kB.
CHILD = """
import json, sys, time

def memory():
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]

t0 = time.perf_counter()
import actorgraph
t1 = time.perf_counter()
nlp = actorgraph.Pipeline(model=json.loads(sys.argv[1]))
t2 = time.perf_counter()
rss_built, hwm_built = memory()
with open(sys.argv[2], encoding="utf-8") as f:
    text = f.read()
t3 = time.perf_counter()
nlp(text)
t4 = time.perf_counter()
rss_used, hwm_used = memory()
print(json.dumps({
    "import": t1 - t0, "construct": t2 - t1, "first": t4 - t3,
    "rss_built": rss_built, "hwm_built": hwm_built,
    "rss_used": rss_used, "hwm_used": hwm_used,
}))
"""

VARIANTS = {"Pipeline() (bundled model)": "bundled", "Pipeline(model=None)": None}


def run_once(model: str | None) -> dict[str, float]:
    """One fresh interpreter: its timings and memory readings."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(model), str(SEED)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def summarise(runs: list[dict[str, float]], key: str) -> tuple[float, float]:
    """Best (lowest) and median of one measurement."""
    values = [r[key] for r in runs]
    return min(values), statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per variant")
    args = parser.parse_args()

    rows = [
        ("import actorgraph", "import", "s"),
        ("construct", "construct", "s"),
        ("first seed text", "first", "s"),
        ("RSS after construction", "rss_built", "MB"),
        ("peak RSS after construction", "hwm_built", "MB"),
        ("RSS after one seed text", "rss_used", "MB"),
        ("peak RSS after one seed text", "hwm_used", "MB"),
    ]
    print(f"{args.runs} fresh processes per variant; best / median")
    print(f"{'variant':<28} {'measure':<30} {'best':>9} {'median':>9}")
    for name, model in VARIANTS.items():
        runs = [run_once(model) for _ in range(args.runs)]
        for label, key, unit in rows:
            best, median = summarise(runs, key)
            if unit == "MB":
                cells = f"{best / 1024:>6.1f} MB {median / 1024:>6.1f} MB"
            else:
                cells = f"{best:>7.3f} s {median:>7.3f} s"
            print(f"{name:<28} {label:<30} {cells}")


if __name__ == "__main__":
    main()
