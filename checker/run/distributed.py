"""The scan on an existing Dask cluster (`checker scan --scheduler tcp://HOST:PORT`).

Extraction is a partitioned map: the files are cut into partitions of about the same
size, and each partition is read and processed on a worker (the workers read the files
from a path they share with the client). The client takes the partitions back in file
order into its claim store, exactly as a local run does. Comparison is a shuffle by rule
group: for each group, small tasks pull that group's members out of every partition that
has any, on the workers holding them, and one task per group compares them. Findings
come back to the client, which cites the full claims from its store, so the report is
byte for byte the local one. A worker that dies is replaced by Dask re-running its tasks:
every task is a pure function of its arguments.

Dask is imported here only, lazily: `pip install 'checker[dask]'`.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from checker.errors import UserError
from checker.model import Finding
from checker.read.sources import Source
from checker.rules.rule import Rule
from checker.run.engine import file_size
from checker.run.groups import cite_full_claims, compare_members, stored_groups
from checker.run.worker import compiled_rules, process_source
from checker.util.codec import dump_document

CONNECT_TIMEOUT = "5s"
# A Dask scheduler speaks first: its handshake, framed as a count of frames (8 bytes,
# little-endian) and their lengths. A listener that says nothing this long is not one.
HANDSHAKE_SECONDS = 4.0
MAX_HANDSHAKE_FRAMES = 64
WORKER_TIMEOUT = 15.0
# Partitions per worker thread: enough to balance load and to lose little when a
# worker dies, few enough that scheduling costs nothing.
PARTITIONS_PER_THREAD = 4
MAX_PARTITION_BYTES = 64 << 20


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise UserError(
            "--scheduler needs Dask: pip install 'checker[dask]'"
            " (or pip install 'dask[distributed]')"
        ) from None
    return distributed


def partition(sizes: Sequence[int], parts: int, max_bytes: int = MAX_PARTITION_BYTES
              ) -> list[range]:
    """Consecutive index ranges of about equal total size (at most `max_bytes` each unless
    one item is larger), `parts` of them or more; every item in exactly one range."""
    total = sum(sizes)
    target = max(1, min(max_bytes, -(-total // max(1, parts))))
    out: list[range] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        acc += size
        if acc >= target:
            out.append(range(start, i + 1))
            start, acc = i + 1, 0
    if start < len(sizes):
        out.append(range(start, len(sizes)))
    return out


def process_partition(sources: list[Source], settings: Any, cwd: str) -> list[Any]:
    """Worker side: each source's SourceResult, in order. Files are opened relative to
    the client's folder `cwd`, and reported under the path the client gave."""
    compiled = compiled_rules(settings)
    out = []
    for source in sources:
        if os.path.isabs(source.path):
            out.append(process_source(source, settings, compiled))
            continue
        absolute = os.path.join(cwd, source.path)
        result = process_source(replace(source, path=absolute), settings, compiled)
        out.append(_as_given(result, absolute, source.path))
    return out


def _as_given(result: Any, absolute: str, given: str) -> Any:
    """A worker's result for a file opened by its absolute path, as if opened by `given`
    (the document's path, warnings and errors say what a local run says)."""
    for out in result.documents:
        if out.stored.document.path == absolute:
            out.stored.document.path = given
            out.stored.document_json = dump_document(out.stored.document)
    result.warnings = [w.replace(absolute, given) for w in result.warnings]
    error = result.error
    if error is not None:
        if error.path and error.path.startswith(absolute):
            error.path = given + error.path[len(absolute):]
        error.message = error.message.replace(absolute, given)
        error.args = (error.message,)
    return result


def group_pieces(results: list[Any], srcs: list[int], group: str) -> list[tuple[int, int, str]]:
    """Worker side: one group's packed members in a partition, as (src, pos, blob)."""
    return [
        (src, pos, out.stored.members[group])
        for src, result in zip(srcs, results, strict=True)
        for pos, out in enumerate(result.documents)
        if group in out.stored.members
    ]


def compare_pieces(rule: Rule, local: list[tuple[int, int, str]], *remote: list) -> list:
    """Worker side: one group's findings from all its pieces."""
    return compare_members(rule, [p for part in (local, *remote) for p in part])


def _quiet_client(distributed: Any) -> Any:
    """Client whose failed start leaves no noise: a client that never connected is not
    closed again when collected (that close waits 10 s and prints a traceback)."""

    class QuietClient(distributed.Client):
        _failed = False

        def start(self, **kwargs: Any) -> Any:
            try:
                return super().start(**kwargs)
            except BaseException:
                self._failed = True
                self._loop_runner.stop()
                raise

        def __del__(self) -> None:
            if not self._failed:
                super().__del__()

    return QuietClient


def parse_address(address: str) -> tuple[str, int]:
    """(host, port) of a scheduler address `tcp://HOST:PORT` (or tls://, or HOST:PORT)."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    host, colon, port = rest.rstrip("/").rpartition(":")
    if scheme not in ("tcp", "tls") or not colon or not host or not port.isdigit():
        raise UserError(f"--scheduler: {address!r} is not a scheduler address;"
                        " give tcp://HOST:PORT (for example tcp://127.0.0.1:8786)")
    return host.strip("[]"), int(port)


def speaks_dask(sock: socket.socket, seconds: float = HANDSHAKE_SECONDS) -> bool:
    """Whether the peer of a fresh connection starts with a Dask handshake. A silent
    listener, or a server waiting for a request (HTTP), says nothing: Dask's own
    client would wait for minutes on it."""
    sock.settimeout(seconds)
    received = b""
    try:
        while len(received) < 8:
            chunk = sock.recv(8 - len(received))
            if not chunk:
                return False
            received += chunk
    except OSError:  # timed out, or reset
        return False
    frames = int.from_bytes(received, "little")
    return 0 < frames <= MAX_HANDSHAKE_FRAMES


class DaskEngine:
    """A connection to a running Dask scheduler and the two steps of a scan on it."""

    def __init__(self, address: str, timeout: str = CONNECT_TIMEOUT) -> None:
        distributed = _dask()
        host, port = parse_address(address)
        seconds = float(timeout.rstrip("s"))
        try:  # a plain connect first: a dead address fails fast and quietly
            probe = socket.create_connection((host, port), timeout=seconds)
        except OSError as exc:
            raise UserError(f"cannot reach the Dask scheduler at {address}"
                            f" within {timeout}: {exc.strerror or exc}") from None
        with probe:
            if not address.startswith("tls://") and not speaks_dask(probe):
                raise UserError(f"{address} answers, but not as a Dask scheduler (no Dask "
                                f"handshake within {HANDSHAKE_SECONDS:g} s); check the "
                                "address and port (the scheduler's default is 8786)")
        try:
            self.client = _quiet_client(distributed)(address, timeout=timeout,
                                                     set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - anything but a scheduler answered
            raise UserError(
                f"cannot reach the Dask scheduler at {address} within {timeout}"
                f" ({exc.__class__.__name__}); is it a Dask scheduler?"
            ) from None
        self.address = address
        try:
            self.client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
        except (OSError, TimeoutError):
            self.client.close()
            raise UserError(
                f"the Dask scheduler at {address} has no workers"
                f" (waited {WORKER_TIMEOUT:g} s); start some with: dask worker {address}"
            ) from None
        self._partitions: list[tuple[Any, list[int]]] = []
        link = self.client.dashboard_link
        if link:
            print(f"checker: Dask dashboard at {link}", file=sys.stderr)

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map_sources(
        self, sources: list[Source], srcs: list[int], settings: Any
    ) -> Iterator[Any]:
        """Each source's SourceResult, in order; `srcs` are their indexes in the scan."""
        if not sources:
            return
        sizes = [max(1, file_size(s.path)) for s in sources]
        ranges = partition(sizes, self.threads() * PARTITIONS_PER_THREAD)
        futures = [
            self.client.submit(process_partition, [sources[i] for i in r], settings,
                               os.getcwd(), pure=False)
            for r in ranges
        ]
        for future, r in zip(futures, ranges, strict=True):
            part_srcs = [srcs[i] for i in r]
            self._partitions.append((future, part_srcs))
            yield from future.result()

    def compare_groups(self, store: Any, rules_by_id: dict[str, Rule]) -> list[Finding]:
        """Each rule group compared on the cluster, members shuffled there from the
        partitions; the findings cite the store's full claims."""
        on_cluster = {src for _, part in self._partitions for src in part}
        jobs = []
        for group, rule in stored_groups(store, rules_by_id):
            srcs = store.member_sources(group)
            local = store.member_pieces(group, srcs - on_cluster)  # cache hits
            remote = [
                self.client.submit(group_pieces, future, part, group, pure=False)
                for future, part in self._partitions
                if srcs.intersection(part)
            ]
            jobs.append(self.client.submit(compare_pieces, rule, local, *remote, pure=False))
        findings: list[Finding] = []
        for job in jobs:
            findings.extend(cite_full_claims(job.result(), store))
        return findings

    def close(self) -> None:
        self._partitions = []
        self.client.close()
