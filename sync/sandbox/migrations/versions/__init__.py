"""Revisions of the sandbox schema, oldest first (0001 is the schema create_all made before Alembic)."""
