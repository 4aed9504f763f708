"""`checker cache clear`: forget every cached result."""

from __future__ import annotations

import click

from checker.run.cache import DEFAULT_CACHE_DIR, clear


@click.group()
def cache() -> None:
    """Manage the incremental cache (SQLite, in .checker-cache/)."""


@cache.command("clear")
@click.option("--cache-dir", default=DEFAULT_CACHE_DIR, show_default=True, type=click.Path())
def cache_clear(cache_dir: str) -> None:
    """Delete the cache; the next scan reads every file again.

    \b
    Example:
      checker cache clear
    """
    existed = clear(cache_dir)
    click.echo(f"cleared {cache_dir}" if existed else f"no cache in {cache_dir}")
