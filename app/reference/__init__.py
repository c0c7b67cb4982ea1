"""Reference data packs: GB/T 2260 divisions, GB/T 4754-2017 industries, the business-scope catalogue,
the wage standards (minimum wage, contribution bases' floors and caps, with their effective dates).

from app.reference import reference_data
ref = reference_data()
ref.full_division_name("370783")   # 山东省潍坊市寿光市
ref.scope_item("AG001").wording    # 蔬菜种植
"""

from app.reference.data import ReferenceData, ReferenceDataError, load_reference, reference_data
from app.reference.packs import (
    Division,
    IndustryClassItem,
    IndustryDivision,
    IndustrySection,
    ScopeItem,
    WageStandard,
)

__all__ = [
    "Division",
    "IndustryClassItem",
    "IndustryDivision",
    "IndustrySection",
    "ReferenceData",
    "ReferenceDataError",
    "ScopeItem",
    "WageStandard",
    "load_reference",
    "reference_data",
]
