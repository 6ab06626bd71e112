"""Generate large synthetic workspaces for benchmarks (and for tests that need volume).

``generate_workspace(dest, n_accounts, seed)`` copies the packaged sample workspace's
library and assets into ``dest`` and writes ``n_accounts`` account profiles of mixed
tiers, locales, industries and sizes. Every profile references only what the copied
library defines (roles, products, battlecards, logos), so the workspace validates with
no errors and no warnings. Output is deterministic for a given ``seed``.

    python benchmarks/workspace_gen.py DEST --accounts 500 --seed 0
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

SAMPLE = Path(__file__).resolve().parents[1] / "abmcontent" / "sample" / "workspace"

TIERS = ("strategic", "lite", "programmatic")
TIER_WEIGHTS = (1, 3, 6)
SEGMENTS = ("enterprise", "mid_market", "smb")
IMPACTS = ("high", "medium", "low")
INFLUENCES = ("decision_maker", "influencer", "champion", "blocker", "user")
STAGES = ("discovery", "proposal", "negotiation", "won", "lost")
KINDS = ("new", "upsell", "cross_sell")
STATUSES = ("incumbent", "evaluating", "displaced")
ENGAGEMENTS = ("meeting", "webinar", "content_view", "event", "email", "call")
EXTRA_INDUSTRIES = ("automotive", "chemicals", "wholesale", "energy", "cold-chain")

JA_FAMILY = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
JA_GIVEN = ("健一", "由美", "大輔", "翔", "花子", "亮", "誠", "美咲", "拓也", "恵")
JA_FAMILY_ROMAN = (
    "sato", "suzuki", "takahashi", "tanaka", "ito", "watanabe", "yamamoto", "nakamura",
    "kobayashi", "kato",
)  # fmt: skip
JA_GIVEN_ROMAN = (
    "kenichi", "yumi", "daisuke", "sho", "hanako", "ryo", "makoto", "misaki", "takuya", "megumi",
)  # fmt: skip
EN_GIVEN = ("Dana", "Raj", "Lee", "Morgan", "Priya", "Alex", "Jordan", "Sam", "Taylor", "Chris")
EN_FAMILY = ("Whitfield", "Iyer", "Okafor", "Reyes", "Shah", "Novak", "Berg", "Costa", "Kim")
JA_WORDS = ("北斗", "さくら", "青葉", "白峰", "若葉", "星川", "紬", "東雲", "朝日", "大和")
EN_WORDS = ("Northwind", "Harbor", "Summit", "Cedar", "Beacon", "Granite", "Maple", "Orion")


def _library(root: Path) -> dict[str, Any]:
    """What the copied library defines, read straight from its files."""
    lib = root / "library"
    personas = yaml.safe_load((lib / "personas.yaml").read_text(encoding="utf-8"))
    seller = yaml.safe_load((lib / "seller.yaml").read_text(encoding="utf-8"))
    stories = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((lib / "case_studies").glob("*.yaml"))
    ]
    tags = sorted(
        {t for p in seller["products"] for t in p.get("tags", [])}
        | {t for s in stories for t in s.get("challenge_tags", [])}
    )
    industries = sorted({s["industry"] for s in stories} | set(EXTRA_INDUSTRIES))
    return {
        "roles": sorted(personas),
        "products": [p["id"] for p in seller["products"]],
        "battlecards": sorted(p.stem for p in (lib / "competitors").glob("*.yaml")),
        "logos": sorted(
            p.relative_to(root).as_posix() for p in (root / "assets" / "logos").glob("*.png")
        ),
        "tags": tags,
        "industries": industries,
    }


def _text(rng: random.Random, ja: str, en: str, locale: str) -> Any:
    """A plain string in the account's language, or now and then a full ja/en map."""
    if rng.random() < 0.25:
        return {"ja": ja, "en": en}
    return ja if locale == "ja" else en


def _profile(index: int, rng: random.Random, lib: dict[str, Any]) -> dict[str, Any]:
    locale = "ja" if rng.random() < 0.55 else "en"
    tier = rng.choices(TIERS, TIER_WEIGHTS)[0]
    industry = rng.choice(lib["industries"])
    account_id = f"acct-{index:05d}"
    word_ja, word_en = rng.choice(JA_WORDS), rng.choice(EN_WORDS)
    profile: dict[str, Any] = {
        "id": account_id,
        "name": f"{word_ja}{industry}株式会社 第{index}" if locale == "ja" else
        f"{word_en} {industry.title()} {index} Inc.",
        "locale": locale,
        "tier": tier,
        "industry": industry,
    }  # fmt: skip
    if locale == "ja":
        profile["name_en"] = f"{word_en} {industry.title()} {index} Co., Ltd."
    profile["segment"] = rng.choice(SEGMENTS)
    profile["employees"] = rng.randrange(50, 60_000)
    currency = "JPY" if locale == "ja" else rng.choice(("USD", "USD", "EUR", "GBP"))
    scale = 150 if currency == "JPY" else 1
    profile["annual_revenue"] = {
        "amount": rng.randrange(10, 50_000) * 1_000_000 * scale,
        "currency": currency,
    }
    if lib["logos"] and rng.random() < 0.4:
        profile["logo"] = rng.choice(lib["logos"])
    summary_ja = f"{industry}分野の企業（第{index}号）。"
    profile["summary"] = _text(rng, summary_ja, f"A {industry} company (no. {index}).", locale)
    profile["business_goals"] = [
        _text(rng, f"目標{g + 1}を達成する", f"Reach goal {g + 1}", locale)
        for g in range(rng.randrange(0, 4))
    ]
    profile["challenges"] = [
        {
            "id": f"challenge-{c + 1}",
            "title": _text(rng, f"課題{c + 1}", f"Challenge {c + 1}", locale),
            "detail": _text(rng, "詳細な説明。", "The details.", locale),
            "impact": rng.choice(IMPACTS),
            "tags": rng.sample(lib["tags"], k=min(len(lib["tags"]), rng.randrange(1, 4))),
            "owners": rng.sample(lib["roles"], k=min(len(lib["roles"]), rng.randrange(1, 3))),
        }
        for c in range(rng.randrange(1, 6))
    ]
    profile["competitors"] = [
        {"id": card, "status": rng.choice(STATUSES)}
        for card in rng.sample(lib["battlecards"], k=rng.randrange(0, 3))
    ]
    people = []
    for p in range(rng.randrange(0 if tier == "programmatic" else 1, 8)):
        if locale == "ja":
            f, g = rng.randrange(len(JA_FAMILY)), rng.randrange(len(JA_GIVEN))
            name = f"{JA_FAMILY[f]} {JA_GIVEN[g]}"
            slug = f"{JA_FAMILY_ROMAN[f]}-{JA_GIVEN_ROMAN[g]}-{p + 1}"
        else:
            given, family = rng.choice(EN_GIVEN), rng.choice(EN_FAMILY)
            name = f"{given} {family}"
            slug = f"{given}-{family}-{p + 1}".lower()
        person: dict[str, Any] = {
            "id": slug,
            "name": name,
            "title": "部長" if locale == "ja" else "Director",
            "role": rng.choice(lib["roles"]),
            "influence": rng.choice(INFLUENCES),
            "priorities": [_text(rng, "コスト削減", "Lower cost", locale)],
        }
        people.append(person)
    profile["stakeholders"] = people
    profile["opportunities"] = [
        {
            "product": product,
            "kind": rng.choice(KINDS),
            "value": {"amount": rng.randrange(1, 500) * 100_000 * scale, "currency": currency},
            "stage": rng.choice(STAGES),
        }
        for product in rng.sample(lib["products"], k=rng.randrange(0, len(lib["products"]) + 1))
    ]
    start = dt.date(2026, 1, 1)
    profile["engagement"] = [
        {
            "date": start + dt.timedelta(days=rng.randrange(0, 330)),
            "stakeholder": rng.choice(people)["id"],
            "kind": rng.choice(ENGAGEMENTS),
            "summary": _text(rng, "資料を閲覧", "Viewed a paper", locale),
        }
        for _ in range(rng.randrange(0, 6) if people else 0)
    ]
    profile["owners"] = {"sales": "山田 花子" if locale == "ja" else "Morgan Reyes"}
    return profile


def generate_workspace(dest: Path, n_accounts: int, seed: int = 0) -> Path:
    """Write a workspace of ``n_accounts`` generated profiles and the sample library.

    Args:
        dest: the folder to write (created; existing profiles in it are replaced).
        n_accounts: how many account profiles to write.
        seed: the random seed; the same seed gives the same files.

    Returns:
        ``dest``.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for part in ("library", "assets"):
        shutil.copytree(SAMPLE / part, dest / part, dirs_exist_ok=True)
    profiles = dest / "account_profiles"
    if profiles.is_dir():
        shutil.rmtree(profiles)
    profiles.mkdir()
    lib = _library(dest)
    rng = random.Random(seed)
    for index in range(n_accounts):
        profile = _profile(index, rng, lib)
        text = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=100)
        (profiles / f"{profile['id']}.yaml").write_text(text, encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(generate_workspace(args.dest, args.accounts, args.seed))


if __name__ == "__main__":
    main()
