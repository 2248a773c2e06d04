"""Gazetteer matching against flashtext and ahocorasick-rs, whole words only.

    python benchmarks/bench_gazetteer.py [--megabytes 4] [--repeat 3]

All three run in this process on the same patterns and text. Patterns: the
first 50,000 aliases of the bundled gazetteer, then 1,000,000 (all ~139,000
bundled aliases plus made-up two-word names such as "Varek Tolun"). Text: the
seed commentary repeated to ``--megabytes``. Each matcher is built once (timed)
and searches the text ``--repeat`` times (best kept). All match case-insensitively:

- actorgraph: ``actorgraph._core.Gazetteer`` (the pipeline's matcher: Unicode
  case folding, whole words, leftmost-longest);
- flashtext: ``KeywordProcessor`` (pure Python; whole words by design);
- ahocorasick-rs: ``AhoCorasick`` leftmost-longest over the lowercased text and
  patterns, then a Python filter keeping matches on word boundaries (lowercasing
  is timed with the search).

flashtext and ahocorasick-rs are benchmark-only (``pip install flashtext
ahocorasick-rs``); a missing one is skipped with a message.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import actorgraph  # noqa: F401  (loads the package data helpers)
from actorgraph import _core
from actorgraph.gazetteer import read_bundled

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e183ab97ab092207.txt"
SYLLABLES = ["ka", "ro", "vel", "tun", "mi", "sar", "do", "lek", "an", "bri", "zo", "hu"]


def bundled_aliases() -> list[str]:
    rows = read_bundled("gazetteer.tsv.gz").splitlines()[1:]
    seen: dict[str, None] = {}
    for row in rows:
        alias = row.split("\t")[3]
        seen.setdefault(alias, None)
    return list(seen)


def made_up_names(n: int) -> list[str]:
    """``n`` distinct two-word names from a fixed syllable grid."""
    words = [(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES]
    out = []
    for i in range(n):
        out.append(f"{words[i % len(words)]} {words[(i // len(words)) % len(words)]}")
    return out


def best(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    fastest, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest, value


def timed(build: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    built = build()
    return time.perf_counter() - started, built


def actorgraph_matcher(patterns: list[str]) -> tuple[float, Callable[[str], int]]:
    entries = [(f"x:{i}", "Organisation", p, p, False) for i, p in enumerate(patterns)]
    seconds, gazetteer = timed(lambda: _core.Gazetteer(entries))
    return seconds, lambda text: len(gazetteer.find(text))


def flashtext_matcher(patterns: list[str]) -> tuple[float, Callable[[str], int]] | None:
    try:
        from flashtext import KeywordProcessor
    except ImportError:
        return None

    def build() -> object:
        processor = KeywordProcessor(case_sensitive=False)
        for p in patterns:
            processor.add_keyword(p)
        return processor

    seconds, processor = timed(build)
    return seconds, lambda text: len(processor.extract_keywords(text, span_info=True))


def ahocorasick_matcher(patterns: list[str]) -> tuple[float, Callable[[str], int]] | None:
    try:
        from ahocorasick_rs import AhoCorasick, MatchKind
    except ImportError:
        return None
    seconds, automaton = timed(
        lambda: AhoCorasick([p.lower() for p in patterns], matchkind=MatchKind.LeftmostLongest)
    )

    def search(text: str) -> int:
        lowered = text.lower()
        found = automaton.find_matches_as_indexes(lowered, overlapping=False)
        n = len(lowered)
        return sum(
            1
            for _, start, end in found
            if (start == 0 or not lowered[start - 1].isalnum())
            and (end == n or not lowered[end].isalnum())
        )

    return seconds, search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="text size")
    parser.add_argument("--repeat", type=int, default=3, help="searches per matcher; best kept")
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8")
    text = seed * max(1, int(args.megabytes * 1e6 / len(seed.encode("utf-8"))))
    megabytes = len(text.encode("utf-8")) / 1e6
    aliases = bundled_aliases()
    sets = {
        "50,000": aliases[:50_000],
        "1,000,000": aliases + made_up_names(1_000_000 - len(aliases)),
    }
    print(f"text: {megabytes:.1f} MB (the seed repeated); whole-word, case-insensitive")
    print(f"{'patterns':>10} {'matcher':<16} {'build s':>8} {'MB/s':>8} {'matches':>8} {'x':>6}")
    for name, patterns in sets.items():
        rows = []
        for label, make in (
            ("actorgraph", actorgraph_matcher),
            ("ahocorasick-rs", ahocorasick_matcher),
            ("flashtext", flashtext_matcher),
        ):
            made = make(patterns)
            if made is None:
                print(f"{name:>10} {label:<16} skipped: not installed")
                continue
            build_seconds, search = made
            seconds, matches = best(lambda search=search: search(text), args.repeat)
            rows.append((label, build_seconds, megabytes / seconds, matches))
        ours = rows[0][2]
        for label, build_seconds, rate, matches in rows:
            print(
                f"{name:>10} {label:<16} {build_seconds:8.2f} {rate:8.1f} {matches:8,}"
                f" {ours / rate:5.1f}x"
            )
    print("x: how many times faster actorgraph searches than that matcher")


if __name__ == "__main__":
    main()
