"""Contradictions within a document found with no rule: frames (noun, verb, entity, time,
place), the quantity_conflict check, and its split with drift. The sentences are written
for these tests."""

from __future__ import annotations

import pytest

from checker.checks import run_document_checks
from checker.extract import extract_text
from checker.extract.frame import frames_of
from checker.model import Document, Finding


def frames(text: str) -> dict[str, object]:
    claims = extract_text(text)
    return {c.text: f for c, f in zip(claims, frames_of(text, claims), strict=True)}


def conflicts(text: str) -> list[Finding]:
    found = run_document_checks(Document("doc.txt", text), extract_text(text, "doc.txt"))
    return [f for f in found if f.check == "quantity_conflict"]


# --- frames --------------------------------------------------------------------------------

def test_frame_reads_noun_verb_entity_time_and_place() -> None:
    f = frames("In the capital alone, Corvane Shipping dismissed 2,400 dockers last year.")
    got = f["2,400 dockers"]
    assert (got.noun, got.noun_stated, got.verb) == ("docker", True, "dismiss")
    assert got.entity == ("corvane", "shipping")
    assert got.time == ("last year",)
    assert set(got.place) == {"the capital", "alone"}


def test_frame_time_is_the_clause_s_own() -> None:
    f = frames("Sales at Pellew Mills rose 8% in 2003, while costs fell 3% in 2004.")
    assert f["8%"].time == ("2003",) and f["3%"].time == ("2004",)
    assert f["8%"].verb == "rise" and f["3%"].verb == "fall"


def test_frame_entity_leaves_out_openers_titles_and_speakers() -> None:
    f = frames('"We shed 90 posts," said Tobiah Wrenn, of Morlake Foods.')
    assert f["90 posts"].entity == ()            # the speaker is not what the figure is about
    f = frames("Morlake Foods shares fell 4% on Monday.")
    assert f["4%"].entity == ("morlake", "foods")   # a rare word opening a sentence: a name
    assert f["4%"].time == ("monday",)
    f = frames("Sales fell 4% at Morlake Foods.")
    assert f["4%"].entity == ("morlake", "foods")   # "Sales" opens the sentence: no name


def test_frame_nearby_name_when_the_clause_names_none() -> None:
    f = frames("Morlake Foods confirmed the cuts; 1,280 jobs would go by June.")
    got = f["1,280 jobs"]
    assert got.entity == () and got.nearby == ("morlake", "foods")


def test_frame_periods_are_kept_apart_from_points_in_time() -> None:
    f = frames("The mill turned out 4,100 tonnes a year.")
    assert f["4,100 tonnes"].time == ("per year",)


# --- the check -------------------------------------------------------------------------------

HEADLINE = ("Harrow Steel profits rise 12%\n\n"
            "Profits at Harrow Steel rose 21% in the year to March, the firm said on Tuesday.")


def test_headline_against_body_is_found_and_says_why() -> None:
    (finding,) = conflicts(HEADLINE)
    assert sorted(c.text for c in finding.flagged()) == ["12%", "21%"]   # no side to prefer
    assert finding.details["slip"] == "digits swapped"
    assert "'harrow'" in finding.message and "headline" in finding.message  # why one quantity
    assert "digits swapped" in finding.message                # why they conflict
    assert finding.severity in ("warning", "error")


def test_a_slip_between_two_counts_of_one_thing_is_found() -> None:
    text = ("Ferry Aurelia sinks with 1,130 passengers\n\n"
            "The Aurelia sank off Brel Point on Sunday with 1,310 passengers aboard.")
    (finding,) = conflicts(text)
    assert "'passenger'" in finding.message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Profits at Harrow Steel rose 12% in 2003. Profits at Harrow Steel rose 21% in 2004.",
         "time"),
        ("In the capital alone, 2,000 homes were flooded. Across the country, 20,000 homes "
         "were flooded.", "scope"),
        ("The Kelso plant axed 120 jobs in May. The Kelso plant created 210 jobs in May.",
         "verb"),
        ("Depardieu earned 3.35m euros in 2004. Jean Reno earned 3.55m euros in 2004.",
         "names"),
        ("The Kelso plant axed 120 jobs in May. By June the Kelso plant had axed 210 jobs.",
         "month"),
        ("Staff voted 463 to 462 for the deal. In all, 463 staff took part.", "comparison"),
        ("The set has 2,225 files. Of those, 2,224 files were clean. One file was damaged.",
         "difference stated"),
        ("The hotel has 100 rooms. Next year it will have 101 rooms.", "short figures"),
        ("He is 25 and she is 52.", "bare numbers"),
    ],
)
def test_figures_kept_apart(text: str, why: str) -> None:
    assert conflicts(text) == [], why


def test_severity_follows_the_evidence() -> None:
    strong = ("Tarn Mills to shed 1,460 jobs\n\nTarn Mills will shed 1,640 jobs at its Selby "
              "works, Tarn Mills said.")
    weak = "The county counted 1,460 voters. Later 1,640 voters were listed."
    (a,) = conflicts(strong)
    (b,) = conflicts(weak)
    assert a.severity == "error"        # same words, noun, verb and name: a slip
    assert b.severity == "info"         # little says they are one quantity
    assert a.details["frame"]["score"] > b.details["frame"]["score"]


def test_drift_and_quantity_conflict_report_a_disagreement_once() -> None:
    text = ("Some 463 experts signed. All 463 signatories wrote again. The 462 signatories "
            "met the panel.")
    found = run_document_checks(Document("doc.txt", text), extract_text(text, "doc.txt"))
    disputes = [f for f in found if f.check in ("drift", "quantity_conflict")]
    assert [f.check for f in disputes] == ["drift"]
    assert [c.text for c in disputes[0].flagged()] == ["462 signatories"]


def test_the_check_can_be_turned_off() -> None:
    doc = Document("doc.txt", HEADLINE)
    assert run_document_checks(doc, extract_text(HEADLINE, "doc.txt"),
                               disabled={"quantity_conflict"}) == []


def test_the_quick_pair_test_passes_every_pair_a_typical_slip_names() -> None:
    """`slip_pairs` skips `typical_slip` for pairs the quick digit test rejects: it must
    never reject a pair with a slip (whole and fractional figures, zeros, falls)."""
    from itertools import combinations

    from checker.checks.quantity_conflict import _may_slip, slip_pairs
    from checker.compare.slips import typical_slip

    values = sorted({*range(0, 130), *(10 * n for n in range(1, 60)), 463, 462, 436, 4630,
                     46300, 463000, 4.63, 46.3, 1200.0, 120.0, 12.5, 125.0, 1250,
                     1_500_000, 15_000_000, 1.5e9, -12, -21, -120, -1200, 0.5, 5.0})
    slipped = [(v, w) for v, w in combinations(values, 2) if typical_slip(v, w) is not None]
    assert len(slipped) > 50
    assert all(_may_slip(v, w) and _may_slip(w, v) for v, w in slipped)
    # A small group with a slip in it is judged; one without none is, quickly.
    assert slip_pairs([463.0, 462.0, 17.0]) == [(462.0, 463.0, "off by one")]
    assert slip_pairs([463.0, 17.0, 2004.0]) == []
