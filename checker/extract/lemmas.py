"""Word readings for claim frames: the lemma of a noun or a verb, and whether a word can
be a verb at all, from lemminflect's English dictionary (no hand lists of inflections).

lemminflect is imported on first use (about 0.1 s to load its tables), so a scan that
never asks for a frame (a warm re-scan, a scan without rules) does not pay for it.
Every lookup is memoised: news repeats its words.
"""

from __future__ import annotations

from functools import lru_cache

from checker.util.english import singular

# One rule for the one plural lemminflect keeps as its own lemma: "people" and "persons"
# both count persons, so both give "person".
_NOUN_OVERRIDES = {"people": "person", "peoples": "people"}


# Irregular past forms that are also common nouns; after a figure they are the verb
# ("the toll rose", "sales fell"). Other noun-verb words wait for an auxiliary.
_PAST_ALSO_NOUN = frozenset("rose fell left found saw lay felt bore wound ground".split())
# Verbs whose past is their base form and also a noun: before a figure they are the verb
# ("the plant cut 140 jobs", "the storm hit 30 towns", "it cost $5m").
_PAST_AS_BASE = frozenset("cut hit set put cost shut split spread bid cast".split())

def _readings(word: str) -> dict[str, tuple[str, ...]]:
    from checker.extract.lemma_table import all_lemmas  # lemminflect's table, read fast

    return all_lemmas(word)


@lru_cache(maxsize=32768)
def noun_lemma(word: str) -> str:
    """'signatories' -> 'signatory', 'men' -> 'man', 'people' -> 'person'; lower-case."""
    w = word.lower()
    if w in _NOUN_OVERRIDES:
        return _NOUN_OVERRIDES[w]
    found = _readings(w).get("NOUN")
    if found:
        return found[0]
    # Not in the dictionary (names, abbreviations): the project's plural rules, rather
    # than lemminflect's model, which loads numpy into every worker for a guess.
    return singular(w)


@lru_cache(maxsize=32768)
def verb_reading(word: str) -> tuple[str | None, bool]:
    """(lemma as a verb or None, is it plainly a verb form here).

    "Plainly" means the word cannot just as well be a noun or a particle: a form with no
    noun or adverb reading ("drowned", "survived"), an -ed or -ing form, or a common
    irregular past that is also a noun ("rose", "fell", "cut", "hit"). "people", "cuts" or
    "signs" have a verb reading but are not plainly verbs; a caller takes them only after
    an auxiliary; "over" or "up" are particles.
    """
    w = word.lower()
    readings = _readings(w)
    verb = readings.get("VERB") or readings.get("AUX")
    if not verb:
        return None, False
    lemma = verb[0]
    noun = readings.get("NOUN")
    # "over", "up": a particle first, a verb's base form only in headline speak.
    particle = lemma == w and "ADV" in readings
    plain = (noun is None and not particle) or w.endswith(("ed", "ing")) \
        or w in _PAST_ALSO_NOUN or w in _PAST_AS_BASE
    return lemma, plain

