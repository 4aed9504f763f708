"""Option bundles and small helpers shared by the commands (sqlite-utils style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from checker.config import config_options
from checker.errors import UserError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_CORPUS = "corpus"
DEFAULT_RULES = "rules"


def warn(message: str) -> None:
    """Print a warning on stderr, prefixed with `checker: warning:`."""
    click.echo(f"checker: warning: {message}", err=True)


def corpus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a corpus, and --config/--no-config:
    a checker.yaml (or pyproject.toml [tool.checker]) gives them their defaults."""
    options = [
        click.option("--include", multiple=True, metavar="GLOB",
                     help="Only read documents whose path matches (repeatable)."),
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip documents whose path matches (repeatable)."),
        click.option("--id-field", default="id", show_default=True,
                     help="Record field holding the document id (.jsonl/.json/.csv)."),
        click.option("--text-field", default="text", show_default=True,
                     help="Record field holding the document text."),
        click.option("--date-field", default="date", show_default=True,
                     help="Record field holding the document date."),
        click.option("--date", "doc_date", metavar="YYYY-MM-DD",
                     help="Date of every document (overrides dates found in them)."),
        click.option("--jobs", "-j", type=click.IntRange(0), default=0,
                     help="Worker processes (0 = all cores)."),
    ]
    for option in reversed(options):
        func = option(func)
    return config_options(func)


def read_options(kw: dict[str, Any]):
    """The record-reading options (`--id-field`, `--date`...) as `ReadOptions`."""
    from checker.read.sources import ReadOptions

    return ReadOptions(
        id_field=kw["id_field"], text_field=kw["text_field"], date_field=kw["date_field"],
        date=_iso_date(kw["doc_date"]),
    )


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UserError(f"--date must be YYYY-MM-DD, got {value!r}") from None


