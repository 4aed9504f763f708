"""The review app answers every bad request with a status and a JSON error: a broken
decisions file, a body nested too deep, an unknown method, many clients at once."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path

from checker.review.decisions import load_decisions
from tests.test_report_html import call, good_headers
from tests.test_report_html import served as _served

served = _served  # the fixture, shared with test_report_html


def test_a_broken_decisions_file_is_a_json_error_not_an_empty_reply(served, capfd) -> None:
    app, server = served
    Path(app.decisions_path).write_bytes(
        b"version: 1\ndecisions:\n  abcd1234:\n    status: dismissed\n    reason: \"x\xc2\x80y\"\n")
    for path in ("/", "/api/report"):
        status, answer = _raw(server, "GET", path)
        assert status == 500
        assert f"{app.decisions_path}:5:" in json.loads(answer)["error"]
    assert "Traceback" not in capfd.readouterr().err


def test_a_deeply_nested_body_is_refused(served) -> None:
    app, server = served
    body = "[" * 30000 + "]" * 30000
    status, answer = _raw(server, "POST", "/api/decisions", body, good_headers(server))
    assert status == 400 and "nested too deeply" in json.loads(answer)["error"]
    assert not Path(app.decisions_path).exists()


def test_a_refused_write_answers_400_and_writes_nothing(served) -> None:
    app, server = served
    body = json.dumps({"finding": app.findings[0].id, "action": "dismiss",
                       "reason": "x\udcffy"})  # a lone surrogate: not storable text
    status, answer = _raw(server, "POST", "/api/decisions", body, good_headers(server))
    assert status == 400 and "not UTF-8" in json.loads(answer)["error"]
    assert not Path(app.decisions_path).exists()


def test_an_unknown_method_is_a_json_error(served) -> None:
    _, server = served
    status, answer = _raw(server, "DELETE", "/api/decisions")
    assert status == 501 and json.loads(answer)["error"]


def test_fifty_clients_at_once_all_get_an_answer(served) -> None:
    app, server = served
    statuses: list[int] = []
    barrier = threading.Barrier(50)

    def one(i: int) -> None:
        barrier.wait()
        action = {"finding": app.findings[0].id, "action": "accept", "note": f"n{i}"}
        try:
            status, _ = call(server, "/api/decisions", action, good_headers(server))
        except OSError as exc:  # a reset connection
            status = -1
            print(exc)
        statuses.append(status)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(statuses) == [200] * 50
    assert load_decisions(app.decisions_path)[app.findings[0].id].status == "accepted"


def _raw(server, method: str, path: str, body: str | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, str]:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request(method, path, body=body.encode() if body else None,
                       headers=headers or {})
    answer = connection.getresponse()
    data = answer.read().decode("utf-8")
    connection.close()
    return answer.status, data
