"""One renderer for the form tests of a session: the fonts load once."""

from __future__ import annotations

import pytest

from forms.packet import ReportlabPacketRenderer


@pytest.fixture(scope="session")
def renderer() -> ReportlabPacketRenderer:
    return ReportlabPacketRenderer()
