"""Alembic migrations of the run store's schema (run by `scenarios.store.RunStore` on open)."""
