"""Who may read each field: ``customer`` (may be printed for the account) or ``internal``.

Every field of the profile and library models is classified where it is declared:

- a field marked ``Annotated[..., Internal("reason")]`` is for the account team only (a
  stakeholder's influence, a competitor's status on the account, landmine questions...);
- a field marked ``Annotated[..., CustomerSafe("reason")]`` is customer-safe for the reason
  given;
- any other field is customer-safe for the reason its model gives in
  ``audience_reason`` (a class attribute: "a published customer story...").

:func:`customer_view` copies a model with every internal field emptied, recursively: the
context of a customer document is built from that copy only, so an internal value cannot be
printed by accident. :func:`field_rows` lists every field with its class and reason (the
table in ``docs/fields.md`` is generated from it).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel
from pydantic.fields import FieldInfo

from abmcontent.audience_classes import AUDIENCE_CLASSES, AudienceClass

__all__ = ["AUDIENCE_CLASSES", "AudienceClass", "CustomerSafe", "Internal", "customer_view"]

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Internal:
    """Field marker: the value is for the account team and never reaches a customer."""

    reason: str


@dataclass(frozen=True)
class CustomerSafe:
    """Field marker: the value may be printed for the customer, for ``reason``."""

    reason: str


def _marker(info: FieldInfo) -> Internal | CustomerSafe | None:
    for item in info.metadata:
        if isinstance(item, Internal | CustomerSafe):
            return item
    return None


def is_internal(model: type[BaseModel], field: str) -> bool:
    """Whether ``model.field`` is marked internal (read at call time, never cached)."""
    info = model.model_fields.get(field)
    return info is not None and isinstance(_marker(info), Internal)


def _empty(info: FieldInfo) -> Any:
    """The value an internal field takes in a customer view: empty, of the field's kind."""
    if info.default_factory is not None:
        made = info.default_factory()  # type: ignore[call-arg]
        if isinstance(made, list | dict):
            return type(made)()
    return None


def customer_view(value: M) -> M:
    """A copy of ``value`` with every internal field, at any depth, emptied.

    Lists and dicts of models are copied item by item. The copy is not validated again: an
    internal field that is required in files is ``None`` here, so code building customer
    contexts must not read internal fields at all (they are absent from its output).
    """
    return typing.cast(M, _scrub(value))


def _scrub(value: Any) -> Any:
    if isinstance(value, RootModel):
        return value.model_copy(update={"root": _scrub(value.root)})
    if isinstance(value, BaseModel):
        update: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            current = getattr(value, name)
            if isinstance(_marker(info), Internal):
                update[name] = _empty(info)
            else:
                scrubbed = _scrub(current)
                if scrubbed is not current:
                    update[name] = scrubbed
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_scrub(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if isinstance(value, dict):
        scrubbed_map = {key: _scrub(item) for key, item in value.items()}
        changed = any(scrubbed_map[k] is not v for k, v in value.items())
        return scrubbed_map if changed else value
    return value


# -- the field table ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One field of a workspace file, with its audience class and the reason for it."""

    file: str
    path: str
    audience: AudienceClass
    reason: str


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes an annotation refers to (inside lists, dicts, unions...)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models_in(typing.get_args(annotation)[0])
        return
    if origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


def _suffix(annotation: Any) -> str:
    """``[]`` for a list field, ``{}`` for a map field, else nothing."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _suffix(typing.get_args(annotation)[0])
    if origin is list:
        return "[]"
    if origin is dict:
        return "{}"
    if origin is typing.Union or isinstance(annotation, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:  # an optional value: X | None
            return _suffix(options[0])
    return ""


def model_reason(model: type[BaseModel]) -> str:
    """Why the unmarked fields of ``model`` are customer-safe (its ``audience_reason``)."""
    reason = getattr(model, "audience_reason", "")
    if not isinstance(reason, str) or not reason:
        raise TypeError(f"{model.__name__} has no audience_reason")
    return reason


def field_rows(
    file: str,
    model: type[BaseModel],
    prefix: str = "",
    inherited: Internal | None = None,
) -> list[FieldRow]:
    """Every field under ``model``, depth first, as rows of the field table.

    A field inside an internal field is internal too (for the same reason).
    """
    if issubclass(model, RootModel):
        inner = model.model_fields["root"].annotation
        rows: list[FieldRow] = []
        for sub in _models_in(inner):
            rows.extend(field_rows(file, sub, f"{prefix}<key>.", inherited))
        return rows
    rows = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}{_suffix(info.annotation)}"
        marker = inherited or _marker(info)
        if isinstance(marker, Internal):
            rows.append(FieldRow(file, path, "internal", marker.reason))
            nested: Internal | None = marker
        else:
            reason = marker.reason if marker is not None else model_reason(model)
            rows.append(FieldRow(file, path, "customer", reason))
            nested = None
        for sub in _models_in(info.annotation):
            rows.extend(field_rows(file, sub, f"{path}.", nested))
    return rows
