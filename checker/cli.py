"""The `checker` command line: parses options and wires the library together.

Exit codes, fixed here and nowhere else: 0 nothing at or above the failing severity,
1 findings that fail the run, 2 a usage or input error (one line on stderr), 3 an
internal error (a bug of ours: one line asking for a report; --debug shows the traceback).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from checker import __version__
from checker.commands.options import EXIT_ERROR, EXIT_INTERNAL
from checker.errors import UserError

# Each command's module, imported only when that command runs (or help lists it): a
# warm `checker scan` then pays for no other command's imports.
COMMANDS = {
    "scan": "scan_cmd:scan",
    "extract": "extract_cmd:extract",
    "rules": "rules_cmd:rules",
    "checks": "rules_cmd:checks",
    "cache": "cache_cmd:cache",
    "review": "review_cmd:review",
    "baseline": "review_cmd:baseline",
    "suggest-rules": "suggest_cmd:suggest_rules",
    "config": "config_cmd:config",
    "eval": "eval_cmd:eval_command",
    "test": "test_cmd:test",
}


class CheckerGroup(click.Group):
    """Loads commands lazily (click's documented LazyGroup pattern) and turns UserError
    into one line on stderr and exit 2, wherever it is raised."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(f"checker.commands.{module}"), attr)
            assert command.name == cmd_name, (command.name, cmd_name)
            return command
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(f"checker: error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.ClickException, click.exceptions.Exit,
                click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `checker extract ... | head`: the reader has had enough
            _quiet_stdout()
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - the one place every bug ends up
            if ctx.params.get("debug") or os.environ.get("CHECKER_DEBUG"):
                import traceback  # lazy: only a bug report needs it

                traceback.print_exc()
            message = " ".join(str(exc).split())[:300]
            click.echo(f"checker: internal error: {exc.__class__.__name__}"
                       f"{': ' + message if message else ''} (this is a bug; please report "
                       "it, with the output of the same command with --debug)", err=True)
            ctx.exit(EXIT_INTERNAL)


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at nothing so closing it cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
@click.option("--debug", is_flag=True,
              help="On an internal error, print the traceback (for a bug report).")
def cli(debug: bool) -> None:
    """Find numeric and dated claims that contradict each other across documents.

    \b
    Example:
      checker scan                      # scan corpus/ with rules/
      checker scan docs/ --format json -o reports/checker.json
    """


def main() -> None:
    """Run the `checker` command line (the console script's entry point)."""
    cli(prog_name="checker")

