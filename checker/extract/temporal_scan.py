"""The one pass over the text that finds the digit runs `temporal` classifies.

The text is scanned as a copy where every digit is "0" and every non-ASCII character is
"?" (same offsets), so the pattern starts with a literal, which `re` finds several times
faster than a character class. A run is 1, 2 or 4 digits, optionally followed by
date/time/range parts ("26/11/2016", "11:00", "2012-13"). Runs inside words, amounts
("$5"), thousands ("30,000") and percentages are skipped by the regex itself.

Most runs in news are one or two digits that are counts ("12 people", "the 3 men"). The
regex drops those too, without changing which runs it reads: the run itself is an atomic
group (its extent is exactly what it would be alone), and a one- or two-digit run is kept
only when a word that may make it temporal is written around it:
- before it, a word ending like a month name or "aged" ("July 8", "Oct. 2", "aged 30"),
  tested on the last three letters, one or two gap characters back;
- after it, a decade's "s", "am"/"p.m.", a month name ("8 July", "8th of July") or a
  short unit ("3 days").
Both tests are supersets of what `temporal` accepts: they only spare it work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.extract.dates import MONTHS

__all__ = ["digit_runs", "zeroed"]

_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")

_GAP = r"[ \t?,./-]"  # spaces (a no-break space reads "?") and the ",./-" of "Oct. 2"
_SP = r"[ \t?]"
_LEAD_ENDS = sorted({*(word[-3:].lower() for word in MONTHS), "age", "ged"})


def _trie(words: list[str]) -> str:
    """A case-insensitive alternation of lower-case `words` shaped as a trie
    ("[Aa](?:[Gg][Ee]|[Pp][Rr])|..."), so that a failing position is rejected on its first
    letter instead of once per word."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = [tail for tail in tails if tail]
        branch = f"[{head.upper()}{head}]"
        if rest:
            branch += f"(?:{_trie(rest)})?" if len(rest) < len(tails) else _trie(rest)
        branches.append(branch)
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_LEAD = _trie(_LEAD_ENDS)
# Checked at the end of a run of one or two digits ("0" or "00" below); a look-behind needs
# a fixed width: one per gap width and run length, plus any run of 3+ gap characters.
_LEAD_BEHIND = "|".join(
    rf"(?<={lead}{gap}{run})"
    for run in ("0", "00")
    for lead, gap in ((_LEAD, _GAP), (_LEAD, _GAP * 2), ("", _GAP * 3))
)
_MONTH_FORMS = "|".join(sorted(MONTHS, key=lambda w: (-len(w), w)))
_SMALL_TAIL = (
    rf"['?]?s|{_SP}*[AaPp]\.?[Mm]"
    rf"|(?:st|nd|rd|th)?(?:{_SP}+of{_SP}+|\.?{_SP}+|-|/)(?=[JjFfMmAaSsOoNnDd])(?:{_MONTH_FORMS})\b"
    rf"|(?:{_SP}+|-)(?:month|week|day|hour|minute)"
)
_DIGIT_RUN = re.compile(
    (
        r"0(?<![A-Za-z$0]0)(?<!0[,.]0)"  # a run starts here, not inside a word or number
        r"(?>(?:0(?P<four>00)?)?(?P<parts>(?:[.:/-]0{1,4}){1,2})?(?![0%]|[,.]0))"
        rf"(?(four)|(?(parts)|(?:(?={_SMALL_TAIL})|{_LEAD_BEHIND})))"  # small runs: context
    ).encode("ascii")
)


def zeroed(text: str) -> bytes:
    """`text` as one byte per character, every ASCII digit "0" and every non-ASCII
    character "?": the copy `digit_runs` scans, which the number finder's anchors read too
    (`anchors.number_anchors`), so extraction makes it once per text."""
    return text.encode("ascii", "replace").translate(_DIGITS_TO_ZERO)


def digit_runs(text: str, zeroed_text: bytes | None = None) -> Iterator[re.Match[bytes]]:
    """The runs of `text` that may be temporal, in text order; `match.group()` is the
    run's shape ("00", "0000", "00:00"), the spans are offsets into `text`.
    `zeroed_text`: `zeroed(text)`, when the caller has it already."""
    return _DIGIT_RUN.finditer(zeroed(text) if zeroed_text is None else zeroed_text)
