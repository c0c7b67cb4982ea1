"""Reference data packs: GB/T 2260 divisions, GB/T 4754-2017 industries, the business-scope catalogue.

from app.reference import reference_data
ref = reference_data()
ref.full_division_name("370783")   # 山东省潍坊市寿光市
ref.scope_item("AG001").wording    # 蔬菜种植
"""

from app.reference.data import ReferenceData, ReferenceDataError, load_reference, reference_data
from app.reference.packs import Division, IndustryDivision, IndustrySection, ScopeItem

__all__ = [
    "Division",
    "IndustryDivision",
    "IndustrySection",
    "ReferenceData",
    "ReferenceDataError",
    "ScopeItem",
    "load_reference",
    "reference_data",
]
