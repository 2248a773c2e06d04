"""One big document: does time grow linearly with its size? (Issue 8's bad-input
matrix: "a single 100 MB document works, time linear in size".)

    python benchmarks/bench_big_document.py [--sizes 10 100] [--text seed|dense|unpunctuated]

Each size runs in a fresh interpreter: one ``nlp(text)`` call on the seed text
repeated to that many MB (``--text dense`` repeats a sentence of five names
instead, the worst case for resolution and relations; ``--text unpunctuated`` the
same names with no sentence end anywhere). Prints seconds, seconds per MB,
mentions and peak resident memory (VmHWM) per size, and the ratio of the
per-MB times of the largest and smallest size: about 1 when time is linear.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"
DENSE = "Egypt and the UAE backed Khalifa Haftar near Tobruk on 3 May 2015. "
UNPUNCTUATED = "Egypt and the UAE backed Khalifa Haftar near Tobruk with Misrata "

CHILD = """
import json, sys, time
import actorgraph

unit, mb = sys.argv[1], float(sys.argv[2])
unit = unit if unit.endswith(" ") else unit + "\\n\\n"
text = unit * int(mb * 1e6 / len(unit.encode()))
nlp = actorgraph.Pipeline()
nlp("warm up")
started = time.perf_counter()
doc = nlp(text)
seconds = time.perf_counter() - started
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({"mb": len(text.encode()) / 1e6, "seconds": seconds,
                  "mentions": len(doc.entities), "peak_mb": hwm / 1024}))
"""


def run(unit: str, mb: float) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, unit, str(mb)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 100])
    parser.add_argument("--text", choices=["seed", "dense", "unpunctuated"], default="seed")
    args = parser.parse_args()
    units = {"dense": DENSE, "unpunctuated": UNPUNCTUATED}
    unit = SEED.read_text(encoding="utf-8") if args.text == "seed" else units[args.text]
    rows = []
    for mb in args.sizes:
        row = run(unit, mb)
        rows.append(row)
        print(
            f"{row['mb']:7.1f} MB: {row['seconds']:7.2f} s, {row['seconds'] / row['mb']:.3f} s/MB, "
            f"{row['mentions']:,} mentions, peak {row['peak_mb']:,.0f} MB",
            flush=True,
        )
    first, last = rows[0], rows[-1]
    ratio = (last["seconds"] / last["mb"]) / (first["seconds"] / first["mb"])
    print(f"per-MB time, {last['mb']:.0f} MB vs {first['mb']:.0f} MB: {ratio:.2f}x (1 = linear)")


if __name__ == "__main__":
    main()
