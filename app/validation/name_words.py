"""Word lists for enterprise names (国务院令第734号, 市场监管总局令第82号), kept as data in one place.

A term may carry characters that cancel a match when they stand right before (``skip_prev``) or right
after (``skip_next``) it, because Chinese has no word boundaries: 安泰国际 contains 泰国, 山东盟鑫
contains 东盟, 华国防水 contains 国防, yet none of them names a country, a union or the military.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A forbidden term and the neighbouring characters that show it is part of another word."""

    text: str
    skip_prev: str = ""
    skip_next: str = ""


@dataclass(frozen=True)
class TermCategory:
    label_zh: str
    label_en: str
    terms: tuple[Term, ...]


def _terms(*texts: str, prev: str = "", nxt: str = "") -> tuple[Term, ...]:
    return tuple(Term(text, prev, nxt) for text in texts)


# "X国" followed by one of these is X + a 国… word (国际, 国货, 国学…), not the country X国.
_GUO_WORDS = "际内货贸药医学风潮宾旅画茶酒色粹企资信邦泰安盛华瑞宏昌兴豪强龙光源康美威鼎"

FORBIDDEN_CATEGORIES: tuple[TermCategory, ...] = (
    TermCategory(
        "党政军机关或军队名称",
        "names of the Party, state organs or the armed forces",
        _terms("共产党", "国民党", "党中央", "解放军", "八一", "武警", "军委", "国务院", "人民政府")
        + _terms("人大常委会", "人民法院", "检察院", "公安局")
        + _terms("国防", nxt="水腐盗火护锈爆震辐尘晒潮")
        + _terms("政协", prev="行财")
        + _terms("纪委", prev="世"),
    ),
    TermCategory(
        "外国国家（地区）名称",
        "names of foreign countries",
        _terms("美国", "英国", "法国", "德国", "韩国", "泰国", nxt=_GUO_WORDS)
        + _terms("俄罗斯", "加拿大", "澳大利亚", "新西兰", "新加坡", "马来西亚", "墨西哥", "西班牙")
        + _terms("葡萄牙", "以色列", "土耳其", "埃及", "菲律宾", "乌克兰")
        + _terms("阿根廷")
        + _terms("日本", nxt="草色")
        + _terms("印度", nxt="假")
        + _terms("瑞典", nxt="雅藏范")
        + _terms("朝鲜", nxt="族")
        + _terms("意大利", nxt="面")
        + _terms("荷兰", nxt="豆花")
        + _terms("瑞士", nxt="卷")
        + _terms("巴西", nxt="木龟")
        + _terms("越南", nxt="北方")
        + _terms("南非", nxt="遗物"),
    ),
    TermCategory(
        "国际组织名称",
        "names of international organisations",
        _terms("联合国", "世界贸易组织", "世贸组织", "世界卫生组织", "国际奥委会", "奥林匹克")
        + _terms("红十字", "红新月", "欧盟", "亚太经合组织", "国际货币基金", "世界银行")
        + _terms("奥运", nxt="输")
        + _terms("东盟", prev="山广")
        + _terms("北约", prev="河湖"),
    ),
    TermCategory(
        "淫秽色情内容",
        "obscene content",
        _terms("色情", "淫秽", "嫖", "娼", "妓", "裸聊") + _terms("淫", nxt="羊"),
    ),
    TermCategory(
        "赌博内容",
        "gambling",
        _terms("赌博", "赌场", "赌球", "六合彩") + _terms("博彩", nxt="印钢绘色虹票板砖瓦涂"),
    ),
    TermCategory(
        "封建迷信内容",
        "superstition",
        _terms("算命", "占卜", "驱鬼", "驱邪", "巫术", "招魂", "跳大神"),
    ),
    TermCategory(
        "恐怖主义、邪教或分裂内容",
        "terrorism, cults or separatism",
        _terms("恐怖主义", "恐怖组织", "圣战", "基地组织", "伊斯兰国", "法轮功", "邪教")
        + _terms("东突", prev="山广"),
    ),
    TermCategory(
        "民族、种族、宗教或性别歧视内容",
        "discrimination",
        _terms("黑鬼", "支那", "倭寇", "洋鬼子", "小日本", "蛮夷", "鬼佬", "残废"),
    ),
)

# At the start of a name these need State Council approval (国务院令第734号 第十条).
STATE_COUNCIL_PREFIXES = ("中国", "中华", "中央", "全国", "国家")
# Inside a name these may only qualify the industry (中国 ... 中华 ...): worth a confirmation.
NATIONAL_WORDS_INSIDE = ("中国", "中华")

# 组织形式 of companies, longest first, with the company type they belong to.
COMPANY_FORMS = (
    ("股份有限责任公司", "invalid"),
    ("股份有限公司", "joint_stock"),
    ("有限责任公司", "llc"),
    ("股份公司", "joint_stock"),
    ("有限公司", "llc"),
)
# A partnership shows its kind (合伙企业法 第十五、五十六、六十二条), usually as （普通合伙） at the end.
PARTNERSHIP_MARKERS = ("特殊普通合伙", "普通合伙", "有限合伙")
# Usual endings of sole proprietorship names (longest first where one contains another).
SOLE_PROPRIETORSHIP_ENDINGS = (
    "个人独资企业", "经营部", "门市部", "服务部", "批发部", "商行", "商店", "超市", "中心", "工作室",
    "事务所", "企业", "厂", "店", "部", "馆", "坊", "社", "所", "场", "行", "园", "站", "庄", "铺",
    "屋", "吧", "堂", "院", "阁", "楼", "城", "苑", "居", "轩", "斋", "家", "处", "室",
)  # fmt: skip

# Industry or business-feature words (GB/T 4754 wording and common features); longest match wins.
INDUSTRY_WORDS: frozenset[str] = frozenset({
    "农业科技", "农业发展", "农业", "种植", "种业", "种苗", "蔬菜", "果蔬", "农产品", "农资", "农机",
    "养殖", "畜牧", "水产", "饲料", "粮油", "面粉", "肉类", "冷链", "花卉", "园林", "绿化", "肥业",
    "化肥", "食品", "餐饮", "饮品", "商贸", "贸易", "国际贸易", "进出口", "物流", "供应链", "运输",
    "仓储", "快递", "科技", "信息技术", "信息科技", "网络科技", "电子商务", "电子", "软件", "通信",
    "智能科技", "生物科技", "医药", "医疗器械", "健康管理", "环保科技", "环保", "新能源", "能源",
    "电力", "电气", "电器", "照明", "机械", "机电", "设备", "汽车销售", "汽车服务", "汽车", "化工",
    "塑料", "橡胶", "纺织", "服装", "服饰", "鞋业", "包装", "印刷", "造纸", "家具", "建材", "建筑",
    "建筑工程", "建设", "工程", "装饰", "装饰工程", "装修", "钢结构", "钢铁", "五金", "房地产",
    "房地产开发", "置业", "物业管理", "物业", "酒店管理", "酒店", "旅游", "文化传媒", "文化", "传媒",
    "广告", "教育咨询", "教育科技", "培训", "咨询", "企业管理", "管理", "人力资源", "劳务",
    "家政服务", "服务", "投资", "实业", "发展", "商务", "石油", "燃气", "水利",
})  # fmt: skip

# Traditional characters that are not standard characters (通用规范汉字表), with their standard form.
# Only unambiguous ones: characters such as 乾, 著, 於 or 葉 are standard in some uses and are left out.
_TRADITIONAL = (
    "東華業國廣電貿實發興龍鳳門開號會藝術裝飾網絡銷農產資機車醫藥環養園紅陽雲風順達"
    "匯豐長樂壽濰魯設計務諮詢貨運輸鋼鐵築氣體廠場廳館飯燈廈灣橋島鎮縣區鄉學寶買賣價傳"
    "衛億萬協團報際進質種漁飼糧麵愛創聯誠優綠態麗飛馬鵬鴻潤澤濟寧臺證訊視聽讀書畫療堅"
    "偉輝燦遠嶺鏈鎖銀錦鑄礦勞條紡織線膠蘭"
)
_STANDARD = (
    "东华业国广电贸实发兴龙凤门开号会艺术装饰网络销农产资机车医药环养园红阳云风顺达"
    "汇丰长乐寿潍鲁设计务咨询货运输钢铁筑气体厂场厅馆饭灯厦湾桥岛镇县区乡学宝买卖价传"
    "卫亿万协团报际进质种渔饲粮面爱创联诚优绿态丽飞马鹏鸿润泽济宁台证讯视听读书画疗坚"
    "伟辉灿远岭链锁银锦铸矿劳条纺织线胶兰"
)
TRADITIONAL_TO_STANDARD: dict[str, str] = dict(zip(_TRADITIONAL, _STANDARD, strict=True))
