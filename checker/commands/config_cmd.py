"""`checker config`: the effective settings of a scan and where each one came from."""

from __future__ import annotations

from typing import Any

import click

from checker.commands.scan_cmd import scan
from checker.config import KEYS, Config, source_of


def _show(value: Any) -> str:
    if value is None or value == ():
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _line_only(where: str) -> str:
    """checker.yaml:3:9 -> checker.yaml:3 (the column matters for errors, not here)."""
    head, _, last = where.rpartition(":")
    return head if head.count(":") >= 1 and last.isdigit() and head[-1:].isdigit() else where


def effective_settings(ctx: click.Context) -> list[tuple[str, str, str]]:
    """(config key, value, source) for every config key the scan command takes."""
    rows: list[tuple[str, str, str]] = []
    for key in KEYS.values():
        if key.param not in ctx.params:
            continue
        rows.append((key.name, _show(ctx.params[key.param]),
                     _line_only(source_of(ctx, key.param))))
    return rows


@click.command("config", params=[p for p in scan.params],
               context_settings={"ignore_unknown_options": False})
@click.pass_context
def config(ctx: click.Context, **_: Any) -> None:
    """Show the effective settings of `checker scan` and where each value comes from:
    default, the config file (with its line), or the command line.

    The config file is checker.yaml (or checker.yml), else [tool.checker] in
    pyproject.toml, in this folder or the nearest parent (the search stops at a folder
    holding .git). Takes the same options as `checker scan`, to show how they combine.

    \b
    Examples:
      checker config
      checker config --fail-on error --no-cache
      checker config --config ci/checker.yaml
    """
    loaded: Config = ctx.meta.get("checker.config") or Config()
    click.echo(f"config file: {loaded.path or 'none (defaults and command line only)'}")
    if loaded.note:
        click.echo(f"note: {loaded.note}")
    rows = effective_settings(ctx)
    width = max(len(name) for name, _, _ in rows)
    value_width = min(40, max(len(value) for _, value, _ in rows))
    for name, value, where in rows:
        click.echo(f"{name:<{width}}  {value:<{value_width}}  # {where}")
