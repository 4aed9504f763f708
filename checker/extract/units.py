"""The unit of a number: the noun phrase it counts ("political prisoners", "signatories").

Rules select claims by unit, so the unit must be the words a reader would name, not the
rest of the sentence. Reading rule (forward): take the words after the number until a
stop word (verb, preposition, determiner, relative pronoun), punctuation or line end;
allow one "and"/"or" inside the phrase ("current and former UN officials", "men and
boys"), stop at the second; then cut after the first plural noun, or after a second
one joined to it by "and" ("men and boys") or following it in title case ("Human Rights
Advocates"). A phrase without a plural noun is no unit. Lower-case, except acronyms.

Back-reference ("The 462 called on ..."): a bare number preceded by a determiner takes
the nearest plural common noun of its sentence or the three before it.
"""

from __future__ import annotations

import re

from checker.extract.numwords import SCALES, TEENS, TENS, UNITS
from checker.extract.textspans import TextSpans

# One word of a unit phrase, after its spaces; a phrase is at most _MAX_PHRASE of them.
_FIRST_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])(?![\w'’-])")
_OF = re.compile(r"[ \t\u00a0]+of(?=[ \t\u00a0])", re.IGNORECASE)
_GAP = frozenset(" \t\u00a0")
_PLURAL_WORD = re.compile(r"\b[a-z][a-z'-]*[a-z]\b")

STOP_WORDS = frozenset("""
a an the this that these those his her their its our my your some any all no each every
of in on at for from to by with as than into onto over under about after before since
during per via among between against within without across through towards toward upon
is are was were be been being am has have had having will would could should can may might
must shall do does did done said says say told tells according
who whom whose which what where when while why how
and or but nor not also only even just still yet so then there here
ago later earlier more less fewer most least
each both either neither same such own
calls includes remains means makes takes gets comes goes shows seems appears wants needs
uses gives keeps puts sets holds plays runs works lives dies kills
per cent percent
""".split())

IRREGULAR_PLURALS = frozenset("""
men women children people police staff personnel cattle livestock feet teeth geese mice
clergy crew youth data media folk
""".split())

# Plural words that are never what a number in a back-reference stands for.
_BACKREF_SKIP = frozenset("""
years months weeks days hours minutes seconds times things ways words terms others
percent cents dollars pounds euros yen pence members rights nations states affairs
news series means species reports details comments thanks sources other others
""".split()) | STOP_WORDS

_NUMBER_WORDS = frozenset((*UNITS, *TEENS, *TENS, *SCALES, "hundred", "dozen"))
_MAX_PHRASE = 7
_BACKREF_SENTENCES = 3
_BACKREF_CHARS = 1500    # at most this far back, however long the sentences
# A phrase starting with one of these is never a unit (checked before reading 7 words).
_NEVER_FIRST = STOP_WORDS | _NUMBER_WORDS | {"and", "or"}
_PHRASE_END = STOP_WORDS | _NUMBER_WORDS   # a word that ends a unit phrase


def is_plural(word: str) -> bool:
    """A rough plural-noun test: "prisoners", "signatories", "men"; not "is", "class"."""
    w = word.lower()
    if w in IRREGULAR_PLURALS:
        return True
    if w in STOP_WORDS or len(w) < 3:
        return False
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _display(word: str) -> str:
    """Keep acronyms ("UN", "MPs"), lower-case the rest."""
    if word.islower():
        return word                      # the common case: no capital at all
    upper = sum(1 for ch in word if ch.isupper())
    return word if upper >= 2 else word.lower()


def unit_after(
    text: str, pos: int, after_vague: bool = False
) -> tuple[str, str, int] | None:
    """(unit, head noun, end offset) of the noun phrase starting at `pos`, or None.

    `after_vague`: the number was a vague amount or a scale ("thousands", "millions"),
    after which "of" introduces the unit ("thousands of political prisoners").
    """
    if text[pos:pos + 1] not in _GAP:
        return None                      # both patterns start with a space
    if after_vague:
        m = _OF.match(text, pos)
        if m:
            pos = m.end()
    word_at = _FIRST_WORD.match
    m = word_at(text, pos)
    if m is None or m.group(1).lower() in _NEVER_FIRST:
        return None                      # the common case: "5 of", "20 in", "3,000."
    # The phrase's words, read one at a time (at most 7) up to the word that ends it.
    words: list[str] = []
    ends: list[int] = []                 # where each of `words` ends in `text`
    ands = 0
    for _ in range(_MAX_PHRASE):
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if low == "and" or low == "or":
            if ands or not words:
                break
            ands += 1
            word = low
        elif low in _PHRASE_END:
            break
        words.append(word)
        ends.append(m.end())
        m = word_at(text, m.end())
    # Cut after the first plural noun ("UN officials"), or after "men and boys" when
    # the one "and" joins two plural nouns.
    cut = 0
    for k, w in enumerate(words):
        if w != "and" and w != "or" and is_plural(w):
            cut = k + 1
            break
    else:
        return None
    while cut < len(words) and words[cut][0].isupper() and words[cut - 1][0].isupper() and (
        is_plural(words[cut])
    ):
        cut += 1
    if cut + 1 < len(words) and words[cut] in ("and", "or") and is_plural(words[cut + 1]):
        cut += 2
    kept = words[:cut]
    return " ".join([_display(w) for w in kept]), kept[-1].lower(), ends[cut - 1]


def infer_unit(spans: TextSpans, pos: int) -> str | None:
    """The nearest plausible plural common noun before `pos`, within the sentence of
    `pos` and the three sentences before it."""
    text = spans.text
    idx = spans.sentence_index(pos)
    first = max(0, idx - _BACKREF_SENTENCES)
    start = spans.sentences[first][0] if spans.sentences else 0
    window = text[max(start, pos - _BACKREF_CHARS):pos]   # bounded: giant sentences
    for m in reversed(list(_PLURAL_WORD.finditer(window))):
        word = m.group()
        if word in _BACKREF_SKIP or not is_plural(word):
            continue
        before = window[max(0, m.start() - 1):m.start()]
        if before and (before.isalnum() or before in "-'’"):
            continue   # part of a longer token
        return word
    return None
