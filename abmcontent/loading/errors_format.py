"""Turn pydantic validation errors into ``Problem`` lines a user can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, RootModel, ValidationError

from abmcontent.errors import Problem
from abmcontent.loading.yamlfile import Path_, YamlDocument

_LOCALIZED_HINT = "must be text, or a map from locale (ja, en) to text"
_LOCALIZED_LIST_HINT = "must be a list of texts, or a map from locale (ja, en) to a list of texts"


def _unwrap(annotation: Any) -> list[Any]:
    """Return the concrete types an annotation may hold (Optional/Union/Annotated peeled)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation]


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """Find the model class that describes the mapping at ``path``, if any."""
    current: Any = model
    for part in path:
        candidates = _unwrap(current)
        nxt: Any = None
        for cand in candidates:
            origin = typing.get_origin(cand)
            if isinstance(cand, type) and issubclass(cand, RootModel):
                cand = cand.model_fields["root"].annotation
                origin = typing.get_origin(cand)
            if isinstance(cand, type) and issubclass(cand, BaseModel) and isinstance(part, str):
                field = cand.model_fields.get(part)
                if field is not None:
                    nxt = field.annotation
                    break
            elif origin is list and isinstance(part, int):
                nxt = typing.get_args(cand)[0]
                break
            elif origin is dict and isinstance(part, str):
                nxt = typing.get_args(cand)[1]
                break
        if nxt is None:
            return None
        current = nxt
    for cand in _unwrap(current):
        if isinstance(cand, type) and issubclass(cand, BaseModel):
            return cand
    return None


def _real_path(data: Any, loc: tuple[Any, ...]) -> tuple[Path_, bool]:
    """Keep the parts of a pydantic ``loc`` that index the data; flag union branches."""
    path: list[str | int] = []
    current = data
    skipped = False
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and part < len(current)
        ):
            path.append(part)
            current = current[part]
        elif isinstance(part, str) and ("[" in part or part.endswith("str") or part == "list"):
            skipped = True
        elif isinstance(current, dict):
            # a missing or unknown key: keep it as the last part of the path
            path.append(part)
            current = None
        else:
            skipped = True
    return tuple(path), skipped


def _reason(error: Any, model: type[BaseModel], path: Path_, union: bool, data: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(model, path[:-1])
        name = str(path[-1]) if path else "?"
        if parent is not None:
            allowed = sorted(parent.model_fields)
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return f"unknown field '{name}'{hint}; allowed: {', '.join(allowed)}"
        return f"unknown field '{name}'"
    if kind == "missing":
        return "required field is missing"
    if union:
        text = str(error.get("msg", ""))
        if "list" in str(error.get("loc")):
            return _LOCALIZED_LIST_HINT
        if "dict" in str(error.get("loc")) or "string" in text:
            return _LOCALIZED_HINT
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(error.get("ctx", {})):
        return (
            f"'{error.get('input')}' is not a valid id: use lowercase ascii letters, digits and "
            "'-' (1 to 64 characters)"
        )
    message = str(error.get("msg", "invalid value"))
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[:1].lower() + message[1:]


def problems_from_validation(
    exc: ValidationError, model: type[BaseModel], doc: YamlDocument, file: str
) -> list[Problem]:
    """Convert a pydantic ``ValidationError`` on ``doc`` into one problem per field."""
    grouped: dict[Path_, Problem] = {}
    for error in exc.errors():
        path, union = _real_path(doc.data, tuple(error["loc"]))
        if path in grouped and union:
            continue
        reason = _reason(error, model, path, union, doc.data)
        grouped[path] = Problem(
            file=file,
            line=doc.line_of(path),
            field=".".join(str(p) for p in path),
            reason=reason,
        )
    return list(grouped.values())
