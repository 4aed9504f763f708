"""The shipped corpus with the shipped rules: the planted mistakes are found, the traps
are not tripped (tests/fixtures/corpus-expected.yaml, explained in docs/corpus.md)."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from checker.cli import cli
from tests.conftest import REPO
from tests.expectations import failures


def test_shipped_corpus_meets_its_expectations() -> None:
    expected = yaml.safe_load((REPO / "tests/fixtures/corpus-expected.yaml").read_text("utf-8"))
    result = CliRunner().invoke(cli, [
        "scan", str(REPO / "corpus"), "--rules", str(REPO / "rules"), "--format", "json",
        "--no-cache", "--jobs", "1",
    ])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert failures(expected, report) == []
