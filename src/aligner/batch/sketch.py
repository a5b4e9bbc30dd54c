"""What the grouping needs of one article, computed where the article is read.

A sketch is small whatever the article's size: a MinHash of its common-script
character shingles (for near-duplicate candidates) and the hashes of its
statements (to confirm a candidate by shared statements).  Both ignore layout,
punctuation and script, so that a wrapped PDF extraction in Traditional script
and a web page in Simplified sketch alike.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from ..convert import to_common_script
from ..errors import AlignerError
from ..readers import read_document
from ..textmap import TextMap
from .feed import Article

SHINGLE = 5            # characters: long enough to be rare across unrelated stories
PERMUTATIONS = 128     # MinHash size: Jaccard estimated to about ±0.04
SEED = 1               # fixed, with the scheme, so that sketches made by any worker compare
SCHEME = "affine32"
MIN_STATEMENT = 8      # characters of a statement worth hashing
MAX_STATEMENTS = 400

# Statements end at sentence punctuation, not at line ends: a PDF wraps lines anywhere.
_STATEMENT_END = re.compile(r"[。！？!?；;]+")


@dataclass(frozen=True, slots=True)
class Sketch:
    """An article's fingerprint: its feed entry, the file's sha256, size, MinHash and statements."""

    article: Article
    sha256: str
    chars: int
    shingles: int
    minhash: np.ndarray
    statements: frozenset[int]


def sketch_articles(articles: list[Article], max_chars: int) -> list[Sketch | tuple[Article, str]]:
    """Sketch each article; one that cannot be read becomes ``(article, reason)``."""
    return [_sketch_or_reason(article, max_chars) for article in articles]


def _sketch_or_reason(article: Article, max_chars: int) -> Sketch | tuple[Article, str]:
    try:
        source = read_document(article.path, max_chars=max_chars)
    except AlignerError as err:
        return article, str(err)
    if not source.text.strip():
        return article, f"{article.path}: has no text"
    common = to_common_script(TextMap.identity(source.text), "simplified").text
    shingles = _shingles(common)
    return Sketch(article, source.sha256, source.chars, len(shingles), _minhash(shingles), _statements(common))


def _letters(text: str) -> str:
    return "".join(filter(str.isalnum, text)).lower()


def _shingles(common: str) -> set[str]:
    letters = _letters(common)
    return {letters[i:i + SHINGLE] for i in range(max(1, len(letters) - SHINGLE + 1))}


def _minhash(shingles: set[str]) -> np.ndarray:
    sketch = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME)
    sketch.update_batch([shingle.encode("utf-8") for shingle in sorted(shingles)])
    return sketch.hashvalues


def _statements(common: str) -> frozenset[int]:
    hashes = set()
    for statement in _STATEMENT_END.split(common):
        letters = _letters(statement)
        if len(letters) >= MIN_STATEMENT:
            hashes.add(int.from_bytes(hashlib.blake2b(letters.encode("utf-8"), digest_size=8).digest(), "big"))
    return frozenset(sorted(hashes)[:MAX_STATEMENTS])


def jaccard(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(np.count_nonzero(a.minhash == b.minhash)) / PERMUTATIONS


def containment(a: Sketch, b: Sketch) -> float:
    """Estimated share of the smaller article's shingles found in the other one.

    From the Jaccard estimate J and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
    One article may be a short report that a longer one (a roundup, a newspaper
    page) contains whole; their Jaccard is low, their containment high.
    """
    j = jaccard(a, b)
    smaller = min(a.shingles, b.shingles)
    return min(1.0, j * (a.shingles + b.shingles) / (1 + j) / smaller) if smaller else 0.0


def shared_statements(a: Sketch, b: Sketch) -> float:
    """Share of the shorter article's statements that the other one also makes, word for word."""
    smaller = min(len(a.statements), len(b.statements))
    return len(a.statements & b.statements) / smaller if smaller else 0.0
