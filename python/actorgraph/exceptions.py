"""The exceptions actorgraph raises on purpose, all under :class:`ActorgraphError`.

>>> import actorgraph
>>> issubclass(actorgraph.GazetteerError, ValueError)
True
"""

from actorgraph._core import (
    ActorgraphError,
    DataError,
    GazetteerError,
    InternalError,
    ModelError,
    TrainingError,
)

__all__ = [
    "ActorgraphError",
    "DataError",
    "GazetteerError",
    "InternalError",
    "ModelError",
    "TrainingError",
]
