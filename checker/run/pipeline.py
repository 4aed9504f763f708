"""The scan, stage by stage: corpus -> extract -> checks/select -> compare -> findings.

`checker.run.worker.process_source` is the per-file step (read, extract, built-in checks,
rule selection); it runs in worker processes (or on Dask workers) and returns each
document packed for the claim store. `scan` streams those results into a `ClaimStore` on
disk as they come, in file order, so memory stays flat as the corpus grows; then compares
the claims of one rule group at a time (`checker.run.groups`). The documents and claims
of the result are read back from the store, in report order, when the report is written.

What only processing a file or comparing a rule group needs (extraction, the checks,
rule selection, comparison) is imported where it is used: a warm re-scan that takes
every file from the cache loads none of it.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from checker.errors import UserError
from checker.model import Claim, Document, Finding
from checker.read.sources import Source, find_sources
from checker.rules.rule import Rule
from checker.run import engine
from checker.run.cache import CHUNK_KEYS, Cache, MemoFile, code_version, evict
from checker.run.groups import compare_stored_groups
from checker.run.store import (
    ClaimStore,
    StoredClaims,
    StoredSequence,
)
from checker.run.worker import (
    CachedSource,
    ScanSettings,
    SourceResult,
    init_worker,
    process_single,
    process_source,
)
from checker.util import codec

# Fresh results written to the cache at a time (or fewer, holding this many claims):
# the cache never holds the whole scan, nor a batch of huge files.
CACHE_BATCH = 256
CACHE_BATCH_CLAIMS = 100_000
# Files processed afresh from which the corpus checks run apart (`corpus_findings`).
MIN_FRESH_APART = engine.MIN_ITEMS_FOR_POOL


@dataclass
class ScanResult:
    """A scan's documents, claims and findings, read back from its store."""
    documents: Sequence[Document]  # sorted by id, read from the store
    claims: Sequence[Claim]        # every claim in report order; selected ones carry rule/group
    findings: list[Finding]
    rules: tuple[Rule, ...]
    warnings: list[str]
    store: ClaimStore | None = None  # deleted when the result is
    suppressed: list[Finding] = field(default_factory=list)  # by `checker: ignore` directives

    def documents_with_directives(self) -> Iterable[Document]:
        """The documents that hold `checker: ignore` directives (read from the store
        without the others, which are most)."""
        if self.store is not None:
            return StoredSequence(self.store.documents_with_directives, 0)
        return [d for d in self.documents if d.suppressions]

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def scan(
    paths: Sequence[str],
    settings: ScanSettings,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    jobs: int = 0,
    warn: Callable[[str], None] = lambda _: None,
    cache: Cache | None = None,
    *,
    scheduler: str | None = None,
    store_dir: str | None = None,
) -> ScanResult:
    """Scan the documents under `paths`: over local processes, or on the Dask cluster at
    `scheduler` (tcp://host:port) when given. The result is the same either way."""
    sources = find_sources(paths, include, exclude)
    if not sources:
        raise UserError(f"no documents found in {', '.join(paths)}")
    cluster = None
    if scheduler:
        # Lazy for start-up: the Dask client is loaded only when a scheduler is given.
        from checker.run.distributed import DaskEngine

        cluster = DaskEngine(scheduler)
    store = ClaimStore(store_dir, warn)
    try:
        collector = _Collector(store, warn)
        sizes = [engine.file_size(s.path) for s in sources]
        with engine.scan_progress(sum(sizes), cluster is not None) as progress:
            results = _process_all(sources, settings, jobs, cache, cluster, store, sizes)
            for src, result in enumerate(results):
                counts = result.documents_count, result.claims_count
                collector.add(src, result)
                progress(sizes[src], *counts)
                del result  # a huge file's packed claims go once they are in the store
        store.finish()
        if not store.documents_count:
            raise UserError(f"no readable documents in {', '.join(paths)}")
        rules_by_id = {r.id: r for r in settings.rules}
        if cluster is not None:
            rule_findings = cluster.compare_groups(store, rules_by_id)
        else:
            rule_findings = compare_stored_groups(store, rules_by_id)
        findings = collector.findings
        if settings.builtins:
            findings.extend(corpus_findings(store, settings.disabled_checks, cache, jobs))
        findings = _without_repeats(findings, rule_findings) + rule_findings
    except BaseException:
        store.close()
        raise
    finally:
        if cluster is not None:
            cluster.close()
    documents = StoredSequence(store.documents, store.documents_count)
    claims = StoredClaims(store, store.claims_count)
    scanned = ScanResult(documents, claims, findings, settings.rules, collector.warnings, store)
    weakref.finalize(scanned, store.close)
    return scanned


def corpus_findings(store: ClaimStore, disabled: frozenset[str], cache: Cache | None,
                    jobs: int) -> list[Finding]:
    """The corpus checks' findings over the stored facts, with the cache as their memo.
    With a core to spare, the first check runs here and the others, at the same time, in
    a forked process; unless the memo leaves them little to do (a re-scan that processed
    fewer than MIN_FRESH_APART files): a fork then costs about what it saves."""
    from checker.checks import CORPUS_CHECK_IDS, corpus_facts_loader, run_corpus_checks
    from checker.model.findings import finding_order

    enabled = [check_id for check_id in CORPUS_CHECK_IDS if check_id not in disabled]
    worth_it = cache is None or len(store.fresh) >= MIN_FRESH_APART
    apart = enabled[1:] if worth_it and engine.forks_beside(jobs) else []
    memo = cache.memo_apart() if cache is not None else None
    beside = engine.Beside(_corpus_checks_apart, store.path, sorted(store.fresh), apart,
                           memo) if apart else None
    here = [check_id for check_id in enabled if check_id not in apart]
    facts = {check_id: store.facts(check_id, corpus_facts_loader(check_id))
             for check_id in here}
    try:
        found = run_corpus_checks(facts, set(CORPUS_CHECK_IDS) - set(here), memo=cache)
    except BaseException:
        if beside is not None:
            beside.cancel()
        raise
    if beside is None:
        return found
    more, damaged = beside.result()
    store.note_damage(damaged)
    return sorted(found + more, key=finding_order)  # as one run_corpus_checks sorts them


def _corpus_checks_apart(path: str, fresh: list[int], check_ids: list[str],
                         memo: MemoFile | None = None) -> tuple[list[Finding], list[int]]:
    """The findings of `check_ids` over a finished store, read in another process (with
    the cache's memos, `memo`), and the srcs whose rows did not read."""
    from checker.checks import CORPUS_CHECK_IDS, corpus_facts_loader, run_corpus_checks
    from checker.run.store import StoreReader

    reader = StoreReader(path, fresh)
    try:
        facts = {check_id: reader.facts(check_id, corpus_facts_loader(check_id))
                 for check_id in check_ids}
        found = run_corpus_checks(facts, set(CORPUS_CHECK_IDS) - set(check_ids), memo)
    finally:
        reader.close()
    return found, sorted(reader.damaged)


class _Collector:
    """Takes each file's result in file order: documents to the store, the rest kept."""

    def __init__(self, store: ClaimStore, warn: Callable[[str], None]) -> None:
        self.store = store
        self.warn = warn
        self.findings: list[Finding] = []
        self.warnings: list[str] = []

    def add(self, src: int, result: SourceResult | CachedSource) -> None:
        for message in result.warnings:
            self.warnings.append(message)
            self.warn(message)
        if isinstance(result, CachedSource):  # its documents were copied to the store
            self.store.count_copied(result.documents_count, result.claims_count)
            for findings in result.findings:
                self.findings.extend(findings)
            return
        if result.error is not None:
            raise result.error
        # Each document let go once stored: a huge one's packed claims are not held twice.
        documents, result.documents = result.documents[::-1], []
        for pos in range(len(documents)):
            out = documents.pop()
            self.store.add(src, pos, out.stored)
            self.findings.extend(out.findings)


def _without_repeats(builtin: list[Finding], by_rules: list[Finding]) -> list[Finding]:
    """Drop a built-in finding about figures (drift, quantity_conflict, event_conflict)
    when a rule already flags one of its claims: the rule knows what the figure is about,
    so its finding says the same thing better (and knows which side is right)."""
    flagged_by_rules = {(c.doc, c.start, c.end) for f in by_rules for c in f.flagged()}
    return [
        f for f in builtin
        if f.check not in _FIGURE_CHECKS
        or not any((c.doc, c.start, c.end) in flagged_by_rules for c in f.flagged())
    ]


_FIGURE_CHECKS = frozenset({"drift", "quantity_conflict", "event_conflict"})


def _process_all(
    sources: list[Source], settings: ScanSettings, jobs: int, cache: Cache | None,
    cluster=None, store: ClaimStore | None = None, sizes: Sequence[int] | None = None,
) -> Iterator[SourceResult | CachedSource]:
    """Each source's result in order: from the cache where its key is there, else computed
    (locally or on the cluster); fresh results go to the cache in batches.

    The documents of every cached result are first copied from the cache into `store` in
    one pass of SQL; what else the cache keeps of a result (`CachedSource`) is read a
    chunk of files at a time, as results are yielded. `sizes` (of each source's file)
    shape the chunks of work sent to local workers. When only a few files are not in the
    cache, a forked process processes them while the cached ones are copied here
    (`_process_beside`)."""
    keys: list[str] = []
    hit: list[bool] = [False] * len(sources)
    early: engine.Beside | None = None
    early_ids: list[int] = []
    try:
        if cache is not None:
            version = code_version()
            cache.use_version(version)
            base = hashlib.sha256(f"{version}\x00{_settings_key(settings)}".encode()).hexdigest()
            digests = cache.digests([s.path for s in sources])
            keys = [
                hashlib.sha256(f"{base}\x00{s.doc_id}\x00{s.format}\x00{digest or 'unreadable'}"
                               .encode()).hexdigest()
                for s, digest in zip(sources, digests, strict=True)
            ]
            hit = cache.contains(keys)
            if any(hit):
                early_ids = [i for i, h in enumerate(hit) if not h]
                if cluster is None and early_ids and _beside_worth_it(len(early_ids), jobs):
                    early = engine.Beside(_process_beside, [sources[i] for i in early_ids],
                                          settings)
                else:
                    early_ids = []
                damaged = None if store is None else cache.copy_documents(
                    store.db, [(i, keys[i]) for i, h in enumerate(hit) if h])
                if damaged is None:
                    hit = [False] * len(sources)
                for i in damaged or ():
                    hit[i] = False  # processed again; its fresh result replaces the entry
            if store is not None:  # a copied row found damaged later: re-read next time
                path = cache.path
                store.on_damage = lambda src: evict(path, [keys[src]]) if hit[src] else None
        todo = [i for i in range(len(sources)) if not hit[i]]
        if cluster is not None:
            computed = cluster.map_sources([sources[i] for i in todo], todo, settings)
        else:
            here = [i for i in todo if i not in early_ids] if early_ids else todo
            _prepare_checks(settings, len(here), jobs)
            computed = engine.map_ordered(
                process_source, [sources[i] for i in here], jobs, init_worker, (settings,),
                sizes if sizes is None or len(here) == len(sources) else [sizes[i] for i in here],
                show=False,
            )
            if early is not None:
                computed = _in_order(todo, early_ids, early, computed)
        yield from _results(sources, settings, cache, store, keys, hit, computed)
    finally:
        if early is not None:
            early.cancel()  # if the results were not taken (an error came first)


def _beside_worth_it(files: int, jobs: int) -> bool:
    """Whether to process `files` in a process beside this one (see `_process_all`):
    fewer than a pool would take, with a core to spare."""
    return files < engine.MIN_ITEMS_FOR_POOL and engine.forks_beside(jobs)


def _process_beside(sources: list[Source], settings: ScanSettings) -> list[SourceResult]:
    """In a forked process: each source processed, as a worker would."""
    init_worker(settings)
    return [process_source(source) for source in sources]


def _in_order(todo: list[int], early_ids: list[int], early: engine.Beside,
              rest: Iterator[SourceResult]) -> Iterator[SourceResult]:
    """The results of the files `todo`, in order: those of `early_ids` from `early`, the
    others from `rest` (files whose cached rows turned out damaged)."""
    wanted = set(early_ids)
    there: dict[int, SourceResult] | None = None
    for i in todo:
        if i in wanted:
            if there is None:
                there = dict(zip(early_ids, early.result(), strict=True))
            yield there.pop(i)
        else:
            yield next(rest)


def _results(sources: list[Source], settings: ScanSettings, cache: Cache | None,
             store: ClaimStore | None, keys: list[str], hit: list[bool],
             computed: Iterator[SourceResult]) -> Iterator[SourceResult | CachedSource]:
    """Each source's result in order (see `_process_all`), fresh ones written to the
    cache."""
    fresh: list[tuple[str, Any, Iterable[tuple], list[tuple]]] = []
    fresh_claims = 0
    cached: dict[str, CachedSource] = {}
    for i in range(len(sources)):
        if cache is not None and i % CHUNK_KEYS == 0:
            chunk = range(i, min(i + CHUNK_KEYS, len(sources)))
            wanted = [keys[j] for j in chunk if hit[j]]
            cached = cache.get_many(wanted) if wanted else {}
        result: SourceResult | CachedSource | None = None
        if hit[i]:
            result = _cached_source(cached.pop(keys[i], None), cache)
        if hit[i] and not isinstance(result, CachedSource):  # vanished or damaged entry
            assert store is not None
            store.forget(i)
            result = process_single(sources[i], settings)
            hit[i] = False
        elif result is None:
            result = next(computed)
        if cache is not None and not hit[i] and isinstance(result, SourceResult) \
                and result.error is None:
            fresh.append((keys[i], *result.cache_entry()))
            fresh_claims += result.claims_count
            if len(fresh) >= CACHE_BATCH or fresh_claims >= CACHE_BATCH_CLAIMS:
                cache.put_sources(fresh)
                fresh, fresh_claims = [], 0
        yield result
    if cache is not None:
        cache.put_sources(fresh)


def _prepare_checks(settings: ScanSettings, files: int, jobs: int) -> None:
    """Before `files` are processed by forked workers: what the checks load on first use,
    loaded once here, so the workers start with it (instead of each loading it), and so
    does the corpus checks' forked process (`corpus_findings`). Not for a few files in
    this process: a check may never need it there."""
    if settings.builtins and files >= engine.MIN_ITEMS_FOR_POOL and engine.forks_beside(jobs):
        from checker.checks import prepare_checks

        prepare_checks(settings.disabled_checks)


def _settings_key(settings: ScanSettings) -> str:
    """The settings as the cache keys them: the disabled checks sorted, since a
    frozenset's repr follows string hashing, which differs from run to run."""
    others = replace(settings, disabled_checks=frozenset())
    return f"{others!r}\x00{sorted(settings.disabled_checks)!r}"


def _cached_source(data: Any, cache: Cache | None) -> CachedSource | None:
    """A cache entry's summary, or None when it is absent or does not read."""
    if data is None:
        return None
    try:
        return CachedSource.from_data(data)
    except codec.BadRow:
        if cache is not None:
            cache.note_damage()
        return None


