"""The sandbox's own Alembic migrations (apart from the desk store's ``app/store/migrations``)."""
