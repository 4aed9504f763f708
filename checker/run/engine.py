"""Run the per-document work over local processes, in order, with an optional progress bar.

The engine knows nothing about claims or rules: it maps a picklable function over a list
of work items and yields results in input order, so a run on 1 process and on N
processes gives the same bytes. A distributed engine (Dask) can replace `map_ordered`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a process pool costs more than it saves.
MIN_ITEMS_FOR_POOL = 16
# A chunk (the unit sent to a worker, and whose results come back as one message) holds
# at most this many items and, when the item sizes are known, about this many bytes of
# input: a chunk of 64 big JSONL files would come back as one message of hundreds of MB.
MAX_ITEMS_PER_CHUNK = 64
CHUNK_BYTES = 4 << 20
# Chunks in flight per worker: enough to keep every worker busy, few enough that results
# never pile up in memory when the caller reads them slower than the workers make them.
CHUNKS_IN_FLIGHT_PER_JOB = 2
# The first item is processed before the workers start (see `map_ordered`) when it is at
# most this big: a big one would keep them waiting longer than loading costs them.
WARM_UP_BYTES = 1 << 20


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def usable_jobs(requested: int, warn: Callable[[str], None]) -> int:
    """--jobs as asked (0: every core), but never more processes than cores: more only
    cost memory and start-up time. Says so when it cuts."""
    cores = default_jobs()
    if requested > cores:
        warn(f"--jobs {requested} is more than the {cores} cores here; using {cores}")
        return cores
    return requested


def file_size(path: str) -> int:
    """A file's size in bytes (0 when it cannot be read): the weight of a work item."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    jobs: int = 0,
    initializer: Callable[..., Any] | None = None,
    initargs: tuple = (),
    sizes: Sequence[int] | None = None,
    label: str = "Reading",
    *,
    show: bool = True,
) -> Iterator[R]:
    """Yield func(item) for each item, in order; over `jobs` processes (0 = all cores).
    `sizes` (bytes of each item) shape the chunks sent to workers and the progress bar.
    `show=False` leaves the progress bar to the caller (the scan draws its own)."""
    jobs = min(jobs or default_jobs(), default_jobs())
    bar = progress_bar(len(items), sizes, label) if show else _NoProgress()
    with bar as advance:
        if jobs == 1 or len(items) < MIN_ITEMS_FOR_POOL:
            if initializer:
                initializer(*initargs)
            for i, item in enumerate(items):
                yield func(item)
                advance(i)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # only when a pool is worth it

        done = 0
        if multiprocessing.get_start_method() == "fork" and (
            sizes is None or sizes[0] <= WARM_UP_BYTES
        ):
            # The first item here, before the workers start: what the work loads on first
            # use (modules, compiled patterns, tables) is then loaded once, in this
            # process, and every forked worker has it, instead of each loading it again.
            if initializer:
                initializer(*initargs)
            yield func(items[0])
            advance(0)
            done = 1
        first = done
        most = max(1, min(MAX_ITEMS_PER_CHUNK, (len(items) - first) // (jobs * 8)))
        chunks = iter(chunk_bounds(len(items) - first, most,
                                   None if sizes is None else sizes[first:]))
        pending: deque[Future[list[R]]] = deque()
        with ProcessPoolExecutor(jobs, initializer=_start_worker,
                                 initargs=(os.getpid(), initializer, initargs)) as pool:
            try:
                while True:
                    while len(pending) < jobs * CHUNKS_IN_FLIGHT_PER_JOB:
                        bounds = next(chunks, None)
                        if bounds is None:
                            break
                        pending.append(pool.submit(
                            _apply, func, items[first + bounds[0]:first + bounds[1]]))
                    if not pending:
                        return
                    for result in pending.popleft().result():
                        yield result
                        advance(done)
                        done += 1
            finally:  # the caller stopped early (an error): drop what has not started
                for future in pending:
                    future.cancel()


def forks_beside(jobs: int) -> bool:
    """Whether work may go to a forked process beside this one: more than one core, not
    --jobs 1, and processes that fork (they then start with what this one has loaded)."""
    if jobs == 1 or default_jobs() < 2:
        return False
    return start_method() == "fork"


def start_method() -> str:
    """How multiprocessing starts processes here. Read without loading multiprocessing
    (some 10 ms) where it is not loaded yet, so none of its code changed it: "fork" is
    then its default on Linux before Python 3.14."""
    if "multiprocessing" not in sys.modules and sys.platform.startswith("linux") \
            and sys.version_info < (3, 14):
        return "fork"
    import multiprocessing

    return multiprocessing.get_start_method()


class Beside:
    """`func(*args)` running in a forked process beside this one (see `forks_beside`);
    `result()` waits for it and gives its value (or raises its error). A bare fork and a
    pipe, not a process pool: starting one costs a few milliseconds, not tens."""

    def __init__(self, func: Callable[..., R], *args: Any) -> None:
        parent = os.getpid()
        readable, writable = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the forked process: run, send the outcome, end
            os.close(readable)
            # What this process has from its parent stays out of its garbage collections:
            # a collection would write to every object, copying each page it shares.
            gc.freeze()
            try:
                die_with_parent(parent)
                _send(writable, func, args)
            finally:
                os._exit(0)
        os.close(writable)
        self._pipe: int | None = readable

    def result(self) -> Any:
        import pickle

        if self._pipe is None:
            raise RuntimeError("the result of the process beside was already taken")
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = None
            data = pipe.read()
        os.waitpid(self._pid, 0)
        if not data:
            raise RuntimeError("the process beside the scan ended without a result")
        ok, value = pickle.loads(data)  # noqa: S301 - written by our own fork, just now
        if ok:
            return value
        raise value

    def cancel(self) -> None:
        """End the process if its result was not taken (the caller failed before)."""
        if self._pipe is not None:
            import signal

            os.close(self._pipe)
            self._pipe = None
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


def _send(pipe: int, func: Callable[..., Any], args: tuple) -> None:
    """In the forked process: func(*args), or the error it raised, pickled to `pipe`."""
    import pickle

    try:
        data = pickle.dumps((True, func(*args)))
    except BaseException as exc:  # noqa: BLE001 - any error is the caller's to raise
        try:
            data = pickle.dumps((False, exc))
        except Exception:  # noqa: BLE001 - an error that does not pickle, in words
            data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    with os.fdopen(pipe, "wb") as out:
        out.write(data)


def chunk_bounds(count: int, most: int,
                 sizes: Sequence[int] | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive chunks covering `count` items: `most` items at most,
    and, with `sizes`, no more than about CHUNK_BYTES of input (an item bigger than that
    makes a chunk of its own)."""
    start = 0
    while start < count:
        end, total = start, 0
        while end < count and end - start < most:
            size = sizes[end] if sizes is not None else 0
            if end > start and total + size > CHUNK_BYTES:
                break
            total += size
            end += 1
        yield start, end
        start = end


def _start_worker(parent: int, initializer: Callable[..., Any] | None, initargs: tuple) -> None:
    """A worker's first step: die with the scan (see `die_with_parent`), then set up."""
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def die_with_parent(parent: int) -> None:
    """Make this worker process end when the process that started it ends, however it
    ends (kill -9 included): on Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG),
    elsewhere a watchdog thread notices the parent is gone. No orphan keeps working."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the line above
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    if os.name != "posix":
        return
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="checker-parent-watch", daemon=True).start()


def _apply(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """One chunk, run in a worker."""
    return [func(item) for item in items]


def show_progress() -> bool:
    """A progress bar only for a person at a terminal: never in CI, pipes or files."""
    if os.environ.get("CI") or os.environ.get("CHECKER_NO_PROGRESS"):
        return False
    return sys.stderr.isatty()


class _NoProgress:
    def __enter__(self) -> Callable[[int], None]:
        return lambda _: None

    def __exit__(self, *exc: object) -> None:
        return None


class _RichProgress:
    """A rich progress bar over items, advancing by bytes when sizes are known."""

    def __init__(self, total: int, sizes: Sequence[int] | None, label: str) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.sizes = sizes
        columns: list[Any] = ["[progress.description]{task.description}", BarColumn()]
        if sizes is not None:
            columns += [DownloadColumn(), TransferSpeedColumn()]
        else:
            columns += [MofNCompleteColumn()]
        columns.append(TimeRemainingColumn())
        self.progress = Progress(*columns, transient=True)
        total_units = sum(sizes) if sizes is not None else total
        self.task = self.progress.add_task(label, total=total_units)

    def __enter__(self) -> Callable[[int], None]:
        self.progress.__enter__()

        def advance(i: int) -> None:
            step = self.sizes[i] if self.sizes is not None else 1
            self.progress.advance(self.task, step)

        return advance

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)


def progress_bar(total: int, sizes: Sequence[int] | None, label: str) -> Any:
    """A progress bar on a terminal for more than one item; else one that shows nothing."""
    if total < 2 or not show_progress():
        return _NoProgress()
    return _RichProgress(total, sizes, label)


class _ScanBar:
    """The whole scan's bar: MB read, documents and claims found so far."""

    def __init__(self, total_bytes: int, label: str) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        self.progress = Progress(
            "[progress.description]{task.description}", BarColumn(), DownloadColumn(),
            TransferSpeedColumn(), "{task.fields[documents]:,} documents",
            "{task.fields[claims]:,} claims", TimeRemainingColumn(), transient=True,
        )
        self.task = self.progress.add_task(label, total=total_bytes, documents=0, claims=0)
        self.documents = 0
        self.claims = 0

    def __enter__(self) -> Callable[[int, int, int], None]:
        self.progress.__enter__()

        def advance(nbytes: int, documents: int, claims: int) -> None:
            self.documents += documents
            self.claims += claims
            self.progress.update(self.task, advance=nbytes, documents=self.documents,
                                 claims=self.claims)

        return advance

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)


class _NoScanBar:
    def __enter__(self) -> Callable[[int, int, int], None]:
        return lambda *_: None

    def __exit__(self, *exc: object) -> None:
        return None


def scan_progress(total_bytes: int, distributed: bool = False) -> Any:
    """A context giving `advance(bytes, documents, claims)`; draws only for a terminal."""
    if not show_progress():
        return _NoScanBar()
    return _ScanBar(total_bytes, "Scanning on Dask" if distributed else "Scanning")


def flatten(results: Iterable[Iterable[T]]) -> Iterator[T]:
    """The items of each part in turn."""
    for part in results:
        yield from part
