"""Content the sentence steps left unlinked, found again character by character.

The steps before compare whole segments, at most three to a side.  When the
two sides cut the same text differently (a table one row a line against one
long "sentence", a PDF wrap read as thirty headings against two paragraphs, a
clause cut off as its own segment) the pieces match nothing alone and stay
unlinked.  Here each run of such *orphans* is aligned character by character
with the place the other side should hold its text: the matching keys of the
segments on each side are joined, and a common subsequence of the two joined
texts says which characters of each segment stand on the other side, and in
which segment.  An orphan that is mostly matched joins the links of the
segments it shares characters with, or links with them where they are mostly
matched orphans too: a run of k segments covering the same text as m on the
other side becomes one link, with no cap on k and m.  A fragment an extractor
doubled is found where its twin's text stands; orphans still left are looked
for among each other across the whole document (moved text); an orphan of
punctuation alone joins its neighbour's link.

Last, adjacent links that each hold a piece of their neighbour's text (both
sides cut, at different places) but together read the same become one
identical link (:func:`join_identical_runs`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from itertools import accumulate
from operator import add
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..punctuation import reader_folded
from .dp import Group

# An orphan is linked when at least this share of its key's characters is matched.
ORPHAN_MATCHED = 0.5
# ... to a linked segment, or to an orphan of which it makes at least this share
# or this many characters: a sentence another was glued to takes it in, a byline
# glued to a sentence found nowhere else does not drag the sentence into a link.
HOLDS_MATCHED = 0.3
HOLDS_CHARS = 30
# ... or when the orphan, a sentence of at least this many characters (more than
# a byline or a name), stands in it nearly whole: an edit merged it into a longer one.
INSIDE_CHARS = 12
INSIDE_MATCHED = 0.9
# Common subsequence blocks shorter than this are chance (的, 了, 中国 scattered
# over two unrelated sentences) and are not counted as matched.
MIN_BLOCK = 3
# An orphan whose text the other side holds only once, already matched by its
# twin (a run the extractor doubled), is found when this share of it stands
# there almost as it is.
AGAIN_MATCHED = 0.75
# Searching a text for a pair of characters costs far less than adding a pair to a
# set: past this many searches of one text, its pairs are put in a set.
_SEARCHES = 2000
# A window from the link before a run to the link after it spans at most this
# many times the segments on the other side as on the run's (and this many more).
_SPREAD = 8
# Windows whose joined keys would need more cells than this are not aligned.
MAX_CELLS = 50_000_000

Window = tuple[tuple[int, int], tuple[int, int]]  # (start, stop) of a, (start, stop) of b
Node = tuple[int, int]  # (side, index): side 0 is a, 1 is b


class _Side:
    """One side's keys and links, as regrouping reads them.

    ``side`` is 0 for a, 1 for b; ``owner[k]`` is the index of the group (of
    ``groups``) holding segment ``k`` (-1: none); ``other_keys`` are the other
    side's keys.
    Orphans are unlinked content with something to match; strays are unlinked
    content of punctuation alone, which says nothing by itself.
    """

    __slots__ = ("side", "keys", "owner", "groups", "other_keys", "unlinked", "orphans", "strays")

    def __init__(self, side: int, keys: list[str], content: Sequence[bool], owner: list[int], groups: list[Group],
                 other_keys: list[str]) -> None:
        self.side, self.keys, self.owner, self.groups, self.other_keys = side, keys, owner, groups, other_keys
        self.unlinked = [k for k, o in enumerate(owner) if o < 0]
        self.orphans = {k for k in self.unlinked if content[k] and keys[k]}
        self.strays = [k for k in self.unlinked if content[k] and not keys[k]]

    def solid(self, k: int) -> bool:
        """Whether segment ``k`` is linked one to one with a segment of the same key."""
        if self.owner[k] < 0:
            return False
        group = self.groups[self.owner[k]]
        return len(group[0]) == len(group[1]) == 1 and self.keys[k] == self.other_keys[group[1 - self.side][0]]

    def next_linked(self, k: int) -> int:
        """The first linked segment after ``k`` (the end of the document if none)."""
        k += 1
        while k < len(self.owner) and self.owner[k] < 0:
            k += 1
        return k

    def previous_linked(self, k: int) -> int:
        """The last linked segment before ``k`` (-1 if none)."""
        k -= 1
        while k >= 0 and self.owner[k] < 0:
            k -= 1
        return k

    def runs(self) -> list[tuple[int, int]]:
        """The maximal runs ``[start, stop)`` of unlinked segments that hold an orphan."""
        runs = []
        for k in self.unlinked:
            if runs and runs[-1][1] == k:
                runs[-1][1] = k + 1
            else:
                runs.append([k, k + 1])
        return [(start, stop) for start, stop in runs if any(k in self.orphans for k in range(start, stop))]


def link_orphans(keys_a: list[str], keys_b: list[str], content_a: Sequence[bool], content_b: Sequence[bool],
                 groups: list[Group]) -> list[Group]:
    """Return ``groups`` with the unlinked content that stands on the other side linked.

    ``content_a``/``content_b`` say which segments are content: unlinked
    boilerplate is never reported, so it is not looked for.  A group that gains
    members is replaced by the grown group; the others are returned unchanged.
    """
    owners = ([-1] * len(keys_a), [-1] * len(keys_b))
    for g, (ia, ib) in enumerate(groups):
        for i in ia:
            owners[0][i] = g
        for j in ib:
            owners[1][j] = g
    sides = (_Side(0, keys_a, content_a, owners[0], groups, keys_b),
             _Side(1, keys_b, content_b, owners[1], groups, keys_a))
    if not (sides[0].orphans or sides[1].orphans or sides[0].strays or sides[1].strays):
        return groups
    best: dict[Node, tuple[int, tuple[Node, ...]]] = {}  # orphan → (characters shared, its counterparts)
    for window, asking in _windows(groups, sides).items():
        _offer(best, _window_partners(sides, [range(*window[0]), range(*window[1])], asking))
    left = [sorted(k for k in side.orphans if (s, k) not in best) for s, side in enumerate(sides)]
    if left[0] and left[1]:
        # Moved text: what is left of each side, in reading order, against the other's.
        _offer(best, _window_partners(sides, left, {(s, k) for s in (0, 1) for k in left[s]}, twins=False))
    edges = [(node, partner) for node, (_, partners) in best.items() for partner in partners]
    edges.extend(_punctuation_edges(sides))
    return _joined(groups, edges, sides)


def _offer(best: dict[Node, tuple[int, tuple[Node, ...]]], found: dict[Node, tuple[int, tuple[Node, ...]]]) -> None:
    """Keep for each orphan the counterparts of the window where it shares most characters
    (the first counterparts of equals)."""
    for node, (count, partners) in found.items():
        if node not in best or (-count, partners) < (-best[node][0], best[node][1]):
            best[node] = (count, partners)


def _windows(groups: list[Group], sides: tuple[_Side, _Side]) -> dict[Window, set[Node]]:
    """Where each run of orphans is aligned, and the orphans asking for each window.

    A run lies between two links on its side.  When the other side of these
    links is in order, the run's text should lie between them there too: one
    window from the link before to the link after.  When it is not (the links
    moved), the text may follow the link before or precede the link after: a
    window for each, holding the link and the unlinked run next to it.
    """
    windows: dict[Window, set[Node]] = defaultdict(set)
    for s in (0, 1):
        this, other = sides[s], sides[1 - s]
        for start, stop in this.runs():
            before = groups[this.owner[start - 1]] if start > 0 else None
            after = groups[this.owner[stop]] if stop < len(this.keys) else None
            asking = {(s, k) for k in range(start, stop) if k in this.orphans}
            for here, there in _run_windows(before, after, s, start, stop, this, other):
                windows[(here, there) if s == 0 else (there, here)] |= asking
    return windows


def _run_windows(before: Group | None, after: Group | None, s: int, start: int, stop: int,
                 this: _Side, other: _Side) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The windows (this side's range, the other side's range) of one run, as :func:`_windows` says
    (``this``: the run's side, ``other``: the other)."""
    o = 1 - s
    if before and after and max(before[o]) < min(after[o]):
        here, there = (min(before[s]), max(after[s]) + 1), (min(before[o]), max(after[o]) + 1)
        # Links far apart on the other side (much moved between them) make a window
        # of mostly other text: the two windows next to the links say as much.
        if there[1] - there[0] <= _SPREAD * (here[1] - here[0]) + _SPREAD:
            return [(here, there)]
    if before:
        following = ((min(before[s]), stop), (min(before[o]), other.next_linked(max(before[o]))))
    else:
        following = ((0, stop), (0, other.next_linked(-1)))
    if after:
        preceding = ((start, max(after[s]) + 1), (other.previous_linked(min(after[o])) + 1, max(after[o]) + 1))
    else:
        preceding = ((start, len(this.keys)), (other.previous_linked(len(other.keys)) + 1, len(other.keys)))
    return [following, preceding]


def _window_partners(sides: tuple[_Side, _Side], members: list[Sequence[int]],
                     asking: set[Node], twins: bool = True) -> dict[Node, tuple[int, tuple[Node, ...]]]:
    """The counterparts of each asking orphan found in a window, with the characters they share.

    ``members`` are the window's segments of a and of b, in reading order.  An
    orphan is found when most of it is matched; its counterparts are the
    segments it shares characters with that are linked or matched enough
    themselves (see HOLDS_MATCHED), or orphans it stands in nearly whole (see
    INSIDE_CHARS), all of them: a line cut across two
    sentences of the other side ties them.  With ``twins``, an orphan not
    found may still stand on the other side, already matched by its twin (see
    :func:`_found_again`).
    """
    keys = [[sides[s].keys[k] for k in members[s]] for s in (0, 1)]
    texts = ["".join(keys[0]), "".join(keys[1])]
    if len(texts[0]) * len(texts[1]) > MAX_CELLS:
        return {}
    # Most orphans are text the other side lacks: their pairs of characters are
    # mostly missing there, which is quicker to see than what is matched.
    present = _presence(sides, texts, asking)
    # A twin's characters stand there in runs of two or more: AGAIN_MATCHED of them
    # make at least half as many pairs.
    doubled = {(s, k) for (s, k), n in present.items()
               if twins and 2 * (n + 1) >= AGAIN_MATCHED * len(sides[s].keys[k]) and _doubled(sides[s], k)}
    hopeful = [(s, k) for (s, k), n in present.items() if 3 * (n + 1) >= len(sides[s].keys[k])]
    if not hopeful and not doubled:
        return {}
    # Where the other side holds only sentences equal to their links' own, an
    # orphan can only be a twin.
    open_ = [not all(sides[s].solid(k) for k in members[s]) for s in (0, 1)]
    shared: tuple[dict[int, dict[int, int]], ...] = (defaultdict(dict), defaultdict(dict))
    if any(open_[1 - s] for s, _ in hopeful):
        for (r, c), count in _matched_characters(keys[0], keys[1]).items():
            i, j = members[0][r], members[1][c]
            shared[0][i][j] = shared[1][j][i] = count
    found = [{k for k, by in shared[s].items()
              if k in sides[s].orphans and sum(by.values()) >= ORPHAN_MATCHED * len(sides[s].keys[k])}
             for s in (0, 1)]
    holds = [{k for k, by in shared[s].items()
              if k in sides[s].orphans
              and sum(by.values()) >= min(HOLDS_MATCHED * len(sides[s].keys[k]), HOLDS_CHARS)}
             for s in (0, 1)]
    out = {}
    for s, k in sorted(asking):
        o, key = 1 - s, sides[s].keys[k]
        if k in found[s]:
            inside = INSIDE_MATCHED * len(key) if len(key) >= INSIDE_CHARS else len(key) + 1
            counts = {x: n for x, n in shared[s][k].items()
                      if sides[o].owner[x] >= 0 or x in holds[o] or (n >= inside and x in sides[o].orphans)}
            if counts:
                out[s, k] = (sum(counts.values()), tuple((o, x) for x in sorted(counts)))
        elif (s, k) in doubled:
            again = _found_again(key, keys[o], texts[o])
            if again is not None and (sides[o].owner[members[o][again[1]]] >= 0 or members[o][again[1]] in found[o]):
                out[s, k] = (again[0], ((o, members[o][again[1]]),))
    return out


def _presence(sides: tuple[_Side, _Side], texts: list[str], looked: set[Node]) -> dict[Node, int]:
    """For each of the ``looked`` orphans, how many of its pairs of characters stand in the
    window's text of the other side (quicker to see than what is matched)."""
    asked = [sum(len(sides[s].keys[k]) for s, k in looked if s == side) for side in (0, 1)]
    pairs = [_pairs(texts[0], asked[1]), _pairs(texts[1], asked[0])]
    return {(s, k): _pairs_present(sides[s].keys[k], pairs[1 - s]) for s, k in looked}


def _doubled(side: _Side, k: int) -> bool:
    """Whether segment ``k`` repeats the text just before it, as an extractor that reads a
    run twice leaves it (a headline whose words the body repeats does not)."""
    key = side.keys[k]
    before, j = "", k - 1
    while len(before) < 2 * len(key) and j >= 0:
        before, j = side.keys[j] + before, j - 1
    return _pairs_present(key, before[-2 * len(key):]) >= AGAIN_MATCHED * (len(key) - 1)


def _pairs(text: str, asked: int) -> str | frozenset[str]:
    """What :func:`_pairs_present` looks pairs of characters up in: ``text`` itself, searched
    in C, when it is asked about ``asked`` characters or few; its set of pairs when many."""
    return frozenset(map(add, text, text[1:])) if asked > _SEARCHES else text


def _pairs_present(key: str, pairs: str | frozenset[str]) -> int:
    """How many of the overlapping pairs of characters of ``key`` stand in ``pairs``
    (a text, or a set of pairs)."""
    return sum(map(pairs.__contains__, map(add, key, key[1:])))


def _found_again(key: str, other_keys: list[str], text: str) -> tuple[int, int] | None:
    """Where ``key`` (at least two characters) stands almost as it is in ``text``, the join of ``other_keys``
    (AGAIN_MATCHED of it, in runs of two characters or more): (characters matched,
    position in the list), or None."""
    if not 2 <= len(key) < len(text):
        return None
    where = fuzz.partial_ratio_alignment(key, text, score_cutoff=100 * AGAIN_MATCHED)
    if where is None:
        return None
    blocks = Indel.opcodes(key, text[where.dest_start:where.dest_end]).as_matching_blocks()
    matched = sum(block.size for block in blocks if block.size >= 2)
    if matched < AGAIN_MATCHED * len(key):
        return None
    # The segment holding the middle of the place found.
    middle = (where.dest_start + where.dest_end) // 2
    return matched, bisect_right(list(accumulate(map(len, other_keys))), middle)


def _matched_characters(keys_a: list[str], keys_b: list[str]) -> dict[tuple[int, int], int]:
    """How many characters each segment of a shares with each of b, in a common subsequence of
    the joined keys: ``{(r, c): count}`` by position in the lists.

    The subsequence is worked out with the lesser text first, so that swapping
    the inputs gives the mirrored answer.
    """
    text_a, text_b = "".join(keys_a), "".join(keys_b)
    if not text_a or not text_b:
        return {}
    if text_a <= text_b:
        blocks = [(x, y, size) for x, y, size in Indel.opcodes(text_a, text_b).as_matching_blocks()]
    else:
        blocks = [(x, y, size) for y, x, size in Indel.opcodes(text_b, text_a).as_matching_blocks()]
    starts_a = list(accumulate(map(len, keys_a), initial=0))
    starts_b = list(accumulate(map(len, keys_b), initial=0))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for x, y, size in blocks:
        if size < MIN_BLOCK:
            continue
        # Walk the block across the segment boundaries of both sides.
        r, c = bisect_right(starts_a, x) - 1, bisect_right(starts_b, y) - 1
        end = x + size
        while x < end:
            step = min(end, starts_a[r + 1], starts_b[c + 1] - y + x) - x
            if step > 0:
                counts[r, c] += step
                x, y = x + step, y + step
            if x == starts_a[r + 1]:
                r += 1
            if y == starts_b[c + 1]:
                c += 1
    return counts


def _punctuation_edges(sides: tuple[_Side, _Side]) -> list[tuple[Node, Node]]:
    """Each unlinked segment of punctuation alone with its linked neighbour.

    Punctuation says nothing alone; it goes with the sentence it follows (or,
    at a document's start, the one it precedes).
    """
    edges = []
    for s, side in enumerate(sides):
        for k in side.strays:
            for neighbour in (k - 1, k + 1):
                if 0 <= neighbour < len(side.keys) and side.owner[neighbour] >= 0:
                    edges.append(((s, k), (s, neighbour)))
                    break
    return edges


def _joined(groups: list[Group], edges: list[tuple[Node, Node]], sides: tuple[_Side, _Side]) -> list[Group]:
    """The groups with the edges' ends joined: each connected part of segments is one group.

    Nodes are segments, except that a linked segment stands for its whole
    group (``(2, g)``).  Each orphan brings its edges, so two groups merge only
    where an orphan ties them; the groups no edge reaches are kept as they are.
    """
    parent: dict[Node, Node] = {}

    def find(x: Node) -> Node:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def node(x: Node) -> Node:
        g = sides[x[0]].owner[x[1]]
        return (2, g) if g >= 0 else x

    for x, y in edges:
        x, y = find(node(x)), find(node(y))
        if x != y:
            parent[max(x, y)] = min(x, y)
    reached = {node(x) for edge in edges for x in edge}
    parts: dict[Node, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for x in reached:
        members = parts[find(x)]
        if x[0] == 2:
            members[0].update(groups[x[1]][0])
            members[1].update(groups[x[1]][1])
        else:
            members[x[0]].add(x[1])
    joined = {x[1] for x in reached if x[0] == 2}
    kept = [group for g, group in enumerate(groups) if g not in joined]
    kept.extend((tuple(sorted(ia)), tuple(sorted(ib))) for ia, ib in parts.values() if ia and ib)
    return kept


def join_identical_runs(keys: tuple[list[str], list[str]], texts: tuple[list[str], list[str]],
                        groups: list[Group]) -> list[Group]:
    """Return ``groups`` (in order of a) with each run of adjacent links that reads the same
    on both sides joined into one link.

    ``keys`` and ``texts`` are the matching keys and the normalized texts of
    the segments of a and of b.  Where the two sides cut the same text at
    different places (a PDF wrap against sentences), every link holds a piece
    of its neighbour's text and none is identical, though together they are:
    they become one identical link.  A run stops as soon as its two sides part,
    so reworded text costs one comparison a link.
    """
    groups = sorted(groups)
    unspaced = (_Unspaced(texts[0]), _Unspaced(texts[1]))
    texts_a, texts_b = texts
    # Most links are one sentence, the same on both sides: no run goes through them,
    # since a run's two sides differ wherever it is cut short.
    unsettled = [k for k, (ia, ib) in enumerate(groups)
                 if len(ia) > 1 or len(ib) > 1 or texts_a[ia[0]] != texts_b[ib[0]]]
    runs: dict[int, int] = {}  # first link of a run → its end
    done = 0
    free = set(unsettled)
    for k in unsettled:
        if k >= done and _may_start_run(keys, unspaced, groups[k]):
            end = _identical_run_end(keys, unspaced, groups, k, free)
            if end > k + 1:
                runs[k] = done = end
    if not runs:
        return groups
    out = []
    k = 0
    while k < len(groups):
        end = runs.get(k, k + 1)
        if end == k + 1:
            out.append(groups[k])
        else:
            out.append((tuple(sorted(i for ia, _ in groups[k:end] for i in ia)),
                        tuple(sorted(j for _, ib in groups[k:end] for j in ib))))
        k = end
    return out


class _Unspaced(dict):
    """Segment index → its normalized text without white space, worked out when first asked for."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__()
        self.texts = texts

    def __missing__(self, k: int) -> str:
        text = self[k] = "".join(self.texts[k].split())
        return text


def _may_start_run(keys: tuple[list[str], list[str]], unspaced: tuple[_Unspaced, _Unspaced], group: Group) -> bool:
    """Whether a run of links reading the same may start at ``group``: most links are one
    sentence, the same on both sides or reworded, and are told apart here cheaply."""
    ia, ib = group
    if len(ia) > 1 or len(ib) > 1:
        return True
    key_a, key_b = keys[0][ia[0]], keys[1][ib[0]]
    if key_a != key_b:
        return key_a.startswith(key_b) or key_b.startswith(key_a)
    # The same words: a run helps only when a mark stands on the other side of the cut.
    text_a, text_b = unspaced[0][ia[0]], unspaced[1][ib[0]]
    return text_a != text_b and (text_a.startswith(text_b) or text_b.startswith(text_a))


def _identical_run_end(keys: tuple[list[str], list[str]], unspaced: tuple[_Unspaced, _Unspaced],
                       groups: list[Group], k: int, free: set[int]) -> int:
    """The end of the shortest run of adjacent links from ``groups[k]`` that reads the same on
    both sides; ``k + 1`` when there is none (or the link alone does).

    The keys are compared first (cheap, and equal wherever the texts are);
    the texts only where the keys meet, and the run goes on only while one
    text begins the other.
    """
    key_a = key_b = ""
    next_a, next_b = groups[k][0][0], groups[k][1][0]
    for end in range(k, len(groups)):
        ia, ib = groups[end]
        if end not in free or ia[0] != next_a or ib[0] != next_b:
            break  # a link the same on both sides, not adjacent on both sides (a gap), or moved
        key_a += "".join([keys[0][i] for i in ia])
        key_b += "".join([keys[1][j] for j in ib])
        if key_a == key_b:
            members = groups[k:end + 1]
            text_a = reader_folded("".join([unspaced[0][i] for ia, _ in members for i in ia]))
            text_b = reader_folded("".join([unspaced[1][j] for _, ib in members for j in ib]))
            if text_a == text_b:
                return end + 1
            if not (text_a.startswith(text_b) or text_b.startswith(text_a)):
                break
        elif not (key_a.startswith(key_b) or key_b.startswith(key_a)):
            break
        next_a, next_b = ia[-1] + 1, ib[-1] + 1
    return k + 1
