"""Running one call in a forked child while the caller goes on: the second core.

Large inputs have independent halves of work (side b's preparation while side a's
runs, the JSON report while the HTML one is rendered).  A forked child starts
with the parent's memory, so nothing has to be sent to it; only its result comes
back, pickled through a pipe.  Threads would not help: the work is Python code
holding the interpreter lock.

The result is the same with or without a child: where processes cannot be
forked, or the child dies without an answer (killed, out of memory), the call
simply runs in the caller at :meth:`Later.result`.  An exception raised in the
child is raised again in the caller, so errors read the same either way.
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Any, Callable


# Below this many characters of input in all, a second process costs more than
# it saves (a stage's work on both sides takes about a second per million).
MIN_CHARS = 400_000


def worth_a_child(chars: int) -> bool:
    """Return True when work on inputs of ``chars`` characters in all is worth a forked child."""
    return chars >= MIN_CHARS and hasattr(os, "fork")


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
        read_end, write_end = os.pipe()
        try:
            child = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
        if child == 0:  # the child: compute, answer, and leave without running any cleanup
            os.close(read_end)
            _answer_and_exit(write_end, *self._call)
        os.close(write_end)
        self._child, self._answer = child, read_end

    def result(self) -> Any:
        """Wait for the call and return its value, or raise the exception it raised."""
        if self._child is None:
            function, args, kwargs = self._call
            return function(*args, **kwargs)
        with os.fdopen(self._answer, "rb") as pipe:
            data = pipe.read()
        self._reap()
        if not data:  # the child died before answering: do the work here
            function, args, kwargs = self._call
            return function(*args, **kwargs)
        done, value = pickle.loads(data)
        if done:
            return value
        raise value

    def _reap(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            os.waitpid(child, 0)

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


def _answer_and_exit(write_end: int, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    """In the child: run the call, pickle ``(True, value)`` or ``(False, exception)`` to the pipe, exit."""
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
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        # os._exit: the child must not run the parent's atexit handlers, flush its
        # copies of the parent's buffers or unwind into the parent's code.
        os._exit(status)
