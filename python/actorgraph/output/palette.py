"""Colours shared by the HTML display and the graph plot, so a label looks the same
in both.

re3d's labels (and CoNLL's short ones) have fixed pastel colours, light enough for
black text on top; any other label a trained model brings gets a stable colour
from a hash of its name, so it does not change between sessions.
"""

from __future__ import annotations

import colorsys
import zlib

#: Background colour of each known entity label.
LABEL_COLOURS: dict[str, str] = {
    "Person": "#ffd97a",
    "Organisation": "#a5d8ff",
    "Location": "#b2f2bb",
    "Nationality": "#d0bfff",
    "Temporal": "#ffc9c9",
    "Money": "#96f2d7",
    "Quantity": "#dee2e6",
    "Weapon": "#ffa8a8",
    "MilitaryPlatform": "#ffd8a8",
    "Vehicle": "#eebefa",
    "CommsIdentifier": "#e9ecef",
    "DocumentReference": "#fff3bf",
    "Frequency": "#d8f5a2",
    "Url": "#bac8ff",
    "PER": "#ffd97a",
    "ORG": "#a5d8ff",
    "LOC": "#b2f2bb",
    "MISC": "#d0bfff",
}


def label_colour(label: str) -> str:
    """The ``#rrggbb`` colour of an entity label.

    >>> label_colour("Person"), label_colour("Person") == label_colour("PER")
    ('#ffd97a', True)
    >>> label_colour("Ship") == label_colour("Ship")  # unknown labels: stable pastel
    True
    """
    known = LABEL_COLOURS.get(label)
    if known is not None:
        return known
    hue = (zlib.crc32(label.encode("utf-8")) % 360) / 360
    r, g, b = colorsys.hls_to_rgb(hue, 0.82, 0.7)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def tone_colour(tone: float) -> str:
    """A colour for a tone in ``[-1, 1]``: red for conflict, grey for neutral, green
    for cooperation (values outside the range are clipped).

    >>> tone_colour(-1.0), tone_colour(0.0), tone_colour(1.0)
    ('#c92a2a', '#868e96', '#2b8a3e')
    """
    t = max(-1.0, min(1.0, float(tone))) if tone == tone else 0.0
    grey, red, green = (0x86, 0x8E, 0x96), (0xC9, 0x2A, 0x2A), (0x2B, 0x8A, 0x3E)
    end = red if t < 0 else green
    w = abs(t)
    rgb = [round(g + (e - g) * w) for g, e in zip(grey, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)
