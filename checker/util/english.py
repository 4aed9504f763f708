"""English plural rules with no dictionary: a light helper that checks, rule matching and
name comparison import without loading extraction (a warm re-scan's corpus checks use it)."""

from __future__ import annotations

_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person",
                      "persons": "person", "feet": "foot", "teeth": "tooth", "mice": "mouse"}


def singular(word: str) -> str:
    """Simple English singular: 'signatories' -> 'signatory', 'boys' -> 'boy'."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
