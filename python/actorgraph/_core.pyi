"""Stubs of the compiled core. Hand-written; checked by mypy.stubtest in CI."""

import os
from collections.abc import Callable, Sequence
from typing import final

__all__ = [
    "ActorgraphError",
    "Batch",
    "CorpusStats",
    "DataError",
    "Gazetteer",
    "GazetteerError",
    "InternalError",
    "ModelError",
    "Pipeline",
    "RecordReader",
    "TrainingError",
    "__version__",
    "_panic_for_tests",
    "list_inputs",
    "predict_relations",
    "tokenize",
    "train_relations",
]

__version__: str

_MentionRow = tuple[int, int, str, float, str, str | None, str | None, int, str | None, int | None]
_RelationRow = tuple[int, int, str, float, int, float, bool, bool, bool]
_DocEntityRow = tuple[str, str, str, int, int, list[str]]
_DocRow = tuple[list[tuple[int, int]], list[_MentionRow], list[_RelationRow], list[_DocEntityRow]]
_EntityRow = tuple[str, str, str, int, int, int, list[tuple[str, int]]]
_PairRow = tuple[str, str, int, int, float, float, float, float, list[tuple[int, int]]]
_GivenRow = tuple[int, int, str]

class ActorgraphError(Exception): ...
class GazetteerError(ActorgraphError, ValueError): ...
class DataError(ActorgraphError, ValueError): ...
class ModelError(ActorgraphError, ValueError): ...
class TrainingError(ActorgraphError, ValueError): ...
class InternalError(ActorgraphError): ...

_Sentence = tuple[list[str], list[tuple[int, int, str]]]

def tokenize(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]: ...

_Spans = list[tuple[int, int, str]]
_RelationDoc = tuple[str, _Spans, list[tuple[int, int, str]]]

def train_relations(
    train: list[_RelationDoc],
    dev: list[_RelationDoc] | None = None,
    epochs: int = 3,
    seed: int = 1,
) -> bytes: ...
def predict_relations(
    model: bytes, docs: list[tuple[str, _Spans]]
) -> list[list[tuple[int, int, str, float]]]: ...

@final
class Pipeline:
    def __new__(
        cls,
        gazetteer_tsv: bytes | None,
        entries: list[tuple[str, str, str, str, bool]],
        lexicon_tsv: str | None,
        model: bytes | None = None,
        heuristic: bool = True,
        patterns: bool = True,
        strip_titles: bool = True,
        gazetteer_types: bool = True,
        do_not_merge: list[tuple[str, str]] = ...,
        relations: bytes | None = None,
    ) -> Pipeline: ...
    @property
    def gazetteer_size(self) -> int: ...
    @property
    def model_labels(self) -> list[str]: ...
    def tag_words(
        self,
        sentences: list[list[str]],
        n_threads: int | None = None,
        *,
        documents: list[int] | None = None,
    ) -> list[list[tuple[int, int, str, float]]]: ...
    def train_tagger(
        self,
        train: list[_Sentence],
        dev: list[_Sentence] | None = None,
        epochs: int = 15,
        seed: int = 0,
        patience: int = 3,
        progress: Callable[[int, float, float | None], object] | None = None,
        *,
        train_documents: list[int] | None = None,
        dev_documents: list[int] | None = None,
    ) -> bytes: ...
    def process(
        self,
        texts: list[str],
        n_threads: int | None = None,
        first_index: int = 0,
        entities: list[list[_GivenRow] | None] | None = None,
    ) -> list[_DocRow]: ...
    def process_with_stats(
        self,
        texts: list[str],
        first_index: int,
        n_threads: int | None = None,
        entities: list[list[_GivenRow] | None] | None = None,
    ) -> tuple[list[_DocRow], CorpusStats]: ...
    def process_deferred(
        self,
        texts: list[str],
        first_index: int,
        n_threads: int | None = None,
        entities: list[list[_GivenRow] | None] | None = None,
        with_stats: bool = False,
    ) -> Batch: ...

@final
class Batch:
    def rows(self) -> list[_DocRow]: ...
    def stats(self) -> CorpusStats | None: ...

@final
class CorpusStats:
    def __new__(cls) -> CorpusStats: ...
    def merge(self, other: CorpusStats, offset: int | None = None) -> None: ...
    def set_do_not_merge(self, pairs: list[tuple[str, str]]) -> None: ...
    @property
    def documents(self) -> int: ...
    @property
    def sentences(self) -> int: ...
    def entities(self) -> list[_EntityRow]: ...
    def pairs(self, min_count: int = 1) -> list[_PairRow]: ...
    def entity_keys(self, mentions: list[tuple[int, str, str, str]]) -> list[str]: ...
    def add_doc(
        self,
        index: int,
        sentences: int,
        mentions: list[tuple[str, str, str, str, int | None]],
    ) -> None: ...
    def __getstate__(
        self,
    ) -> tuple[int, int, list[tuple[object, ...]], list[tuple[object, ...]]]: ...
    def __setstate__(
        self, state: tuple[int, int, list[tuple[object, ...]], list[tuple[object, ...]]]
    ) -> None: ...

@final
class Gazetteer:
    def __new__(cls, entries: list[tuple[str, str, str, str, bool]]) -> Gazetteer: ...
    def __len__(self) -> int: ...
    def find(self, text: str) -> list[tuple[int, int, str, str]]: ...

def _panic_for_tests(message: str) -> None: ...

_Path = str | os.PathLike[str]

def list_inputs(
    paths: Sequence[_Path], format: str | None = None, glob: str | None = None
) -> list[tuple[_Path, str]]: ...

@final
class RecordReader:
    def __new__(
        cls,
        files: Sequence[tuple[_Path, str]],
        text: str,
        id: str,
        id_required: bool,
        date: str,
        date_required: bool,
        errors: str,
    ) -> RecordReader: ...
    def next_batch(
        self, max_records: int, max_bytes: int
    ) -> tuple[list[str], list[str], list[str | None]] | None: ...
    def replaced(self) -> list[str]: ...
