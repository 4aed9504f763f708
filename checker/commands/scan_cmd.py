"""`checker scan`: find the contradictions in a corpus and report them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.cache import DEFAULT_CACHE_DIR, Cache
from checker.commands.options import (
    DEFAULT_CORPUS,
    DEFAULT_RULES,
    EXIT_FINDINGS,
    EXIT_OK,
    corpus_options,
    read_options,
    warn,
)
from checker.errors import UserError
from checker.fileio import atomic_write_text
from checker.report import FAIL_ON_CHOICES, build_report, failing
from checker.report.formats import FORMATS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(),
              help="Rule file or folder (repeatable). Default: rules/ if it exists.")
@click.option("--no-rules", is_flag=True, help="Built-in checks only.")
@click.option("--disable", multiple=True, metavar="CHECK",
              help="Turn off a built-in check by id (repeatable; see `checker checks`).")
@click.option("--no-builtins", is_flag=True, help="Turn off every built-in check.")
@click.option("--format", "-f", "formats", multiple=True, metavar="FORMAT[:PATH]",
              help=f"Output format: {', '.join(FORMATS)} (repeatable; FORMAT:PATH writes a "
              "file). Default: text.")
@click.option("--output", "-o", type=click.Path(), help="Write the report here.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="warning",
              show_default=True, help="Lowest severity of a new finding that fails the run.")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Reuse results for files that did not change since the last run.")
@click.option("--cache-dir", default=DEFAULT_CACHE_DIR, show_default=True, type=click.Path(),
              help="Where the cache lives.")
@corpus_options
def scan(paths: tuple[str, ...], rule_paths: tuple[str, ...], no_rules: bool,
         disable: tuple[str, ...], no_builtins: bool, formats: tuple[str, ...],
         output: str | None, fail_on: str, use_cache: bool, cache_dir: str,
         **kw: Any) -> None:
    """Scan documents for claims that contradict each other.

    With no PATH, scans corpus/ with the rules in rules/.

    \b
    Examples:
      checker scan
      checker scan articles/ --rules rules/ --format json -o reports/checker.json
      checker scan articles/ --no-rules --fail-on error
    """
    from checker.checks import BUILTIN_CHECKS
    from checker.pipeline import ScanSettings
    from checker.pipeline import scan as run_scan
    from checker.rules.load import load_rules

    targets = _parse_formats(formats, output)
    if not paths:
        if not Path(DEFAULT_CORPUS).is_dir():
            raise UserError(f"no PATH given and no {DEFAULT_CORPUS}/ folder here")
        paths = (DEFAULT_CORPUS,)
    unknown = sorted(set(disable) - set(BUILTIN_CHECKS))
    if unknown:
        raise UserError(
            f"unknown check {unknown[0]!r} for --disable; known: {', '.join(BUILTIN_CHECKS)}"
        )
    if no_rules:
        rules = []
    elif rule_paths:
        rules = load_rules(rule_paths)
    elif Path(DEFAULT_RULES).is_dir():
        rules = load_rules([DEFAULT_RULES])
    else:
        rules = []
    settings = ScanSettings(
        read=read_options(kw), rules=tuple(rules), disabled_checks=frozenset(disable),
        builtins=not no_builtins,
    )
    cache = Cache(cache_dir, warn) if use_cache else None
    try:
        result = run_scan(paths, settings, kw["include"], kw["exclude"], kw["jobs"], warn,
                          cache)
    finally:
        if cache is not None:
            cache.close()
    report = build_report(result.documents, result.claims, result.findings, fail_on)
    report["rules"] = [
        {"id": r.id, "title": r.title, "severity": r.severity, "source": r.source}
        for r in rules
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
    elif len(unnamed) > 1:
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
    text = FORMATS[name](report)
    if path:
        atomic_write_text(path, text)
    else:
        click.echo(text, nl=False)
