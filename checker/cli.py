"""The `checker` command line: parses options and wires the library together.

Exit codes, fixed here and nowhere else: 0 nothing at or above the failing severity,
1 findings that fail the run, 2 a usage or input error (one line on stderr).
"""

from __future__ import annotations

from typing import Any

import click

from checker import __version__
from checker.commands import (
    cache_cmd,
    config_cmd,
    extract_cmd,
    review_cmd,
    rules_cmd,
    scan_cmd,
    suggest_cmd,
)
from checker.commands.options import EXIT_ERROR
from checker.errors import UserError


class CheckerGroup(click.Group):
    """Turns UserError into one line on stderr and exit 2, wherever it is raised."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(f"checker: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Find numeric and dated claims that contradict each other across documents.

    \b
    Example:
      checker scan                      # scan corpus/ with rules/
      checker scan docs/ --format json -o reports/checker.json
    """


def main() -> None:
    cli(prog_name="checker")


cli.add_command(scan_cmd.scan)
cli.add_command(extract_cmd.extract)
cli.add_command(rules_cmd.rules)
cli.add_command(rules_cmd.checks)
cli.add_command(cache_cmd.cache)
cli.add_command(review_cmd.review)
cli.add_command(review_cmd.baseline)
cli.add_command(suggest_cmd.suggest_rules)
cli.add_command(config_cmd.config)
