"""Rule files (YAML) -> validated Rule records, or one UserError naming file:line:column.

The YAML is composed to nodes (never `safe_load`) so every value keeps its position; values
are built from the nodes against the tables in `checker.rules.schema`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import string
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from checker.errors import UserError
from checker.rules import schema
from checker.rules.rule import Rule
from checker.rules.schema import SECTIONS, Key, describe_allowed
from checker.util import yamlpos
from checker.util.hints import did_you_mean
from checker.util.yamlpos import MappingNode, Node, ScalarNode, SequenceNode

RULE_FILE_SUFFIXES = (".yaml", ".yml")


def load_rules(paths: Sequence[str]) -> list[Rule]:
    """Load and validate every rule in `paths` (files, or folders of *.yaml/*.yml)."""
    rules: list[Rule] = []
    first_seen: dict[str, Rule] = {}
    for path in _rule_files(paths):
        for rule, id_node in _RuleFile(path).rules():
            if rule.id in first_seen:
                raise _error(path, id_node, f"duplicate rule id '{rule.id}' (first defined "
                                            f"at {first_seen[rule.id].source})")
            first_seen[rule.id] = rule
            rules.append(rule)
    return rules


def check_rules(paths: Sequence[str]) -> list[Rule]:
    """Validate rule files for `checker rules check`: same as load_rules."""
    return load_rules(paths)


def rules_hash(rules: Iterable[Rule]) -> str:
    """A stable sha256 of the loaded rules (every field, source included), for caches."""
    canonical = json.dumps([dataclasses.asdict(r) for r in rules], sort_keys=True,
                           ensure_ascii=False, default=str)
    return hashlib.sha256(("rules/1\n" + canonical).encode("utf-8")).hexdigest()


def _rule_files(paths: Sequence[str]) -> list[str]:
    files: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in RULE_FILE_SUFFIXES and p.is_file())
            if not found:
                raise UserError("no .yaml or .yml rule files in this folder", given)
        elif path.is_file():
            found = [path]
        else:
            raise UserError("rule file not found", given)
        for p in found:
            if p.resolve() not in seen:
                seen.add(p.resolve())
                files.append(p.as_posix() if path.is_dir() else given)
    return files


_error = yamlpos.node_error


def _show(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
        return "nothing"
    if isinstance(node, ScalarNode):
        return f"'{node.value}'"
    return "a list" if isinstance(node, SequenceNode) else "a mapping"


class _RuleFile:
    """One rule file: compose, then build each rule from its node."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._constructor = yamlpos.constructor()  # builds typed scalars from nodes

    def error(self, node: Node | None, message: str) -> UserError:
        return _error(self.path, node, message)

    def rules(self) -> list[tuple[Rule, Node]]:
        root = self._compose()
        if root is None:
            raise UserError("the rule file is empty", self.path)
        defaults: dict[str, Any] = {}
        if isinstance(root, SequenceNode):
            rule_nodes = root.value
        elif isinstance(root, MappingNode) and self._is_single_rule(root):
            rule_nodes = [root]
        elif isinstance(root, MappingNode):
            top = self.mapping(root, "top level")
            if "defaults" in top:
                defaults = self.section(top["defaults"], "defaults")
            if "rules" not in top:
                raise self.error(root, "no 'rules:' list in this file")
            rules_node = top["rules"]
            if not isinstance(rules_node, SequenceNode):
                raise self.error(rules_node, "'rules' must be a list of rules (lines "
                                             "starting with '- id: ...')")
            rule_nodes = rules_node.value  # `rules: []`: a file with no rules (yet)
        else:
            raise self.error(root, "a rule file holds 'rules:' with a list of rules, "
                                   "or a single rule")
        return [self.rule(node, defaults) for node in rule_nodes]

    def _compose(self) -> Node | None:
        try:
            text = Path(self.path).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(f"rule file is not UTF-8 text (byte {exc.start})",
                            self.path) from None
        except OSError as exc:
            raise UserError(f"cannot read rule file: {exc.strerror}", self.path) from None
        return yamlpos.compose(text, self.path, context=True)

    def _is_single_rule(self, root: MappingNode) -> bool:
        names = {k.value for k, _ in root.value if isinstance(k, ScalarNode)}
        return bool(names & (set(SECTIONS["rule"]) - set(SECTIONS["top level"])))

    # -- structure -------------------------------------------------------------------------

    def mapping(self, node: Node, section: str) -> dict[str, Node]:
        """Key -> value node; unknown keys get a did-you-mean, duplicates are errors."""
        if not isinstance(node, MappingNode):
            raise self.error(node, f"{section} must be a mapping (key: value lines); "
                                   f"got {_show(node)}")
        own_keys = {id(k) for k, _ in node.value}
        self._constructor.flatten_mapping(node)  # YAML merge keys (<<: *anchor) go first
        allowed = SECTIONS[section]
        out: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        merged: set[str] = set()
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(name, str):
                raise self.error(key_node, f"keys in {section} must be plain words")
            if id(key_node) not in own_keys:
                merged.add(name)
            elif name in merged:
                merged.discard(name)  # an explicit key overrides a merged one
            elif name in out:
                raise self.error(key_node, f"duplicate key '{name}' in {section} "
                                           f"(first on line {first_line[name]})")
            if name not in allowed:
                raise self.error(key_node, self._unknown_key(name, section))
            out[name] = value_node
            first_line[name] = key_node.start_mark.line + 1
        return out

    def _unknown_key(self, name: str, section: str) -> str:
        message = f"unknown key '{name}' in {section}"
        hint = did_you_mean(name.lower(), SECTIONS[section])
        if hint:
            return message + hint
        homes = [s for s, keys in SECTIONS.items()
                 if name in keys and s not in ("defaults", "top level", "document")]
        if homes:
            return message + f"; it belongs under '{homes[0]}'"
        return message + f"; allowed: {', '.join(SECTIONS[section])}"

    def section(self, node: Node, section: str) -> dict[str, Any]:
        """Parse a mapping section into Rule fields (nested sections flattened)."""
        keys = self.mapping(node, section)
        for key in SECTIONS[section].values():
            if key.required and key.name not in keys:
                raise self.error(node, f"{section} needs '{key.name}'")
        fields: dict[str, Any] = {}
        for name, value_node in keys.items():
            fields.update(self.value(SECTIONS[section][name], value_node))
        return fields

    def value(self, key: Key, node: Node) -> dict[str, Any]:
        """Parse one key's value into the Rule fields it sets."""
        if key.type == "section":
            return self.section(node, key.name)
        if key.type == "context" and isinstance(node, MappingNode):
            return self.section(node, key.name)
        parsed = _PARSERS[key.type](self, key, node)
        if key.field is None:
            return {}
        if isinstance(key.field, tuple):
            return dict(zip(key.field, parsed, strict=True))
        return {key.field: parsed}

    def rule(self, node: Node, defaults: dict[str, Any]) -> tuple[Rule, Node]:
        keys = self.mapping(node, "rule")
        if "id" not in keys:
            raise self.error(node, "rule has no id; add a line like 'id: my-rule'")
        fields = dict(defaults)
        for name, value_node in keys.items():
            fields.update(self.value(SECTIONS["rule"][name], value_node))
        rule_id = fields["id"]
        if not (fields.get("units") or fields.get("units_bare") or fields.get("context_all")
                or fields.get("context_any") or fields.get("near_all")
                or fields.get("near_any")):
            raise self.error(node, f"rule '{rule_id}' would match every claim: give "
                                   "match.units, match.context or match.near (all/any)")
        if fields.get("expect_qualifier") == "between" and fields.get("expect_high") is None:
            raise self.error(keys.get("expect"), "expect with qualifier between needs 'high'")
        fields["source"] = f"{self.path}:{node.start_mark.line + 1}"
        return Rule(**fields), keys["id"]

    # -- leaf values ---------------------------------------------------------------------

    def scalar_text(self, key: Key, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise self.error(node, f"{key.name} must be text; got {_show(node)}")
        text = node.value.strip()
        if not text:
            raise self.error(node, f"{key.name} must not be empty")
        return text

    def text_list(self, key: Key, node: Node,
                  check: Callable[[str, Node], None] | None = None) -> tuple[str, ...]:
        """A string, or a list of strings (a one-item list may be written as the item);
        `check` validates each item with its own node, for precise error positions."""
        if isinstance(node, MappingNode):
            raise self.error(node, f"{key.name} must be text or a list; got a mapping")
        items = node.value if isinstance(node, SequenceNode) else [node]
        texts: list[str] = []
        for item in items:
            text = self.scalar_text(key, item)
            if check is not None:
                check(text, item)
            texts.append(text)
        return tuple(dict.fromkeys(texts))

    def typed_scalar(self, node: ScalarNode) -> Any:
        return self._constructor.construct_object(node)


def _parse_id(reader: _RuleFile, key: Key, node: Node) -> str:
    text = reader.scalar_text(key, node)
    if not schema.RULE_ID.match(text):
        raise reader.error(node, f"rule id '{text}' may use only letters, digits, '-', '_' "
                                 "and '.', and must start with a letter or digit")
    return text


def _parse_kinds(reader: _RuleFile, key: Key, node: Node) -> tuple[str, ...]:
    def check(kind: str, item: Node) -> None:
        if kind not in schema.KINDS:
            raise reader.error(item, f"unknown claim kind '{kind}'; allowed: "
                                     f"{', '.join(schema.KINDS)}"
                                     + did_you_mean(kind.lower(), schema.KINDS))

    kinds = reader.text_list(key, node, check)
    if not kinds:
        raise reader.error(node, "kind must name at least one claim kind")
    return kinds


NO_UNIT = ("~", "no unit")   # in `units`: a figure with no unit written


def _parse_units(reader: _RuleFile, key: Key, node: Node) -> tuple[tuple[str, ...], bool]:
    """(named units, `~` given)."""
    if isinstance(node, SequenceNode):
        items = node.value
    elif isinstance(node, ScalarNode) and not yamlpos.is_null(node) or yamlpos.is_null(node):
        items = [node]
    else:
        raise reader.error(node, f"{key.name} must be text or a list; got {_show(node)}")
    names: list[str] = []
    bare = False
    for item in items:
        if yamlpos.is_null(item) or (isinstance(item, ScalarNode)
                              and item.value.strip().lower() in NO_UNIT):
            if key.name == "units_none":
                raise reader.error(item, "units_none lists units to leave out; '~' (no "
                                         "unit) belongs in units")
            bare = True
            continue
        unit = reader.scalar_text(key, item)
        if not any(ch.isalnum() for ch in unit):
            raise reader.error(item, f"unit '{unit}' has no words to match")
        names.append(unit)
    if not names and not bare:
        raise reader.error(node, f"{key.name} must list at least one unit (or leave out "
                                 f"'{key.name}' to match claims of any unit)")
    return tuple(dict.fromkeys(names)), bare


def _parse_units_none(reader: _RuleFile, key: Key, node: Node) -> tuple[str, ...]:
    return _parse_units(reader, key, node)[0]


def _parse_within(reader: _RuleFile, _key: Key, node: Node) -> str | int:
    bad = f"within must be clause or a number of words like 6; got {_show(node)}"
    if not isinstance(node, ScalarNode):
        raise reader.error(node, bad)
    text = node.value.strip().lower()
    if text == "clause":
        return text
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise reader.error(node, bad + did_you_mean(text.lower(), ["clause"]))


def _parse_terms(reader: _RuleFile, key: Key, node: Node) -> tuple[str, ...]:
    return reader.text_list(key, node)


def _parse_window(reader: _RuleFile, _key: Key, node: Node) -> str | int:
    bad = (f"window must be {describe_allowed([*schema.WINDOWS, 'a number of sentences'])}"
           f"; got {_show(node)}")
    if not isinstance(node, ScalarNode):
        raise reader.error(node, bad)
    text = node.value.strip().lower()
    if text in schema.WINDOWS:
        return text
    if text.isdigit():
        return int(text)
    raise reader.error(node, bad + did_you_mean(text.lower(), schema.WINDOWS))


def _parse_globs(reader: _RuleFile, key: Key, node: Node) -> tuple[str, ...]:
    def check(glob: str, item: Node) -> None:
        try:
            schema.glob_to_regex(glob)
        except ValueError as exc:
            raise reader.error(item, str(exc)) from None

    return reader.text_list(key, node, check)


def _choice(allowed: tuple[str, ...]) -> Callable[[_RuleFile, Key, Node], str]:
    def parse(reader: _RuleFile, key: Key, node: Node) -> str:
        text = node.value.strip().lower() if isinstance(node, ScalarNode) else ""
        if text not in allowed:
            raise reader.error(node, f"{key.name} must be one of {', '.join(allowed)}; "
                                     f"got {_show(node)}"
                                     + did_you_mean(text.lower(), allowed))
        return text
    return parse


def _parse_tolerance(reader: _RuleFile, _key: Key, node: Node) -> tuple[float, float, bool]:
    if not isinstance(node, ScalarNode):
        raise reader.error(node, f"tolerance must be a number or a percentage; got "
                                 f"{_show(node)}")
    value = reader.typed_scalar(node)
    try:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return (*schema.parse_tolerance(node.value), True)
        return (*schema.parse_tolerance(value), True)
    except ValueError as exc:
        raise reader.error(node, str(exc)) from None


def _parse_number(reader: _RuleFile, key: Key, node: Node) -> float:
    if isinstance(node, ScalarNode):
        value = reader.typed_scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return schema.parse_number(node.value)
        except ValueError:
            pass
    raise reader.error(node, f"{key.name} must be a number like 30000 or '30,000'; "
                             f"got {_show(node)}")


def _parse_yes_no(reader: _RuleFile, key: Key, node: Node) -> bool:
    if isinstance(node, ScalarNode):
        value = reader.typed_scalar(node)
        if isinstance(value, bool):
            return value
    raise reader.error(node, f"{key.name} must be true or false; got {_show(node)}")


def _parse_qualifier(reader: _RuleFile, _key: Key, node: Node) -> str:
    qualifier = schema.qualifier_of(node.value) if isinstance(node, ScalarNode) else None
    if qualifier is None:
        raise reader.error(node, f"qualifier must be one of {', '.join(schema.QUALIFIERS)} "
                                 f"(or words like 'more than'); got {_show(node)}")
    return qualifier


def _parse_expect(reader: _RuleFile, key: Key,
                  node: Node) -> tuple[float, str, float | None]:
    if isinstance(node, MappingNode):
        fields = reader.mapping(node, "expect")
        if "value" not in fields:
            raise reader.error(node, "expect needs 'value' (the figure)")
        value = _parse_number(reader, SECTIONS["expect"]["value"], fields["value"])
        qualifier = (_parse_qualifier(reader, key, fields["qualifier"])
                     if "qualifier" in fields else "exact")
        high = (_parse_number(reader, SECTIONS["expect"]["high"], fields["high"])
                if "high" in fields else None)
        if high is not None and qualifier != "between":
            raise reader.error(fields["high"], "'high' only goes with qualifier between")
        if high is not None and high < value:
            raise reader.error(fields["high"], "'high' must not be below 'value'")
        return value, qualifier, high
    if isinstance(node, ScalarNode):
        value = reader.typed_scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value), "exact", None
        try:
            return schema.parse_expect(node.value)
        except ValueError as exc:
            raise reader.error(node, str(exc)) from None
    raise reader.error(node, f"expect must be a number, a phrase like 'over 30,000' or a "
                             f"mapping with value/qualifier; got {_show(node)}")


def _parse_template(reader: _RuleFile, key: Key, node: Node) -> str:
    text = reader.scalar_text(key, node)
    try:
        list(string.Formatter().parse(text))
    except ValueError as exc:
        raise reader.error(node, f"message template is not valid: {exc}") from None
    return text


_PARSERS: dict[str, Callable[[_RuleFile, Key, Node], Any]] = {
    "id": _parse_id,
    "text": lambda reader, key, node: reader.scalar_text(key, node),
    "kinds": _parse_kinds,
    "units": _parse_units,
    "units_none": _parse_units_none,
    "within": _parse_within,
    "terms": _parse_terms,
    "context": _parse_terms,  # the simple form: every term must appear
    "window": _parse_window,
    "globs": _parse_globs,
    "across": _choice(schema.ACROSS),
    "severity": _choice(schema.SEVERITIES),
    "tolerance": _parse_tolerance,
    "expect": _parse_expect,
    "template": _parse_template,
    "number": _parse_number,
    "qualifier": _parse_qualifier,
    "yes_no": _parse_yes_no,
}
