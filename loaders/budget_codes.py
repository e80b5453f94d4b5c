"""National code lists the table extractor needs when a document does not print a code itself.

- `CLASSES`: the 类 of the expenditure function classification (支出功能分类科目, 2024 list). The
  summary tables (公开01 / 预算01 / 04) list 类 by name only (`一、一般公共服务支出`).
- `ECONOMIC`: the 部门预算支出经济分类科目 (2024 list, 类 and 款). OCR truncates their codes
  (`3010` for `30101`); the name tells which one it was.

Function 款/项 codes are not listed: they are many, and a truncated one is repaired from the
other tables of the same document, which print it in full.
"""
from __future__ import annotations

import functools
import re

CLASSES: dict[str, str] = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出",
    "205": "教育支出", "206": "科学技术支出", "207": "文化旅游体育与传媒支出", "208": "社会保障和就业支出",
    "209": "社会保险基金支出", "210": "卫生健康支出", "211": "节能环保支出", "212": "城乡社区支出",
    "213": "农林水支出", "214": "交通运输支出", "215": "资源勘探工业信息等支出", "216": "商业服务业等支出",
    "217": "金融支出", "219": "援助其他地区支出", "220": "自然资源海洋气象等支出", "221": "住房保障支出",
    "222": "粮油物资储备支出", "223": "国有资本经营预算支出", "224": "灾害防治及应急管理支出",
    "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出", "232": "债务付息支出",
    "233": "债务发行费用支出", "234": "抗疫特别国债安排的支出",
}

_ECONOMIC = """
301 工资福利支出|30101 基本工资|30102 津贴补贴|30103 奖金|30106 伙食补助费|30107 绩效工资
30108 机关事业单位基本养老保险缴费|30109 职业年金缴费|30110 职工基本医疗保险缴费|30111 公务员医疗补助缴费
30112 其他社会保障缴费|30113 住房公积金|30114 医疗费|30199 其他工资福利支出
302 商品和服务支出|30201 办公费|30202 印刷费|30203 咨询费|30204 手续费|30205 水费|30206 电费|30207 邮电费
30208 取暖费|30209 物业管理费|30211 差旅费|30212 因公出国（境）费用|30213 维修（护）费|30214 租赁费
30215 会议费|30216 培训费|30217 公务接待费|30218 专用材料费|30224 被装购置费|30225 专用燃料费|30226 劳务费
30227 委托业务费|30228 工会经费|30229 福利费|30231 公务用车运行维护费|30239 其他交通费用|30240 税金及附加费用
30299 其他商品和服务支出
303 对个人和家庭的补助|30301 离休费|30302 退休费|30303 退职（役）费|30304 抚恤金|30305 生活补助|30306 救济费
30307 医疗费补助|30308 助学金|30309 奖励金|30310 个人农业生产补贴|30311 代缴社会保险费|30399 其他对个人和家庭的补助
307 债务利息及费用支出|30701 国内债务付息|30702 国外债务付息|30703 国内债务发行费用|30704 国外债务发行费用
309 资本性支出（基本建设）|30901 房屋建筑物购建|30902 办公设备购置|30903 专用设备购置|30905 基础设施建设
30906 大型修缮|30907 信息网络及软件购置更新|30908 物资储备|30913 公务用车购置|30919 其他交通工具购置
30921 文物和陈列品购置|30922 无形资产购置|30999 其他基本建设支出
310 资本性支出|31001 房屋建筑物购建|31002 办公设备购置|31003 专用设备购置|31005 基础设施建设|31006 大型修缮
31007 信息网络及软件购置更新|31008 物资储备|31009 土地补偿|31010 安置补助|31011 地上附着物和青苗补偿
31012 拆迁补偿|31013 公务用车购置|31019 其他交通工具购置|31021 文物和陈列品购置|31022 无形资产购置
31099 其他资本性支出
312 对企业补助|31201 资本金注入|31203 政府投资基金股权投资|31204 费用补贴|31205 利息补贴|31299 其他对企业补助
313 对社会保障基金补助|31302 对社会保险基金补助|31303 补充全国社会保障基金|31304 对机关事业单位职业年金的补助
399 其他支出|39906 赠与|39907 国家赔偿费用支出|39908 对民间非营利组织和群众性自治组织补贴|39999 其他支出
"""

ECONOMIC: dict[str, str] = dict(
    item.split(" ", 1) for line in _ECONOMIC.strip().splitlines() for item in line.split("|"))

_NAME_NOISE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """Names compare without spaces and with one kind of bracket (`因公出国(境)费用` = `因公出国（境）费用`)."""
    return _NAME_NOISE.sub("", name).replace("（", "(").replace("）", ")")


def same_name(printed: str, listed: str) -> bool:
    """The printed name is the listed one, or a cut-off start of it (`机关事业单位基本养老保险缴`)."""
    a, b = name_key(printed), name_key(listed)
    return a == b or (len(a) >= 4 and b.startswith(a))


CLASS_BY_NAME: dict[str, str] = {name_key(name): code for code, name in CLASSES.items()}


def class_of(name: str) -> str | None:
    """`一般公共服务支出` → `201`; None when the name is not a 类 of the national list."""
    return CLASS_BY_NAME.get(name_key(name))


def economic_candidates(prefix: str, name: str) -> list[str]:
    """Economic codes that start with the printed (truncated) `prefix` and carry `name`."""
    return list(_economic_candidates(prefix, name))


@functools.lru_cache(maxsize=1 << 12)
def _economic_candidates(prefix: str, name: str) -> tuple[str, ...]:
    # memoised: the same code and name recur in every economic table, and the list has some 200 entries
    return tuple(code for code, listed in ECONOMIC.items() if code.startswith(prefix) and same_name(name, listed))
