"""Work in a forked child: same value, same errors, and no child left behind."""

import os
import time

import pytest

from aligner.errors import InputError
from aligner.parallel import Later, later

PARENT = os.getpid()


def _double(x):
    return 2 * x, os.getpid()


def _refuse(name):
    raise InputError(f"{name}: not found")


def _die_in_child():
    if os.getpid() != PARENT:
        os._exit(3)  # killed, out of memory...: no answer
    return "done here"


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _raise_unpicklable():
    raise _Unpicklable("the child's own words")


def test_the_value_comes_from_another_process():
    with Later(_double, 21) as later:
        value, pid = later.result()
    assert value == 42 and pid != PARENT


def test_an_error_in_the_child_is_raised_here_with_its_message():
    with Later(_refuse, "b.txt") as later, pytest.raises(InputError, match="b.txt: not found"):
        later.result()


def test_a_child_that_dies_without_answering_is_replaced_by_the_caller():
    with Later(_die_in_child) as later:
        assert later.result() == "done here"


def test_an_error_that_does_not_pickle_is_raised_by_running_the_call_here():
    with Later(_raise_unpicklable) as later, pytest.raises(_Unpicklable, match="own words"):
        later.result()


def test_without_fork_the_call_runs_at_result(monkeypatch):
    def no_fork():
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    with Later(_double, 1) as later:
        assert later.result() == (2, PARENT)


def test_leaving_the_block_early_stops_the_child():
    started = time.monotonic()
    with pytest.raises(RuntimeError):
        with Later(time.sleep, 60) as later:
            child = later._child
            raise RuntimeError("side a failed")
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left
        os.waitpid(child, os.WNOHANG)


def test_without_files_in_memory_the_answer_goes_through_a_temporary_file(monkeypatch):
    monkeypatch.delattr(os, "memfd_create", raising=False)
    with Later(_double, 4) as later:
        value, pid = later.result()
    assert value == 8 and pid != PARENT


def test_a_large_answer_arrives_whole():
    with Later(bytes, 50_000_000) as later:
        assert later.result() == bytes(50_000_000)


def test_later_runs_in_a_child_only_when_asked():
    calls = []

    def note(x):
        calls.append(x)
        return x, os.getpid()

    with later(False, note, 1) as here:
        assert calls == []  # nothing runs before the result is asked for
        assert here.result() == (1, PARENT) and calls == [1]
    with later(True, _double, 3) as there:
        assert there.result()[1] != PARENT
