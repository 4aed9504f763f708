"""Config discovery, validation, precedence (command line > config file > default)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.commands.config_cmd import config as config_command
from checker.config import discover, find_config, load_config

LETTER = (
    "date: 2022-02-01\n\n"
    "The open letter was signed by 463 former officials of the United Nations.\n\n"
    "Organisers said the 463 signatories came from forty countries.\n\n"
    "In the end, the 462 signatories asked the Secretary-General to act.{mark}\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with .git (discovery stops here), a corpus with one drift, no config."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.txt").write_text(LETTER.format(mark=""))
    (tmp_path / "docs" / "draft.txt").write_text(LETTER.format(mark=""))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _scan(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["scan", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_no_config_file(project: Path) -> None:
    assert find_config() == (None, None)
    assert discover().values == {}


def test_discovery_walks_up_and_stops_at_git(project: Path, monkeypatch) -> None:
    (project / "checker.yaml").write_text("fail_on: error\n")
    deep = project / "docs" / "sub"
    deep.mkdir()
    monkeypatch.chdir(deep)
    path, _ = find_config()
    assert path == project / "checker.yaml"
    inner = project / "docs" / "sub"
    (inner / ".git").mkdir()
    assert find_config() == (None, None)


def test_checker_yaml_wins_over_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.checker]\nfail-on = "info"\n')
    assert load_config(project / "pyproject.toml").values["fail_on"].value == "info"
    (project / "checker.yaml").write_text("fail_on: error\n")
    config = discover()
    assert config.values["fail_on"].value == "error"
    assert config.note and "checker.yaml wins" in config.note


def test_pyproject_without_table_is_not_a_config(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config() == (None, None)


def test_relative_paths_are_relative_to_the_config_folder(project: Path, monkeypatch) -> None:
    (project / "checker.yaml").write_text("paths: [docs]\ncache_dir: .cache\n"
                                          "format: [text, 'json:reports/x.json']\n")
    monkeypatch.chdir(project / "docs")
    values = discover().values
    assert values["paths"].value == (".",)
    assert values["cache_dir"].value == "../.cache"
    assert values["format"].value == ("text", "json:../reports/x.json")
    assert values["paths"].where == "../checker.yaml:1:8"


PRECEDENCE = [
    # (config, command line, expected fail_on in the report)
    ("", [], "warning"),
    ("fail_on: error\n", [], "error"),
    ("fail_on: error\n", ["--fail-on", "info"], "info"),
    ("fail_on: error\n", ["--no-config"], "warning"),
]


@pytest.mark.parametrize(("text", "args", "expected"), PRECEDENCE)
def test_precedence(project: Path, text: str, args: list[str], expected: str) -> None:
    if text:
        (project / "checker.yaml").write_text(text)
    _, report = _scan("docs", "--no-rules", *args)
    assert report["summary"]["fail_on"] == expected


def test_config_paths_and_excludes_apply(project: Path) -> None:
    (project / "checker.yaml").write_text("paths: [docs]\nexclude: ['draft.*']\n"
                                          "no_rules: true\n")
    _, report = _scan()
    assert [d["id"] for d in report["documents"]] == ["letter.txt"]
    _, report = _scan("docs", "--exclude", "letter.*")  # the command line replaces it
    assert [d["id"] for d in report["documents"]] == ["draft.txt"]


def test_explicit_config_file(project: Path) -> None:
    (project / "ci.yaml").write_text("fail_on: never\nno_rules: true\n")
    code, report = _scan("docs", "--config", "ci.yaml")
    assert report["summary"]["fail_on"] == "never" and code == 0


def test_date_default_from_config(project: Path) -> None:
    (project / "checker.yaml").write_text("date: 2016-11-26\nno_rules: true\n")
    _, report = _scan("docs")
    assert {d["date"] for d in report["documents"]} == {"2016-11-26"}
    assert {d["date_source"] for d in report["documents"]} == {"option"}


ERRORS = [
    ("fail_onn: error\n", "checker.yaml:1:1: unknown key 'fail_onn' in the config; "
                          "did you mean 'fail_on'?"),
    ("jobs: many\n", "checker.yaml:1:7: jobs must be a whole number, 0 or more; got 'many'"),
    ("cache: maybe\n", "checker.yaml:1:8: cache must be true or false; got 'maybe'"),
    ("date: 26/11/2016\n", "checker.yaml:1:7: date must be a date YYYY-MM-DD"),
    ("disable: [drfit]\n", "checker.yaml:1:10: unknown check 'drfit'; did you mean 'drift'?"),
    ("fail_on: error\nfail_on: info\n", "checker.yaml:2:1: duplicate key 'fail_on'"),
    ("- paths\n", "checker.yaml:1:1: the config must be a mapping"),
    ("paths: [docs\n", "checker.yaml:2:1: invalid YAML"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_bad_config_is_one_line_error(project: Path, text: str, message: str) -> None:
    (project / "checker.yaml").write_text(text)
    result = CliRunner().invoke(cli, ["scan", "docs"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"checker: error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_pyproject_key_names_its_line(project: Path) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.checker]\n'
                                            'excludes = ["drafts/"]\n')
    result = CliRunner().invoke(cli, ["scan", "docs"])
    assert result.exit_code == 2
    assert result.stderr.startswith("checker: error: pyproject.toml:5: unknown key "
                                    "'excludes' in the config; did you mean 'exclude'?")


def test_config_command_shows_sources(project: Path) -> None:
    (project / "checker.yaml").write_text("paths: [docs]\n\nfail_on: error\n")
    result = CliRunner().invoke(config_command, ["--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert result.output.splitlines()[0] == "config file: checker.yaml"
    assert lines["paths"].endswith("# checker.yaml:1")
    assert lines["fail_on"].split()[1] == "error" and lines["fail_on"].endswith(
        "# checker.yaml:3")
    assert lines["jobs"].endswith("# command line")
    assert lines["cache"].endswith("# default")


def test_config_command_names_hidden_pyproject(project: Path) -> None:
    (project / "checker.yaml").write_text("fail_on: error\n")
    (project / "pyproject.toml").write_text('[tool.checker]\nfail_on = "info"\n')
    result = CliRunner().invoke(config_command, [])
    assert "note: pyproject.toml [tool.checker] in the same folder is ignored" in result.output
