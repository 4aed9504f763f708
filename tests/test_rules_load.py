"""Loading rule files: the simple forms, and one precise error (file:line:column) per mistake."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from checker.errors import UserError
from checker.rules import schema
from checker.rules.load import check_rules, load_rules, rules_hash
from checker.rules.rule import Rule

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return str(path)


def load_one(tmp_path: Path, text: str) -> Rule:
    rules = load_rules([write(tmp_path, text)])
    assert len(rules) == 1
    return rules[0]


FULL = """
rules:
  - id: massacre-1988-victims
    title: Political prisoners killed in the 1988 massacre in Iran
    kind: count
    match:
      units: [political prisoners, prisoners, people, victims]
      context: {all: ["1988"], any: [massacre, executed, killed], none: [Polish]}
      window: paragraph
      docs: ["**/*.md"]
    compare: {across: corpus, tolerance: 0%}
    expect: {value: 30000, qualifier: over}
    severity: error
    message: "{text} here, but {consensus} elsewhere"
"""


def test_full_form(tmp_path: Path) -> None:
    rule = load_one(tmp_path, FULL)
    assert rule == Rule(
        id="massacre-1988-victims",
        title="Political prisoners killed in the 1988 massacre in Iran",
        kinds=("count",),
        units=("political prisoners", "prisoners", "people", "victims"),
        context_all=("1988",), context_any=("massacre", "executed", "killed"),
        context_none=("Polish",), window="paragraph", docs=("**/*.md",), across="corpus",
        tolerance=0.0, tolerance_abs=0.0, tolerance_set=True, expect_value=30000.0,
        expect_qualifier="over",
        severity="error", message="{text} here, but {consensus} elsewhere",
        source=f"{tmp_path / 'r.yaml'}:2",
    )


@pytest.mark.parametrize(
    ("yaml_lines", "expected"),
    [
        ("match: {units: signatories}", {"units": ("signatories",)}),
        ("match: {units: people, context: '1988'}", {"context_all": ("1988",)}),
        ("match: {units: people, context: [1988, massacre]}",
         {"context_all": ("1988", "massacre")}),
        ("kind: [count, amount]\nmatch: {units: x}", {"kinds": ("count", "amount")}),
        ("match: {units: x, window: 2}", {"window": 2}),
        ("match: {units: x, window: Paragraph}", {"window": "paragraph"}),
        ("match: {units: x, window: document}", {"window": "document"}),
        ("match: {units: x, docs: 'press/*.txt'}", {"docs": ("press/*.txt",)}),
        ("match: {units: x}\nexpect: 463", {"expect_value": 463.0, "expect_qualifier": "exact"}),
        ("match: {units: x}\nexpect: over 30,000",
         {"expect_value": 30000.0, "expect_qualifier": "over"}),
        ("match: {units: x}\nexpect: more than 8,000 men and boys",
         {"expect_value": 8000.0, "expect_qualifier": "over"}),
        ("match: {units: x}\nexpect: nearly 1 million",
         {"expect_value": 1e6, "expect_qualifier": "nearly"}),
        ("match: {units: x}\nexpect: at least 400", {"expect_qualifier": "at_least"}),
        ("match: {units: x}\nexpect: between 8,000 and 8,500",
         {"expect_value": 8000.0, "expect_qualifier": "between", "expect_high": 8500.0}),
        ("match: {units: x}\nexpect: 8000-8500",
         {"expect_qualifier": "between", "expect_high": 8500.0}),
        ("match: {units: x}\nexpect: {value: '30,000', qualifier: more than}",
         {"expect_value": 30000.0, "expect_qualifier": "over"}),
        ("match: {units: x}\nexpect: {value: 1, qualifier: between, high: 2}",
         {"expect_high": 2.0}),
        ("match: {units: x}\ncompare: {tolerance: 5%}", {"tolerance": 0.05, "tolerance_abs": 0}),
        ("match: {units: x}\ncompare: {tolerance: 0.05}", {"tolerance": 0.05}),
        ("match: {units: x}\ncompare: {tolerance: 10}", {"tolerance": 0, "tolerance_abs": 10}),
        ("match: {units: x}\ncompare: {tolerance: 1}", {"tolerance_abs": 1}),
        ("match: {units: x}\ncompare: {tolerance: '2.5 %'}", {"tolerance": 0.025}),
        ("match: {units: x}\ncompare: {across: document}", {"across": "document"}),
        ("match: {units: x}\nseverity: Warning", {"severity": "warning"}),
        ("match: {units: [x, x, y]}", {"units": ("x", "y")}),
    ],
)
def test_simple_forms(tmp_path: Path, yaml_lines: str, expected: dict) -> None:
    rule = load_one(tmp_path, "id: r\n" + yaml_lines + "\n")
    for field, value in expected.items():
        assert getattr(rule, field) == pytest.approx(value) if isinstance(value, float) \
            else getattr(rule, field) == value, field


def test_defaults_apply_to_rules_of_their_file(tmp_path: Path) -> None:
    a = write(tmp_path, """
        defaults: {window: paragraph, severity: warning, tolerance: 5%}
        rules:
          - id: a
            match: {units: x}
          - id: b
            match: {units: x, window: sentence}
            severity: info
        """, "a.yaml")
    b = write(tmp_path, "id: c\nmatch: {units: x}\n", "b.yaml")
    a_rule, b_rule, c_rule = load_rules([a, b])
    assert (a_rule.window, a_rule.severity, a_rule.tolerance) == ("paragraph", "warning", 0.05)
    assert (b_rule.window, b_rule.severity) == ("sentence", "info")
    assert (c_rule.window, c_rule.severity) == ("sentence", "error")


def test_file_forms_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    write(folder, "- id: b1\n  match: {units: x}\n- id: b2\n  match: {units: y}\n", "b.yml")
    write(folder, "id: a1\nmatch: {units: x}\n", "a.yaml")
    write(folder, "not a rule file", "notes.txt")
    single = write(tmp_path, "id: z\nmatch: {units: x}\n", "z.yaml")
    rules = load_rules([str(folder), single, str(folder / "a.yaml")])
    assert [r.id for r in rules] == ["a1", "b1", "b2", "z"]
    assert rules[1].source.endswith("b.yml:1") and rules[2].source.endswith("b.yml:3")
    assert check_rules([single]) == load_rules([single])


def test_yaml_merge_keys(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, """
        rules:
          - id: a
            match: &m {units: x, window: paragraph}
          - id: b
            match: {<<: *m, window: 3}
        """)])
    assert (rules[1].units, rules[1].window) == (("x",), 3)


def test_rules_hash_is_stable_and_sensitive(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, FULL)])
    assert rules_hash(rules) == rules_hash(load_rules([write(tmp_path, FULL)]))
    changed = [dataclasses.replace(rules[0], tolerance=0.01)]
    assert rules_hash(changed) != rules_hash(rules)
    assert len(rules_hash(rules)) == 64


# (rule file, expected "line:column: message")
ERRORS = [
    ("rules:\n  - id: a\n    match: {units: x\n", "4:1: invalid YAML: expected ',' or '}', "
     "but got '<stream end>' (while parsing a flow mapping)"),
    ("rules:\n- id: a\n  match:\n    units: [x]\n   window: 2\n",
     "5:4: invalid YAML: expected <block end>, but found '<block mapping start>' "
     "(while parsing a block mapping)"),
    ("id: a\nmatch:\n  unit: people\n", "3:3: unknown key 'unit' in match; did you mean 'units'?"),
    ("id: a\nmatch: {units: x}\nseverty: error\n",
     "3:1: unknown key 'severty' in rule; did you mean 'severity'?"),
    ("id: a\nunits: [x]\n", "2:1: unknown key 'units' in rule; it belongs under 'match'"),
    ("id: a\nmatch: {units: x}\nfoo: 1\n", "3:1: unknown key 'foo' in rule; allowed: id, title, "
     "kind, match, compare, expect, severity, message"),
    ("id: a\nmatch: {units: x, context: {al: [x]}}\n",
     "2:29: unknown key 'al' in context; did you mean 'all'?"),
    ("id: a\nmatch: {units: x}\nseverity: fatal\n",
     "3:11: severity must be one of error, warning, info; got 'fatal'"),
    ("id: a\nmatch: {units: x, window: para}\n", "2:27: window must be sentence, paragraph, "
     "document or a number of sentences; got 'para'; did you mean 'paragraph'?"),
    ("id: a\nmatch: {units: x, window: -1}\n", "2:27: window must be sentence, paragraph, "
     "document or a number of sentences; got '-1'"),
    ("rules:\n  - id: a\n    match: {units: x}\n  - id: a\n    match: {units: y}\n",
     "4:9: duplicate rule id 'a' (first defined at {path}:2)"),
    ("id: a\nmatch: {units: []}\n", "2:16: units must list at least one unit (or leave out "
     "'units' to match claims of any unit)"),
    ("id: a\nmatch: {units: [x, '']}\n", "2:20: units must not be empty"),
    ("id: a\nmatch: {units: '--'}\n", "2:16: unit '--' has no words to match"),
    ("title: t\nmatch: {units: x}\n", "1:1: rule has no id; add a line like 'id: my-rule'"),
    ("rules:\n  - title: t\n", "2:5: rule has no id; add a line like 'id: my-rule'"),
    ("id: 'a b'\nmatch: {units: x}\n", "1:5: rule id 'a b' may use only letters, digits, '-', "
     "'_' and '.', and must start with a letter or digit"),
    ("id: a\nkind: counts\nmatch: {units: x}\n", "2:7: unknown claim kind 'counts'; allowed: "
     + ", ".join(schema.KINDS) + "; did you mean 'count'?"),
    ("id: a\nkind: [count, money]\nmatch: {units: x}\n", "2:15: unknown claim kind 'money'; "
     "allowed: " + ", ".join(schema.KINDS) + "; did you mean 'month'?"),
    ("id: a\nmatch: {units: x, docs: ['[abc']}\n",
     "2:26: document glob '[abc' has an unclosed '['"),
    ("id: a\nmatch: {units: x, docs: /abs/*.md}\n",
     "2:25: document glob '/abs/*.md' must be relative to the corpus root"),
    ("id: a\nmatch: {units: x}\ncompare: {tolerance: five}\n",
     "3:22: tolerance must be a percentage like '5%', a fraction like 0.05 or an absolute "
     "number like 10; got 'five'"),
    ("id: a\nmatch: {units: x}\ncompare: {tolerance: -5%}\n",
     "3:22: tolerance must be a percentage like '5%', a fraction like 0.05 or an absolute "
     "number like 10; got '-5%'"),
    ("id: a\nmatch: {units: x}\ncompare: {across: world}\n",
     "3:19: across must be one of corpus, document; got 'world'"),
    ("id: a\nmatch: {units: x}\nexpect: lots\n",
     "3:9: expect must be a number or a phrase like 'over 30,000'; got 'lots'"),
    ("id: a\nmatch: {units: x}\nexpect: {qualifier: over}\n",
     "3:9: expect needs 'value' (the figure)"),
    ("id: a\nmatch: {units: x}\nexpect: {value: 5, qualifier: plenty}\n",
     "3:31: qualifier must be one of " + ", ".join(schema.QUALIFIERS)
     + " (or words like 'more than'); got 'plenty'"),
    ("id: a\nmatch: {units: x}\nexpect: {value: 5, qualifier: between}\n",
     "3:9: expect with qualifier between needs 'high'"),
    ("id: a\nmatch: {units: x}\nmessage: '{text'\n",
     "3:10: message template is not valid: expected '}' before end of string"),
    ("id: a\nmatch: {units: x}\nmatch: {units: y}\n",
     "3:1: duplicate key 'match' in rule (first on line 2)"),
    ("id: a\nmatch: people\n", "2:8: match must be a mapping (key: value lines); got 'people'"),
    ("id: a\nmatch:\n", "2:7: match must be a mapping (key: value lines); got nothing"),
    ("id: a\nmatch: {window: 2}\n",
     "1:1: rule 'a' would match every claim: give match.units, match.context or "
     "match.near (all/any)"),
    ("rules: x\n", "1:8: 'rules' must be a list of rules (lines starting with '- id: ...')"),
    ("rule:\n  - id: a\n", "1:1: unknown key 'rule' in top level; did you mean 'rules'?"),
    ("defaults: {units: x}\nrules:\n  - id: a\n",
     "1:12: unknown key 'units' in defaults; it belongs under 'match'"),
    ("just text\n", "1:1: a rule file holds 'rules:' with a list of rules, or a single rule"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_errors_name_file_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UserError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}:" + expected.replace("{path}", path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda d: str(d / "missing.yaml"), "rule file not found"),
        (lambda d: str(d), "no .yaml or .yml rule files in this folder"),
        (lambda d: write(d, ""), "the rule file is empty"),
        (lambda d: write(d, "# only a comment\n"), "the rule file is empty"),
    ],
)
def test_file_level_errors(tmp_path: Path, setup, expected: str) -> None:
    path = setup(tmp_path)
    with pytest.raises(UserError) as caught:
        load_rules([path])
    assert str(caught.value) == f"{path}: {expected}"


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    a = write(tmp_path, "id: same\nmatch: {units: x}\n", "a.yaml")
    b = write(tmp_path, "title: t\nid: same\nmatch: {units: y}\n", "b.yaml")
    with pytest.raises(UserError) as caught:
        load_rules([a, b])
    assert str(caught.value) == f"{b}:2:5: duplicate rule id 'same' (first defined at {a}:1)"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: caf\xe9\n")
    with pytest.raises(UserError, match="not UTF-8"):
        load_rules([str(path)])


def test_schema_defaults_agree_with_rule_record() -> None:
    rule = Rule(id="x")
    assert rule.window == schema.SECTIONS["match"]["window"].default
    assert rule.severity == schema.SECTIONS["rule"]["severity"].default
    assert rule.across == schema.SECTIONS["compare"]["across"].default
    assert rule.kinds == (schema.SECTIONS["rule"]["kind"].default,)


def test_every_key_is_documented() -> None:
    doc = REPO / "docs" / "rules.md"
    if not doc.exists():
        pytest.skip("docs/rules.md not written yet")
    text = doc.read_text(encoding="utf-8")
    for section, keys in schema.SECTIONS.items():
        for name in keys:
            assert f"`{name}`" in text, f"{section}.{name} missing from docs/rules.md"


def test_shipped_rule_packs_load() -> None:
    pack = REPO / "rules"
    if not any(pack.glob("*.yaml")):
        pytest.skip("no shipped rule packs")
    rules = load_rules([str(pack)])
    assert len({r.id for r in rules}) == len(rules) > 0
