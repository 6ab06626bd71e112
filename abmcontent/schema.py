"""JSON Schemas of the workspace files, for editors that check YAML as users type."""

from __future__ import annotations

import sys
import types
from typing import Any

from abmcontent.errors import UsageError
from abmcontent.models import AccountProfile, Battlecard, CaseStudy, PersonasFile, SellerFile

_LIBRARY_PARTS: dict[str, Any] = {
    "seller": SellerFile,
    "personas": PersonasFile,
    "case-study": CaseStudy,
    "competitor": Battlecard,
}
KINDS = ("account", "library", *_LIBRARY_PARTS)


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind``: ``account``, ``library`` (any library file) or one part.

    Raises:
        UsageError: an unknown kind.
    """
    if kind == "account":
        result: dict[str, Any] = AccountProfile.model_json_schema()
    elif kind in _LIBRARY_PARTS:
        result = _LIBRARY_PARTS[kind].model_json_schema()
    elif kind == "library":
        defs: dict[str, Any] = {}
        any_of = []
        for name, model in _LIBRARY_PARTS.items():
            part = model.model_json_schema(ref_template="#/$defs/{model}")
            defs.update(part.pop("$defs", {}))
            title = part.get("title", name)
            defs[title] = part
            any_of.append({"$ref": f"#/$defs/{title}"})
        result = {
            "title": "abmcontent library file",
            "description": "library/seller.yaml, library/personas.yaml, "
            "library/case_studies/*.yaml or library/competitors/*.yaml",
            "anyOf": any_of,
            "$defs": defs,
        }
    else:
        raise UsageError(f"unknown schema '{kind}' (known: {', '.join(KINDS)})")
    result["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return result


class _CallableModule(types.ModuleType):
    """This module, callable as :func:`schema`.

    ``abmcontent.schema`` is both this module and, in ``abmcontent.__all__``, the function.
    Once the module is imported, Python binds the package attribute to the module, so the
    module itself must answer ``abmcontent.schema("account")``.
    """

    def __call__(self, kind: str) -> dict[str, Any]:
        return schema(kind)


sys.modules[__name__].__class__ = _CallableModule
