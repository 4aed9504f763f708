"""How common an English word is, from wordfreq's word list (no hand-made list of common
words).

`zipf("died")` is 5.2, `zipf("massacre")` 3.9, `zipf("the")` 7.7: the base-10 logarithm of
a word's frequency per billion words, as wordfreq (https://pypi.org/project/wordfreq/)
gives it. A word that is not in the list (names, rare words) gets 0.

Only wordfreq's small English list is needed (every word of zipf 3 or more). It is read
straight from the package's data file, in wordfreq's documented cBpack format (a header,
then the words bucketed by frequency in centibels): 20 ms, where importing wordfreq
itself costs 0.2 s (it loads language tables this module never uses), and a scan reads
the list in every worker. Should a later wordfreq change the file, the public
`wordfreq.get_frequency_dict` is used instead.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import lru_cache
from pathlib import Path

from checker.errors import UserError

_HEADER = {"format": "cB", "version": 1}


def zipf(word: str) -> float:
    """The Zipf frequency (wordfreq's) of a lower-case word; 0 for words not in the list."""
    return table().get(word, 0.0)


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """Word -> Zipf frequency, for callers that look up many words (bind it once)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise UserError("the wordfreq package is missing: pip install wordfreq")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "small_en.msgpack.gz"
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
    except (OSError, ValueError, ImportError):
        data = None
    if not isinstance(data, list) or not data or data[0] != _HEADER:
        return _from_api()
    table: dict[str, float] = {}
    for bucket, words in enumerate(data[1:]):
        value = round(9 - bucket / 100, 2)   # bucket i holds words of frequency 10^(-i/100)
        for w in words:
            table[w] = value
    return table


def _from_api() -> dict[str, float]:
    import wordfreq

    return {w: round(math.log10(f) + 9, 2)
            for w, f in wordfreq.get_frequency_dict("en", wordlist="small").items() if f > 0}
