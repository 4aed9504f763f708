"""The precision model: every row of the tables in docs/rules.md ("How figures are read"
and "What contradicts what") is a case here, and each row must be in the docs as written."""

from __future__ import annotations

import pytest

from checker.compare.groups import compare_group
from checker.extract import extract_text
from checker.extract.intervals import written_interval
from checker.rules.load import load_rules
from tests.conftest import REPO

# (the text says, the interval it commits to)
READINGS = [
    ("463 signatories", "463"),
    ("30 people", "30"),
    ("2,140 passengers", "2,135-2,145"),
    ("8,000 workers", "7,600-8,400"),
    ("10,000 people", "9,500-10,500"),
    ("30,000 prisoners", "28,500-31,500"),
    ("1.5 million people", "1,450,000-1,550,000"),
    ("2.5% of voters", "2.45-2.55"),
    ("about 17,000 people", "15,300-18,700"),
    ("an estimated 20,000 people", "18,000-22,000"),
    ("some 600 soldiers", "540-660"),
    ("nearly 1 million people", "900,000-1,000,000"),
    ("more than 16,000 people", "16,000-32,000"),
    ("over 300 prisoners", "300-600"),
    ("at least 2,400 passengers", "2,400-4,800"),
    ("up to 500 workers", "250-500"),
    ("fewer than 40 people", "20-40"),
    ("between 8,000 and 8,500 men", "8,000-8,500"),
    ("dozens of people", "24-144"),
    ("thousands of prisoners", "2,000-999,999"),
    ("tens of thousands of refugees", "20,000-99,999"),
]

# (one figure, another, the rule's tolerance or "", do they contradict?)
PAIRS = [
    ("an estimated 20,000", "16,744", "", True),
    ("about 17,000", "16,744", "", False),
    ("more than 16,000", "16,744", "", False),
    ("10,000", "12,000", "", True),
    ("10,000", "9,600", "", False),
    ("over 300", "over 30,000", "", True),
    ("thousands", "30,000", "", False),
    ("thousands", "300", "", True),
    ("462", "463", "", True),
    ("about 400", "400", "", False),
    ("some 600", "400", "", True),
    ("8,000", "8,372", "", False),
    ("nearly 500", "463", "", False),
    ("about 17,000", "16,744", "1%", True),
    ("an estimated 20,000", "16,744", "20%", False),
    ("462", "463", "1", False),
    ("8,000", "8,372", "0", True),
]


def only_claim(text: str):
    claims = [c for c in extract_text(text) if c.kind == "count"]
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(("text", "interval"), READINGS)
def test_how_a_figure_is_read(text: str, interval: str) -> None:
    claim = only_claim(f"They counted {text} that year.") if "%" not in text else next(
        c for c in extract_text(f"They counted {text} that year.") if c.kind == "percent")
    assert written_interval(claim.low, claim.high) == interval


@pytest.mark.parametrize(("first", "second", "tolerance", "contradict"), PAIRS)
def test_what_contradicts_what(tmp_path, first: str, second: str, tolerance: str,
                               contradict: bool) -> None:
    compare = f"\ncompare: {{tolerance: '{tolerance}'}}" if tolerance else ""
    path = tmp_path / "r.yaml"
    path.write_text(f"id: r\nmatch: {{units: [people]}}{compare}\n", encoding="utf-8")
    (rule,) = load_rules([str(path)])
    claims = [only_claim(f"They said {first} people died."),
              only_claim(f"They said {second} people died.")]
    claims[1].start += 100
    assert bool(compare_group(rule, claims)) is contradict


def test_every_row_is_in_the_docs() -> None:
    doc = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for text, interval in READINGS:
        assert f"| `{text}` | {interval} |" in doc, text
    for first, second, tolerance, contradict in PAIRS:
        verdict = "contradict" if contradict else "agree"
        row = f"| `{first}` | `{second}` | {('`' + tolerance + '`') if tolerance else '—'} " \
              f"| {verdict} |"
        assert row in doc, row
