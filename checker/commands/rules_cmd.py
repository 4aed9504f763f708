"""`checker rules check` and `checker checks`: inspect rule files and built-in checks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from checker.commands.options import DEFAULT_RULES
from checker.errors import UserError
from checker.util.hints import did_you_mean


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


@rules.command("explain")
@click.argument("rule_id")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--rules", "rule_paths", multiple=True, metavar="PATH",
              help=f"Rule file or folder (repeatable; default: {DEFAULT_RULES}/).")
@click.option("--date", "doc_date", metavar="YYYY-MM-DD",
              help="Date of every document (overrides dates found in them).")
def rules_explain(rule_id: str, paths: tuple[str, ...], rule_paths: tuple[str, ...],
                  doc_date: str | None) -> None:
    """Show what one rule takes from the documents, and why it leaves the rest.

    Lists every claim RULE_ID selects (interval, noun, verb, clause) and each claim of
    its kind that it leaves although its sentence holds one of the rule's words, with
    the condition that excluded it; then the rule's findings. PATH defaults to corpus/.

    \b
    Example:
      checker rules explain massacre-1988-victims corpus/
    """
    from checker.commands.options import DEFAULT_CORPUS, read_options
    from checker.compare.groups import compare_group
    from checker.read.sources import print_to_stderr, read_corpus
    from checker.rules.explain import explain, render
    from checker.rules.load import load_rules

    loaded = load_rules(list(rule_paths) or _default_rules())
    by_id = {r.id: r for r in loaded}
    if rule_id not in by_id:
        hint = did_you_mean(rule_id, by_id)
        raise UserError(f"no rule '{rule_id}' in {', '.join(rule_paths) or DEFAULT_RULES}"
                        + hint)
    rule = by_id[rule_id]
    options = read_options({"id_field": "id", "text_field": "text", "date_field": "date",
                            "doc_date": doc_date})
    documents = read_corpus(list(paths) or [DEFAULT_CORPUS], options=options,
                            warn=print_to_stderr)
    explained = explain(rule, documents)
    selected = [replace(j.claim, rule=rule.id) for j in explained.selected]
    click.echo(render(explained, compare_group(rule, selected)), nl=False)


def _default_rules() -> list[str]:
    if not Path(DEFAULT_RULES).exists():
        raise UserError(f"no --rules given and no {DEFAULT_RULES}/ folder here")
    return [DEFAULT_RULES]


@click.command()
@click.option("--markdown", is_flag=True,
              help="Print the README's table of the checks (id, what it finds) in Markdown.")
def checks(markdown: bool) -> None:
    """List the built-in checks (each can be turned off with `scan --disable ID`).

    \b
    Example:
      checker checks
      checker checks --markdown
    """
    from checker.checks import BUILTIN_CHECKS, CORPUS_CHECKS

    every = [*BUILTIN_CHECKS.items(), *CORPUS_CHECKS.items()]
    if markdown:
        from checker.commands.checks_table import checks_markdown

        click.echo(checks_markdown((check_id, spec.description) for check_id, spec in every),
                   nl=False)
        return
    width = max(len(check_id) for check_id, _ in every)
    for check_id, spec in every:
        click.echo(f"{check_id:<{width}}  {spec.summary}")
