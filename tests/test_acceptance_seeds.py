"""Acceptance: the five real seed articles, held against their EXPECTED.yaml.

Uses ../shared/seeds and its checker script when present (CI has them); skipped otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import REPO, shared_path


def scan_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["scan", *args, "--format", "json", "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def check_expected(report: dict, tmp_path) -> subprocess.CompletedProcess:
    script = shared_path("tools", "check_expected.py")
    expected = shared_path("seeds", "EXPECTED.yaml")
    out = tmp_path / "report.json"
    out.write_text(json.dumps(report), encoding="utf-8")
    return subprocess.run([sys.executable, str(script), str(expected), str(out)],
                          capture_output=True, text=True)


def test_seeds_pass_with_the_shipped_rules(tmp_path) -> None:
    seeds = shared_path("seeds")
    report = scan_json(str(seeds), "--rules", str(REPO / "rules"))
    done = check_expected(report, tmp_path)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(
    "needle",
    [
        ("462", "463"),
        ("300", "30,000"),
        ("70 years ago", "1914"),
    ],
)
def test_seeds_builtins_alone_find_the_three_slips(needle: tuple[str, str]) -> None:
    seeds = shared_path("seeds")
    report = scan_json(str(seeds), "--no-rules")
    a, b = needle
    hits = [
        f for f in report["findings"]
        if any(a in c["text"] for c in f["claims"]) and any(b in c["text"] for c in f["claims"])
    ]
    assert hits, [f["message"] for f in report["findings"]]
