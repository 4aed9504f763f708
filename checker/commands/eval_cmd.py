"""`checker eval --mutate`: plant typical errors into a copy of a corpus, scan the copy, and
print what was caught (recall per kind of error) and the findings on untouched documents."""

from __future__ import annotations

import json
from typing import Any

import click

from checker.commands.options import corpus_options, read_options, warn
from checker.errors import UserError
from checker.util.fileio import atomic_write_text


@click.command("eval")
@click.argument("path", type=click.Path())
@click.option("--mutate", is_flag=True,
              help="Plant errors into a copy of PATH and measure what the scan finds.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Which errors are planted: the same seed plants the same ones.")
@click.option("--plants", "per_kind", type=click.IntRange(1), default=100, show_default=True,
              help="Errors planted of each kind, at most (fewer when the corpus has fewer "
                   "places for them).")
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(),
              help="Scan the copy with these rules too (repeatable). Default: built-in "
                   "checks only.")
@click.option("--auto-rules", is_flag=True,
              help="Scan the copy with rules suggested from it (as `scan --auto-rules`).")
@click.option("--disable", multiple=True, metavar="CHECK",
              help="Turn off a built-in check by id (repeatable).")
@click.option("--details", type=click.Path(dir_okay=False),
              help="Write every plant (found or not) and every finding on untouched "
                   "documents to this JSON file.")
@corpus_options
def eval_command(path: str, mutate: bool, seed: int, per_kind: int,
                 rule_paths: tuple[str, ...], auto_rules: bool, disable: tuple[str, ...],
                 details: str | None, **kw: Any) -> None:
    """Measure what the checker catches on your own corpus.

    With --mutate, copies PATH to a temporary folder, plants typical errors in it (a
    figure stated twice with one copy slipped, a figure two reports of one event share
    changed in one, a wrong weekday, a wrong "N years ago"), scans the copy and prints
    the share of each kind found and the findings on the documents left untouched.
    PATH itself is never changed.

    \b
    Example:
      checker eval --mutate articles/ --seed 1
      checker eval --mutate articles/ --rules rules/ --details reports/eval.json
    """
    from checker.evaluate.measure import evaluate, summary_lines

    if not mutate:
        raise UserError("checker eval needs --mutate (planted errors are what it measures)")
    read = read_options(kw)
    include, exclude = kw["include"], kw["exclude"]

    def scan_copy(copy: str) -> list:
        from checker.commands.settings import resolve_scan
        from checker.run.pipeline import scan

        scan_kw = {**kw, "auto_rules": auto_rules}
        paths, _, settings = resolve_scan((copy,), rule_paths, not rule_paths and not auto_rules,
                                          disable, False, scan_kw)
        result = scan(paths, settings, include, exclude, kw["jobs"], lambda _: None)
        try:
            return list(result.findings)
        finally:
            result.close()

    scanned_with = "built-in checks only"
    if rule_paths or auto_rules:
        scanned_with = "built-in checks and " + (
            "your rules" if rule_paths and not auto_rules else
            "suggested rules" if not rule_paths else "your and suggested rules")
    ev = evaluate(path, seed, per_kind, scan_copy, include, exclude, read, warn)
    if details:
        atomic_write_text(details, json.dumps(_details(ev), indent=2, ensure_ascii=False) + "\n")
    for line in summary_lines(ev, scanned_with):
        click.echo(line)


def _details(ev) -> dict[str, Any]:
    plants = []
    for i, p in enumerate(ev.plants):
        f = ev.found.get(i)
        plants.append({
            "kind": p.kind, "doc": p.doc, "how": p.how, "before": p.before, "after": p.after,
            "partner": p.partner, "similarity": p.similarity, "spans": p.spans,
            "found": f is not None, "finding": None if f is None else {
                "check": f.check, "severity": f.severity, "message": f.message},
        })
    return {
        "documents": ev.documents, "seed": ev.seed, "untouched": ev.untouched,
        "plants": plants,
        "false_alarms": [f.to_dict() for f in ev.false_alarms],
    }
