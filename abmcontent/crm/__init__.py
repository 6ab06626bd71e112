"""Target accounts from the CRM: import account and contact exports, score and tier accounts.

Modules, one job each:

- :mod:`.textenc` decodes export files (UTF-8 with or without BOM, UTF-16, CP932).
- :mod:`.csvfile` reads CSV records with their row and line numbers.
- :mod:`.mapping` and :mod:`.presets` say which column holds which field.
- :mod:`.detect` recognises a file (which CRM, accounts or contacts) from its header.
- :mod:`.values` and :mod:`.industries` turn cells into profile values.
- :mod:`.roles` infers a stakeholder role from a job title.
- :mod:`.records` turns rows into account and contact records.
- :mod:`.ids` makes deterministic, unique slugs.
- :mod:`.merge` applies records to profile YAML (comments and key order kept).
- :mod:`.importer` runs an import; :mod:`.scoring` and :mod:`.tiers` score and tier.
- :mod:`.commands` registers the ``import`` and ``score`` CLI commands.
"""
