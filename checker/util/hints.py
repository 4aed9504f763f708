"""The one did-you-mean: the closest known word to a mistyped one, for error messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` known words close to `word` (difflib's ratio >= 0.6), best first."""
    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


def did_you_mean(word: str, choices: Iterable[str], *, or_allowed: bool = False) -> str:
    """"; did you mean 'x'?" for the closest choice; with none close, "" or, when
    `or_allowed`, "; allowed: a, b, c" so the reader still sees what would do."""
    choices = list(choices)
    close = closest(word, choices)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; allowed: {', '.join(choices)}" if or_allowed else ""
