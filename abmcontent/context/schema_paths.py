"""The shape of the render context, and the variable paths a Jinja template uses that it lacks.

:func:`context_shapes` describes what templates see, per document: it builds real contexts
(a purpose-made probe account that fills every optional field, plus the workspace's own
accounts) and merges them into a :class:`Shape` tree: mappings with their keys, lists with
the shape of their items, scalars. :func:`unknown_paths` walks a parsed Jinja template with
that shape and returns every name or attribute path that does not exist, following loops
(``{% for c in challenges %}{{ c.titel }}``), ``set``/``with`` bindings, indexing
(``challenges[0].title``), slices and the filters that keep or pick items (``first``,
``selectattr``, ``map(attribute=...)``...). Whatever cannot be known statically (macro
arguments, expressions built from arithmetic, maps keyed by data) is trusted, and paths
guarded by ``is defined`` or ``| default`` are never reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import nodes

if TYPE_CHECKING:
    from abmcontent.audience_classes import AudienceClass
    from abmcontent.loading.workspace import Library, Workspace

#: keys whose mappings are keyed by data (role keys...), not by a fixed vocabulary
OPEN_MAPS = frozenset({"values_by_role"})
#: the most accounts whose contexts are merged into the shape (the probe covers the rest)
MAX_ACCOUNTS = 12
#: names every Jinja template may use besides the context (Jinja's own globals)
JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop"})
#: filters whose result is a list of the same items
_SAME_LIST = frozenset(
    {"select", "reject", "selectattr", "rejectattr", "sort", "unique", "reverse", "list"}
)
#: filters whose result is one item of the list
_ONE_ITEM = frozenset({"first", "last", "first_or", "random", "min", "max"})
#: filters taking an item attribute path, and where: keyword name or first positional argument
_ATTRIBUTE_ARGS: dict[str, tuple[str, bool]] = {
    "map": ("attribute", False),
    "sum": ("attribute", False),
    "sort": ("attribute", False),
    "unique": ("attribute", False),
    "min": ("attribute", False),
    "max": ("attribute", False),
    "join": ("attribute", False),
    "selectattr": ("", True),
    "rejectattr": ("", True),
    "groupby": ("attribute", True),
}
_PY_ATTRS: dict[str, frozenset[str]] = {
    "dict": frozenset(dir(dict)),
    "list": frozenset(dir(list)),
    "str": frozenset(dir(str)),
    "number": frozenset(dir(float)) | frozenset(dir(int)),
    "bool": frozenset(dir(bool)),
    "none": frozenset(),
}


@dataclass
class Shape:
    """What a value of the context can be.

    Attributes:
        kinds: the types seen: ``dict``, ``list``, ``str``, ``number``, ``bool``, ``none``.
        keys: for mappings, the shape of each key.
        open: a mapping keyed by data: any key may exist.
        item: for lists, the shape of the items (``None``: no item seen, anything goes).
    """

    kinds: set[str] = field(default_factory=set)
    keys: dict[str, Shape] = field(default_factory=dict)
    open: bool = False
    item: Shape | None = None

    def merge(self, other: Shape) -> Shape:
        """Merge ``other`` into this shape (in place) and return it."""
        self.kinds |= other.kinds
        self.open = self.open or other.open
        for key, value in other.keys.items():
            if key in self.keys:
                self.keys[key].merge(value)
            else:
                self.keys[key] = value
        if other.item is not None:
            self.item = other.item if self.item is None else self.item.merge(other.item)
        return self

    def paths(self, prefix: str = "") -> Iterator[str]:
        """Every dotted path of this shape (lists as ``name[]``), for documentation."""
        for key in sorted(self.keys):
            path = f"{prefix}.{key}" if prefix else key
            yield path
            child = self.keys[key]
            yield from child.paths(path)
            if child.item is not None:
                yield from child.item.paths(f"{path}[]")


def shape_of(value: Any, key: str = "") -> Shape:
    """The shape of one JSON-like value (anything not plain data is a ``str``)."""
    if isinstance(value, Mapping):
        shape = Shape({"dict"}, open=key in OPEN_MAPS)
        for k, v in value.items():
            shape.keys[str(k)] = shape_of(v, str(k))
        return shape
    if isinstance(value, list | tuple):
        shape = Shape({"list"})
        for item in value:
            shape.item = shape_of(item) if shape.item is None else shape.item.merge(shape_of(item))
        return shape
    if value is None:
        return Shape({"none"})
    if isinstance(value, bool):
        return Shape({"bool"})
    if isinstance(value, int | float):
        return Shape({"number"})
    return Shape({"str"})


# -- the shape of the contexts of a workspace ----------------------------------------------


def _probe_library() -> Library:
    from abmcontent.loading.workspace import Library
    from abmcontent.models import Battlecard, CaseStudy, Persona, SellerFile

    seller = SellerFile.model_validate(
        {
            "company": {
                "name": "Probe",
                "name_en": "Probe Inc.",
                "tagline": "Probe tagline",
                "colors": {"primary": "#0B4F8A", "accent": "#F29F05"},
            },
            "products": [
                {
                    "id": "probe-product",
                    "name": "Probe product",
                    "summary": "Summary",
                    "tags": ["probe-tag"],
                    "value_by_role": {"probe-role": "Value"},
                }
            ],
            "criteria": {"probe-criterion": "Criterion"},
        }
    )
    persona = Persona.model_validate(
        {
            "title": "Probe leader",
            "priorities": ["Priority"],
            "kpis": ["KPI"],
            "criteria": ["probe-criterion"],
            "proof": "roi",
            "tone": "Tone",
            "call_to_action": "Act",
        }
    )
    story = CaseStudy.model_validate(
        {
            "id": "probe-story",
            "customer": "Customer",
            "title": "Title",
            "industry": "probe-industry",
            "segment": "enterprise",
            "locale": "en",
            "challenge_tags": ["probe-tag"],
            "products": ["probe-product"],
            "roles": ["probe-role"],
            "situation": "Before.",
            "solution": "What we did.",
            "outcome": "After.",
            "results": [
                {"metric": "Rate", "value": -10, "unit": "%"},
                {"metric": "Hours", "value": 5, "unit": "h"},
            ],
            "quote": {"text": "Quote", "by": "Someone", "title": "Chief"},
        }
    )
    card = Battlecard.model_validate(
        {
            "id": "probe-rival",
            "name": "Rival",
            "positioning": "Positioning",
            "strengths": ["Strength"],
            "weaknesses": ["Weakness"],
            "our_differentiators": ["Differentiator"],
            "claims": [
                {
                    "criterion": "probe-criterion",
                    "competitor": {"text": "Theirs", "source": "Source", "as_of": "2025-06-01"},
                    "ours": {"text": "Ours", "source": "Source", "as_of": "2025-06-01"},
                }
            ],
            "landmines": ["Landmine"],
            "objections": [{"objection": "Objection", "response": "Response"}],
        }
    )
    return Library(
        seller=seller,
        personas={"probe-role": persona},
        case_studies={story.id: story},
        battlecards={card.id: card},
    )


def _probe_account(tier: str) -> Any:
    from abmcontent.models import AccountProfile

    return AccountProfile.model_validate(
        {
            "id": "probe",
            "name": "Probe account",
            "name_en": "Probe account",
            "locale": "en",
            "tier": tier,
            "industry": "probe-industry",
            "segment": "enterprise",
            "headquarters": "City",
            "employees": 100,
            "annual_revenue": {"amount": 1000000, "currency": "USD"},
            "website": "https://probe.example",
            "summary": "Summary",
            "business_goals": ["Goal"],
            "challenges": [
                {
                    "id": "probe-challenge",
                    "title": "Challenge",
                    "detail": "Detail",
                    "impact": "high",
                    "tags": ["probe-tag"],
                    "owners": ["probe-role"],
                    "cost": {"amount": 100, "currency": "USD", "per": "hour", "source": "Source"},
                    "exposure": 10,
                }
            ],
            "alternative": {
                "label": "Renewal",
                "one_off": {"amount": 500, "currency": "USD"},
                "per_year": {"amount": 100, "currency": "USD"},
                "source": "Quote",
            },
            "competitors": [{"id": "probe-rival", "status": "incumbent", "notes": "Notes"}],
            "stakeholders": [
                {
                    "id": "probe-person",
                    "name": "Person",
                    "title": "Chief",
                    "role": "probe-role",
                    "influence": "champion",
                    "stance": "supporter",
                    "priorities": ["Priority"],
                    "notes": "Notes",
                }
            ],
            "opportunities": [
                {
                    "product": "probe-product",
                    "kind": "new",
                    "value": {"amount": 1000, "currency": "USD"},
                    "renewal": {"amount": 200, "currency": "USD"},
                    "stage": "discovery",
                    "close_date": "2026-12-01",
                    "notes": "Notes",
                }
            ],
            "market": {
                "summary": "Summary",
                "rivals": [
                    {
                        "name": "Rival company",
                        "summary": "Summary",
                        "revenue": {"amount": 1000000, "currency": "USD"},
                        "share": 12.5,
                        "source": "Source",
                        "as_of": "2026-01-01",
                    }
                ],
                "benchmarks": [
                    {
                        "metric": "Margin",
                        "account": 5.0,
                        "industry": 6.0,
                        "unit": "%",
                        "source": "Source",
                        "as_of": "2026-01-01",
                    }
                ],
            },
            "contact": {"name": "Seller", "title": "Account executive", "email": "a@b.example",
                        "phone": "+1 555 0100"},
            "engagement": [
                {
                    "date": "2026-10-01",
                    "stakeholder": "probe-person",
                    "kind": "meeting",
                    "summary": "Summary",
                }
            ],
            "owners": {"sales": "Seller", "marketing": "Marketer"},
        }
    )


def _contexts(
    library: Library,
    account: Any,
    root: Path,
    doc: str,
    every_audience: bool,
    view: AudienceClass | None = None,
) -> Iterator[dict[str, Any]]:
    from abmcontent.context import audiences_for, build_context

    audiences = audiences_for(account, doc)
    for audience in audiences if every_audience else audiences[:1]:
        yield build_context(
            library, account, audience, doc=doc, root=root, today=dt.date(2026, 1, 1), view=view
        ).data


def _probe_contexts(
    root: Path, doc: str, view: AudienceClass | None = None
) -> Iterator[dict[str, Any]]:
    """Contexts in which every optional field is filled, for each kind of audience."""
    try:
        library = _probe_library()
        accounts = [_probe_account(t) for t in ("strategic", "lite", "programmatic")]
    except ValueError:  # the models changed: the workspace's accounts still describe it
        return
    for account in accounts:
        yield from _contexts(library, account, root, doc, True, view)


def context_shapes(
    workspace: Workspace | None, docs: Iterable[str], view: AudienceClass | None = None
) -> dict[str, Shape]:
    """The shape of the render context of each of ``docs``.

    Args:
        workspace: its valid accounts are merged into the shape (``None``: the probe only).
        docs: document ids.
        view: build every context in this view (``internal``: with the internal fields a
            customer document lacks); each document's own class by default.

    Returns:
        One shape per document id.
    """
    root = workspace.root if workspace is not None else Path("/nonexistent")
    shapes: dict[str, Shape] = {}
    for doc in docs:
        shape = Shape({"dict"})
        for data in _probe_contexts(root, doc, view):
            shape.merge(shape_of(data))
        if workspace is not None and workspace.library is not None:
            for account in list(workspace.accounts.values())[:MAX_ACCOUNTS]:
                for data in _contexts(workspace.library, account, root, doc, False, view):
                    shape.merge(shape_of(data))
        shapes[doc] = shape
    return shapes


def union(shapes: Iterable[Shape]) -> Shape:
    """One shape accepting everything any of ``shapes`` accepts."""
    merged = Shape()
    for shape in shapes:
        merged.merge(shape_of_copy(shape))
    return merged


def shape_of_copy(shape: Shape) -> Shape:
    """A deep copy of ``shape`` (merging mutates)."""
    return Shape(
        set(shape.kinds),
        {k: shape_of_copy(v) for k, v in shape.keys.items()},
        shape.open,
        shape_of_copy(shape.item) if shape.item is not None else None,
    )


# -- checking a template -------------------------------------------------------------------


@dataclass(frozen=True)
class UnknownPath:
    """A name or attribute path a template uses that the context does not have.

    Attributes:
        line: the line of the Jinja source it is on.
        path: the path as written (``account.nmae``, ``c.titel``).
        suggestion: the closest existing path, or ``""``.
        note: why, when it is not just a missing key (``'challenges' is a list``).
    """

    line: int
    path: str
    suggestion: str = ""
    note: str = ""

    def message(self) -> str:
        """``unknown variable 'account.nmae' (did you mean 'account.name'?)``."""
        text = f"unknown variable '{self.path}'"
        if self.suggestion:
            text += f" (did you mean '{self.suggestion}'?)"
        if self.note:
            text += f" ({self.note})"
        return text


def _written(node: nodes.Node) -> str:
    """The expression as a template author wrote it, as far as it is a path."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return f"{_written(node.node)}.{arg.value}"
        if isinstance(arg, nodes.Const):
            return f"{_written(node.node)}[{arg.value!r}]"
        return f"{_written(node.node)}[...]"
    if isinstance(node, nodes.Filter):
        return f"({_written(node.node) if node.node is not None else ''}|{node.name})"
    return "(...)"


Scope = dict[str, Shape | None]


class _Walker:
    """Walks one template AST with a context shape, collecting :class:`UnknownPath`."""

    def __init__(self, root: Shape, extra_names: Iterable[str]) -> None:
        self.root = root
        self.extra = set(extra_names) | JINJA_GLOBALS
        self.found: list[UnknownPath] = []
        self.quiet = 0
        self.guarded: list[str] = []

    def report(self, node: nodes.Node, path: str, suggestion: str = "", note: str = "") -> None:
        guarded = any(path == g or path.startswith((f"{g}.", f"{g}[")) for g in self.guarded)
        if not self.quiet and not guarded:
            self.found.append(UnknownPath(node.lineno, path, suggestion, note))

    # -- statements ------------------------------------------------------------------------

    def walk(self, node: nodes.Node, scope: Scope) -> None:
        if isinstance(node, nodes.If):
            # ``{% if x.y is defined %}`` guards ``x.y`` in its body
            self.expr(node.test, scope)
            guards = [
                _written(test.node)
                for test in [node.test, *node.test.find_all(nodes.Test)]
                if isinstance(test, nodes.Test) and test.name == "defined"
            ]
            self.guarded.extend(guards)
            self.block(node.body, scope)
            del self.guarded[len(self.guarded) - len(guards) :]
            for branch in node.elif_:
                self.walk(branch, scope)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.For):
            shape = self.expr(node.iter, scope)
            inner = dict(scope)
            self.bind(node.target, shape.item if shape is not None else None, inner)
            inner["loop"] = None
            if node.test is not None:
                self.expr(node.test, inner)
            self.block(node.body, inner)
            self.block(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.block(node.body, scope)
            self.bind(node.target, None, scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.block(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
            else:
                self.expr(node.call, scope)
            inner = dict(scope)
            for arg in node.args:
                inner[arg.name] = None
            for default in node.defaults:
                self.expr(default, scope)
            inner.update({"varargs": None, "kwargs": None, "caller": None})
            self.block(node.body, inner)
        elif isinstance(node, nodes.Import):
            scope[node.target] = None
        elif isinstance(node, nodes.FromImport):
            for name in node.names:
                scope[name[1] if isinstance(name, tuple) else name] = None
        elif isinstance(node, nodes.Expr):
            self.expr(node, scope)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.walk(child, scope)

    def block(self, body: list[nodes.Node], scope: Scope) -> None:
        for node in body:
            self.walk(node, scope)

    def bind(self, target: nodes.Node, shape: Shape | None, scope: Scope) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)

    # -- expressions -----------------------------------------------------------------------

    def expr(self, node: nodes.Node, scope: Scope) -> Shape | None:
        """Check ``node`` and return the shape of its value (``None``: unknown)."""
        if isinstance(node, nodes.Name):
            return self.name(node, scope)
        if isinstance(node, nodes.Getattr):
            return self.attribute(node, self.expr(node.node, scope), node.attr)
        if isinstance(node, nodes.Getitem):
            return self.item(node, scope)
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            self.quiet += 1
            try:
                self.expr(node.node, scope)
            finally:
                self.quiet -= 1
            return None
        if isinstance(node, nodes.Call):
            return self.call(node, scope)
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return None

    def name(self, node: nodes.Name, scope: Scope) -> Shape | None:
        if node.name in scope:
            return scope[node.name]
        if node.name in self.root.keys:
            return self.root.keys[node.name]
        if node.name in self.extra or node.name.startswith("_abm_") or self.root.open:
            return None
        candidates = [*self.root.keys, *scope]
        close = difflib.get_close_matches(node.name, candidates, n=1, cutoff=0.6)
        self.report(node, node.name, close[0] if close else "")
        return None

    def attribute(self, node: nodes.Node, base: Shape | None, key: str) -> Shape | None:
        if base is None or not base.kinds or base.open:
            return None
        if "dict" in base.kinds and key in base.keys:
            return base.keys[key]
        if any(key in _PY_ATTRS.get(kind, frozenset()) for kind in base.kinds):
            return None  # a method (``items``, ``upper``...)
        note = ""
        if base.kinds <= {"list", "none"} and "list" in base.kinds:
            note = "it is a list: loop over it or take one item"
        elif "dict" not in base.kinds:
            note = f"it is a {'/'.join(sorted(base.kinds))}, not a mapping"
        where = _written(node)
        close = difflib.get_close_matches(key, list(base.keys), n=1, cutoff=0.6)
        suggestion = f"{where.rsplit('.', 1)[0]}.{close[0]}" if close else ""
        self.report(node, where, suggestion, note)
        return None

    def item(self, node: nodes.Getitem, scope: Scope) -> Shape | None:
        base = self.expr(node.node, scope)
        arg = node.arg
        if isinstance(arg, nodes.Slice):
            self.expr(arg, scope)
            return base
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return self.attribute(node, base, arg.value)
        self.expr(arg, scope)
        if base is not None and "list" in base.kinds:
            return base.item
        return None

    def call(self, node: nodes.Call, scope: Scope) -> Shape | None:
        callee = node.node
        if isinstance(callee, nodes.Getattr):
            base = self.expr(callee.node, scope)
            if base is not None and "dict" in base.kinds and callee.attr in base.keys:
                pass
            else:
                self.attribute(callee, base, callee.attr)
        else:
            self.expr(callee, scope)
        for child in (*node.args, *node.kwargs):
            self.expr(child, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)
        return None

    def filter(self, node: nodes.Filter, scope: Scope) -> Shape | None:
        lenient = node.name in ("default", "d")
        base: Shape | None = None
        if node.node is not None:
            self.quiet += lenient
            try:
                base = self.expr(node.node, scope)
            finally:
                self.quiet -= lenient
        for child in (*node.args, *node.kwargs):
            self.expr(child, scope)
        item = base.item if base is not None and "list" in base.kinds else None
        spec = _ATTRIBUTE_ARGS.get(node.name)
        attr_path = self._attribute_argument(node, spec) if spec else None
        picked = item
        if attr_path is not None:
            picked = self.item_path(node, item, attr_path)
        if node.name in _SAME_LIST or node.name == "batch":
            return base if node.name != "batch" else None
        if node.name in _ONE_ITEM:
            return item
        if node.name == "map" and attr_path is not None and picked is not None:
            return Shape({"list"}, item=picked)
        if lenient:
            return base
        return None

    def item_path(self, node: nodes.Filter, item: Shape | None, path: str) -> Shape | None:
        """Check the ``attribute='a.b'`` path a filter reads from each item."""
        shape = item
        for depth, part in enumerate(path.split(".")):
            if shape is None or not shape.kinds or shape.open or part.isdigit():
                return None
            if "dict" in shape.kinds and part in shape.keys:
                shape = shape.keys[part]
                continue
            if any(part in _PY_ATTRS.get(kind, frozenset()) for kind in shape.kinds):
                return None
            base = node.node if node.node is not None else node
            done = ".".join(path.split(".")[:depth])
            close = difflib.get_close_matches(part, list(shape.keys), n=1, cutoff=0.6)
            suggestion = ".".join(p for p in (done, close[0] if close else "") if p)
            self.report(
                node,
                f"{_written(base)}[].{path}",
                f"attribute='{suggestion}'" if close else "",
                f"in the '{node.name}' filter",
            )
            return None
        return shape

    @staticmethod
    def _attribute_argument(node: nodes.Filter, spec: tuple[str, bool]) -> str | None:
        keyword, positional = spec
        for kw in node.kwargs:
            if kw.key == keyword and isinstance(kw.value, nodes.Const):
                return str(kw.value.value) if isinstance(kw.value.value, str) else None
        if positional and node.args and isinstance(node.args[0], nodes.Const):
            value = node.args[0].value
            return value if isinstance(value, str) else None
        return None


def unknown_paths(
    ast: nodes.Template, shape: Shape, *, extra_names: Iterable[str] = ()
) -> list[UnknownPath]:
    """Every name and attribute path ``ast`` uses that ``shape`` does not have.

    Args:
        ast: a parsed template (``env.parse(source)``).
        shape: the shape of the context it is rendered with.
        extra_names: names the renderer provides besides the context (filters' helpers...).

    Returns:
        The unknown paths, in the order found, each once per line.
    """
    walker = _Walker(shape, extra_names)
    walker.walk(ast, {})
    seen: set[tuple[int, str]] = set()
    unique: list[UnknownPath] = []
    for found in walker.found:
        if (found.line, found.path) not in seen:
            seen.add((found.line, found.path))
            unique.append(found)
    return unique
