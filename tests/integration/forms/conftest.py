"""One renderer for the form tests of a session: the fonts load once."""

from __future__ import annotations

import pytest

from forms.packet import ReportlabPacketRenderer
from tests.unit.forms import samples


@pytest.fixture(scope="session")
def renderer() -> ReportlabPacketRenderer:
    return ReportlabPacketRenderer(receipt_key=samples.RECEIPT_KEY)
