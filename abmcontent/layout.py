"""Where things live in a workspace: folder and file names, with no imports.

Kept free of dependencies so that light code paths (the no-op build check, ``--help``)
can name workspace folders without loading the models.
"""

PROFILES_DIR = "account_profiles"
LIBRARY_DIR = "library"
SELLER_FILE = "library/seller.yaml"
PERSONAS_FILE = "library/personas.yaml"
ICP_FILE = "library/icp.yaml"
CASE_STUDIES_DIR = "library/case_studies"
COMPETITORS_DIR = "library/competitors"
TEMPLATES_DIR = "templates"
ASSETS_DIR = "assets"
OUTPUT_DIR = "output"
