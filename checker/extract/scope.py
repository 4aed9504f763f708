"""Who, when and where a figure is about, read from its clause: the entity, time and place
fields of a claim's frame (`checker.extract.frame`).

Two statements of one figure can only be the same quantity when they are about the same
thing at the same time in the same place: "profits at Harrow Steel rose 12% in 2003" and
"profits at Harrow Steel rose 21% in 2004" are two quantities, so are "2,000 homes were
flooded in the capital alone" and "20,000 homes nationwide". Each field is a tuple of
short lower-case markers, empty when the clause says nothing:

- `entity`: the words of the names in the clause ("harrow", "steel"); `subject`, those
  of the names before the figure in its clause ("Depardieu made 3.35m euros"); `nearby`,
  when the clause has none, those of the nearest name in the sentence;
  with titles ("Mr", "President") and sentence-opening capitals that are ordinary words
  ("The", "Sales") left out; a name after "in", "across" ... is a place instead, and the
  name of whoever is quoted ("said Anna Berg") is neither.
- `time`: years, months, weekdays, quarters and relative years ("last year", "a year
  earlier") in the clause.
- `place`: names after "in", "across", "throughout" ... and scope words ("nationwide",
  "worldwide", "alone", "abroad").
"""

from __future__ import annotations

import re

from checker.extract.rarity import zipf

_NAME = re.compile(r"(?<![\w'’&.-])(?:[A-Z][A-Za-z'’&.-]*[A-Za-z](?:\s+(?:of\s+|de\s+|the\s+|"
                   r"von\s+|van\s+|al-|&\s+)?[A-Z][A-Za-z'’&.-]*[A-Za-z])*|[A-Z]{2,}\b)")
_PLACE_WORDS = re.compile(r"\b(?:in|across|throughout|outside|inside|within|around)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
_SCOPE = re.compile(r"\b(nationwide|worldwide|globally|alone|abroad|overseas|domestically|"
                    r"nationally|internationally|locally|in\s+total|across\s+the\s+country|"
                    r"the\s+capital|the\s+region|the\s+city)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?!\d|,\d)")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE = re.compile(
    r"\b(?:(last|this|next|previous|past|coming)\s+(year|month|week|quarter|season|decade)"
    r"|a\s+(year|month|week|decade)\s+(earlier|ago|before|later)"
    r"|(first|second|third|fourth|final)\s+(quarter|half)"
    r"|(annual|annually|yearly|quarterly|monthly|weekly|daily|a\s+year|a\s+month|a\s+week|a\s+day"
    r"|per\s+year|per\s+month|each\s+year|every\s+year))\b",
    re.IGNORECASE)
# Rates, one name each: "annual" and "a year" are one period.
_PERIODS = {
    **dict.fromkeys(("annual", "annually", "yearly", "a year", "per year", "each year",
                     "every year"), "per year"),
    "quarterly": "per quarter",
    **dict.fromkeys(("monthly", "a month", "per month"), "per month"),
    **dict.fromkeys(("weekly", "a week"), "per week"),
    **dict.fromkeys(("daily", "a day"), "per day"),
}
# A name that only says who is speaking: "said Anna Berg", "Anna Berg, a spokeswoman, said".
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|according\s+to|added|explained|asked)\s+"
                             r"(?:the\s+)?$", re.IGNORECASE)
# Where a quotation ends and its attribution starts: '...," said the spokesman of ...'.
_ATTRIBUTION = re.compile(r"[,.!?][\"”]\s+(?:[\w'’-]+\s+){0,4}?(?:said|says|added|told)\b",
                          re.IGNORECASE)
_SPEAKER_END = re.compile(r"\s*(?:[,.;:(]|$)")
_SPEAKER_AFTER = re.compile(r"\s*(?:,[^,.;]{0,60},\s*)?(?:said|says|told|added)\b",
                            re.IGNORECASE)
_TITLES = frozenset("""
mr mrs ms dr sir lord lady dame prof president minister prime chancellor secretary chief
general judge king queen prince princess pope senator governor mayor chairman st the a an
""".split())
# A word this frequent (wordfreq's Zipf scale) opening a sentence is taken for an ordinary
# word ("Sales", "Shares", "The"), not a name ("Ryanair"), unless written capitalised
# mid-sentence somewhere in the text ("Sony" is 4.2, but the text says "by Sony").
_ORDINARY = 3.5
# A single capitalised word this frequent names no one in particular ("the Budget").
_EVERYDAY = 4.5


_MONTH_OR_DAY = re.compile(r"\b(" + "|".join(w.capitalize() for w in (*_MONTHS, *_DAYS))
                           + r")\b")
_MID_SENTENCE_CAPITAL = re.compile(r"[a-z,;] ([A-Z][a-z]+)")


class ScopeReader:
    """The entity, time and place markers of one text's claims. The names of a sentence
    are found and sorted out (entity, place, speaker) once, for all its claims."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._names: dict[int, list[tuple[int, int, str, tuple[str, ...]]]] = {}
        self._capitals: frozenset[str] | None = None

    def scope(self, own: tuple[int, int], clause: tuple[int, int],
              sentence: tuple[int, int]) -> dict[str, tuple[str, ...]]:
        """Entity, time and place of the claim at `own`, each read from its clause; when
        the clause names no one, `nearby` holds the nearest name of the sentence (weaker
        evidence: it may be about another part of the sentence)."""
        names = self._sentence_names(*sentence)
        cut = _ATTRIBUTION.search(self.text, own[1], sentence[1])
        stop = cut.start() if cut is not None else sentence[1]
        people = [n for n in names if n[2] == "entity" and n[3] and n[1] <= stop
                  and not (n[0] < own[1] and own[0] < n[1])]
        entity = _words(n for n in people if clause[0] <= n[0] and n[1] <= clause[1])
        subject = _words(n for n in people if clause[0] <= n[0] and n[1] <= own[0])
        nearby: tuple[str, ...] = ()
        if not entity and people:
            # None in the clause: the nearest name of the sentence, before the claim first.
            before = [n for n in people if n[1] <= own[0]]
            nearby = (before[-1] if before else min(people, key=lambda n: n[0] - own[1]))[3]
        place = [" ".join(n[3]) for n in names if n[2] == "place"
                 and clause[0] <= n[0] and n[1] <= clause[1]]
        place += [" ".join(m.group(1).lower().split())
                  for m in _SCOPE.finditer(self.text, *clause)]
        return {"entity": entity, "subject": subject, "nearby": nearby,
                "time": self._time(*clause), "place": tuple(dict.fromkeys(place))}

    def _time(self, start: int, end: int) -> tuple[str, ...]:
        text = self.text
        found = [m.group(1) for m in _YEAR.finditer(text, start, end)]
        found += [m.group(1).lower() for m in _MONTH_OR_DAY.finditer(text, start, end)]
        for m in _RELATIVE.finditer(text, start, end):
            said = " ".join(" ".join(g.lower() for g in m.groups() if g).split())
            found.append(_PERIODS.get(said, said))
        return tuple(dict.fromkeys(found))

    def _sentence_names(self, start: int, end: int) -> list[tuple[int, int, str, tuple[str, ...]]]:
        found = self._names.get(start)
        if found is None:
            found = self._names[start] = [self._name(m, start) for m in
                                          _NAME.finditer(self.text, start, end)]
        return found

    def _name(self, m: re.Match[str], sentence_start: int) -> tuple[int, int, str, tuple[str, ...]]:
        text = self.text
        tokens = [t.strip(".'’").lower().removesuffix("'s").removesuffix("’s")
                  for t in m.group().split()]
        if _PLACE_WORDS.search(text, max(sentence_start, m.start() - 20), m.start()):
            kind = "place"
        elif (_SPEAKER_BEFORE.search(text, max(0, m.start() - 25), m.start())
              and _SPEAKER_END.match(text, m.end())) or _SPEAKER_AFTER.match(text, m.end()):
            kind = "speaker"
        else:
            kind = "entity"
            if _opens(text, m.start(), sentence_start) and "&" not in m.group():
                # "Sales rose", "The Telegraph": an ordinary word opening a sentence is no
                # name, unless the text also writes it capitalised mid-sentence (or it is
                # part of a firm's name: "Marks & Spencer").
                while tokens and self._ordinary_opener(tokens[0]):
                    tokens.pop(0)
        tokens = [t for t in tokens if t not in _TITLES and t not in _MONTHS and t not in _DAYS
                  and len(t) >= 2]
        if kind == "entity" and len(tokens) == 1 and zipf(tokens[0]) >= _EVERYDAY:
            tokens = []   # "Budget", "Olympic": a capitalised everyday word names nothing
        if kind == "place" and not tokens:
            kind = "none"
        return (m.start(), m.end(), kind, tuple(tokens))

    def _ordinary_opener(self, word: str) -> bool:
        if zipf(word) < _ORDINARY:
            return False
        if self._capitals is None:
            self._capitals = frozenset(w.lower() for w in
                                       _MID_SENTENCE_CAPITAL.findall(self.text))
        return word not in self._capitals


def _opens(text: str, at: int, sentence_start: int) -> bool:
    """Whether a word at `at` opens its sentence or line (after a quote, dash or bullet)."""
    if at == sentence_start:
        return True
    before = text[max(sentence_start, text.rfind("\n", 0, at) + 1):at]
    return not any(ch.isalnum() for ch in before)


def _words(names) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for n in names:
        out.update(dict.fromkeys(n[3]))
    return tuple(out)
