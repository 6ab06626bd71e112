"""Safe YAML reading that remembers the line of every field.

Only plain data is built (no object tags). Each mapping key and sequence item is mapped
to its 1-based line, so errors can say ``file:line: field.path: reason``.

One repair is made, with a warning: in a flow mapping such as
``{ja: ..., en: Faster decisions, from data.}`` YAML reads the part after the comma as a
new key with no value. Where that happens after a plain text value, the pieces are joined
back into one text, which is what the author meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[valid-type,misc,unused-ignore]
    """The safe loader, except that an impossible date stays text (the model reports it)."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:  # e.g. 2026-13-45: looks like a date, is not one
        return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """The data of one YAML file and where each field stands in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    repairs: list[tuple[Path_, str]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """Return the line of ``path`` or of its nearest parent that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), None)


class YamlSyntaxError(ValueError):
    """The file is not well-formed YAML, or uses a tag that is not plain data."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _is_plain_text(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode) and not node.style and node.tag == "tag:yaml.org,2002:str"
    )


def _repair_flow_commas(node: yaml.MappingNode, path: Path_, doc: YamlDocument) -> None:
    """Join ``key: text, more text`` split by a comma inside a flow mapping."""
    if not node.flow_style:
        return
    kept: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in node.value:
        if kept and _is_null(value) and _is_plain_text(key) and _is_plain_text(kept[-1][1]):
            prev_key, prev_value = kept[-1]
            prev_value.value = f"{prev_value.value}, {key.value}"
            doc.repairs.append(
                (
                    (*path, str(prev_key.value)),
                    f"a comma splits this unquoted value; read as '{prev_value.value}' "
                    "(put the value in quotes to say so explicitly)",
                )
            )
            continue
        kept.append((key, value))
    node.value = kept


def _index(
    node: yaml.Node, path: Path_, doc: YamlDocument, seen: set[int] | None = None
) -> None:
    """Map every key and item under ``node`` to its line.

    A node reached again through an alias (``*name``) is not walked again: its fields keep
    the line of the alias, and aliases of aliases (a "billion laughs" file) cost nothing.
    """
    seen = set() if seen is None else seen
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        _repair_flow_commas(node, path, doc)
        for key, value in node.value:
            key_name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark)
            child = (*path, key_name)
            doc.lines[child] = key.start_mark.line + 1
            _index(value, child, doc, seen)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            child = (*path, position)
            doc.lines[child] = item.start_mark.line + 1
            _index(item, child, doc, seen)


def parse_yaml(text: str | bytes) -> YamlDocument:
    """Parse one YAML document into plain data plus a field -> line map.

    Raises:
        YamlSyntaxError: malformed YAML, several documents, or a non-data tag.
    """
    loader = _Loader(text)
    doc = YamlDocument(data=None)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc
        _index(node, (), doc)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError):
            reason = f"only plain data is allowed ({reason})"
        raise YamlSyntaxError(f"malformed YAML: {reason}", line) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: no mark
        char = chr(exc.character) if isinstance(exc.character, int) else exc.character
        found = text.find(char) if isinstance(text, str) and isinstance(char, str) else -1
        line = text.count("\n", 0, found) + 1 if isinstance(text, str) and found >= 0 else None
        code = f"U+{ord(char):04X}" if isinstance(char, str) and len(char) == 1 else "?"
        raise YamlSyntaxError(
            f"malformed YAML: the character {code} is not allowed ({exc.reason}); "
            "write it as an escape in double quotes or remove it",
            line,
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"malformed YAML: {exc}", None) from exc
    except RecursionError as exc:
        raise YamlSyntaxError("malformed YAML: nested too deeply", None) from exc
    finally:
        loader.dispose()
    return doc
