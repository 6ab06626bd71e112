"""Reading workspace files: safe YAML with line numbers, and the whole workspace."""
