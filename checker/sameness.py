"""Whether two claims are about the same quantity, from their frames: a score with the
reasons for it, or the reason they are kept apart.

Used where there is no rule to say which figures belong together (the `quantity_conflict`
and `event_conflict` checks, suggested rules). Each part of the two frames adds to the
score or keeps the claims apart, and says so in words an editor can check:

| part | adds | keeps apart |
|---|---|---|
| noun counted | 2 when both state it, 1 when one is inferred | two different nouns |
| unit as written | 1 when both write it the same ("political prisoners") | |
| verb | 2 when the same | two different verbs ("cut" / "hired"); a light verb ("reached",
"stood at") against another only takes 1 off |
| entity (names) | 2 when they share a name | no name in common |
| time | 1 when they share one | no time in common ("2003" / "2004") |
| period | 1 when they share one | a rate per year and one per month |
| place, scope | 1 when they share one | none in common; "alone" on one side only |
| shared words | 1 per uncommon word both sentences hold, at most 2 | |

`STRONG` and `MODERATE` are the thresholds the checks read severities from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checker.model import QUANTITY_KINDS, Claim
from checker.rarity import table
from checker.slips import typical_slip

if TYPE_CHECKING:
    from checker.extract.frame import Frame

STRONG = 5
MODERATE = 3
MAX_SHARED_WORDS = 2
# Words rarer than this (wordfreq's Zipf scale) say what a sentence is about.
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
class FrameMatch:
    """How alike two claims' frames are: `score` and its `reasons`, or `apart` (why they
    are two quantities)."""

    score: int
    reasons: tuple[str, ...]
    apart: str | None = None
    doubt: str | None = None   # why it is no more than info (names near each, different)

    @property
    def same(self) -> bool:
        return self.apart is None


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


def frame_match(a: Claim, fa: Frame, b: Claim, fb: Frame,
                words_a: frozenset[str] | None = None,
                words_b: frozenset[str] | None = None) -> FrameMatch:
    """The match of claim `a` (frame `fa`) with claim `b` (frame `fb`); `words_*` are the
    uncommon words of their sentences (computed when not given)."""
    score = 0
    reasons: list[str] = []
    if fa.noun and fb.noun:
        if fa.noun != fb.noun:
            return FrameMatch(0, (), f"one counts '{fa.noun}', the other '{fb.noun}'")
        both = fa.noun_stated and fb.noun_stated
        score += 2 if both else 1
        reasons.append(f"both count '{fa.noun}'" + ("" if both else " (one inferred)"))
    verb_a = fa.verb if fa.verb not in _REPORTING else None
    verb_b = fb.verb if fb.verb not in _REPORTING else None
    if verb_a and verb_b:
        if verb_a == verb_b:
            score += 2
            reasons.append(f"both go with '{fa.verb}'")
        elif verb_a in _GENERAL or verb_b in _GENERAL:
            score -= 1     # "reached", "stood at": a restatement may say it either way
        else:
            return FrameMatch(0, (), f"one goes with '{verb_a}', the other with '{verb_b}'")
    rest = scope_match(a, _scope(fa), b, _scope(fb), words_a, words_b)
    if not rest.same:
        return rest
    return FrameMatch(score + rest.score, (*reasons, *rest.reasons), doubt=rest.doubt)


def scope_match(a: Claim, sa: dict[str, tuple[str, ...]], b: Claim,
                sb: dict[str, tuple[str, ...]], words_a: frozenset[str] | None = None,
                words_b: frozenset[str] | None = None) -> FrameMatch:
    """The part of `frame_match` that needs no noun or verb: the unit as written, who,
    when and where (`sa`, `sb`: a frame's entity, time and place), and shared words."""
    score = 0
    reasons: list[str] = []
    doubt: str | None = None
    unit_a, unit_b = unit_written(a), unit_written(b)
    if unit_a and unit_a == unit_b and " " in unit_a:
        score += 1
        reasons.append(f"both say '{unit_a}'")
    for part, apart in (("entity", "about"), ("time", "at"), ("period", "given"),
                        ("place", "in")):
        xa, xb = _part(sa, part), _part(sb, part)
        if part == "entity" and (not xa or not xb):
            # A name near one of them only: weak evidence; for, or a doubt.
            na, nb = xa or sa.get("nearby", ()), xb or sb.get("nearby", ())
            near = _shared_names(na, nb) if na and nb else []
            if near:
                score += 1
                reasons.append(f"both near {' '.join(near)}")
            elif na and nb:
                doubt = f"one is near {' '.join(na)}, the other near {' '.join(nb)}"
            continue
        if not xa or not xb:
            if part == "place" and (_RESTRICTIVE & set(xa or xb)):
                return FrameMatch(0, (), f"only one is limited to a part ({', '.join(xa or xb)})")
            continue
        shared = _shared_names(xa, xb) if part == "entity" else [x for x in xa if x in xb]
        if not shared:
            return FrameMatch(0, (), f"one is {apart} {', '.join(xa)}, the other {apart} "
                                     f"{', '.join(xb)}")
        if part == "place" and bool(_RESTRICTIVE & set(xa)) != bool(_RESTRICTIVE & set(xb)):
            return FrameMatch(0, (), "only one is limited to a part")
        score += 2 if part == "entity" else 1
        reasons.append(f"both {apart} {', '.join(shared)}" if part != "entity"
                       else f"both about {' '.join(shared)}")
    if words_a is None:
        words_a = uncommon_words(a.quote)
    if words_b is None:
        words_b = uncommon_words(b.quote)
    skip = {*sa["entity"], *sb["entity"], *sa.get("nearby", ()), *sb.get("nearby", ()),
            *_WORD.findall(unit_a), *_WORD.findall(unit_b)}
    shared_words = sorted(w for w in words_a & words_b if w not in skip)[:MAX_SHARED_WORDS]
    if shared_words:
        score += len(shared_words)
        reasons.append("both sentences say " + ", ".join(f"'{w}'" for w in shared_words))
    return FrameMatch(score, tuple(reasons), doubt=doubt)


# What the noun and verb can add to `scope_match`'s score, at most.
NOUN_AND_VERB = 4


def _scope(f: Frame) -> dict[str, tuple[str, ...]]:
    return {"entity": f.entity, "nearby": f.nearby, "time": f.time, "place": f.place}


def _part(scope: dict[str, tuple[str, ...]], part: str) -> tuple[str, ...]:
    """One part of a scope; "time" splits into points in time ("2004", "last year") and
    periods ("per year"): an annual rate and a year are not two different times."""
    if part == "time":
        return tuple(t for t in scope["time"] if not t.startswith("per "))
    if part == "period":
        return tuple(t for t in scope["time"] if t.startswith("per "))
    return scope[part]


def _shared_names(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
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


# -- which figures, how sure ---------------------------------------------------------

def slip_between(a: Claim, b: Claim, digits: dict[int, str] | None = None) -> str | None:
    """The typical slip between two figures (`checker.slips.typical_slip`), after a quick
    test that rules out most pairs: they differ by one, share their significant digits,
    or have as many digits and differ in at most two. `digits` memoises each claim's
    digits by id, for callers that test many pairs."""
    x, y = a.value, b.value
    if abs(x - y) != 1:
        dx, dy = _digits_of(a, digits), _digits_of(b, digits)
        if dx.rstrip("0") != dy.rstrip("0") and (
                len(dx) != len(dy) or sum(p != q for p, q in zip(dx, dy, strict=True)) > 2):
            return None
    return typical_slip(x, y)


def _digits_of(c: Claim, memo: dict[int, str] | None) -> str:
    if memo is None:
        return digits_of_value(c.value)
    found = memo.get(id(c))
    if found is None:
        found = memo[id(c)] = digits_of_value(c.value)
    return found


def digits_of_value(value: float) -> str:
    """A figure's digits without decimal point or leading zeros: 3.24 -> "324"."""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", "").lstrip("0") or "0"


def severity(alike: bool, match: FrameMatch, conf: Mapping[str, Any]) -> str | None:
    """How sure a disagreement with a typical slip is, from the rest of its evidence
    (`conf`: the check's "strong" and "fair" scores): between figures written alike
    (`alike`: same unit as written, same qualifier) an error with a strong frame match, a
    warning with a fair one (and no doubt: different names near each); otherwise info,
    unless the evidence is against it (a score under zero: two different verbs and
    nothing else in common). None: not reported."""
    if not match.same:
        return None
    if alike and match.doubt is None and match.score >= conf["strong"]:
        return "error"
    if alike and match.doubt is None and match.score >= conf["fair"]:
        return "warning"
    return "info" if match.score >= 0 else None


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


def quantity_key(c: Claim) -> tuple[str, str, str]:
    """What two figures must share to be one quantity at all: kind, currency and the noun
    counted (the head of the unit, singular). An amount of money is one whatever the words
    after it ("$6bn gas deal", "$6bn"): its currency says what it counts."""
    currency = c.attrs.get("currency") or ""
    if c.kind == "amount" and currency or not c.unit:
        return (c.kind, currency, "")
    from checker.rules.units import singular  # rapidfuzz with it: only when figures compare

    return (c.kind, currency, singular(c.unit.split()[-1].lower()))


def unit_written(c: Claim) -> str:
    """The unit as written ("" when inferred or none), for "written the same way"."""
    return "" if c.unit_inferred else " ".join((c.unit or "").lower().split())
