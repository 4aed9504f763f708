"""What the name_variant check keeps of each document's names, and reads back.

Split from `names` (which finds names, with large regexes): a scan that takes every
file from the cache reads and compares these facts without compiling those.

`DocumentNames` holds one document's `NameFact`s in two layers: a light summary (each
spelling and how often it is written) that the check reads for every document, and the
facts themselves as plain rows, made into NameFacts only for the few spellings the check
compares. It is stored as data (`to_data`), checked when read back (`from_data`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.model import Claim
from checker.util.codec import BadRow

MAX_CONTEXT_WORDS = 40
MAX_CO_NAMES = 30

# Uncommon words (4+ letters) and years. A word is only looked for at the start of a run
# of letters: inside one, the match that started at its first letter already took it.
_SALIENT_WORD = re.compile(r"[a-z](?<![a-z][a-z])[a-z'’-]{3,}")
_SALIENT_YEAR = re.compile(r"[12](?<!\w[12])(?:(?<=1)[5-9]|(?<=2)0)\d\d\b")
_DIGIT = re.compile(r"\d")
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


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Sané' and 'SANE' fold alike."""
    if text.isascii():
        return text.lower().replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def salient_words(sentence: str) -> set[str]:
    """Uncommon words (4+ letters) and years of a sentence, lower-cased."""
    lowered = sentence.lower()
    words = set(_SALIENT_WORD.findall(lowered))
    words -= COMMON_WORDS
    if "'" in lowered or "’" in lowered:
        quoted = [w for w in words if w.endswith(("'", "’"))]
        words.difference_update(quoted)
        words.update(w.rstrip("'’") for w in quoted)
    if _DIGIT.search(lowered):
        words.update(_SALIENT_YEAR.findall(lowered))
    return words


@lru_cache(maxsize=65536)
def _folded_tokens(spelling: str) -> frozenset[str]:
    return frozenset(fold(t) for t in spelling.split(" "))



@dataclass(slots=True)
class NameFact:
    """One spelling of a name in one document, and where it is first written.

    Kept for every document of a corpus, so it is small and cheap to make: the document's
    surnames are one string shared by all its facts, and the only text kept is the
    sentences of the first three mentions (a finding cites the first). Their uncommon
    words (`context`) are read only when the corpus check compares this spelling with
    another, which few spellings ever are.
    """

    spelling: str
    doc: str
    start: int                    # the first mention
    line: int
    column: int
    quote: str                    # the sentence of the first mention
    more_sentences: str           # the other sentences of mentions 2 and 3, "\n"-joined
    digest: int                   # of the document text: byte-identical copies count once
    count: int                    # mentions of this spelling in the document
    doc_surnames: str             # folded surnames of every name in the document, sorted

    @property
    def end(self) -> int:
        return self.start + len(self.spelling)

    @property
    def context(self) -> frozenset[str]:
        """Uncommon words of the sentences of the first three mentions, minus the name's
        own words (the alphabetically first MAX_CONTEXT_WORDS)."""
        words = salient_words(self.quote)
        if self.more_sentences:
            for sentence in self.more_sentences.split("\n"):
                words |= salient_words(sentence)
        words -= _folded_tokens(self.spelling)
        return frozenset(sorted(words)[:MAX_CONTEXT_WORDS])

    @property
    def co_names(self) -> frozenset[str]:
        """Surnames of the other names in the document (at most MAX_CO_NAMES)."""
        own = {fold(t) for t in self.spelling.split(" ")}
        others = set(self.doc_surnames.split()) - own
        return frozenset(sorted(others)[:MAX_CO_NAMES])

    @property
    def claim(self) -> Claim:
        """The first mention as a Claim (kind "name"), built only when cited."""
        return Claim(
            doc=self.doc, start=self.start, end=self.end, line=self.line, column=self.column,
            text=self.spelling, quote=self.quote, kind="name", value=self.spelling,
        )


class DocumentNames:
    """One document's name facts (one per distinct spelling, in order of first mention).

    Stored as its summary (document, text digest, spellings, counts) plus the rest of
    each fact as a plain row, so that reading the summary of every document of a corpus
    costs a few small lists each, and NameFacts are made only for a document holding a
    spelling the check compares."""

    __slots__ = ("doc", "digest", "spellings", "counts", "_surnames", "_rows", "_facts")

    def __init__(self, facts: list[NameFact]) -> None:
        first = facts[0] if facts else None
        self.doc = first.doc if first else ""
        self.digest = first.digest if first else 0
        self.spellings = tuple(f.spelling for f in facts)
        self.counts = tuple(f.count for f in facts)
        self._surnames = first.doc_surnames if first else ""
        self._rows: list[list] | None = None
        self._facts: list[NameFact] | None = list(facts)

    def to_data(self) -> list:
        """[doc, digest, spellings, counts, surnames, rows]: plain JSON data."""
        rows = self._rows
        if rows is None:
            rows = [[f.start, f.line, f.column, f.quote, f.more_sentences]
                    for f in self._facts or []]
        return [self.doc, self.digest, list(self.spellings), list(self.counts),
                self._surnames, rows]

    @classmethod
    def from_data(cls, data: Any, checked: bool = True) -> DocumentNames:
        """Back from `to_data` (after a JSON round trip); BadRow if it is anything else.
        `checked=False` trusts data this process wrote itself."""
        if checked and not (type(data) is list and len(data) == 6 and isinstance(data[0], str)
                and type(data[1]) is int and isinstance(data[2], list)
                and isinstance(data[3], list) and isinstance(data[4], str)
                and isinstance(data[5], list)
                and len(data[2]) == len(data[3]) == len(data[5])
                and all(isinstance(s, str) for s in data[2])
                and all(type(n) is int for n in data[3])
                and all(type(r) is list and len(r) == 5 and all(map(isinstance, r, _ROW))
                        for r in data[5])):
            raise BadRow("not stored name facts")
        names = cls.__new__(cls)
        names.doc, names.digest = data[0], data[1]
        names.spellings, names.counts = tuple(data[2]), tuple(data[3])
        names._surnames, names._rows, names._facts = data[4], data[5], None
        return names

    @property
    def facts(self) -> list[NameFact]:
        if self._facts is None:
            self._facts = [
                NameFact(spelling, self.doc, start, line, column, quote, more, self.digest,
                         count, self._surnames)
                for spelling, count, (start, line, column, quote, more)
                in zip(self.spellings, self.counts, self._rows or [], strict=True)
            ]
        return self._facts

    def __iter__(self) -> Iterator[NameFact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.spellings)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DocumentNames):
            return NotImplemented
        return self.facts == other.facts

    __hash__ = None  # type: ignore[assignment]  # equal by value, so unhashable

    def __repr__(self) -> str:
        return f"DocumentNames({self.doc!r}, {list(self.spellings)!r})"


# The types of a stored fact row: start, line, column, sentence, more sentences.
_ROW = (int, int, int, str, str)
