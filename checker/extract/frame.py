"""The frame of a claim: its own clause, the noun it counts and the verb it goes with.

A news sentence often holds several figures: "The ferry carried 1,130 people; only 410
survived and 716 drowned." A rule about deaths must take 716 and leave the others, so each
claim needs more than its sentence:

- `clause`: (start, end) of the claim's own clause. A sentence splits at ";", ":", dashes
  and brackets, at ", while", ", of whom", ", which", ", but", ", as" ..., after a verb
  that reports what follows ("officials say | 716 died"), and at "and", "but" or a
  comma when the parts on both sides each hold a figure ("410 survived and 716 drowned";
  "Of the 1,130 aboard, 410 survived"), never inside a claim ("between 20 and 30") nor
  between two nouns ("8,000 men and boys").
- `noun`: the lemma of what the figure counts: the unit written after it ("signatories" ->
  "signatory"; "people" and "persons" -> "person"), "of the passengers" after it, or, for
  a bare figure, the noun of an earlier figure of its sentence ("carried 1,130 people;
  only 410 survived") or of a back-reference ("The 462"); `noun_stated` says which.
- `verb`: the lemma of the verb or relation word the figure goes with: after it ("716
  drowned", "30 were killed", "1,130 people aboard") or before it ("killed 30 people",
  "the ferry carried 1,130"); None when there is none.
- `owner`: the lemmas of what the figure is a part of, from "of ..." right after it
  ("41% of women" -> "woman"; "15% of Yukos' oil unit" -> "oil", "unit": a possessor is
  not the owner); empty when the figure has none.

A sentence longer than `MAX_QUOTE` characters (a text with no full stops) is read in
windows of `_BLOCK` characters with `_MARGIN` on either side, as quotes are: a clause,
a name or a verb is never further from its figure than that, and a giant sentence costs
time in proportion to its length, not its square.

Frames cost time per claim, so they are computed where a scan needs them (rule selection
asks per claim, lazily), never inside `extract()`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.extract.lemmas import noun_lemma, verb_reading
from checker.extract.scope import ScopeReader
from checker.extract.textspans import MAX_QUOTE, TextSpans
from checker.extract.units import is_plural
from checker.model import QUANTITY_KINDS, Claim

__all__ = ["Frame", "FrameReader", "frames_of"]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a claim is about, read from its clause. Build it with keywords: fields may be
    added (with defaults)."""

    clause: tuple[int, int]
    noun: str | None = None
    noun_stated: bool = False
    verb: str | None = None
    # Who, when and where (`checker.extract.scope`): lower-case markers, empty if unsaid.
    entity: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()     # the names before the figure in its clause
    nearby: tuple[str, ...] = ()      # the nearest name, when the clause names no one
    time: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()

    def to_attrs(self) -> dict[str, object]:
        """Plain values for `Claim.attrs["frame"]`: what the store and the JSON keep."""
        return {"clause": list(self.clause), "noun": self.noun,
                "noun_stated": self.noun_stated, "verb": self.verb,
                "entity": list(self.entity), "subject": list(self.subject),
                "nearby": list(self.nearby),
                "time": list(self.time), "place": list(self.place), "owner": list(self.owner)}

    @classmethod
    def from_attrs(cls, attrs: dict[str, object]) -> Frame:
        """The frame `to_attrs` wrote (fields it lacks take their defaults)."""
        known = {k: v for k, v in attrs.items() if k in cls.__dataclass_fields__}
        for key in ("clause", "entity", "subject", "nearby", "time", "place", "owner"):
            if key in known:
                known[key] = tuple(known[key])  # type: ignore[arg-type]  # lists to_attrs wrote
        return cls(**known)  # type: ignore[arg-type]  # the fields to_attrs wrote


# Boundaries that always end a clause: ";", ":" before a space, dashes set off by spaces,
# a comma before a word that opens a subordinate or contrasting clause, and
# ", and" before a new subject (", and the image of the ship ...").
_STRONG = re.compile(
    r";|:(?=\s)|\s[-\u2013\u2014]{1,2}\s|\u2014"
    r"|,(?=\s+(?:while|whereas|but|although|though|which|who|whom|whose|of\s+whom"
    r"|of\s+which|including|compared\s+with|against|up\s+from|down\s+from)\b)"
    r"|,(?=\s+(?:and|but|yet)\s+(?:the|a|an|this|that|these|those|his|her|their|its|it|they"
    r"|he|she|we|there)\b)"
    # ", as rescuers gave up": "as" opening a clause of its own, not "as many as", "as
    # well", "as expected" or "as part of".
    r"|,(?=\s+as\s+(?!(?:many|much|well|long|far|soon|of|part|a|an|such|high|low|little"
    r"|few|recently|early|late|expected|usual|planned|promised|agreed|reported|before|ever"
    r"|always|though|if|to|per|against|with|for|in|at|on|opposed|compared|likely)\b)[a-z])"
    # The verb that reports a clause, and its "that": "Survivors' groups say | 716 people
    # died": the figure's clause is what was said, not who said it.
    r"|\b(?:say|says|said|saying|insisted|insists)\s+(?:that\s+)?(?=[\w\"'\u201c])"
    r"|\b(?:added|adds)\s+that\s+(?=[\w\"'\u201c])"    # not "added 300 jobs"
    r"|\b(?:told|tells)\s+(?:the\s+)?[A-Z]?[a-z]+\s+(?:that\s+)?(?=[\w\"'\u201c])",
    re.IGNORECASE,
)
# Boundaries that end a clause only between two figures.
_WEAK = re.compile(r",|\s(?:and|but|while|whereas)(?=\s)", re.IGNORECASE)
_BRACKET = re.compile(r"[()\[\]]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*")
_OF_NOUN = re.compile(
    r"\s+of\s+(?:(them|those|whom|which|these)\b|(?:(?:the|these|those|its|their|his|her|our"
    r"|all)\s+)?([A-Za-z-]+)(?:\s+([A-Za-z]+))?)",
    re.IGNORECASE,
)

# Words that state what happened to the counted things without a verb ("1,130 aboard").
RELATION_WORDS = frozenset(
    "aboard onboard dead missing alive homeless unaccounted safe present absent".split()
)
# Auxiliaries and adverbs passed over on the way to the verb ("were later killed").
_AUX = frozenset("""
is are was were be been being am has have had having will would could should can may might
must shall do does did reportedly also still later then all both now already only just
finally eventually initially officially allegedly never not subsequently since
""".split())
# Verbs that report rather than state: "were reported killed" goes with "kill".
_REPORTING = frozenset(
    "reported said believed feared thought confirmed known estimated presumed listed "
    "counted registered recorded".split()
)
# Words passed over looking back from a figure to its verb ("rose to 40", "killed some").
_BEFORE_SKIP = frozenset("""
to by of the a an some only just another all its their his her our nearly almost about
around over under at least more than fewer less up as many much an estimated roughly
""".split())
_NOT_NOUNS = frozenset("""
them those whom which these others other ones people's times years months weeks days hours
minutes seconds percent cent
""".split())
_BE_HAVE = frozenset({"be", "have", "do"})
_LINKING = frozenset({"go", "become", "remain", "stay", "turn"})
_LOOK_AFTER = 6     # words read after a figure for its verb
_LOOK_BEFORE = 4    # words read back from a figure for its verb
_BLOCK = 400        # a giant sentence is read in windows of this many characters ...
_MARGIN = 300       # ... with this many more on either side
# "of ..." after a figure, up to the first punctuation: what the figure is a part of.
_OF_PHRASE = re.compile(r"\s+of\s+((?:[^,.;:()\[\]\"\u201c\u201d!?]|[,.](?=\d)){1,80})",
                        re.IGNORECASE)
# Words that end the "of" phrase (a new clause or a preposition) or say nothing in it.
_OWNER_STOP = frozenset("""
in on at for from to by with as than into over under about after before since during per of
who whom whose which that where when while and or but is are was were be been has have had
will would could should can may might said says
""".split())
_OWNER_SKIP = frozenset("the a an its their his her our your my all these this some any "
                        "other such same total those them whom which".split())


class FrameReader:
    """Frames of one document's claims, computed on demand and memoised per sentence.

    `claims` are the document's claims in text order (as `extract` returns them)."""

    def __init__(self, text: str, claims: Sequence[Claim],
                 spans: TextSpans | None = None) -> None:
        self.text = text
        self.claims = claims
        self.spans = spans if spans is not None else TextSpans(text)
        self._frames: dict[int, Frame] = {}
        self._sentences: dict[tuple[int, int], _Sentence] = {}
        self._last: _Sentence | None = None
        self._starts = [c.start for c in claims]
        self.scope = ScopeReader(text)
        self._scopes: dict[int, dict[str, tuple[str, ...]]] = {}

    def frame(self, index: int) -> Frame:
        """The frame of `claims[index]`."""
        found = self._frames.get(index)
        if found is None:
            found = self._frames[index] = self._read(index)
        return found

    def clause(self, index: int) -> tuple[int, int]:
        """The clause of `claims[index]` alone (no noun or verb: no dictionary lookups)."""
        found = self._frames.get(index)
        if found is not None:
            return found.clause
        claim = self.claims[index]
        return self._sentence(claim.start).clause_of(claim)[0]

    # -- reading ---------------------------------------------------------------------------
    def _sentence(self, offset: int) -> _Sentence:
        last = self._last
        if last is not None and last.core[0] <= offset < last.core[1]:
            return last                    # news sentences hold several claims
        start, end = self.spans.sentence_at(offset)
        key = (start, 0)
        if end - start > MAX_QUOTE:        # a giant sentence: the window around `offset`
            block = (offset - start) // _BLOCK
            key = (start, block)
        sentence = self._sentences.get(key)
        if sentence is None:
            core = (start, end)
            if key[1] or end - start > MAX_QUOTE:
                core = (start + key[1] * _BLOCK, min(end, start + (key[1] + 1) * _BLOCK))
                start, end = _window(self.text, start, end, core)
            sentence = self._sentences[key] = _Sentence(self, start, end, core)
        self._last = sentence
        return sentence

    def _read(self, index: int) -> Frame:
        claim = self.claims[index]
        sentence = self._sentence(claim.start)
        clause, segment = sentence.clause_of(claim)
        noun, stated = self._noun(index)
        verb, skipped = _verb_after(self.text, claim.end, clause[1], sentence.brackets)
        if verb is None or skipped:    # a verb right before the figure wins over a far one
            verb = _verb_before(self.text, clause[0], claim.start) or verb
        if verb is None and clause[1] < segment[1]:
            verb = _verb_after(self.text, clause[1], segment[1], sentence.brackets)[0]
        return Frame(clause=clause, noun=noun, noun_stated=stated, verb=verb,
                     owner=owner_of(self.text, claim.end, sentence.end),
                     **self.who_when_where(index))

    def who_when_where(self, index: int) -> dict[str, tuple[str, ...]]:
        """The entity, time and place fields of `claims[index]`'s frame, without reading
        its noun and verb (no lemmas needed): a cheap first look."""
        found = self._scopes.get(index)
        if found is None:
            claim = self.claims[index]
            sentence = self._sentence(claim.start)
            clause, _ = sentence.clause_of(claim)
            found = self._scopes[index] = self.scope.scope(
                (claim.start, claim.end), clause, (sentence.start, sentence.end))
        return found

    def noun_word(self, index: int) -> tuple[str | None, bool]:
        """(the word the claim's noun is read from, as written, and whether it is written
        for this figure): the frame's noun before lemmatising. Cheap (no dictionary), for
        callers that match words themselves (rule units)."""
        claim = self.claims[index]
        if claim.kind not in QUANTITY_KINDS:
            return None, False
        if claim.unit and not claim.unit_inferred:
            return claim.attrs.get("unit_head") or claim.unit.split()[-1], True
        m = _OF_NOUN.match(self.text, claim.end)
        if m and not m.group(1):               # "12 of the signatories", "of Dutch troops"
            for word in (m.group(2), m.group(3)):
                if word and is_plural(word) and word.lower() not in _NOT_NOUNS:
                    return word, True
        if claim.unit:                                  # a back-reference: "The 462"
            return claim.unit.split()[-1], False
        # An earlier figure of the sentence: for "N of them" the nearest ("325 students;
        # 250 of them died"), else the head of the list ("killed 64 people, including 19
        # children, and 27 more were injured": 27 people).
        nearest = bool(m and m.group(1))
        start = self._sentence(claim.start).start
        found = None
        for j in range(index - 1, -1, -1):
            other = self.claims[j]
            if other.start < start:
                break
            if other.kind == claim.kind and other.unit and not other.unit_inferred:
                found = j
                if nearest:
                    break
        if found is not None:
            return self.noun_word(found)[0], False
        return None, False

    def _noun(self, index: int) -> tuple[str | None, bool]:
        word, stated = self.noun_word(index)
        return (None, False) if word is None else (noun_lemma(word), stated)


class _Sentence:
    """One sentence's clause boundaries, computed once for all its claims (of a giant
    sentence, one window's: `core` is the part whose claims it serves)."""

    __slots__ = ("start", "end", "core", "segments", "clauses", "brackets", "text")

    def __init__(self, reader: FrameReader, start: int, end: int,
                 core: tuple[int, int] | None = None) -> None:
        self.start, self.end = start, end
        self.core = core or (start, end)
        self.text = text = reader.text
        self.brackets = _brackets(text, start, end)
        inside = _claim_spans(reader, start, end)
        # A bracketed aside is its own clause; around it, the sentence reads on as if it
        # were not there ("30,000 prisoners (most of them ...) were executed").
        figures = sorted(s for s, _, kind in inside if kind in QUANTITY_KINDS
                         and not any(o < s < c for o, c in self.brackets))
        inside += [(o, c + 1, "") for o, c in self.brackets]
        cuts = [m for m in _STRONG.finditer(text, start, end) if not _within(m.start(), inside)]
        self.segments = _pieces(text, start, end, cuts)
        self.clauses: list[tuple[int, int]] = []
        for s, e in self.segments:
            weak = [m for m in _WEAK.finditer(text, s, e) if not _within(m.start(), inside)]
            self.clauses += _split_between_figures(text, s, e, weak, figures)

    def clause_of(self, claim: Claim) -> tuple[tuple[int, int], tuple[int, int]]:
        """(clause, strong segment) holding the claim's start."""
        at = claim.start
        aside = [(o, c) for o, c in self.brackets if o < at < c]
        if aside:
            o, c = max(aside)                          # the innermost bracket
            clause = _trim(self.text, o + 1, c)
            return clause, clause
        clause = next((c for c in self.clauses if c[0] <= at < c[1]), (self.start, self.end))
        segment = next((s for s in self.segments if s[0] <= at < s[1]), clause)
        return clause, segment


def _window(text: str, start: int, end: int, core: tuple[int, int]) -> tuple[int, int]:
    """The part of a giant sentence `start:end` read for the claims in `core`: `_MARGIN`
    characters more on either side, cut at spaces."""
    lo, hi = max(start, core[0] - _MARGIN), min(end, core[1] + _MARGIN)
    if lo > start:
        space = text.find(" ", lo, core[0])
        lo = space + 1 if space >= 0 else lo
    if hi < end:
        space = text.rfind(" ", core[1], hi)
        hi = space if space >= 0 else hi
    return lo, hi


def owner_of(text: str, end: int, stop: int) -> tuple[str, ...]:
    """The lemmas of the "of" phrase right after a figure ending at `end` (see the module
    doc), read no further than `stop`."""
    m = _OF_PHRASE.match(text, end, stop)
    if m is None:
        return ()
    from checker.extract.wording import content_lemma

    out: list[str] = []
    for word in _WORD.findall(m.group(1)):
        low = word.lower()
        if low in _OWNER_STOP:
            break
        if low in _OWNER_SKIP or word[0].isdigit():
            continue
        if low.endswith(("'s", "\u2019s", "'", "\u2019")):
            continue                           # a possessor: "Yukos' unit" is the unit's
        if out and verb_reading(low)[1] and not is_plural(low):
            break                              # "of women agreed": the clause's verb
        out.append(content_lemma(word))
        if len(out) == 6:
            break
    return tuple(dict.fromkeys(out))


def _brackets(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of the matched round and square brackets of a stretch."""
    pairs: list[tuple[int, int]] = []
    if text.find("(", start, end) < 0 and text.find("[", start, end) < 0:
        return pairs
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch in "([":
            stack.append((ch, i))
        elif stack and stack[-1][0] == ("(" if ch == ")" else "["):
            pairs.append((stack.pop()[1], i))
    return pairs


def _claim_spans(reader: FrameReader, start: int, end: int) -> list[tuple[int, int, str]]:
    import bisect

    i = bisect.bisect_left(reader._starts, start)
    out: list[tuple[int, int, str]] = []
    while i < len(reader.claims) and reader.claims[i].start < end:
        c = reader.claims[i]
        out.append((c.start, c.end, c.kind))
        i += 1
    return out


def _within(offset: int, spans: list[tuple[int, int, str]]) -> bool:
    return any(s <= offset < e for s, e, _ in spans)


def _pieces(text: str, start: int, end: int, cuts: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The stretches between cuts, trimmed, empty ones dropped."""
    out, at = [], start
    for m in [*cuts, None]:
        stop = m.start() if m is not None else end
        s, e = _trim(text, at, stop)
        if e > s:
            out.append((s, e))
        if m is not None:
            at = m.end()
    return out or [(start, end)]


def _split_between_figures(text: str, start: int, end: int, cuts: list[re.Match[str]],
                           figures: list[int]) -> list[tuple[int, int]]:
    """Split at each weak cut that has a figure on both sides within this stretch."""
    kept: list[re.Match[str]] = []
    at = start
    for i, m in enumerate(cuts):
        right_end = cuts[i + 1].start() if i + 1 < len(cuts) else end
        left = any(at <= f < m.start() for f in figures)
        right = any(m.end() <= f < right_end for f in figures)
        if left and right:
            kept.append(m)
            at = m.end()
    return _pieces(text, start, end, kept)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,":
        start += 1
    while end > start and text[end - 1] in " \t\n,.!?":
        end -= 1
    return start, end


def _verb_after(text: str, start: int, end: int,
                asides: Sequence[tuple[int, int]] = ()) -> tuple[str | None, int]:
    """(the verb or relation word a figure is the subject of, how many other words come
    between): "716 drowned", "30 were later killed", "were reported killed", "1,130
    people aboard", "who died", "9 went missing" (a linking verb gives way to the
    relation word after it). Words of a bracketed aside (`asides`) are passed over."""
    after_aux = False
    linking: str | None = None
    skipped = n = 0
    for m in _WORD.finditer(text, start, end):
        if asides and any(o < m.start() < c for o, c in asides):
            continue
        n += 1
        if n > _LOOK_AFTER:
            break
        word = m.group().lower()
        if word[0].isdigit():
            break                                     # another figure's words follow
        if word in RELATION_WORDS:
            return word, skipped
        if linking is not None:
            return linking, skipped
        if word in _AUX or word == "who":
            after_aux = after_aux or word not in ("who", "all", "both", "only")
            continue
        lemma, plain = verb_reading(word)
        if lemma is not None and (plain or after_aux):
            if word in _REPORTING and after_aux:
                continue
            if lemma in _LINKING:
                linking = lemma
                continue
            return (None if lemma in _BE_HAVE else lemma), skipped
        if after_aux:
            return None, skipped
        skipped += 1
    return linking, skipped


def _verb_before(text: str, start: int, end: int) -> str | None:
    """The verb a figure is the object of: "killed 30", "carried 1,130", "rose to 40"
    (never across a comma: "According to her, 14 ...")."""
    start = max(start, text.rfind(",", start, end) + 1)
    words = [m.group().lower() for m in _WORD.finditer(text, start, end)]
    for n, word in enumerate(reversed(words)):
        if n >= _LOOK_BEFORE or word[0].isdigit():
            break
        if word in _BEFORE_SKIP:
            continue
        if word in RELATION_WORDS:
            return word
        lemma, plain = verb_reading(word)
        if lemma is not None and (plain or word in _AUX):
            return None if lemma in _BE_HAVE and word not in ("had", "has", "have") else lemma
        return None
    return None


def frames_of(text: str, claims: Sequence[Claim], spans: TextSpans | None = None) -> list[Frame]:
    """The frame of every claim of one document (claims in text order)."""
    reader = FrameReader(text, claims, spans)
    return [reader.frame(i) for i in range(len(claims))]
