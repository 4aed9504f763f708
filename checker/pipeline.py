"""The scan, stage by stage: corpus -> extract -> checks/select -> compare -> findings.

`process_source` is the per-file step (read, extract, built-in checks, rule selection);
it runs in worker processes (or on Dask workers) and returns each document packed for
the claim store. `scan` streams those results into a `ClaimStore` on disk as they come,
in file order, so memory stays flat as the corpus grows; then compares the claims of one
rule group at a time. The documents and claims of the result are read back from the
store, in report order, when the report is written.

What only processing a file or comparing a rule group needs (extraction, the checks,
rule selection, comparison) is imported where it is used: a warm re-scan that takes
every file from the cache loads none of it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from checker import engine
from checker.cache import CHUNK_KEYS, Cache, code_version
from checker.corpus import ReadOptions, Source, find_sources, read_source
from checker.errors import UserError
from checker.model import Claim, Document, Finding, finding_id
from checker.rules.rule import Rule
from checker.store import (
    ClaimStore,
    StoredClaims,
    StoredDocument,
    StoredSequence,
    pack_claims,
    pack_members,
    report_order,
    unpack_members,
)

# Fresh results written to the cache at a time: the cache never holds the whole scan.
CACHE_BATCH = 256


@dataclass(frozen=True)
class ScanSettings:
    """Everything a worker needs to process one file; picklable."""

    read: ReadOptions = field(default_factory=ReadOptions)
    rules: tuple[Rule, ...] = ()
    disabled_checks: frozenset[str] = frozenset()
    builtins: bool = True


@dataclass
class DocumentResult:
    document: Document
    claims: list[Claim]
    selected: list[Claim]
    findings: list[Finding]
    facts: dict[str, Any] = field(default_factory=dict)  # for corpus-level checks


@dataclass(slots=True)
class DocumentOutput:
    """One processed document as it leaves a worker: packed for the store (corpus-check
    facts included), plus its built-in findings (few, kept in memory)."""

    stored: StoredDocument
    findings: list[Finding]


@dataclass
class SourceResult:
    documents: list[DocumentOutput]
    warnings: list[str]
    error: UserError | None = None

    @property
    def documents_count(self) -> int:
        return len(self.documents)

    @property
    def claims_count(self) -> int:
        return sum(d.stored.count for d in self.documents)

    def cache_entry(self) -> tuple[CachedSource, list[tuple], list[tuple]]:
        """What the cache keeps of this result: its summary, and the store rows of its
        documents and of their group members (see `Cache.put_sources`)."""
        rows: list[tuple] = []
        members: list[tuple] = []
        for pos, out in enumerate(self.documents):
            rows.append((pos, *out.stored.row()))
            members += [(pos, group, blob) for group, blob in out.stored.members.items()]
        summary = CachedSource(self.warnings, [out.findings for out in self.documents],
                               [out.stored.count for out in self.documents])
        return summary, rows, members


@dataclass(slots=True)
class CachedSource:
    """A file's result taken from the cache. Its documents are already in the scan's
    store (`Cache.copy_documents`); this is the rest: warnings, and each document's
    built-in findings and claim count."""

    warnings: list[str]
    findings: list[list[Finding]]
    counts: list[int]

    @property
    def documents_count(self) -> int:
        return len(self.counts)

    @property
    def claims_count(self) -> int:
        return sum(self.counts)


@dataclass
class ScanResult:
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


_settings: ScanSettings | None = None
_compiled = None


def _init_worker(settings: ScanSettings) -> None:
    global _settings, _compiled
    _settings = settings
    _compiled = None
    if settings.rules:  # no rules: rule selection (and what it imports) is never needed
        from checker.rules.select import compile_rules

        _compiled = compile_rules(list(settings.rules))


def ensure_worker(settings: ScanSettings) -> None:
    """Set up this process for `process_source` unless it already is (Dask workers)."""
    if _settings != settings:
        _init_worker(settings)


def process_document(doc: Document, settings: ScanSettings, compiled) -> DocumentResult:
    from checker.checks import collect_corpus_facts, run_document_checks
    from checker.extract import extract

    claims = extract(doc)
    selected: list[Claim] = []
    if settings.rules:
        from checker.rules.select import select_claims

        selected = select_claims(doc, claims, compiled)
    findings: list[Finding] = []
    facts: dict[str, Any] = {}
    if settings.builtins:
        findings = run_document_checks(doc, claims, settings.disabled_checks)
        facts = collect_corpus_facts(doc, claims, settings.disabled_checks)
    return DocumentResult(doc, claims, selected, findings, facts)


def pack_document(result: DocumentResult) -> DocumentOutput:
    """The report's claims of one document (each selected copy, then the claims no rule
    selected), sorted, and the group members, packed; the document's text dropped."""
    selected_keys = {(c.start, c.end, c.kind) for c in result.selected}
    claims = list(result.selected)
    claims += [c for c in result.claims if (c.start, c.end, c.kind) not in selected_keys]
    claims.sort(key=report_order)
    groups: dict[str, list[Claim]] = {}
    for c in result.selected:
        groups.setdefault(c.group or c.rule or "", []).append(c)
    result.document.chars = len(result.document.text)
    result.document.text = ""  # not needed past this point; keeps results small
    stored = StoredDocument(
        result.document, pack_claims(claims), len(claims),
        len({(c.start, c.end, c.kind) for c in claims}),
        {g: pack_members(cs) for g, cs in groups.items()},
        pickle.dumps(result.facts, protocol=pickle.HIGHEST_PROTOCOL) if result.facts else b"",
    )
    return DocumentOutput(stored, result.findings)


def process_source(source: Source) -> SourceResult:
    """Read one file and process each of its documents (worker side)."""
    assert _settings is not None
    warnings: list[str] = []
    out: list[DocumentOutput] = []
    try:
        for doc in read_source(source, _settings.read, warnings.append):
            out.append(pack_document(process_document(doc, _settings, _compiled)))
    except UserError as exc:
        return SourceResult(out, warnings, exc)
    return SourceResult(out, warnings)


def scan(
    paths: Sequence[str],
    settings: ScanSettings,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    jobs: int = 0,
    warn: Callable[[str], None] = lambda m: None,
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
        from checker.distributed import DaskEngine

        cluster = DaskEngine(scheduler)
    store = ClaimStore(store_dir)
    try:
        collector = _Collector(store, warn)
        sizes = [_size(s.path) for s in sources]
        with engine.scan_progress(sum(sizes), cluster is not None) as progress:
            results = _process_all(sources, settings, jobs, cache, cluster, store, sizes)
            for src, result in enumerate(results):
                collector.add(src, result)
                progress(sizes[src], result.documents_count, result.claims_count)
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
            from checker.checks import CORPUS_CHECK_IDS, run_corpus_checks

            facts = {check_id: store.facts(check_id) for check_id in CORPUS_CHECK_IDS}
            findings.extend(run_corpus_checks(facts, settings.disabled_checks, memo=cache))
        findings = _without_repeats(findings, rule_findings) + rule_findings
    except BaseException:
        store.close()
        raise
    finally:
        if cluster is not None:
            cluster.close()
    documents = StoredSequence(store.documents, store.documents_count)
    claims = StoredClaims(store, store.claims_count)
    result = ScanResult(documents, claims, findings, settings.rules, collector.warnings, store)
    weakref.finalize(result, store.close)
    return result


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
        for pos, out in enumerate(result.documents):
            self.store.add(src, pos, out.stored)
            self.findings.extend(out.findings)


def compare_members(rule: Rule, pieces: list[tuple[int, int, bytes]]) -> list[Finding]:
    """Findings of one group from its (src, pos, packed members) pieces, citing light
    claims (see `ClaimStore.full_claim`). Runs locally or on a Dask worker."""
    from checker.compare import compare_group

    pieces = sorted(pieces, key=lambda p: (p[0], p[1]))
    return compare_group(rule, unpack_members(pieces))


def cite_full_claims(findings: list[Finding], store: ClaimStore) -> list[Finding]:
    """Swap each cited light claim for the stored claim and fingerprint the finding again
    (its id covers the sentences of the claims it cites)."""
    from checker.compare import finding_order

    for f in findings:
        for fc in f.claims:
            fc.claim = store.full_claim(fc.claim)
        f.id = finding_id(f.rule, f.check, f.claims)
    findings.sort(key=finding_order)
    return findings


def compare_stored_groups(store: ClaimStore, rules_by_id: dict[str, Rule]) -> list[Finding]:
    """Each rule group's findings, group by group (sorted by group), read from the store."""
    findings: list[Finding] = []
    for group in store.groups():
        rule = rules_by_id[store.group_rule(group)]
        pieces = store.member_pieces(group)
        findings.extend(cite_full_claims(compare_members(rule, pieces), store))
    return findings


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
    shape the chunks of work sent to local workers."""
    keys: list[str] = []
    hit: list[bool] = [False] * len(sources)
    if cache is not None:
        base = hashlib.sha256(f"{code_version()}\x00{_settings_key(settings)}".encode()).hexdigest()
        digests = cache.digests([s.path for s in sources])
        keys = [
            hashlib.sha256(f"{base}\x00{s.doc_id}\x00{s.format}\x00{digest or 'unreadable'}"
                           .encode()).hexdigest()
            for s, digest in zip(sources, digests, strict=True)
        ]
        hit = cache.contains(keys)
        if any(hit) and (store is None or not cache.copy_documents(
                store.db, [(i, keys[i]) for i, h in enumerate(hit) if h])):
            hit = [False] * len(sources)
    todo = [i for i in range(len(sources)) if not hit[i]]
    if cluster is not None:
        computed = cluster.map_sources([sources[i] for i in todo], todo, settings)
    else:
        computed = engine.map_ordered(
            process_source, [sources[i] for i in todo], jobs, _init_worker, (settings,),
            sizes if sizes is None or len(todo) == len(sources) else [sizes[i] for i in todo],
            show=False,
        )
    fresh: list[tuple[str, CachedSource, list[tuple], list[tuple]]] = []
    cached: dict[str, CachedSource] = {}
    for i in range(len(sources)):
        if cache is not None and i % CHUNK_KEYS == 0:
            chunk = range(i, min(i + CHUNK_KEYS, len(sources)))
            wanted = [keys[j] for j in chunk if hit[j]]
            cached = cache.get_many(wanted) if wanted else {}
        result: SourceResult | CachedSource | None = (
            cached.pop(keys[i], None) if hit[i] else None)
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
            if len(fresh) >= CACHE_BATCH:
                cache.put_sources(fresh)
                fresh = []
        yield result
    if cache is not None:
        cache.put_sources(fresh)


def _settings_key(settings: ScanSettings) -> str:
    """The settings as the cache keys them: the disabled checks sorted, since a
    frozenset's repr follows string hashing, which differs from run to run."""
    return repr(replace(settings, disabled_checks=tuple(sorted(settings.disabled_checks))))


def process_single(source: Source, settings: ScanSettings) -> SourceResult:
    ensure_worker(settings)
    return process_source(source)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
