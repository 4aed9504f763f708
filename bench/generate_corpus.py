"""Write a news corpus of a given size for the scale bench, built from real text.

Each generated article takes the paragraphs of a few articles of the source folders (the
shipped corpus/ and, when given, any folder of .txt/.md articles), reshuffled, under a
date header. Figures repeat across articles as they do in real coverage; now and then
one is changed the way copies drift (off by one, digits swapped, a zero dropped), so the
scan has real contradictions to find. The same arguments always write the same bytes.

Output: .jsonl files of ARTICLES_PER_FILE records ({"id", "date", "text"}) under OUT/, or
one .txt file per article with --format txt.

    python bench/generate_corpus.py OUT --size 300MB [--source ../shared/data/bbc]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ARTICLES_PER_FILE = 500
DRIFT_RATE = 0.02  # share of paragraphs in which one figure drifts
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?:,\d{3})*(?![\d,]*\d)")
_UNITS = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "B": 1}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"\s*([\d.]+)\s*([KMG]?B)?\s*", text.upper())
    if not match:
        raise SystemExit(f"bad size {text!r}; e.g. 300MB, 1GB")
    return int(float(match.group(1)) * _UNITS[match.group(2) or "B"])


def read_paragraphs(folders: list[Path]) -> list[list[str]]:
    """Each source article as its list of paragraphs (header lines dropped)."""
    articles = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in (".txt", ".md") or not path.is_file():
                continue
            text = path.read_text("utf-8", errors="replace")
            paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
            paras = [p for p in paras if len(p) > 40 and not p.lower().startswith("date:")]
            if len(paras) >= 2:
                articles.append(paras)
    if not articles:
        raise SystemExit("no source articles found (.txt/.md with 2+ paragraphs)")
    return articles


def drift(paragraph: str, rng: random.Random) -> str:
    """The paragraph with one of its figures miscopied, if it has one."""
    numbers = list(_NUMBER.finditer(paragraph))
    if not numbers:
        return paragraph
    m = rng.choice(numbers)
    digits = m.group().replace(",", "")
    how = rng.randrange(3)
    if how == 0:
        new = str(int(digits) + rng.choice((-1, 1)))
    elif how == 1 and len(digits) >= 2:
        new = digits[:-2] + digits[-1] + digits[-2]
    else:
        new = digits[:-1] if len(digits) > 2 else digits + "0"
    if "," in m.group() and len(new) > 3:
        new = f"{int(new):,}"
    return paragraph[: m.start()] + new + paragraph[m.end():]


def article(articles: list[list[str]], rng: random.Random, n: int) -> dict[str, str]:
    base = rng.choice(articles)
    paras = list(base[: rng.randint(2, max(2, len(base)))])
    extra = rng.choice(articles)
    paras += extra[1: 1 + rng.randint(0, 3)]
    paras = [drift(p, rng) if rng.random() < DRIFT_RATE else p for p in paras]
    year = rng.randint(2005, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"id": f"a{n:08d}", "date": date, "text": "\n\n".join(paras) + "\n"}


def generate(out: Path, size: int, sources: list[Path], fmt: str, seed: int) -> int:
    """Write about `size` bytes of articles under `out`; returns the bytes written."""
    rng = random.Random(seed)
    articles = read_paragraphs(sources)
    out.mkdir(parents=True, exist_ok=True)
    written = n = 0
    while written < size:
        if fmt == "jsonl":
            lines = []
            for _ in range(ARTICLES_PER_FILE):
                lines.append(json.dumps(article(articles, rng, n), ensure_ascii=False))
                n += 1
            data = ("\n".join(lines) + "\n").encode("utf-8")
            (out / f"part-{n // ARTICLES_PER_FILE:06d}.jsonl").write_bytes(data)
        else:
            a = article(articles, rng, n)
            folder = out / f"{n // 1000:05d}"
            folder.mkdir(exist_ok=True)
            data = f"date: {a['date']}\n\n{a['text']}".encode()
            (folder / f"{a['id']}.txt").write_bytes(data)
            n += 1
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (outside the repository)")
    parser.add_argument("--size", default="100MB", help="total size, e.g. 100MB, 1GB")
    parser.add_argument("--source", type=Path, action="append", default=[],
                        help="folder of .txt/.md articles (repeatable; corpus/ always used)")
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sources = [root / "corpus", *args.source]
    written = generate(args.out, parse_size(args.size), sources, args.format, args.seed)
    print(f"wrote {written / 1e6:.1f} MB to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
