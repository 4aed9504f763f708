"""Editors' decisions: the YAML file `checker review` writes and every scan honours.

An editor accepts a finding (a real contradiction to fix) or dismisses it (not a
contradiction, with a reason). Decisions are keyed by the finding's stable id and live
in a file committed beside the corpus, so CI respects them. A decision whose finding no
longer exists is stale: reported, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import UserError
from checker.model import Finding, Status
from checker.review import DEFAULT_DECISIONS  # noqa: F401 - where callers found it
from checker.util.fileio import atomic_write_text, locked
from checker.util.hints import closest, did_you_mean

if TYPE_CHECKING:
    from yaml.nodes import Node

DECIDED = ("accepted", "dismissed")
SHORT_ID = 8         # how many hex digits the listings show
MIN_PREFIX = 4       # shortest id prefix accepted on the command line

DECISIONS_HEADER = (
    "# checker decisions: one entry per finding id. Written by `checker review`; "
    "safe to edit by hand.\n"
)
_DECISION_FIELDS = ("status", "reason", "note", "by", "at", "rule", "message", "doc")


@dataclass(frozen=True, slots=True)
class Decision:
    """One editor's verdict on one finding, with the finding's rule and message kept as
    context so a stale entry still says what it was about."""

    id: str
    status: Status            # accepted | dismissed
    reason: str | None = None  # why it was dismissed (required for dismissed)
    note: str | None = None    # optional remark on an accepted finding
    by: str = "unknown"
    at: str = ""
    rule: str | None = None
    message: str | None = None
    doc: str | None = None     # the document of the finding's flagged claim

    def to_details(self) -> dict[str, Any]:
        """What a finding carries in `details["decision"]`, for every report format."""
        out: dict[str, Any] = {"status": self.status}
        if self.reason is not None:
            out["reason"] = self.reason
        if self.note is not None:
            out["note"] = self.note
        out["by"] = self.by
        out["at"] = self.at
        return out

    def to_record(self) -> dict[str, Any]:
        """The JSON form of a (stale) decision for the report summary."""
        return {"id": self.id, **self.to_details(), "rule": self.rule, "message": self.message,
                "doc": self.doc}


# -- reading and writing id-keyed YAML files (decisions, baseline) -------------------------


def read_id_file(path: str | Path, section: str, fields: Iterable[str]) -> dict[str, dict]:
    """Entries of `section` (id -> {field: text}) from a `version: 1` file, or {} if the
    file does not exist. Anything malformed is a UserError naming path:line:column."""
    path = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise UserError(f"not UTF-8 text (byte {exc.start})", path) from None
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    return read_id_text(text, path, section, fields)


def read_id_text(text: str, path: str, section: str, fields: Iterable[str]
                 ) -> dict[str, dict]:
    """`read_id_file` of a file's text. Composed (not `safe_load`ed) so keys keep their
    exact text: an all-digit id such as `0123...` must not turn into a number."""
    from checker.util import yamlpos  # lazy: a scan with no decisions file never loads yaml

    root = yamlpos.compose(text, path, fast=True, name_characters=True)
    if root is None:
        return {}
    top = _mapping(path, root, "the top level", ("version", section))
    version = top.get("version")
    if (version is None or not isinstance(version[1], yamlpos.ScalarNode)
            or version[1].value != "1"):
        raise _at(path, version[1] if version else root, "expected 'version: 1'")
    if section not in top or yamlpos.is_null(top[section][1]):
        return {}
    entries: dict[str, dict] = {}
    allowed = tuple(fields)
    for entry_id, (key_node, value_node) in _mapping(path, top[section][1], section).items():
        if not re.fullmatch(r"[0-9a-f]{4,64}", entry_id):
            raise _at(path, key_node, f"'{entry_id}' is not a finding id (hex digits)")
        values = _mapping(path, value_node, f"entry {entry_id}", allowed)
        entry: dict[str, Any] = {"_line": key_node.start_mark.line + 1}
        for name, (_, node) in values.items():
            if not isinstance(node, yamlpos.ScalarNode):
                raise _at(path, node, f"'{name}' must be a single value")
            entry[name] = None if yamlpos.is_null(node) else node.value
        entries[entry_id] = entry
    return entries


def _mapping(path: str, node: Node, where: str,
             allowed: tuple[str, ...] | None = None) -> dict[str, tuple[Node, Node]]:
    from checker.util.yamlpos import MappingNode, ScalarNode  # lazy: see read_id_text

    if not isinstance(node, MappingNode):
        raise _at(path, node, f"{where} must be a mapping (key: value lines)")
    out: dict[str, tuple[Node, Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _at(path, key_node, f"keys in {where} must be plain words")
        name = key_node.value
        if name in out:
            raise _at(path, key_node, f"duplicate key '{name}' in {where}")
        if allowed is not None and name not in allowed:
            hint = did_you_mean(name, allowed, or_allowed=True)
            raise _at(path, key_node, f"unknown key '{name}' in {where}{hint}")
        out[name] = (key_node, value_node)
    return out


def _at(path: str, node: Node, message: str) -> UserError:
    from checker.util.yamlpos import node_error  # lazy: see read_id_text

    return node_error(path, node, message)


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
# Characters a YAML file may not hold as they are (PyYAML's reader refuses them), and the
# ones YAML reads as line breaks inside a quoted value (so it would fold them to spaces).
_NOT_LITERAL = re.compile("[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD"
                          "\U00010000-\U0010FFFF]|[\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def yaml_scalar(value: str) -> str:
    r"""A value as YAML: plain when it is a safe word, else double-quoted (JSON escapes are
    valid YAML), so the file reads naturally and diffs line by line. Characters YAML
    cannot hold literally (C1 controls, U+0085, U+2028/9, U+FFFE) are written as \u
    escapes, so the file reads back to the same text."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_LITERAL.sub(_escape, quoted)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def storable_text(value: str | None, what: str) -> str | None:
    """`value` if a decisions or baseline file can hold it, else a UserError: text with
    lone surrogates (bytes that were not UTF-8, smuggled in through a command-line
    argument) cannot be written as UTF-8, and would come back as something else."""
    if value is not None and _SURROGATE.search(value):
        raise UserError(f"{what} holds bytes that are not UTF-8 text; nothing was written")
    return value


def yaml_key(entry_id: str) -> str:
    """An id as a mapping key; quoted when YAML could read it as a number."""
    return entry_id if re.search(r"[a-f]", entry_id) else f'"{entry_id}"'


# -- decisions ------------------------------------------------------------------------------


def load_decisions(path: str | Path) -> dict[str, Decision]:
    """The decisions in `path` (missing file: none), validated."""
    return _decisions(read_id_file(path, "decisions", _DECISION_FIELDS), path)


def decisions_from_text(text: str, path: str) -> dict[str, Decision]:
    """The decisions of a decisions file's text, or one UserError naming path:line:col."""
    return _decisions(read_id_text(text, path, "decisions", _DECISION_FIELDS), path)


def _decisions(entries: dict[str, dict], path: str | Path) -> dict[str, Decision]:
    out: dict[str, Decision] = {}
    for entry_id, entry in entries.items():
        where = (str(path), entry["_line"])
        status = entry.get("status")
        if status not in DECIDED:
            raise UserError(f"decision {entry_id}: status must be accepted or dismissed, "
                            f"got {status!r}", *where)
        if status == "dismissed" and not (entry.get("reason") or "").strip():
            raise UserError(f"decision {entry_id}: a dismissed finding needs a reason", *where)
        out[entry_id] = Decision(
            id=entry_id, status=status, reason=entry.get("reason"), note=entry.get("note"),
            by=entry.get("by") or "unknown", at=entry.get("at") or "",
            rule=entry.get("rule"), message=entry.get("message"), doc=entry.get("doc"),
        )
    return out


def dump_decisions(decisions: dict[str, Decision]) -> str:
    """The file text: header comment, version, entries sorted by id."""
    lines = [DECISIONS_HEADER.rstrip("\n"), "version: 1"]
    if not decisions:
        lines.append("decisions: {}")
        return "\n".join(lines) + "\n"
    lines.append("decisions:")
    for entry_id in sorted(decisions):
        d = decisions[entry_id]
        lines.append(f"  {yaml_key(entry_id)}:")
        lines.append(f"    status: {d.status}")
        for name in ("reason", "note", "by", "at", "rule", "message", "doc"):
            value = getattr(d, name)
            if value is not None:
                lines.append(f"    {name}: {yaml_scalar(str(value))}")
    return "\n".join(lines) + "\n"


@contextmanager
def exclusive_lock(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on the sidecar `path.lock` for a read-modify-write (see
    `checker.util.fileio.locked`); UserError when the lock cannot be had."""
    try:
        with locked(f"{path}.lock"):
            yield
    except TimeoutError:
        raise UserError("another checker has held this lock for a minute; try again",
                        f"{path}.lock") from None
    except OSError as exc:
        raise UserError(f"cannot lock: {exc.strerror or exc}", f"{path}.lock") from None


def record_decision(
    path: str | Path,
    finding_id: str,
    status: str,
    text: str | None = None,
    by: str | None = None,
    context: Finding | None = None,
    now: dt.datetime | None = None,
) -> Decision | None:
    """Record (status accepted/dismissed) or remove (status reset) the decision for one
    finding. `text` is the reason (dismissed) or note (accepted). Returns the decision
    written, or for reset the one removed (None if there was none).

    Safe against concurrent writers (lock, re-read, write to a temp file, rename) and
    never overwrites a file it cannot read: that raises UserError instead."""
    if status not in (*DECIDED, "reset"):
        raise UserError(f"unknown decision {status!r}; choose accepted, dismissed or reset")
    if status == "dismissed" and not (text or "").strip():
        raise UserError("dismissing a finding needs a reason (--reason TEXT)")
    storable_text(text, "the reason" if status == "dismissed" else "the note")
    storable_text(by, "--by")
    with exclusive_lock(path):
        decisions = load_decisions(path)
        if status == "reset":
            removed = decisions.pop(finding_id, None)
            if removed is not None:
                write_decisions(path, decisions)
            return removed
        previous = decisions.get(finding_id)
        decided: Status = "dismissed" if status == "dismissed" else "accepted"
        decision = Decision(
            id=finding_id, status=decided,
            reason=text if status == "dismissed" else None,
            note=text if status == "accepted" and text else None,
            by=by or default_author(), at=utc_timestamp(now),
            rule=context.rule if context else (previous.rule if previous else None),
            message=context.message if context else (previous.message if previous else None),
            doc=_flagged_doc(context) if context else (previous.doc if previous else None),
        )
        decisions[finding_id] = decision
        write_decisions(path, decisions)
        return decision


def _flagged_doc(finding: Finding) -> str | None:
    claims = finding.flagged() or [fc.claim for fc in finding.claims]
    return min((c.doc for c in claims), default=None)


def write_decisions(path: str | Path, decisions: dict[str, Decision]) -> None:
    """Write the file atomically, after reading the new text back: a decision that would
    not come back as written is refused (UserError) and the old file kept."""
    text = dump_decisions(decisions)
    for d in decisions.values():
        for value in (d.reason, d.note, d.by, d.rule, d.message, d.doc):
            storable_text(value, f"decision {d.id[:SHORT_ID]}")

    def same_when_read(tmp: Path) -> None:
        back = decisions_from_text(tmp.read_bytes().decode("utf-8"), str(path))
        if back != decisions:
            raise UserError("a decision would not read back as written; nothing was "
                            "written", str(path))

    atomic_write_text(path, text, check=same_when_read)


def default_author() -> str:
    """`git config user.name`, else $USER, else "unknown"."""
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        return os.environ.get("USER") or getpass.getuser() or "unknown"
    except Exception:  # getpass raises various errors when there is no user entry
        return "unknown"


def utc_timestamp(now: dt.datetime | None = None) -> str:
    """A moment (default now) as an ISO 8601 UTC timestamp, to the second."""
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- applying decisions to a scan -----------------------------------------------------------


def apply_decisions(findings: Iterable[Finding], decisions: dict[str, Decision]
                    ) -> list[Decision]:
    """Mark each decided finding accepted/dismissed, with `details["decision"]`; return the
    decisions that match no finding (stale), sorted by id."""
    seen: set[str] = set()
    for finding in findings:
        decision = decisions.get(finding.id)
        if decision is None:
            continue
        finding.status = decision.status
        finding.details["decision"] = decision.to_details()
        seen.add(finding.id)
    return [decisions[i] for i in sorted(decisions) if i not in seen]


def stale_warning(path: str | Path, decision: Decision) -> str:
    """The one warning line a scan prints for a stale decision."""
    short = decision.id[:SHORT_ID]
    about = f" ({decision.rule})" if decision.rule else ""
    return (f"{path}: decision for {short}{about} matches no finding; the text may have been "
            f"fixed — remove it with `checker review reset {short}`")


def stale_records(stale: Iterable[Decision]) -> list[dict[str, Any]]:
    """`summary["stale_decisions"]` of the JSON report."""
    return [d.to_record() for d in stale]


def resolve_id(prefix: str, ids: Iterable[str], what: str = "finding") -> str:
    """The one id starting with `prefix` (like git): unknown or ambiguous is a UserError
    that lists the candidates. A trailing ellipsis (copied from a listing) is ignored."""
    given = prefix.strip().rstrip("…").rstrip(".").lower()
    if not re.fullmatch(r"[0-9a-f]+", given):
        raise UserError(f"{prefix!r} is not a {what} id (hex digits, as `checker review` "
                        "lists them)")
    if len(given) < MIN_PREFIX:
        raise UserError(f"id prefix {prefix!r} is too short; give at least {MIN_PREFIX} digits")
    known = sorted(set(ids))
    matches = [i for i in known if i.startswith(given)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        hint = closest(given, [i[:len(given)] for i in known], n=3)
        near = [i for i in known if i[:len(given)] in hint]
        extra = f"; close: {', '.join(i[:SHORT_ID] for i in near)}" if near else ""
        raise UserError(f"no {what} with id {given}{extra}")
    width = distinct_prefix_length(matches)
    shown = ", ".join(i[:width] for i in matches[:10])
    more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
    raise UserError(f"id prefix {given} is ambiguous: {shown}{more}; give more digits")


def distinct_prefix_length(ids: Iterable[str], minimum: int = SHORT_ID) -> int:
    """Fewest leading digits (at least `minimum`) that keep every id distinct."""
    unique = set(ids)
    length = minimum
    while length < 64 and len({i[:length] for i in unique}) < len(unique):
        length += 1
    return length
