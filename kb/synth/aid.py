"""The aid network: which county pays which, under which programme, and how a recipient is
written (any level, sometimes only the parent, sometimes with a typo).

Partners are drawn once per (seed, payer county) from the real prefecture pairings in
`places.AID_PAIRS`, so every document of a payer names the same partners year after year.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from kb.synth.places import AID_PAIRS, LOCAL_PAIRS, PLACES, TOWNSHIPS, Place, counties_of, prefecture_of

# Visually or phonetically close characters, as OCR and hurried typing confuse them
# (宣恩县 → 宜恩县 and 黄陂区 → 黄浦区 are the seeds' own).
CONFUSABLE: dict[str, str] = {
    "宣": "宜", "陂": "浦", "恩": "思", "建": "健", "始": "治", "来": "耒", "凤": "风", "咸": "成", "丰": "车",
    "鹤": "鸽", "峰": "锋", "巴": "把", "东": "冻", "利": "剁", "川": "州", "博": "搏", "乐": "东", "精": "睛",
    "河": "何", "温": "湿", "泉": "原", "喀": "咯", "什": "付", "疏": "梳", "附": "付", "勒": "勤", "英": "荚",
    "吉": "古", "沙": "砂", "泽": "择", "普": "谱", "莎": "沙", "车": "东", "叶": "计", "城": "域", "麦": "麥",
    "盖": "羔", "提": "堤", "岳": "兵", "湖": "胡", "伽": "珈", "师": "帅", "楚": "梦", "和": "禾", "田": "由",
    "墨": "黑", "玉": "王", "皮": "波", "山": "出", "洛": "落", "浦": "蒲", "策": "荣", "于": "干", "民": "氏",
    "拉": "垃", "萨": "萍", "关": "美", "堆": "推", "龙": "尤", "德": "得", "庆": "床", "林": "休", "周": "同",
    "当": "挡", "雄": "熊", "尼": "泥", "木": "本", "曲": "由", "水": "永", "桑": "乘", "珠": "株", "孜": "孙",
    "南": "男", "江": "汪", "乃": "及", "扎": "礼", "囊": "嚢", "贡": "页", "嘎": "噶", "日": "目", "琼": "综",
    "结": "洁", "浪": "狼", "卡": "上", "子": "了", "七": "土", "星": "昇", "大": "太", "方": "万", "金": "全",
    "织": "识", "纳": "呐", "雍": "拥", "赫": "郝", "章": "竟", "碧": "璧", "万": "方", "口": "日", "石": "右",
    "阡": "迁", "思": "恩", "凯": "恺", "里": "黒", "黄": "簧", "平": "乎", "施": "旋", "秉": "乘", "三": "王",
    "穗": "稳", "镇": "真", "远": "运", "岑": "芩", "巩": "恐", "天": "夭", "柱": "住", "锦": "绵", "屏": "平",
    "剑": "箭", "台": "抬", "黎": "梨", "榕": "容", "从": "丛", "雷": "蕾", "麻": "庥", "丹": "舟", "寨": "塞",
    "西": "酉", "昌": "唱", "盐": "监", "源": "原", "会": "全", "宁": "柠", "格": "恪", "布": "市", "拖": "施",
    "阳": "扬", "昭": "照", "觉": "党", "喜": "嬉", "冕": "晃", "越": "趄", "甘": "廿", "美": "姜", "姑": "咕",
    "波": "坡", "安": "按", "定": "淀", "通": "桶", "渭": "谓", "陇": "垅", "临": "监", "洮": "桃", "漳": "樟",
    "岷": "泯", "夏": "厦", "康": "庚", "靖": "静", "广": "厂", "政": "正", "乡": "多", "原": "源", "州": "洲",
    "隆": "降", "泾": "经", "彭": "膨", "树": "村", "杂": "朵", "多": "夕", "称": "秤",
    "治": "冶", "谦": "廉", "莱": "菜", "泸": "沪", "福": "副", "兰": "栏", "坪": "评", "独": "浊", "怒": "努",
    "汉": "汊", "蔡": "祭", "店": "点", "前": "剪", "祁": "祈", "家": "冢", "湾": "弯", "横": "黄", "姚": "挑",
    "集": "隼", "坡": "披", "纸": "低", "坊": "访", "乌": "鸟", "郑": "邓", "五": "伍", "界": "介", "泗": "四",
    "舒": "抒", "邾": "珠", "逻": "罗", "仓": "仑", "埠": "阜", "汪": "江", "李": "季", "柳": "抑", "潘": "番",
    "塘": "糖", "旧": "归", "街": "衔", "青": "清", "得": "德", "顾": "硕", "图": "团", "营": "莹", "盘": "般",
    "达": "这", "特": "持", "椒": "淑", "园": "圆", "道": "遒", "沟": "钩", "高": "亮", "罗": "萝", "长": "张",
    "潭": "谭", "侗": "洞", "晓": "哓", "椿": "春", "业": "亚", "梁": "粱", "茅": "矛", "红": "江",
    "岩": "炎", "寺": "等", "景": "影", "官": "宫", "花": "华", "翔": "祥", "百": "白", "司": "可", "绿": "录",
    "漫": "慢", "革": "草", "胡": "湖", "新": "薪", "洲": "州", "毕": "华", "节": "卩", "铜": "桐", "仁": "仨",
}
SUFFIXES = ("街道", "自治县", "县", "市", "区", "镇", "乡", "州", "地区")


def typo_of(name: str, rng: random.Random) -> str | None:
    """One character of the name's stem swapped for a confusable one, or None if none has one."""
    stem_len = len(name)
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            stem_len = len(name) - len(s)
            break
    positions = [i for i in range(stem_len) if name[i] in CONFUSABLE]
    if not positions:
        return None
    i = rng.choice(positions)
    return name[:i] + CONFUSABLE[name[i]] + name[i + 1:]


@dataclass(frozen=True, slots=True)
class Partner:
    recipient: Place     # the county paid
    flow_type: str       # 援疆, 援藏, 东西部协作, 区域协作, 驻村帮扶


@lru_cache(maxsize=4096)
def partners(seed: int, county_code: str) -> tuple[Partner, ...]:
    """The counties a payer county supports (empty for a non-payer). Fixed for a seed."""
    county = PLACES[county_code]
    rng = random.Random(f"{seed}:aid:{county_code}")
    out: list[Partner] = []
    for payer_pref, recipient_pref, kind in AID_PAIRS:
        if county.parent != payer_pref:
            continue
        choices = counties_of(recipient_pref)
        for c in rng.sample(choices, k=min(len(choices), rng.choice((1, 1, 2)))):
            out.append(Partner(c, kind))
    for payer, recipient in LOCAL_PAIRS:
        if payer == county_code:
            out.append(Partner(PLACES[recipient], "驻村帮扶"))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str            # canonical name at its level: 宣恩县, 青得里街道, 恩施土家族苗族自治州
    level: str           # county, township or prefecture
    code: str            # county or prefecture code (a township carries its county's code)
    county: str | None   # the county name, for a township or a county
    written: str         # as the text puts it, before any typo: 恩施州宣恩县, 博乐市青得里街道, 恩施州


def pick_recipient(partner: Partner, rng: random.Random) -> Recipient:
    county = partner.recipient
    pref = prefecture_of(county)
    r = rng.random()
    towns = TOWNSHIPS.get(county.code)
    if towns and r < 0.35:
        town = rng.choice(towns)
        return Recipient(town, "township", county.code, county.name, county.name + town)
    if r > 0.92 and partner.flow_type != "驻村帮扶":
        return Recipient(pref.name, "prefecture", pref.code, None, pref.short)
    written = pref.short + county.name if rng.random() < 0.5 and pref.name != "武汉市" else county.name
    return Recipient(county.name, "county", county.code, county.name, written)
