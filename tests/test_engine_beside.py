"""engine.Beside: a function run in a forked process, its value or its error brought back."""

from __future__ import annotations

import os
import threading

import pytest

from checker.run import engine

forks = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails(message: str) -> None:
    raise ValueError(message)


def _fails_unpicklably() -> None:
    class Local(Exception):  # a class pickle cannot find by name
        pass

    raise Local("made here")


def _sleeps() -> None:
    threading.Event().wait(60)


@forks
def test_the_value_comes_from_another_process() -> None:
    pid, value = engine.Beside(_pid_and, 21).result()
    assert value == 42 and pid != os.getpid()


@forks
def test_its_error_is_raised_here() -> None:
    with pytest.raises(ValueError, match="no such figure"):
        engine.Beside(_fails, "no such figure").result()
    with pytest.raises(RuntimeError, match="Local: made here"):
        engine.Beside(_fails_unpicklably).result()


@forks
def test_a_cancelled_process_ends() -> None:
    beside = engine.Beside(_sleeps)
    beside.cancel()
    with pytest.raises(ProcessLookupError):
        os.kill(beside._pid, 0)
    with pytest.raises(RuntimeError, match="already taken"):
        beside.result()
