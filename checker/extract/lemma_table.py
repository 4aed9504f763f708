"""lemminflect's dictionary lookup (`getAllLemmas`), read fast.

`import lemminflect` loads numpy (for its out-of-vocabulary model) and its first lookup
parses the whole lemma table into Python dicts: about 0.4 s in every process that asks,
and a scan asks in every worker. The table is a sorted CSV file (`word,category,lemmas`)
shipped in the package; this module reads it once as text, finds a word by binary search
over its sorted rows and applies lemminflect's overrides file, which gives the same
readings as `lemminflect.getAllLemmas(word)` for a lower-case word (a test holds it to
that) at a fraction of the cost, without importing lemminflect at all. If the files are
not where this lemminflect keeps them, `getAllLemmas` itself answers.
"""

from __future__ import annotations

import bisect
import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

Readings = dict[str, tuple[str, ...]]


def all_lemmas(word: str) -> Readings:
    """The lemmas of a lower-case word by part of speech (lemminflect's `getAllLemmas`)."""
    table = _table()
    if table is None:
        from lemminflect import getAllLemmas

        return getAllLemmas(word)
    rows, overrides = table
    out: Readings = {}
    i = bisect.bisect_left(rows, word, key=_word_of)
    while i < len(rows) and _word_of(rows[i]) == word:
        _, category, forms = rows[i].split(",", 2)
        upos = category.upper()
        out["AUX" if upos == "MODAL" else upos] = tuple(forms.split("/"))
        i += 1
    out.update(overrides.get(word, {}))
    return out


def _word_of(row: str) -> str:
    return row[:row.index(",")]


@lru_cache(maxsize=1)
def _table() -> tuple[list[str], dict[str, Readings]] | None:
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    resources = Path(next(iter(spec.submodule_search_locations))) / "resources"
    try:
        lines = gzip.decompress((resources / "lemma_lu.csv.gz").read_bytes()).decode()
        override_text = (resources / "lemma_overrides.csv").read_text("utf-8")
    except (OSError, ValueError):
        return None
    rows = lines.split("\n")
    if rows and not rows[-1]:
        rows.pop()
    # Binary search needs the file's order; a sample of it is checked, not every row.
    sample = [_word_of(r) for r in rows[::997] if "," in r]
    if len(sample) < 2 or sample != sorted(sample):
        return None
    overrides: dict[str, Readings] = {}
    for line in override_text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line.count(",") == 2:
            word, upos, lemma = line.split(",")
            overrides.setdefault(word, {})[upos] = (lemma,)
    return rows, overrides
