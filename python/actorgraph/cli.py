"""The ``actorgraph`` command line.

actorgraph analyze seeds/                 summary of entities and relations
actorgraph analyze docs/ --out results/   also CSV tables and a GraphML graph
actorgraph analyze news.jsonl.gz --text-field body --date-field published
actorgraph train --format conll --train train.txt --dev dev.txt -o model.bin
actorgraph evaluate --model model.bin --format conll test.txt [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import actorgraph
from actorgraph.corpus import parse_date
from actorgraph.output import write_outputs


def _file_dates(table: str, ids: Sequence[str]) -> list[str | None]:
    """Each document's date from a CSV with ``path`` and ``date`` columns; a path
    matches a document's id (the file as given on the command line, folder included)
    or its file name alone."""
    with open(table, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if not {"path", "date"} <= set(reader.fieldnames or ()):
            raise actorgraph.DataError(
                f"{table}: --dates needs a CSV with 'path' and 'date' columns"
            )
        dates = {row["path"]: row["date"] or None for row in reader}
    return [dates.get(i, dates.get(Path(i).name)) for i in map(str, ids)]


# Types that are not actors: the summary leaves their pairs out ("Haftar — summer");
# the tables and the graph keep them.
NOT_ACTORS = frozenset(
    {
        "Temporal",
        "Money",
        "Quantity",
        "CommsIdentifier",
        "DocumentReference",
        "Frequency",
        "Url",
    }
)


def _print_evidence(text: str) -> None:
    evidence = " ".join(text.split())
    print(textwrap.indent(textwrap.fill(f'"{evidence}"', 88), "      "))


def _analyze(args: argparse.Namespace) -> int:
    if args.freq and not args.dates:
        raise actorgraph.DataError("--freq needs --dates")
    # Scraped files are not always clean UTF-8: by default bad bytes are replaced
    # rather than stopping the run, and the files named, so nothing is lost silently.
    reader = actorgraph.read(
        args.paths,
        format=args.format,
        text=args.text_field,
        id=args.id_field,
        date=args.date_field,
        glob=args.glob,
        errors=args.errors,
    )
    model = None if args.model == "none" else args.model
    nlp = actorgraph.Pipeline(gazetteer=args.gazetteer, model=model, n_threads=args.threads)
    started = time.perf_counter()
    corpus = nlp.analyze(reader)
    seconds = time.perf_counter() - started
    for name in reader.replaced:
        print(f"warning: {name} is not valid UTF-8; bad bytes replaced", file=sys.stderr)
    if not corpus.docs:
        print("no documents found", file=sys.stderr)
        return 1
    if args.dates:
        dates = _file_dates(args.dates, corpus.ids)
        corpus.dates = [parse_date(d, i) for i, d in enumerate(dates)]
    words = sum(len(d.text.split()) for d in corpus.docs)

    print(f"{len(corpus.docs)} documents, {words:,} words, {seconds:.3f} s")
    entities = corpus.entity_index()
    print(f"\nTop entities ({len(entities)} in all):")
    for e in list(entities.values())[: args.top]:
        print(f"  {e.mentions:4d}  {e.name:<32} {e.label}")
    edges = [
        e
        for e in corpus.edges()
        if entities[e.source].label not in NOT_ACTORS and entities[e.target].label not in NOT_ACTORS
    ]
    print(f"\nTop pairs of actors ({len(edges)} pairs co-occurring in a sentence):")
    for edge in edges[: args.top]:
        a, b = entities[edge.source], entities[edge.target]
        typed = f", relations {edge.relations}, tone {edge.tone:+.2f}" if edge.relations else ""
        print(f"  {a.name} — {b.name}   count {edge.count}, npmi {edge.npmi:.2f}{typed}")
        _print_evidence(edge.evidence[0].text)
    relations = sorted(
        (r for doc in corpus.docs for r in doc.relations), key=lambda r: r.score, reverse=True
    )
    print(f"\nTop relations ({len(relations)} found):")
    for r in relations[: args.top]:
        flags = [f for f in ("negated", "hypothetical", "reported") if getattr(r, f)]
        shown = f"  [{', '.join(flags)}]" if flags else ""
        print(
            f"  {r.source.name} → {r.target.name}   {r.label}, score {r.score:.2f}, "
            f"tone {r.tone:+.2f}{shown}"
        )
        _print_evidence(r.evidence)
    if corpus.dates is not None:
        known = sum(d is not None for d in corpus.dates)
        print(f"\n{known} of {len(corpus.docs)} documents dated")
    if args.out:
        for path in write_outputs(corpus, args.out):
            print(f"wrote {path}")
        if args.freq:
            path = Path(args.out) / f"edges_{args.freq}.csv"
            corpus.edges_df(freq=args.freq).to_csv(path, index=False)
            print(f"wrote {path}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from actorgraph.training import labels, train

    train(
        args.train,
        format=args.format,
        dev=args.dev,
        label_map=labels.resolve_label_map(args.label_map),
        epochs=args.epochs,
        seed=args.seed,
        patience=args.patience,
        progress=not args.quiet,
        out=args.out,
        default_gazetteer=not args.no_gazetteer,
        documents=args.documents,
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from actorgraph.training import evaluate, labels

    report = evaluate(
        args.model,
        args.paths,
        format=args.format,
        label_map=labels.resolve_label_map(args.label_map),
    )
    print(json.dumps(report.as_dict(), indent=2) if args.json else report)
    return 0


def _train_relations(args: argparse.Namespace) -> int:
    from actorgraph.training.relations import evaluate_relations, read_gold, train_relations

    docs = read_gold(args.paths)
    dev = read_gold(args.dev) if args.dev else None
    model = train_relations(docs, dev=dev, epochs=args.epochs, seed=args.seed, out=args.out)
    if not args.quiet:
        relations = sum(len(d.relations) for d in docs)
        print(f"{len(docs)} documents, {relations} gold relations; wrote {args.out}")
        if dev:
            print(evaluate_relations(model, dev))
    return 0


def _evaluate_relations(args: argparse.Namespace) -> int:
    from actorgraph.pipeline import RELATIONS_FILE, _model_bytes
    from actorgraph.training.relations import evaluate_relations, read_gold

    model = _model_bytes(args.model or "bundled", RELATIONS_FILE)
    assert model is not None
    report = evaluate_relations(model, read_gold(args.paths))
    print(json.dumps(report.as_dict(), indent=2) if args.json else report)
    return 0


def _add_relation_commands(commands: argparse._SubParsersAction) -> None:
    train = commands.add_parser(
        "train-relations", help="train the relation classifier on re3d folders (gold entities)"
    )
    train.add_argument("paths", nargs="+", metavar="PATH", help="re3d folders to train on")
    train.add_argument("--format", choices=("re3d",), default="re3d")
    train.add_argument("--dev", nargs="+", metavar="PATH", help="re3d folders to calibrate on")
    train.add_argument("--epochs", type=int, default=3, help="passes (default 3)")
    train.add_argument("--seed", type=int, default=1, help="shuffling seed (default 1)")
    train.add_argument("-o", "--out", required=True, metavar="MODEL", help="model file to write")
    train.add_argument("--quiet", action="store_true", help="print nothing")
    train.set_defaults(run=_train_relations)
    evaluate = commands.add_parser(
        "evaluate-relations", help="score a relation model on re3d folders, gold entities given"
    )
    evaluate.add_argument("paths", nargs="+", metavar="PATH", help="re3d folders")
    evaluate.add_argument("--model", metavar="MODEL", help="model file (default: the shipped one)")
    evaluate.add_argument("--format", choices=("re3d",), default="re3d")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(run=_evaluate_relations)


def _add_training_commands(commands: argparse._SubParsersAction) -> None:
    formats = ("conll", "re3d")
    label_maps = (
        "conll, gmb, wikigold, crossner, none (default: keep the corpus's types) or a JSON file"
    )
    train = commands.add_parser(
        "train", help="train the entity tagger on CoNLL-style files or re3d folders"
    )
    train.add_argument("--format", choices=formats, required=True)
    train.add_argument("--train", nargs="+", required=True, metavar="PATH", help="training data")
    train.add_argument("--dev", nargs="+", metavar="PATH", help="dev data, for early stopping")
    train.add_argument("--label-map", metavar="NAME|JSON", help=label_maps)
    train.add_argument("--epochs", type=int, default=15, help="at most this many (default 15)")
    train.add_argument("--seed", type=int, default=0, help="shuffling seed (default 0)")
    train.add_argument(
        "--patience", type=int, default=3, help="epochs without dev gain before stopping"
    )
    train.add_argument(
        "--no-gazetteer", action="store_true", help="train without the bundled gazetteer"
    )
    train.add_argument(
        "--documents",
        action="store_true",
        help="add document features (a word's other occurrences in its -DOCSTART- document)",
    )
    train.add_argument("-o", "--out", required=True, metavar="MODEL", help="model file to write")
    train.add_argument("--quiet", action="store_true", help="print nothing")
    train.set_defaults(run=_train)

    evaluate = commands.add_parser(
        "evaluate",
        help="score a model on CoNLL-style files (tagger alone) or re3d folders (full pipeline)",
    )
    evaluate.add_argument("paths", nargs="+", metavar="PATH", help="test data")
    evaluate.add_argument("--model", metavar="MODEL", help="model file (default: the shipped one)")
    evaluate.add_argument("--format", choices=formats, required=True)
    evaluate.add_argument("--label-map", metavar="NAME|JSON", help=label_maps)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(run=_evaluate)


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
        "analyze",
        help="extract entities and relations from text, JSON lines, CSV/TSV or parquet files "
        "(gzipped or not) or folders of them",
    )
    analyze.add_argument(
        "paths",
        nargs="+",
        help="files or folders (searched recursively for .txt, .jsonl, .ndjson, .csv, .tsv, "
        ".parquet and these with .gz)",
    )
    analyze.add_argument(
        "--format",
        choices=("txt", "jsonl", "csv", "tsv", "parquet"),
        help="read every file as this format (default: by extension)",
    )
    analyze.add_argument(
        "--text-field", default="text", metavar="NAME", help="JSON field or column of the text"
    )
    analyze.add_argument(
        "--id-field", metavar="NAME", help="JSON field or column of the id (default: 'id' if any)"
    )
    analyze.add_argument(
        "--date-field",
        metavar="NAME",
        help="JSON field or column of the ISO date (default: 'date' if any)",
    )
    analyze.add_argument("--glob", metavar="PATTERN", help="files of folders to read, e.g. '*.txt'")
    analyze.add_argument(
        "--errors",
        choices=("replace", "strict"),
        default="replace",
        help="bytes that are not UTF-8: replace them and warn (default), or stop",
    )
    analyze.add_argument("--out", metavar="DIR", help="write CSV tables and graph.graphml here")
    analyze.add_argument("--top", type=int, default=30, help="rows to show (default 30)")
    analyze.add_argument("--gazetteer", metavar="CSV", help="your own gazetteer entries (CSV)")
    analyze.add_argument("--threads", type=int, default=None, help="threads (default: all cores)")
    analyze.add_argument(
        "--model",
        metavar="MODEL",
        default="bundled",
        help="entity tagger: 'bundled' (the shipped one, the default), a model file, "
        "or 'none' (gazetteer, patterns and name heuristic only)",
    )
    analyze.add_argument(
        "--dates",
        metavar="CSV",
        help="document dates: a CSV with 'path' (a document's id: the file as given, or "
        "its name) and 'date' (ISO, e.g. 2015-03-01) columns; overrides --date-field",
    )
    analyze.add_argument(
        "--freq",
        choices=("D", "W", "M"),
        help="with --dates and --out: also write edges_<freq>.csv, the pair scores per "
        "day, week or month (needs pandas)",
    )
    analyze.set_defaults(run=_analyze)
    _add_training_commands(commands)
    _add_relation_commands(commands)
    args = parser.parse_args(argv)
    # Bad data files and options are the user's to fix, so training and evaluation
    # report them (with file:line) rather than a traceback.
    errors: tuple[type[Exception], ...] = (
        FileNotFoundError,
        PermissionError,
        ImportError,
        actorgraph.ActorgraphError,
    )
    if args.run is not _analyze:
        errors = (OSError, ValueError, actorgraph.ActorgraphError)
    try:
        return args.run(args)
    except errors as e:
        print(f"actorgraph: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`actorgraph analyze docs/ | head`): stop quietly, as
        # Unix tools do, and keep Python from complaining again when it flushes stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
