"""Whether two figures are one quantity stated twice: evidence for and against, as a score
with the reasons for it, or the reason they are two quantities.

Used where no rule says which figures belong together (the `quantity_conflict` and
`event_conflict` checks). Two different figures a typical slip apart ("45 banks" and
"450 banks") are a contradiction only when they are one quantity; in ordinary news they
are two quantities far more often ("5% in 2003" and "running at 50%"). So a finding needs
positive evidence that both statements are about one thing, and the frames
(`checker.extract.frame`) can keep them apart:

| evidence | score |
|---|---|
| words both sentences hold, near the figures above all (`extract.wording`) | + half their weight |
| one figure is the headline, which restates the story's figures | + 1.5 |
| the slip: how rarely two unrelated figures are this close (`slip_weight`) | -1.5 to +3 |
| the document gives many different figures of this kind (a table, a poll) | - 0.5 per doubling |
| two different names in the figures' clauses | - 0.5 |
| ... before the figures: who did it ("Depardieu made" / "Reno ... earning") | - 1.25 |
| two different verbs ("pledged" / "offered": often one thing said two ways) | - 0.75 |

and keeps them apart (no finding): two different times of one sort ("2003" / "2004"), a
rate per year against one per month, two places or only one limited to a part ("in the
capital alone"), two different things the figures are part of ("41% of women" / "14% of
those aged 30-39"), two different nouns, and two verbs of opposite directions ("cut 120
jobs" / "created 210 jobs", "rose" / "fell"). Names only weigh: a headline and a body,
or two paragraphs, often name one thing two ways ("Band Aid 20" / "Do They Know It's
Christmas?").

No shared word at all is no finding, whatever the rest says. The checks read their
severities from the score and from the part of it that says "one quantity" (`sameness`:
words and headline), so a slip alone never makes an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from checker.compare.slips import significant_digits, typical_slip
from checker.extract.rarity import table
from checker.extract.wording import Shared
from checker.model import QUANTITY_KINDS, Claim, Severity, figure_value
from checker.util.english import singular

if TYPE_CHECKING:
    from checker.extract.frame import Frame

MIN_SHARED = 0.3         # shared-word weight under which nothing says "one quantity"
HEADLINE = 1.5
CROWD = 0.35             # per doubling of the different figures of one kind
VERB = 0.75
NAMES = 0.5
SUBJECTS = 1.25
# Words rarer than this (wordfreq's Zipf scale) say what a sentence is about (drift).
UNCOMMON = 4.5
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_RESTRICTIVE = frozenset({"alone"})
# Light verbs: they say little of what happened, so differing from one says little.
_GENERAL = frozenset("be have do make take get go come give put reach stand total hit top "
                     "become remain see".split())
# Verbs that report or measure a figure rather than say what happened: no evidence
# either way ("drew 48,000 visitors" and "counted 48,000 visitors" are one figure).
_REPORTING = frozenset("say tell add report announce state claim show reveal estimate put "
                       "suggest mention quote count record list tally number register log "
                       "measure find confirm expect forecast predict".split())


@dataclass(frozen=True, slots=True)
class Evidence:
    """How much says two figures are one quantity: `score` (all of it), `sameness` (the
    part that says "one thing": shared words, headline), `reasons` for, `against`; or
    `apart`, why they are two quantities."""

    score: float
    sameness: float = 0.0
    reasons: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    apart: str | None = None

    @property
    def same(self) -> bool:
        return self.apart is None


def apart(fa: Frame, fb: Frame) -> str | None:
    """Why the frames of two figures make them two quantities, or None."""
    for reason in (_noun_apart(fa, fb), time_apart(fa.time, fb.time),
                   place_apart(fa.place, fb.place), owner_apart(fa.owner, fb.owner)):
        if reason:
            return reason
    return None


def frames_apart(fa: Frame, fb: Frame) -> str | None:
    """Why the frames alone make two figures two quantities (`apart`, opposed verbs, two
    different agents), or None: `evidence` then says they are apart, whatever words the
    sentences share, so a caller may skip reading those."""
    return apart(fa, fb) or _verbs_opposed(fa, fb) or _agents_differ(fa, fb)


def evidence(fa: Frame, fb: Frame, words: Shared, slip: str, values: tuple[float, float],
             headline: bool = False, figures: int = 1) -> Evidence:
    """The evidence that two figures of one document (frames `fa`, `fb`, sharing `words`,
    `slip` apart) are one quantity; `headline`: one of them is the document's headline;
    `figures`: how many different figures of their kind the document gives."""
    verbs = _verb_differs(fa, fb)
    why_apart = frames_apart(fa, fb)
    if why_apart:
        return Evidence(0.0, apart=why_apart)
    if words.weight < MIN_SHARED:
        return Evidence(0.0, apart="their sentences share no word that says what they count")
    reasons = ["both sentences say " + ", ".join(f"'{w}'" for w in words.words[:4])]
    sameness = words.weight / 2
    if headline:
        sameness += HEADLINE
        reasons.append("one is the headline")
    against: list[str] = []
    score = sameness + slip_weight(slip, *values)
    if figures > 2:
        score -= CROWD * math.log2(figures)
        against.append(f"the text gives {figures} different figures of this kind")
    names = _subjects_differ(fa, fb)
    for penalty, reason in ((VERB, verbs), (SUBJECTS if names else NAMES,
                                            names or _names_differ(fa, fb))):
        if reason:
            score -= penalty
            against.append(reason)
    return Evidence(round(score, 2), round(sameness, 2), tuple(reasons), tuple(against))


def slip_weight(slip: str, x: float, y: float) -> float:
    """How rarely two unrelated figures of one text are `slip` apart: the rarer, the
    more the slip itself says "a typo". A zero dropped from a figure with two or more
    significant digits (45,000 / 4,500) is rare by chance; round figures a zero apart
    (5% / 50%), two figures of two digits a step apart (13 / 14 points) or three-digit
    figures one digit apart ($12.2m / $12.8m) are everyday; a figure against another
    written in other thousands (£1.4bn / £1.4 trillion) is rarely a typo unless its
    digits are distinctive."""
    digits = min(significant_digits(_whole(x)), significant_digits(_whole(y)))
    length = max(significant_digits(_whole(x)), significant_digits(_whole(y)))
    if slip.startswith("one zero"):
        return (0.5, 2.0, 3.0)[min(digits, 3) - 1]
    if slip.startswith("two zeros"):
        return (-1.5, 0.5, 1.5)[min(digits, 3) - 1]
    if "zero" in slip:                 # three: thousands for millions, millions for billions
        return (-1.5, -0.5, 1.0)[min(digits, 3) - 1]
    if slip == "digits swapped":
        return 1.0 if length <= 2 else 2.0 if length == 3 else 2.5
    if slip == "off by one":
        return -0.5 if length <= 2 else 1.5 if length == 3 else 2.5
    return -0.5 if length <= 3 else 1.5                    # one digit different


def severity(found: Evidence, alike: bool, conf: Mapping[str, Any]) -> Severity | None:
    """The severity of a disagreement with this evidence, None for no finding. `alike`:
    the figures are written alike (same unit as written, same qualifier). `conf`: the
    check's scores: "error"/"warning" (the score and the sameness part needed) and
    "info" (the score needed at all)."""
    if not found.same or found.score < conf["info"]:
        return None
    if alike and found.score >= conf["error"] and found.sameness >= conf["error_sameness"]:
        return "error"
    if alike and found.score >= conf["warning"] and found.sameness >= conf["warning_sameness"]:
        return "warning"
    return "info"


def why(found: Evidence) -> str:
    """The evidence in words, for a message: why one quantity, and what speaks against."""
    text = "; ".join(found.reasons)
    if found.against:
        text += " (against: " + "; ".join(found.against) + ")"
    return text


# -- the frames' parts ------------------------------------------------------------------

def _noun_apart(fa: Frame, fb: Frame) -> str | None:
    if fa.noun and fb.noun and _measure(fa.noun) != _measure(fb.noun):
        return f"one counts '{fa.noun}', the other '{fb.noun}'"
    return None


def time_apart(ta: tuple[str, ...], tb: tuple[str, ...]) -> str | None:
    """Two different times of one sort ("2003" / "2004", "March" / "June", "last year" /
    "this year"), or a rate per year against one per month. Times of two sorts say
    nothing against each other: "in 2004" and "from October to December" may be one."""
    by_sort_a, by_sort_b = _times_by_sort(ta), _times_by_sort(tb)
    for sort in sorted(by_sort_a.keys() & by_sort_b.keys()):
        xa, xb = by_sort_a[sort], by_sort_b[sort]
        if not xa & xb:
            word = "given" if sort == "rate" else "at"
            return f"one is {word} {', '.join(sorted(xa))}, the other {', '.join(sorted(xb))}"
    return None


_MONTH_NAMES = frozenset("january february march april may june july august september "
                         "october november december".split())


def _times_by_sort(times: tuple[str, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in times:
        if t.startswith("per "):
            sort = "rate"
        elif t.isdigit():
            sort = "year"
        elif t in _MONTH_NAMES:
            sort = "month"
        elif t.endswith(("day",)) and " " not in t:
            sort = "weekday"
        elif t.endswith(("quarter", "half")):
            sort = "part of a year"
        else:
            sort = "relative"
        out.setdefault(sort, set()).add(t)
    return out


def place_apart(pa: tuple[str, ...], pb: tuple[str, ...]) -> str | None:
    """Why two scopes ("in London", "nationwide") keep two figures apart, or None."""
    if bool(_RESTRICTIVE & set(pa)) != bool(_RESTRICTIVE & set(pb)):
        return f"only one is limited to a part ({', '.join(pa or pb)})"
    if pa and pb and not set(pa) & set(pb):
        return f"one is in {', '.join(pa)}, the other in {', '.join(pb)}"
    return None


def owner_apart(oa: tuple[str, ...], ob: tuple[str, ...]) -> str | None:
    """Why two owners ("of Acme", "of Zenith") keep two figures apart, or None."""
    if oa and ob and not set(oa) & set(ob):
        return f"one is of {' '.join(oa)}, the other of {' '.join(ob)}"
    return None


def _verb_differs(fa: Frame, fb: Frame) -> str | None:
    va = fa.verb if fa.verb not in _REPORTING else None
    vb = fb.verb if fb.verb not in _REPORTING else None
    if va and vb and va != vb and va not in _GENERAL and vb not in _GENERAL:
        return f"one goes with '{va}', the other with '{vb}'"
    return None


def _verbs_opposed(fa: Frame, fb: Frame) -> str | None:
    """Two verbs of opposite directions: a rise and a fall, jobs created and cut."""
    da, db = _direction(fa.verb), _direction(fb.verb)
    if da and db and da != db:
        return f"one goes with '{fa.verb}', the other with '{fb.verb}'"
    return None


# Verbs that add or take away beyond the change words of `checker.extract.changes`.
_MORE_DIRECTIONS = {**dict.fromkeys("create hire open win add recruit".split(), "up"),
                    **dict.fromkeys("axe ax lose close shut scrap sack remove lay".split(), "down")}


def _direction(verb: str | None) -> str | None:
    if not verb:
        return None
    from checker.extract.changes import CHANGE_WORDS

    return _MORE_DIRECTIONS.get(verb) or CHANGE_WORDS.get(verb)


def _subjects_differ(fa: Frame, fb: Frame) -> str | None:
    """Two different names before the figures in their clauses: "Depardieu made 3.35m
    euros" and "Jean Reno ... earned 3.55m euros" are about two people."""
    if fa.subject and fb.subject and not shared_names(fa.subject, fb.subject):
        return f"one is about {' '.join(fa.subject)}, the other about {' '.join(fb.subject)}"
    return None


def _agents_differ(fa: Frame, fb: Frame) -> str | None:
    """Two different names doing what the figures count ("Marrow earned 2.45m", "Quent
    earned 2.54m"): two quantities. A name that only reports a figure ("Smith said 463
    signed") says nothing of whose figure it is, and is weighed against instead."""
    if fa.verb and fb.verb and fa.verb not in _REPORTING and fb.verb not in _REPORTING:
        return _subjects_differ(fa, fb)
    return None


def _names_differ(fa: Frame, fb: Frame) -> str | None:
    if fa.entity and fb.entity and not shared_names(fa.entity, fb.entity):
        return f"one is about {' '.join(fa.entity)}, the other about {' '.join(fb.entity)}"
    return None


def shared_names(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    """The name words two claims share; an acronym matches the initials of the other's
    words ("nao" / "national audit office", "m&s" / "marks & spencer")."""
    shared = [x for x in a if x in b]
    if shared:
        return shared
    for short, long in ((a, b), (b, a)):
        initials = "".join(w[0] for w in long if w not in _LINKS)
        for word in short:
            letters = word.replace("&", "")
            if len(letters) >= 2 and letters == initials:
                return [word]
    return []


_LINKS = frozenset({"of", "and", "the", "&", "de", "for"})


def _whole(value: float) -> float:
    """A figure's digits as a whole number (12.8 -> 128), for counting digits."""
    return float(digits_of_value(abs(value)))


# -- which figures -------------------------------------------------------------------------

def uncommon_words(sentence: str, below: float = UNCOMMON) -> frozenset[str]:
    """The uncommon words of a sentence (4+ letters, of a Zipf frequency under `below`),
    lower-cased, possessives dropped; a compound of common words ("year-old") is common."""
    zipf = table()
    out = set()
    for w in _WORD.findall(sentence.lower()):
        w = w.rstrip("'’").removesuffix("'s").removesuffix("’s")
        parts = [p for p in w.split("-") if p]
        if parts and all(zipf.get(p, 0.0) >= below for p in parts):
            continue
        if zipf.get(w, 0.0) < below:
            out.add(w)
    return frozenset(out)


def slip_between(a: Claim, b: Claim, digits: dict[int, str] | None = None) -> str | None:
    """The typical slip between two figures (`checker.compare.slips.typical_slip`), after a quick
    test that rules out most pairs: they differ by one, share their significant digits,
    or have as many digits and differ in at most two. `digits` memoises each claim's
    digits by id, for callers that test many pairs."""
    x, y = figure_value(a), figure_value(b)
    if abs(x - y) != 1:
        dx, dy = _digits_of(a, x, digits), _digits_of(b, y, digits)
        if dx.rstrip("0") != dy.rstrip("0") and (
                len(dx) != len(dy) or sum(p != q for p, q in zip(dx, dy, strict=True)) > 2):
            return None
    return typical_slip(x, y)


def _digits_of(c: Claim, value: float, memo: dict[int, str] | None) -> str:
    if memo is None:
        return digits_of_value(value)
    found = memo.get(id(c))
    if found is None:
        found = memo[id(c)] = digits_of_value(value)
    return found


def digits_of_value(value: float) -> str:
    """A figure's digits without decimal point or leading zeros: 3.24 -> "324"."""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", "").lstrip("0") or "0"


def comparable(c: Claim) -> bool:
    """A figure that can contradict another: a quantity with an interval, not vague, not
    a bare four-digit number (a year far more often than a count). A change ("rose 12%")
    is one too, compared only with changes (its kind is part of `quantity_key`); a fall
    ("fell 12%", valued -12) with falls."""
    if (c.kind not in QUANTITY_KINDS and c.kind != "change") or c.qualifier == "vague" or (
        c.low is None or c.high is None
    ):
        return False
    value = c.value
    if isinstance(value, bool) or not isinstance(value, int | float) or (
        value < 0 and c.kind != "change"
    ):
        return False
    return not (c.kind == "count" and 1000 <= value <= 2100 and not c.unit
                and "," not in c.text)


# Measures written out and as symbols are one unit: "800 metres" and "800m".
_MEASURE_WORDS = {"metre": "m", "meter": "m", "kilometre": "km", "kilometer": "km",
                  "centimetre": "cm", "millimetre": "mm", "kilogram": "kg", "kilo": "kg",
                  "gram": "g", "milligram": "mg", "megabyte": "mb", "gigabyte": "gb",
                  "kilobyte": "kb", "terabyte": "tb", "mile": "mi", "litre": "l",
                  "liter": "l", "hectare": "ha"}


def _measure(noun: str) -> str:
    return _MEASURE_WORDS.get(noun, noun)


def quantity_key(c: Claim) -> tuple[str, str, str]:
    """What two figures must share to be one quantity at all: kind, currency and the noun
    counted (the head of the unit, singular; a measure by its symbol). An amount of money
    is one whatever the words after it ("$6bn gas deal", "$6bn"): its currency says what
    it counts."""
    currency = c.attrs.get("currency") or ""
    if c.kind == "amount" and currency or not c.unit:
        return (c.kind, currency, "")
    return (c.kind, currency, _unit_noun(c.unit))


@lru_cache(maxsize=8192)
def _unit_noun(unit: str) -> str:
    """The noun a unit counts, singular, a measure by its symbol (remembered per unit:
    news repeats its units)."""
    return _measure(singular(unit.split()[-1].lower()))


def unit_written(c: Claim) -> str:
    """The unit as written ("" when inferred or none), for "written the same way"."""
    return "" if c.unit_inferred else " ".join((c.unit or "").lower().split())
