"""`checker review --serve`: the HTML report as a local web app where editors record
decisions (accept, dismiss with a reason, reset) into the same decisions file as
`checker review accept|dismiss|reset`.

Standard library only (`http.server`). The scan runs once at start; every page load
re-reads the decisions file and re-applies it, so edits made meanwhile from the command
line show up too. Safety: it binds loopback unless told otherwise, answers only to the
Host names it serves (no DNS rebinding), takes state-changing requests only as JSON from
its own Origin (no CSRF), and sends no CORS headers. Every request gets a status and, when
it fails, a JSON `{"error": ...}`: a broken decisions file, a body nested too deep or any
bug of ours never ends in an empty reply or a traceback.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from checker.errors import UserError
from checker.model import Claim, Document, Finding

API_DECISIONS = "/api/decisions"
MAX_BODY = 64 * 1024
MAX_TEXT = 2000
MAX_DEPTH = 16  # nesting of a request body: a decision is one flat object
# Connections the kernel queues while the server is busy: room for a newsroom's worth of
# editors clicking at once (socketserver's default is 5).
LISTEN_QUEUE = 128
ACTIONS = {"accept": "accepted", "dismiss": "dismissed", "reset": "reset"}


@dataclass
class ReviewApp:
    """One scan's results plus where decisions go; builds pages and records decisions."""

    documents: list[Document]
    claims: list[Claim]
    findings: list[Finding]
    decisions_path: str
    by: str
    rules: list[dict[str, Any]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    baseline_path: str | None = None
    no_baseline: bool = False
    fail_on: str = "warning"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        # A scan's documents and claims may be read lazily from its store, which belongs
        # to the scanning thread and closes with the scan result: keep plain lists.
        self.documents = list(self.documents)
        self.claims = list(self.claims)
        self.findings = list(self.findings)

    def report(self) -> dict[str, Any]:
        """The report with the decisions file as it is now (the scan's findings untouched)."""
        from checker.report import build_report
        from checker.review.stage import apply_review_files

        with self._lock:
            findings = copy.deepcopy(self.findings)
        extra = apply_review_files(findings, self.decisions_path, self.baseline_path,
                                   self.no_baseline, on_warning=lambda _message: None,
                                   scanned={d.id for d in self.documents})
        report = build_report(self.documents, self.claims, findings, self.fail_on, extra)
        report["rules"] = self.rules
        return report

    def page(self) -> str:
        from checker.report import html

        return html.render(self.report(), self.texts, app={"api": API_DECISIONS, "by": self.by})

    def decide(self, request: Any) -> dict[str, Any]:
        """Apply one POSTed decision {finding, action, reason|note}; return the finding's
        new status and decision. Bad requests raise UserError (answered with 400)."""
        from checker.review.decisions import load_decisions, record_decision

        if not isinstance(request, dict):
            raise UserError("expected a JSON object {finding, action, reason|note}")
        finding_id, action = request.get("finding"), request.get("action")
        if action not in ACTIONS:
            raise UserError(f"action must be one of {', '.join(ACTIONS)}")
        finding = next((f for f in self.findings if f.id == finding_id), None)
        if finding is None:
            raise UserError(f"no finding with id {finding_id!r} in this scan")
        text = request.get("reason") if action == "dismiss" else request.get("note")
        if text is not None and (not isinstance(text, str) or len(text) > MAX_TEXT):
            raise UserError(f"reason/note must be text of at most {MAX_TEXT} characters")
        text = text.strip() if text else None
        record_decision(self.decisions_path, finding.id, ACTIONS[action], text, self.by, finding)
        decision = load_decisions(self.decisions_path).get(finding.id)
        if decision is None:
            return {"finding": finding.id, "status": _undecided_status(self, finding.id),
                    "decision": None}
        return {"finding": finding.id, "status": decision.status,
                "decision": decision.to_details()}


def _undecided_status(app: ReviewApp, finding_id: str) -> str:
    """After a reset: `baseline` if the baseline lists the finding, else `new`."""
    for f in app.report()["findings"]:
        if f["id"] == finding_id:
            return f["status"]
    return "new"


def nesting_within(raw: bytes, limit: int) -> bool:
    """Whether JSON text nests arrays and objects at most `limit` deep (brackets inside
    strings do not count): checked before parsing, which would recurse that deep."""
    depth, in_string, escaped = 0, False, False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def check_bind_host(host: str, allow_remote: bool) -> None:
    """Refuse to listen beyond this machine unless the user said so explicitly."""
    if allow_remote or is_loopback(host):
        return
    raise UserError(f"refusing to serve on {host}: only loopback (127.0.0.1, ::1, localhost) "
                    "unless --allow-remote is given; anyone who can reach it can record "
                    "decisions")


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only (the review app binds there)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ReviewServer(ThreadingHTTPServer):
    """The review app's HTTP server: one thread per request, stopped with the app."""
    daemon_threads = True
    request_queue_size = LISTEN_QUEUE

    def __init__(self, app: ReviewApp, host: str, port: int) -> None:
        self.app = app
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host, port), _Handler)
        bound = host if ":" not in host else f"[{host}]"
        self.port = self.server_address[1]
        self.url = f"http://{bound}:{self.port}/"
        names = {bound}
        if is_loopback(host):
            names |= {"localhost", "127.0.0.1", "[::1]"}
        self.hosts: set[str] | None = {f"{n}:{self.port}" for n in names}
        if host in ("0.0.0.0", "::"):
            self.hosts = None  # --allow-remote on every interface: any Host, same Origin


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "checker-review"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # quiet: the terminal shows the URL, not every request

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._answer(self._get)

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        self._answer(self._post)

    def _answer(self, handle: Callable[[], None]) -> None:
        """Run a handler; whatever goes wrong, the client gets a status and a JSON error
        (a bad decisions file: 500 with its path, line and column; a bug: 500, one line
        on the server's stderr) rather than a closed connection."""
        try:
            handle()
        except UserError as exc:
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": str(exc)})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away
        except Exception as exc:  # noqa: BLE001 - answered, and said in one line
            print(f"checker: review app: internal error: {exc.__class__.__name__}: {exc}",
                  file=sys.stderr)
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR,
                       {"error": f"internal error ({exc.__class__.__name__}); see the "
                                 "terminal running `checker review --serve`"})

    def _get(self) -> None:
        if not self._host_ok():
            return
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.server.app.page().encode("utf-8"),
                       "text/html; charset=utf-8")
        elif path == "/api/report":
            self._json(HTTPStatus.OK, self.server.app.report())
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _post(self) -> None:
        if not self._host_ok():
            return
        if self.path != API_DECISIONS:
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        host = self.headers.get("Host", "")
        if self.headers.get("Origin") != f"http://{host}":
            self._json(HTTPStatus.FORBIDDEN, {"error": "cross-origin request refused"})
            return
        if self.headers.get_content_type() != "application/json":
            self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send application/json"})
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "missing or oversized body"})
            return
        raw = self.rfile.read(length)
        if not nesting_within(raw, MAX_DEPTH):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "body is nested too deeply"})
            return
        try:
            request = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "body is not JSON"})
            return
        try:
            answer = self.server.app.decide(request)
        except UserError as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._json(HTTPStatus.OK, answer)

    def do_OPTIONS(self) -> None:  # noqa: N802 - no CORS preflight is ever granted
        self._json(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "no cross-origin access"})

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:  # noqa: ARG002 - the stdlib signature
        """The stdlib's own errors (bad request line, unknown method) as JSON too."""
        self.close_connection = True
        phrase = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else ""
        self._json(HTTPStatus(code) if phrase else HTTPStatus.BAD_REQUEST,
                   {"error": message or phrase or "bad request"})

    def _host_ok(self) -> bool:
        hosts = self.server.hosts
        if hosts is not None and self.headers.get("Host", "") not in hosts:
            self._json(HTTPStatus.FORBIDDEN, {"error": "unknown Host"})
            return False
        return True

    def _json(self, status: HTTPStatus, data: Any) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
        self.end_headers()
        self.wfile.write(body)


def make_server(app: ReviewApp, host: str = "127.0.0.1", port: int = 0,
                allow_remote: bool = False) -> ReviewServer:
    """A server bound and ready (port 0: any free port; see `.url`); call serve_forever."""
    check_bind_host(host, allow_remote)
    try:
        return ReviewServer(app, host, port)
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(app: ReviewApp, host: str, port: int, allow_remote: bool,
          announce: Callable[[str], None]) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(app, host, port, allow_remote)
    announce(f"Review app on {server.url} (decisions go to {app.decisions_path}); "
             "Ctrl-C stops it.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
