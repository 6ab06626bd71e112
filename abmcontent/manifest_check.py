"""The shape of ``output/manifest.json``, checked before anything in it is trusted.

A manifest is written by builds, but it is a plain file that anyone can edit. Every value a
build uses from it is checked: ids are slugs, the path is exactly the contract's
``output/<account>/<doc>/<audience>.<format>`` of those ids, hashes are 64 hex digits (a
preview is named after one), sources are workspace-relative paths that never climb out, and
numbers are integers. A manifest that is not JSON, is shaped otherwise or holds one wrong
value is refused as a whole, with the field and the reason; the build then sets it aside and
checks every document again (see :class:`abmcontent.outputs.Manifest`).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from abmcontent.layout import OUTPUT_DIR
from abmcontent.models.common import Slug

Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Format = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{1,10}$")]
Count = Annotated[int, Field(ge=-1)]


def _relative(value: str) -> str:
    """A workspace-relative posix path that stays inside the workspace."""
    path = PurePosixPath(value)
    if not value or "\0" in value or "\\" in value or path.is_absolute() or ".." in path.parts:
        raise ValueError("must be a path inside the workspace")
    return value


Source = Annotated[str, StringConstraints(max_length=4096), AfterValidator(_relative)]


class _Story(BaseModel):
    """A customer story a document showed, as the web lists it."""

    model_config = ConfigDict(strict=True, extra="ignore")

    customer: Annotated[str, StringConstraints(max_length=10_000)] = ""
    title: Annotated[str, StringConstraints(max_length=10_000)] = ""
    reasons: list[Annotated[str, StringConstraints(max_length=10_000)]] = Field(
        default_factory=list
    )


class _Entry(BaseModel):
    """One document, as the build trusts it."""

    model_config = ConfigDict(strict=True, extra="ignore")

    account: Slug
    doc: Slug
    audience: Slug
    format: Format
    path: str
    sha256: Hex64
    input_hash: Hex64
    warnings: list[Annotated[str, StringConstraints(max_length=100_000)]]
    sources: list[Source] = Field(default_factory=list)
    size: Count = -1
    mtime_ns: Count = -1
    render_ms: Count = -1
    one_off: bool = False
    source_hashes: dict[Source, Hex64 | Literal["missing"]] = Field(default_factory=dict)
    stories: list[_Story] = Field(default_factory=list)

    @model_validator(mode="after")
    def _path_is_the_contracts(self) -> _Entry:
        expected = f"{OUTPUT_DIR}/{self.account}/{self.doc}/{self.audience}.{self.format}"
        if self.path != expected:
            raise ValueError(f"path must be {expected!r}, the document it describes")
        return self


class _File(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")

    version: int = 1
    documents: list[_Entry]


def _first_error(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    return f"{where}: {error['msg']}"


def parse_manifest(data: bytes) -> tuple[list[dict[str, Any]], str | None]:
    """Check a manifest's bytes; return its documents' fields, or why it cannot be trusted.

    Returns:
        ``(documents, None)`` for a good manifest (each document a dict of
        :class:`~abmcontent.outputs.ManifestEntry` fields), ``([], reason)`` otherwise.
    """
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return [], "not UTF-8 text"
    except ValueError as exc:
        return [], f"not valid JSON ({exc})"
    except RecursionError:
        return [], "nested too deeply to be a manifest"
    try:
        checked = _File.model_validate(raw)
    except ValidationError as exc:
        return [], _first_error(exc)
    except RecursionError:
        return [], "nested too deeply to be a manifest"
    return [entry.model_dump() for entry in checked.documents], None
