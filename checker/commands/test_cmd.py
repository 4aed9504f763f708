"""`checker test`: run the rule tests that sit beside rule files."""

from __future__ import annotations

from pathlib import Path

import click

from checker.commands.options import DEFAULT_RULES, EXIT_FINDINGS
from checker.errors import UserError


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
def test(paths: tuple[str, ...]) -> None:
    """Run rule tests: for each rule file x.yaml, the marked sentences in x.test.txt.

    A line `# ruleid: RULE [FIGURE ...]` says the rule must take those figures of the
    next line; `# ok: RULE [FIGURE ...]` says it must leave them. Exit 1 when a rule
    misses a marked figure or takes one no ruleid marks. PATH: rule files or folders
    (default: rules/). See docs/rules.md, "Testing a rule".

    \b
    Example:
      checker test rules/
    """
    from checker.rules.load import load_rules
    from checker.rules.ruletest import run_test, test_file_for

    if not paths:
        if not Path(DEFAULT_RULES).exists():
            raise UserError(f"no PATH given and no {DEFAULT_RULES}/ folder here")
        paths = (DEFAULT_RULES,)
    rule_files = _rule_files(paths)
    load_rules([str(p) for p in rule_files])          # every file valid, ids unique
    tested = failures = markers = 0
    for rule_file in rule_files:
        test_file = test_file_for(rule_file)
        if test_file is None:
            click.echo(f"{rule_file}: no test file ({rule_file.stem}.test.txt); skipped")
            continue
        result = run_test(rule_file, test_file, load_rules([str(rule_file)]))
        tested += 1
        markers += result.markers
        failures += len(result.failures)
        status = "ok" if not result.failures else f"{len(result.failures)} failed"
        click.echo(f"{test_file}: {result.markers} markers, {status}")
        for message in result.failures:
            click.echo(f"  {message}")
    if not tested:
        raise UserError(f"no rule tests found in {', '.join(paths)} (a rule file x.yaml "
                        "is tested by x.test.txt beside it)")
    click.echo(f"{tested} rule file{'s' if tested != 1 else ''} tested, {markers} markers, "
               f"{failures} failure{'s' if failures != 1 else ''}")
    if failures:
        raise SystemExit(EXIT_FINDINGS)


def _rule_files(paths: tuple[str, ...]) -> list[Path]:
    from checker.rules.load import RULE_FILE_SUFFIXES

    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.iterdir()
                          if p.suffix.lower() in RULE_FILE_SUFFIXES and p.is_file())
        elif path.is_file():
            out.append(path)
        else:
            raise UserError("rule file or folder not found", given)
    return out
