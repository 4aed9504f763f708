"""A change is not a level: "shares rose 4.2% to 231p" is a rise of 4.2% and a price of
231p, never one interval 4.2-231; "grew from 18.6 to 27 billion euros" is two levels at
two times.

A figure governed by a change verb ("rose", "fell by", "a rise of") or followed by a change
noun ("a 5% rise") is kind `change`, valued with its direction's sign (-7 for "fell 7%"),
and is never compared as a count or a percent. The tests look at the three words before a
figure and the word after it, behind a set test on one word: most figures have no change
word near them and pay for one dictionary look-up.
"""

from __future__ import annotations

import re

_UP = """
rose rise rises risen rising increased increase increases increasing grew grow grows grown
growing jumped jump jumps jumping climbed climb climbs climbing soared soar soars soaring
surged surge surges surging gained gain gains gaining added adds adding rallied rally rallies
advanced advance advances raised raise raises raising lifted lift lifts boosted boost boosts
swelled swell swells widened widen widens expanded expand expands improved improve improves
rebounded rebound rebounds recovered up spiked spike hiked hike expanding widening swelling
boosting lifting raising improving rebounding rallying advancing spiking
""".split()
_DOWN = """
fell fall falls fallen falling dropped drop drops dropping declined decline declines declining
decreased decrease decreases decreasing slipped slip slips slipping slid slide slides sliding
plunged plunge plunges plunging plummeted plummet plummets tumbled tumble tumbles tumbling
sank sink sinks sunk dipped dip dips dipping eased ease eases easing shed sheds shedding
cut cuts cutting reduced reduce reduces reducing lowered lowers slumped
slump slumps slumping shrank shrink shrinks shrunk narrowed narrow narrows contracted
contract contracts retreated retreat retreats down dived dive dives crashed slashed slash
narrowing shrinking contracting slumping tumbling plunging easing lowering
""".split()
# Verbs that only count as changes of a percentage ("shares lost 5%", not "lost by two
# points", a margin); see `quantity`.
PERCENT_ONLY = frozenset(
    "lost lose loses losing gained gain gains gaining added adds adding jump jumps climb climbs"
    .split()
)
_CHANGE_LOST = {w: "down" for w in ("lost", "lose", "loses", "losing")}
# "Up" and "down" are changes after these ("shares were up 5%", "closed down 1.6%") or
# after punctuation ("in Wales, up by 2,400"); elsewhere they are particles ("make up 16%").
_UP_DOWN_LEADS = frozenset("""
was were is are been be being closed ended finished opened traded trading closing ending
now still also sharply slightly marginally
""".split())
_PASSIVE = frozenset("was were been being be is are get gets got".split())
CHANGE_WORDS: dict[str, str] = {**{w: "up" for w in _UP}, **{w: "down" for w in _DOWN},
                                 **_CHANGE_LOST}
# Nouns after a figure that make it a change: "a 5% rise", "a 3% drop".
_NOUNS_AFTER: dict[str, str] = {
    **{w: "up" for w in ("rise", "rises", "increase", "increases", "gain", "gains", "jump",
                         "jumps", "hike", "hikes", "surge", "growth", "climb", "uplift",
                         "boost", "higher", "up")},
    **{w: "down" for w in ("fall", "falls", "drop", "drops", "decline", "declines", "decrease",
                           "decreases", "cut", "cuts", "slump", "slide", "dip", "reduction",
                           "reductions", "lower", "down", "loss", "losses", "plunge")},
}
_SP = " \t\u00a0"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LINKS = frozenset(("by", "of", "further", "another"))


class Change:
    """What governs a figure: its direction ("up"/"down"), the start of the change word,
    the link word between them ("by", "of", "" for "rose 5%", "after" for "a 5% rise"),
    the change word itself, and whether it is passive ("was dropped by")."""

    __slots__ = ("direction", "start", "link", "word", "passive")

    def __init__(self, direction: str, start: int, link: str, word: str = "",
                 passive: bool = False) -> None:
        self.direction = direction
        self.start = start
        self.link = link
        self.word = word
        self.passive = passive

    def governs(self, kind: str) -> bool:
        """Whether a figure of this kind is the change itself: a percentage after any
        change word ("rose 5%"); another figure only after a link ("fell by 1,132", "a rise
        of 20") or before a change noun, never as the agent of a passive ("was dropped by
        six stations") nor after "lost"/"gained" (a margin: "lost by two points")."""
        if kind == "percent":
            return True
        if self.word in PERCENT_ONLY or (self.passive and kind == "count"):
            return False
        return self.link in ("by", "of", "further", "another", "after")


def change_before(text: str, start: int, word_before: str | None = None) -> Change | None:
    """The change word governing the figure (with its qualifier) at `start`, or None:
    "rose 5%", "fell by 7", "a rise of 20", "rose a further 2%", "up 3%". `word_before`
    is the lower-cased word right before `start` when the caller has it: most words rule
    a change out at once."""
    if word_before is not None and word_before not in CHANGE_WORDS and (
        word_before not in _LINKS
    ):
        return None
    j, word = _word_before(text, start)
    link = ""
    if word in ("by", "of"):
        link = word
        j, word = _word_before(text, j)
    elif word in ("further", "another"):
        link = word
        j, word = _word_before(text, j)
        if word in ("a", "an"):
            j, word = _word_before(text, j)
    direction = CHANGE_WORDS.get(word) if word is not None else None
    if direction is None or word is None:
        return None
    _, previous = _word_before(text, j)
    if word in ("up", "down") and not (previous is None or previous in _UP_DOWN_LEADS):
        return None                      # "make up 16%", "drawn up by two committees"
    return Change(direction, j, link, word, previous in _PASSIVE)


# Words that, earlier in the clause, make "from A to B" two levels (as the change words
# above do) or one range.
_CLAUSE_CHANGES = frozenset("""
raise raised raises raising increase increased increases increasing double doubled doubles
doubling halve halved halves halving triple tripled trim trimmed trims trimming revise revised
revises revising move moved moves moving shift shifted shifts change changed changes changing
went gone push pushed lift lifted extend extended
""".split()) | (frozenset(CHANGE_WORDS) - PERCENT_ONLY)
_RANGE_WORDS = frozenset("""
range ranges ranged ranging vary varies varied varying span spans spanned spanning between
estimates estimated anywhere
""".split())
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\n\u2013\u2014\[\]]")
_CLAUSE_WORD = re.compile(r"[A-Za-z]+")


def clause_reading(text: str, start: int) -> str | None:
    """How "from A to B" at `start` reads, from the words of its clause before it (at most
    twelve, back to a comma or bracket): "range" after "ranging", "prices vary"; "change"
    after a change word ("raise the pension age for council workers from 60 to 65",
    "revised down the gains from 157,000 to 133,000"); None when the clause says neither."""
    head = text[max(0, start - 160):start]
    cut = None
    for m in _CLAUSE_BREAK.finditer(head):
        cut = m.end()
    words = _CLAUSE_WORD.findall(head[cut or 0:])[-12:]
    for word in reversed(words):
        w = word.lower()
        if w in _RANGE_WORDS:
            return "range"
        if w in _CLAUSE_CHANGES:
            return "change"
    return None


def change_after(text: str, e: int) -> str | None:
    """The direction of a change noun right after a figure ("a 5% rise"), or None."""
    k = e
    while k < len(text) and text[k] in _SP:
        k += 1
    if k == e:
        return None
    m = k
    while m < len(text) and text[m].isalpha():
        m += 1
    if m < len(text) and text[m] == "-":
        return None                      # "a 5% rise-and-fall"
    return _NOUNS_AFTER.get(text[k:m].lower())


def _word_before(text: str, p: int) -> tuple[int, str | None]:
    """(start, lower-cased word) of the ASCII word before `p`, over spaces only."""
    head = text[max(0, p - 24):p]
    spaced = head.rstrip(_SP)
    if len(spaced) == len(head) or not spaced:
        return p, None
    rest = spaced.rstrip(_LETTERS)
    if len(rest) == len(spaced) or (rest and (rest[-1].isalnum() or rest[-1] in "-'’")):
        return p, None
    k = p - len(head) + len(rest)
    return k, spaced[len(rest):].lower()
