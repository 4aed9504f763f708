"""`checker suggest-rules`: read a corpus and write a rule file a user can run at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from checker.commands.options import corpus_options, read_options, warn
from checker.errors import UserError
from checker.util.fileio import atomic_write_text

DEFAULT_SUGGESTED = "rules/suggested.yaml"


@click.command("suggest-rules")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", default=DEFAULT_SUGGESTED, show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the rule file ('-': stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--min-claims", type=click.IntRange(2), default=3, show_default=True,
              help="Claims a group needs to be suggested as a live rule.")
@click.option("--min-documents", type=click.IntRange(1), default=2, show_default=True,
              help="Documents a group needs to be suggested as a live rule.")
@corpus_options
def suggest_rules(paths: tuple[str, ...], output: str, force: bool, min_claims: int,
                  min_documents: int, **kw: Any) -> None:
    """Suggest rules from the figures of a corpus: counts of the same thing in documents
    that report one event (they share rare names, places and dates). Confident groups are
    written as rules, uncertain ones commented out.

    \b
    Example:
      checker suggest-rules articles/ -o rules/suggested.yaml
      checker scan articles/ --rules rules/suggested.yaml
    """
    from checker.suggest import suggest_for, suggestions_yaml

    if output != "-" and Path(output).exists() and not force:
        raise UserError(f"{output} exists; give --force to overwrite it or -o another file")
    suggestions, documents = suggest_for(paths, read_options(kw), kw["include"], kw["exclude"],
                                         kw["jobs"], warn, min_claims, min_documents)
    text = suggestions_yaml(suggestions, documents)
    if output == "-":
        click.echo(text, nl=False)
        return
    atomic_write_text(output, text)
    live = sum(1 for s in suggestions if s.confident)
    click.echo(f"Wrote {output}: {live} rule{'s' if live != 1 else ''}, "
               f"{len(suggestions) - live} uncertain (commented out).", err=True)
