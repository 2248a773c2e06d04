"""The corpus readers in one place: CoNLL-style files, re3d folders, and alignment.

>>> from actorgraph.training.readers import read_conll, read_re3d, docs_to_sentences
"""

from actorgraph.training.align import AlignmentStats, Tokenizer, docs_to_sentences
from actorgraph.training.conll import Paths, Sentence, Span, decode_tags, read_conll
from actorgraph.training.re3d import CharSpan, GoldDoc, Re3dStats, read_re3d

__all__ = [
    "AlignmentStats",
    "CharSpan",
    "GoldDoc",
    "Paths",
    "Re3dStats",
    "Sentence",
    "Span",
    "Tokenizer",
    "decode_tags",
    "docs_to_sentences",
    "read_conll",
    "read_re3d",
]
