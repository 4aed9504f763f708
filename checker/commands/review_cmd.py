"""`checker review` (list findings, record editors' decisions) and `checker baseline`."""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from checker.commands.options import corpus_options
from checker.commands.settings import (
    cache_options,
    decisions_option,
    review_options,
    rule_options,
    run_scan,
)
from checker.errors import UserError
from checker.model import Finding
from checker.review.decisions import DEFAULT_DECISIONS, SHORT_ID, distinct_prefix_length
from checker.review.stage import apply_review_files, scanned_ids

STATUS_CHOICES = ("new", "accepted", "dismissed", "baseline", "all")


class _ListByDefault(click.Group):
    """`checker review [PATH...]` means `checker review list [PATH...]`: a group cannot
    take PATH arguments itself without swallowing its subcommand names."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ListByDefault, invoke_without_command=True)
def review() -> None:
    """List findings with their status, and record editors' decisions.

    Decisions live in checker-decisions.yaml (commit it beside the corpus): every scan
    marks a decided finding accepted or dismissed, and warns about a decision whose
    finding no longer exists (stale). IDs can be shortened to a unique prefix.

    \b
    Examples:
      checker review                        # list the findings of corpus/
      checker review articles/ --status new
      checker review dismiss 3f2a9c0d --reason "462 counts before the last one signed"
      checker review accept 3f2a9c0d --note "fix in the next edition"
      checker review reset 3f2a9c0d
    """


@review.command("list")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--status", type=click.Choice(STATUS_CHOICES), default="all", show_default=True,
              help="Only list findings with this status.")
@click.option("--serve", is_flag=True,
              help="Open the HTML report as a local web app to accept and dismiss findings.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port of the review app (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address the review app listens on (loopback only without --allow-remote).")
@click.option("--allow-remote", is_flag=True,
              help="Let --host be a non-loopback address: anyone who reaches it can decide.")
@click.option("--by", help="Who decides in the review app. Default: git user.name, else $USER.")
@rule_options
@review_options
@cache_options
@corpus_options
def review_list(paths: tuple[str, ...], status: str, serve: bool, port: int, host: str,
                allow_remote: bool, by: str | None, rule_paths: tuple[str, ...],
                no_rules: bool, disable: tuple[str, ...], no_builtins: bool,
                decisions_path: str, baseline_path: str | None, no_baseline: bool,
                **kw: Any) -> None:
    """List each finding: short id, status, severity, rule, where, message; then the
    stale decisions. Always exits 0 (use `checker scan` to fail a build).

    With --serve, serve the HTML report on http://127.0.0.1:PORT/ instead, with Accept,
    Dismiss (with a reason) and Reset on each finding, written to the decisions file.

    \b
    Examples:
      checker review list articles/ --rules rules/ --status dismissed
      checker review --serve --port 8765 --by "A. Editor"
    """
    from checker.report import finding_sort_key
    from checker.review.decisions import stale_warning

    if serve:
        _serve(paths, rule_paths, no_rules, disable, no_builtins, decisions_path,
               baseline_path, no_baseline, host, port, allow_remote, by, kw)
        return
    result = run_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    findings = sorted(result.findings, key=finding_sort_key)
    extra = apply_review_files(findings, decisions_path, baseline_path, no_baseline,
                               on_warning=lambda _: None, scanned=scanned_ids(result))
    width = distinct_prefix_length([f.id for f in findings])
    shown = [f for f in findings if status == "all" or f.status == status]
    for f in shown:
        click.echo(f"{f.id[:width]}  {f.status:<9}  {f.severity:<7}  {f.rule}  "
                   f"{_where(f)}  {f.message}")
        decision = f.details.get("decision")
        if decision:
            why = decision.get("reason") or decision.get("note")
            click.echo(f"{'':{width}}  {decision['status']} by {decision['by']} "
                       f"at {decision['at']}" + (f": {why}" if why else ""))
    for record in extra["stale_decisions"]:
        click.echo("stale     " + stale_warning(decisions_path, _as_decision(record)))
    counts = Counter(f.status for f in findings)
    parts = [f"{counts[s]} {s}" for s in STATUS_CHOICES[:-1] if counts[s]]
    summary = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    if parts:
        summary += ": " + ", ".join(parts)
    if status != "all":
        summary += f" ({len(shown)} shown)"
    stale = len(extra["stale_decisions"])
    if stale:
        summary += f"; {stale} stale decision{'s' if stale != 1 else ''}"
    click.echo(summary)
    if "baseline" in extra and extra["baseline"]["gone"]:
        click.echo(f"{extra['baseline']['gone']} baseline entries no longer match a finding "
                   f"(fixed); `checker baseline --prune` removes them")


def _serve(paths: tuple[str, ...], rule_paths: tuple[str, ...], no_rules: bool,
           disable: tuple[str, ...], no_builtins: bool, decisions_path: str,
           baseline_path: str | None, no_baseline: bool, host: str, port: int,
           allow_remote: bool, by: str | None, kw: dict[str, Any]) -> None:
    """Scan once, then serve the review app until Ctrl-C."""
    from checker.commands.options import read_options
    from checker.review.app import ReviewApp, check_bind_host, serve
    from checker.review.decisions import default_author, load_decisions

    check_bind_host(host, allow_remote)  # refuse before a long scan
    load_decisions(decisions_path)
    result = run_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    app = ReviewApp(
        documents=result.documents, claims=result.claims, findings=result.findings,
        decisions_path=decisions_path, by=by or default_author(),
        rules=[{"id": r.id, "title": r.title, "severity": r.severity, "source": r.source}
               for r in result.rules],
        baseline_path=baseline_path, no_baseline=no_baseline,
    )
    from checker.report.html import load_texts

    app.texts = load_texts(app.report(), read_options(kw))
    serve(app, host, port, allow_remote, click.echo)


def _decide(status: str, finding_prefix: str, text: str | None, by: str | None,
            decisions_path: str, paths: tuple[str, ...], rule_paths: tuple[str, ...],
            no_rules: bool, disable: tuple[str, ...], no_builtins: bool,
            kw: dict[str, Any]) -> None:
    from checker.review.decisions import load_decisions, record_decision, resolve_id

    load_decisions(decisions_path)  # refuse early, before a long scan, if it is malformed
    result = run_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    by_id = {f.id: f for f in result.findings}
    try:
        finding_id = resolve_id(finding_prefix, by_id)
    except UserError as exc:
        if any(i.startswith(finding_prefix.lower()) for i in load_decisions(decisions_path)):
            raise UserError(f"{exc.message} (a decision for it exists, but the scan no longer "
                            "finds it; `checker review reset` removes the decision)") from None
        raise
    finding = by_id[finding_id]
    decision = record_decision(decisions_path, finding_id, status, text, by, finding)
    assert decision is not None
    why = f": {text}" if text else ""
    click.echo(f"{status.capitalize()} {finding_id[:SHORT_ID]} ({finding.rule}) "
               f"by {decision.by}{why}\n  {finding.message}\nRecorded in {decisions_path}")


def _decision_command(name: str, status: str, text_option: click.Option, doc: str):
    @review.command(name, help=doc)
    @click.argument("finding_id", metavar="ID")
    @click.argument("paths", nargs=-1, type=click.Path())
    @click.option("--by", help="Who decides. Default: git config user.name, else $USER.")
    @rule_options
    @decisions_option
    @cache_options
    @corpus_options
    def command(finding_id: str, paths: tuple[str, ...], text: str | None, by: str | None,
                rule_paths: tuple[str, ...], no_rules: bool, disable: tuple[str, ...],
                no_builtins: bool, decisions_path: str, **kw: Any) -> None:
        _decide(status, finding_id, text, by, decisions_path, paths, rule_paths, no_rules,
                disable, no_builtins, kw)

    command.params.insert(2, text_option)
    return command


review_accept = _decision_command(
    "accept", "accepted",
    click.Option(["--note", "text"], help="Optional remark (what to fix, who is on it)."),
    """Accept a finding: a real contradiction that needs fixing.

    Scans PATH (default corpus/) with the same options as `checker scan` to find the
    finding, then records the decision. An accepted finding no longer fails a scan.

    \b
    Example:
      checker review accept 3f2a9c0d articles/ --note "fix in the next edition"
    """,
)
review_dismiss = _decision_command(
    "dismiss", "dismissed",
    click.Option(["--reason", "text"], required=True,
                 help="Why this is not a contradiction (required)."),
    """Dismiss a finding: not a contradiction. A reason is required.

    Scans PATH (default corpus/) with the same options as `checker scan` to find the
    finding, then records the decision. A dismissed finding no longer fails a scan.

    \b
    Example:
      checker review dismiss 3f2a9c0d articles/ --reason "462 counts before the last one signed"
    """,
)


@review.command("reset")
@click.argument("finding_id", metavar="ID")
@click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
              default=DEFAULT_DECISIONS, show_default=True,
              help="Editors' decisions file.")
def review_reset(finding_id: str, decisions_path: str) -> None:
    """Remove the decision for a finding (the finding counts as new again).

    Needs no scan, so it also removes a stale decision whose finding is gone.

    \b
    Example:
      checker review reset 3f2a9c0d
    """
    from checker.review.decisions import load_decisions, record_decision, resolve_id

    decision_id = resolve_id(finding_id, load_decisions(decisions_path), "decision")
    removed = record_decision(decisions_path, decision_id, "reset")
    if removed is None:  # removed by someone else in the meantime
        click.echo(f"No decision for {decision_id[:SHORT_ID]} any more in {decisions_path}")
        return
    about = f" ({removed.rule})" if removed.rule else ""
    click.echo(f"Removed the {removed.status} decision for {decision_id[:SHORT_ID]}{about} "
               f"from {decisions_path}")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              default="checker-baseline.yaml", show_default=True, help="Baseline file.")
@click.option("--update", "mode", flag_value="update",
              help="Rewrite an existing baseline with today's findings.")
@click.option("--prune", "mode", flag_value="prune",
              help="Only remove entries whose finding is gone; never add new ones.")
@rule_options
@cache_options
@corpus_options
def baseline(paths: tuple[str, ...], output: str, mode: str | None,
             rule_paths: tuple[str, ...], no_rules: bool, disable: tuple[str, ...],
             no_builtins: bool, **kw: Any) -> None:
    """Record today's findings so that scans fail only on new ones.

    Lets a team adopt checker on an old corpus without a wall of red: `checker scan`
    reads checker-baseline.yaml when it exists and marks the findings listed in it as
    'baseline', which do not fail the run.

    An existing baseline is never replaced silently: without --update or --prune the
    command says what would change and exits 2 (0 if nothing would). --update rewrites
    it (new findings are absorbed: check the list it prints); --prune only drops the
    entries that were fixed.

    \b
    Examples:
      checker baseline articles/ --rules rules/
      checker baseline --prune
      checker baseline articles/ --update -o checker-baseline.yaml
    """
    from checker.review.baseline import write_baseline

    result = run_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    change = write_baseline(output, result.findings, mode or "create")
    if not change.written and not (change.added or change.removed):
        click.echo(f"{output} is up to date: {change.entries} finding"
                   f"{'s' if change.entries != 1 else ''}, nothing to add or remove")
        return
    if not change.written:
        raise UserError(
            f"baseline exists; today's scan would add {len(change.added)} and remove "
            f"{len(change.removed)} entries: rerun with --update to rewrite it, or --prune "
            "to only remove the fixed ones", output)
    click.echo(f"Wrote {output}: {change.entries} finding{'s' if change.entries != 1 else ''}"
               f" (added {len(change.added)}, removed {len(change.removed)})")
    by_id = {f.id: f for f in result.findings}
    for finding_id in change.added:
        f = by_id[finding_id]
        click.echo(f"  + {finding_id[:SHORT_ID]}  {f.rule}  {_where(f)}  {f.message}")
    for finding_id in change.removed:
        click.echo(f"  - {finding_id[:SHORT_ID]}  (fixed)")


def _where(f: Finding) -> str:
    first = min(f.flagged() or [fc.claim for fc in f.claims],
                key=lambda c: (c.doc, c.start), default=None)
    return f"{first.doc}:{first.line}:{first.column} {first.text!r}" if first else "-"


def _as_decision(record: dict[str, Any]):
    from checker.review.decisions import Decision

    return Decision(id=record["id"], status=record["status"], rule=record.get("rule"))

