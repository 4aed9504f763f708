"""share_over_100: a share of a whole above 100%, which no whole has.

## What it finds
A share of a whole above 100%: "600% of those asked", "owns 400% of the brewery", "a 250%
stake", most often a zero added. A change ("rose 130%"), a ratio to another quantity
("160% of income"), a comparison or effort can pass 100% and are left alone.

## Why it matters
A percentage of a group of people or things, of a poll's answers, or of a firm someone
owns cannot pass 100%: "more than 700% of people", "Some 750% said", "owns 400% of the
brewery", "a 250% stake" are slips, most often a zero added ("70%" typed "700%"). Other
percentages can pass 100% and are left alone: a change ("rose 130%", "a 500% increase":
kind `change`, or a change word next to the figure), a ratio to another quantity ("160% of
income", "150% of the target"), a comparison ("250% more than"), effort ("giving 200%").

A share is read from the words next to the figure (its own sentence only):
- "of" and a group: a plural noun ("of buyers", "of the homes"), a word for a people
  ("of the population", "of voters", "of those asked");
- a poll's verb right after it ("750% said", "120% of adults think");
- ownership: "stake" next to it, or "owns", "holds", "controls", "bought", "sold"
  just before it;
- a rate that is a share: unemployment, turnout, market share.

## Example
PASS: "Exports rose 130% in a decade." (a change)
PASS: "Household debt is about 160% of income." (a ratio to another quantity)
FAIL: "Nearly 600% of those asked said the buses run late." (a share of a group)
FAIL: "The fund, which owns 400% of the brewery, said nothing." (ownership)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.model import Claim, Document, Finding, Severity
from checker.model.findings import make_finding, written

ID = "share_over_100"
SEVERITY: Severity = "error"
DEFAULT: dict[str, Any] = {}

_SP = r"[ \t\u00a0]+"
_GROUPS = frozenset("people population public electorate workforce staff adults children "
                    "everyone respondents voters those them households homes consumers users "
                    "members workers employees viewers readers listeners".split())
_OF = re.compile(rf"{_SP}of{_SP}", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words that end the "of" phrase before its noun: a verb, a preposition.
_PHRASE_END = frozenset("""
in on at for from to by with as than into over under about after before since during who
which that were was are is will would could can may might said say says had has have
""".split())
_POLL = re.compile(
    rf"{_SP}(?:said|say|says|think|thought|believe|believed"
    r"|agree|agreed|disagree|disagreed|want|wanted|backed|back|supported|support|favour"
    r"|favoured|opposed|oppose|voted|feel|felt|would|did|do|were|are)\b", re.IGNORECASE)
_STAKE_AFTER = re.compile(rf"{_SP}(?:controlling{_SP}|minority{_SP}|majority{_SP})?stake\b",
                          re.IGNORECASE)
_STAKE_BEFORE = re.compile(
    rf"\b(?:owns?|owned|holds?|held|controls?|controlled|bought|buys?|sold|sells?|acquired?"
    rf"|stake{_SP}(?:of|at|from|to)|stake{_SP}in{_SP}[^,.;]{{1,40}})"
    rf"{_SP}(?:(?:a|an|its|the|almost|nearly|about|some|over|more{_SP}than|from){_SP})*$",
    re.IGNORECASE)
_RATE_BEFORE = re.compile(
    rf"\b(unemployment|jobless|turnout|market{_SP}share)\b[^,.;]{{0,40}}$", re.IGNORECASE)
_NOT_SHARES = re.compile(rf"^(?:{_SP}(?:more|higher|greater|bigger|larger|up|rise|increase"
                         r"|growth|jump|gain|return|effort|markup|mark-up)\b)", re.IGNORECASE)
# Plural nouns after "of" that are amounts, not groups: "120% of earnings".
_AMOUNTS = frozenset("""
earnings profits revenues sales costs assets liabilities wages salaries savings funds
taxes prices levels values rates returns losses debts reserves expectations forecasts
estimates targets limits means averages norms dollars pounds euros points marks
""".split())


def check(
    doc: Document, claims: list[Claim], conf: Mapping[str, Any]  # noqa: ARG001 - the document-check interface
) -> Iterator[Finding]:
    """Findings for a share of a whole given as more than 100 per cent."""
    for c in claims:
        if c.kind != "percent" or c.low is None or c.low <= 100:
            continue
        share = share_of(doc.text, c)
        if share is not None:
            message = (f"{written(c)} is {share}, and no share of a whole passes 100% (a "
                       f"slip: a zero added? or a change written as a share).")
            message = message[:1].upper() + message[1:]
            yield make_finding(ID, ID, SEVERITY, message, [c], (), {"share": share})


def share_of(text: str, c: Claim) -> str | None:
    """What the figure is, in words for the message ("a share of buyers", "a stake in a
    firm"), or None when the words next to it do not make it a share."""
    start = max(0, c.start - 80, text.rfind(".", 0, c.start) + 1)
    before = text[start:c.start]
    after = text[c.end:c.end + 120]
    stop = re.search(r"[.;!?\n]", after)
    after = after[:stop.start()] if stop else after
    if _NOT_SHARES.match(after):
        return None
    m = _OF.match(after)
    if m:
        for word in _WORD.findall(after, m.end())[:6]:
            noun = word.lower()
            if noun in _PHRASE_END or noun in _AMOUNTS:
                break
            if noun in _GROUPS or _plural(noun):
                return f"a share of {noun}"
    if _POLL.match(after):
        return "a share of those asked"
    if _STAKE_AFTER.match(after) or _STAKE_BEFORE.search(before):
        return "a stake in a firm"
    rate = _RATE_BEFORE.search(before)
    if rate:
        return f"a rate that is a share ({rate.group(1).lower()})"
    return None


def _plural(word: str) -> bool:
    from checker.extract.units import is_plural

    return is_plural(word)
