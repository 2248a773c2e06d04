"""Train the sequence tagger of the Rust core from annotated corpora.

The tagger (an averaged perceptron over BILOU tags, decoded with Viterbi) uses the
pipeline's gazetteer and pattern matches as features, so it is trained on a core built
from the same bundled data that :class:`actorgraph.Pipeline` loads: a model trained
with the bundled gazetteer should be used with it, and one trained without it
(``default_gazetteer=False``) without.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from actorgraph import _core, _progress
from actorgraph.training.align import docs_to_sentences
from actorgraph.training.conll import Paths, Sentence, flatten_documents, read_conll_documents
from actorgraph.training.labels import LabelMap
from actorgraph.training.progress import printer
from actorgraph.training.re3d import Re3dStats, read_re3d

FORMATS = ("conll", "re3d")


def core_pipeline(default_gazetteer: bool = True, model: bytes | None = None) -> _core.Pipeline:
    """A compiled pipeline with the bundled lexicon (and gazetteer), and ``model``."""
    from actorgraph.pipeline import _core_pipeline, _Options

    return _core_pipeline([], model, _Options(default_gazetteer=default_gazetteer))


def check_format(format: str) -> str:
    """``format`` if it is one we read, else a ValueError naming the choices."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    return format


def load_sentences(
    paths: Paths,
    *,
    format: str,
    label_map: LabelMap | None = None,
    echo: Callable[[str], None] = print,
) -> tuple[list[Sentence], list[int]]:
    """Training sentences from CoNLL files or re3d folders (tokenized our way), and
    each one's document number (``-DOCSTART-`` lines, or the re3d document)."""
    if check_format(format) == "conll":
        return flatten_documents(read_conll_documents(paths, label_map=label_map))
    from actorgraph._core import tokenize

    stats = Re3dStats()
    docs = read_re3d(paths, label_map=label_map, stats=stats)
    sentences, alignment = docs_to_sentences(docs)
    echo(str(stats))
    echo(str(alignment))
    numbers = [i for i, doc in enumerate(docs) for _ in tokenize(doc.text)[1]]
    return sentences, numbers


def describe(sentences: Sequence[Sentence]) -> str:
    """Sizes of a set of sentences, e.g. ``"12 sentences, 240 tokens, 30 spans (...)"``.

    >>> describe([(["Votel", "met", "Abadi"], [(0, 1, "Person"), (2, 3, "Person")])])
    '1 sentences, 3 tokens, 2 spans (Person 2)'
    """
    labels = Counter(label for _, spans in sentences for _, _, label in spans)
    tokens = sum(len(words) for words, _ in sentences)
    by_label = ", ".join(f"{name} {n:,}" for name, n in sorted(labels.items()))
    return f"{len(sentences):,} sentences, {tokens:,} tokens, {labels.total():,} spans ({by_label})"


def fit(
    train: Sequence[Sentence],
    dev: Sequence[Sentence] | None = None,
    *,
    epochs: int = 15,
    seed: int = 0,
    patience: int = 3,
    progress: bool = True,
    out: str | os.PathLike[str] | None = None,
    default_gazetteer: bool = True,
    train_documents: Sequence[int] | None = None,
    dev_documents: Sequence[int] | None = None,
) -> bytes:
    """Trains on sentences already read; returns the model bytes (see :func:`train`).

    With ``train_documents`` (each training sentence's document number, see
    :func:`actorgraph.training.conll.flatten_documents`) the model also reads
    document features: what other occurrences of a word in its document show. It
    should then tag whole documents; ``dev_documents`` numbers the dev sentences.
    """
    echo = printer(progress)
    echo(f"train: {describe(train)}")
    if dev:
        echo(f"dev:   {describe(dev)}")
    history: list[tuple[int, float, float | None]] = []
    # Early stopping may end before ``epochs``; the bar then closes short of its total.
    # No delay: the epoch lines go through tqdm.write, which draws a delayed bar anyway.
    epoch_bar = _progress.bar(progress, total=epochs, unit="epoch", desc="train", delay=0)

    def on_epoch(epoch: int, accuracy: float, dev_f1: float | None) -> None:
        history.append((epoch, accuracy, dev_f1))
        shown = "-" if dev_f1 is None else f"{dev_f1:.4f}"
        echo(f"epoch {epoch:>3}  train accuracy {accuracy:.4f}  dev F1 {shown}")
        epoch_bar.update(1)

    core = core_pipeline(default_gazetteer)
    try:
        model = core.train_tagger(
            list(train),
            list(dev) if dev else None,
            epochs=epochs,
            seed=seed,
            patience=patience,
            progress=on_epoch,
            train_documents=None if train_documents is None else list(train_documents),
            dev_documents=None if dev_documents is None else list(dev_documents),
        )
    finally:
        epoch_bar.close()
    scored = [h for h in history if h[2] is not None]
    if scored:
        epoch, accuracy, best = max(scored, key=lambda h: (h[2], -h[0]))
        echo(
            f"best dev F1 {best:.4f} at epoch {epoch} (train accuracy {accuracy:.4f}; "
            f"{len(history)} epochs run)"
        )
    elif history:
        epoch, accuracy, _ = history[-1]
        echo(f"trained {epoch} epochs, train accuracy {accuracy:.4f}")
    if out is not None:
        Path(out).write_bytes(model)
        echo(f"wrote {os.fspath(out)} ({len(model):,} bytes)")
    return model


def train(
    train: Paths,
    *,
    format: str,
    dev: Paths | None = None,
    label_map: LabelMap | str | None = None,
    epochs: int = 15,
    seed: int = 0,
    patience: int = 3,
    progress: bool = True,
    out: str | os.PathLike[str] | None = None,
    default_gazetteer: bool = True,
    documents: bool = False,
) -> bytes:
    """Trains a tagger on annotated files and returns the model as bytes.

    Args:
        train: CoNLL-style files (``format="conll"``) or re3d part folders (``"re3d"``).
        format: ``"conll"`` or ``"re3d"``.
        dev: held-out data in the same format, for early stopping: the model of the
            epoch with the best dev F1 is returned, and training stops after
            ``patience`` epochs without improvement. Without it, the last epoch's.
        label_map: corpus type → our label (see :mod:`actorgraph.training.labels`), or
            the name of a built-in map (``"conll"``, ``"gmb"``...); None keeps the
            corpus's types.
        epochs, seed: passes over the data, and the seed of their shuffling; the
            same data, options and seed give the same bytes.
        progress: print sizes, a line per epoch and the final figures, under a
            progress bar of epochs when tqdm is installed. Ctrl-C stops training
            at the end of the running epoch with ``KeyboardInterrupt``.
        out: also write the model to this path.
        default_gazetteer: train with the bundled gazetteer's matches as features.
        documents: add document features (what a word's other occurrences in its
            document show, and the labels given to it earlier in the document),
            reading CoNLL files by ``-DOCSTART-`` document and re3d by document.
            About 1.6 points of CoNLL-2003 dev F1 (``benchmarks/bench_ner.py
            --conll``) for 2.5 times the training time; the model then tags whole
            documents, as :class:`actorgraph.Pipeline` does.

    >>> import actorgraph
    >>> model = actorgraph.train("train.conll", format="conll", dev="dev.conll",
    ...                          label_map="conll", out="model.bin")  # doctest: +SKIP
    epoch   1  train accuracy 0.9511  dev F1 0.7702
    ...
    >>> actorgraph.Pipeline(model=model)("Votel met Abadi.")  # doctest: +SKIP
    """
    from actorgraph.training.labels import resolve_label_map

    echo = printer(progress)
    if isinstance(label_map, str):
        label_map = resolve_label_map(label_map)
    train_sentences, train_numbers = load_sentences(
        train, format=format, label_map=label_map, echo=echo
    )
    dev_sentences, dev_numbers = (
        (None, None)
        if dev is None
        else load_sentences(dev, format=format, label_map=label_map, echo=echo)
    )
    return fit(
        train_sentences,
        dev_sentences,
        train_documents=train_numbers if documents else None,
        dev_documents=dev_numbers if documents else None,
        epochs=epochs,
        seed=seed,
        patience=patience,
        progress=progress,
        out=out,
        default_gazetteer=default_gazetteer,
    )
