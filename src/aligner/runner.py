"""Where work runs: in turn, or in a second process on this machine.

The pipeline and the report writer hand independent pieces of work to a runner
and ask for the results later; the stages themselves are plain functions that
know nothing of processes.  A runner has one method, ``submit(function, *args,
**kwargs)``, which returns a :class:`Pending` call: ``result()`` returns the
value or raises the call's exception, and leaving its ``with`` block before
that stops the work.  A Dask client fits the same seam (``submit`` → future).

:func:`choose` decides once per comparison, from the size of its input, which
runner to use; that threshold is the only process decision in the package.
"""

from __future__ import annotations

import copyreg
import os
from itertools import repeat
from operator import add, attrgetter
from typing import Any, Callable, Protocol

from . import parallel
from .facts.found import Found
from .model import Segment, Side, SideInfo, Source
from .textmap import TextMap

Pending = parallel.Later

# Below this many characters of input in all, a second process costs more than
# it saves: forking and pickling the answer back outweigh half a stage's work.
MIN_CHARS_FOR_A_CHILD = 400_000

# Chinese in UTF-8, GB18030 or Big5: 2–3 bytes a character; a guess is enough here.
BYTES_PER_CHAR = 3


class Runner(Protocol):
    """Runs calls somewhere: ``submit`` returns a :class:`Pending` call."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending: ...


class InTurn:
    """Runs each call in this process, when its result is asked for."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending:
        return parallel.later(False, function, *args, **kwargs)


class Forked:
    """Runs each call in a forked child while the caller goes on (falling back to in turn)."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending:
        return parallel.later(True, function, *args, **kwargs)


IN_TURN = InTurn()
FORKED = Forked()


def choose(chars: int) -> Runner:
    """Return the runner for a comparison of ``chars`` characters of input in all."""
    if chars >= MIN_CHARS_FOR_A_CHILD and hasattr(os, "fork"):
        return FORKED
    return IN_TURN


def choose_for_files(*paths: str | os.PathLike) -> Runner:
    """Return the runner for a comparison of the files at ``paths``, judged by their size on disk.

    Decided before reading, so that the files can be read side by side; a file
    that cannot be looked at counts as empty, and reading it gives its error.
    """
    return choose(sum(_bytes_on_disk(path) for path in paths) // BYTES_PER_CHAR)


def _bytes_on_disk(path: str | os.PathLike) -> int:
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


# How values cross processes.  Pickle's generic protocol for frozen slotted
# dataclasses is slow for the tens of thousands of segments of a long source, so
# a segment goes as its constructor arguments, and a side's segments as columns
# whose texts are spans of the two texts the side carries anyway.

def _found_arguments(found: Found) -> tuple:
    # Its caches (grams, mention) are recomputed when asked.
    return Found, (found.kind, found.key, found.value, found.qualifier, found.start, found.end,
                   found.segment, found.around)


def _segment_arguments(segment: Segment) -> tuple:
    return Segment, tuple(map(segment.__getattribute__, Segment.__slots__))


_SEGMENT_COLUMNS = ("id", "index", "paragraph", "start", "end", "kind", "norm_start")


def _side_columns(side: Side) -> tuple:
    segments = side.segments
    columns = [list(map(attrgetter(name), segments)) for name in _SEGMENT_COLUMNS]
    columns.append(list(map(len, map(attrgetter("normalized"), segments))))
    return _side_from_columns, (side.source, side.view, side.info, *columns)


def _side_from_columns(source: Source, view: TextMap, info: SideInfo, ids: list[str], indexes: list[int],
                       paragraphs: list[int], starts: list[int], ends: list[int], kinds: list[str],
                       norm_starts: list[int], norm_lengths: list[int]) -> Side:
    """Rebuild a :class:`Side` from :func:`_side_columns`."""
    text, view_text = source.text, view.text
    segments = tuple(map(
        Segment, ids, repeat(source.id), indexes, paragraphs, starts, ends,
        map(text.__getitem__, map(slice, starts, ends)),
        map(view_text.__getitem__, map(slice, norm_starts, map(add, norm_starts, norm_lengths))),
        kinds, norm_starts,
    ))
    return Side(source, view, segments, info)


copyreg.pickle(Found, _found_arguments)
copyreg.pickle(Segment, _segment_arguments)
copyreg.pickle(Side, _side_columns)
