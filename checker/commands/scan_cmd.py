"""`checker scan`: find the contradictions in a corpus and report them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.commands.options import EXIT_FINDINGS, EXIT_OK, corpus_options
from checker.commands.settings import (
    cache_options,
    review_options,
    rule_options,
    run_scan,
)
from checker.errors import UserError
from checker.report import FAIL_ON_CHOICES, build_report, failing
from checker.report.formats import FORMATS
from checker.review.stage import apply_review_files, scanned_ids
from checker.util.fileio import atomic_write_text

# Formats that are files to open rather than text to read go to a file by default.
DEFAULT_PATHS = {"html": "reports/report.html"}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@rule_options
@click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:PATH]",
              help=f"Output format: {', '.join(FORMATS)} (repeatable; FORMAT:PATH writes a "
              "file). Default: text.")
@click.option("--output", "-o", type=click.Path(), help="Write the report here.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="warning",
              show_default=True, help="Lowest severity of a new finding that fails the run.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run the scan on this Dask cluster (needs checker[dask]; workers must "
              "see the corpus at the same path). Default: local processes.")
@cache_options
@review_options
@corpus_options
def scan(paths: tuple[str, ...], rule_paths: tuple[str, ...], no_rules: bool,
         disable: tuple[str, ...], no_builtins: bool, formats: tuple[str, ...],
         output: str | None, fail_on: str, decisions_path: str, baseline_path: str | None,
         no_baseline: bool, **kw: Any) -> None:
    """Scan documents for claims that contradict each other.

    With no PATH, scans corpus/ with the rules in rules/.

    \b
    Examples:
      checker scan
      checker scan articles/ --rules rules/ --format json -o reports/checker.json
      checker scan articles/ --no-rules --fail-on error
      checker scan archive/ --scheduler tcp://10.0.0.5:8786
    """
    targets = _parse_formats(formats, output)
    result = run_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    extra = apply_review_files(result.findings, decisions_path, baseline_path, no_baseline,
                               scanned=scanned_ids(result))
    extra["suppressed"] = len(result.suppressed)
    report = build_report(result.documents, result.claims, result.findings, fail_on, extra)
    report["rules"] = [
        {"id": r.id, "title": r.title, "severity": r.severity, "source": r.source}
        for r in result.rules
    ]
    for name, path in targets:
        _emit(name, path, report)
    sys.exit(EXIT_FINDINGS if failing(result.findings, fail_on) else EXIT_OK)


def _parse_formats(formats: tuple[str, ...], output: str | None) -> list[tuple[str, str | None]]:
    """Each --format NAME[:PATH]; -o gives the path of a format given without one."""
    targets: list[tuple[str, str | None]] = []
    for spec in formats or ("text",):
        name, _, path = spec.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise UserError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
        targets.append((name, path or None))
    unnamed = [i for i, (_, p) in enumerate(targets) if p is None]
    if output:
        if len(unnamed) != 1:
            raise UserError("-o/--output needs exactly one --format without a :PATH")
        targets[unnamed[0]] = (targets[unnamed[0]][0], output)
    targets = [(n, p or DEFAULT_PATHS.get(n)) for n, p in targets]
    if sum(1 for _, p in targets if p is None) > 1:
        raise UserError("only one format can go to standard output; give the others :PATH")
    return targets


def _emit(name: str, path: str | None, report: dict[str, Any]) -> None:
    if name == "csv" and path:
        from checker.report.csv import tables

        parts = tables(report)
        atomic_write_text(path, parts["findings.csv"])
        claims_path = Path(path).with_suffix(".claims.csv")
        atomic_write_text(claims_path, parts["claims.csv"])
        return
    if name == "json":  # streamed: the claim list can be millions of records
        from checker.report import json as json_format

        if path:
            json_format.write(report, path)
        else:
            for piece in json_format.chunks(report):
                click.echo(piece, nl=False)
        return
    if name == "html":
        from checker.report import html

        text = html.render(report, html.load_texts(report))
    else:
        text = FORMATS[name](report)
    if path:
        atomic_write_text(path, text)
        if name == "html":  # a page to open: say where it is
            click.echo(f"checker: wrote the HTML report to {path} (open it in a browser)",
                       err=True)
    else:
        click.echo(text, nl=False)
