"""The scan, stage by stage: corpus -> extract -> checks/select -> compare -> findings.

`process_source` is the per-file step (read, extract, built-in checks, rule selection);
it runs in worker processes. `scan` gathers the per-file results, groups the selected
claims by rule group and compares each group.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from checker import engine
from checker.cache import Cache, code_version
from checker.checks import collect_corpus_facts, run_corpus_checks, run_document_checks
from checker.compare import compare_group
from checker.corpus import ReadOptions, Source, find_sources, read_source
from checker.errors import UserError
from checker.extract import extract
from checker.model import Claim, Document, Finding
from checker.rules.rule import Rule
from checker.rules.select import compile_rules, select_claims


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
    facts: dict[str, list] = field(default_factory=dict)  # for corpus-level checks


@dataclass
class SourceResult:
    documents: list[DocumentResult]
    warnings: list[str]
    error: UserError | None = None


@dataclass
class ScanResult:
    documents: list[Document]
    claims: list[Claim]          # every claim; a claim selected by a rule carries rule/group
    findings: list[Finding]
    rules: tuple[Rule, ...]
    warnings: list[str]


_settings: ScanSettings | None = None
_compiled = None


def _init_worker(settings: ScanSettings) -> None:
    global _settings, _compiled
    _settings = settings
    _compiled = compile_rules(list(settings.rules))


def process_document(doc: Document, settings: ScanSettings, compiled) -> DocumentResult:
    claims = extract(doc)
    selected = select_claims(doc, claims, compiled) if settings.rules else []
    findings: list[Finding] = []
    facts: dict[str, list] = {}
    if settings.builtins:
        findings = run_document_checks(doc, claims, settings.disabled_checks)
        facts = collect_corpus_facts(doc, claims, settings.disabled_checks)
    return DocumentResult(doc, claims, selected, findings, facts)


def process_source(source: Source) -> SourceResult:
    """Read one file and process each of its documents (worker side)."""
    assert _settings is not None
    warnings: list[str] = []
    out: list[DocumentResult] = []
    try:
        for doc in read_source(source, _settings.read, warnings.append):
            result = process_document(doc, _settings, _compiled)
            doc.text = ""  # not needed past this point; keeps results small
            out.append(result)
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
) -> ScanResult:
    sources = find_sources(paths, include, exclude)
    if not sources:
        raise UserError(f"no documents found in {', '.join(paths)}")
    results = _process_all(sources, settings, jobs, cache)
    documents: list[Document] = []
    all_claims: list[Claim] = []
    findings: list[Finding] = []
    groups: dict[str, list[Claim]] = defaultdict(list)
    facts: dict[str, list] = defaultdict(list)
    warnings: list[str] = []
    for result in results:
        for message in result.warnings:
            warnings.append(message)
            warn(message)
        if result.error is not None:
            raise result.error
        for dr in result.documents:
            documents.append(dr.document)
            findings.extend(dr.findings)
            for check_id, items in dr.facts.items():
                facts[check_id].extend(items)
            selected_keys = set()
            for c in dr.selected:
                groups[c.group or c.rule or ""].append(c)
                all_claims.append(c)
                selected_keys.add((c.start, c.end, c.kind))
            all_claims.extend(
                c for c in dr.claims if (c.start, c.end, c.kind) not in selected_keys
            )
    if not documents:
        raise UserError(f"no readable documents in {', '.join(paths)}")
    rules_by_id = {r.id: r for r in settings.rules}
    rule_findings: list[Finding] = []
    for key in sorted(groups):
        members = groups[key]
        rule_findings.extend(compare_group(rules_by_id[members[0].rule], members))
    if settings.builtins:
        findings.extend(run_corpus_checks(facts, settings.disabled_checks))
    findings = _without_repeats(findings, rule_findings) + rule_findings
    return ScanResult(documents, all_claims, findings, settings.rules, warnings)


def _without_repeats(builtin: list[Finding], by_rules: list[Finding]) -> list[Finding]:
    """Drop a built-in `drift` finding when a rule already flags the same claims: the rule
    knows what the figure is about, so its finding says the same thing better."""
    flagged_by_rules = {(c.doc, c.start, c.end) for f in by_rules for c in f.flagged()}
    return [
        f for f in builtin
        if f.check != "drift"
        or not all((c.doc, c.start, c.end) in flagged_by_rules for c in f.flagged())
    ]


def _process_all(
    sources: list[Source], settings: ScanSettings, jobs: int, cache: Cache | None
) -> list[SourceResult]:
    """Each source's result, from the cache where its key is there, else computed."""
    results: list[SourceResult | None] = [None] * len(sources)
    keys: list[str] = []
    if cache is not None:
        base = hashlib.sha256(f"{code_version()}\x00{settings!r}".encode()).hexdigest()
        for i, s in enumerate(sources):
            try:
                digest = cache.digest(s.path)
            except OSError:
                digest = "unreadable"
            keys.append(hashlib.sha256(f"{base}\x00{s.doc_id}\x00{s.format}\x00{digest}"
                                       .encode()).hexdigest())
            results[i] = cache.get(keys[-1])
    todo = [i for i, r in enumerate(results) if r is None]
    sizes = [_size(sources[i].path) for i in todo]
    computed = engine.map_ordered(
        process_source, [sources[i] for i in todo], jobs, _init_worker, (settings,), sizes,
        "Scanning",
    )
    fresh: list[tuple[str, SourceResult]] = []
    for i, result in zip(todo, computed, strict=True):
        results[i] = result
        if cache is not None and result.error is None:
            fresh.append((keys[i], result))
    if cache is not None:
        cache.put_many(fresh)
    return [r for r in results if r is not None]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0
