"""What a document's own sections are built from (see ``DocumentSpec.extend``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from abmcontent.audience_classes import AudienceClass
from abmcontent.context.audiences import Audience
from abmcontent.loading.workspace import Library
from abmcontent.models import AccountProfile
from abmcontent.models.common import Locale


@dataclass(frozen=True)
class DocumentInputs:
    """The inputs of one document's context, in the view its audience class allows.

    Attributes:
        library: the library (the customer view of it for customer documents).
        account: the account (the customer view of it for customer documents).
        audience: the reader.
        locale: the document language.
        root: the workspace root.
        today: the document date.
        view: the audience class the inputs were cut to.
        data: the context built so far (base and sections), already localized.
    """

    library: Library
    account: AccountProfile
    audience: Audience
    locale: Locale
    root: Path
    today: dt.date
    view: AudienceClass
    data: dict[str, Any]
