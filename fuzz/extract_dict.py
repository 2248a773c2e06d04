"""Writes extract.dict, the libFuzzer dictionary of the `extract` target, and
with --seeds DIR seed inputs for it.

    python3 fuzz/extract_dict.py > fuzz/extract.dict
    python3 fuzz/extract_dict.py --seeds fuzz/corpus/extract

Why: the pipeline finds its cue words (relation triggers, negation, modality,
reported speech) and pattern keywords (months, units, identifier cues) through
hash lookups, automata and regular expressions, which give libFuzzer no
comparisons to learn them from. The dictionary hands them over: the string
literals of those modules (outside their tests), plus a few names, titles and
symbols the tagger, resolver and pattern extractors read.

The seeds are the example texts of the unit tests (pattern extractors,
tokenizer, sentence splitter, resolution, relations...), one file each:
coordinates, identifiers and dates in their many formats, which a fuzzer starting
from prose did not find in hours (a coverage report showed the coordinate checks
never ran), "United Arab Emirates (UAE)" and the like.
"""

import hashlib
import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
SOURCES = ["relate/cues.rs"] + [
    f"extract/patterns/{name}.rs" for name in ("geo", "identifiers", "lexicon", "measures", "temporal")
]
EXTRA = [
    "Egypt", "UAE", "United Arab Emirates", "Islamists", "anti-", "Haftar", "Khalifa Haftar",
    "Mr.", "Gen.", "President", "U.S.", "UN", "Libya's", "Tripoli", "said", "(...)",
    "\u00b0", "\u2032", "\u2033", "\u2019s", "\u2014", "\u2013", "\u201c", "\u201d", "\u200f",
    "\u202e", "\u0301", "\r\n", "\n\n", ". ", "? ", "http://", "https://www.", ".com", "@",
]
# A literal that is a regex group's name (MONTH) or carries code, not text.
CODE = re.compile(r"^[A-Z0-9]{2,}$|//|\|\||\{|\(|\[|\\")


def literals(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8").split("#[cfg(test)]")[0]
    found = set()
    for raw in re.findall(r'"((?:[^"\\\n]|\\.){2,24})"', text):
        if "\\" in raw or CODE.search(raw):
            continue
        found.add(raw)
    return found


# Test code whose string literals are example texts: each file's part after
# `#[cfg(test)]` (all of a tests.rs).
SEED_SOURCES = [
    "extract/patterns/tests.rs", "resolve/tests.rs", "text/tokenizer.rs", "text/sentences.rs",
    "relate/classifier.rs", "relate/pairs.rs", "extract/heuristic.rs", "extract/tagger/mod.rs",
    "pipeline.rs",
]


def write_seeds(folder: Path) -> None:
    examples = set()
    for name in SEED_SOURCES:
        code = (SRC / name).read_text(encoding="utf-8")
        tests = code if name.endswith("tests.rs") else code.partition("#[cfg(test)]")[2]
        for raw in re.findall(r'"((?:[^"\\\n]|\\.)*)"', tests):
            text = raw.replace('\\"', '"').replace("\\n", "\n")
            if " " in text and "{" not in text and "\\" not in text:
                examples.add(text)
    folder.mkdir(parents=True, exist_ok=True)
    for text in sorted(examples):
        data = text.encode("utf-8")
        (folder / f"example-{hashlib.sha1(data).hexdigest()[:16]}").write_bytes(data)
    print(f"{len(examples)} seeds written to {folder}", file=sys.stderr)


def main() -> None:
    if sys.argv[1:2] == ["--seeds"]:
        write_seeds(Path(sys.argv[2]))
        return
    words = set(EXTRA)
    for name in SOURCES:
        words |= literals(SRC / name)
    print(f"# {len(words)} entries, written by fuzz/extract_dict.py")
    for word in sorted(words):
        escaped = "".join(
            c if c.isprintable() and c not in '"\\' and ord(c) < 128 else
            "".join(f"\\x{b:02x}" for b in c.encode("utf-8"))
            for c in word
        )
        print(f'"{escaped}"')


if __name__ == "__main__":
    main()
