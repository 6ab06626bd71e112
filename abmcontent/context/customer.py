"""The customer view of a workspace: what a document sent to the account is built from.

Internal fields (see :mod:`abmcontent.models.audience`) are emptied at every depth, and what
the customer must not learn from what is listed is left out: deals that are won or lost (or
name no product), and competitors already displaced.
"""

from __future__ import annotations

from dataclasses import replace

from abmcontent.context.ranking import OPEN_STAGES
from abmcontent.loading.workspace import Library
from abmcontent.models import AccountProfile
from abmcontent.models.audience import customer_view


def customer_account(account: AccountProfile) -> AccountProfile:
    """``account`` as a customer document may see it."""
    listed = account.model_copy(
        update={
            "opportunities": [
                o for o in account.opportunities if o.stage in OPEN_STAGES and o.product
            ],
            "competitors": [c for c in account.competitors if c.status != "displaced"],
        }
    )
    return customer_view(listed)


def customer_library(library: Library) -> Library:
    """``library`` as a customer document may see it (the scoring configuration left out)."""
    return replace(
        library,
        seller=customer_view(library.seller),
        personas={key: customer_view(p) for key, p in library.personas.items()},
        case_studies={key: customer_view(s) for key, s in library.case_studies.items()},
        battlecards={key: customer_view(b) for key, b in library.battlecards.items()},
        icp=None,
    )
