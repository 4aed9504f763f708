"""The per-file step of a scan, run in worker processes (or on Dask workers): read one
file, extract each document's claims, run the built-in document checks, select the
claims of each rule group, and pack the document for the claim store.

What only processing a file needs (extraction, the checks, rule selection) is imported
where it is used, lazily for start-up: a warm re-scan that takes every file from the
cache loads none of it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from checker.errors import UserError
from checker.model import Claim, Document, Finding
from checker.read.sources import ReadOptions, Source, read_source
from checker.report.json import claims_text, may_fold
from checker.rules.rule import Rule
from checker.run.store import (
    StoredDocument,
    StoredPart,
    group_key,
    pack_claims,
    pack_members,
    part_bounds,
    report_order,
)
from checker.util import codec


@dataclass(frozen=True)
class ScanSettings:
    """Everything a worker needs to process one file; picklable."""

    read: ReadOptions = field(default_factory=ReadOptions)
    rules: tuple[Rule, ...] = ()
    disabled_checks: frozenset[str] = frozenset()
    builtins: bool = True


@dataclass
class DocumentResult:
    """What one document gives a scan: its claims, the selected ones, its findings."""
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
    """What one source file gives: its documents' outputs, warnings, or an error."""
    documents: list[DocumentOutput]
    warnings: list[str]
    error: UserError | None = None

    @property
    def documents_count(self) -> int:
        return len(self.documents)

    @property
    def claims_count(self) -> int:
        return sum(d.stored.count for d in self.documents)

    def cache_entry(self) -> tuple[Any, Iterable[tuple], list[tuple]]:
        """What the cache keeps of this result: its summary (as data), and the store rows
        of its documents and of their group members (see `Cache.put_sources`). The rows
        of a huge document's later parts are made as the cache reads them."""
        rows: list[Iterable[tuple]] = []
        members: list[tuple] = []
        for pos, out in enumerate(self.documents):
            rows.append([(pos, *out.stored.row(), 0)])
            if out.stored.more:  # the parts as they are now (the store takes them)
                rows.append(_part_entries(pos, out.stored.document.id, out.stored.part_rows()))
            members += [(pos, group, blob) for group, blob in out.stored.members.items()]
        summary = CachedSource(self.warnings, [out.findings for out in self.documents],
                               [out.stored.count for out in self.documents])
        return summary.to_data(), chain.from_iterable(rows), members


def _part_entries(pos: int, doc_id: str, parts: Iterable[tuple]) -> Iterator[tuple]:
    """The cache rows of a document's parts after the first, one at a time."""
    for part, claims, distinct, report, folds in parts:
        yield (pos, doc_id, "", 0, claims, distinct, "", report, folds, part)


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

    def to_data(self) -> dict[str, Any]:
        return {"warnings": self.warnings, "counts": self.counts,
                "findings": [[codec.finding_data(f) for f in fs] for fs in self.findings]}

    @classmethod
    def from_data(cls, data: Any) -> CachedSource:
        """Back from `to_data`; BadRow for anything else."""
        if not (isinstance(data, dict) and isinstance(data.get("warnings"), list)
                and isinstance(data.get("counts"), list)
                and isinstance(data.get("findings"), list)
                and len(data["counts"]) == len(data["findings"])
                and all(isinstance(w, str) for w in data["warnings"])
                and all(type(n) is int for n in data["counts"])
                and all(isinstance(fs, list) for fs in data["findings"])):
            raise codec.BadRow("not a stored scan result")
        findings = [[codec.finding_from_data(f) for f in fs] for fs in data["findings"]]
        return cls(data["warnings"], findings, data["counts"])

    @property
    def claims_count(self) -> int:
        return sum(self.counts)


_settings: ScanSettings | None = None
_compiled = None
# A Dask worker runs tasks on several threads of one process, maybe for several scans:
# each task gets the rules compiled for its own settings, compiled once per process.
_compiling = threading.Lock()
_compiled_by_settings: dict[ScanSettings, Any] = {}


def compiled_rules(settings: ScanSettings) -> Any:
    """The scan's rules compiled for selection (None without rules), once per process."""
    if not settings.rules:  # no rules: rule selection (and what it imports) never needed
        return None
    with _compiling:
        compiled = _compiled_by_settings.get(settings)
        if compiled is None:
            from checker.rules.select import compile_rules

            compiled = compile_rules(list(settings.rules))
            if len(_compiled_by_settings) >= 4:
                _compiled_by_settings.clear()
            _compiled_by_settings[settings] = compiled
        return compiled


def init_worker(settings: ScanSettings) -> None:
    """Set up a worker process once: the settings and the compiled rules."""
    global _settings, _compiled
    _compiled = compiled_rules(settings)
    _settings = settings


def process_document(doc: Document, settings: ScanSettings, compiled) -> DocumentResult:
    """Extract, select and check one document."""
    from checker.checks import collect_corpus_facts, run_document_checks
    from checker.run.extraction import extract_document

    claims = extract_document(doc)
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
    selected), sorted, and the group members, packed; the document's text dropped.
    The claims are packed a part at a time (`part_bounds`) and each let go once packed,
    so a huge document's claims are never held twice, as objects and as text."""
    selected_keys = {(c.start, c.end, c.kind) for c in result.selected}
    claims: list[Any] = list(result.selected)
    claims += [c for c in result.claims if (c.start, c.end, c.kind) not in selected_keys]
    del selected_keys
    claims.sort(key=report_order)
    groups: dict[str, list[Claim]] = {}
    for c in result.selected:
        groups.setdefault(group_key(c), []).append(c)
    members = {g: pack_members(cs) for g, cs in groups.items()}
    del groups
    result.claims, result.selected = [], []  # `claims` holds the only references left
    result.document.chars = len(result.document.text)
    result.document.text = ""  # not needed past this point; keeps results small
    result.document.source_map = None
    facts: dict[str, str] = {}
    if result.facts:
        from checker.checks import corpus_facts_data

        facts = {k: codec.dumps(v) for k, v in corpus_facts_data(result.facts).items()}
        result.facts = {}
    stored: StoredDocument | None = None
    for start, end in part_bounds(claims):
        part = claims[start:end]
        claims[start:end] = [None] * (end - start)  # each claim let go once packed
        rest, text = pack_claims(part), claims_text(part)
        distinct, folds = len({(c.start, c.end, c.kind) for c in part}), may_fold(part)
        if stored is None:
            stored = StoredDocument(result.document, rest, len(claims), distinct, members,
                                    facts, report=text, folds=folds)
        else:  # the parts after the first: huge documents only
            stored.more.append(StoredPart.of(rest, text, len(part), distinct, folds))
        del part, rest, text
    if stored is None:  # no claims
        stored = StoredDocument(result.document, pack_claims([]), 0, 0, members, facts,
                                report=claims_text([]))
    return DocumentOutput(stored, result.findings)


def process_source(source: Source, settings: ScanSettings | None = None,
                   compiled: Any = None) -> SourceResult:
    """Read one file and process each of its documents (worker side), with `settings`
    and their `compiled_rules`, or the process's own (`init_worker`)."""
    if settings is None:
        settings, compiled = _settings, _compiled
    assert settings is not None
    warnings: list[str] = []
    out: list[DocumentOutput] = []
    try:
        for doc in read_source(source, settings.read, warnings.append):
            out.append(pack_document(process_document(doc, settings, compiled)))
    except UserError as exc:
        return SourceResult(out, warnings, exc)
    return SourceResult(out, warnings)


def process_single(source: Source, settings: ScanSettings) -> SourceResult:
    """Process one source file in this process."""
    return process_source(source, settings, compiled_rules(settings))
