"""`checker eval --mutate`: what the checker catches on a user's own corpus.

The corpus is read and its claims extracted once; errors of four kinds are chosen
(`checker.evaluate.plant`) and written into a copy of the corpus in a temporary folder; the copy
is scanned as `checker scan` would (built-in checks, plus rules only when given); each
planted error counts as *found* when a finding flags a claim of its document whose span
overlaps the planted text (the role `flagged`, not `reference`). Findings that cite only
documents nothing was planted in, or taken from, are the false alarms a user would see on
their untouched documents, counted per 100 of those documents.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UserError
from checker.evaluate import plant as planting
from checker.evaluate.plant import Plant
from checker.extract import extract
from checker.model import SEVERITY_RANK, Claim, Document, Finding
from checker.read.decode import decode_bytes
from checker.read.sources import ReadOptions, Source, find_sources, read_source

_KEPT_KINDS = frozenset({"count", "percent", "amount", "date", "year", "relative_year"})
KIND_TITLES = {
    "repeated": "figure stated twice, one copy slipped",
    "cross": "figure restated across documents, changed in one",
    "weekday": "weekday made wrong for its date",
    "years_ago": "'N years ago' made wrong",
}


@dataclass
class Evaluation:
    """The plants, whether each was found (and by which finding), and the false alarms."""

    documents: int
    seed: int
    plants: list[Plant]
    found: dict[int, Finding]             # plant index -> the first finding that flags it
    untouched: int                        # documents with no plant and no partner
    false_alarms: list[Finding] = field(default_factory=list)


def evaluate(path: str, seed: int, per_kind: int, scan_copy: Callable[[str], list[Finding]],
             include: Sequence[str] = (), exclude: Sequence[str] = (),
             read: ReadOptions | None = None, warn: Callable[[str], None] = lambda _: None,
             ) -> Evaluation:
    """Plant up to `per_kind` errors of each kind into a copy of the corpus at `path`,
    scan it with `scan_copy(copy_path)`, and score the findings."""
    read = read or ReadOptions()
    root = Path(path)
    if not root.exists():
        raise UserError(f"{path}: no such file or folder")
    sources = find_sources([path], include, exclude, warn)
    docs, claims = _read_all(sources, read, warn)
    if not docs:
        raise UserError(f"no documents found in {path}")
    plants = choose_plants(docs, claims, seed, per_kind)
    with tempfile.TemporaryDirectory(prefix="checker-eval-") as tmp:
        copy = Path(tmp) / (root.name or "corpus")
        if root.is_dir():
            shutil.copytree(root, copy)
        else:
            shutil.copy2(root, copy)
        copied = {s.doc_id: s for s in find_sources([str(copy)], include, exclude)}
        plants = _write_plants(plants, docs, copied, read)
        findings = scan_copy(str(copy))
    return score(len(docs), seed, plants, findings)


def _read_all(sources: list[Source], read: ReadOptions, warn: Callable[[str], None]
              ) -> tuple[dict[str, Document], dict[str, list[Claim]]]:
    docs: dict[str, Document] = {}
    claims: dict[str, list[Claim]] = {}
    for source in sources:
        for doc in read_source(source, read, warn):
            found = extract(doc)
            docs[doc.id] = doc
            claims[doc.id] = [c for c in found if c.kind in _KEPT_KINDS]
    return docs, claims


def choose_plants(docs: dict[str, Document], claims: dict[str, list[Claim]], seed: int,
                  per_kind: int) -> list[Plant]:
    """Up to `per_kind` plants of each kind, one per document (a document that lends its
    figure to a cross-document change gets none), the same for the same seed.

    Each choice draws from its own generator, named by the seed, the kind and the
    document (`_rng`): so a document whose figures change between two versions of the
    checker changes only its own plant, and the rest of the corpus gets the same plants,
    which keeps a before-and-after comparison fair."""
    used: set[str] = set()
    plants: list[Plant] = []
    words = {d: planting.words_of(doc.text) for d, doc in docs.items()}
    cross = planting.cross_candidates(claims, words)
    cross.sort(key=lambda pair: _rng(seed, "cross", pair[1], pair[2]).random())
    taken = 0
    for figure, a, b, alike in cross:
        if taken >= per_kind or a in used or b in used:
            continue
        rng = _rng(seed, "cross", a, b)
        changed, partner = (a, b) if rng.random() < 0.5 else (b, a)
        p = planting.plant_cross(docs[changed], claims[changed], figure, partner, alike, rng,
                                 _holds(docs[changed], claims[changed]))
        if p is not None:
            plants.append(p)
            used.update((a, b))
            taken += 1
    # The scarcer kinds first, so the documents that can hold them are still free.
    makers = (planting.plant_years_ago, planting.plant_weekday, planting.plant_repeated)
    for make in makers:
        kind = make.__name__
        draw = {d: _rng(seed, kind, d).random() for d in docs if d not in used}
        order = sorted(draw, key=lambda d: (draw[d], d))
        taken = 0
        for d in order:
            if taken >= per_kind:
                break
            p = make(docs[d], claims[d], _rng(seed, kind, d, "plant"),
                     _holds(docs[d], claims[d]))
            if p is not None:
                plants.append(p)
                used.add(d)
                taken += 1
    return plants


def _rng(seed: int, *names: str) -> random.Random:
    """A generator of its own for one choice: the same seed and names, the same draws
    (a text seed is hashed with SHA-512, whatever PYTHONHASHSEED says)."""
    return random.Random("\x00".join((str(seed), *names)))


def _holds(doc: Document, claims: list[Claim]) -> planting.Check:
    """Whether a plant in `doc` really makes the error it names, read back by extraction:
    a changed figure no longer overlaps the one it replaced; a weekday no longer fits its
    date; an 'N years ago' now reads N."""

    def holds(p: Plant) -> bool:
        text = p.planted_text(doc.text)
        new = extract(Document(doc.id, text, date=doc.date, date_source=doc.date_source))
        for edit, (start, end) in zip(sorted(p.edits, key=lambda e: e.start), p.spans,
                                      strict=True):
            after = [c for c in new if c.start < end and start < c.end and c.kind in _KEPT_KINDS]
            if p.kind in ("repeated", "cross"):
                before = [c for c in claims if c.start <= edit.start and edit.end <= c.end]
                if not before or not any(_contradicts(c, before[0]) for c in after):
                    return False
            elif p.kind == "weekday":
                if not any(c.kind == "date" and c.attrs.get("weekday") == edit.new.strip(" ,")
                           for c in after):
                    return False
            elif not any(c.kind == "relative_year" for c in after):
                return False
        return True

    return holds


def _contradicts(new: Claim, old: Claim) -> bool:
    return (new.kind == old.kind and new.low is not None and new.high is not None
            and old.low is not None and old.high is not None
            and (new.high < old.low or new.low > old.high))


def _write_plants(plants: list[Plant], docs: dict[str, Document], copied: dict[str, Source],
                  read: ReadOptions) -> list[Plant]:
    """Make each plant's edits in its file of the copy (written back as UTF-8); keep the
    plants whose document, read back, is exactly the planted text (a file whose markup
    hides the spot is left alone)."""
    kept: list[Plant] = []
    for p in plants:
        source = copied.get(p.doc)
        if source is None:
            source = copied.get(p.doc.split("#", 1)[0])
        if source is None:
            continue
        expected = p.planted_text(docs[p.doc].text)
        file = Path(source.path)
        data = file.read_bytes()
        raw, _ = decode_bytes(data, source.path, lambda _: None)
        changed = _edit_raw(raw, docs[p.doc].text, p)
        if changed is None:
            continue
        file.write_bytes(changed.encode("utf-8"))   # the copy's file: any encoding reads back
        back = [d for d in read_source(source, read, lambda _: None) if d.id == p.doc]
        if len(back) == 1 and back[0].text == expected:
            kept.append(p)
        else:
            file.write_bytes(data)
    return kept


def _edit_raw(raw: str, text: str, p: Plant) -> str | None:
    """The file's text with the plant's edits made where each edit's surroundings occur
    exactly once; None when one cannot be placed."""
    for e in sorted(p.edits, key=lambda e: e.start, reverse=True):
        for width in (24, 60, 160):
            left = text[max(0, e.start - width):e.start]
            right = text[e.end:e.end + width]
            anchor = left + text[e.start:e.end] + right
            if raw.count(anchor) == 1:
                at = raw.index(anchor) + len(left)
                raw = raw[:at] + e.new + raw[at + e.end - e.start:]
                break
        else:
            return None
    return raw


def score(documents: int, seed: int, plants: list[Plant], findings: list[Finding]
          ) -> Evaluation:
    """Which plants a finding flags, and the findings on untouched documents."""
    found: dict[int, Finding] = {}
    by_doc: dict[str, list[int]] = {}
    for i, p in enumerate(plants):
        by_doc.setdefault(p.doc, []).append(i)
    touched = {p.doc for p in plants} | {p.partner for p in plants if p.partner}
    false_alarms = []
    for f in findings:
        for fc in f.claims:
            if fc.role != "flagged":
                continue
            c = fc.claim
            for i in by_doc.get(c.doc, ()):
                if i not in found and any(c.start < e and s < c.end for s, e in plants[i].spans):
                    found[i] = f
        if not any(fc.claim.doc in touched for fc in f.claims):
            false_alarms.append(f)
    return Evaluation(documents, seed, plants, found, documents - len(touched), false_alarms)


def summary_lines(ev: Evaluation, scanned_with: str) -> list[str]:
    """The report a user reads: the slips by kind, then recall per kind and the false
    alarms, the last lines being the summary."""
    lines = [f"Planted {len(ev.plants)} errors into a copy of {ev.documents} documents "
             f"(seed {ev.seed}) and scanned it with {scanned_with}."]
    slips = Counter(p.how for p in ev.plants if p.kind in ("repeated", "cross"))
    hit = Counter(ev.plants[i].how for i in ev.found if ev.plants[i].kind in ("repeated", "cross"))
    if slips:
        lines.append("Slips: " + "; ".join(f"{how} {hit[how]}/{n}" for how, n in
                                          sorted(slips.items())) + ".")
    cross = [i for i, p in enumerate(ev.plants) if p.kind == "cross"]
    near = [i for i in cross if (ev.plants[i].similarity or 0) >= planting.NEAR_COPY_SIMILARITY]
    if cross:
        other = [i for i in cross if i not in near]
        lines.append(f"Across documents: {_ratio(near, ev.found)} between near-copies, "
                     f"{_ratio(other, ev.found)} between other reports of one event.")
    lines.append("")
    lines.append(f"{'kind of error':<52}{'planted':>8}{'found':>7}{'recall':>8}")
    for kind in planting.KINDS:
        idx = [i for i, p in enumerate(ev.plants) if p.kind == kind]
        n, k = len(idx), sum(1 for i in idx if i in ev.found)
        recall = f"{100 * k / n:.0f} %" if n else "-"
        lines.append(f"{KIND_TITLES[kind]:<52}{n:>8}{k:>7}{recall:>8}")
    serious = [f for f in ev.false_alarms if SEVERITY_RANK.get(f.severity, 0) >= 2]
    per = 100 / ev.untouched if ev.untouched else 0.0
    lines.append(f"Findings on the {ev.untouched} untouched documents: {len(ev.false_alarms)} "
                 f"({len(ev.false_alarms) * per:.2f} per 100), {len(serious)} at warning or "
                 f"above ({len(serious) * per:.2f} per 100).")
    return lines


def _ratio(indexes: list[int], found: dict[int, Finding]) -> str:
    return f"{sum(1 for i in indexes if i in found)}/{len(indexes)}"
