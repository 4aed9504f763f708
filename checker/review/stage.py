"""The review stage in one place: inline suppressions, then the editors' decisions, then
the baseline, applied to a scan's findings. `checker scan`, `checker review` and the
review app all call it, so a finding has the same status wherever it is shown."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.model import Finding
from checker.read.sources import print_to_stderr
from checker.review import DEFAULT_BASELINE
from checker.review.suppressions import apply_suppressions


def apply_inline_suppressions(result: Any, report_unused: bool = False,
                              on_warning: Callable[[str], None] = print_to_stderr) -> None:
    """Drop the findings that `checker: ignore[...]` directives in the documents cover
    (kept in `result.suppressed`); warn about the directives that suppressed nothing
    when asked, so stale ones get cleaned up."""
    kept, suppressed, unused = apply_suppressions(result.findings,
                                                  result.documents_with_directives())
    result.findings = kept
    result.suppressed = suppressed
    if report_unused:
        for directive in unused:
            message = directive.message()
            result.warnings.append(message)
            on_warning(message)


def scanned_ids(result: Any) -> set[str] | None:
    """The ids of the documents a scan read (for scoping stale decisions)."""
    documents = getattr(result, "documents", None)
    return None if documents is None else {d.id for d in documents}


def apply_review_files(
    findings: list[Finding],
    decisions_path: str | None,
    baseline_path: str | None = None,
    no_baseline: bool = False,
    on_warning: Callable[[str], None] = print_to_stderr,
    scanned: set[str] | None = None,
) -> dict[str, Any]:
    """The review stage in one call: apply the decisions file (if it exists) and the
    baseline (the one given, else checker-baseline.yaml if it exists), warn once per stale
    decision, and return the keys to add to the report summary. With `scanned` (the ids
    of the documents read), a decision about a document this scan did not read is not
    called stale: scanning one file says nothing about the others' findings."""
    extra: dict[str, Any] = {}
    stale_found: list[dict[str, Any]] = []
    if decisions_path and not os.path.lexists(decisions_path):
        # No decisions yet (the usual scan): nothing to read, nor to load the reader for.
        extra["decisions"] = {"path": decisions_path, "entries": 0, "matched": 0}
    elif decisions_path:
        from checker.review.decisions import (
            apply_decisions,
            load_decisions,
            stale_records,
            stale_warning,
        )

        decisions = load_decisions(decisions_path)
        stale = apply_decisions(findings, decisions)
        if scanned is not None:
            stale = [d for d in stale if d.doc is None or d.doc in scanned]
        for decision in stale:
            on_warning(stale_warning(decisions_path, decision))
        extra["decisions"] = {"path": decisions_path, "entries": len(decisions),
                              "matched": len(decisions) - len(stale)}
        stale_found = stale_records(stale)
    extra["stale_decisions"] = stale_found
    if not no_baseline:
        if baseline_path is None and Path(DEFAULT_BASELINE).is_file():
            baseline_path = DEFAULT_BASELINE
        if baseline_path is not None:
            from checker.review.baseline import apply_baseline, baseline_summary, load_baseline

            baseline = load_baseline(baseline_path)
            gone = apply_baseline(findings, baseline)
            extra["baseline"] = baseline_summary(baseline_path, baseline, gone)
    return extra
