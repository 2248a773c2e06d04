"""Label maps from other corpora's entity types to ours (re3d's).

A label map is a dict from a corpus's type to one of ours, to ``None`` (drop the span),
or to a function of the span's words for types that need a closer look. A type missing
from a given map is dropped too, so a map lists exactly what it keeps.

>>> map_label(CONLL_TO_RE3D, "PER", ["Angela", "Merkel"])
'Person'
>>> map_label(CONLL_TO_RE3D, "MISC", ["German"]) is None
True
>>> map_label(None, "MISC", ["German"])
'MISC'
>>> map_label(GMB_TO_RE3D, "gpe", ["Iraqi"]), map_label(GMB_TO_RE3D, "gpe", ["Nepal"])
('Nationality', 'Location')
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping, Sequence

#: What a corpus type maps to: one of our labels, None to drop, or a function of the words.
Target = str | None | Callable[[Sequence[str]], str | None]
LabelMap = Mapping[str, Target]


@functools.lru_cache(maxsize=1)
def _gazetteer_labels() -> tuple[frozenset[str], frozenset[str]]:
    # The bundled gazetteer already knows which surface forms are demonyms and which
    # are places, so the maps below reuse it rather than keep a second list.
    from actorgraph.gazetteer import read_bundled
    from actorgraph.pipeline import GAZETTEER_FILE

    nationalities: set[str] = set()
    locations: set[str] = set()
    for line in read_bundled(GAZETTEER_FILE).splitlines()[1:]:
        _id, label, _canonical, alias, _case = line.split("\t")
        if label == "Nationality":
            nationalities.add(alias.casefold())
        elif label == "Location":
            locations.add(alias.casefold())
    return frozenset(nationalities), frozenset(locations)


def _demonym(words: Sequence[str]) -> str:
    # "Palestinians", "Bosnian Serbs": a plural of a known demonym is a demonym too.
    text = " ".join(words).casefold()
    nationalities, _ = _gazetteer_labels()
    if text in nationalities or (text.endswith("s") and text[:-1] in nationalities):
        return text
    return ""


def gmb_gpe(words: Sequence[str]) -> str:
    """GMB's ``gpe``: a place when the bundled gazetteer has it as one, else Nationality.

    In GMB 2.2 (the Kaggle extract), 92% of the 15,870 ``gpe`` spans are nationality
    adjectives or nouns ("Iraqi" 1,137, "Palestinian" 988, "Afghan" 814, "Palestinians"
    228), and the rest mostly countries ("Nepal" 131, "Spain" 54, "Sudan" 107), so
    Nationality is the default and a known place name wins over it.
    """
    if _demonym(words):
        return "Nationality"
    _, locations = _gazetteer_labels()
    return "Location" if " ".join(words).casefold() in locations else "Nationality"


def demonym_or_drop(words: Sequence[str]) -> str | None:
    """Nationality for a known demonym ("French", "Americans"), else drop.

    For catch-all types such as CoNLL's MISC, which mix demonyms with events, works
    and products: re3d marks demonyms as Nationality and ignores the rest.
    """
    return "Nationality" if _demonym(words) else None


#: CoNLL-2003 (as specified for the benchmark comparison): MISC is dropped.
CONLL_TO_RE3D: dict[str, Target] = {"PER": "Person", "ORG": "Organisation", "LOC": "Location"}

#: GMB: art, eve and nat are dropped; gpe is split between Nationality and Location.
GMB_TO_RE3D: dict[str, Target] = {
    "per": "Person",
    "org": "Organisation",
    "geo": "Location",
    "gpe": gmb_gpe,
    "tim": "Temporal",
}

#: wikigold (CoNLL types, Wikipedia text): MISC spans that are demonyms become Nationality.
WIKIGOLD_TO_RE3D: dict[str, Target] = {**CONLL_TO_RE3D, "MISC": demonym_or_drop}

#: CrossNER politics: nine types, of which event, election and most of misc are dropped.
CROSSNER_POLITICS_TO_RE3D: dict[str, Target] = {
    "person": "Person",
    "politician": "Person",
    "organisation": "Organisation",
    "politicalparty": "Organisation",
    "country": "Location",
    "location": "Location",
    "misc": demonym_or_drop,
}

#: The names the command line accepts for ``--label-map``.
NAMED_MAPS: dict[str, dict[str, Target] | None] = {
    "conll": CONLL_TO_RE3D,
    "gmb": GMB_TO_RE3D,
    "wikigold": WIKIGOLD_TO_RE3D,
    "crossner": CROSSNER_POLITICS_TO_RE3D,
    "none": None,
}


def map_label(label_map: LabelMap | None, label: str, words: Sequence[str]) -> str | None:
    """Our label for a span of type ``label`` with these words; None drops the span."""
    if label_map is None:
        return label
    target = label_map.get(label)
    return target(words) if callable(target) else target


def resolve_label_map(spec: str | os.PathLike[str] | None) -> LabelMap | None:
    """A label map from a name in :data:`NAMED_MAPS` or a JSON file (type → label or null).

    >>> resolve_label_map("none") is None
    True
    >>> resolve_label_map("conll")["PER"]
    'Person'
    """
    if spec is None:
        return None
    if isinstance(spec, str) and spec in NAMED_MAPS:
        return NAMED_MAPS[spec]
    if not os.path.isfile(spec):
        names = ", ".join(NAMED_MAPS)
        raise ValueError(f"label map must be one of {names} or a JSON file, got {spec!r}")
    with open(spec, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()
    ):
        raise ValueError(f"{spec}: a label map is a JSON object of type -> label (or null)")
    return data
