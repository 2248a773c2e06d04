"""Train the relation classifier that ships in the package (``actorgraph/data/relations.bin``).

Run from the repository root::

    python -m actorgraph.builders.relations \\
        --data ../shared/data --out python/actorgraph/data/relations.bin

It learns from re3d-dev's three parts (public domain and Open Government Licence; see
NOTICE): every gold relation whose two ends are kept gold entities. Its confidence is
calibrated by 5-fold cross-fitting on the same documents. The same data and seed give
byte-identical output. ``benchmarks/bench_relations.py`` measures what to expect.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from actorgraph.training.corpora import RE3D_PARTS
from actorgraph.training.re3d import Re3dStats, read_re3d
from actorgraph.training.relations import EPOCHS, SEED, train_relations


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = Re3dStats()
    docs = read_re3d([args.data / "re3d-dev" / part for part in RE3D_PARTS], stats=stats)
    print(stats)
    model = train_relations(docs, epochs=args.epochs, seed=args.seed, out=args.out)
    took = time.perf_counter() - started
    print(f"{len(model):,} bytes written to {args.out} in {took:.1f} s")


if __name__ == "__main__":
    main()
