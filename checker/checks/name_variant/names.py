"""Names of people and organisations in a text, each with the words around it.

A name is a run of two to five capitalised words on one line, with particles allowed
between them ("Ursula von der Leyen", "Bashar al-Assad") and titles dropped from its front
("Dr. Tahar Boumedra" -> "Tahar Boumedra"). One regex finds every candidate; Python only
looks at the (few) matches, never at each word of the text.

For the name_variant check, each distinct spelling of a document becomes one `NameFact`:
where it is first written, how often it is written, and its context: the uncommon words
of the sentences it is mentioned in plus the surnames of the other names in the document.
Two spellings of one person share context; two namesakes rarely do. Facts are kept for
the whole corpus, so they hold plain strings and ints only; the Claim a finding cites is
built from a fact on demand (`NameFact.claim`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from checker.checks.name_variant.facts import (  # noqa: F401 - re-exported: the facts this module makes
    COMMON_WORDS,
    MAX_CO_NAMES,
    MAX_CONTEXT_WORDS,
    NameFact,
    fold,
    salient_words,
)
from checker.extract.textspans import _is_abbreviation
from checker.model import Document

# Letter classes for Latin scripts (Python's `re` has no \p{Lu}).
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper() and chr(c).isalpha())
_LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower() and chr(c).isalpha())
_U = f"[{re.escape(_UPPER)}]"
_L = f"[{re.escape(_LOWER)}]"
_PREFIX = r"(?:al|el|bin|ibn|abu)-"
# A capitalised word ("Tahar", "McDonald", "Jean-Pierre", "O'Brien", "al-Assad") or an initial.
_TAIL = rf"(?:{_U}{_L}+)?(?:[-'’]{_U}?{_L}+)*"
_WORD = rf"(?:{_PREFIX})?{_U}{_L}+{_TAIL}|{_U}\.?(?= )"
_PARTICLE = r"(?:de|da|di|du|del|della|der|den|des|la|le|van|von|ter|ten|dos|das|bin|ibn|al|el)"
_MORE_WORDS = rf"(?: (?:{_PARTICLE} ){{0,3}}(?:{_WORD})){{1,5}}(?![\w-])"


@lru_cache(maxsize=1)
def reference_name_pattern() -> re.Pattern[str]:
    """Every name, written plainly; the fast patterns below find the same matches (tests
    hold them to it). Compiled on demand: a scan never needs it."""
    return re.compile(rf"(?<![\w'’.-])(?:{_WORD}){_MORE_WORDS}")


# The same matches, found fast: the pattern starts with a character class (so `re` skips
# to the next capital in C) and gives up at once on a capital whose word is not followed
# by a space and another capital or a particle ("The cat"). It cannot start a name at a
# lower-case prefix ("al-Assad Family"): texts that may hold one use `_name_any_start()`.
_FIRST_CAPITAL = (rf"[{re.escape(_UPPER)}](?<![\w'’.-].)"
                  rf"(?=[^ \n]*+ (?:{_U}|{_PARTICLE} |{_PREFIX}))")
_NAME_FAST = re.compile(rf"{_FIRST_CAPITAL}(?:{_L}+{_TAIL}|\.?(?= )){_MORE_WORDS}")


@lru_cache(maxsize=1)
def _name_any_start() -> re.Pattern[str]:
    """`_NAME_FAST`, but a name may also start at a lower-case prefix ("al-Assad ...").
    Compiled when a text first needs it (few do): its character classes take a while."""
    return re.compile(
        rf"[{re.escape(_UPPER)}aeib](?<![\w'’.-].)"
        rf"(?:(?<={_U})(?:{_L}+{_TAIL}|\.?(?= ))"
        rf"|(?:(?<=a)l|(?<=e)l|(?<=b)in|(?<=i)bn|(?<=a)bu)-{_U}{_L}+{_TAIL}){_MORE_WORDS}"
    )


# textspans' sentence end ([.!?…]+ and closers before a new sentence, or a line break),
# written to start with a character class so `re` skips to candidates in C. Same matches.
_SENTENCE_END = re.compile(
    r"""[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*["'\u201d\u2019)\]]*"""
    r"""(?=\s+["'\u201c\u2018(\[]?[A-Z0-9]))"""
)
_HYPHEN_CAPITAL = re.compile(rf"-{_U}")
_POSSESSIVE = re.compile(r"['’]s$")
_INITIAL = re.compile(rf"^{_U}\.?$")

# Words that start a capitalised run without being part of a name: titles, sentence openers,
# days and months. Dropped from the front of a candidate; a run made only of them is no name.
TITLES = frozenset("""
mr mrs ms miss dr prof professor sir dame lord lady rev st mr. mrs. ms. dr. prof. st.
president minister senator sen judge justice general gen colonel col captain capt chief
king queen prince princess pope sheikh ayatollah imam rabbi father sister brother
chancellor governor gov mayor ambassador secretary chairman chairwoman commissioner
president-elect baroness baron earl duke duchess
""".split())
_OPENERS = frozenset("""
the a an and but or if in on at as by for from of to with without after before during
when while where why how what who this that these those there then than so yet also
he she it we they his her its our their my your i you one two three
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december new old north south east west
however meanwhile although despite according speaking asked said
""".split())
# Any word of a lower-cased run that `_clean` may cut or refuse: a title (with or without
# full stops), an opener, or a possessive. When none is there, the run is the name.
_CUT_WORDS = frozenset(w.rstrip(".") for w in TITLES | _OPENERS)


def _has_cut_word(raw: str) -> bool:
    """Whether a run holds a word `_clean` may cut: a title or an opener (full stops
    after it aside), or a possessive. One set lookup a word: runs are 2 to 5 words."""
    for word in raw.lower().split(" "):
        if word.rstrip(".") in _CUT_WORDS or word.endswith(("'s", "’s")):
            return True
    return False


@dataclass(frozen=True, slots=True)
class NameMention:
    """One name as written: where it is and its tokens (title and possessive removed)."""

    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def spelling(self) -> str:
        return " ".join(self.tokens)


def find_names(text: str) -> list[NameMention]:
    """Every name mention of `text`, in text order."""
    out: list[NameMention] = []
    for m in _name_pattern(text).finditer(text):
        mention = _clean(m.start(), m.group())
        if mention is not None:
            out.append(mention)
    return out


def _name_pattern(text: str) -> re.Pattern[str]:
    """`_NAME_FAST` unless a name could start with a lower-case prefix ("al-Assad ...")."""
    for m in _HYPHEN_CAPITAL.finditer(text):
        if text[max(0, m.start() - 3):m.start()].endswith(("al", "el", "bin", "ibn", "abu")):
            return _name_any_start()
    return _NAME_FAST


def _clean(start: int, raw: str) -> NameMention | None:
    if not _has_cut_word(raw):
        # The usual case: no title, opener or possessive anywhere in the run.
        words = raw.split(" ")
        last = words[-1]
        if len(last) < 2 or (len(last) < 3 and _INITIAL.match(last)):
            return None
        return NameMention(start, start + len(raw), tuple(words))
    words = raw.split(" ")
    # Drop everything up to the last title ("Irish Senator David Norris" -> "David Norris")
    # and any sentence opener in front ("The Prime Minister" is no name).
    # A possessive describes what follows ("Slovakia's Daniela Hantuchova"): cut it too.
    cut = 0
    for i in range(len(words) - 1):
        word = words[i]
        if word.lower().rstrip(".") in TITLES or word.endswith(("'s", "’s")):
            cut = i + 1
    while cut < len(words) and words[cut].lower() in _OPENERS:
        cut += 1
    if len(words) - cut < 2:
        return None
    if cut:
        start += sum(len(w) + 1 for w in words[:cut])
        words = words[cut:]
    last = _POSSESSIVE.sub("", words[-1])
    if (len(last) < 2 or _INITIAL.match(last) or last.lower() in _OPENERS
            or last.lower() in TITLES):
        return None
    words[-1] = last
    spelling = " ".join(words)
    return NameMention(start, start + len(spelling), tuple(words))


def surname(tokens: tuple[str, ...]) -> str:
    """The surname of a name: its last token."""
    return tokens[-1]


def name_facts(doc: Document) -> list[NameFact]:
    """One NameFact per distinct spelling of a name in `doc`, in order of first mention."""
    text = doc.text
    by_spelling = _mentions_by_spelling(text)
    if not by_spelling:
        return []
    doc_surnames = " ".join(sorted({_folded_surname(s) for s in by_spelling}))
    digest = int.from_bytes(
        hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
    positions = _positions(text, [starts[0] for starts in by_spelling.values()])
    quotes = _Sentences(text).quotes(by_spelling.values())
    return [
        NameFact(spelling, doc.id, starts[0], line, column, quote, more_sentences, digest,
                 len(starts), doc_surnames)
        for (spelling, starts), (line, column), (quote, more_sentences)
        in zip(by_spelling.items(), positions, quotes, strict=True)
    ]


def _mentions_by_spelling(text: str) -> dict[str, list[int]]:
    """The start of every mention of each spelling, spellings in order of first mention:
    `find_names` then `_without_sentence_openers`, but each distinct run of capitalised
    words is cleaned once (the same run always cleans the same way), not once per match.

    Runs come in text order and never overlap, so each dict below is in order of first
    mention: a spelling is first inserted by its earliest run."""
    runs: dict[str, list[int]] = {}
    for m in _name_pattern(text).finditer(text):
        run = m.group()
        starts = runs.get(run)
        if starts is None:
            runs[run] = [m.start()]
        else:
            starts.append(m.start())
    cleaned: dict[str, list[int]] = {}
    for run, starts in runs.items():
        clean = _clean_run(run)
        if clean is None:
            continue
        shift, spelling = clean
        if shift:
            starts = [s + shift for s in starts]
        _merge(cleaned, spelling, starts)
    if not any(spelling.count(" ") > 1 for spelling in cleaned):
        return cleaned
    # "Later Tahar Boumedra" is "Tahar Boumedra" when the document writes that name.
    out: dict[str, list[int]] = {}
    for spelling, starts in cleaned.items():
        if spelling.count(" ") > 1:
            opener, rest = spelling.split(" ", 1)
            if rest in cleaned:
                spelling, starts = rest, [s + len(opener) + 1 for s in starts]
        _merge(out, spelling, starts)
    return out


def _merge(into: dict[str, list[int]], spelling: str, starts: list[int]) -> None:
    known = into.get(spelling)
    into[spelling] = starts if known is None else sorted(known + starts)


@lru_cache(maxsize=65536)
def _clean_run(run: str) -> tuple[int, str] | None:
    """(offset of the name in the run, the name) or None: `_clean` of one run."""
    mention = _clean(0, run)
    return None if mention is None else (mention.start, mention.spelling)


@lru_cache(maxsize=65536)
def _folded_surname(spelling: str) -> str:
    return fold(spelling[spelling.rfind(" ") + 1:])


class _Sentences:
    """The sentences of a text as TextSpans splits them, found with one fast pass over the
    text (a pattern that skips in C to the next . ! ? … or line break) instead of one
    boundary search per name. A candidate full stop is checked for an abbreviation only
    when a name's sentence needs it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._candidates = list(_SENTENCE_END.finditer(text))
        self.ends = [m.end() for m in self._candidates]
        self._quotes: dict[int, str] = {}
        self._starts: dict[int, int] = {}  # candidate end after an offset -> sentence start

    def _ends_sentence(self, i: int) -> bool:
        text, stop = self.text, self._candidates[i].start()
        # A full stop after a word of 5+ letters never closes an abbreviation.
        return (text[stop] != "." or (stop >= 5 and text[stop - 5:stop].isalpha())
                or not _is_abbreviation(text, stop))

    def _sentence(self, offset: int) -> tuple[int, str]:
        """Where the sentence around `offset` starts (before its leading spaces) and its
        text, read once per sentence."""
        ends = self.ends
        after = bisect.bisect_right(ends, offset)
        start = self._starts.get(after)
        if start is None:  # the same for every offset between two candidate ends
            before = after - 1
            while before >= 0 and not self._ends_sentence(before):
                before -= 1
            start = self._starts[after] = ends[before] if before >= 0 else 0
        quote = self._quotes.get(start)
        if quote is None:
            while after < len(ends) and not self._ends_sentence(after):
                after += 1
            end = ends[after] if after < len(ends) else len(self.text)
            # str.strip() drops what str.isspace() calls a space, as textspans' _trim does.
            quote = self._quotes[start] = self.text[start:end].strip()
        return start, quote

    def quotes(self, mentions: Iterable[list[int]]) -> list[tuple[str, str]]:
        r"""For each name (the starts of its mentions): the sentence of the first mention,
        and the other sentences of the next two, each once, "\n"-joined (a sentence never
        holds a line break)."""
        out: list[tuple[str, str]] = []
        for starts in mentions:
            first, quote = self._sentence(starts[0])
            if len(starts) == 1:
                out.append((quote, ""))
                continue
            seen = [first]
            others: list[str] = []
            for offset in starts[1:3]:
                start, sentence = self._sentence(offset)
                if start not in seen:
                    seen.append(start)
                    others.append(sentence)
            out.append((quote, "\n".join(others)))
        return out


def _positions(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """Line and column of each offset (in ascending order), counted on from the previous
    one, so a long document is read once, not once per name."""
    out: list[tuple[int, int]] = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        out.append((line, offset - text.rfind("\n", 0, offset)))
    return out


def _without_sentence_openers(mentions: list[NameMention]) -> list[NameMention]:
    """"Later Tahar Boumedra" is "Tahar Boumedra" when the document writes that name
    elsewhere: a capitalised word in front of a known name is a sentence opener."""
    known = {m.tokens for m in mentions}
    out: list[NameMention] = []
    for m in mentions:
        if len(m.tokens) > 2 and m.tokens[1:] in known:
            m = NameMention(m.start + len(m.tokens[0]) + 1, m.end, m.tokens[1:])
        out.append(m)
    return out
