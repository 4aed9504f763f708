"""The context tests of the number finder: what the words around a number say about it.

Each test looks only at a small window next to one number (never the whole text), so
the finder stays fast. Look-behind tests reverse a window of ~40 characters and match a
reversed-phrase regex at its start: one anchored match instead of a search.
"""

from __future__ import annotations

import functools
import re
import string

from checker.extract.intervals import precision_of

_WINDOW = 40

QUALIFIERS: dict[str, tuple[str, ...]] = {
    "over": ("over", "more than", "above", "in excess of", "upwards of", "greater than",
             "exceeding", "well over", "just over", "well above", "exceed", "exceeds",
             "exceeded", "surpass", "surpasses", "surpassed", "larger than", "bigger than",
             "higher than"),
    "at_least": ("at least", "no fewer than", "no less than", "not less than",
                 "a minimum of"),
    "nearly": ("nearly", "almost", "close to", "just under", "just short of", "approaching",
               "nigh on", "just below"),
    "about": ("about", "around", "approximately", "approx.", "some", "an estimated",
              "estimated", "roughly", "circa", "c.", "an approximate", "about some"),
    "up_to": ("up to", "as many as", "as much as", "a maximum of", "at most", "no more than"),
    "under": ("under", "fewer than", "less than", "below", "smaller than", "lower than"),
    "between": ("between",),
    "from": ("from",),
}
# "Or equal" forms: an inclusive bound ("less than or equal to 100" is at most 100).
QUALIFIERS["at_least"] += tuple(
    f"{a} {b}" for a in ("greater", "more", "larger", "bigger", "higher")
    for b in ("than or equal to", "or equal to", "or equal than")
) + ("at least or equal to", "equal to or greater than", "equal to or more than")
QUALIFIERS["up_to"] += tuple(
    f"{a} {b}" for a in ("less", "fewer", "smaller", "lower")
    for b in ("than or equal to", "or equal to", "or equal than")
) + ("at most or equal to", "equal to or less than", "equal to or fewer than",
     "up to and including")

LABEL_WORDS = """
resolution no no. nos. number num article art. page p. pp. section sec. chapter ch. flight
room windows route platform gate channel radio apollo formula version v. ver. level
paragraph para. clause rule annex schedule phase series season episode round game stage
track line bus highway interstate psalm exhibit table figure fig. item question q part
volume vol. issue unit block ward district zone grade class division terminal studio area
boeing category cat. top war bbc itv bbc1 bbc2 ps windows office xbox playstation iphone
euro vista tier tranche mark mk code box col. row act bill amendment proposition nr nr. nrs.
magnitude
""".split()
# Label words also written with a hyphen before the figure ("magnitude-6.3", "Category-4").
HYPHEN_LABELS = frozenset(("magnitude", "category", "level", "grade", "tier", "class", "phase",
                           "stage", "version", "type", "mark", "series", "flight", "route"))

MONTHS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split()

YEAR_NOUNS = frozenset("""
elections results figures profits sales accounts earnings games olympics finals
championships awards budgets levels prices rates forecasts numbers losses accounts figures
targets plans talks polls nominations winners nominees accounts exams graduates
revenues series editions seasons onwards
""".split())

# Plural nouns of dated events: a year-like figure right before one names the event's year
# ("1988 killings", "2011 riots"), with or without a determiner; each singular already
# reads as a year, not being a plural count noun.
EVENT_NOUNS = frozenset("""
killings massacres bombings shootings riots uprisings revolutions rebellions revolts
floods earthquakes tsunamis hurricanes famines wars invasions coups landings disasters
blasts purges pogroms atrocities crackdowns
""".split())
EVENT_YEARS = (1800, 2099)

_SPORTS = re.compile(
    r"\b(?:win|wins|won|victory|defeat|defeated|beat|beaten|lead|led|draw|drew|score|scored"
    r"|goals?|match|game|set|sets|half-time|penalt\w+|thrash\w*|loss|lost|tie|points?)\b",
    re.IGNORECASE,
)
_CLOCK_WORDS = frozenset("at from until till by before after around about".split())
_VERBISH_STOP = frozenset("of in on at for to by with from and or the a an".split())


def _reversed_alternation(phrases: list[str]) -> str:
    parts = sorted({re.escape(p[::-1]) for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


_QUAL_OF = {p: q for q, ps in QUALIFIERS.items() for p in ps}
_QUAL_REV = re.compile(
    r"[ \t\u00a0]+(" + _reversed_alternation(list(_QUAL_OF)) + r")(?![A-Za-z])", re.I
)
_LABEL_REV = re.compile(
    r"[ \t\u00a0]*(" + _reversed_alternation(LABEL_WORDS) + r")(?![A-Za-z])", re.I
)
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?[ \t\u00a0]+(?:of[ \t]+)?(?:" +
                          "|".join(MONTHS) + r")\b", re.I)
_MONTH_GAP = frozenset(" \t\u00a0")
_ORDINAL_FIRST = frozenset("sStTnNrR\u017f")
_MONTH_WORD_FIRST = frozenset("oO\u017f" + "".join(m[0] + m[0].upper() for m in MONTHS))
_DETERMINER_REV = re.compile(r"[ \t\u00a0]+(eht|eseht|esoht|lla|eht fo lla|eht lla)(?![A-Za-z])",
                             re.I)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([a-z]+)\b")
_URL_END = re.compile(r"[^\s<>\"'()\[\]]*")


def _behind(text: str, p: int) -> str:
    return text[max(0, p - _WINDOW):p][::-1]


_GAP_CHARS = " \t\u00a0"
_ASCII_LETTERS = string.ascii_letters
_QUAL_LAST_WORDS = frozenset(q.split()[-1] for q in _QUAL_OF if q[-1].isalpha())
_UNIT_WORDS = frozenset("""
GHz MHz kHz Hz GB MB KB TB kW MW GW kWh MWh mph mpg bhp km kg cm mm ml mg lbs sqm
""".split())
_LABEL_SET = frozenset(w for w in LABEL_WORDS if w.isalpha())
_MONTH_SET = frozenset(MONTHS)
_DETERMINER_LAST = frozenset(("the", "these", "those", "all"))
_AGE_WORDS = frozenset(("aged", "age"))


class Before:
    """What precedes offset `p`, read once and shared by every look-behind test.

    `word` is the run of letters before the spaces in front of `p` ("" when a space is
    followed by a non-letter, None when no space precedes `p`); `odd` is True when that
    non-letter is a "." or a digit, the only cases ("approx.", "no.", "BBC1") where the
    full reversed-phrase regexes must run. Every test below first checks `word` against
    a set, so the regexes run only when they can match.
    """

    __slots__ = ("pos", "head", "word", "lower", "odd")

    def __init__(self, text: str, p: int) -> None:
        self.pos = p
        self.head = head = text[max(0, p - _WINDOW):p]
        # Two rstrips read what `[ \t\u00a0]+([A-Za-z]*)` would match on the reversed window:
        # the spaces before `p`, then the ASCII letters before them.
        spaced = head.rstrip(_GAP_CHARS)
        if len(spaced) == len(head):
            self.word: str | None = None
            self.lower = ""
            self.odd = False
            return
        rest = spaced.rstrip(_ASCII_LETTERS)
        self.word = word = spaced[len(rest):]
        self.lower = word.lower()
        nxt = rest[-1:]
        self.odd = not word and (nxt == "." or nxt.isdigit())

    @property
    def word_start(self) -> int:
        """Where `word` starts in the text (meaningful when `word` is set)."""
        return (self.pos - len(self.head) + len(self.head.rstrip(_GAP_CHARS))
                - len(self.word or ""))

    @property
    def window(self) -> str:
        """The ~40 characters before `p`, reversed, for the reversed-phrase regexes
        (built only when a set test says one of them may match)."""
        return self.head[::-1]


def qualifier_before(text: str, p: int, before: Before | None = None) -> tuple[str, int | None]:
    """("over", start of "more than") when a qualifier ends right before `p`: a phrase,
    or a comparison sign ("> 10", "<=30", "≥ 5")."""
    b = before if before is not None and before.pos == p else Before(text, p)
    if not (b.odd or b.lower in _QUAL_LAST_WORDS):
        if p and text[p - 1] in _SYMBOL_CHARS or (
            b.word == "" and b.head.rstrip(_GAP_CHARS)[-1:] in _SYMBOL_CHARS
        ):
            return _symbol_qualifier(text, p)
        return "exact", None
    m = _QUAL_REV.match(b.window)
    if not m:
        return "exact", None
    return _QUAL_OF[m.group(1)[::-1].lower()], p - m.end()


_SYMBOL_CHARS = frozenset("<>=≤≥")
_SYMBOL_REV = re.compile(r"[ \t]*(=[ \t]*<|<[ \t]*=|=[ \t]*>|>[ \t]*=|≤|≥|<|>)")
_SYMBOLS = {"<": "under", ">": "over", "≤": "up_to", "≥": "at_least", "<=": "up_to",
            "=<": "up_to", ">=": "at_least", "=>": "at_least"}


def _symbol_qualifier(text: str, p: int) -> tuple[str, int | None]:
    m = _SYMBOL_REV.match(text[max(0, p - 8):p][::-1])
    if m is None:
        return "exact", None
    symbol = "".join(m.group(1).split())[::-1]
    start = p - m.end()
    if start and text[start - 1] in "<>=-":
        return "exact", None             # "<-->", "==>": arrows, not comparisons
    return _SYMBOLS[symbol], start


_QUAL_FORWARD = re.compile(
    r"(" + "|".join(sorted((re.escape(q) for q in _QUAL_OF), key=len, reverse=True))
    + r")[ \t\u00a0]+(?=[-−$£€¥₹]?\d|[A-Za-z])", re.IGNORECASE,
)


def qualifier_after(text: str, pos: int) -> tuple[str, int] | None:
    """(qualifier, where its figure starts) of a qualifier phrase starting at `pos`
    ("fewer than 30"), for the second bound of "more than 20 and fewer than 30"."""
    m = _QUAL_FORWARD.match(text, pos)
    if m is None:
        return None
    return _QUAL_OF[m.group(1).lower()], m.end()


_SIGN_AFTER = frozenset(" \t\n([{/:;=<>≤≥$£€¥₹\"'\u201c\u2018")
_SIGN_WORDS = frozenset(("minus", "negative"))


def sign_before(text: str, p: int, b: Before) -> tuple[int, int]:
    """(-1, start) when a minus sign or word is written right before the figure at `p`
    ("-7", "−40", "minus 40", "negative five"); (1, p) otherwise. A hyphen between two
    figures ("5-10") or after a word ("COVID-19") is no sign."""
    if p:
        c = text[p - 1]
        if c in "-\u2212" and (p == 1 or text[p - 2] in _SIGN_AFTER):
            return -1, p - 1
    if b.lower in _SIGN_WORDS:
        return -1, p - len(b.head) + len(b.head.rstrip(_GAP_CHARS)) - len(b.word or "")
    return 1, p


def plain_digits(fig: str) -> str:
    """"30,000" / "816 000" / "12,34,567" -> "30000": the figure without grouping."""
    if fig.isdigit():
        return fig
    return _GROUPING.sub("", fig)


_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")


def determiner_before(text: str, p: int, before: Before | None = None) -> int | None:
    """Start of "the"/"these"/"all the" right before `p` (a back-referring number)."""
    b = before if before is not None and before.pos == p else Before(text, p)
    if b.lower not in _DETERMINER_LAST:
        return None
    m = _DETERMINER_REV.match(b.window)
    return p - m.end() if m else None


def next_word_is_verb(text: str, e: int) -> bool:
    """After a bare number, a lower-case word that is not a preposition reads as a verb."""
    m = _NEXT_WORD.match(text, e)
    return m is not None and m.group(1) not in _VERBISH_STOP


def is_label_before(b: Before) -> bool:
    """"Resolution 819", "page 12", "Windows 7", "BBC 2": an identifier, not a count.
    Callers have ruled out a letter, digit, "." or "," right before the number."""
    if b.odd:
        return bool(_LABEL_REV.match(b.window))
    word = b.word
    if not word:
        return False
    if b.lower in _LABEL_SET:
        return True
    if word.islower() or word in _UNIT_WORDS:
        return False                     # no capital: neither acronym nor product name
    upper = sum(1 for ch in word if ch.isupper())
    return upper >= 2 and (upper < len(word) or len(word) <= 4)
    # mixed-case product names (iPhone, PlayStation), acronyms (BBC)


def label_start(b: Before) -> int | None:
    """Where the label word before a figure starts ("Category" of "Category 4"), when it
    is one of LABEL_WORDS (an acronym alone, "BBC 2", gives None)."""
    m = _LABEL_REV.match(b.window)
    return b.pos - m.end() if m else None


def is_month_adjacent(text: str, b: Before, e: int, fig: str) -> bool:
    """Day numbers next to a month ("July 8", "8 July") belong to the date finder."""
    if len(fig) > 2 or "." in fig:
        return False
    if b.lower in _MONTH_SET:
        return True
    # `_MONTH_AFTER` runs only when the text after the number can start it: an ordinal
    # suffix, or spaces then "of" or a month's first letter ("ſ" folds to "s" in re.I).
    c = text[e:e + 1]
    if c in _MONTH_GAP:
        j = e + 1
        while text[j:j + 1] in _MONTH_GAP and j < len(text):
            j += 1
        if text[j:j + 1] not in _MONTH_WORD_FIRST:
            return False
    elif c not in _ORDINAL_FIRST:
        return False
    return bool(_MONTH_AFTER.match(text, e))


def month_follows(text: str, e: int) -> bool:
    """A month name (or an ordinal suffix and one) right after offset `e`: "9-15 January"."""
    return bool(_MONTH_AFTER.match(text, e))


def is_age_before(b: Before) -> bool:
    """Whether the word before reads the figure as an age ("aged")."""
    return b.lower in _AGE_WORDS


def is_clock(b: Before, fig: str) -> bool:
    """"at 10.30": a decimal with two places after a time preposition is a clock time."""
    if "." not in fig:
        return False
    hours, _, minutes = fig.partition(".")
    if len(minutes) != 2 or not hours.isdigit() or int(hours) > 24 or int(minutes) > 59:
        return False
    return b.lower in _CLOCK_WORDS


def is_bare_year(fig: str, value: float) -> bool:
    """Whether a four-digit figure can be a year (1000-2100)."""
    return len(fig) == 4 and fig.isdigit() and 1000 <= value <= 2100


def is_year_noun(head: str) -> bool:
    """Whether a noun names a year or a month, so the figure before it is a year."""
    return head.lower() in YEAR_NOUNS or head.lower() in MONTHS


def is_event_year(head: str, value: float) -> bool:
    """"1988 killings": a year-like figure (1800-2099) before a plural event noun."""
    return EVENT_YEARS[0] <= value <= EVENT_YEARS[1] and head.lower() in EVENT_NOUNS


def sports_context(text: str, pos: int) -> bool:
    """Whether sports words surround `pos`, so "3-2" reads as a score."""
    return bool(_SPORTS.search(text, max(0, pos - 60), min(len(text), pos + 40)))


@functools.lru_cache(maxsize=1024)
def word_precision(value: float) -> float:
    """Spelled numbers carry their precision like figures: "thirty" -> 10, "two" -> 1
    (`value` is the phrase's value, from `numwords`)."""
    if not float(value).is_integer():
        return precision_of(repr(float(value)))
    return precision_of(str(int(value)))


_SCALE_WORDS = ("dozen", "hundred", "thousand", "million", "billion")
_SCALE_LEAD_REV = re.compile(
    r"[ \t\u00a0]+(na flah|a flah|wef a|lareves|fo snet|fo sderdnuh|na|a)(?![A-Za-z])",
    re.I,
)


def scale_phrase_start(text: str, p: int) -> int | None:
    """Where the number phrase of the word at `p` starts: `p` itself, or for a scale word
    the "a"/"half a"/"tens of" before it ("a million", "tens of thousands"); None when
    a scale word has no such lead and is not a vague plural ("hundreds")."""
    if not text[p:p + 8].lower().startswith(_SCALE_WORDS):
        return p
    m = _SCALE_LEAD_REV.match(_behind(text, p))
    if m:
        return p - m.end()
    word_end = p
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    return p if text[word_end - 1] in "sS" else None


def skip_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, found with str.find (fast), skipped whole."""
    spans: list[tuple[int, int]] = []
    for marker in ("://", "www.", "@"):
        i = text.find(marker)
        while i >= 0:
            s = i
            while s > 0 and not text[s - 1].isspace() and text[s - 1] not in "<(\"'[":
                s -= 1
            m = _URL_END.match(text, i)
            e = m.end() if m else i + len(marker)
            if marker != "@" or (s < i and e > i + 1):
                spans.append((s, e))
            i = text.find(marker, max(e, i + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
