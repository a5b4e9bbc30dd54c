"""Articles grouped into stories: MinHash LSH candidates, confirmed, joined within a date window.

Candidates come from locality-sensitive hashing of the sketches (``datasketch``),
so the work grows with the feed, not with its square.  A candidate pair is
confirmed when the articles share enough shingles (estimated Jaccard) or enough
statements word for word (one article may quote most of a shorter one).
Confirmed pairs are joined strongest first; a join that would stretch a story
over more than the date window is refused, so one year's typhoon stays apart
from the next.  Every step is ordered by article id: the same feed gives the
same stories.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from datasketch import MinHash, MinHashLSH

from .sketch import PERMUTATIONS, SCHEME, SEED, Sketch, jaccard, shared_statements

LSH_THRESHOLD = 0.2       # candidates: a generous net, confirmation decides
CONFIRM_JACCARD = 0.3
CONFIRM_STATEMENTS = 0.5


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles on one story, in id order; ``key`` names it across runs."""

    key: str
    members: tuple[Sketch, ...]


def candidate_pairs(sketches: list[Sketch]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose sketches LSH puts in one bucket."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERMUTATIONS)
    pairs = set()
    for i, sketch in enumerate(sketches):
        minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME, hashvalues=sketch.minhash)
        for j in lsh.query(minhash):
            pairs.add((j, i))
        lsh.insert(i, minhash)
    return sorted(pairs)


def similarity(a: Sketch, b: Sketch) -> float:
    """How strongly two articles are confirmed as one story (0 when they are not)."""
    shingles, statements = jaccard(a, b), shared_statements(a, b)
    if shingles >= CONFIRM_JACCARD or statements >= CONFIRM_STATEMENTS:
        return max(shingles, statements)
    return 0.0


def group(sketches: list[Sketch], window_days: int) -> tuple[list[Story], list[Sketch]]:
    """Return the stories (two articles or more) and the singletons of ``sketches``."""
    sketches = sorted(sketches, key=lambda sketch: sketch.article.id)
    edges = []
    for i, j in candidate_pairs(sketches):
        strength = similarity(sketches[i], sketches[j])
        if strength:
            edges.append((-strength, i, j))
    stories = _join(sketches, sorted(edges), window_days)
    grouped = [tuple(sketches[i] for i in members) for members in stories if len(members) > 1]
    singletons = [sketches[members[0]] for members in stories if len(members) == 1]
    return [Story(_key(members), members) for members in grouped], singletons


def _join(sketches: list[Sketch], edges: list[tuple[float, int, int]], window_days: int) -> list[list[int]]:
    """Union-find over the edges, strongest first, keeping each story within the date window."""
    parent = list(range(len(sketches)))
    days = [(sketch.article.day(),) * 2 for sketch in sketches]   # (first, last) day of each root's story

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in edges:
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        span = _span(days[ri], days[rj])
        if span is not None and (span[1] - span[0]).days > window_days:
            continue
        low, high = min(ri, rj), max(ri, rj)
        parent[high] = low
        days[low] = span or days[low]
    members: dict[int, list[int]] = {}
    for i in range(len(sketches)):
        members.setdefault(root(i), []).append(i)
    return [members[key] for key in sorted(members)]


def _span(a: tuple[date | None, date | None], b: tuple[date | None, date | None]):
    """The first and last day of two date spans together; None when neither has a date."""
    known = [day for day in (*a, *b) if day is not None]
    return (min(known), max(known)) if known else None


def _key(members: tuple[Sketch, ...]) -> str:
    """A story's name: the first member's id made file-safe, and a short hash of all members."""
    digest = hashlib.sha256("\n".join(sketch.article.id for sketch in members).encode("utf-8")).hexdigest()[:10]
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in members[0].article.id.rsplit(".", 1)[0])
    return f"{stem[-40:]}-{digest}"
