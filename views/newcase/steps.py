"""Which builder draws which step."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.desk.flow_api import StepKey
from views.newcase.company import company_step
from views.newcase.documents import documents_step
from views.newcase.fields import StepForm, StepHost
from views.newcase.people import people_step
from views.newcase.print_step import print_step
from views.newcase.review import review_step
from views.newcase.services import services_step
from views.newcase.submit import submit_step

BUILDERS: dict[StepKey, Callable[[StepHost, StepForm], ft.Control]] = {
    "company": company_step,
    "people": people_step,
    "services": services_step,
    "documents": documents_step,
    "review": review_step,
    "print": print_step,
    "submit": submit_step,
}
