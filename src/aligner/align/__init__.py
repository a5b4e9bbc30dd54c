"""Stage 5, align: segments of a and b → links (n:m, moved) and one-sided content.

From cheap and certain to expensive and fuzzy, one module a step:

1. ``scorer``: every segment gets a *matching key* (its common-script text
   without punctuation or spaces), and a :class:`Scorer` says how alike groups
   of segments are.
2. ``candidates``: equal keys are exact anchors; their heaviest reading-order
   chain splits the documents into gaps.
3. ``gaps``: a gap too large for the programme is split further by fuzzy
   anchors (candidate pairs that are each other's best).
4. ``dp``: inside each gap a dynamic programme chooses 1:1 and n:m links.
5. ``leftovers``: sentences left over are linked across the document when
   similar enough (moved content); unlinked neighbours mostly matched inside a
   link join it (different sentence boundaries on the two sides); after
   ``regroup``, a lone short segment on each side between the same two links
   (a changed name or byline) is linked.
6. ``regroup``: content still unlinked is aligned character by character
   with its stretch of the other side; a segment mostly found there joins the
   links of the segments it shares characters with, however many segments
   each side cut the text into; adjacent links that together read the same on
   both sides become one identical link.
7. ``order``: a link is *moved* when it is not in the heaviest reading-order
   chain of links.

Every choice between equally good answers is broken by a rule that does not
depend on which input is a (nearness to the diagonal), so swapping the inputs
swaps the answer.  Boilerplate is aligned like the rest but never reported as
one-sided content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Link, Segment
from ..punctuation import same_to_a_reader
from .candidates import exact_anchors
from .clauses import link_clauses
from .content import ContentScorer
from .dp import Group
from .gaps import align_gap
from .leftovers import absorb_neighbours, link_lone_pairs, link_moved
from .order import Diagonal, gaps_between, moved_flags
from .regroup import join_identical_runs, link_orphans
from .scorer import Scorer, matching_key, similarity
from .statement import StatementModel

__all__ = ["DEFAULT_THRESHOLD", "Alignment", "Progress", "Scorer", "align", "matching_key", "similarity"]

DEFAULT_THRESHOLD = 0.5

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Alignment:
    """Links (without edits yet) and the ids of one-sided content segments."""

    links: tuple[Link, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


def align(segments_a: Sequence[Segment], segments_b: Sequence[Segment], *,
          threshold: float = DEFAULT_THRESHOLD, progress: Progress | None = None,
          model: StatementModel | None = None) -> Alignment:
    """Align the segments of a and b.

    Takes both sources' segments in reading order and a similarity
    ``threshold`` in 0..1 below which nothing is linked; ``model`` is the statement
    model of content links (by default the fitted one).  Returns an
    :class:`Alignment`: links in reading order of a, and the ids of one-sided
    content segments (boilerplate is linked when it has a counterpart, and
    otherwise listed nowhere).
    """
    content_a, content_b = list(segments_a), list(segments_b)
    texts_a, texts_b = [s.normalized for s in content_a], [s.normalized for s in content_b]
    # Most sentences stand on both sides (the identical ones): each text is keyed once.
    key_of = {text: matching_key(text) for text in {*texts_a, *texts_b}}
    scorer = ContentScorer(list(map(key_of.__getitem__, texts_a)), list(map(key_of.__getitem__, texts_b)), threshold,
                            model)
    groups = _groups(scorer, threshold, progress or (lambda stage, done, total: None))
    is_content = ([s.is_content for s in content_a], [s.is_content for s in content_b])
    groups = link_orphans(scorer.keys_a, scorer.keys_b, *is_content, groups)
    groups = link_lone_pairs(scorer.keys_a, scorer.keys_b, *is_content, groups)
    is_sentence = ([s.kind == "sentence" for s in content_a], [s.kind == "sentence" for s in content_b])
    groups, by_clause = link_clauses(scorer, Diagonal(len(content_a), len(content_b)), groups, is_sentence)
    # In order of a (then b), as the links are listed.
    groups = join_identical_runs((scorer.keys_a, scorer.keys_b), (texts_a, texts_b), groups)
    used_a = {i for ia, _ in groups for i in ia}
    used_b = {j for _, ib in groups for j in ib}
    return Alignment(
        links=_links(groups, scorer, content_a, content_b, by_clause),
        only_a=tuple(s.id for i, s in enumerate(content_a) if i not in used_a and s.is_content),
        only_b=tuple(s.id for j, s in enumerate(content_b) if j not in used_b and s.is_content),
    )


def _groups(scorer: Scorer, threshold: float, progress: Progress) -> list[Group]:
    """The linked groups of indices, by first a (the steps of the module docstring in turn)."""
    n, m = len(scorer.keys_a), len(scorer.keys_b)
    diagonal = Diagonal(n, m)
    anchors = exact_anchors(scorer.keys_a, scorer.keys_b)
    scorer.remember(anchors, 1.0)
    groups: list[Group] = [((i,), (j,)) for i, j in anchors]
    gaps = gaps_between(anchors, 0, n, 0, m)
    for done, gap in enumerate(gaps):
        groups.extend(align_gap(scorer, threshold, diagonal, gap))
        if len(gaps) > 50 and done % 50 == 0:
            progress("align", done, len(gaps))
    groups.extend(link_moved(scorer, threshold, diagonal, groups))
    return absorb_neighbours(scorer, diagonal, groups)


def _links(groups: list[Group], scorer: ContentScorer, content_a: list[Segment],
           content_b: list[Segment], by_clause: set[Group]) -> tuple[Link, ...]:
    """The groups as links between segment ids, each identical or changed, and moved or not;
    the links ``by_clause`` have the basis ``clause``."""
    ids_a, ids_b = [s.id for s in content_a], [s.id for s in content_b]
    texts_a, texts_b = [s.normalized for s in content_a], [s.normalized for s in content_b]
    links = []
    for (ia, ib), is_moved in zip(groups, moved_flags(groups)):
        score = scorer.group(ia, ib)
        # Identical means the same to a reader: the keys must match, and then the punctuation
        # but for white space and the style of quotes and the like.
        same = score == 1.0 and same_to_a_reader(_joined(texts_a, ia), _joined(texts_b, ib))
        links.append(Link(
            a=tuple(map(ids_a.__getitem__, ia)), b=tuple(map(ids_b.__getitem__, ib)),
            status="identical" if same else "changed",
            score=1.0 if same else round(score, 4), moved=is_moved,
            basis="text" if same else "clause" if (ia, ib) in by_clause else scorer.basis(ia, ib),
        ))
    return tuple(links)


def _joined(texts: list[str], members: tuple[int, ...]) -> str:
    """The texts of a group's members, joined (most groups have one: nothing to build)."""
    return texts[members[0]] if len(members) == 1 else "".join(map(texts.__getitem__, members))

