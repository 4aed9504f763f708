"""The HTML report (no browser): escaping, structure, determinism, re-reading texts; and the
review app's HTTP rules (loopback, Host, Origin, JSON) through a real socket."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from checker.commands.settings import run_scan
from checker.errors import UserError
from checker.report import build_report
from checker.report.html import (
    claim_label,
    data_payload,
    json_for_script,
    load_texts,
    offsets_fit,
    render,
)
from checker.review.app import ReviewApp, check_bind_host, make_server
from checker.review.decisions import load_decisions

HOSTILE = '</script><script>window.__pwned=1</script><!-- <img src=x onerror=alert(1)>'
LETTER = (
    "date: 2022-01-27\n\nAn open letter signed by 463 former officials reached the UN on "
    "Monday. The 463 signatories asked for an inquiry.\n\nOrganisers said 463 signatories "
    "had joined by the deadline. The 462 signatories include judges and former rapporteurs.\n"
)
SCAN_OPTIONS = {"include": (), "exclude": (), "jobs": 1, "id_field": "id", "text_field": "text",
                "date_field": "date", "doc_date": None, "use_cache": False}


def write_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(LETTER, encoding="utf-8")
    (corpus / "hostile.txt").write_text(
        f"date: 2022-02-01\n\nA page says {HOSTILE} and counts 463 signatories.\n",
        encoding="utf-8")
    return corpus


def scan_report(corpus: Path) -> dict[str, Any]:
    result = run_scan((str(corpus),), (), True, (), False, dict(SCAN_OPTIONS))
    return build_report(list(result.documents), list(result.claims), result.findings)


def hostile_report() -> dict[str, Any]:
    """A hand-made report whose every text field carries markup."""
    claim = {"id": "c1", "doc": f"d{HOSTILE}.txt", "role": "flagged", "text": "463",
             "line": 1, "column": 1, "start": 0, "end": 3, "kind": "count", "value": 463,
             "qualifier": "exact", "low": 463, "high": 463, "unit": HOSTILE,
             "quote": f"463 {HOSTILE}", "rule": None}
    return {
        "version": 1, "tool": {"name": "checker", "version": "0"},
        "summary": {"documents": 1, "claims": 1, "findings": 1,
                    "by_severity": {"error": 1, "warning": 0, "info": 0},
                    "by_check": {HOSTILE: 1}, "by_status": {"new": 1}, "fail_on": "warning",
                    "failed": True, "decisions": {"path": HOSTILE}, "stale_decisions": [{}]},
        "documents": [{"id": claim["doc"], "path": "", "title": HOSTILE, "date": None,
                       "source": "javascript:alert(1)", "format": "txt"}],
        "findings": [{"id": "ab12", "rule": HOSTILE, "check": HOSTILE, "severity": "error",
                      "status": "new", "message": HOSTILE, "details": {"slip": HOSTILE},
                      "claims": [claim]}],
        "claims": [claim],
        "rules": [{"id": HOSTILE, "title": HOSTILE}],
    }


def data_block(page: str) -> Any:
    soup = BeautifulSoup(page, "html.parser")
    return json.loads(soup.find("script", id="report-data").string)


def test_hostile_text_never_becomes_markup() -> None:
    report = hostile_report()
    page = render(report, {report["documents"][0]["id"]: f"463 {HOSTILE}"})
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] == ["application/json", None]  # nothing injected
    assert not soup.find("img") and "__pwned=1</script>" not in page
    assert page.count("<!--") == 0 and page.lower().count("</script") == 2
    data = data_block(page)
    assert data["findings"][0]["message"] == HOSTILE  # the text round-trips exactly
    assert data["documents"][0]["title"] == HOSTILE
    assert HOSTILE in soup.get_text()  # the summary (Jinja) shows it as text


def test_csp_pins_the_inline_script_and_style() -> None:
    page = render(hostile_report())
    soup = BeautifulSoup(page, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script = soup.find_all("script")[-1].string
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp


def test_self_contained_and_deterministic(repo: Path) -> None:
    report = hostile_report()
    page = render(report)
    assert page == render(report)
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["link", "iframe", "img"])
    assert not [t for t in soup.find_all(src=True)]
    # The SVG namespace of the group picture's script is a name, never fetched.
    page = page.replace('"http://www.w3.org/2000/svg"', "")
    assert "http://" not in page and "https://" not in page.replace("https?:", "")


def test_json_for_script_round_trips() -> None:
    value = {"a": "</script><!-- & > \u2028 é"}
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


@pytest.mark.parametrize("claim, label", [
    ({"kind": "count", "value": 463, "qualifier": "exact", "unit": "signatories"},
     "count · 463 · signatories"),
    ({"kind": "count", "value": 30000, "qualifier": "over", "unit": None,
      "rules": ["victims"]}, "count · 30000 · over (rule victims)"),
    ({"kind": "year", "value": 1988, "qualifier": "exact"}, "year · 1988"),
])
def test_claim_label(claim: dict, label: str) -> None:
    assert claim_label(claim) == label


def test_summary_and_grouping_from_a_real_scan(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    report = scan_report(corpus)
    texts = load_texts(report)
    assert set(texts) == {"hostile.txt", "letter.txt"}
    page = render(report, texts)
    soup = BeautifulSoup(page, "html.parser")
    counts = {div.dt.get_text(): div.dd.get_text() for div in soup.select(".counts div")}
    assert counts["Documents"] == "2" and counts["Findings"] == str(len(report["findings"]))
    data = data_block(page)
    docs = {d["id"]: d for d in data["documents"]}
    assert docs["hostile.txt"]["text"] == texts["hostile.txt"]
    for row in docs["letter.txt"]["claims"]:
        assert len(row) == 4  # text present: no quote copies
    assert any(f["check"] == "drift" for f in data["findings"])


def test_documents_view_falls_back_to_quotes(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    report = scan_report(corpus)
    (corpus / "letter.txt").write_text("edited since the scan\n", encoding="utf-8")
    (corpus / "hostile.txt").unlink()
    texts = load_texts(report)
    assert "hostile.txt" not in texts
    payload = data_payload(report, texts)
    for doc in payload["documents"]:
        assert doc["text"] is None  # gone, or offsets no longer fit
        assert all(len(row) == 6 for row in doc["claims"])


def test_offsets_fit() -> None:
    claims = [{"start": 4, "end": 7, "text": "463"}]
    assert offsets_fit("Now 463 people", claims)
    assert not offsets_fit("Now 462 people", claims)


# -- the review app over HTTP ------------------------------------------------------------------


@pytest.mark.parametrize("host, ok", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False),
])
def test_check_bind_host(host: str, ok: bool) -> None:
    if ok:
        check_bind_host(host, allow_remote=False)
    else:
        with pytest.raises(UserError, match="--allow-remote"):
            check_bind_host(host, allow_remote=False)
        check_bind_host(host, allow_remote=True)


@pytest.fixture
def served(tmp_path: Path):
    corpus = write_corpus(tmp_path)
    result = run_scan((str(corpus),), (), True, (), False, dict(SCAN_OPTIONS))
    app = ReviewApp(result.documents, result.claims, result.findings,
                    str(tmp_path / "decisions.yaml"), by="Test Editor")
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, server
    server.shutdown()
    server.server_close()


def call(server, path: str, body: Any = None, headers: dict[str, str] | None = None,
         ) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url.rstrip("/") + path, data=data,
                                     headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            raw, status = answer.read(), answer.status
    except urllib.error.HTTPError as exc:
        raw, status = exc.read(), exc.code
    return status, (raw.decode() if path == "/" else json.loads(raw))


def good_headers(server) -> dict[str, str]:
    return {"Origin": server.url.rstrip("/"), "Content-Type": "application/json"}


def test_app_page_and_decisions(served) -> None:
    app, server = served
    status, page = call(server, "/")
    assert status == 200 and '"api":"/api/decisions"' in page
    finding = app.findings[0].id
    status, answer = call(server, "/api/decisions",
                          {"finding": finding, "action": "dismiss", "reason": "same letter"},
                          good_headers(server))
    assert status == 200 and answer["status"] == "dismissed"
    assert answer["decision"]["by"] == "Test Editor"
    saved = load_decisions(app.decisions_path)[finding]
    assert (saved.status, saved.reason) == ("dismissed", "same letter")
    _, report = call(server, "/api/report")
    assert report["findings"][0]["status"] == "dismissed"
    assert app.findings[0].status == "new"  # the scan's own findings stay untouched
    status, answer = call(server, "/api/decisions", {"finding": finding, "action": "reset"},
                          good_headers(server))
    assert (status, answer["status"], answer["decision"]) == (200, "new", None)
    assert load_decisions(app.decisions_path) == {}


@pytest.mark.parametrize("change, code", [
    ({"Origin": None}, 403),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"Content-Type": "text/plain"}, 415),
])
def test_app_refuses_cross_origin_and_non_json(served, change: dict, code: int) -> None:
    app, server = served
    headers = {k: v for k, v in {**good_headers(server), **change}.items() if v is not None}
    status, _ = call(server, "/api/decisions",
                     {"finding": app.findings[0].id, "action": "accept"}, headers)
    assert status == code
    assert not Path(app.decisions_path).exists()


@pytest.mark.parametrize("body, message", [
    ({"finding": "nope", "action": "accept"}, "no finding"),
    ({"action": "delete"}, "action must be"),
    (["not", "an", "object"], "JSON object"),
])
def test_app_rejects_bad_decisions(served, body: Any, message: str) -> None:
    _, server = served
    status, answer = call(server, "/api/decisions", body, good_headers(server))
    assert status == 400 and message in answer["error"]


def test_app_dismiss_needs_a_reason(served) -> None:
    app, server = served
    status, answer = call(server, "/api/decisions",
                          {"finding": app.findings[0].id, "action": "dismiss", "reason": " "},
                          good_headers(server))
    assert status == 400 and "reason" in answer["error"]


def test_app_refuses_unknown_host(served) -> None:
    _, server = served
    status, _ = call(server, "/api/report", headers={"Host": "attacker.example"})
    assert status == 403
