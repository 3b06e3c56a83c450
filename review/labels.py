"""UI labels of the review app: Chinese with an English subtitle, one place for all."""

from __future__ import annotations

ROLE_LABELS = {
    "investigator": "调查员 investigator",
    "supervisor": "主管 supervisor",
    "auditor": "审计员 auditor",
    "admin": "管理员 admin",
}
TYPE_LABELS = {
    "unreported_death": "未报死亡 unreported death",
    "unreported_incident": "未报事故 unreported incident",
    "under_reported_accident": "少报事故 under-reported accident",
    "unreported_serious_injury": "未报重伤 unreported serious injury",
}
STATUS_LABELS = {
    "new": "新线索 new",
    "in_review": "核查中 in review",
    "confirmed_concealment": "确认瞒报 confirmed concealment",
    "confirmed_under_reporting": "确认少报 confirmed under-reporting",
    "false_lead": "误报线索 false lead",
    "inconclusive": "无法确定 inconclusive",
}
CHANGE_LABELS = {
    "new": "本批新增 new this run",
    "persisting": "延续 persisting",
    "changed": "证据变化 changed",
    "reopened": "重新打开 reopened",
}
INDUSTRY_LABELS = {
    "coal_mining": "煤矿 coal mining",
    "non_coal_mining": "非煤矿山 non-coal mining",
    "hazardous_chemicals": "危险化学品 hazardous chemicals",
    "metallurgy": "冶金 metallurgy",
    "construction": "建筑施工 construction",
    "transport": "交通运输 transport",
    "fireworks": "烟花爆竹 fireworks",
    "manufacturing": "制造业 manufacturing",
    "other": "其他 other",
}
SOURCE_LABELS = {
    "accidents": "事故报告 accident",
    "accident_victims": "事故伤亡 victim",
    "deregistrations": "户籍注销 deregistration",
    "cremations": "火化 cremation",
    "injury_claims": "工伤 injury claim",
    "medical_records": "医疗 medical",
    "employment": "参保 employment",
    "enterprises": "企业 enterprise",
}
FIELD_LABELS = {
    "name": "姓名 name",
    "id_number": "身份证号 ID number",
    "sex": "性别 sex",
    "birth_date": "出生日期 birth date",
    "age": "年龄 age",
    "death_date": "死亡日期 death date",
    "deregistered_on": "注销日期 deregistered",
    "cremated_on": "火化日期 cremated",
    "injury_date": "受伤日期 injury date",
    "applied_on": "申请日期 applied",
    "decided_on": "认定日期 decided",
    "admitted_at": "入院 admitted",
    "discharged_at": "出院 discharged",
    "occurred_at": "发生时间 occurred",
    "reported_at": "报告时间 reported",
    "region_code": "地区 region",
    "employer_name": "单位 employer",
    "employer_uscc": "信用代码 USCC",
    "enterprise_name": "企业 enterprise",
    "enterprise_uscc": "企业信用代码 USCC",
    "industry": "行业 industry",
    "accident_type": "事故类型 accident type",
    "reported_deaths": "报告死亡 reported deaths",
    "outcome": "结果 outcome",
    "reason": "注销原因 reason",
    "death_cause": "死因 cause of death",
    "funeral_home": "殡仪馆 funeral home",
    "certificate_issuer": "证明出具 certificate issuer",
    "body_origin": "遗体来源 body origin",
    "hospital": "医院 hospital",
    "diagnosis_icd10": "诊断 diagnosis",
    "external_cause_icd10": "外因 external cause",
    "disposition": "离院方式 disposition",
    "payer": "付费方式 payer",
    "injury_description": "伤情 injury",
    "accident_id": "事故编号 accident",
    "address": "地址 address",
    "start_date": "参保开始 enrolled",
    "end_date": "参保结束 left",
}
# the fields shown first, in this order, when records are compared side by side
FIELD_ORDER = [
    "name", "id_number", "sex", "birth_date", "age", "death_date", "injury_date",
    "occurred_at", "admitted_at", "discharged_at", "deregistered_on", "cremated_on",
    "applied_on", "decided_on", "region_code", "employer_name", "employer_uscc",
    "enterprise_name", "enterprise_uscc", "industry", "accident_type", "outcome", "reason",
    "death_cause", "diagnosis_icd10", "external_cause_icd10", "disposition", "hospital",
    "funeral_home", "certificate_issuer", "body_origin", "payer", "injury_description",
]
# fields compared for agreement across a person's records
COMPARED_FIELDS = {"name", "id_number", "sex", "birth_date", "age", "death_date",
                   "employer_name", "employer_uscc", "region_code", "injury_date"}
# dated events for the timeline: field → label
TIMELINE_FIELDS = {
    "occurred_at": "事故发生 accident occurred",
    "reported_at": "事故报告 accident reported",
    "injury_date": "受伤 injured",
    "admitted_at": "入院 admitted",
    "discharged_at": "出院 discharged",
    "death_date": "死亡 died",
    "cremated_on": "火化 cremated",
    "deregistered_on": "户籍注销 deregistered",
    "applied_on": "工伤申请 claim filed",
    "decided_on": "工伤认定 claim decided",
    "start_date": "参保开始 enrolment started",
    "end_date": "参保结束 enrolment ended",
}
CITY_NAMES = {
    "1401": "太原 Taiyuan", "1402": "大同 Datong", "1403": "阳泉 Yangquan",
    "1404": "长治 Changzhi", "1405": "晋城 Jincheng", "1406": "朔州 Shuozhou",
    "1407": "晋中 Jinzhong", "1408": "运城 Yuncheng", "1409": "忻州 Xinzhou",
    "1410": "临汾 Linfen", "1411": "吕梁 Lüliang",
}
ACTION_LABELS = {
    "login": "登录 login",
    "login_failed": "登录失败 login failed",
    "login_locked": "锁定 locked out",
    "logout": "退出 logout",
    "view_lead": "查看线索 viewed lead",
    "unmask": "显示完整号码 unmasked",
    "status_change": "变更状态 status change",
    "dossier_unmasked": "完整案卷 unmasked dossier",
    "lead_reopened": "自动重开 reopened by a run",
    "run_complete": "批次完成 run complete",
    "assign": "分配 assignment",
    "evidence_decision": "证据判定 evidence decision",
    "export_lead_labels": "导出线索标签 exported lead labels",
    "export_pair_labels": "导出配对标签 exported pair labels",
    "export_audit": "导出审计日志 exported audit log",
    "download_dossier": "下载案卷 dossier download",
    "user_added": "新增用户 user added",
    "user_disabled": "停用用户 user disabled",
}
MESSAGES = {
    "saved": ("ok", "已保存。Saved."),
    "assigned": ("ok", "已分配。Assignment saved."),
    "marked": ("ok", "已记录该记录不属于此人。Recorded that the record does not belong."),
    "user_added": ("ok", "已新增用户。User added."),
    "user_disabled": ("ok", "已停用用户。User disabled."),
    "nothing_selected": ("error", "未选择线索。No lead selected."),
}


def city_label(region_code: str | None) -> str:
    if not region_code:
        return "—"
    code = str(region_code)[:4]
    return CITY_NAMES.get(code, code)
