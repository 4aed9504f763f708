"""Names of people and organisations in a text, each with the words around it.

A name is a run of two to five capitalised words on one line, with particles allowed
between them ("Ursula von der Leyen", "Bashar al-Assad") and titles dropped from its front
("Dr. Tahar Boumedra" -> "Tahar Boumedra"). One regex finds every candidate; Python only
looks at the (few) matches, never at each word of the text.

For the name_variant check, each distinct spelling of a document becomes one `NameFact`:
its first mention as a Claim (kind "name"), how often it is written, and its context:
the uncommon words of the sentences it is mentioned in plus the surnames of the other names
in the document. Two spellings of one person share context; two namesakes rarely do.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from checker.model import Claim, Document
from checker.textspans import TextSpans

# Letter classes for Latin scripts (Python's `re` has no \p{Lu}).
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper() and chr(c).isalpha())
_LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower() and chr(c).isalpha())
_U = f"[{re.escape(_UPPER)}]"
_L = f"[{re.escape(_LOWER)}]"
# A capitalised word ("Tahar", "McDonald", "Jean-Pierre", "O'Brien", "al-Assad") or an initial.
_WORD = (rf"(?:(?:al|el|bin|ibn|abu)-)?{_U}{_L}+(?:{_U}{_L}+)?(?:[-'’]{_U}?{_L}+)*"
         rf"|{_U}\.?(?= )")
_PARTICLE = r"(?:de|da|di|du|del|della|der|den|des|la|le|van|von|ter|ten|dos|das|bin|ibn|al|el)"
NAME_RE = re.compile(
    rf"(?<![\w'’.-])(?:{_WORD})(?: (?:{_PARTICLE} ){{0,3}}(?:{_WORD})){{1,5}}(?![\w-])"
)
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
_SALIENT = re.compile(r"[a-z][a-z'’-]{3,}|\b1[5-9]\d\d\b|\b20\d\d\b")
# Frequent words that say nothing about who a person is.
COMMON_WORDS = frozenset("""
about above according across added after again against also although among another around
away back because been before being below between both came could days does doing done
down during each even ever every first from further going gone good great have having here
himself herself into itself just know last later least less like little made make many more
most much must near never next other others over part past people percent place really
right said same says second several should show since some such take than that their them
themselves then there these they thing think this those though three through time times
today told under until upon very want week weeks well were what when where which while
whom whose will with within without would year years your also just only still even told
last people work made make called asked added spoke speaking speech event events told
news report reported reports statement says saying
""".split())

MAX_CONTEXT_WORDS = 40
MAX_CO_NAMES = 30


@dataclass(frozen=True, slots=True)
class NameMention:
    """One name as written: where it is and its tokens (title and possessive removed)."""

    start: int
    end: int
    tokens: tuple[str, ...]

    @property
    def spelling(self) -> str:
        return " ".join(self.tokens)


@dataclass(slots=True)
class NameFact:
    """One spelling of a name in one document (picklable, small)."""

    spelling: str
    claim: Claim                  # the first mention, kind "name"
    digest: str                   # of the document text: byte-identical copies count once
    count: int                    # mentions of this spelling in the document
    context: frozenset[str]       # uncommon words of its sentences
    co_names: frozenset[str]      # surnames of the other names in the document


def find_names(text: str) -> list[NameMention]:
    """Every name mention of `text`, in text order."""
    out: list[NameMention] = []
    for m in NAME_RE.finditer(text):
        mention = _clean(text, m.start(), m.group())
        if mention is not None:
            out.append(mention)
    return out


def _clean(text: str, start: int, raw: str) -> NameMention | None:
    words = raw.split(" ")
    offset = start
    # Drop everything up to the last title ("Irish Senator David Norris" -> "David Norris")
    # and any sentence opener in front ("The Prime Minister" is no name).
    # A possessive describes what follows ("Slovakia's Daniela Hantuchova"): cut it too.
    cut = 0
    for i, word in enumerate(words[:-1]):
        if word.lower().rstrip(".") in TITLES or _POSSESSIVE.search(word):
            cut = i + 1
    while cut < len(words) and words[cut].lower() in _OPENERS:
        cut += 1
    offset += sum(len(w) + 1 for w in words[:cut])
    words = words[cut:]
    if len(words) < 2:
        return None
    last = _POSSESSIVE.sub("", words[-1])
    if (_INITIAL.match(last) or len(last) < 2 or last.lower() in _OPENERS
            or last.lower() in TITLES):
        return None
    words[-1] = last
    end = offset + len(" ".join(words))
    return NameMention(offset, end, tuple(words))


def surname(tokens: tuple[str, ...]) -> str:
    return tokens[-1]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Sané' and 'SANE' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def salient_words(sentence: str) -> set[str]:
    """Uncommon words (4+ letters) and years of a sentence, lower-cased."""
    return {w.rstrip("'’") for w in _SALIENT.findall(sentence.lower())
            if w not in COMMON_WORDS} - {""}


def name_facts(doc: Document) -> list[NameFact]:
    """One NameFact per distinct spelling of a name in `doc`, in order of first mention."""
    text = doc.text
    mentions = find_names(text)
    if not mentions:
        return []
    sentences = _Sentences(text)
    line_starts = _line_starts(text)
    by_spelling: dict[str, list[NameMention]] = {}
    for m in _without_sentence_openers(mentions):
        by_spelling.setdefault(m.spelling, []).append(m)
    surnames = {fold(surname(ms[0].tokens)) for ms in by_spelling.values()}
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    facts: list[NameFact] = []
    for spelling, ms in by_spelling.items():
        first = ms[0]
        own = {fold(t) for t in first.tokens}
        context: set[str] = set()
        for m in ms[:3]:
            context |= sentences.words(m.start)
        context -= own
        others = sorted(surnames - own)[:MAX_CO_NAMES]
        facts.append(NameFact(
            spelling, _claim(doc.id, text, first, sentences.quote(first.start), line_starts),
            digest, len(ms), frozenset(sorted(context)[:MAX_CONTEXT_WORDS]), frozenset(others),
        ))
    return facts


class _Sentences:
    """The sentences of a text, split once (one regex pass), each one's words read once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = TextSpans(text).sentences
        self.starts = [s for s, _ in self.spans]
        self._words: dict[int, set[str]] = {}

    def _index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def quote(self, offset: int) -> str:
        s, e = self.spans[self._index(offset)]
        return self.text[s:e]

    def words(self, offset: int) -> set[str]:
        i = self._index(offset)
        if i not in self._words:
            self._words[i] = salient_words(self.quote(offset))
        return self._words[i]


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


def _claim(doc_id: str, text: str, m: NameMention, quote: str,
           line_starts: list[int]) -> Claim:
    line = bisect.bisect_right(line_starts, m.start)
    return Claim(
        doc=doc_id, start=m.start, end=m.end, line=line,
        column=m.start - line_starts[line - 1] + 1, text=text[m.start:m.end],
        quote=quote, kind="name", value=m.spelling,
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
