"""The business case of an account, computed from its profile, never typed.

From the structured, optional fields of the profile (see :mod:`abmcontent.models.profile`):

- each challenge's ``cost`` (an amount per hour, day, month, year or incident) and
  ``exposure`` (how many of those units a year are expected): the expected annual loss is
  ``cost x exposure`` per challenge, summed;
- the open deals' ``value`` (the investment) and ``renewal`` (the yearly price from the second
  year on);
- the optional ``alternative`` (the incumbent's renewal, a like-for-like refresh: ``one_off``
  and/or ``per_year``).

it computes the expected annual loss, the investment, the payback in months (investment /
(annual loss / 12), assuming the proposal avoids the loss) and a 3-year total cost comparison:
the status quo (3 x the annual loss), the alternative (``one_off`` + 3 x ``per_year``) and our
proposal (investment + 2 x renewal). Everything is counted in the main currency (the one most
of the figures are in; on a tie, the investment's): a figure in another currency is left out
and listed under ``left_out``. Every challenge with a cost counts: give a cost only to what the
proposal answers.

Figures name the profile fields they come from (see :mod:`abmcontent.context.business_inputs`):
challenges by their index in the file (``challenges[0].cost``), deals by their product
(``opportunities[product=x].value``).

The ``business_case`` context (every amount a number in the main currency, every ``text``
formatted for the locale, every ``footnote`` a sentence naming its fields)::

    available: bool          # an investment, and a loss or an alternative, to set it against
    currency: "JPY"
    missing: [str]           # the fields that would complete it ("challenges[].cost", ...)
    left_out: [{field, text}]  # figures in another currency, not counted
    left_out_text: str       # the same, as a sentence ("" when nothing was left out)
    headline: str            # a takeaway title ("" when not available)
    annual_loss: {available, label, amount, text, footnote, fields,
                  items: [{challenge_id, title, amount, text, rate_text, footnote, fields}]}
    investment: {available, label, amount, text, renewal_amount, renewal_text, footnote,
                 fields, items: [{product_id, product, amount, text, field}]}
    payback: {available, label, months, text, footnote, fields}
    tco: {available, label, years, baseline, saving_amount, saving_text, footnote, fields,
          options: [{key: status_quo|alternative|proposal, label, amount, text, footnote,
                     fields}],
          chart: {categories, series: [{name, values}]}, unit}
    footnotes: [str]         # the footnotes of the available figures, in the order above

A figure that cannot be computed has only ``available: false``, ``label`` and its ``missing``
fields: test ``available`` before printing one. ``tco.baseline`` is the option our proposal is
set against (the alternative when there is one, else the status quo); ``saving_amount`` is
baseline minus proposal (below zero when ours costs more; ``saving_text`` is its size).
``tco.chart`` has the shape of the ``investment_chart`` (a native bar chart: one category per
option, values in ``tco.unit``: 万円, $M...). ``headline`` sets the proposal against the
alternative when it saves money, else states the payback.
"""

from __future__ import annotations

from typing import Any

from abmcontent.context.business_inputs import CaseInputs, Loss, deal_field, gather_inputs
from abmcontent.context.localize import text
from abmcontent.formatting import chart_scale, format_money, format_number
from abmcontent.models import AccountProfile, Money
from abmcontent.models.common import Locale

#: the years of the total cost comparison
YEARS = 3

Context = dict[str, Any]

_LABELS: dict[str, dict[Locale, str]] = {
    "annual_loss": {"ja": "想定年間損失", "en": "Expected annual loss"},
    "investment": {"ja": "投資額", "en": "Investment"},
    "payback": {"ja": "投資回収期間", "en": "Payback"},
    "tco": {"ja": f"{YEARS}年間の総コスト", "en": f"{YEARS}-year total cost"},
    "status_quo": {"ja": "現状維持", "en": "Status quo"},
    "proposal": {"ja": "当社のご提案", "en": "Our proposal"},
}

#: how a cost per unit and its exposure read: (ja, en), with {money} and {n}
_RATES: dict[str, tuple[str, str, str]] = {
    # unit: ja, en (one unit), en (several units)
    "hour": (
        "1時間あたり{money} × 年{n}時間",
        "{money} an hour × {n} hour a year",
        "{money} an hour × {n} hours a year",
    ),
    "day": (
        "1日あたり{money} × 年{n}日",
        "{money} a day × {n} day a year",
        "{money} a day × {n} days a year",
    ),
    "month": ("月{money} × {n}か月", "{money} a month × {n} month", "{money} a month × {n} months"),
    "incident": (
        "1件あたり{money} × 年{n}件",
        "{money} an incident × {n} incident a year",
        "{money} an incident × {n} incidents a year",
    ),
    "year": ("年{money} × {n}", "{money} a year × {n}", "{money} a year × {n}"),
}
#: a yearly cost, or an incident, with a probability below one
_CHANCE: dict[str, tuple[str, str]] = {
    "year": ("年{money} × 発生確率{pct}%", "{money} a year × a {pct}% chance"),
    "incident": (
        "1件あたり{money} × 年間発生確率{pct}%",
        "{money} an incident × a {pct}% chance a year",
    ),
}


def _pick(locale: Locale, ja: str, en: str) -> str:
    return ja if locale == "ja" else en


def _money(amount: float, currency: str, locale: Locale) -> str:
    """An amount formatted for ``locale`` (computed sums may exceed what a file may hold)."""
    return format_money(Money.model_construct(amount=amount, currency=currency), locale)


def _fields_text(fields: list[str], locale: Locale) -> str:
    joined = ", ".join(fields)
    return _pick(locale, f"（{joined}）", f" ({joined})")


def _sentence(parts: list[str], locale: Locale) -> str:
    """Parts joined as sentences: ``A。B。`` / ``A. B.``."""
    if locale == "ja":
        return "".join(p if p.endswith("。") else f"{p}。" for p in parts)
    return " ".join(p if p.endswith(".") else f"{p}." for p in parts)


def _rate_text(loss: Loss, locale: Locale) -> str:
    cost = loss.challenge.cost
    assert cost is not None
    money = format_money(cost, locale)
    if cost.per == "year" and loss.exposure == 1:
        return _pick(locale, f"年{money}", f"{money} a year")
    if cost.per in _CHANCE and loss.exposure < 1:
        ja, en = _CHANCE[cost.per]
        return _pick(locale, ja, en).format(
            money=money, pct=format_number(loss.exposure * 100, locale)
        )
    ja, one, several = _RATES[cost.per]
    pattern = _pick(locale, ja, one if loss.exposure == 1 else several)
    return pattern.format(money=money, n=format_number(loss.exposure, locale, 2))


def _loss_item(loss: Loss, currency: str, locale: Locale) -> Context:
    title = text(loss.challenge.title, locale)
    annual = _money(loss.amount, currency, locale)
    rate = _rate_text(loss, locale)
    result = _pick(locale, f"年{annual}", f"{annual} a year")
    sum_text = result if rate == result else f"{rate} = {result}"
    derivation = _pick(locale, "{}：{}", "{}: {}").format(title, sum_text)
    derivation += _fields_text(loss.fields, locale)
    source = loss.challenge.cost.source if loss.challenge.cost else None
    parts = [derivation]
    if source is not None:
        parts.append(
            _pick(locale, f"出典：{text(source, locale)}", f"Source: {text(source, locale)}")
        )
    return {
        "challenge_id": loss.challenge.id,
        "title": title,
        "amount": loss.amount,
        "text": annual,
        "rate_text": rate,
        "footnote": _sentence(parts, locale),
        "fields": loss.fields,
    }


def _unavailable(key: str, locale: Locale, missing: list[str]) -> Context:
    return {"available": False, "label": _LABELS[key][locale], "missing": missing}


def _annual_loss(found: CaseInputs, locale: Locale) -> Context:
    if not found.losses:
        exposures = [name for name, _ in found.missing if name.endswith(".exposure")]
        needed = exposures or ["challenges[].cost", "challenges[].exposure"]
        return _unavailable("annual_loss", locale, needed)
    items = [_loss_item(loss, found.currency, locale) for loss in found.losses]
    total = sum(loss.amount for loss in found.losses)
    total_text = _money(total, found.currency, locale)
    label = _LABELS["annual_loss"][locale]
    fields = [name for loss in found.losses for name in loss.fields]
    if len(items) == 1:
        footnote = items[0]["footnote"]
    else:
        parts = " + ".join(item["text"] for item in items)
        head = _pick(locale, f"{label} {total_text} = {parts}", f"{label} {total_text} = {parts}")
        footnote = _sentence([head, *(item["footnote"] for item in items)], locale)
    return {
        "available": True,
        "label": label,
        "amount": total,
        "text": total_text,
        "footnote": footnote,
        "fields": fields,
        "items": items,
    }


def _investment(found: CaseInputs, product_names: dict[str, str], locale: Locale) -> Context:
    if not found.deals:
        return _unavailable("investment", locale, ["opportunities[].value"])
    items: list[Context] = []
    for deal in found.deals:
        assert deal.value is not None
        product = product_names.get(deal.product or "", deal.product or "")
        items.append(
            {
                "product_id": deal.product or "",
                "product": product,
                "amount": float(deal.value.amount),
                "text": format_money(deal.value, locale),
                "field": deal_field(deal, "value"),
            }
        )
    total = sum(item["amount"] for item in items)
    renewal = sum(float(d.renewal.amount) for d in found.deals if d.renewal is not None)
    total_text = _money(total, found.currency, locale)
    label = _LABELS["investment"][locale]
    fields = [item["field"] for item in items]
    if len(items) > 1:
        parts = " + ".join(f"{item['product']} {item['text']}" for item in items)
        head = f"{label} {total_text} = {parts}"
    else:
        head = _pick(locale, "{}：{}", "{}: {}").format(
            f"{label} {total_text}", items[0]["product"]
        )
    footnote = _sentence(
        [
            head + _fields_text(fields, locale),
            _pick(locale, "商談中の案件のみを計上", "Open deals only"),
        ],
        locale,
    )
    return {
        "available": True,
        "label": label,
        "amount": total,
        "text": total_text,
        "renewal_amount": renewal,
        "renewal_text": _money(renewal, found.currency, locale) if renewal else "",
        "footnote": footnote,
        "fields": fields,
        "items": items,
    }


def _payback(loss: Context, investment: Context, currency: str, locale: Locale) -> Context:
    missing = [*loss.get("missing", []), *investment.get("missing", [])]
    if missing or not loss["amount"]:
        return _unavailable("payback", locale, missing or ["challenges[].exposure"])
    monthly = loss["amount"] / 12
    months = round(investment["amount"] / monthly, 1)
    months_text = format_number(months, locale)
    value = _pick(locale, f"{months_text}か月", f"{months_text} month{'' if months == 1 else 's'}")
    monthly_text = _money(monthly, currency, locale)
    label = _LABELS["payback"][locale]
    fields = [*investment["fields"], *loss["fields"]]
    head = _pick(
        locale,
        f"{label} {value} = 投資額 {investment['text']} ÷ 月あたり想定損失 {monthly_text}",
        f"{label} {value} = investment {investment['text']} ÷ expected loss per month "
        f"{monthly_text}",
    )
    footnote = _sentence(
        [
            head + _fields_text(fields, locale),
            _pick(
                locale,
                f"月あたり想定損失は年{loss['text']}の12分の1",
                f"The loss per month is {loss['text']} a year ÷ 12",
            ),
            _pick(
                locale,
                "ご提案により想定損失を回避できる前提",
                "Assumes the proposal avoids the expected loss",
            ),
        ],
        locale,
    )
    return {
        "available": True,
        "label": label,
        "months": months,
        "text": value,
        "footnote": footnote,
        "fields": fields,
    }


def _option(
    key: str,
    label: str,
    amount: float,
    terms: list[str],
    fields: list[str],
    currency: str,
    locale: Locale,
    source: str = "",
) -> Context:
    """One option of the total cost comparison, its footnote the sum it is made of."""
    total = _money(amount, currency, locale)
    head = _pick(
        locale,
        f"{label} {YEARS}年間 {total} = {' + '.join(terms)}",
        f"{label} over {YEARS} years {total} = {' + '.join(terms)}",
    )
    parts = [head + _fields_text(fields, locale)]
    if source:
        parts.append(_pick(locale, f"出典：{source}", f"Source: {source}"))
    return {
        "key": key,
        "label": label,
        "amount": amount,
        "text": total,
        "footnote": _sentence(parts, locale),
        "fields": fields,
    }


def _status_quo(found: CaseInputs, loss: Context, locale: Locale) -> Context:
    """The status quo: the expected loss, every year."""
    term = _pick(
        locale,
        f"想定年間損失 {loss['text']} × {YEARS}年",
        f"expected annual loss {loss['text']} × {YEARS}",
    )
    label = _LABELS["status_quo"][locale]
    amount = loss["amount"] * YEARS
    return _option("status_quo", label, amount, [term], loss["fields"], found.currency, locale)


def _alternative(found: CaseInputs, account: AccountProfile, locale: Locale) -> Context | None:
    """The alternative: its one-off price and its yearly price for every year."""
    alternative = account.alternative
    if alternative is None or (found.one_off is None and found.per_year is None):
        return None
    currency = found.currency
    terms, fields = [], []
    if found.one_off is not None:
        one_off = _money(found.one_off, currency, locale)
        terms.append(_pick(locale, f"一時費用 {one_off}", f"one-off {one_off}"))
        fields.append("alternative.one_off")
    if found.per_year is not None:
        per_year = _money(found.per_year, currency, locale)
        terms.append(_pick(locale, f"年間 {per_year} × {YEARS}年", f"{per_year} a year × {YEARS}"))
        fields.append("alternative.per_year")
    amount = (found.one_off or 0.0) + YEARS * (found.per_year or 0.0)
    label = text(alternative.label, locale)
    source = text(alternative.source, locale)
    return _option("alternative", label, amount, terms, fields, currency, locale, source)


def _proposal(found: CaseInputs, investment: Context, locale: Locale) -> Context:
    """Our proposal: the investment, then the renewal from the second year on."""
    renewal = investment["renewal_amount"]
    fields = list(investment["fields"])
    terms = [_pick(locale, f"投資額 {investment['text']}", f"investment {investment['text']}")]
    if renewal:
        fields += [deal_field(d, "renewal") for d in found.deals if d.renewal is not None]
        later = YEARS - 1
        renewal_text = investment["renewal_text"]
        terms.append(
            _pick(
                locale,
                f"年間更新費 {renewal_text} × {later}年",
                f"renewal {renewal_text} a year × {later}",
            )
        )
    amount = investment["amount"] + (YEARS - 1) * renewal
    label = _LABELS["proposal"][locale]
    return _option("proposal", label, amount, terms, fields, found.currency, locale)


def _tco_options(
    found: CaseInputs, account: AccountProfile, loss: Context, investment: Context, locale: Locale
) -> list[Context]:
    options = [_status_quo(found, loss, locale)] if loss["available"] else []
    alternative = _alternative(found, account, locale)
    if alternative is not None:
        options.append(alternative)
    if investment["available"]:
        options.append(_proposal(found, investment, locale))
    return options


def _tco(
    found: CaseInputs, account: AccountProfile, loss: Context, investment: Context, locale: Locale
) -> Context:
    options = _tco_options(found, account, loss, investment, locale)
    keys = [o["key"] for o in options]
    if "proposal" not in keys or len(options) < 2:
        missing = list(investment.get("missing", []))
        if len(options) - ("proposal" in keys) < 1:
            missing += ["challenges[].cost", "alternative"]
        return _unavailable("tco", locale, missing)
    by_key = {o["key"]: o for o in options}
    baseline = by_key.get("alternative") or by_key["status_quo"]
    ours = by_key["proposal"]
    saving = baseline["amount"] - ours["amount"]
    divisor, unit = chart_scale([o["amount"] for o in options], found.currency, locale)
    return {
        "available": True,
        "label": _LABELS["tco"][locale],
        "years": YEARS,
        "baseline": baseline["key"],
        "saving_amount": saving,
        "saving_text": _money(abs(saving), found.currency, locale),
        "footnote": _pick(locale, "", " ").join(o["footnote"] for o in options),
        "fields": [name for o in options for name in o["fields"]],
        "options": options,
        "chart": {
            "categories": [o["label"] for o in options],
            "series": [
                {"name": unit, "values": [round(o["amount"] / divisor, 2) for o in options]}
            ],
        },
        "unit": unit,
    }


def _headline(
    loss: Context, investment: Context, payback: Context, tco: Context, locale: Locale
) -> str:
    if tco["available"] and tco["baseline"] == "alternative" and tco["saving_amount"] > 0:
        alt = next(o for o in tco["options"] if o["key"] == "alternative")
        ours = next(o for o in tco["options"] if o["key"] == "proposal")
        return _pick(
            locale,
            f"{YEARS}年間で{alt['label']}の{alt['text']}に対し、ご提案は{ours['text']}",
            f"{ours['text']} over {YEARS} years against {alt['text']} for {alt['label']}",
        )
    if payback["available"]:
        return _pick(
            locale,
            f"想定損失 年{loss['text']}に対し投資{investment['text']}、{payback['text']}で回収",
            f"{investment['text']} pays back in {payback['text']} against {loss['text']} a "
            f"year at stake",
        )
    return ""


def business_case(
    account: AccountProfile, product_names: dict[str, str], locale: Locale
) -> Context:
    """The business case of ``account`` in ``locale`` (see the module docstring for its shape).

    Args:
        account: the account (the customer view for customer documents: open deals only).
        product_names: product ids to display names.
        locale: the document language.
    """
    found = gather_inputs(account)
    loss = _annual_loss(found, locale)
    investment = _investment(found, product_names, locale)
    payback = _payback(loss, investment, found.currency, locale)
    tco = _tco(found, account, loss, investment, locale)
    left_out = [
        {"field": name, "text": format_money(money, locale)} for name, money in found.left_out
    ]
    left_out_text = ""
    if left_out:
        listed = _pick(locale, "、", ", ").join(
            item["text"] + _fields_text([item["field"]], locale) for item in left_out
        )
        left_out_text = _pick(
            locale,
            f"{found.currency}建ての数値のみを計上し、次を除いています：{listed}。",
            f"Counts figures in {found.currency} only; left out: {listed}.",
        )
    figures = (loss, investment, payback, tco)
    return {
        "available": bool(investment["available"] and (payback["available"] or tco["available"])),
        "currency": found.currency,
        "missing": [name for name, _ in found.missing],
        "left_out": left_out,
        "left_out_text": left_out_text,
        "headline": _headline(loss, investment, payback, tco, locale),
        "annual_loss": loss,
        "investment": investment,
        "payback": payback,
        "tco": tco,
        "footnotes": [f["footnote"] for f in figures if f["available"]],
    }
