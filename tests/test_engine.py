"""The local engine: results in input order, chunks bounded by count and bytes, and never
more than a few chunks in flight (a scan's memory must not follow the corpus)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from checker.run import engine


def _square(n: int) -> int:
    return n * n


def _pid(_: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("sizes", [None, [10] * 40, [engine.CHUNK_BYTES * 2] * 40])
def test_results_come_in_input_order_over_processes(sizes) -> None:
    items = list(range(40))
    got = list(engine.map_ordered(_square, items, jobs=2, sizes=sizes, show=False))
    assert got == [n * n for n in items]


def test_work_runs_in_worker_processes() -> None:
    """All but the first item, which this process does itself before forking workers
    (they then have what it loaded), unless it is big."""
    pids = list(engine.map_ordered(_pid, list(range(40)), jobs=2, show=False))
    assert os.getpid() not in pids[1:]
    forks = multiprocessing.get_start_method() == "fork"
    assert (pids[0] == os.getpid()) == forks
    big = [engine.WARM_UP_BYTES + 1] + [1] * 39
    pids = list(engine.map_ordered(_pid, list(range(40)), jobs=2, sizes=big, show=False))
    assert os.getpid() not in pids


def test_chunks_cover_every_item_once_within_their_bounds() -> None:
    sizes = [1, 2, engine.CHUNK_BYTES, 3, engine.CHUNK_BYTES // 2, engine.CHUNK_BYTES // 2,
             engine.CHUNK_BYTES // 2, 5] + [7] * 100
    bounds = list(engine.chunk_bounds(len(sizes), 64, sizes))
    assert [i for start, end in bounds for i in range(start, end)] == list(range(len(sizes)))
    for start, end in bounds:
        assert 1 <= end - start <= 64
        assert end - start == 1 or sum(sizes[start:end]) <= engine.CHUNK_BYTES
    # A big item sits alone; small neighbours share chunks.
    assert (2, 3) in bounds
    assert bounds[0] == (0, 2)


def test_chunks_without_sizes_are_by_count() -> None:
    assert list(engine.chunk_bounds(10, 4)) == [(0, 4), (4, 8), (8, 10)]
    assert list(engine.chunk_bounds(0, 4)) == []


def test_only_a_few_chunks_are_in_flight(monkeypatch) -> None:
    """A slow reader does not make the workers run ahead: chunks are submitted as
    results are read, at most CHUNKS_IN_FLIGHT_PER_JOB per worker."""
    from concurrent import futures

    submitted: list[int] = []
    real_submit = futures.ProcessPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):
        submitted.append(len(args[1]))
        return real_submit(self, fn, *args, **kwargs)

    monkeypatch.setattr(futures.ProcessPoolExecutor, "submit", counting_submit)
    items = list(range(64))
    results = engine.map_ordered(_square, items, jobs=2, sizes=[1] * 64, show=False)
    assert next(results) == 0
    assert next(results) == 1  # the pool runs (the first item may be this process's own)
    window = 2 * engine.CHUNKS_IN_FLIGHT_PER_JOB
    assert len(submitted) == window
    assert sum(submitted) < len(items)
    assert list(results) == [n * n for n in items[2:]]
    here = 1 if multiprocessing.get_start_method() == "fork" else 0
    assert sum(submitted) == len(items) - here


def test_a_reader_may_stop_early() -> None:
    results = engine.map_ordered(_square, list(range(200)), jobs=2, show=False)
    assert next(results) == 0
    results.close()  # as a scan does when a file's result is an error
