"""Progress bars for long calls: tqdm's when it is installed, else none.

``tqdm.auto`` picks the notebook widget in Jupyter, but the widget needs ipywidgets
and raises ImportError at construction without it; without ipywidgets the terminal
bar is used, which notebooks show as text. Bars wait ``DELAY`` seconds before appearing, so a
call on three texts does not flash one.
"""

from __future__ import annotations

import importlib.util
from typing import Any

#: Seconds a call runs before its bar appears.
DELAY = 0.5


class _NoBar:
    """Stands in for a bar when progress is off or tqdm is missing."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


def bar(
    enabled: bool, *, total: int | None, unit: str, desc: str, delay: float | None = None
) -> Any:
    """A progress bar with ``update(n)`` and ``close()``; does nothing when
    ``enabled`` is False or tqdm is not installed. ``delay`` defaults to ``DELAY``."""
    if not enabled:
        return _NoBar()
    try:
        if importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.auto import tqdm
        else:
            from tqdm.std import tqdm
    except ImportError:
        return _NoBar()
    wait = DELAY if delay is None else delay
    return tqdm(total=total, unit=unit, desc=desc, delay=wait, dynamic_ncols=True)


def total_of(items: Any) -> int | None:
    """``len(items)`` when it has one (a list, a Series), else None (a generator)."""
    try:
        return len(items)
    except TypeError:
        return None
