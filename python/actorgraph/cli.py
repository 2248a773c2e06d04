"""The ``actorgraph`` command line.

actorgraph analyze seeds/                 summary of entities and relations
actorgraph analyze docs/ --out results/   also CSV tables and a GraphML graph
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import actorgraph
from actorgraph.output import write_outputs


def _text_files(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return files


def _read(path: Path) -> str:
    # Scraped files are not always clean UTF-8: replace bad bytes rather than stop,
    # and say so, so nothing is lost silently.
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        print(f"warning: {path} is not valid UTF-8; bad bytes replaced", file=sys.stderr)
        return data.decode("utf-8", errors="replace")


def _analyze(args: argparse.Namespace) -> int:
    files = _text_files(args.paths)
    if not files:
        print("no .txt files found", file=sys.stderr)
        return 1
    nlp = actorgraph.Pipeline(gazetteer=args.gazetteer, n_threads=args.threads)
    texts = [_read(f) for f in files]
    started = time.perf_counter()
    corpus = nlp.analyze(texts, ids=[str(f) for f in files])
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)

    print(f"{len(files)} documents, {words:,} words, {seconds:.3f} s")
    entities = corpus.entity_index()
    print(f"\nTop entities ({len(entities)} in all):")
    for e in list(entities.values())[: args.top]:
        print(f"  {e.mentions:4d}  {e.name:<32} {e.label}")
    edges = corpus.edges()
    print(f"\nTop relations ({len(edges)} entity pairs co-occurring in a sentence):")
    for edge in edges[: args.top]:
        a, b = entities[edge.source], entities[edge.target]
        print(f"  {a.name} — {b.name}   count {edge.count}, npmi {edge.npmi:.2f}")
        evidence = " ".join(edge.evidence[0].text.split())
        print(textwrap.indent(textwrap.fill(f'"{evidence}"', 88), "      "))
    if args.out:
        for path in write_outputs(corpus, args.out):
            print(f"wrote {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="Who and what documents mention, and how those actors relate.",
    )
    parser.add_argument(
        "--version", action="version", version=f"actorgraph {actorgraph.__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser(
        "analyze", help="extract entities and relations from .txt files or folders of them"
    )
    analyze.add_argument("paths", nargs="+", help=".txt files or folders (searched recursively)")
    analyze.add_argument("--out", metavar="DIR", help="write CSV tables and graph.graphml here")
    analyze.add_argument("--top", type=int, default=15, help="rows to show (default 15)")
    analyze.add_argument("--gazetteer", metavar="CSV", help="your own gazetteer entries (CSV)")
    analyze.add_argument("--threads", type=int, default=None, help="threads (default: all cores)")
    args = parser.parse_args(argv)
    try:
        return _analyze(args)
    except (FileNotFoundError, actorgraph.ActorgraphError) as e:
        print(f"actorgraph: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
