"""Where training and evaluation print their lines: tqdm.write when tqdm is there.

tqdm.write keeps lines from breaking a progress bar that the caller may have open;
without tqdm a flushed print does the same job.
"""

from __future__ import annotations

from collections.abc import Callable


def printer(enabled: bool = True) -> Callable[[str], None]:
    """A function that prints one line, or does nothing when ``enabled`` is False."""
    if not enabled:
        return lambda line: None
    try:
        from tqdm import tqdm
    except ImportError:
        return lambda line: print(line, flush=True)
    return tqdm.write
