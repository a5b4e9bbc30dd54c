"""The facts stage's data files, each loaded once: units, fact words, name lists and cues."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=None)
def load_table(name: str) -> Any:
    """Load one of the stage's data files (JSON, or TSV of name<TAB>kind) once."""
    text = files("aligner").joinpath("data", name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        return json.loads(text)
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: kind for word, kind in rows}


def alternation(words) -> str:
    """Regex alternation of ``words``, longest first so the longest unit wins."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def units() -> dict[str, tuple[str, str, bool]]:
    """Each unit word → (canonical unit, kind of fact, measure); a unit that is no measure is a
    plain classifier: 一 before it is an article (一支利箭), not a count."""
    return {unit: tuple(row) for unit, row in load_table("fact_units.json").items() if not unit.startswith("_")}


@lru_cache(maxsize=None)
def words() -> dict[str, Any]:
    """The word lists of ``data/fact_words.json``: qualifiers, words that are not figures, name variants."""
    return load_table("fact_words.json")


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    """Frequent words that are not names (进行, 表示, 区域性): ``data/fact_common_words.txt.gz``."""
    import gzip

    text = gzip.decompress(files("aligner").joinpath("data", "fact_common_words.txt.gz").read_bytes())
    return frozenset(line for line in text.decode("utf-8").splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def _variant_folds() -> dict[int, str]:
    return str.maketrans(words()["name_variants"])


def same_name(text_a: str, text_b: str) -> bool:
    """Whether two names are one, written with variant characters (车伕 = 车夫)."""
    folds = _variant_folds()
    return text_a.translate(folds) == text_b.translate(folds)
