"""The editors' report: one self-contained HTML page derived from the report dict.

No network at all: the style and the script are inlined and pinned by hash in a
Content-Security-Policy, the data rides along as JSON in a `<script type="application/json">`
block, and the page builds the findings and documents views from it with DOM calls only
(`textContent`, never `innerHTML`). So a document that contains `<script>`, an
`onerror=` attribute or a `javascript:` link shows as text. The template is Jinja2 with
autoescape on; the same bytes come out for the same report (no clock, no randomness).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from checker.errors import UserError
from checker.model import SEVERITIES, STATUSES
from checker.report.picture import PictureCollector

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_PATH = "reports/report.html"


def render(report: dict[str, Any], texts: Mapping[str, str] | None = None, *,
           app: Mapping[str, Any] | None = None) -> str:
    """The page. `texts` (document id -> full text, from `load_texts`) fills the documents
    view; without a document's text the view lists its claims' sentences instead. `app`
    (set by the review app: `{"api": url, "by": name}`) adds the Accept/Dismiss/Reset
    controls; the static report has none."""
    summary = report.get("summary", {})
    # picture.js first: it defines the group picture report.js draws in each finding.
    script, style = _asset("picture.js") + _asset("report.js"), _asset("report.css")
    data = data_payload(report, texts or {}, app)
    by_check = [
        {"check": check, "total": total, "counts": [
            sum(1 for f in report.get("findings", [])
                if f["check"] == check and f["severity"] == s) for s in SEVERITIES]}
        for check, total in summary.get("by_check", {}).items()
    ]
    tool = report.get("tool", {})
    return _template().render(
        title="Fact-consistency report",
        tool_name=tool.get("name", "checker"), tool_version=tool.get("version", ""),
        summary=summary, severities=SEVERITIES, by_check=by_check,
        by_severity=[(s, summary.get("by_severity", {}).get(s, 0)) for s in SEVERITIES],
        failed=bool(summary.get("failed")), verdict=verdict(summary),
        status_line=status_line(summary.get("by_status", {})),
        stale=len(summary.get("stale_decisions", [])),
        decisions_path=summary.get("decisions", {}).get("path", "the decisions file"),
        app=bool(app), csp=content_security_policy(script, style),
        style=Markup(style), script=Markup(script), data=Markup(json_for_script(data)),
    )


def data_payload(report: dict[str, Any], texts: Mapping[str, str],
                 app: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the page's script reads: the findings as in the report, and each document with
    its text (when it could be re-read and its claims' offsets still fit) and its claims as
    compact rows `[start, end, kind, label]` (`+ [text, quote]` when the text is missing);
    and the findings' group pictures (`checker.report.picture`), from the same one pass
    over the claims."""
    by_doc: dict[str, dict[tuple[int, int, str], dict[str, Any]]] = defaultdict(dict)
    collector = PictureCollector(report.get("findings", []))
    pictured = collector.rules  # most claims belong to no rule with a finding: skip them here
    for claim in report.get("claims", []):
        if claim.get("rule") in pictured:
            collector.add(claim)
        key = (claim["start"], claim["end"], claim["kind"])
        seen = by_doc[claim["doc"]].get(key)
        if seen is None:
            by_doc[claim["doc"]][key] = {**claim, "rules": [claim["rule"]] if claim.get("rule")
                                         else []}
        elif claim.get("rule") and claim["rule"] not in seen["rules"]:
            seen["rules"].append(claim["rule"])
    documents = []
    for doc in report.get("documents", []):
        claims = sorted(by_doc.get(doc["id"], {}).values(),
                        key=lambda c: (c["start"], -c["end"], c["kind"]))
        text = texts.get(doc["id"])
        if text is not None and not offsets_fit(text, claims):
            text = None
        rows = [[c["start"], c["end"], c["kind"], claim_label(c)]
                + ([] if text is not None else [c["text"], c["quote"]]) for c in claims]
        documents.append({
            "id": doc["id"], "title": doc.get("title"), "date": doc.get("date"),
            "date_source": doc.get("date_source"), "source": doc.get("source"),
            "text": text, "claims": rows,
        })
    pictures, picture_of = collector.result()
    return {
        "version": report.get("version", 1),
        "summary": report.get("summary", {}),
        "rules": report.get("rules", []),
        "findings": report.get("findings", []),
        "pictures": pictures,
        "picture_of": picture_of,
        "documents": documents,
        "app": dict(app) if app else None,
    }


def offsets_fit(text: str, claims: list[dict[str, Any]]) -> bool:
    """True when every claim's offsets still point at its text (the file was not edited
    since the scan), so marks land on the right words."""
    return all(text[c["start"]:c["end"]] == c["text"] for c in claims)


def claim_label(claim: dict[str, Any]) -> str:
    """The tooltip of a marked claim: kind, value, qualifier, unit, rules."""
    parts = [claim["kind"]]
    if claim.get("value") is not None:
        parts.append(str(claim["value"]))
    if claim.get("qualifier") not in (None, "exact"):
        parts.append(claim["qualifier"])
    if claim.get("unit"):
        parts.append(claim["unit"])
    label = " · ".join(parts)
    if claim.get("rules"):
        label += " (rule " + ", ".join(claim["rules"]) + ")"
    return label


def json_for_script(data: Any) -> str:
    r"""JSON that cannot end or comment out its <script> block: `<`, `>` and `&` become
    \u escapes (valid JSON, and the parse gives back the same strings)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def content_security_policy(script: str, style: str) -> str:
    """Nothing loads from anywhere; only our own inline script and style run."""
    return ("default-src 'none'; "
            f"script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
            "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'")


def verdict(summary: Mapping[str, Any]) -> str:
    """The page's one-sentence verdict: no contradictions, or how many findings."""
    n = summary.get("findings", 0)
    if not n:
        return "No contradictions found."
    noun = "finding" if n == 1 else "findings"
    if summary.get("failed"):
        return f"{n} {noun}; the run fails (fail on: {summary.get('fail_on', 'warning')})."
    return f"{n} {noun}; none fails the run (fail on: {summary.get('fail_on', 'warning')})."


def status_line(by_status: Mapping[str, int]) -> str:
    """"Status: 2 new, 1 accepted.", or "" with no findings."""
    parts = [f"{by_status[s]} {s}" for s in STATUSES if by_status.get(s)]
    return f"Status: {', '.join(parts)}." if parts else ""


def load_texts(report: dict[str, Any], options: Any = None,
               warn: Callable[[str], None] | None = None) -> dict[str, str]:
    """Document id -> text, re-read from each document's file (the scan drops texts after
    extraction). A file that cannot be read any more is left out: the page then shows its
    claims' sentences only. `options` is the corpus ReadOptions the scan used."""
    from checker.read.sources import ReadOptions, Source, read_source

    options = options or ReadOptions()
    quiet = warn or (lambda _message: None)
    wanted = {d["id"] for d in report.get("documents", [])}
    sources: dict[tuple[str, str, str], None] = {}
    for doc in report.get("documents", []):
        if doc.get("path"):
            file_id = doc["id"].split("#", 1)[0] if doc["format"] in ("jsonl", "json", "csv") \
                else doc["id"]
            sources[(doc["path"], file_id, doc["format"])] = None
    texts: dict[str, str] = {}
    for path, file_id, fmt in sources:
        try:
            for read in read_source(Source(path, file_id, fmt), options, quiet):
                if read.id in wanted:
                    texts[read.id] = read.text
        except (UserError, OSError, ValueError) as exc:
            quiet(f"{path}: cannot re-read for the HTML report ({exc}); showing quotes only")
    return texts


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@cache
def _asset(name: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    if "</" in text or "<!--" in text:  # would end or confuse the inline block
        raise AssertionError(f"{name} must not contain '</' or '<!--'")
    return text


@cache
def _template():
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")
