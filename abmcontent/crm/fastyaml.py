"""Write the YAML of a profile built in code with libyaml (fast), in the sample layout.

The round-trip writer (ruamel) keeps comments and styles of files people edited, but it
costs milliseconds per profile; a profile that an import creates has nothing to keep, so
it is written by PyYAML's C emitter: a header comment, block mappings, and the small
mappings marked as flow (money, CRM links) on one line.
"""

from __future__ import annotations

import functools
import textwrap
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap

try:
    _Base: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - libyaml is part of the PyYAML wheels
    _Base = yaml.SafeDumper


class _Flow(dict[str, Any]):
    """A mapping written on one line (``{amount: 1, currency: JPY}``)."""


class _Dumper(_Base):  # type: ignore[valid-type,misc,unused-ignore]
    """The safe dumper, with :class:`_Flow` mappings in flow style."""


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


_Dumper.add_representer(_Flow, _flow)


def to_plain(value: Any) -> Any:
    """Plain containers and scalars of a ruamel tree; its flow mappings stay flow."""
    if isinstance(value, CommentedMap):
        items = {str(k): to_plain(v) for k, v in value.items()}
        return _Flow(items) if value.fa.flow_style() else items
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    for kind in (bool, str, int, float):  # ruamel's scalar subclasses become plain values
        if isinstance(value, kind):
            return kind(value)
    return value


@functools.lru_cache(maxsize=64)
def _comment(header: str) -> str:
    return "".join(f"# {line}\n" for line in textwrap.wrap(header, 86))


def dump_new(data: Any, header: str = "") -> str:
    """Serialise a profile built in code, with ``header`` as a comment at the top.

    Args:
        data: the profile: plain containers from :func:`to_plain`, or a ruamel tree.
        header: text of the leading comment, wrapped at 88 characters; none when empty.
    """
    body = yaml.dump(
        to_plain(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )
    return (_comment(header) if header else "") + body
