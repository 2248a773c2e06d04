"""Reading corpora: ``actorgraph.read`` against a plain Python loop, and memory.

    python benchmarks/bench_read.py [--megabytes 50] [--memory-megabytes 500]

Writes ``--megabytes`` of text (the seed commentary cut into documents of about
2 KB, with ids and dates) as JSON lines gzipped, CSV and a folder of .txt files,
then reads each (best of ``--repeat``) with

- ``actorgraph.read(...)`` iterated record by record, and its ``.batches()``;
- the loop one writes by hand: ``gzip.open`` + ``json.loads`` per line,
  ``csv.DictReader``, ``sorted(rglob)`` + ``read_text``, and for parquet (when
  pyarrow is installed) ``iter_batches`` + ``to_pylist()`` row dicts.

Then, in a fresh process each, the peak resident memory (VmHWM) while streaming a
gzipped JSON lines file (and a parquet file, row groups of 20,000) of
``--memory-megabytes`` of text through
``actorgraph.read(...).batches()``, against the file's size: it should depend on
the batch size, not the file.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import actorgraph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"


def documents(megabytes: float) -> list[tuple[str, str, str]]:
    """(text, id, date) rows of about 2 KB of text each, ``megabytes`` in all."""
    words = SEED.read_text(encoding="utf-8").split()
    out, size, i = [], 0, 0
    while size < megabytes * 1e6:
        start = (i * 37) % max(1, len(words) - 300)
        text = " ".join(words[start : start + 300])
        out.append((text, f"doc-{i}", f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}"))
        size += len(text.encode("utf-8"))
        i += 1
    return out


def write_jsonl_gz(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as f:
        for text, id_, date in rows:
            f.write(json.dumps({"id": id_, "date": date, "text": text}) + "\n")


def python_jsonl_gz(path: Path) -> int:
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            n += len(r["text"]) > -1 and r["id"] is not None
    return n


def python_csv(path: Path) -> int:
    n = 0
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            n += len(r["text"]) > -1 and r["id"] is not None
    return n


def python_txt(folder: Path) -> int:
    n = 0
    for p in sorted(folder.rglob("*.txt")):
        n += len(p.read_text(encoding="utf-8")) > -1
    return n


def python_parquet(path: Path) -> int:
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(columns=["id", "date", "text"]):
        for r in batch.to_pylist():
            n += len(r["text"]) > -1 and r["id"] is not None
    return n


def write_parquet(path: Path, rows: list[tuple[str, str, str]], copies: int = 1) -> bool:
    """Writes ``rows`` ``copies`` times (row groups of 20,000); False without pyarrow."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return False
    schema = pa.schema([("id", pa.string()), ("date", pa.string()), ("text", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for c in range(copies):
            columns = {
                "id": [f"{c}-{i}" for _, i, _ in rows],
                "date": [d for _, _, d in rows],
                "text": [t for t, _, _ in rows],
            }
            writer.write_table(pa.table(columns, schema=schema), row_group_size=20_000)
    return True


def records(path: Path) -> int:
    return sum(1 for _ in actorgraph.read(path))


def batches(path: Path) -> int:
    return sum(len(b.texts) for b in actorgraph.read(path).batches())


def best(f: Callable[[Path], int], path: Path, repeat: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        n = f(path)
        times.append(time.perf_counter() - started)
    return min(times), n


MEMORY_CHILD = """
import sys, actorgraph
if sys.argv[1].endswith(".parquet"):
    import pyarrow.parquet  # its own libraries count before reading, not after
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = peak()
n = sum(len(b.texts) for b in actorgraph.read(sys.argv[1], batch_size=256).batches())
print(n, before, peak())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0, help="text per format")
    parser.add_argument("--memory-megabytes", type=float, default=500.0, help="text streamed")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader (best kept)")
    args = parser.parse_args()
    rows = documents(args.megabytes)
    mb = sum(len(t.encode("utf-8")) for t, _, _ in rows) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        jsonl = root / "corpus.jsonl.gz"
        write_jsonl_gz(jsonl, rows)
        table = root / "corpus.csv"
        with open(table, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "date", "text"])
            writer.writerows((i, d, t) for t, i, d in rows)
        folder = root / "txt"
        for k, (text, _, _) in enumerate(rows):
            sub = folder / f"{k // 1000:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{k:06d}.txt").write_text(text, encoding="utf-8")

        inputs = [
            ("JSON lines, gzip", jsonl, python_jsonl_gz),
            ("CSV", table, python_csv),
            ("folder of .txt", folder, python_txt),
        ]
        if write_parquet(root / "corpus.parquet", rows):
            inputs.append(("parquet (pyarrow)", root / "corpus.parquet", python_parquet))

        print(f"{len(rows):,} documents, {mb:.1f} MB of text; best of {args.repeat}, seconds")
        print(f"{'input':<22}{'python loop':>12}{'read()':>10}{'batches()':>11}{'speed-up':>10}")
        for name, path, plain in inputs:
            t_py, n_py = best(plain, path, args.repeat)
            t_rec, n_rec = best(records, path, args.repeat)
            t_bat, n_bat = best(batches, path, args.repeat)
            assert n_py == n_rec == n_bat == len(rows), (n_py, n_rec, n_bat)
            print(f"{name:<22}{t_py:>12.3f}{t_rec:>10.3f}{t_bat:>11.3f}{t_py / t_bat:>9.1f}x")

        big = root / "big.jsonl.gz"
        copies = max(1, round(args.memory_megabytes / mb))
        with gzip.open(big, "wt", encoding="utf-8", compresslevel=1) as f:
            for c in range(copies):
                for text, id_, date in rows:
                    f.write(json.dumps({"id": f"{c}-{id_}", "date": date, "text": text}) + "\n")
        big_parquet = root / "big.parquet"
        print()
        for name, path in (("gzipped JSON lines", big), ("parquet", big_parquet)):
            if path == big_parquet and not write_parquet(path, rows, copies):
                continue
            out = subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            n, before, after = out.stdout.split()
            print(
                f"memory: streamed {copies * mb:,.0f} MB of text ({int(n):,} documents; "
                f"{name}, {path.stat().st_size / 1e6:,.0f} MB) through read().batches(): "
                f"peak RSS {float(before):.0f} MB after import, {float(after):.0f} MB after"
            )


if __name__ == "__main__":
    main()
