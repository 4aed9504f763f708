"""`checker rules check` and `checker checks`: inspect rule files and built-in checks."""

from __future__ import annotations

from pathlib import Path

import click

from checker.commands.options import DEFAULT_RULES
from checker.errors import UserError


@click.group()
def rules() -> None:
    """Work with rule files."""


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
def rules_check(paths: tuple[str, ...]) -> None:
    """Validate rule files (default: rules/). Exit 2 with file:line:column on an error.

    \b
    Example:
      checker rules check rules/
    """
    from checker.rules.load import load_rules

    if not paths:
        if not Path(DEFAULT_RULES).exists():
            raise UserError(f"no PATH given and no {DEFAULT_RULES}/ folder here")
        paths = (DEFAULT_RULES,)
    loaded = load_rules(paths)
    for rule in loaded:
        click.echo(f"{rule.source}: {rule.id}" + (f" — {rule.title}" if rule.title else ""))
    click.echo(f"{len(loaded)} rule{'s' if len(loaded) != 1 else ''} OK")


@click.command()
def checks() -> None:
    """List the built-in checks (each can be turned off with `scan --disable ID`).

    \b
    Example:
      checker checks
    """
    from checker.checks import BUILTIN_CHECKS, CORPUS_CHECKS

    for check_id, spec in [*BUILTIN_CHECKS.items(), *CORPUS_CHECKS.items()]:
        click.echo(f"{check_id:<13} {spec.summary}")
