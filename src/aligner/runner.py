"""Where work runs: in turn, or in other processes on this machine.

The pipeline and the report writer hand independent pieces of work to a runner
and ask for the results later; the stages themselves are plain functions that
know nothing of processes.  A runner has one method, ``submit(function, *args,
**kwargs)``, which returns a :class:`Pending` call: ``result()`` returns the
value or raises the call's exception, and leaving its ``with`` block before
that stops the work.  A Dask client fits the same seam (``submit`` → future).

Many calls of one function (the N-source comparison's sources and pairs) go
through :func:`run_all`: this package's runners deal them into one share per
core, each share a forked child (so nothing is sent to it) but one run here; any
other runner, a pool say, gets each call on its own.

:func:`choose` (two sources) and :func:`choose_for_calls` (many calls) decide
once per comparison, from the size of its input, which runner to use; those
thresholds are the only process decisions in the package.
"""

from __future__ import annotations

import copyreg
import os
from contextlib import ExitStack
from itertools import repeat
from operator import add, attrgetter
from typing import Any, Callable, Protocol, Sequence

from . import parallel
from .facts.found import Found
from .model import Edit, Fact, Link, Mention, Segment, Side, SideInfo, Source
from .textmap import TextMap

Pending = parallel.Later

# Below this many characters of input in all, a second process costs more than
# it saves: forking and pickling the answer back outweigh half a stage's work.
MIN_CHARS_FOR_A_CHILD = 400_000

# Many calls of one function: a share of them is worth a forked child once they hold
# this many characters in all.  A fork and its exit cost a few hundredths of a second
# of a process of this size, the work of comparing some 10,000 characters.
MIN_CHARS_FOR_SHARES = 100_000

# Chinese in UTF-8, GB18030 or Big5: 2–3 bytes a character; a guess is enough here.
BYTES_PER_CHAR = 3


class Runner(Protocol):
    """Runs calls somewhere: ``submit`` returns a :class:`Pending` call."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending: ...


class InTurn:
    """Runs each call in this process, when its result is asked for."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending:
        return parallel.later(False, function, *args, **kwargs)

    def spread(self, function: Callable[..., Any], calls: Sequence[tuple], sizes: Sequence[int]) -> list:
        """``function(*call)`` for every call, in turn (see :func:`run_all`)."""
        return [function(*call) for call in calls]


class Forked:
    """Runs each call in a forked child while the caller goes on (falling back to in turn)."""

    def submit(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Pending:
        return parallel.later(True, function, *args, **kwargs)

    def spread(self, function: Callable[..., Any], calls: Sequence[tuple], sizes: Sequence[int]) -> list:
        """``function(*call)`` for every call, in shares of about equal size, one a core:
        the others' in forked children meanwhile, the lightest here (see :func:`run_all`)."""
        shares = deal(sizes, min(_cores(), len(calls)))
        with ExitStack() as stack:
            elsewhere = [stack.enter_context(parallel.later(True, _run_share, function, [calls[i] for i in share]))
                         for share in shares[:-1]]
            outcomes = dict(zip(shares[-1], _run_share(function, [calls[i] for i in shares[-1]])))
            for share, pending in zip(shares, elsewhere):
                outcomes.update(zip(share, pending.result()))
        results = []
        for i in range(len(calls)):
            # A call left out comes after a failed one of its share, raised before it is reached.
            done, value = outcomes[i]
            if not done:  # the first call in order that failed, as in turn
                raise value
            results.append(value)
        return results


IN_TURN = InTurn()
FORKED = Forked()


def choose(chars: int) -> Runner:
    """Return the runner for a comparison of ``chars`` characters of input in all."""
    if chars >= MIN_CHARS_FOR_A_CHILD and hasattr(os, "fork"):
        return FORKED
    return IN_TURN


def choose_for_calls(chars: int) -> Runner:
    """Return the runner for many calls of one function (:func:`run_all`) that hold
    ``chars`` characters of input in all."""
    if chars >= MIN_CHARS_FOR_SHARES and hasattr(os, "fork"):
        return FORKED
    return IN_TURN


def choose_for_files(*paths: str | os.PathLike) -> Runner:
    """Return the runner for a comparison of the files at ``paths``, judged by their size on disk.

    Decided before reading, so that the files can be read side by side; a file
    that cannot be looked at counts as empty, and reading it gives its error.
    Three or more files are an N-source comparison: its work is many calls.
    """
    chars = sum(map(bytes_on_disk, paths)) // BYTES_PER_CHAR
    return choose(chars) if len(paths) <= 2 else choose_for_calls(chars)


def run_all(runner: Runner, function: Callable[..., Any], calls: Sequence[tuple],
            sizes: Sequence[int]) -> list:
    """Return ``[function(*call) for call in calls]``, the calls run by ``runner``.

    ``sizes`` (one a call, say its characters) balance the shares of this package's
    runners (their ``spread``); any other runner gets one ``submit`` a call.  When
    calls fail, the first failing call's exception is raised, as in turn.
    """
    spread = getattr(runner, "spread", None)
    if spread is not None:
        return spread(function, calls, sizes)
    pending = [runner.submit(function, *call) for call in calls]
    return [p.result() for p in pending]


def deal(sizes: Sequence[int], count: int) -> list[list[int]]:
    """The indices of ``sizes`` dealt into ``count`` shares (at least one) of about equal
    total: largest first, each to the lightest share so far; shares heaviest first, each
    in index order."""
    shares: list[list[int]] = [[] for _ in range(max(1, count))]
    loads = [0] * len(shares)
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = loads.index(min(loads))
        shares[lightest].append(i)
        loads[lightest] += sizes[i]
    order = sorted(range(len(shares)), key=lambda k: -loads[k])
    return [sorted(shares[k]) for k in order if shares[k]]


def _run_share(function: Callable[..., Any], calls: Sequence[tuple]) -> list[tuple[bool, Any]]:
    """``(True, value)`` of every call in order, up to the first that fails: ``(False, exception)``.

    The calls after it are left: the caller raises that exception or one of an earlier call.
    """
    outcomes = []
    for call in calls:
        try:
            outcomes.append((True, function(*call)))
        except Exception as err:  # noqa: BLE001 - the caller raises the first one, in order
            outcomes.append((False, err))
            break
    return outcomes


def _cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def bytes_on_disk(path: str | os.PathLike) -> int:
    """The size of the file at ``path`` (0 when it cannot be looked at)."""
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


def _fields(record: Any) -> tuple:
    # A frozen slotted record as its constructor arguments (Segment, Link, Edit, Fact,
    # Mention): pickle's generic protocol for them builds a state dict a record.
    kind = type(record)
    return kind, tuple(map(record.__getattribute__, kind.__slots__))


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
for _record in (Segment, Link, Edit, Fact, Mention):
    copyreg.pickle(_record, _fields)
copyreg.pickle(Side, _side_columns)
