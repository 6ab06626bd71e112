"""Fit scores and tiers: a good ranking beats a bad one; apply, outputs, the sample."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from abmcontent.cli import app
from abmcontent.crm.scoring import score_account
from abmcontent.crm.tiers import propose_tiers
from abmcontent.models.icp import IcpFile
from abmcontent.models.profile import AccountProfile
from abmcontent.sample import SAMPLE_ROOT

TODAY = dt.date(2026, 11, 25)
ICP = IcpFile.model_validate(
    yaml.safe_load((SAMPLE_ROOT / "library" / "icp.yaml").read_text("utf-8"))
)


def _account(account_id: str, **fields: object) -> AccountProfile:
    base: dict[str, object] = {
        "id": account_id,
        "name": account_id.title(),
        "locale": "en",
        "tier": "programmatic",
        "industry": "logistics",
    }
    return AccountProfile.model_validate({**base, **fields})


GIANT_COLD = _account(
    "giant-cold",
    industry="pharma",
    segment="enterprise",
    employees=48000,
    annual_revenue={"amount": 21_000_000_000, "currency": "USD"},
    competitors=[{"id": "routemax", "status": "incumbent"}],
    engagement=[{"date": "2025-06-01", "kind": "email", "summary": "Newsletter"}],
)
MIDSIZE_HOT = _account(
    "midsize-hot",
    industry="logistics",
    segment="mid_market",
    employees=1200,
    annual_revenue={"amount": 38_000_000_000, "currency": "JPY"},
    opportunities=[{"product": "route-optimizer", "stage": "proposal"}],
    engagement=[
        {"date": "2026-11-18", "kind": "meeting", "summary": "Pilot scoping"},
        {"date": "2026-10-30", "kind": "meeting", "summary": "Discovery"},
        {"date": "2026-10-02", "kind": "webinar", "summary": "Routing webinar"},
    ],
)


def test_midsize_ideal_engaged_account_beats_a_big_cold_one() -> None:
    hot = score_account(ICP, MIDSIZE_HOT, TODAY)
    cold = score_account(ICP, GIANT_COLD, TODAY)

    assert hot.score > cold.score + 30
    assert hot.part("recency").value == 1.0 and cold.part("recency").value == 0.0
    assert hot.part("opportunities").points > 0 and cold.part("opportunities").points == 0
    assert cold.part("size").value < hot.part("size").value
    assert hot.part("revenue").reason == "254,600,000 USD"  # converted from JPY
    assert sum(p.max_points for p in hot.parts) == pytest.approx(100)
    assert hot.score == pytest.approx(sum(p.points for p in hot.parts), abs=0.05)
    assert 0 <= cold.score <= hot.score <= 100


def test_recency_follows_the_given_date_and_ignores_planned_meetings() -> None:
    planned = _account(
        "planned",
        engagement=[{"date": "2027-01-10", "kind": "meeting", "summary": "Planned"}],
    )
    assert score_account(ICP, planned, TODAY).part("recency").reason == "no engagement"
    later = score_account(ICP, MIDSIZE_HOT, TODAY + dt.timedelta(days=100))
    assert later.part("recency").value == 0.4  # 107 days: the 180-day band


def test_tiers_follow_rank_capacity_and_minimum_scores() -> None:
    icp = ICP.model_copy(
        update={
            "capacity": ICP.capacity.model_copy(update={"strategic": 1, "lite": 1}),
            "min_score": ICP.min_score.model_copy(update={"strategic": 0, "lite": 0}),
        }
    )
    middle = _account("middle", industry="retail", employees=800)
    scores = [score_account(icp, a, TODAY) for a in (GIANT_COLD, middle, MIDSIZE_HOT)]

    ranked = propose_tiers(icp, scores)

    assert [(s.account_id, s.proposed_tier) for s in ranked] == [
        ("midsize-hot", "strategic"),
        ("middle", "lite"),
        ("giant-cold", "programmatic"),
    ]
    strict = icp.model_copy(update={"min_score": icp.min_score.model_copy(update={"lite": 99})})
    assert [s.proposed_tier for s in propose_tiers(strict, scores)] == [
        "strategic",
        "programmatic",
        "programmatic",
    ]


@pytest.fixture
def scored_workspace(workspace: Path) -> Path:
    (workspace / "account_profiles" / "midsize-hot.yaml").write_text(
        "# hand-written\n"
        + yaml.safe_dump(
            MIDSIZE_HOT.model_dump(mode="json", exclude_defaults=True),
            allow_unicode=True,
            sort_keys=False,
        ).replace("tier: programmatic\n", "tier: programmatic   # until scored\n"),
        "utf-8",
    )
    (workspace / "account_profiles" / "giant-cold.yaml").write_text(
        yaml.safe_dump(GIANT_COLD.model_dump(mode="json", exclude_defaults=True), sort_keys=False),
        "utf-8",
    )
    icp = (SAMPLE_ROOT / "library" / "icp.yaml").read_text("utf-8")
    icp = icp.replace("capacity: {strategic: 3, lite: 5}", "capacity: {strategic: 1, lite: 1}")
    (workspace / "library" / "icp.yaml").write_text(icp, "utf-8")
    return workspace


def test_score_apply_writes_tiers_and_keeps_comments(
    scored_workspace: Path, runner: CliRunner
) -> None:
    args = ["score", "--date", "2026-11-25", "-w", str(scored_workspace)]
    shown = runner.invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert "programmatic -> strategic" in shown.output
    assert "run with --apply" in shown.output
    path = scored_workspace / "account_profiles" / "midsize-hot.yaml"
    assert "tier: programmatic   # until scored\n" in path.read_text("utf-8")

    refused = runner.invoke(app, [*args, "--apply"], input="n\n")

    assert refused.exit_code == 0, refused.output
    assert "will write  midsize-hot: programmatic -> strategic" in refused.output
    assert "Write these 3 tier change(s)?" in refused.output
    assert "no tier written" in refused.output
    assert "tier: programmatic   # until scored\n" in path.read_text("utf-8")

    applied = runner.invoke(app, [*args, "--apply"], input="y\n")

    assert applied.exit_code == 0, applied.output
    text = path.read_text("utf-8")
    assert text.startswith("# hand-written\n")
    assert re.search(r"\ntier: strategic +# until scored\n", text)
    assert "tier        midsize-hot: programmatic -> strategic" in applied.output
    hokuto = yaml.safe_load(
        (scored_workspace / "account_profiles" / "hokuto-logistics.yaml").read_text("utf-8")
    )
    assert hokuto["tier"] == "lite"


def test_score_writes_csv_and_json(
    scored_workspace: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out_csv = tmp_path / "scores.csv"
    out_json = tmp_path / "scores.json"
    base = ["score", "--date", "2026-11-25", "-w", str(scored_workspace)]

    assert runner.invoke(app, [*base, "--output", str(out_csv)]).exit_code == 0
    assert runner.invoke(app, [*base, "--format", "json", "--output", str(out_json)]).exit_code == 0

    rows = list(csv.DictReader(io.StringIO(out_csv.read_text("utf-8"))))
    assert rows[0]["account"] == "midsize-hot"
    assert rows[-1]["account"] == "giant-cold"
    assert rows[0]["recency_reason"] == "last touch 7 days ago"
    data = json.loads(out_json.read_text("utf-8"))
    first = data["accounts"][0]
    assert (first["account"], first["rank"], first["proposed_tier"]) == (
        "midsize-hot",
        1,
        "strategic",
    )
    assert set(first["breakdown"]) == {
        "industry",
        "segment",
        "size",
        "revenue",
        "recency",
        "intensity",
        "opportunities",
        "competitors",
    }
    assert data["capacity"] == {"strategic": 1, "lite": 1}


def test_score_works_on_the_sample_workspace(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE_ROOT, root)

    result = runner.invoke(app, ["score", "--date", "2026-11-25", "--workspace", str(root)])

    assert result.exit_code == 0, result.output
    assert "hokuto-logistics" in result.output and "tsumugi-online" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--date", "2026-13-01"], 2, "month must be in 1..12"),
        (["--date", "25/11/2026"], 2, "--date must be YYYY-MM-DD"),
        (["--format", "xml"], 2, "'xml' is not a score format"),
    ],
)
def test_score_usage_errors(
    workspace: Path, runner: CliRunner, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(app, ["score", *args, "-w", str(workspace)])
    assert result.exit_code == code
    assert message in result.output


def test_score_reports_a_missing_or_broken_icp(workspace: Path, runner: CliRunner) -> None:
    (workspace / "library" / "icp.yaml").unlink()
    missing = runner.invoke(app, ["score", "-w", str(workspace)])
    assert missing.exit_code == 1
    assert "library/icp.yaml: missing" in missing.output

    (workspace / "library" / "icp.yaml").write_text(
        "weights: {industry: 10}\nindustries: {logistics: 2}\ncapacity: {strategic: -1}\n"
    )
    broken = runner.invoke(app, ["score", "-w", str(workspace)])
    assert broken.exit_code == 1
    assert "library/icp.yaml:2: industries.logistics: input should be less than or equal to 1" in (
        broken.output
    )
    assert "library/icp.yaml:3: capacity.strategic:" in broken.output
    assert "Traceback" not in broken.output


def test_broken_profile_is_listed_and_the_others_scored(
    scored_workspace: Path, runner: CliRunner
) -> None:
    (scored_workspace / "account_profiles" / "broken.yaml").write_text(
        "id: broken\nname: Broken\nlocale: en\ntier: premium\nindustry: logistics\n", "utf-8"
    )

    result = runner.invoke(app, ["score", "--date", "2026-11-25", "-w", str(scored_workspace)])

    assert result.exit_code == 1
    assert "account_profiles/broken.yaml:4: tier:" in result.output
    assert "(account not scored)" in result.output
    assert "midsize-hot" in result.output


def test_validate_reports_icp_errors_with_line_and_field(
    workspace: Path, runner: CliRunner
) -> None:
    (workspace / "library" / "icp.yaml").write_text("weights: {industy: 10}\n", "utf-8")

    result = runner.invoke(app, ["validate", "-w", str(workspace)])

    assert result.exit_code == 1
    assert "library/icp.yaml:1: weights.industy: unknown field 'industy'" in result.output


def test_a_pinned_tier_is_kept_and_takes_its_place_in_the_capacity(
    scored_workspace: Path, runner: CliRunner
) -> None:
    path = scored_workspace / "account_profiles" / "kestrel-outfitters.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\ntier: lite\n", "\ntier: lite\ntier_pinned: true\n"), "utf-8")
    args = ["score", "--date", "2026-11-25", "-w", str(scored_workspace)]

    shown = runner.invoke(app, args)

    assert shown.exit_code == 0, shown.output
    assert "lite (pinned)" in shown.output
    applied = runner.invoke(app, [*args, "--apply", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert "Write these" not in applied.output  # --yes: no question
    assert "kestrel-outfitters" not in "".join(
        line for line in applied.output.splitlines() if line.startswith("tier ")
    )
    assert yaml.safe_load(path.read_text("utf-8"))["tier"] == "lite"
    hokuto = yaml.safe_load(
        (scored_workspace / "account_profiles" / "hokuto-logistics.yaml").read_text("utf-8")
    )
    assert hokuto["tier"] == "programmatic"  # the one lite place is the pinned account's


def test_apply_without_an_answer_writes_nothing(scored_workspace: Path, runner: CliRunner) -> None:
    before = {p.name: p.read_bytes() for p in (scored_workspace / "account_profiles").iterdir()}
    args = ["score", "--date", "2026-11-25", "--apply", "-w", str(scored_workspace)]

    result = runner.invoke(app, args, input="")

    assert result.exit_code == 0, result.output
    assert "no tier written" in result.output
    after = {p.name: p.read_bytes() for p in (scored_workspace / "account_profiles").iterdir()}
    assert after == before
