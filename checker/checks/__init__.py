"""The built-in checks: problems found within one document, with no rule to write.

Each check is one module declaring `ID`, `SEVERITY`, `DEFAULT` (its options) and a
docstring with a PASS and a FAIL example (its documentation), and a `check(doc, claims,
conf)` generator of findings; optionally `prepare()`, which loads what it loads on first
use (see `prepare_checks`). DOCUMENT_CHECK_IDS (and CORPUS_CHECK_IDS below) are the
one registry: a check not listed there does not run. All are on by default; `disabled`
turns them off by id.

A check's module is named after its id, so the registry (BUILTIN_CHECKS, CORPUS_CHECKS:
id -> spec) is built on first use, not on import: a warm re-scan that reads every file
from the cache never loads the per-document checks (nor ftfy, rapidfuzz, ...).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Protocol

from checker.errors import UserError
from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import finding_order, merge_repeats
from checker.util.hints import did_you_mean

CheckFunction = Callable[[Document, list[Claim], Mapping[str, Any]], Iterator[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    """A built-in document check: its id, its docstring, severity, function and defaults."""
    id: str
    description: str       # the check's docstring: what it finds, with PASS/FAIL examples
    severity: Severity     # default severity of its findings
    function: CheckFunction
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """The first paragraph of the description, on one line, for listings."""
        return " ".join(self.description.strip().split("\n\n")[0].split())


def _spec(module: ModuleType) -> CheckSpec:
    return CheckSpec(
        module.ID, module.__doc__ or "", module.SEVERITY, module.check, dict(module.DEFAULT)
    )


# The ids (= module names) of the per-document checks, in the order they run.
DOCUMENT_CHECK_IDS = ("weekday", "years_ago", "drift", "quantity_conflict", "share_over_100",
                      "encoding")
# The ids (= module names) of the corpus-level checks (see below), in the order they run.
CORPUS_CHECK_IDS = ("name_variant", "event_conflict")

_registries: dict[str, dict[str, Any]] = {}


def _check_module(check_id: str) -> ModuleType:
    module = importlib.import_module(f"checker.checks.{check_id}")
    assert check_id == module.ID, f"checker.checks.{check_id} declares ID {module.ID!r}"
    return module


def _builtin_checks() -> dict[str, CheckSpec]:
    """BUILTIN_CHECKS, importing the check modules the first time."""
    if "BUILTIN_CHECKS" not in _registries:
        _registries["BUILTIN_CHECKS"] = {
            check_id: _spec(_check_module(check_id)) for check_id in DOCUMENT_CHECK_IDS
        }
    return _registries["BUILTIN_CHECKS"]


def _corpus_checks() -> dict[str, CorpusCheckSpec]:
    """CORPUS_CHECKS, importing the check modules the first time."""
    if "CORPUS_CHECKS" not in _registries:
        _registries["CORPUS_CHECKS"] = {
            check_id: _corpus_spec(_check_module(check_id)) for check_id in CORPUS_CHECK_IDS
        }
    return _registries["CORPUS_CHECKS"]


def __getattr__(name: str) -> Any:
    """`BUILTIN_CHECKS` and `CORPUS_CHECKS` (id -> spec), built on first access."""
    if name == "BUILTIN_CHECKS":
        return _builtin_checks()
    if name == "CORPUS_CHECKS":
        return _corpus_checks()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def validate_check_ids(ids: Collection[str]) -> None:
    """Raise a UserError naming an unknown check id, with a did-you-mean."""
    every = [*DOCUMENT_CHECK_IDS, *CORPUS_CHECK_IDS]
    for check_id in sorted(ids):
        if check_id not in every:
            hint = did_you_mean(check_id, every)
            known = ", ".join(every)
            raise UserError(f"unknown check '{check_id}'{hint} (built-in checks: {known})")


def prepare_checks(disabled: Collection[str] = ()) -> None:
    """Load now what the enabled checks (document and corpus) load on first use: each
    check module's optional `prepare()` (modules, compiled patterns, word tables). Called
    before worker processes are forked, so they start with it instead of each loading it
    again, and so does the process the corpus checks fork."""
    for check_id in (*DOCUMENT_CHECK_IDS, *CORPUS_CHECK_IDS):
        if check_id not in disabled:
            prepare = getattr(_check_module(check_id), "prepare", None)
            if prepare is not None:
                prepare()


def run_document_checks(
    doc: Document,
    claims: list[Claim],
    disabled: Collection[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Finding]:
    """Every enabled built-in check over one document's claims, in a stable order.

    `options` maps a check id to overrides of its DEFAULT options.
    """
    validate_check_ids(disabled)
    findings: list[Finding] = []
    for check_id, spec in _builtin_checks().items():
        if check_id in disabled:
            continue
        conf = {**spec.options, **((options or {}).get(check_id) or {})}
        findings.extend(spec.function(doc, claims, conf))
    findings = _one_finding_per_disagreement(findings)
    findings.sort(key=finding_order)
    return merge_repeats(findings)


def _one_finding_per_disagreement(findings: list[Finding]) -> list[Finding]:
    """A quantity_conflict finding between figures a drift finding already sets against
    each other in the document says the same thing less well (drift names the repeated
    figure): dropped. Compared by figure (document, kind, value), not by claim: a drift
    finding cites at most 20 of the copies it stands against."""
    cited = {(c.doc, c.kind, c.value) for f in findings if f.check == "drift"
             for c in (fc.claim for fc in f.claims)}
    if not cited:
        return findings
    return [f for f in findings if f.check != "quantity_conflict"
            or not all((c.doc, c.kind, c.value) in cited for c in f.flagged())]


# -- corpus-level checks ------------------------------------------------------------------
# A check that compares documents with each other (e.g. name spellings) runs in two steps,
# so the corpus can be processed in parallel and streamed: `collect` runs per document in
# the workers and returns small facts; `check(facts, conf, memo=None)` runs once over the
# facts of every document, in document order, with the scan cache's `Memo` when there is
# one. Same module conventions as above, plus `collect`, and `dump_facts`/`load_facts`:
# the facts as plain JSON data for the store and the cache, and back (raising
# `checker.util.codec.BadRow` for anything that is not what `dump_facts` gives, unless called
# with checked=False for data this process wrote itself).

CollectFunction = Callable[[Document, list[Claim], Mapping[str, Any]], Any]
CorpusCheckFunction = Callable[..., Iterator[Finding]]


class Memo(Protocol):
    """Where a corpus check keeps what it worked out, between scans (the scan cache): so a
    re-scan redoes only the part that depends on what changed. Values are plain JSON data
    (a check checks what it loads); one that cannot be loaded is None; the memo is tied to
    the code version, so a check's own values only."""

    def load(self, key: str) -> Any | None: ...

    def save(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class CorpusCheckSpec:
    """A built-in corpus check: per-document facts collected by workers, then compared."""
    id: str
    description: str
    severity: Severity
    collect: CollectFunction
    function: CorpusCheckFunction
    options: Mapping[str, Any] = field(default_factory=dict)
    dump_facts: Callable[[Any], Any] = lambda facts: facts
    load_facts: Callable[..., Any] = lambda data, _checked=True: data

    @property
    def summary(self) -> str:
        return " ".join(self.description.strip().split("\n\n")[0].split())


def _corpus_spec(module: ModuleType) -> CorpusCheckSpec:
    return CorpusCheckSpec(module.ID, module.__doc__ or "", module.SEVERITY, module.collect,
                           module.check, dict(module.DEFAULT), module.dump_facts,
                           module.load_facts)


def corpus_facts_data(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Each corpus check's facts about one document as plain JSON data (`dump_facts`)."""
    checks = _corpus_checks()
    return {check_id: checks[check_id].dump_facts(value) for check_id, value in facts.items()}


def corpus_facts_loader(check_id: str) -> Callable[..., Any]:
    """The function that reads one document's stored facts back for `check_id`."""
    return _corpus_checks()[check_id].load_facts


def collect_corpus_facts(
    doc: Document, claims: list[Claim], disabled: Collection[str] = ()
) -> dict[str, Any]:
    """Per document (worker side): each enabled corpus check's facts about this document."""
    if all(check_id in disabled for check_id in CORPUS_CHECK_IDS):
        return {}
    return {
        check_id: spec.collect(doc, claims, spec.options)
        for check_id, spec in _corpus_checks().items()
        if check_id not in disabled
    }


def run_corpus_checks(
    facts: Mapping[str, Iterable[Any]], disabled: Collection[str] = (),
    memo: Memo | None = None,
) -> list[Finding]:
    """Once per scan: each enabled corpus check over the facts of every document (a list,
    or a re-iterable view of the scan's store: a check may read them more than once).
    `memo` (the cache's, when there is one) is handed to each check as `memo=`."""
    findings: list[Finding] = []
    if all(check_id in disabled for check_id in CORPUS_CHECK_IDS):
        return findings
    for check_id, spec in _corpus_checks().items():
        if check_id not in disabled:
            findings.extend(spec.function(facts.get(check_id, ()), spec.options, memo=memo))
    findings.sort(key=finding_order)
    return findings
