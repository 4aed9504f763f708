"""Project configuration: find `checker.yaml` (or `[tool.checker]` in pyproject.toml), load
and validate it, and hand its values to click as option defaults.

Discovery walks up from the working directory and stops at the first folder holding
either file (checker.yaml wins when both are there) or at a folder holding `.git`.
Relative paths in a config file are relative to the file's folder. Command-line options
override the file: its values become click's `default_map`, so `ctx.get_parameter_source`
still tells where each value came from (`checker config` prints it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.errors import UserError
from checker.util.hints import did_you_mean

if TYPE_CHECKING:
    from yaml import SafeLoader
    from yaml.nodes import Node

CONFIG_NAMES = ("checker.yaml", "checker.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")  # as checker.report.FAIL_ON_CHOICES


@dataclass(frozen=True, slots=True)
class Key:
    """One config key: the click parameter it sets, its type, what it means."""

    name: str
    param: str
    type: str  # paths | path | globs | words | bool | int | date | fail_on | formats | text
    help: str


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("paths", "paths", "paths", "Files or folders to scan (default: corpus/)."),
    Key("include", "include", "globs", "Only read documents whose id matches a glob."),
    Key("exclude", "exclude", "globs", "Skip documents whose id matches a glob (per-path "
        "excludes: 'drafts/**', '*.html')."),
    Key("rules", "rule_paths", "paths", "Rule files or folders (default: rules/)."),
    Key("no_rules", "no_rules", "bool", "Built-in checks only."),
    Key("disable", "disable", "words", "Built-in checks to turn off."),
    Key("no_builtins", "no_builtins", "bool", "Turn off every built-in check."),
    Key("fail_on", "fail_on", "fail_on", "Lowest severity of a new finding that fails."),
    Key("format", "formats", "formats", "Report formats, each 'name' or 'name:path'."),
    Key("date", "doc_date", "date", "Date of every document (YYYY-MM-DD)."),
    Key("id_field", "id_field", "text", "Record field holding the document id."),
    Key("text_field", "text_field", "text", "Record field holding the document text."),
    Key("date_field", "date_field", "text", "Record field holding the document date."),
    Key("jobs", "jobs", "int", "Worker processes (0 = all cores)."),
    Key("scheduler", "scheduler", "text", "Dask scheduler (tcp://HOST:PORT) to scan on."),
    Key("cache", "use_cache", "bool", "Reuse results of unchanged files."),
    Key("cache_dir", "cache_dir", "path", "Where the cache lives."),
    Key("decisions", "decisions_path", "path", "Editors' decisions file."),
    Key("baseline", "baseline_path", "path", "Baseline file."),
    Key("report_unused_suppressions", "report_unused_suppressions", "bool",
        "Warn about `checker: ignore` directives that suppress nothing."),
)}
_BY_PARAM = {k.param: k for k in KEYS.values()}


@dataclass(frozen=True, slots=True)
class Value:
    """A config value and where it was written ("checker.yaml:12")."""

    value: Any
    where: str


@dataclass(frozen=True)
class Config:
    """The config file in effect (None: no file) and its validated values by key."""

    path: str | None = None
    values: dict[str, Value] = field(default_factory=dict)
    note: str | None = None  # e.g. a pyproject.toml [tool.checker] that checker.yaml hides

    def default_map(self, command: click.Command) -> dict[str, Any]:
        """The values as click defaults for the parameters `command` has."""
        params = {p.name for p in command.params}
        return {KEYS[k].param: v.value for k, v in self.values.items()
                if KEYS[k].param in params}

    def source_of(self, param: str) -> str | None:
        key = _BY_PARAM.get(param)
        value = self.values.get(key.name) if key else None
        return value.where if value else None


# ---------------------------------------------------------------------------- finding


def find_config(start: str | Path | None = None) -> tuple[Path | None, str | None]:
    """(the config file for `start` (default: cwd), a note when a second one is hidden)."""
    folder = Path(start or os.getcwd()).resolve()
    for here in (folder, *folder.parents):
        yaml_file = next((here / n for n in CONFIG_NAMES if (here / n).is_file()), None)
        pyproject = here / PYPROJECT
        has_table = pyproject.is_file() and _has_tool_table(pyproject)
        if yaml_file is not None:
            note = (f"{PYPROJECT} [tool.checker] in the same folder is ignored: "
                    f"{yaml_file.name} wins") if has_table else None
            return yaml_file, note
        if has_table:
            return pyproject, None
        if (here / ".git").exists():
            break
    return None, None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*checker\s*[\].]", text, re.MULTILINE) is not None


def discover(start: str | Path | None = None) -> Config:
    """The config for the working directory (or `start`); an empty Config if none."""
    path, note = find_config(start)
    if path is None:
        return Config()
    config = load_config(path)
    return Config(config.path, config.values, note)


# ---------------------------------------------------------------------------- loading


def load_config(path: str | Path) -> Config:
    """Read and validate one config file (checker.yaml or pyproject.toml)."""
    path = Path(path)
    shown = _shown_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"config file is not UTF-8 text (byte {exc.start})", shown) from None
    except OSError as exc:
        raise UserError(f"cannot read config file: {exc.strerror}", shown) from None
    base = path.resolve().parent
    raw = _pyproject_values(text, shown) if path.name == PYPROJECT else _yaml_values(text, shown)
    values = {name: Value(_parse(KEYS[name], value, base, where), where)
              for name, (value, where) in raw.items()}
    return Config(shown, values)


def _shown_path(path: Path) -> str:
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:  # another drive (Windows)
        return str(path)


def _key_name(raw: str, where: str) -> str:
    name = raw.strip().replace("-", "_")
    if name not in KEYS:
        hint = did_you_mean(name, KEYS, or_allowed=True)
        raise _error(where, f"unknown key '{raw}' in the config{hint}")
    return name


def _error(where: str, message: str) -> UserError:
    """A UserError from a "path:line:col" place."""
    parts = where.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return UserError(message, parts[0], int(parts[1]), int(parts[2]))
    parts = where.rsplit(":", 1)
    if len(parts) == 2 and parts[1].isdigit():
        return UserError(message, parts[0], int(parts[1]))
    return UserError(message, where)


def _yaml_values(text: str, shown: str) -> dict[str, tuple[Any, str]]:
    """Each key -> (plain value, "file:line:col") from checker.yaml, positions kept."""
    from checker.util import yamlpos  # lazy: a scan without a config file never loads yaml

    root = yamlpos.compose(text, shown)
    if root is None:
        return {}
    if not isinstance(root, yamlpos.MappingNode):
        raise _error(yamlpos.place(shown, root),
                     "the config must be a mapping (key: value lines)")
    constructor = yamlpos.constructor()
    out: dict[str, tuple[Any, str]] = {}
    for key_node, value_node in root.value:
        where = yamlpos.place(shown, key_node)
        if not isinstance(key_node, yamlpos.ScalarNode):
            raise _error(where, "config keys must be plain words")
        name = _key_name(str(key_node.value), where)
        if name in out:
            raise _error(where, f"duplicate key '{name}' (first at {out[name][1]})")
        out[name] = (_plain(value_node, constructor), yamlpos.place(shown, value_node))
    return out


def _plain(node: Node, constructor: SafeLoader) -> Any:
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, SequenceNode):
        return [_plain(item, constructor) for item in node.value]
    if isinstance(node, MappingNode):
        return {"<mapping>": True}
    return constructor.construct_object(node)


def _pyproject_values(text: str, shown: str) -> dict[str, tuple[Any, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"invalid TOML: {exc}", shown) from None
    table = data.get("tool", {}).get("checker", {})
    if not isinstance(table, dict):
        raise UserError("[tool.checker] must be a table", shown)
    header = re.search(r"^\s*\[\s*tool\s*\.\s*checker\s*\]", text, re.MULTILINE)
    offset = header.end() if header else 0
    out: dict[str, tuple[Any, str]] = {}
    for raw_key, value in table.items():
        key_line = rf"^[ \t]*[\"']?{re.escape(raw_key)}[\"']?[ \t]*="
        m = re.search(key_line, text[offset:], re.MULTILINE)
        line = text.count("\n", 0, offset + m.start()) + 1 if m else None
        where = f"{shown}:{line}" if line else shown
        name = _key_name(raw_key, where)
        out[name] = ({"<mapping>": True} if isinstance(value, dict) else value, where)
    return out


# ---------------------------------------------------------------------------- values


def _parse(key: Key, value: Any, base: Path, where: str) -> Any:
    """Validate one value and convert it to what the click parameter takes."""
    parse = _PARSERS[key.type]
    return parse(key, value, base, where)


def _texts(key: Key, value: Any, where: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float) or item == "":
            raise _error(where, f"{key.name} must be text or a list of text; got {item!r}")
        out.append(str(item))
    return out


def _rebase(path: str, base: Path) -> str:
    """A path relative to the config file's folder, as a path relative to the cwd."""
    full = Path(path).expanduser()
    if not full.is_absolute():
        full = base / full
    try:
        rel = os.path.relpath(full)
    except ValueError:
        return str(full)
    return rel.replace(os.sep, "/")


def _paths(key: Key, value: Any, base: Path, where: str) -> tuple[str, ...]:
    return tuple(_rebase(p, base) for p in _texts(key, value, where))


def _path(key: Key, value: Any, base: Path, where: str) -> str:
    if isinstance(value, list):
        raise _error(where, f"{key.name} must be one path, not a list")
    return _rebase(_texts(key, value, where)[0], base)


def _globs(key: Key, value: Any, _base: Path, where: str) -> tuple[str, ...]:
    return tuple(_texts(key, value, where))


def _words(key: Key, value: Any, _base: Path, where: str) -> tuple[str, ...]:
    words = tuple(_texts(key, value, where))
    if key.name == "disable":
        from checker.checks import validate_check_ids

        try:
            validate_check_ids(words)
        except UserError as exc:
            raise _error(where, exc.message) from None
    return words


def _bool(key: Key, value: Any, _base: Path, where: str) -> bool:
    if not isinstance(value, bool):
        raise _error(where, f"{key.name} must be true or false; got {value!r}")
    return value


def _int(key: Key, value: Any, _base: Path, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _error(where, f"{key.name} must be a whole number, 0 or more; got {value!r}")
    return value


def _date(key: Key, value: Any, _base: Path, where: str) -> str:
    if isinstance(value, dt.date):  # YAML and TOML read 2016-11-26 as a date
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise _error(where, f"{key.name} must be a date YYYY-MM-DD; got {value!r}") from None


def _fail_on(_key: Key, value: Any, _base: Path, where: str) -> str:
    text = str(value).strip().lower()
    if text not in FAIL_ON:
        hint = did_you_mean(text, FAIL_ON)
        raise _error(where, f"fail_on must be one of {', '.join(FAIL_ON)}; got {value!r}{hint}")
    return text


def _formats(key: Key, value: Any, base: Path, where: str) -> tuple[str, ...]:
    out: list[str] = []
    for spec in _texts(key, value, where):
        name, sep, path = spec.partition(":")
        out.append(f"{name.strip()}:{_rebase(path.strip(), base)}" if sep and path.strip()
                   else name.strip())
    return tuple(out)


def _text(key: Key, value: Any, _base: Path, where: str) -> str:
    if isinstance(value, list):
        raise _error(where, f"{key.name} must be text, not a list")
    return _texts(key, value, where)[0]


_PARSERS: dict[str, Callable[[Key, Any, Path, str], Any]] = {
    "paths": _paths, "path": _path, "globs": _globs, "words": _words, "bool": _bool,
    "int": _int, "date": _date, "fail_on": _fail_on, "formats": _formats, "text": _text,
}


# ---------------------------------------------------------------------------- click


def config_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--config FILE and --no-config, processed before every other option (eager) so the
    file's values become the command's defaults; command-line options still win."""
    options = [
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     is_eager=True, expose_value=False, callback=_remember,
                     help="Config file. Default: checker.yaml or pyproject.toml "
                          "[tool.checker], found by walking up from here."),
        click.option("--no-config", is_flag=True, is_eager=True, expose_value=False,
                     callback=_remember, help="Ignore every config file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    ctx.meta[f"checker.{param.name}"] = value
    if "checker.config_path" in ctx.meta and "checker.no_config" in ctx.meta:
        apply_config(ctx, ctx.meta["checker.config_path"], ctx.meta["checker.no_config"])


def apply_config(ctx: click.Context, path: str | None = None, no_config: bool = False) -> Config:
    """Load the config (given, discovered, or none) and make its values the defaults of
    `ctx`'s command. Kept in `ctx.meta["checker.config"]` for `checker config`."""
    if no_config:
        config = Config()
    elif path:
        if not Path(path).is_file():
            raise click.BadParameter(f"no such file: {path}", ctx, param_hint="--config")
        config = load_config(path)
    else:
        config = discover()
    ctx.meta["checker.config"] = config
    defaults = config.default_map(ctx.command)
    defaults.update(ctx.default_map or {})  # defaults set by a caller (tests) win
    ctx.default_map = defaults
    return config


def source_of(ctx: click.Context, param: str) -> str:
    """Where the value of `param` came from: command line | <file>:<line> | default."""
    source = ctx.get_parameter_source(param)
    if source is click.core.ParameterSource.COMMANDLINE:
        return "command line"
    if source is click.core.ParameterSource.ENVIRONMENT:
        return "environment"
    if source is click.core.ParameterSource.DEFAULT_MAP:
        config: Config | None = ctx.meta.get("checker.config")
        where = config.source_of(param) if config else None
        return where or "caller default"
    return "default"
