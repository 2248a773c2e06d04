"""Gazetteer input: the bundled data files and user entries in any handy form.

A user entry names a surface form (``alias``) and what it stands for::

    {"alias": "GNA", "label": "Organisation", "canonical": "Government of National Accord",
     "id": "gna", "case_sensitive": True}

Only ``alias`` and ``label`` are required: ``canonical`` defaults to the alias, ``id`` to
the canonical name, ``case_sensitive`` to True. ``text`` and ``pattern`` are accepted for
``alias``, and ``name`` for ``canonical``. User entries are added after the bundled ones and
win over them when both match the same text.
"""

from __future__ import annotations

import csv
import gzip
import os
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from actorgraph._core import GazetteerError

#: One entry as the compiled core takes it: (id, label, canonical, alias, case_sensitive).
Entry = tuple[str, str, str, str, bool]

_ALIAS_KEYS = ("alias", "text", "pattern")
_CANONICAL_KEYS = ("canonical", "name")
_TRUE = {"1", "true", "yes", "y", "cs", "t"}
_FALSE = {"0", "false", "no", "n", "ci", "f", ""}


def read_bundled(name: str) -> str:
    """The text of a gzipped data file shipped in ``actorgraph/data``."""
    return read_bundled_bytes(name).decode("utf-8")


#: The package's data files. A plain path, not ``importlib.resources``: the compiled
#: core cannot be imported from a zip, so the package is always a folder on disk,
#: and importing ``importlib.resources`` was a tenth of ``import actorgraph``.
DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def bundled_path(name: str) -> str:
    """The path of a data file shipped in ``actorgraph/data``."""
    return os.path.join(DATA_DIR, name)


def read_bundled_raw(name: str) -> bytes:
    """The bytes of a data file shipped in ``actorgraph/data``, as stored (still
    gzipped for the ``.gz`` files)."""
    with open(bundled_path(name), "rb") as f:
        return f.read()


def read_bundled_bytes(name: str) -> bytes:
    """The content of a gzipped data file shipped in ``actorgraph/data``, undecoded."""
    return gzip.decompress(read_bundled_raw(name))


def _flag(value: Any, index: int) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise GazetteerError(
        f"gazetteer entry {index + 1}: case_sensitive must be a boolean, got {value!r}"
    )


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value is not None and not (isinstance(value, float) and value != value):  # NaN
            return value
    return None


def _entry(record: Any, index: int) -> Entry:
    if isinstance(record, str):
        raise GazetteerError(
            f"gazetteer entry {index + 1} is a str; give dicts with at least 'alias' and "
            "'label', a CSV path, or a DataFrame"
        )
    if not isinstance(record, Mapping):
        raise GazetteerError(
            f"gazetteer entry {index + 1} is {type(record).__name__}, expected a dict with "
            "at least 'alias' and 'label'"
        )
    alias = _first(record, _ALIAS_KEYS)
    label = record.get("label")
    if alias is None or not str(alias).strip():
        raise GazetteerError(f"gazetteer entry {index + 1} has no 'alias'")
    if label is None or not str(label).strip():
        raise GazetteerError(f"gazetteer entry {index + 1} ({alias!r}) has no 'label'")
    canonical = _first(record, _CANONICAL_KEYS)
    kb_id = _first(record, ("id", "entity"))
    case = record.get("case_sensitive", True)
    return (
        "" if kb_id is None else str(kb_id),
        str(label),
        "" if canonical is None else str(canonical),
        str(alias),
        _flag(case, index),
    )


def user_entries(gazetteer: Any) -> list[Entry]:
    """Normalises a user gazetteer to core entries.

    Accepts None, a path to a CSV file (a header naming the columns), a pandas
    DataFrame, or an iterable of dicts.

    >>> user_entries([{"alias": "GNA", "label": "Organisation"}])
    [('', 'Organisation', '', 'GNA', True)]
    """
    if gazetteer is None:
        return []
    if isinstance(gazetteer, (str, os.PathLike)):
        path = os.fspath(gazetteer)
        if not os.path.isfile(path):
            raise GazetteerError(f"gazetteer file not found: {path}")
        records: Iterable[Any] = _read_csv(path)
    elif hasattr(gazetteer, "to_dict") and hasattr(gazetteer, "columns"):
        records = gazetteer.to_dict("records")
    elif isinstance(gazetteer, (Mapping, bytes)):
        raise GazetteerError(
            f"gazetteer must be a list of dicts, a CSV path or a DataFrame, "
            f"not {type(gazetteer).__name__}"
        )
    else:
        try:
            records = list(gazetteer)
        except TypeError:
            raise GazetteerError(
                f"gazetteer must be a list of dicts, a CSV path or a DataFrame, "
                f"not {type(gazetteer).__name__}"
            ) from None
    return [_entry(r, i) for i, r in enumerate(records)]


def _read_csv(path: str) -> list[dict[str, Any]]:
    """The rows of a CSV gazetteer; a file that is not UTF-8 text or not CSV is a
    GazetteerError naming the line (a scraped list saved as Latin-1, a binary file
    given by mistake), not a UnicodeDecodeError from deep inside the csv module."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except UnicodeDecodeError as e:
        with open(path, "rb") as f:
            line = f.read(e.start).count(b"\n") + 1
        raise GazetteerError(
            f"gazetteer file {path}, line {line}: not UTF-8 text (byte {e.start}); save it as UTF-8"
        ) from None
    except csv.Error as e:
        raise GazetteerError(f"gazetteer file {path}: not a CSV file ({e})") from None


def alias_entries(aliases: Any) -> list[Entry]:
    """An alias table (see ``Corpus.alias_table``) as core entries.

    An alias listed with two different entities (a bare "Leon" resolved to two
    people in two documents) would send every occurrence to one of them, so such
    rows are left to automatic resolution, with a warning naming them; point them
    at one entity to make them count.

    >>> rows = [{"alias": "Leon", "label": "Person", "entity": "p:1"},
    ...         {"alias": "Leon", "label": "Person", "entity": "p:2"},
    ...         {"alias": "GNA", "label": "Organisation", "entity": "gna"}]
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     names = [e[3] for e in alias_entries(rows)]
    >>> names
    ['GNA']
    """
    entries = user_entries(aliases)
    ids: dict[str, set[str]] = {}
    for kb_id, _, _, alias, _ in entries:
        ids.setdefault(alias, set()).add(kb_id)
    ambiguous = sorted(alias for alias, found in ids.items() if len(found) > 1)
    if ambiguous:
        shown = ", ".join(repr(a) for a in ambiguous[:10])
        more = f" and {len(ambiguous) - 10} more" if len(ambiguous) > 10 else ""
        warnings.warn(
            f"aliases listed with more than one entity are ignored: {shown}{more}",
            stacklevel=3,
        )
    return [e for e in entries if e[3] not in ambiguous]
