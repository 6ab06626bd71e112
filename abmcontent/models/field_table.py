"""The table of every workspace field with its audience class: ``docs/fields.md``.

Generated from the models (see :mod:`abmcontent.models.audience`); the tests require the
committed file to match. Regenerate with ``python -m abmcontent.models.field_table``.
"""

from __future__ import annotations

import sys

from abmcontent.models.audience import FieldRow, Internal, field_rows
from abmcontent.models.icp import IcpFile
from abmcontent.models.library import Battlecard, CaseStudy, PersonasFile, SellerFile
from abmcontent.models.profile import AccountProfile

ICP_REASON = Internal("scoring configuration: never part of any document's context")

INTRO = """\
# Which fields a customer may see

Every field of an account profile and of the content library is either **customer** (it may
be printed in a document sent to the account) or **internal** (for the account team only).
Customer documents (`proposal`, `competitive`, `case-study`) are built from the customer view
of the workspace, in which every internal field is absent; internal documents (`briefing`,
`battlecard`) see everything. A field inside an internal field is internal too.

This table is generated from the models (`python -m abmcontent.models.field_table`); the
class of a field is declared next to it in `abmcontent/models/`.
"""


def all_rows() -> list[FieldRow]:
    """Every field of every workspace file, in file order."""
    rows = field_rows("account_profiles/<id>.yaml", AccountProfile)
    rows += field_rows("library/seller.yaml", SellerFile)
    rows += field_rows("library/personas.yaml", PersonasFile)
    rows += field_rows("library/case_studies/<id>.yaml", CaseStudy)
    rows += field_rows("library/competitors/<id>.yaml", Battlecard)
    rows += field_rows("library/icp.yaml", IcpFile, inherited=ICP_REASON)
    return rows


def markdown() -> str:
    """The whole ``docs/fields.md``."""
    lines = [INTRO]
    current = ""
    for row in all_rows():
        if row.file != current:
            current = row.file
            lines += ["", f"## `{current}`", "", "| field | class | why |", "| --- | --- | --- |"]
        reason = row.reason.replace("|", "\\|")
        lines.append(f"| `{row.path}` | {row.audience} | {reason} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown())
