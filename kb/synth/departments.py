"""The departments (一级预算单位) of a county-level government, in the order the generator
takes them, each with the 款 of its own work and the 项 its projects are coded to.

`{p}` is the county as the cover names it (武汉市江汉区, 宣恩县). `aid` marks the departments
that carry the county's 对口帮扶 / 援疆 / 救灾 projects when the county is a payer.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DepartmentType:
    template: str                 # 中国共产党{p}委员会办公室, {p}财政局
    kuan: str                     # the 款 of its own work: 行政运行 is kuan + "01"
    project_codes: tuple[str, ...]
    aid: bool = False
    projects: tuple[str, ...] = ()  # names of its usual projects
    basic: str | None = None        # the 项 of its basic expenditure when not the 款's 行政运行 (a school's 初中教育)

    def name(self, place: str) -> str:
        return self.template.format(p=place)

    @property
    def basic_code(self) -> str:
        return self.basic or self.kuan + "01"


_GENERIC_PROJECTS = ("专项工作经费", "信息化建设及运维", "聘用人员经费", "业务培训", "档案数字化", "宣传工作经费",
                     "调查研究", "政府购买服务", "办公用房维修", "法律顾问服务费")

CATALOGUE: tuple[DepartmentType, ...] = (
    DepartmentType("{p}人民政府办公室", "20103", ("2010302", "2010399"), True,
                   ("调查研究", "总值班室工作", "专项工作", "聘用人员工作经费", "挂职领导保障经费", "走访慰问专项经费")),
    DepartmentType("{p}发展和改革局", "20104", ("2010402", "2010499"), True,
                   ("重点项目谋划", "价格监测", "社会信用体系建设", "粮食安全保障")),
    DepartmentType("{p}乡村振兴局", "21305", ("2130504", "2130505", "2130506", "2130599"), True,
                   ("驻村工作队经费", "防返贫动态监测", "衔接资金项目管理")),
    DepartmentType("{p}财政局", "20106", ("2010602", "2010699"), False, ("预算绩效评价", "财政投资评审", "非税收入征管")),
    DepartmentType("{p}教育局", "20501", ("2050102", "2050201", "2050202", "2050203"), False,
                   ("学前教育资助", "义务教育公用经费", "教师培训", "校园安全")),
    DepartmentType("{p}农业农村局", "21301", ("2130102", "2130199"), True, ("高标准农田建设", "动物防疫", "农业技术推广")),
    DepartmentType("{p}民政局", "20802", ("2080202", "2080208", "2081002"), True, ("社区治理", "养老服务补贴", "殡葬管理")),
    DepartmentType("{p}卫生健康局", "21001", ("2100102", "2100408", "2100409"), False,
                   ("基本公共卫生服务", "重大公共卫生服务", "爱国卫生运动")),
    DepartmentType("{p}应急管理局", "22401", ("2240102", "2240106", "2240199"), True, ("安全生产监管", "应急救援物资储备")),
    DepartmentType("中国共产党{p}委员会办公室", "20131", ("2013102", "2013199"), False, ("机要保密", "督查督办", "党内法规")),
    DepartmentType("{p}统计局", "20105", ("2010505", "2010507"), False, ("经济普查", "统计调查")),
    DepartmentType("{p}审计局", "20108", ("2010804",), False, ("审计业务", "政府投资审计")),
    DepartmentType("{p}商务局", "20113", ("2011308", "2011399"), False, ("招商引资", "消费促进")),
    DepartmentType("{p}档案馆", "20126", ("2012604",), False, ("档案数字化", "档案保护")),
    DepartmentType("{p}市场监督管理局", "20138", ("2013802", "2013899"), False, ("食品安全抽检", "特种设备检验")),
    DepartmentType("{p}信访局", "20140", ("2014004",), False, ("信访维稳", "矛盾纠纷化解")),
    DepartmentType("{p}人力资源和社会保障局", "20801", ("2080102", "2080199"), False, ("就业培训", "劳动保障监察")),
    DepartmentType("{p}退役军人事务局", "20828", ("2082802", "2082899"), False, ("优抚对象走访慰问", "退役军人培训")),
    DepartmentType("{p}医疗保障局", "21015", ("2101502", "2101599"), False, ("医保基金监管", "医保经办服务")),
    DepartmentType("{p}住房和城乡建设局", "21201", ("2120102", "2120199"), False, ("老旧小区改造", "建筑市场监管")),
    DepartmentType("{p}城市管理执法局", "21201", ("2120104", "2120199"), False, ("环卫保洁", "市容整治")),
    DepartmentType("{p}交通运输局", "21401", ("2140102", "2140106", "2140199"), False, ("农村公路养护", "交通安全整治")),
    DepartmentType("{p}公安局", "20402", ("2040202", "2040299"), False, ("治安防控", "交通管理")),
    DepartmentType("{p}司法局", "20406", ("2040604", "2040610"), False, ("人民调解", "社区矫正", "法律援助")),
    DepartmentType("{p}文化和旅游局", "20701", ("2070102", "2070109", "2070199"), False, ("群众文化活动", "文物保护")),
    DepartmentType("{p}科学技术局", "20601", ("2060102", "2060199"), False, ("科技创新奖励", "科技成果转化")),
    DepartmentType("{p}生态环境分局", "21101", ("2110102", "2110199"), False, ("大气污染防治", "环境监测")),
    DepartmentType("{p}自然资源和规划局", "22001", ("2200102", "2200199"), False, ("国土空间规划", "不动产登记")),
    DepartmentType("{p}水利局", "21303", ("2130302", "2130399"), False, ("河湖长制", "防汛抗旱")),
    DepartmentType("{p}林业局", "21302", ("2130202", "2130299"), False, ("森林防火", "林业有害生物防治")),
    DepartmentType("{p}人民代表大会常务委员会办公室", "20101", ("2010104", "2010108"), False, ("人大会议", "代表履职")),
    DepartmentType("中国人民政治协商会议{p}委员会办公室", "20102", ("2010204", "2010205"), False, ("政协会议", "委员视察")),
    DepartmentType("中国共产党{p}委员会组织部", "20132", ("2013202", "2013299"), False, ("干部教育培训", "人才工作")),
    DepartmentType("中国共产党{p}委员会宣传部", "20133", ("2013302", "2013399"), False, ("新时代文明实践", "网络宣传")),
    DepartmentType("中国共产党{p}委员会统一战线工作部", "20134", ("2013402", "2013499"), False, ("民族宗教工作", "统战宣传")),
    DepartmentType("中国共产党{p}纪律检查委员会", "20111", ("2011102", "2011104"), False, ("案件查办", "廉政教育")),
    DepartmentType("{p}人民检察院", "20404", ("2040402", "2040499"), False, ("检察业务", "公益诉讼")),
    DepartmentType("{p}人民法院", "20405", ("2040502", "2040504"), False, ("案件审判", "执行工作")),
    DepartmentType("{p}总工会", "20129", ("2012902", "2012999"), False, ("困难职工帮扶", "职工文体活动")),
    DepartmentType("{p}妇女联合会", "20129", ("2012902", "2012999"), False, ("妇女儿童维权", "家庭教育")),
    DepartmentType("共青团{p}委员会", "20129", ("2012902", "2012999"), False, ("青少年服务", "志愿服务")),
    DepartmentType("{p}残疾人联合会", "20811", ("2081105", "2081107"), False, ("残疾人就业", "残疾人康复")),
    DepartmentType("{p}科学技术协会", "20607", ("2060702",), False, ("科普活动", "学会服务")),
    DepartmentType("{p}工商业联合会", "20129", ("2012902", "2012999"), False, ("民营经济服务", "商会建设")),
    DepartmentType("{p}机关事务服务中心", "20103", ("2010302", "2010350"), False, ("机关食堂运行", "公务用车平台")),
    DepartmentType("{p}融媒体中心", "20133", ("2013302", "2013399"), False, ("新闻宣传", "媒体融合")),
    DepartmentType("{p}公共资源交易中心", "20103", ("2010350", "2010399"), False, ("交易平台运维", "专家评审")),
    DepartmentType("{p}政务服务和大数据管理局", "20103", ("2010302", "2010399"), False, ("政务服务热线", "数据共享平台")),
    DepartmentType("{p}疾病预防控制中心", "21004", ("2100408", "2100409"), False, ("传染病防控", "免疫规划")),
    DepartmentType("{p}人民防空办公室", "22401", ("2240102", "2240199"), False, ("人防工程维护", "防空警报")),
    DepartmentType("{p}地方志办公室", "20103", ("2010302",), False, ("年鉴编纂", "地方志编修")),
    DepartmentType("{p}投资促进局", "20113", ("2011308",), False, ("招商推介", "项目服务")),
    DepartmentType("中国共产党{p}委员会政法委员会", "20136", ("2013602", "2013699"), False, ("平安建设", "综治中心运行")),
    DepartmentType("中国共产党{p}委员会机构编制委员会办公室", "20136", ("2013602",), False, ("机构编制核查", "事业单位登记")),
    DepartmentType("中国共产党{p}委员会党校", "20508", ("2050802",), False, ("主体班次培训", "党性教育基地")),
    DepartmentType("{p}经济和信息化局", "21505", ("2150502", "2150599"), False, ("中小企业服务", "工业经济运行监测")),
    DepartmentType("{p}民族宗教事务局", "20123", ("2012302", "2012304"), False, ("民族团结进步创建", "宗教场所安全")),
    DepartmentType("{p}行政审批局", "20103", ("2010302",), False, ("政务服务大厅运行", "审批服务标准化")),
    DepartmentType("{p}粮食和物资储备局", "22201", ("2220102", "2220199"), False, ("储备粮管理", "粮食质量监测")),
    DepartmentType("{p}文学艺术界联合会", "20129", ("2012902",), False, ("文艺创作扶持", "文艺惠民活动")),
    DepartmentType("{p}归国华侨联合会", "20129", ("2012902",), False, ("侨务联络", "侨胞服务")),
    # public institutions every county has, budgeted as departments in many provinces
    DepartmentType("{p}人民医院", "21002", ("2100201",), False, ("医疗设备购置", "重点专科建设"), "2100201"),
    DepartmentType("{p}中医医院", "21002", ("2100202",), False, ("中医药传承", "医疗设备购置"), "2100202"),
    DepartmentType("{p}妇幼保健院", "21004", ("2100403",), False, ("孕产妇保健", "儿童保健"), "2100403"),
    DepartmentType("{p}第一中学", "20502", ("2050204",), False, ("教学设备购置", "校舍维修"), "2050204"),
    DepartmentType("{p}第二中学", "20502", ("2050203",), False, ("教学设备购置", "学生资助"), "2050203"),
    DepartmentType("{p}实验小学", "20502", ("2050202",), False, ("课后服务", "校舍维修"), "2050202"),
    DepartmentType("{p}第一幼儿园", "20502", ("2050201",), False, ("保教设备购置", "学前教育资助"), "2050201"),
    DepartmentType("{p}职业教育中心", "20503", ("2050302",), False, ("实训基地建设", "技能竞赛"), "2050302"),
    DepartmentType("{p}图书馆", "20701", ("2070104",), False, ("图书采购", "全民阅读"), "2070104"),
    DepartmentType("{p}文化馆", "20701", ("2070109",), False, ("群众文化活动", "非遗保护"), "2070109"),
)


def project_names(dept: DepartmentType) -> tuple[str, ...]:
    return tuple(dict.fromkeys(dept.projects + _GENERIC_PROJECTS))  # a name once: it identifies the project
