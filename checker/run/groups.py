"""Rule groups compared over the claim store: each group's members read back (or
shuffled on a Dask cluster), compared, and the findings made to cite the store's full
claims. Comparison is imported where it is used, lazily for start-up: a scan without
rules never loads it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model import Finding, finding_id
from checker.rules.rule import Rule
from checker.run.store import ClaimStore, unpack_members


def compare_members(rule: Rule, pieces: list[tuple[int, int, str]]) -> list[Finding]:
    """Findings of one group from its (src, pos, packed members) pieces, citing light
    claims (see `ClaimStore.full_claim`). Runs locally or on a Dask worker."""
    from checker.compare.groups import compare_group

    pieces = sorted(pieces, key=lambda p: (p[0], p[1]))
    return compare_group(rule, unpack_members(pieces))


def cite_full_claims(findings: list[Finding], store: ClaimStore) -> list[Finding]:
    """Swap each cited light claim for the stored claim and fingerprint the finding again
    (its id covers the sentences of the claims it cites)."""
    from checker.model.findings import finding_order

    for f in findings:
        for fc in f.claims:
            fc.claim = store.full_claim(fc.claim)
        f.id = finding_id(f.rule, f.check, f.claims)
    findings.sort(key=finding_order)
    return findings


def compare_stored_groups(store: ClaimStore, rules_by_id: dict[str, Rule]) -> list[Finding]:
    """Each rule group's findings, group by group (sorted by group), read from the store."""
    findings: list[Finding] = []
    groups = list(stored_groups(store, rules_by_id))
    if not groups:
        return findings                  # no rules: comparison is never loaded
    from checker.compare.groups import compare_group

    for group, rule in groups:
        findings.extend(cite_full_claims(compare_group(rule, store.group_members(group)),
                                         store))
    return findings


def stored_groups(store: ClaimStore, rules_by_id: dict[str, Rule]) -> Iterator[tuple[str, Rule]]:
    """Each rule group of the store with its rule. A group whose rule is not one of the
    scan's can only come from a damaged cache row: it is dropped as damaged."""
    for group in store.groups():
        rule = rules_by_id.get(store.group_rule(group) or "")
        if rule is None:
            for src in store.member_sources(group):
                store._damage(src)
            continue
        yield group, rule
