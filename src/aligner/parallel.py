"""Running one call in a forked child while the caller goes on: the second core.

Large inputs have independent halves of work (side b's preparation while side a's
runs, the JSON report while the HTML one is rendered).  A forked child starts
with the parent's memory, so nothing has to be sent to it; only its result comes
back, pickled into an anonymous in-memory file.  (Not a pipe: the child would
wait on it, 64 kB at a time, until the parent is ready to read; a file takes the
whole answer at once and the parent reads it in one copy.)  Threads would not
help: the work is Python code holding the interpreter lock.

The result is the same with or without a child: where processes cannot be
forked, or the child dies without an answer (killed, out of memory), the call
simply runs in the caller at :meth:`Later.result`.  An exception raised in the
child is raised again in the caller, so errors read the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
from typing import Any, Callable


def later(in_child: bool, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> "Later":
    """Return ``function(*args, **kwargs)`` as a :class:`Later`: computed in a forked child
    meanwhile when ``in_child``, else here when its result is asked for."""
    return (Later if in_child else _Deferred)(function, *args, **kwargs)


class Later:
    """A call running in a forked child (or, failing that, deferred to ``result``).

    Use it as a context manager: leaving the block before ``result`` was asked
    for (because the caller's own work raised) stops the child.
    """

    def __init__(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self._call = (function, args, kwargs)
        self._child: int | None = None
        self._answer: int | None = None
        try:
            self._start()
        except OSError:  # no second process to be had (limits, memory): run at result()
            self._child = None

    def _start(self) -> None:
        if not hasattr(os, "fork"):
            return
        answer = _anonymous_file()
        try:
            child = os.fork()
        except OSError:
            os.close(answer)
            raise
        if child == 0:  # the child: compute, answer, and leave without running any cleanup
            _answer_and_exit(answer, *self._call)
        self._child, self._answer = child, answer

    def result(self) -> Any:
        """Wait for the call and return its value, or raise the exception it raised."""
        if self._child is None:
            function, args, kwargs = self._call
            return function(*args, **kwargs)
        finished = self._reap() == 0
        with open(self._answer, "rb", closefd=True) as answer:
            answer.seek(0)  # the child's writes moved the offset the two processes share
            data = answer.read()
        if not (finished and data):  # the child died before answering: do the work here
            function, args, kwargs = self._call
            return function(*args, **kwargs)
        done, value = pickle.loads(data)
        if done:
            return value
        raise value

    def _reap(self) -> int:
        """Wait for the child to end; return its exit status (0: it answered in full)."""
        child, self._child = self._child, None
        return os.waitpid(child, 0)[1] if child is not None else 0

    def __enter__(self) -> "Later":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self._child is not None:  # the caller gave up on the result: stop the child
            try:
                os.kill(self._child, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(self._answer)
            self._reap()


class _Deferred(Later):
    """A :class:`Later` that starts no child: the call runs here at ``result``."""

    def _start(self) -> None:
        pass


def _anonymous_file() -> int:
    """Return the descriptor of a new file that lives in memory only (Linux), else of an unnamed temporary file."""
    try:
        return os.memfd_create("aligner-answer", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        with tempfile.TemporaryFile() as handle:
            return os.dup(handle.fileno())


def _answer_and_exit(answer: int, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    """In the child: run the call, pickle ``(True, value)`` or ``(False, exception)`` to ``answer``, exit."""
    status = 1
    try:
        try:
            outcome = (True, function(*args, **kwargs))
        except BaseException as err:  # noqa: BLE001 - every failure belongs to the caller
            outcome = (False, err)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an exception that does not pickle: the caller reruns the call and sees it
            data = b""
        with open(answer, "wb", closefd=True) as file:
            file.write(data)
        status = 0
    finally:
        # os._exit: the child must not run the parent's atexit handlers, flush its
        # copies of the parent's buffers or unwind into the parent's code.
        os._exit(status)
