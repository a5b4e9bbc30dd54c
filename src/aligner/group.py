"""Statements across two or more sources: groups of segments built from pairwise alignments.

How groups are made:

1. The pivot is the source that covers most: the one whose sentences are found,
   word for word, in the most other sources (ties: the longer, then the first).
   Every other source is aligned with it by :func:`aligner.align.align`, the
   two-source alignment, so each pair with the pivot is linked exactly as a
   two-source report links it.
2. Links that share a pivot segment are joined: the connected components of all
   links are the candidate groups (a pivot sentence that one source splits in two
   and another merges with the next stays one group).
3. Joining through the pivot could chain sentences that have nothing in common
   (a pivot sentence linked to the first half in one source and to the second
   half in another).  So the parts of every two non-pivot sources in a group
   must be *related*: similar (the alignment's similarity reaches the threshold),
   or the shorter found nearly as it is inside the longer.  A group that fails is
   split: sources join (those related to the most others first, then the most
   similar to the pivot's part) while they are related to all that joined; the
   links of the others form groups of their own when their pivot segments are
   still free, and their segments are released otherwise.
4. Two groups near each other are joined when a source that states only one of
   them words it so that it matches both far better (it merged two sentences
   that the pivot has apart, with something between them).
5. What no group holds (content the pivot lacks, released segments) is matched
   by candidates near its place, not by more alignments: a leftover segment sits
   between the groups of its source's neighbours.  It joins a nearby group that
   lacks its source when it is similar to the group's base part and related to
   all its parts; leftovers of different sources that are each other's best
   similar match nearby (or equal anywhere: moved content) form groups of their
   own, which join a nearby group of other sources when all their parts are
   related.  Segments in no group at the end are that source's one-sided content.

Grouping itself only handles segment indices; :mod:`aligner.many` runs the
alignments (possibly elsewhere) and builds the report.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from .align import matching_key, similarity
from .model import Link, Segment
from .punctuation import reader_folded

# A part counts as related to a longer one that is dissimilar overall when it matches
# a stretch of it this well (rapidfuzz's partial ratio, 0..1) ...
CONTAINED = 0.75
# ... and has at least this many characters: in very short parts common characters
# (的, 在, digits) make any stretch look alike.
CONTAINED_MIN_CHARS = 8
# Leftover segments are matched with groups and with each other within this many
# groups of their place (the groups around them in their own source).
NEAR = 4
# Two neighbouring groups are joined when a part matches both this much better than its own.
JOIN_GAIN = 0.1
# ... looking this many groups back (a group of other content may sit between them).
JOIN_REACH = 2


@dataclass(frozen=True)
class Catalog:
    """One source's segments as grouping sees them: ids, matching keys, content flags, and
    the common-script texts without white space, quote styles folded (equal ones read alike)."""

    ids: tuple[str, ...]
    keys: tuple[str, ...]
    content: tuple[bool, ...]
    position: dict[str, int]
    compact: tuple[str, ...]

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> "Catalog":
        key_of = {text: matching_key(text) for text in {s.normalized for s in segments}}
        return cls(tuple(s.id for s in segments), tuple(key_of[s.normalized] for s in segments),
                   tuple(s.is_content for s in segments), {s.id: k for k, s in enumerate(segments)},
                   tuple(reader_folded("".join(s.normalized.split())) for s in segments))

    def joined_key(self, members: Iterable[int]) -> str:
        return "".join(map(self.keys.__getitem__, members))

    def joined_compact(self, members: Iterable[int]) -> str:
        return "".join(map(self.compact.__getitem__, members))


@dataclass
class Draft:
    """A group before its parts are compared: segment indices per source (sorted, in
    source order) and, per non-base source, the alignment links it was built from."""

    base: str
    parts: dict[str, tuple[int, ...]]
    links: dict[str, list[Link]] = field(default_factory=dict)


def related(key_x: str, key_y: str, threshold: float) -> bool:
    """Whether two parts say related things: similar, or the shorter found nearly as it is
    in the longer (a sentence that another source merged with its neighbour)."""
    if similarity(key_x, key_y) >= threshold:
        return True
    return _contained(*sorted((key_x, key_y), key=len)) >= CONTAINED


def _contained(key: str, other: str) -> float:
    """How well ``key`` is found in ``other`` as a stretch of it: rapidfuzz's partial ratio
    (0..1), 0 when ``key`` is too short to tell or longer than ``other``."""
    if len(key) < CONTAINED_MIN_CHARS or len(key) > len(other):
        return 0.0
    return fuzz.partial_ratio(key, other) / 100


class _Roots:
    """Union-find: the root of each node's set (with path compression)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, node):
        parent = self.parent
        root = node
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while node != root:
            parent[node], node = root, parent[node]
        return root

    def join(self, node, other) -> None:
        root, other_root = self.find(node), self.find(other)
        if other_root != root:
            self.parent[other_root] = root


def components(base: str, links: Mapping[str, Sequence[Link]], catalogs: Mapping[str, Catalog]) -> list[Draft]:
    """The connected components of ``links`` (``link.a``: ids of ``base``, ``link.b``: of
    the source it is filed under), as drafts in order of their first base segment.

    Every link holds base segments, so a component is known by one of them: links are
    joined through the base segments they share (and through another source's segment,
    should two of that source's links share one).
    """
    roots = _Roots()
    anchored = []
    holder: dict[tuple[str, int], int] = {}  # a non-base segment → a base segment linked with it
    where_base = catalogs[base].position
    for source, source_links in links.items():
        where = catalogs[source].position
        for link in source_links:
            indices_a = [where_base[i] for i in link.a]
            indices_b = [where[j] for j in link.b]
            for node in indices_a[1:]:
                roots.join(indices_a[0], node)
            for j in indices_b:
                roots.join(indices_a[0], holder.setdefault((source, j), indices_a[0]))
            anchored.append((source, link, indices_a, indices_b))
    found: dict[int, dict[str, set[int]]] = {}
    drafts: dict[int, Draft] = {}
    for source, link, indices_a, indices_b in anchored:
        root = roots.find(indices_a[0])
        parts = found.setdefault(root, {base: set()})
        parts[base].update(indices_a)
        parts.setdefault(source, set()).update(indices_b)
        if root not in drafts:
            drafts[root] = Draft(base, {})
        drafts[root].links.setdefault(source, []).append(link)
    for root, draft in drafts.items():
        draft.parts = {s: tuple(sorted(found[root][s])) for s in catalogs if s in found[root]}
    return sorted(drafts.values(), key=lambda d: d.parts[base][0])


def consistent(draft: Draft, catalogs: Mapping[str, Catalog], threshold: float
               ) -> tuple[list[Draft], dict[str, set[int]]]:
    """Split ``draft`` until the parts of every two non-base sources are :func:`related`.

    Returns the groups and the segments released (by source).
    """
    base = draft.base
    others = [s for s in draft.parts if s != base]
    keys = {s: catalogs[s].joined_key(draft.parts[s]) for s in draft.parts}
    if _all_related([keys[s] for s in others], threshold):
        return [draft], {}
    base_key = keys[base]
    rank = list(catalogs)
    # Sources related to the most others join first (they lose no one), then the most similar.
    friends = {s: sum(related(keys[s], keys[t], threshold) for t in others if t != s) for s in others}
    order = sorted(others, key=lambda s: (-friends[s], -similarity(base_key, keys[s]), rank.index(s)))
    kept = [order[0]]
    for source in order[1:]:
        if all(related(keys[source], keys[k], threshold) for k in kept):
            kept.append(source)
    first = _from_links(base, {s: draft.links[s] for s in kept}, catalogs)
    taken = set(first.parts[base])
    released: dict[str, set[int]] = {base: set(draft.parts[base]) - taken}
    free: dict[str, list[Link]] = {}
    for source in order:
        if source in kept:
            continue
        where_base, where = catalogs[base].position, catalogs[source].position
        for link in draft.links[source]:
            if taken.isdisjoint(where_base[i] for i in link.a):
                free.setdefault(source, []).append(link)
            else:
                released.setdefault(source, set()).update(where[j] for j in link.b)
    groups = [first]
    for sub in components(base, free, catalogs):
        more, loose = consistent(sub, catalogs, threshold)
        groups.extend(more)
        for source, indices in loose.items():
            released.setdefault(source, set()).update(indices)
    in_groups = {base: {i for g in groups for i in g.parts[base]}}
    released[base] -= in_groups[base]
    return groups, {s: indices for s, indices in released.items() if indices}


def _all_related(keys: list[str], threshold: float) -> bool:
    """Whether every two of ``keys`` are related (equal keys are, and are compared once)."""
    distinct = list(dict.fromkeys(keys))
    return all(related(x, y, threshold) for x, y in combinations(distinct, 2))


def _from_links(base: str, links: Mapping[str, Sequence[Link]], catalogs: Mapping[str, Catalog]) -> Draft:
    """The draft whose parts are exactly what ``links`` hold."""
    parts: dict[str, set[int]] = {base: set()}
    for source, source_links in links.items():
        where_base, where = catalogs[base].position, catalogs[source].position
        for link in source_links:
            parts[base].update(where_base[i] for i in link.a)
            parts.setdefault(source, set()).update(where[j] for j in link.b)
    return Draft(base, {s: tuple(sorted(parts[s])) for s in catalogs if s in parts},
                 {s: list(v) for s, v in links.items()})


def coverage_pivot(candidates: Sequence[str], pools: Mapping[str, Iterable[int]],
                   catalogs: Mapping[str, Catalog]) -> str:
    """The candidate whose content (``pools``: segment indices) is found word for word in
    the most other candidates, weighted by length; ties go to more content, then the first."""
    keysets = {}
    for source in candidates:
        catalog = catalogs[source]
        keysets[source] = {catalog.keys[i] for i in pools[source] if catalog.content[i] and catalog.keys[i]}
    holders = Counter(key for keys in keysets.values() for key in keys)

    def coverage(source: str) -> tuple[int, int, int]:
        keys = keysets[source]
        return (sum(len(k) * (holders[k] - 1) for k in keys), sum(map(len, keys)), -candidates.index(source))

    return max(candidates, key=coverage)


class Grouping:
    """The groups of a comparison, built in two steps (see the module doc)."""

    def __init__(self, catalogs: Mapping[str, Catalog], threshold: float) -> None:
        self.catalogs = catalogs
        self.threshold = threshold
        self.drafts: list[Draft] = []
        self.pools: dict[str, set[int]] = {s: set(range(len(c.ids))) for s, c in catalogs.items()}

    def add_pivot_links(self, pivot: str, links: Mapping[str, Sequence[Link]]) -> None:
        """File the groups that the alignments of ``pivot`` with the other sources make."""
        self.pivot = pivot
        for draft in components(pivot, links, self.catalogs):
            groups, released = consistent(draft, self.catalogs, self.threshold)
            for group in groups:
                self._add(group)
            for source, indices in released.items():
                self.pools[source].update(indices)

    def join_neighbours(self) -> None:
        """Join two groups near each other (same base) when a source stating only one of
        them states it in words that match both far better: a sentence that source merged
        with its neighbour, which its alignment with the base could not link to both (the
        base has something between them, say)."""
        joined: list[Draft] = []
        for draft in self.ordered():
            for back in range(1, min(JOIN_REACH, len(joined)) + 1):
                merged = self._joined(joined[-back], draft)
                if merged is not None:
                    joined[-back] = merged
                    break
            else:
                joined.append(draft)
        self.drafts = joined

    def _joined(self, first: Draft, second: Draft) -> Draft | None:
        """The two drafts as one, or None when no source's part vouches for it (see
        :meth:`join_neighbours`) or when some parts would not be related."""
        base = first.base
        if second.base != base or first.parts.keys() == second.parts.keys():
            return None
        catalog = self.catalogs[base]
        both = catalog.joined_key(sorted(first.parts[base] + second.parts[base]))
        vouched = any(
            similarity(self._key(draft, s), both) >= similarity(self._key(draft, s), self._key(draft, base)) + JOIN_GAIN
            for draft, other in ((first, second), (second, first)) for s in draft.parts if s not in other.parts)
        if not vouched:
            return None
        parts = {s: tuple(sorted(first.parts.get(s, ()) + second.parts.get(s, ())))
                 for s in self.catalogs if s in first.parts or s in second.parts}
        if not _all_related([self.catalogs[s].joined_key(p) for s, p in parts.items() if s != base], self.threshold):
            return None
        links = {s: first.links.get(s, []) + second.links.get(s, []) for s in parts if s != base}
        return Draft(base, parts, links)

    def _add(self, draft: Draft) -> None:
        self.drafts.append(draft)
        for source, indices in draft.parts.items():
            self.pools[source].difference_update(indices)

    def link_leftovers(self) -> None:
        """Match what no group holds, by candidates near the same place (see the module doc)."""
        self.drafts = self.ordered()
        places = _Places(self.drafts, self.catalogs, self.pools)
        keys = {(s, i): self.catalogs[s].keys[i] for s, i in places.pooled}
        attached = self._attach(places, keys)
        left = [node for node in places.pooled if node not in attached]
        for parts in _pooled_components(left, keys, places, self.threshold):
            draft = self._clique(parts)
            if draft is not None:
                self._add(draft)
        self._join_disjoint()

    def _join_disjoint(self) -> None:
        """Join two nearby groups of different sources whose parts are all related: one
        statement that the alignments with the pivot missed in some sources (they were
        grouped among themselves)."""
        joined: list[Draft] = []
        for draft in self.ordered():
            for back in range(1, min(JOIN_REACH, len(joined)) + 1):
                other = joined[-back]
                if other.parts.keys() & draft.parts.keys():
                    continue
                if not related(self._key(other, other.base), self._key(draft, draft.base), self.threshold):
                    continue
                parts = {s: other.parts.get(s) or draft.parts[s]
                         for s in self.catalogs if s in other.parts or s in draft.parts}
                if _all_related([self.catalogs[s].joined_key(p) for s, p in parts.items()], self.threshold):
                    joined[-back] = Draft(other.base, parts, {**other.links, **draft.links})
                    break
            else:
                joined.append(draft)
        self.drafts = joined

    def _attach(self, places: "_Places", keys: dict[tuple[str, int], str]) -> set[tuple[str, int]]:
        """Add pooled segments to the nearby group they fit best; return the segments added.

        A segment fits a group when its source's part with it is similar to the base
        part — for a group with a part of its source, more similar than that part
        alone (a sentence split in two); the best fit is the most similar.  Its
        source's part must stay related to every other part.
        """
        attached: set[tuple[str, int]] = set()
        for node in places.pooled:
            source, index = node
            if not keys[node]:
                continue
            best, best_part, best_score = None, (), self.threshold
            for rank in places.near(node):
                draft = self.drafts[rank]
                if source == draft.base:
                    continue
                base_key = self._key(draft, draft.base)
                part = tuple(sorted(draft.parts.get(source, ()) + (index,)))
                score = similarity(self.catalogs[source].joined_key(part), base_key)
                if source in draft.parts and score <= similarity(self._key(draft, source), base_key):
                    continue
                if score > best_score or best is None and score == best_score:
                    best, best_part, best_score = draft, part, score
            if best is None:
                continue
            joined = self.catalogs[source].joined_key(best_part)
            if all(related(joined, self._key(best, s), self.threshold) for s in best.parts if s != source):
                best.parts = {s: best_part if s == source else best.parts[s]
                              for s in self.catalogs if s in best.parts or s == source}
                self.pools[source].discard(index)
                attached.add(node)
        return attached

    def _key(self, draft: Draft, source: str) -> str:
        return self.catalogs[source].joined_key(draft.parts[source])

    def _clique(self, parts: dict[str, tuple[int, ...]]) -> Draft | None:
        """A group of the largest-first sources whose parts are all related, or None."""
        keys = {s: self.catalogs[s].joined_key(p) for s, p in parts.items()}
        order = sorted(parts, key=lambda s: (-len(keys[s]), list(self.catalogs).index(s)))
        kept = [order[0]]
        for source in order[1:]:
            if all(related(keys[source], keys[k], self.threshold) for k in kept):
                kept.append(source)
        if len(kept) < 2:
            return None
        return Draft(kept[0], {s: parts[s] for s in self.catalogs if s in kept})

    def one_sided(self, source: str) -> tuple[str, ...]:
        """Content segments of ``source`` in no group, in reading order."""
        catalog = self.catalogs[source]
        in_group = {i for d in self.drafts for i in d.parts.get(source, ())}
        return tuple(catalog.ids[i] for i in range(len(catalog.ids)) if catalog.content[i] and i not in in_group)

    def ordered(self) -> list[Draft]:
        """The groups in reading order of the pivot; a group without it follows the group
        holding the nearest earlier segment of its base that is in a pivot group."""
        pivot = self.pivot
        # Where the bases of groups without the pivot stand among the pivot's groups.
        place: dict[str, list[tuple[int, int]]] = {d.base: [] for d in self.drafts if pivot not in d.parts}
        for draft in self.drafts:
            if pivot in draft.parts:
                first = draft.parts[pivot][0]
                for source in place.keys() & draft.parts.keys():
                    place[source].extend((i, first) for i in draft.parts[source])
        for entries in place.values():
            entries.sort()
        rank = list(self.catalogs)

        def key(draft: Draft) -> tuple:
            if pivot in draft.parts:
                return (draft.parts[pivot][0], 0, 0, 0)
            base, start = draft.base, draft.parts[draft.base][0]
            entries = place[base]
            k = bisect_left(entries, (start, -1))
            return (entries[k - 1][1] if k else -1, 1, rank.index(base), start)

        return sorted(self.drafts, key=key)


class _Places:
    """Where each pooled segment sits among the groups: between the groups that hold its
    source's previous and next grouped segments, at a rank estimated by interpolation
    (a run of pooled segments spreads over the groups around it)."""

    def __init__(self, drafts: Sequence[Draft], catalogs: Mapping[str, Catalog], pools: Mapping[str, set[int]]):
        self.size = len(drafts)
        self.rank: dict[tuple[str, int], float] = {}
        self.pooled: list[tuple[str, int]] = []
        for source, catalog in catalogs.items():
            rank_of = {i: r for r, d in enumerate(drafts) for i in d.parts.get(source, ())}
            pool = pools[source]
            run: list[int] = []
            before = -1
            for i in range(len(catalog.ids) + 1):
                if i < len(catalog.ids) and i in pool:
                    if catalog.content[i]:
                        run.append(i)
                    continue
                after = rank_of.get(i, self.size) if i < len(catalog.ids) else self.size
                for n, j in enumerate(run, 1):
                    self.rank[(source, j)] = before + (after - before) * n / (len(run) + 1)
                    self.pooled.append((source, j))
                run = []
                if i in rank_of:
                    before = rank_of[i]

    def near(self, node: tuple[str, int]) -> range:
        """Ranks of the groups within ``NEAR`` of the segment's estimated rank."""
        at = self.rank[node]
        return range(max(0, int(at - NEAR)), min(self.size, int(at + NEAR) + 1))


def _pooled_components(nodes: list[tuple[str, int]], keys: dict[tuple[str, int], str], places: _Places,
                       threshold: float) -> list[dict[str, tuple[int, ...]]]:
    """Pooled segments of different sources linked when they are each other's best match
    nearby (or equal anywhere), as components: source → segment indices."""
    best: dict[tuple[tuple[str, int], str], tuple[float, tuple[str, int]]] = {}
    by_key: dict[str, list[tuple[str, int]]] = {}
    for node in nodes:
        if keys[node]:
            by_key.setdefault(keys[node], []).append(node)
    ordered = sorted(nodes, key=lambda n: places.rank[n])
    starts = [places.rank[n] for n in ordered]
    cutoff = threshold * 100
    for node in nodes:
        key, at = keys[node], places.rank[node]
        if not key:
            continue
        nearby = ordered[bisect_left(starts, at - NEAR):bisect_right(starts, at + NEAR)]
        others = [n for n in sorted({*nearby, *by_key[key]}) if n[0] != node[0] and keys[n]]
        # Scored by rapidfuzz in C (fuzz.ratio is what similarity() scales to 0..1).
        for _, score, k in process.extract(key, [keys[n] for n in others], scorer=fuzz.ratio,
                                           score_cutoff=cutoff, limit=None):
            other = others[k]
            if score > best.get((node, other[0]), (0.0, None))[0]:
                best[(node, other[0])] = (score, other)
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (node, source), (_, other) in best.items():
        if best.get((other, node[0]), (0.0, None))[1] == node:  # each other's best
            parent[find(other)] = find(node)
    found: dict[tuple[str, int], dict[str, list[int]]] = {}
    for node in parent:
        found.setdefault(find(node), {}).setdefault(node[0], []).append(node[1])
    return [{s: tuple(sorted(v)) for s, v in parts.items()} for parts in found.values() if len(parts) > 1]
