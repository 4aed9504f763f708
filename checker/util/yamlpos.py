"""The one position-keeping YAML reader: text -> nodes, each knowing its line and column.

Config, rule, decision and baseline files are composed to nodes (never `safe_load`ed) so
every error can name file:line:col and keys keep their exact text (an all-digit id stays a
string). Callers import this module inside the function that reads a file: a scan with no
such file never loads yaml (start-up speed).
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from checker.errors import UserError

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode", "compose", "constructor",
           "is_null", "node_error", "place"]


def compose(text: str, path: str, *, fast: bool = False, context: bool = False,
            name_characters: bool = False) -> Node | None:
    """The root node of `text`, or one UserError naming path:line:col.

    `fast` uses libyaml when installed (about 10x faster, for big decision files);
    `context` adds what the parser was reading ("while scanning a simple key");
    `name_characters` names a character YAML refuses and says how to write it.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        extra = f" ({exc.context})" if context and exc.context and exc.problem else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise UserError(f"invalid YAML: {problem}{extra}", path, line, column) from None
    except yaml.reader.ReaderError as exc:
        if not name_characters:
            raise UserError(f"invalid YAML: {exc}", path) from None
        at = exc.position
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise UserError(f"invalid YAML: character U+{exc.character:04X} is not allowed "
                        "here (write it as an escape: \\u....)", path, line, column) from None
    except yaml.YAMLError as exc:
        raise UserError(f"invalid YAML: {exc}", path) from None


def constructor() -> yaml.SafeLoader:
    """A loader used only to build typed values (int, bool, date, ...) from nodes."""
    return yaml.SafeLoader("")


def node_error(path: str, node: Node | None, message: str) -> UserError:
    """A UserError at the node's line and column (the file alone when there is no node)."""
    if node is None:
        return UserError(message, path)
    mark = node.start_mark
    return UserError(message, path, mark.line + 1, mark.column + 1)


def place(path: str, node: Node) -> str:
    """"path:line:col" of a node, 1-based, as error messages and reports show it."""
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def is_null(node: Node) -> bool:
    """Whether the node is an empty value (`key:` or `key: null`)."""
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")

