"""Case search: a covering index for 案卷查询 and 今日受理 (opening time, company name, status), and
(status, opening time) for a search by state, newest opened first without sorting.

Revision ID: 0005_case_search
Revises: 0004_sync
Create Date: 2026-11-28

Other branches may add a 0005 migration too; whichever is merged second re-points its
``down_revision`` at the first (the index has no dependency on their tables).
"""

from __future__ import annotations

from alembic import op

revision = "0005_case_search"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_search", "cases", ["created_at", "company_name", "status"])
    op.create_index("ix_cases_status_created_at", "cases", ["status", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_status_created_at", table_name="cases")
    op.drop_index("ix_cases_search", table_name="cases")
