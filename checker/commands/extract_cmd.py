"""`checker extract`: print every claim found in the documents."""

from __future__ import annotations

import io
import json
from typing import Any

import click

from checker.commands.options import corpus_options, read_options, warn
from checker.fileio import atomic_write_text
from checker.model import Claim

EXTRACT_FORMATS = ("table", "jsonl", "json", "csv")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "-f", "fmt", type=click.Choice(EXTRACT_FORMATS), default="table",
              show_default=True, help="How to print the claims.")
@click.option("--output", "-o", type=click.Path(), help="Write here instead of stdout.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only claims of this kind (repeatable): count, year, date, ...")
@corpus_options
def extract(paths: tuple[str, ...], fmt: str, output: str | None, kinds: tuple[str, ...],
            **kw: Any) -> None:
    """Extract the numeric and dated claims of documents.

    A .jsonl file of {"id", "text"} records is a valid PATH.

    \b
    Examples:
      checker extract corpus/
      checker extract cases.jsonl --format jsonl -o claims.jsonl
    """
    from checker.pipeline import ScanSettings, scan

    settings = ScanSettings(read=read_options(kw), builtins=False)
    result = scan(paths, settings, kw["include"], kw["exclude"], kw["jobs"], warn)
    claims = sorted(result.claims, key=lambda c: (c.doc, c.start, c.end, c.kind))
    if kinds:
        claims = [c for c in claims if c.kind in kinds]
    text = RENDERERS[fmt](claims)
    if output:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)


def _jsonl(claims: list[Claim]) -> str:
    return "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)


def _json(claims: list[Claim]) -> str:
    return json.dumps([c.to_dict() for c in claims], indent=2, ensure_ascii=False) + "\n"


def _csv(claims: list[Claim]) -> str:
    from checker.report.csv import claims_table, to_csv

    return to_csv(claims_table({"claims": [c.to_dict() for c in claims]}))


def _table(claims: list[Claim]) -> str:
    from rich.console import Console
    from rich.table import Table

    from checker.extract.intervals import written_interval

    table = Table(show_edge=False, pad_edge=False)
    for name in ("doc", "line:col", "kind", "text", "value", "qualifier", "interval", "unit"):
        table.add_column(name, overflow="fold")
    for c in claims:
        interval = written_interval(c.low, c.high)
        unit = (c.unit or "") + (" (inferred)" if c.unit_inferred else "")
        table.add_row(c.doc, f"{c.line}:{c.column}", c.kind, c.text, _num(c.value),
                      c.qualifier, interval, unit)
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None).print(table)
    return buffer.getvalue()


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


RENDERERS = {"table": _table, "jsonl": _jsonl, "json": _json, "csv": _csv}
