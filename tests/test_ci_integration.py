"""The pre-commit hook and the GitHub Actions example call real, working commands."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
WORKFLOW = REPO / "examples" / "github-workflow.yml"


def _hooks() -> list[dict]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def _parses(argv: list[str]) -> None:
    """Raise unless `checker ARGV...` parses with the real CLI (options, subcommands)."""
    assert argv[0] == "checker", argv
    with warnings.catch_warnings():  # click 8.2+: protected_args is deprecated, still there
        warnings.simplefilter("ignore", DeprecationWarning)
        _parse_in_groups(argv)


def _parse_in_groups(argv: list[str]) -> None:
    ctx = cli.make_context("checker", argv[1:])
    with ctx:
        name, command, rest = cli.resolve_command(ctx, [*ctx.protected_args, *ctx.args])
        assert command is not None, name
        while isinstance(command, click.Group):
            sub = command.make_context(name, rest, parent=ctx)
            name, command, rest = command.resolve_command(
                sub, [*sub.protected_args, *sub.args])
        # parse only: no config discovery, so the test does not depend on the cwd
        command.make_context(name, [*rest, "--no-config"] if _takes_config(command) else rest,
                             parent=ctx)


def _takes_config(command: click.Command) -> bool:
    return any(p.name == "no_config" for p in command.params)


def test_hooks_file_is_valid() -> None:
    hooks = _hooks()
    assert {h["id"] for h in hooks} == {"checker", "checker-rules"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        _parses(shlex.split(hook["entry"]))


def _letter(tmp_path: Path, figure: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "letter.txt").write_text(
        "date: 2022-02-01\n\nThe open letter was signed by 463 former officials.\n\n"
        "Organisers said the 463 signatories came from forty countries.\n\n"
        f"In the end, the {figure} signatories asked for action.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    return corpus


@pytest.mark.parametrize(("figure", "exit_code"), [("463", 0), ("462", 1)])
def test_hook_entry_runs(tmp_path: Path, figure: str, exit_code: int) -> None:
    """What pre-commit runs (pass_filenames: false): the entry, in the repo root."""
    _letter(tmp_path, figure)
    hook = next(h for h in _hooks() if h["id"] == "checker")
    assert hook["pass_filenames"] is False
    argv = shlex.split(hook["entry"])
    env = {**os.environ, "CHECKER_NO_PROGRESS": "1"}
    done = subprocess.run([sys.executable, "-m", "checker", *argv[1:], "--no-cache"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr


def test_rules_hook_entry_runs_on_shipped_rules() -> None:
    hook = next(h for h in _hooks() if h["id"] == "checker-rules")
    rule_files = sorted(str(p) for p in (REPO / "rules").glob("*.yaml"))
    if not rule_files:
        pytest.skip("no shipped rules")
    result = CliRunner().invoke(cli, [*shlex.split(hook["entry"])[1:],
                                                    *rule_files])
    assert result.exit_code == 0, result.output


def _run_lines() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    return [line for s in steps if "run" in s for line in s["run"].splitlines()]


def test_workflow_is_valid_and_calls_real_commands() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["name"] and "jobs" in workflow
    assert True in workflow or "on" in workflow  # YAML 1.1 reads `on:` as True
    calls = [shlex.split(line, comments=True) for line in _run_lines()
             if line.strip().startswith("checker ")]
    assert len(calls) >= 2
    for argv in calls:
        _parses(argv)
    scan = next(argv for argv in calls if argv[1] == "scan")
    formats = {argv.split(":")[0] for flag, argv in zip(scan, scan[1:], strict=False)
               if flag == "--format"}
    assert {"github", "sarif"} <= formats


def test_workflow_uploads_the_sarif_it_writes() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "sarif:reports/checker.sarif" in text
    assert "sarif_file: reports/checker.sarif" in text


def test_parse_check_rejects_a_misspelt_option() -> None:
    with pytest.raises(click.UsageError):
        _parses(["checker", "scan", "--formt", "json"])
