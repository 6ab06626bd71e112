"""Apply deal (opportunity) records to a profile's ``opportunities``.

A deal is found again by its CRM id (else by its name, for opportunities written by hand
without one). Its CRM-owned fields (:data:`DEAL_FIELDS`) follow the CRM on every import;
an empty cell never erases a value, and the product and kind are only set when the
mapping names them. Everything else on an opportunity is left as written.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from abmcontent.crm.merge import PROFILE_ORDER, flow_map, set_value
from abmcontent.crm.records import DealRecord
from abmcontent.crm.values import name_key
from abmcontent.models.profile import Opportunity

OPPORTUNITY_ORDER: tuple[str, ...] = tuple(Opportunity.model_fields)
DEAL_FIELDS: tuple[str, ...] = (
    "name",
    "stage",
    "value",
    "close_date",
    "product",
    "kind",
    "crm_id",
)
"""Opportunity fields the CRM owns."""


def deal_values(deal: DealRecord) -> dict[str, Any]:
    """The CRM-owned values of an opportunity that ``deal`` gives (empty cells left out)."""
    values: dict[str, Any] = {}
    if deal.product is not None:
        values["product"] = deal.product
    if deal.name:
        values["name"] = deal.name
    if deal.kind is not None:
        values["kind"] = deal.kind
    if deal.value is not None:
        amount, currency = deal.value
        values["value"] = flow_map({"amount": amount, "currency": currency})
    values["stage"] = deal.stage
    if deal.close_date is not None:
        values["close_date"] = deal.close_date
    if deal.crm_id:
        values["crm_id"] = deal.crm_id
    return values


def find_opportunity(data: CommentedMap, deal: DealRecord) -> CommentedMap | None:
    """The opportunity of ``deal``: same CRM id, else same name (when it has no CRM id)."""
    items = [o for o in data.get("opportunities") or [] if isinstance(o, CommentedMap)]
    if deal.crm_id:
        for item in items:
            if str(item.get("crm_id", "")) == deal.crm_id:
                return item
    if deal.name:
        key = name_key(deal.name)
        for item in items:
            if not item.get("crm_id") and name_key(str(item.get("name", ""))) == key:
                return item
    return None


def apply_deal(data: CommentedMap, deal: DealRecord) -> list[str]:
    """Add or update the opportunity of ``deal``; return what changed, in words."""
    values = deal_values(deal)
    label = deal.name or deal.crm_id
    found = find_opportunity(data, deal)
    if found is None:
        item = CommentedMap()
        for key in OPPORTUNITY_ORDER:
            if key in values:
                item[key] = values[key]
        items = data.get("opportunities")
        if not isinstance(items, CommentedSeq):
            items = CommentedSeq()
            set_value(data, "opportunities", items, PROFILE_ORDER)
        items.append(item)
        return [f"+ opportunity {label} ({deal.stage})"]
    changed = [
        key for key, value in values.items() if set_value(found, key, value, OPPORTUNITY_ORDER)
    ]
    return [f"opportunity {label}.{key}" for key in changed]
