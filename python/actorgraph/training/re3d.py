"""Read re3d (Dstl's defence-analysis entity corpus) as documents with gold character spans.

Each part folder (``centcom``, ``uk_government``, ``us_state_department``) holds
``documents.json`` and ``entities.json``, JSON lines as exported from MongoDB::

    {"_id": "001C...", "title": "...", "text": "Photographs of U.S. service members ..."}
    {"documentId": "001C...", "begin": 15, "end": 35, "type": "Organisation",
     "value": "U.S. service members", "confidence": 1}

What the reader does about the data's quirks, each counted in :class:`Re3dStats`:

- ``confidence`` below ``min_confidence`` (re3d's own advice is 0.5; about a quarter
  of the rows have confidence 0) drops the span;
- offsets are code points in re3d-dev (no document has a character outside the BMP,
  where code points and UTF-16 units differ); a document that has such characters is
  checked both ways and read the way more values match;
- ``text[begin:end] != value`` for 5 of 3,104 rows: the export turned curly double
  quotes into straight single ones and line breaks into spaces in ``value``. Such a span
  is kept when the two agree with quotes and whitespace folded, else dropped;
- spans overlap (re3d nests "Minister for the Middle East" inside "Minister for the
  Middle East Tobias Ellwood"): the longest is kept, then the earliest, then the most
  confident, then the first label alphabetically.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from actorgraph.training.conll import Paths, as_paths
from actorgraph.training.labels import LabelMap, map_label

#: A gold span in a document: code-point offsets [start, end) and a label.
CharSpan = tuple[int, int, str]
#: A gold relation: indices of its source and target spans and its type.
SpanRelation = tuple[int, int, str]

# The export wrote "“J.D.”" as "'J.D.'" in ``value``: every quote mark compares equal.
_QUOTES = str.maketrans(dict.fromkeys('"\u201c\u201d\u2018\u2019', "'"))
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """A document and its gold entity spans (code points, sorted, non-overlapping).

    >>> doc = GoldDoc("d1", "Votel visited Iraq.", ((0, 5, "Person"), (14, 18, "Location")))
    >>> [doc.text[s:e] for s, e, _ in doc.spans]
    ['Votel', 'Iraq']
    """

    doc_id: str
    text: str
    spans: tuple[CharSpan, ...]
    #: Relations between spans (``relations.json``), both ends exactly gold spans.
    relations: tuple[SpanRelation, ...] = ()


@dataclass
class Re3dStats:
    """What :func:`read_re3d` kept and dropped, row by row of ``entities.json``."""

    documents: int = 0
    entities: int = 0
    kept: int = 0
    low_confidence: int = 0
    unmapped: int = 0
    value_normalised: int = 0
    value_mismatch: int = 0
    duplicates: int = 0
    overlapping: int = 0
    unknown_document: int = 0
    utf16_documents: int = 0
    relations: int = 0
    relations_kept: int = 0
    relations_unmatched: int = 0

    def __str__(self) -> str:
        parts = [f"{f.name.replace('_', ' ')} {getattr(self, f.name)}" for f in fields(self)]
        return "re3d: " + ", ".join(parts)


def _json_lines(path: Path, required: set[str]) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{number}: not JSON: {e}") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            if missing := required - row.keys():
                raise ValueError(f"{path}:{number}: no {', '.join(sorted(missing))}")
            yield row


def _part_folders(folder: str) -> list[Path]:
    # A part folder holds documents.json; a parent of parts (re3d-dev/) stands for all of
    # its parts, in name order.
    path = Path(folder)
    if not path.is_dir():
        raise FileNotFoundError(f"no such folder: {folder}")
    if (path / "documents.json").is_file():
        return [path]
    parts = sorted(p for p in path.iterdir() if (p / "documents.json").is_file())
    if not parts:
        raise FileNotFoundError(f"no re3d documents.json in {folder} or its subfolders")
    return parts


def _normalised(value: str) -> str:
    return _SPACE.sub(" ", value.translate(_QUOTES)).strip()


def _utf16_to_code_points(text: str) -> dict[int, int]:
    index, unit = {0: 0}, 0
    for i, char in enumerate(text):
        unit += 2 if ord(char) > 0xFFFF else 1
        index[unit] = i + 1
    return index


def _resolve_overlaps(spans: list[tuple[int, int, str, float]], stats: Re3dStats) -> list[CharSpan]:
    kept: list[CharSpan] = []
    seen: set[CharSpan] = set()
    for start, end, label, _ in sorted(spans, key=lambda s: (s[0] - s[1], s[0], -s[3], s[2])):
        if (start, end, label) in seen:
            stats.duplicates += 1
        elif any(start < e and s < end for s, e, _ in kept):
            stats.overlapping += 1
        else:
            kept.append((start, end, label))
            seen.add((start, end, label))
    return sorted(kept)


def _offset_map(text: str, rows: list[dict[str, Any]], stats: Re3dStats) -> dict[int, int] | None:
    """A UTF-16 → code point map when this document's offsets are UTF-16 units, else None."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None  # both readings agree
    units = _utf16_to_code_points(text)

    def hits(index: dict[int, int] | None) -> int:
        at = (lambda i: i) if index is None else (lambda i: index.get(i, -1))
        return sum(text[at(r["begin"]) : at(r["end"])] == r["value"] for r in rows)

    if hits(units) > hits(None):
        stats.utf16_documents += 1
        return units
    return None


def _doc_spans(
    text: str, rows: list[dict[str, Any]], label_map: LabelMap | None, stats: Re3dStats
) -> list[CharSpan]:
    offsets = _offset_map(text, rows, stats)
    spans = []
    for row in rows:
        begin, end = int(row["begin"]), int(row["end"])
        if offsets is not None:
            begin, end = offsets.get(begin, -1), offsets.get(end, -1)
        value = str(row["value"])
        surface = text[begin:end] if 0 <= begin < end <= len(text) else ""
        if not surface or (surface != value and _normalised(surface) != _normalised(value)):
            stats.value_mismatch += 1
            continue
        stats.value_normalised += surface != value
        label = map_label(label_map, str(row["type"]), surface.split())
        if label is None:
            stats.unmapped += 1
            continue
        spans.append((begin, end, label, float(row.get("confidence", 1.0))))
    return _resolve_overlaps(spans, stats)


def _relation_rows(
    part: Path, texts: dict[str, str], min_confidence: float, stats: Re3dStats
) -> dict[str, list[dict[str, Any]]]:
    """``relations.json`` rows by document (none when the part has no such file)."""
    rows: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in texts}
    path = part / "relations.json"
    if not path.is_file():
        return rows
    needed = {"documentId", "sourceBegin", "sourceEnd", "targetBegin", "targetEnd", "type"}
    for row in _json_lines(path, needed):
        if float(row.get("confidence", 1.0)) < min_confidence:
            continue
        if str(row["documentId"]) in rows:
            stats.relations += 1
            rows[str(row["documentId"])].append(row)
    return rows


def _doc_relations(
    spans: list[CharSpan],
    rows: list[dict[str, Any]],
    offsets: dict[int, int] | None,
    stats: Re3dStats,
) -> tuple[SpanRelation, ...]:
    """Relations whose two ends are both kept gold spans, as span indices."""
    index = {(s, e): i for i, (s, e, _) in enumerate(spans)}

    def at(i: Any) -> int:
        return int(i) if offsets is None else offsets.get(int(i), -1)

    kept = set()
    for row in rows:
        source = index.get((at(row["sourceBegin"]), at(row["sourceEnd"])))
        target = index.get((at(row["targetBegin"]), at(row["targetEnd"])))
        if source is None or target is None or source == target:
            stats.relations_unmatched += 1
            continue
        kept.add((source, target, str(row["type"])))
    stats.relations_kept += len(kept)
    return tuple(sorted(kept))


def read_re3d(
    folders: Paths,
    *,
    min_confidence: float = 0.5,
    label_map: LabelMap | None = None,
    stats: Re3dStats | None = None,
) -> list[GoldDoc]:
    """Reads re3d part folders (or a folder of parts) into :class:`GoldDoc` objects.

    Documents come in folder order, then file order. Pass a :class:`Re3dStats` as
    ``stats`` to learn what was dropped and why.

    Raises:
        FileNotFoundError: a folder without ``documents.json`` (nor parts that have one).
        ValueError: a line that is not a JSON object, or lacks a needed field; the
            message gives file and line.

    >>> stats = Re3dStats()
    >>> docs = read_re3d("../shared/data/re3d-dev", stats=stats)  # doctest: +SKIP
    >>> len(docs), stats.kept  # doctest: +SKIP
    (71, 2148)
    """
    stats = Re3dStats() if stats is None else stats
    docs: list[GoldDoc] = []
    for folder in as_paths(folders):
        for part in _part_folders(folder):
            texts: dict[str, str] = {}
            for row in _json_lines(part / "documents.json", {"_id", "text"}):
                texts[str(row["_id"])] = str(row["text"])
            by_doc: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in texts}
            needed = {"documentId", "begin", "end", "type", "value"}
            for row in _json_lines(part / "entities.json", needed):
                stats.entities += 1
                if float(row.get("confidence", 1.0)) < min_confidence:
                    stats.low_confidence += 1
                elif str(row["documentId"]) not in by_doc:
                    stats.unknown_document += 1
                else:
                    by_doc[str(row["documentId"])].append(row)
            relation_rows = _relation_rows(part, texts, min_confidence, stats)
            for doc_id, text in texts.items():
                spans = _doc_spans(text, by_doc[doc_id], label_map, stats)
                stats.kept += len(spans)
                offsets = _offset_map(text, by_doc[doc_id], Re3dStats())
                relations = _doc_relations(spans, relation_rows[doc_id], offsets, stats)
                docs.append(GoldDoc(doc_id, text, tuple(spans), relations))
            stats.documents += len(texts)
    return docs


__all__ = ["CharSpan", "GoldDoc", "Re3dStats", "read_re3d"]
