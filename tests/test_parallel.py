"""Work in forked children: same values, same errors, and no child left behind."""

import os
import time

import pytest

from aligner import runner
from aligner.errors import InputError
from aligner.parallel import Later, later
from aligner.runner import FORKED, IN_TURN, deal, run_all

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


# --------------------------------------------------------------------- many calls (runner.run_all)


def _where(x):
    if x == "bad":
        raise ValueError(f"call {x}")
    if x == "worse":
        raise KeyError(x)
    return x, os.getpid()


def test_calls_are_dealt_into_shares_of_about_equal_size():
    # Largest first, each to the lighter share: 5 | 4, 3 | 2 → 7 | 7 → 1 to the first.
    assert deal([5, 1, 4, 2, 3], 2) == [[0, 1, 3], [2, 4]]
    assert deal([1, 1], 5) == [[0], [1]] and deal([], 2) == []


def test_shares_run_in_children_and_here_with_results_in_order(monkeypatch):
    monkeypatch.setattr(runner, "_cores", lambda: 3)
    results = run_all(FORKED, _where, [(n,) for n in range(7)], [1] * 7)
    assert [value for value, _ in results] == list(range(7))
    pids = {pid for _, pid in results}
    assert PARENT in pids and len(pids) == 3


def test_the_first_failing_call_in_order_is_raised_wherever_it_ran(monkeypatch):
    monkeypatch.setattr(runner, "_cores", lambda: 2)
    calls = [(1,), ("worse",), ("bad",), (2,)]
    for run in (FORKED, IN_TURN):
        with pytest.raises(KeyError, match="worse"):
            run_all(run, _where, calls, [1, 1, 1, 10])


def test_a_runner_with_submit_only_gets_one_call_at_a_time():
    submitted = []

    class Pool:
        def submit(self, fn, /, *args):
            submitted.append(args)
            return IN_TURN.submit(fn, *args)

    assert [v for v, _ in run_all(Pool(), _where, [(1,), (2,)], [1, 1])] == [1, 2] and submitted == [(1,), (2,)]


def test_many_calls_fork_from_a_smaller_size_than_two_sources(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("甲。" * 10, encoding="utf-8")
    assert runner.choose_for_calls(runner.MIN_CHARS_FOR_SHARES) is FORKED
    assert runner.choose_for_calls(runner.MIN_CHARS_FOR_SHARES - 1) is IN_TURN
    assert runner.MIN_CHARS_FOR_SHARES < runner.MIN_CHARS_FOR_A_CHILD
    assert runner.choose_for_files(small, small, small) is IN_TURN


def test_a_share_stops_at_its_first_failure(monkeypatch, tmp_path):
    monkeypatch.setattr(runner, "_cores", lambda: 2)
    done = tmp_path / "done"

    def note(x):
        if x == "bad":
            raise ValueError("bad call")
        with open(done, "a") as file:
            file.write(f"{x}\n")

    # Shares by size: [0, 3] (sizes 5, 2) and [1, 2] (4, 3): the first fails, so 3 is not run.
    with pytest.raises(ValueError, match="bad call"):
        run_all(FORKED, note, [("bad",), (1,), (2,), (3,)], [5, 4, 3, 2])
    assert sorted(done.read_text().split()) == ["1", "2"]
