"""The aid network: which county pays which, under which programme, and how a recipient is
written (any level, sometimes only the parent, sometimes with a typo).

Partners are drawn once per (seed, payer county) from the real prefecture pairings in
`places.AID_PAIRS`, so every document of a payer names the same partners year after year.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from kb.synth.places import AID_PAIRS, LOCAL_PAIRS, PLACES, TOWNSHIPS, Place, counties_of, prefecture_of, within

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
# Further pairs for the rest of the national gazetteer's recipient counties (added where the table
# above has no entry for the character).
_MORE: dict[str, str] = {
    "丘": "兵", "中": "申", "为": "办", "丽": "利", "义": "仪", "乾": "干", "云": "运", "互": "五", "井": "并", "亨": "享", "亭": "停", "仑": "伦",
    "仙": "山", "伦": "轮", "作": "做", "佤": "瓦", "佳": "住", "侯": "候", "信": "言", "修": "條", "傣": "泰", "元": "无", "克": "充", "八": "人",
    "兴": "光", "册": "丹", "农": "衣", "冲": "仲", "凌": "陵", "凭": "凴", "刚": "岗", "劝": "观", "功": "攻", "加": "嘉", "助": "肋", "勉": "免",
    "勐": "猛", "匀": "均", "化": "华", "北": "比", "华": "化", "卓": "桌", "双": "叉", "叙": "序", "叠": "迭", "古": "吉", "右": "石", "合": "会",
    "同": "司", "后": "後", "君": "军", "吴": "昊", "哈": "蛤", "商": "啇", "善": "鄯", "嘉": "加", "回": "囬", "土": "士", "坝": "贝", "堡": "保",
    "塔": "搭", "太": "大", "央": "殃", "奈": "柰", "奎": "魁", "如": "汝", "威": "咸", "宜": "宣", "宝": "室", "容": "蓉", "宾": "滨", "宿": "缩",
    "富": "福", "察": "查", "寻": "寺", "寿": "涛", "射": "謝", "尔": "而", "屯": "吨", "岚": "风", "峒": "洞", "峨": "娥", "崃": "莱", "崆": "空",
    "崇": "祟", "崖": "涯", "嵩": "松", "左": "佐", "巫": "坐", "市": "布", "库": "车", "府": "俯", "开": "升", "弥": "迷", "彝": "夷", "彩": "采",
    "徽": "微", "心": "沁", "忠": "中", "息": "媳", "惠": "慧", "戈": "弋", "成": "城", "托": "拖", "扶": "夫", "敦": "墩", "文": "汶", "斯": "期",
    "族": "旅", "旬": "询", "旺": "汪", "昆": "混", "明": "朋", "易": "阳", "晏": "宴", "曼": "漫", "朗": "郎", "望": "旺", "未": "末", "杨": "扬",
    "松": "淞", "果": "菓", "柏": "伯", "查": "渣", "桃": "挑", "桐": "铜", "桥": "侨", "梓": "辛", "梧": "吾", "榆": "输", "正": "政", "步": "少",
    "武": "斌", "比": "北", "永": "水", "池": "驰", "沁": "心", "治": "冶", "沾": "粘", "沿": "铅", "洋": "详", "洪": "红", "流": "留", "海": "每",
    "涧": "间", "涪": "培", "淳": "谆", "清": "青", "渝": "愉", "渠": "巨", "渡": "度", "港": "巷", "游": "浙", "湟": "惶", "溪": "蹊", "滩": "摊",
    "漾": "样", "潼": "童", "濞": "鼻", "灞": "霸", "灵": "录", "炉": "护", "烽": "峰", "煌": "皇", "犍": "健", "王": "玉", "玛": "马", "环": "坏",
    "珙": "拱", "班": "斑", "理": "里", "瑞": "端", "甸": "旬", "留": "流", "登": "灯", "白": "百", "皋": "旱", "益": "溢", "眉": "媚", "研": "妍",
    "碚": "倍", "礼": "札", "祥": "详", "禄": "绿", "科": "料", "秦": "奏", "竹": "竺", "筠": "均", "米": "来", "索": "素", "经": "泾", "绥": "缓",
    "绵": "棉", "罕": "旱", "翼": "冀", "耿": "耻", "聂": "摄", "肃": "萧", "胜": "性", "脂": "指", "腊": "蜡", "腾": "滕", "自": "目", "良": "艮",
    "芒": "茫", "苍": "仓", "苏": "办", "苗": "笛", "茂": "戊", "茫": "芒", "荣": "策", "荥": "荧", "蒙": "朦", "蓝": "篮", "蓥": "莹", "蓬": "篷",
    "蔺": "简", "藤": "腾", "谋": "媒", "谟": "漠", "谷": "容", "资": "姿", "赛": "塞", "起": "趄", "边": "过", "连": "莲", "迭": "叠", "邑": "色",
    "邛": "功", "那": "哪", "部": "陪", "郫": "俾", "都": "部", "鄂": "谔", "鄠": "户", "钦": "欣", "银": "很", "错": "借", "镶": "壤", "门": "闩",
    "阆": "浪", "阎": "闫", "阴": "阳", "阿": "呵", "陆": "陇", "陵": "凌", "隅": "偶", "雁": "燕", "雅": "鸦", "霍": "藿", "顺": "须", "风": "凤",
    "马": "乌", "鲁": "鱼", "鸣": "呜", "麒": "骐", "麟": "鳞",
}
CONFUSABLE.update({k: v for k, v in _MORE.items() if k not in CONFUSABLE})
SUFFIXES = ("街道", "自治县", "县", "市", "区", "镇", "乡", "州", "地区")


def typo_of(name: str, rng: random.Random) -> str | None:
    """One character of the name's stem swapped for a confusable one, or None if none has one."""
    stem_len = len(name)
    for s in SUFFIXES:
        if name.endswith(s) and len(name) > len(s):
            stem_len = len(name) - len(s)
            break
    if stem_len < 2:   # 忠县 → 中县 would be another name, not a slip anyone could read back
        return None
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
    for payer_area, recipient_area, kind in AID_PAIRS:
        if not within(county, payer_area):
            continue
        choices = counties_of(recipient_area)
        if PLACES[recipient_area].level == "province":
            # a province-wide pairing serves its poorer prefectures, not the provincial capital
            choices = [c for c in choices if not c.parent.endswith("0100")]  # type: ignore[union-attr]
        if not choices:
            continue
        for c in rng.sample(choices, k=min(len(choices), rng.choice((1, 1, 2)))):
            out.append(Partner(c, kind))
    for payer, recipient in LOCAL_PAIRS:
        if payer == county_code:
            out.append(Partner(PLACES[recipient], "驻村帮扶"))
    return tuple(out)


def programme(payer: Place, recipient: Place) -> str | None:
    """The programme under which `payer` (a county) supports `recipient` (a county or prefecture), if any."""
    for payer_area, recipient_area, kind in AID_PAIRS:
        if within(payer, payer_area) and (recipient.code == recipient_area or within(recipient, recipient_area)):
            return kind
    for a, b in LOCAL_PAIRS:
        if payer.code == a and recipient.code == b:
            return "驻村帮扶"
    return None


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
    real_prefecture = pref.name not in ("省直辖县级行政区划",) and pref.name != PLACES[county.province].name
    if r > 0.92 and partner.flow_type != "驻村帮扶" and real_prefecture:
        return Recipient(pref.name, "prefecture", pref.code, None, pref.short)
    written = pref.short + county.name if rng.random() < 0.5 and pref.name != "武汉市" and real_prefecture else county.name
    return Recipient(county.name, "county", county.code, county.name, written)
