"""bizdesk platform API v1: wire models (``models``) and platform-signed documents (``signed``).

See docs/sync-protocol.md for the flow and docs/openapi.json for the schema.
"""
