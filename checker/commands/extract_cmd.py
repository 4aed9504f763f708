"""`checker extract`: print every claim found in the documents."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from checker.commands.options import DEFAULT_CORPUS, corpus_options, read_options, warn
from checker.errors import UserError
from checker.util.fileio import atomic_write_pieces, joined
from checker.util.numbers import grouped

EXTRACT_FORMATS = ("table", "jsonl", "json", "csv")
# Kinds whose values are years: printed as 1988, not 1,988.
YEAR_KINDS = frozenset({"year", "decade", "relative_year", "month", "date"})


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "-f", "fmt", type=click.Choice(EXTRACT_FORMATS), default="table",
              show_default=True, help="How to print the claims.")
@click.option("--output", "-o", type=click.Path(), help="Write here instead of stdout.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only claims of this kind (repeatable): count, year, date, ...")
@corpus_options
def extract(paths: tuple[str, ...], fmt: str, output: str | None, kinds: tuple[str, ...],
            **kw: Any) -> None:
    """Extract the numeric and dated claims of documents.

    With no PATH, reads corpus/ (as `checker scan` does). A .jsonl file of
    {"id", "text"} records is a valid PATH.

    \b
    Examples:
      checker extract corpus/
      checker extract cases.jsonl --format jsonl -o claims.jsonl
    """
    from checker.run.engine import usable_jobs
    from checker.run.extraction import ExtractSettings, claims_in_report_order

    if not paths:
        if not Path(DEFAULT_CORPUS).is_dir():
            raise UserError(f"no PATH given and no {DEFAULT_CORPUS}/ folder here")
        paths = (DEFAULT_CORPUS,)
    encoding = fmt if fmt in ("jsonl", "json") else "dict"
    settings = ExtractSettings(read_options(kw), frozenset(kinds), encoding)
    pieces = claims_in_report_order(paths, settings, kw["include"], kw["exclude"],
                                    usable_jobs(kw["jobs"], warn), warn)
    text = RENDERERS[fmt](pieces)
    if output:
        atomic_write_pieces(output, text)
    else:
        for chunk in joined(text):
            click.echo(chunk, nl=False)


def _jsonl(lines: Iterable[str]) -> Iterator[str]:
    return iter(lines)


def _json(items: Iterable[str]) -> Iterator[str]:
    """The claims as one JSON array, indent 2 (what json.dumps(claims, indent=2) prints)."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def _csv(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    from checker.report.csv import claims_table, to_csv

    yield to_csv(claims_table({"claims": list(records)}))


def _table(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    from rich.console import Console
    from rich.table import Table

    from checker.extract.intervals import written_interval

    table = Table(show_edge=False, pad_edge=False)
    for name in ("doc", "line:col", "kind", "text", "value", "qualifier", "interval", "unit"):
        table.add_column(name, overflow="fold")
    for c in records:
        years = c["kind"] in YEAR_KINDS
        interval = _year_interval(c["low"], c["high"]) if years \
            else written_interval(c["low"], c["high"])
        unit = (c["unit"] or "") + (" (inferred)" if c["unit_inferred"] else "")
        table.add_row(c["doc"], f"{c['line']}:{c['column']}", c["kind"], c["text"],
                      _num(c["value"], years), c["qualifier"], interval, unit)
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None).print(table)
    yield buffer.getvalue()


def _year_interval(low: float | None, high: float | None) -> str:
    """As `written_interval`, for years: 1987-1988, no thousands separator."""
    if low is None or high is None:
        return ""
    return _num(low, True) if low == high else f"{_num(low, True)}-{_num(high, True)}"


def _num(value: object, year: bool = False) -> str:
    """A figure for the table: thousands separated (463,000), except years (1988)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if year else grouped(value)
    return "" if value is None else str(value)


RENDERERS: dict[str, Callable[[Iterable[Any]], Iterator[str]]] = {
    "table": _table, "jsonl": _jsonl, "json": _json, "csv": _csv}
