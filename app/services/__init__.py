"""Service functions: one per user intent, returning plain data."""
