"""Reading corpora: :func:`read` streams ``(text, id, date)`` records from files.

Plain text, JSON lines, CSV and TSV (each optionally gzipped) are read by the Rust
core with the GIL released; parquet by pyarrow. Either way records arrive in batches
of columns, never through a Python loop per document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from actorgraph import _core

#: A batch ends at ``batch_size`` records or once it holds this much text: a batch
#: of 256 huge documents must not hold gigabytes.
MAX_BATCH_BYTES = 64 << 20

_FORMATS = ("txt", "jsonl", "csv", "tsv", "parquet")


class Record(NamedTuple):
    """One document: its text, its id and its date (None when unknown)."""

    text: str
    #: The id field or column, or where the record came from: the path for a text
    #: file, ``path:line`` for a JSON line or CSV row, ``path:row`` (from 0) for parquet.
    id: str
    #: The date field as written (a string), or a date/datetime from a typed parquet
    #: column; None when unknown.
    date: str | dt.date | None


class Batch(NamedTuple):
    """A batch of records as columns."""

    texts: list[str]
    ids: list[str]
    dates: list[Any]


#: ``tuple.__new__(Record, values)``: a Record built in C (Record's own ``__new__``
#: is Python code taking the fields one by one).
_new_tuple = tuple.__new__


def _fields(name: str | None, default: str) -> tuple[str, bool]:
    """An id or date option as (field name, required)."""
    if name is None:
        return default, False
    if not isinstance(name, str) or not name:
        raise TypeError(f"field names must be non-empty strings, got {name!r}")
    return name, True


class Reader:
    """Reads a corpus: files, folders, gzip, JSON lines, CSV/TSV and parquet.

    ``actorgraph.read(...)`` makes one. Iterate it for :class:`Record` ``(text, id, date)``
    tuples (each iteration reads the files again), or pass it to
    :meth:`Pipeline.analyze` / :meth:`Pipeline.pipe`. Memory holds one batch, not the
    corpus.

    Args:
        paths: files and folders. Folders are searched recursively, in sorted order,
            for files with a known extension (or those matching ``glob``).
        format: ``"txt"`` (one document per file), ``"jsonl"`` (one JSON object per
            line; also ``.ndjson``), ``"csv"``, ``"tsv"`` or ``"parquet"``; None picks
            it by extension (``.gz`` looked through; unknown extensions are text).
            Gzip is recognised by content, whatever the name.
        text: the field (JSON lines) or column (CSV, parquet) holding the text; a
            record without it is an error. An empty or null text is kept, as an
            empty document.
        id: the id field or column. None (the default) uses ``"id"`` where a record
            has one, else the record's place: ``path`` for a text file, ``path:line``
            for a line or row. A name you give must be in every record.
        date: the date field or column, passed on as written (ISO dates, as
            ``Pipeline.analyze(dates=...)`` takes them); empty means unknown. None
            uses ``"date"`` where present; a name you give must be present.
        glob: which files of a folder to read: ``*`` and ``?`` on the file name,
            e.g. ``"*.txt"``.
        errors: bytes that are not UTF-8: ``"strict"`` raises
            :class:`~actorgraph.DataError` naming the file, line and byte;
            ``"replace"`` puts U+FFFD instead and lists the file in
            ``reader.replaced``.
        batch_size: records per batch (a batch also ends at 64 MB of text).

    Raises (while iterating):
        FileNotFoundError: a path does not exist.
        DataError: bad UTF-8, a line that is not a JSON object, a missing field or
            column, a ragged CSV row, a corrupt gzip file; the message names the file
            and line.
        ImportError: a parquet file without pyarrow installed.

    >>> import actorgraph, json, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.jsonl"
    >>> rows = [{"text": "Egypt backed Haftar.", "id": "a", "date": "2015-03-01"},
    ...         {"text": "Zoë met Haftar.", "id": "b"}]
    >>> _ = path.write_text("\\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    >>> [tuple(r) for r in actorgraph.read(path)]
    [('Egypt backed Haftar.', 'a', '2015-03-01'), ('Zoë met Haftar.', 'b', None)]
    """

    def __init__(
        self,
        paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        *,
        format: str | None = None,
        text: str = "text",
        id: str | None = None,
        date: str | None = None,
        glob: str | None = None,
        errors: str = "strict",
        batch_size: int = 256,
    ) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [os.fspath(p) for p in paths]
        if format is not None and format not in _FORMATS:
            raise ValueError(f"format must be one of {', '.join(_FORMATS)} or None, got {format!r}")
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', got {errors!r}")
        if not isinstance(text, str) or not text:
            raise TypeError(f"text must be a non-empty field name, got {text!r}")
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        self.format = format
        self.text = text
        self.id = id
        self.date = date
        self.glob = glob
        self.errors = errors
        self.batch_size = batch_size
        self._id_field = _fields(id, "id")
        self._date_field = _fields(date, "date")
        #: Files in which bad bytes were replaced during the last iteration
        #: (``errors="replace"``).
        self.replaced: list[str] = []

    def __repr__(self) -> str:
        return f"Reader({self.paths!r}, format={self.format!r}, batch_size={self.batch_size})"

    def __iter__(self) -> Iterator[Record]:
        for texts, ids, dates in self.batches():
            # tuple.__new__ over zip: Records made in C, no Python code per record.
            rows = zip(texts, ids, dates, strict=True)
            yield from map(_new_tuple, itertools.repeat(Record), rows)

    def batches(self) -> Iterator[Batch]:
        """The records in batches of up to ``batch_size``, as columns.

        >>> import actorgraph, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
        >>> _ = path.write_text("id,text\\n1,Egypt backed Haftar.\\n2,\\n", encoding="utf-8")
        >>> for batch in actorgraph.read(path).batches():
        ...     print(batch.texts, batch.ids, batch.dates)
        ['Egypt backed Haftar.', ''] ['1', '2'] [None, None]
        """
        self.replaced = []
        files = _core.list_inputs(self.paths, self.format, self.glob)
        start = 0
        while start < len(files):
            end = start
            parquet = files[start][1] == "parquet"
            while end < len(files) and (files[end][1] == "parquet") == parquet:
                end += 1
            if parquet:
                for path, _ in files[start:end]:
                    yield from self._parquet(os.fspath(path))
            else:
                yield from self._rust(files[start:end])
            start = end

    def _rust(self, files: list[tuple[Any, str]]) -> Iterator[Batch]:
        reader = _core.RecordReader(
            files, self.text, *self._id_field, *self._date_field, self.errors
        )
        try:
            while (columns := reader.next_batch(self.batch_size, MAX_BATCH_BYTES)) is not None:
                yield Batch(*columns)
        finally:
            self.replaced.extend(reader.replaced())

    def _parquet(self, path: str) -> Iterator[Batch]:
        try:
            import pyarrow as pa
            import pyarrow.compute as pc
            import pyarrow.parquet as pq
        except ImportError:
            raise ImportError(
                f"reading {path} needs pyarrow: pip install pyarrow (or 'actorgraph[test]')"
            ) from None
        file = pq.ParquetFile(path)
        names = file.schema_arrow.names

        def column(field: tuple[str, bool], option: str) -> str | None:
            name, required = field
            if name in names:
                return name
            if required or option == "text":
                raise _core.DataError(
                    f"{path}: no column {name!r} (columns: {', '.join(names)}); "
                    f"name the column with {option}=..."
                )
            return None

        text = column((self.text, True), "text")
        id_col = column(self._id_field, "id")
        date_col = column(self._date_field, "date")
        wanted = [c for c in dict.fromkeys((text, id_col, date_col)) if c is not None]
        first = 0
        # iter_batches holds one row group's columns at a time, not the file.
        for batch in file.iter_batches(batch_size=self.batch_size, columns=wanted):
            n = batch.num_rows
            texts = batch.column(text)
            if not (pa.types.is_string(texts.type) or pa.types.is_large_string(texts.type)):
                try:
                    texts = texts.cast(pa.string())
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    raise _core.DataError(
                        f"{path}: column {text!r} holds {texts.type}, not text"
                    ) from None
            if id_col is not None:
                ids = pc.cast(batch.column(id_col), pa.string())
            else:
                rows = pa.array(range(first, first + n), pa.int64()).cast(pa.string())
                ids = pc.binary_join_element_wise(f"{path}:", rows, "")
            dates: list[Any] = [None] * n
            if date_col is not None:
                values = batch.column(date_col)
                if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
                    # An empty date means unknown, as in the other formats.
                    empty = pc.equal(values, pa.scalar("", values.type))
                    values = pc.if_else(empty, pa.scalar(None, values.type), values)
                dates = values.to_pylist()
            first += n
            yield Batch(pc.fill_null(texts, "").to_pylist(), ids.to_pylist(), dates)


#: ``actorgraph.read(paths, ...)``: the :class:`Reader` of those paths.
read = Reader
