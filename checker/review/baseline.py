"""The baseline: today's findings, recorded so a team can adopt checker on an old corpus
and fail only on findings that are new since.

A scan with a baseline marks the findings whose id is in it as status `baseline` (which
`checker.report.failing` does not count) and says how many entries are gone (fixed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import UserError
from checker.model import Finding
from checker.review import DEFAULT_BASELINE  # noqa: F401 - where callers found it
from checker.review.decisions import (
    read_id_file,
    read_id_text,
    storable_text,
    yaml_key,
    yaml_scalar,
)
from checker.util.fileio import atomic_write_text

BASELINE_HEADER = (
    "# checker baseline: findings that already existed when this file was written.\n"
    "# A scan marks them as status 'baseline' and fails only on new findings.\n"
    "# Written by `checker baseline`; remove an entry to make its finding count again.\n"
)
WRITE_MODES = ("create", "update", "prune")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """A finding id, with its rule and message as context for a human reading the file."""

    id: str
    rule: str | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True)
class BaselineChange:
    """What writing a baseline did (or would do), for the command to print."""

    path: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    entries: int
    written: bool


def load_baseline(path: str | Path) -> dict[str, BaselineEntry]:
    """The entries of a baseline file; a missing file is a UserError (it was asked for)."""
    if not Path(path).is_file():
        raise UserError("baseline file not found (write one with `checker baseline`)",
                        str(path))
    return {
        entry_id: BaselineEntry(entry_id, entry.get("rule"), entry.get("message"))
        for entry_id, entry in read_id_file(path, "findings", ("rule", "message")).items()
    }


def dump_baseline(entries: dict[str, BaselineEntry]) -> str:
    """The file text: header, version, entries sorted by id (diffs stay small)."""
    lines = [BASELINE_HEADER.rstrip("\n"), "version: 1"]
    if not entries:
        return "\n".join([*lines, "findings: {}"]) + "\n"
    lines.append("findings:")
    for entry_id in sorted(entries):
        e = entries[entry_id]
        lines.append(f"  {yaml_key(entry_id)}:")
        if e.rule is not None:
            lines.append(f"    rule: {yaml_scalar(e.rule)}")
        if e.message is not None:
            lines.append(f"    message: {yaml_scalar(e.message)}")
        if e.rule is None and e.message is None:
            lines[-1] += " {}"
    return "\n".join(lines) + "\n"


def baseline_from_findings(findings: Iterable[Finding]) -> dict[str, BaselineEntry]:
    """A baseline entry (id, rule, message) for each finding."""
    return {f.id: BaselineEntry(f.id, f.rule, f.message) for f in findings}


def apply_baseline(findings: Iterable[Finding], baseline: dict[str, BaselineEntry]
                   ) -> list[str]:
    """Mark new findings whose id is in the baseline as `baseline`; return the ids of the
    entries no finding matches any more (fixed), sorted. A finding an editor has decided on
    keeps its decision: the human verdict is the more specific one."""
    present: set[str] = set()
    for finding in findings:
        if finding.id in baseline:
            present.add(finding.id)
            if finding.status == "new":
                finding.status = "baseline"
    return sorted(set(baseline) - present)


def baseline_summary(path: str | Path, baseline: dict[str, BaselineEntry],
                     gone: list[str]) -> dict[str, Any]:
    """`summary["baseline"]` of the JSON report."""
    return {
        "path": str(path),
        "entries": len(baseline),
        "matched": len(baseline) - len(gone),
        "gone": len(gone),
        "gone_ids": list(gone),
    }


def write_baseline(path: str | Path, findings: Iterable[Finding], mode: str = "create"
                   ) -> BaselineChange:
    """Write the baseline of `findings` to `path`, atomically.

    mode `create` refuses to replace an existing file (nothing is written; the change it
    would make is returned so the command can say so); `update` rewrites it with today's
    findings; `prune` only removes entries that no finding matches any more, so new
    findings are never absorbed by accident."""
    if mode not in WRITE_MODES:
        raise ValueError(f"mode must be one of {WRITE_MODES}")
    fresh = baseline_from_findings(findings)
    exists = Path(path).exists()
    if mode == "prune" and not exists:
        raise UserError("no baseline to prune (write one with `checker baseline`)", str(path))
    old = load_baseline(path) if exists else {}
    new = {i: old[i] for i in old if i in fresh} if mode == "prune" else fresh
    change = BaselineChange(
        path=str(path),
        added=tuple(sorted(set(new) - set(old))),
        removed=tuple(sorted(set(old) - set(new))),
        entries=len(new),
        written=not (exists and mode == "create"),
    )
    if change.written:
        for entry in new.values():
            storable_text(entry.message, f"the message of finding {entry.id[:8]}")
            storable_text(entry.rule, f"the rule of finding {entry.id[:8]}")

        def same_when_read(tmp: Path) -> None:
            text = tmp.read_bytes().decode("utf-8")
            back = {i: BaselineEntry(i, e.get("rule"), e.get("message"))
                    for i, e in read_id_text(text, str(path), "findings",
                                             ("rule", "message")).items()}
            if back != new:
                raise UserError("the baseline would not read back as written; nothing "
                                "was written", str(path))

        atomic_write_text(path, dump_baseline(new), check=same_when_read)
    return change
