"""From command-line options to a scan and its review stage, shared by `scan`, `review`
and `baseline` so they read the same corpus with the same rules the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from checker.commands.options import DEFAULT_CORPUS, DEFAULT_RULES, read_options, warn
from checker.errors import UserError
from checker.review.stage import apply_inline_suppressions


def rule_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--rules, --no-rules, --disable, --no-builtins, --report-unused-suppressions,
    --auto-rules."""
    options = [
        click.option("--rules", "rule_paths", multiple=True, type=click.Path(),
                     help="Rule file or folder (repeatable). Default: rules/ if it exists."),
        click.option("--no-rules", is_flag=True, help="Built-in checks only."),
        click.option("--disable", multiple=True, metavar="CHECK",
                     help="Turn off a built-in check by id (repeatable; see `checker checks`)."),
        click.option("--no-builtins", is_flag=True, help="Turn off every built-in check."),
        click.option("--report-unused-suppressions", is_flag=True,
                     help="Warn about `checker: ignore` directives that suppress nothing."),
        click.option("--auto-rules", is_flag=True,
                     help="Add rules suggested from the corpus itself (see `checker "
                          "suggest-rules`) in place of rules/; --rules files still apply."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def cache_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--cache/--no-cache, --cache-dir: the same cache `checker scan` uses."""
    from checker.run.cache import DEFAULT_CACHE_DIR

    options = [
        click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
                     help="Reuse results for files that did not change since the last run."),
        click.option("--cache-dir", default=DEFAULT_CACHE_DIR, show_default=True,
                     type=click.Path(), help="Where the cache lives."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def review_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--decisions, --baseline, --no-baseline: the files of the review stage."""
    from checker.review import DEFAULT_BASELINE

    options = [
        click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
                     help=f"Baseline file. Default: {DEFAULT_BASELINE} if it exists."),
        click.option("--no-baseline", is_flag=True,
                     help="Ignore the baseline: every undecided finding counts as new."),
    ]
    for option in reversed(options):
        func = option(func)
    return decisions_option(func)


def decisions_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--decisions alone: for `review accept/dismiss`, which record a decision whatever the
    baseline says (a baselined finding keeps its id, so the baseline changes nothing there)."""
    from checker.review import DEFAULT_DECISIONS

    return click.option("--decisions", "decisions_path", type=click.Path(dir_okay=False),
                        default=DEFAULT_DECISIONS, show_default=True,
                        help="Editors' decisions file (written by `checker review`).")(func)


def resolve_scan(paths: tuple[str, ...], rule_paths: tuple[str, ...], no_rules: bool,
                 disable: tuple[str, ...], no_builtins: bool, kw: dict[str, Any]):
    """(paths, rules, ScanSettings) from the options: no PATH means corpus/, no --rules
    means rules/ if it exists."""
    from checker.checks import validate_check_ids
    from checker.run.pipeline import ScanSettings

    if not paths:
        if not Path(DEFAULT_CORPUS).is_dir():
            raise UserError(f"no PATH given and no {DEFAULT_CORPUS}/ folder here")
        paths = (DEFAULT_CORPUS,)
    validate_check_ids(disable)
    auto_rules = bool(kw.get("auto_rules"))
    if no_rules and auto_rules:
        raise UserError("--no-rules and --auto-rules contradict each other; give one")
    if no_rules:
        rules = []
    elif rule_paths:
        rules = _load_rules(rule_paths)
    elif Path(DEFAULT_RULES).is_dir() and not auto_rules:
        rules = _load_rules((DEFAULT_RULES,))
    else:
        rules = []
    if auto_rules:
        rules += _suggested_rules(paths, kw, {r.id for r in rules})
    settings = ScanSettings(
        read=read_options(kw), rules=tuple(rules), disabled_checks=frozenset(disable),
        builtins=not no_builtins,
    )
    return paths, rules, settings


def _load_rules(paths: tuple[str, ...]) -> list:
    from checker.rules.load import load_rules  # with yaml: only when there are rules

    return load_rules(list(paths))


def _suggested_rules(paths: tuple[str, ...], kw: dict[str, Any], taken: set[str]) -> list:
    """--auto-rules: a first pass over the corpus (no rules; only the event terms of each
    document collected) gives the claims and the event clusters; the confident
    suggestions become rules of the real scan. Two passes keep the pipeline as it is:
    rule selection needs each document's text, which a scan result no longer holds."""
    from checker.suggest import confident_rules, suggest_for

    suggestions, _ = suggest_for(paths, read_options(kw), kw.get("include", ()),
                                 kw.get("exclude", ()), kw.get("jobs", 0), warn)
    rules = [r for r in confident_rules(suggestions) if r.id not in taken]
    if not rules:
        warn("--auto-rules: no group of related figures found; no rules suggested")
    return rules


def run_scan(paths: tuple[str, ...], rule_paths: tuple[str, ...], no_rules: bool,
             disable: tuple[str, ...], no_builtins: bool, kw: dict[str, Any]):
    """Resolve the options and run the scan pipeline (with the cache unless `kw` has
    use_cache=False, as `cache_options` gives); returns its ScanResult."""
    from checker.run.cache import DEFAULT_CACHE_DIR, Cache
    from checker.run.engine import usable_jobs
    from checker.run.pipeline import scan

    paths, _, settings = resolve_scan(paths, rule_paths, no_rules, disable, no_builtins, kw)
    jobs = kw["jobs"] if kw.get("scheduler") else usable_jobs(kw["jobs"], warn)
    use_cache = kw.get("use_cache", False)
    cache = Cache(kw.get("cache_dir") or DEFAULT_CACHE_DIR, warn) if use_cache else None
    try:
        result = scan(paths, settings, kw["include"], kw["exclude"], jobs, warn, cache,
                      scheduler=kw.get("scheduler"))
        if cache is not None:
            cache.prune()
    finally:
        if cache is not None:
            cache.close()
    apply_inline_suppressions(result, kw.get("report_unused_suppressions", False))
    return result
