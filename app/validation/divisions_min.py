"""A tiny built-in set of administrative-division facts (GB/T 2260), used until the reference pack exists.

The full GB/T 2260 list (with historical codes) will come from ``app/reference/``; validators accept it
through optional parameters (``known_division`` callbacks, ``division_names``). What is built in here
is deliberately small and stable: province-level code prefixes, and the division names a Shouguang desk
meets every day.
"""

from __future__ import annotations

# First two digits of the province-level divisions of GB/T 2260, plus 71 (Taiwan), 81 (Hong Kong),
# 82 (Macao), and 83, which residence permits of Taiwan residents use (GB 11643 number format).
PROVINCE_CODE_PREFIXES: frozenset[str] = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
})  # fmt: skip

# A USCC may carry 100000 ("national level") as the division of its registering authority.
USCC_DIVISION_PREFIXES: frozenset[str] = PROVINCE_CODE_PREFIXES | {"10"}

# Province-level divisions: short name and full name.
_PROVINCES = {
    "北京": "北京市", "天津": "天津市", "河北": "河北省", "山西": "山西省", "内蒙古": "内蒙古自治区",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "上海": "上海市", "江苏": "江苏省",
    "浙江": "浙江省", "安徽": "安徽省", "福建": "福建省", "江西": "江西省", "山东": "山东省",
    "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省", "广东": "广东省", "广西": "广西壮族自治区",
    "海南": "海南省", "重庆": "重庆市", "四川": "四川省", "贵州": "贵州省", "云南": "云南省",
    "西藏": "西藏自治区", "陕西": "陕西省", "甘肃": "甘肃省", "青海": "青海省",
    "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
}  # fmt: skip

# Prefecture-level cities of Shandong (莱芜 merged into 济南 in 2019, kept for older names),
# the county-level divisions of Weifang, and a few large cities elsewhere.
_CITIES = (
    "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂",
    "德州", "聊城", "滨州", "菏泽", "莱芜",
    "广州", "深圳", "杭州", "南京", "苏州", "武汉", "成都", "西安", "沈阳", "大连", "厦门", "宁波",
    "郑州", "长沙", "哈尔滨", "长春", "石家庄", "太原",
)  # fmt: skip
_WEIFANG_COUNTIES = {"寿光": "市", "青州": "市", "诸城": "市", "安丘": "市", "高密": "市", "昌邑": "市",
                     "临朐": "县", "昌乐": "县"}  # fmt: skip
# Districts are used in names only after their city (潍坊奎文…): listed in full form only.
_WEIFANG_DISTRICTS = ("潍城区", "寒亭区", "坊子区", "奎文区")


def _build_division_names() -> frozenset[str]:
    names: set[str] = set()
    for short, full in _PROVINCES.items():
        names.update((short, full))
    for city in _CITIES:
        names.update((city, city + "市"))
    for county, suffix in _WEIFANG_COUNTIES.items():
        names.update((county, county + suffix))
    names.update(_WEIFANG_DISTRICTS)
    return frozenset(names)


DIVISION_NAMES: frozenset[str] = _build_division_names()


def is_known_province_code(code: str) -> bool:
    """True when the first two characters of ``code`` are a province-level GB/T 2260 prefix."""
    return code[:2] in PROVINCE_CODE_PREFIXES
