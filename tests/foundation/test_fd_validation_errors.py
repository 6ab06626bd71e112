"""One test per class of input error: the message names file, line, field and reason.

Each case edits one line of a copy of the contract workspace; the expected line is found
in the edited text (never hard-coded), so a report on a neighbouring line fails.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from abmcontent.loading.workspace import load_workspace

from .conftest import CASES_DIR, HOKUTO, NORTHWIND
from .helpers import edit, line_of, only


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str
    field: str
    line_needle: str
    reasons: tuple[str, ...]
    file: str = HOKUTO
    severity: str = "error"


LOGO = "logo: assets/logos/hokuto-logistics.png"

CASES = [
    Case(
        "malformed-yaml",
        "headquarters: 東京都江東区",
        "headquarters: 東京都: 江東区",
        "",
        "headquarters:",
        ("malformed YAML", "mapping values are not allowed"),
    ),
    Case(
        "python-object-tag",
        "tier: strategic",
        "tier: !!python/object/apply:os.system ['true']",
        "",
        "tier:",
        ("malformed YAML", "only plain data is allowed", "python/object/apply"),
    ),
    Case(
        "unknown-field",
        "segment: enterprise",
        "segmnt: enterprise",
        "segmnt",
        "segmnt:",
        ("unknown field 'segmnt'", "did you mean 'segment'?"),
    ),
    Case(
        "unknown-nested-field",
        "    influence: champion",
        "    influense: champion",
        "stakeholders.2.influense",
        "influense:",
        ("unknown field 'influense'", "did you mean 'influence'?"),
    ),
    Case(
        "wrong-type",
        "employees: 8200",
        "employees: eight thousand",
        "employees",
        "employees:",
        ("valid integer",),
    ),
    Case(
        "bad-enum",
        "    impact: medium",
        "    impact: severe",
        "challenges.2.impact",
        "impact: severe",
        ("'high', 'medium' or 'low'",),
    ),
    Case(
        "missing-required-field",
        "    role: cio\n",
        "",
        "stakeholders.3.role",
        "- id: watanabe-sho",
        ("required field is missing",),
    ),
    Case(
        "non-slug-id",
        "  - id: ito-daisuke",
        "  - id: Ito_Daisuke",
        "stakeholders.2.id",
        "Ito_Daisuke",
        ("'Ito_Daisuke' is not a valid id", "lowercase"),
    ),
    Case(
        "id-not-file-name",
        "id: hokuto-logistics",
        "id: hokuto",
        "id",
        "id: hokuto",
        ("'hokuto' does not match the file name 'hokuto-logistics.yaml'",),
    ),
    Case(
        "duplicate-stakeholder-id",
        "  - id: watanabe-sho",
        "  - id: sato-kenichi",
        "stakeholders.3.id",
        "  - id: sato-kenichi\n    name: 渡辺",
        ("duplicate stakeholder id 'sato-kenichi'",),
    ),
    Case(
        "dangling-role",
        "    role: cio\n",
        "    role: ciso\n",
        "stakeholders.3.role",
        "role: ciso",
        ("unknown role 'ciso'", "library/personas.yaml"),
    ),
    Case(
        "dangling-competitor",
        "  - id: routemax ",
        "  - id: fleetwise ",
        "competitors.0.id",
        "id: fleetwise",
        ("no battlecard 'fleetwise'", "library/competitors/fleetwise.yaml"),
    ),
    Case(
        "dangling-product",
        "product: demand-forecast",
        "product: demand-forecasting",
        "opportunities.1.product",
        "demand-forecasting",
        ("unknown product 'demand-forecasting'", "library/seller.yaml"),
    ),
    Case(
        "dangling-solved-by",
        "    owners: [cio]\n",
        "    owners: [cio]\n    solved_by: [demand-forecast, data-lake]\n",
        "challenges.2.solved_by.1",
        "solved_by:",
        ("unknown product 'data-lake'", "library/seller.yaml", "demand-forecast"),
    ),
    Case(
        "dangling-engagement-stakeholder",
        "stakeholder: watanabe-sho",
        "stakeholder: watanabe",
        "engagement.1.stakeholder",
        "stakeholder: watanabe",
        ("'watanabe' is not a stakeholder of this account",),
    ),
    Case(
        "logo-url",
        LOGO,
        "logo: https://hokuto.example/logo.png",
        "logo",
        "logo:",
        ("is a URL",),
    ),
    Case(
        "logo-missing-file",
        LOGO,
        "logo: assets/logos/nope.png",
        "logo",
        "logo:",
        ("'assets/logos/nope.png' does not exist",),
    ),
    Case(
        "logo-not-an-image",
        LOGO,
        "logo: assets/logos/fake.png",
        "logo",
        "logo:",
        ("'assets/logos/fake.png' is not a PNG",),
    ),
    Case(
        "bad-currency-code",
        "annual_revenue: {amount: 245000000000, currency: JPY}",
        "annual_revenue: {amount: 245000000000, currency: XYZ}",
        "annual_revenue.currency",
        "annual_revenue:",
        ("'XYZ' is not an ISO 4217 currency code",),
    ),
    Case(
        "impossible-date",
        "date: 2026-10-14",
        "date: 2026-13-45",
        "engagement.0.date",
        "2026-13-45",
        ("valid date",),
    ),
    Case(
        "bad-enum-other-profile",
        "tier: lite",
        "tier: light",
        "tier",
        "tier:",
        ("'strategic', 'lite' or 'programmatic'",),
        file=NORTHWIND,
    ),
    Case(
        "missing-translation",
        "summary: 国際物流総合展で配車最適化デモを体験",
        "summary: {en: Tried the dispatch demo at the logistics fair}",
        "engagement.0.summary",
        "Tried the dispatch demo",
        ("no 'ja' translation", "'en' text is used instead"),
        severity="warning",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_error_names_file_line_field_and_reason(case: Case, contract_ws: Path) -> None:
    shutil.copy(CASES_DIR / "not-an-image.png", contract_ws / "assets/logos/fake.png")
    text = edit(contract_ws, case.file, case.old, case.new)
    ws = load_workspace(contract_ws)
    mine = [p for p in ws.problems if p.file == case.file]
    problem = only(mine, field=case.field, severity=case.severity)
    assert problem.line == line_of(text, case.line_needle)
    for reason in case.reasons:
        assert reason in problem.reason
    where = f"{case.file}:{problem.line}:"
    shown = f" {case.field}:" if case.field else ""
    marker = " warning:" if case.severity == "warning" else ""
    assert str(problem) == f"{where}{shown}{marker} {problem.reason}"
    account = Path(case.file).stem
    if case.severity == "error":
        assert account in ws.failed_accounts and account not in ws.accounts
    else:
        assert not [p for p in mine if p.severity == "error"]
        assert account in ws.accounts


def _absolute_image(tmp_path: Path, contract_ws: Path) -> str:
    outside = tmp_path / "outside.png"
    shutil.copy(contract_ws / "assets/logos/hokuto-logistics.png", outside)
    return str(outside)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("absolute", "is an absolute path"),
        ("dotdot", "leaves the workspace ('..' is not allowed)"),
        ("symlink", "points outside the workspace"),
    ],
)
def test_logo_outside_the_workspace_is_refused_even_when_it_is_a_real_image(
    kind: str, reason: str, tmp_path: Path, contract_ws: Path
) -> None:
    outside = _absolute_image(tmp_path, contract_ws)
    if kind == "absolute":
        value = outside
    elif kind == "dotdot":
        value = "../outside.png"
    else:
        (contract_ws / "assets/logos/link.png").symlink_to(outside)
        value = "assets/logos/link.png"
    text = edit(contract_ws, HOKUTO, LOGO, f"logo: {value}")
    problem = only(load_workspace(contract_ws).problems, file=HOKUTO, field="logo")
    assert problem.line == line_of(text, "logo:")
    assert reason in problem.reason and problem.severity == "error"


def test_a_readable_image_inside_the_workspace_is_accepted(contract_ws: Path) -> None:
    (contract_ws / "assets/logos/sub").mkdir()
    shutil.copy(
        contract_ws / "assets/logos/hokuto-logistics.png", contract_ws / "assets/logos/sub/h.png"
    )
    edit(contract_ws, HOKUTO, LOGO, "logo: assets/logos/sub/h.png")
    ws = load_workspace(contract_ws)
    assert not ws.errors
    assert "hokuto-logistics" in ws.accounts


LIBRARY_CASES = [
    Case(
        "case-study-missing-field",
        "outcome: 導入1年で",
        "outcom: 導入1年で",
        "outcom",
        "outcom:",
        ("unknown field 'outcom'", "did you mean 'outcome'?"),
        file="library/case_studies/kanto-freight.yaml",
    ),
    Case(
        "battlecard-id-not-file-name",
        "id: routemax",
        "id: route-max",
        "id",
        "id: route-max",
        ("does not match the file name 'routemax.yaml'",),
        file="library/competitors/routemax.yaml",
    ),
    Case(
        "persona-bad-enum",
        "  proof: technical",
        "  proof: technological",
        "cio.proof",
        "proof: technological",
        ("'roi', 'operational', 'technical' or 'strategic'",),
        file="library/personas.yaml",
    ),
    Case(
        "seller-bad-colour",
        'primary: "#0B4F8A"',
        'primary: "blue"',
        "company.colors.primary",
        "colors:",
        ("pattern",),
        file="library/seller.yaml",
    ),
    Case(
        "seller-logo-missing",
        "logo: assets/brand/sorami.png",
        "logo: assets/brand/none.png",
        "company.logo",
        "logo:",
        ("does not exist",),
        file="library/seller.yaml",
    ),
    Case(
        "seller-duplicate-product-id",
        "  - id: demand-forecast",
        "  - id: route-optimizer",
        "products.1.id",
        "  - id: route-optimizer\n    name: Sorami Forecast",
        ("duplicate product id 'route-optimizer'",),
        file="library/seller.yaml",
    ),
]


@pytest.mark.parametrize("case", LIBRARY_CASES, ids=[c.name for c in LIBRARY_CASES])
def test_library_errors_name_file_line_field_and_reason(case: Case, contract_ws: Path) -> None:
    text = edit(contract_ws, case.file, case.old, case.new)
    ws = load_workspace(contract_ws)
    problem = only(ws.problems, file=case.file, field=case.field, severity="error")
    assert problem.line == line_of(text, case.line_needle)
    for reason in case.reasons:
        assert reason in problem.reason
    assert ws.library is None


def test_every_problem_of_every_file_is_reported_in_one_run(contract_ws: Path) -> None:
    edit(contract_ws, HOKUTO, "    role: cio\n", "    role: ciso\n")
    edit(contract_ws, HOKUTO, "employees: 8200", "employees: lots")
    edit(contract_ws, NORTHWIND, "tier: lite", "tier: light")
    edit(contract_ws, NORTHWIND, "stakeholder: dana-whitfield", "stakeholder: dana")
    edit(contract_ws, "library/competitors/routemax.yaml", "name: RouteMax", "nam: RouteMax")
    ws = load_workspace(contract_ws)
    fields = {(p.file, p.field) for p in ws.errors}
    assert {
        (HOKUTO, "employees"),
        (NORTHWIND, "tier"),
        ("library/competitors/routemax.yaml", "nam"),
        ("library/competitors/routemax.yaml", "name"),
    } <= fields
    assert ws.library is None


def test_references_are_all_checked_in_one_run(contract_ws: Path) -> None:
    edit(contract_ws, HOKUTO, "    role: cio\n", "    role: ciso\n")
    edit(contract_ws, HOKUTO, "  - id: routemax ", "  - id: fleetwise ")
    edit(contract_ws, HOKUTO, "product: demand-forecast", "product: nope")
    edit(contract_ws, HOKUTO, "stakeholder: watanabe-sho", "stakeholder: watanabe")
    edit(contract_ws, HOKUTO, LOGO, "logo: /etc/hostname")
    edit(contract_ws, NORTHWIND, "role: cfo", "role: finance")
    ws = load_workspace(contract_ws)
    got = {(p.file, p.field) for p in ws.errors}
    assert got == {
        (HOKUTO, "stakeholders.3.role"),
        (HOKUTO, "competitors.0.id"),
        (HOKUTO, "opportunities.1.product"),
        (HOKUTO, "engagement.1.stakeholder"),
        (HOKUTO, "logo"),
        (NORTHWIND, "stakeholders.1.role"),
    }
    assert ws.accounts == {}


def test_a_broken_file_does_not_hide_the_other_accounts(contract_ws: Path) -> None:
    edit(contract_ws, HOKUTO, "tier: strategic", "tier: [strategic")
    ws = load_workspace(contract_ws)
    assert list(ws.accounts) == ["northwind-health"]
    assert list(ws.failed_accounts) == ["hokuto-logistics"]
    assert ws.all_account_ids() == ["hokuto-logistics", "northwind-health"]


def test_profile_file_name_must_be_a_slug(contract_ws: Path) -> None:
    src = contract_ws / NORTHWIND
    target = contract_ws / "account_profiles/Northwind Health.yaml"
    src.rename(target)
    ws = load_workspace(contract_ws)
    names = {p.file for p in ws.errors}
    assert "account_profiles/Northwind Health.yaml" in names


@pytest.mark.parametrize(
    ("content", "reason"),
    [("", "expected a mapping"), ("- a\n- b\n", "expected a mapping"), (b"\xff\xfe", "UTF-8")],
)
def test_non_mapping_and_non_text_files(
    content: str | bytes, reason: str, contract_ws: Path
) -> None:
    path = contract_ws / NORTHWIND
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    problem = only(load_workspace(contract_ws).errors, file=NORTHWIND)
    assert reason in problem.reason
