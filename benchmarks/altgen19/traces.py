"""The records a death, an admission or a claim leaves: shared by every kind of event."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from . import geo
from .world import EXPORT, YEAR_START, Ctx

Choice = Sequence[tuple[str | None, float]]

DEREG_CAUSE: dict[str, Choice] = {
    "natural": [(None, 40), ("病故", 35), ("疾病死亡", 10), ("自然死亡", 10), ("其他", 5)],
    "traffic": [(None, 30), ("交通事故", 50), ("意外", 20)],
    "accident": [(None, 40), ("意外", 45), ("其他", 10), ("意外死亡", 5)],
    "work": [(None, 40), ("工伤", 20), ("意外", 35), ("工亡", 5)],
    "illness_disguise": [(None, 30), ("病故", 45), ("猝死", 15), ("疾病死亡", 10)],
    "traffic_disguise": [(None, 20), ("交通事故", 70), ("意外", 10)],
    "vague": [(None, 60), ("其他", 25), ("不详", 15)],
}
_OLD = ["心肌梗死", "脑出血", "脑梗死", "肺癌", "肝癌", "胃癌", "慢性阻塞性肺疾病", "心力衰竭",
        "呼吸循环衰竭", "多器官功能衰竭", "衰老", "糖尿病", "高血压", "肺部感染", "食管癌"]
_YOUNG = ["心源性猝死", "猝死", "心肌梗死", "脑出血", "肝癌", "肺癌", "白血病", "呼吸循环衰竭",
          "病故", "急性心力衰竭"]
CREM_CAUSE: dict[str, Choice] = {
    "natural_old": [(c, 1.0) for c in _OLD] + [(None, 2.0)],
    "natural_young": [(c, 1.0) for c in _YOUNG] + [(None, 1.5)],
    "traffic": [("交通事故", 3), ("颅脑损伤", 2), ("多发伤", 2), ("车祸致多发伤", 1),
                ("失血性休克", 1), (None, 1)],
    "fall": [("颅脑损伤", 3), ("摔伤", 2), ("股骨颈骨折", 1), ("多器官功能衰竭", 1), (None, 1)],
    "co": [("一氧化碳中毒", 4), ("煤气中毒", 3), (None, 1)],
    "cold": [("冻死", 2), ("低体温", 2), ("意外", 1), (None, 1)],
    "drown": [("溺水", 3), ("溺亡", 2), (None, 1)],
    "animal": [("颅脑损伤", 2), ("多发伤", 2), ("意外", 1), (None, 1)],
    "burn": [("烧伤", 3), ("大面积烧伤", 1), (None, 1)],
    "other": [("意外", 2), ("不详", 1), (None, 2)],
    "illness_disguise": [("心源性猝死", 3), ("猝死", 3), ("心肌梗死", 2), ("急性心力衰竭", 1),
                         ("脑出血", 1), ("呼吸循环衰竭", 1), ("病故", 1)],
    "traffic_disguise": [("交通事故", 4), ("车祸", 2), ("颅脑损伤", 2), ("多发伤", 1)],
    "vague": [(None, 4), ("不详", 2), ("死亡", 1), ("其他", 1)],
}
WORK_CAUSE: dict[str, list[str]] = {
    "roof_fall": ["颅脑损伤", "多发伤", "挤压伤", "创伤性休克"],
    "gas_explosion": ["烧伤", "爆炸伤", "一氧化碳中毒"],
    "flooding": ["溺水", "窒息"],
    "fall_from_height": ["高处坠落伤", "颅脑损伤", "多发伤"],
    "struck_by_object": ["颅脑损伤", "物体打击伤", "多发伤"],
    "machinery": ["机械伤害", "多发伤", "失血性休克"],
    "electrocution": ["电击伤", "触电"],
    "poisoning_asphyxiation": ["窒息", "一氧化碳中毒", "硫化氢中毒", "中毒"],
    "vehicle": ["多发伤", "颅脑损伤", "碾压伤"],
    "lifting": ["颅脑损伤", "多发伤"],
    "collapse": ["机械性窒息", "挤压综合征", "多发伤"],
    "fire": ["烧伤", "烟雾吸入性窒息"],
    "explosion": ["爆炸伤", "多发伤"],
    "burn": ["烧伤", "烫伤"],
    "other": ["多发伤", "意外"],
}
_CRM_LAG = [(0, 2), (1, 8), (2, 30), (3, 35), (4, 10), (5, 6), (6, 4), (10, 5)]
WATERS = ["黄河", "水库", "鱼塘", "河道", "湖泊"]


def pick(pr: random.Random, choices: Choice) -> str | None:
    vals = [c for c, _ in choices]
    return pr.choices(vals, weights=[w for _, w in choices])[0]


def pick1(pr: random.Random, vals: list[str]) -> str:
    return vals[pr.randrange(len(vals))]


def crem_lag(pr: random.Random) -> int:
    lag = pr.choices([x for x, _ in _CRM_LAG], weights=[w for _, w in _CRM_LAG])[0]
    return lag + (pr.randrange(0, 12) if lag == 10 else 0)


def dereg_lag(pr: random.Random) -> int:
    u = pr.random()
    if u < 0.45:
        return pr.randint(2, 20)
    if u < 0.80:
        return pr.randint(20, 60)
    if u < 0.95:
        return pr.randint(60, 200)
    return pr.randint(200, 450)


@dataclass
class DeathSpec:
    """How one death shows in deregistrations and cremations. ``cls`` picks default texts;
    every ``None`` field takes its default."""
    pid: int
    death: dt.date
    where: str                 # county where the body was (IM)
    home: str                  # registration county
    migrant: bool
    mongol: bool
    age: int
    cls: str                   # natural / traffic / fall / co / cold / drown / animal / burn /
    #                            other / work / illness_disguise / traffic_disguise / vague
    hosp: int | None = None    # died in this hospital
    accident_type: str = "other"
    dereg_p: float | None = None
    migrant_dereg_p: float = 0.25
    dereg_cls: str | None = None
    rec_shift: int = 0         # days the recorded death date is off
    crem_p: float | None = None
    fh: int | None = None
    lag: int | None = None
    crem_cls: str | None = None
    issuer: str | None = "default"
    origin: str | None = "default"
    death_date_missing_p: float = 0.03


def death_records(ctx: Ctx, s: DeathSpec) -> tuple[bool, bool]:
    """Adds the deregistration and cremation rows of death ``s``; returns which were made."""
    pr = ctx.pr
    rec_death = s.death + dt.timedelta(days=s.rec_shift)
    made_dereg = made_crem = False
    local = s.home.startswith("15")
    dcls = s.dereg_cls or {"fall": "accident", "co": "accident", "cold": "accident",
                           "drown": "accident", "animal": "accident", "burn": "accident",
                           "other": "accident"}.get(s.cls, s.cls)
    p = s.dereg_p if s.dereg_p is not None else (0.9 if local else s.migrant_dereg_p)
    if pr.random() < p:
        lag = dereg_lag(pr) if local else pr.randint(25, 300)
        when = rec_death + dt.timedelta(days=lag)
        if YEAR_START <= when <= EXPORT:
            ctx.add("deregistrations", person_id=s.pid, id_person=s.pid,
                    death_date=None if pr.random() < s.death_date_missing_p else rec_death,
                    dereg_date=when, region=s.home, reason="death",
                    cause=pick(pr, DEREG_CAUSE[dcls]))
            made_dereg = True
    cp = s.crem_p if s.crem_p is not None else (
        geo.cremation_rate(s.where, s.mongol) * (0.55 if s.migrant else 1.0))
    if pr.random() < cp:
        lag = s.lag if s.lag is not None else crem_lag(pr)
        when = rec_death + dt.timedelta(days=lag)
        if YEAR_START <= when <= EXPORT:
            if s.fh is not None:
                fh = s.fh
            elif local and s.home[:4] != s.where[:4] and pr.random() < 0.25:
                fh = geo.funeral_home_near(s.home)  # taken home to be cremated
            else:
                fh = geo.funeral_home_near(s.where)
            ccls = s.crem_cls or s.cls
            if ccls == "natural":
                cause = pick(pr, CREM_CAUSE["natural_old" if s.age >= 60 else "natural_young"])
            elif ccls == "work":
                cause = pick1(pr, WORK_CAUSE[s.accident_type]) if pr.random() < 0.9 else None
            else:
                cause = pick(pr, CREM_CAUSE[ccls])
            issuer = _issuer(pr, s, ccls) if s.issuer == "default" else s.issuer
            origin = _origin(pr, s, ccls) if s.origin == "default" else s.origin
            ctx.add("cremations", person_id=s.pid, id_person=s.pid,
                    death_date=None if pr.random() < s.death_date_missing_p else rec_death,
                    cremated_on=when, fh=fh, cause=cause, issuer=issuer, origin=origin)
            made_crem = True
    return made_dereg, made_crem


def _issuer(pr: random.Random, s: DeathSpec, cls: str) -> str | None:
    if s.hosp is not None and cls not in ("illness_disguise", "vague", "traffic_disguise"):
        return "hospital" if pr.random() < 0.92 else "police"
    table: dict[str, Choice] = {
        "natural": [("community", 85), ("other", 10), (None, 5)],
        "traffic": [("police", 85), ("other", 10), (None, 5)],
        "fall": [("community", 75), ("police", 15), ("other", 10)],
        "co": [("police", 55), ("community", 40), ("other", 5)],
        "cold": [("police", 85), ("other", 15)],
        "drown": [("police", 90), ("other", 10)],
        "animal": [("community", 55), ("police", 35), ("other", 10)],
        "burn": [("police", 50), ("community", 40), ("other", 10)],
        "other": [("community", 50), ("police", 30), ("other", 20)],
        "work": [("police", 75), ("hospital", 15), ("other", 10)],
        "illness_disguise": [("community", 55), ("other", 25), ("hospital", 10), (None, 10)],
        "traffic_disguise": [("police", 75), ("other", 15), (None, 10)],
        "vague": [("other", 40), (None, 40), ("community", 20)],
    }
    return pick(pr, table[cls])


def _origin(pr: random.Random, s: DeathSpec, cls: str) -> str | None:
    if pr.random() < 0.08:
        return None
    if s.hosp is not None and cls not in ("illness_disguise", "vague"):
        return geo.HOSPITALS[s.hosp].name
    c = geo.county(s.where)
    if cls in ("traffic", "traffic_disguise"):
        return pick1(pr, geo.ROADS) + (c.name + "段" if pr.random() < 0.6 else "")
    if cls == "drown":
        return c.name + pick1(pr, WATERS)
    if cls in ("cold", "animal", "work"):
        return c.name + geo.place_name(pr, s.where)
    return "家中" if pr.random() < 0.8 else c.name + geo.place_name(pr, s.where)


def medical(ctx: Ctx, pid: int, hosp: int, admitted: dt.datetime, discharged: dt.datetime | None,
            diag: str, ext: str | None, disposition: str, payer: str | None,
            emp_ent: int | None = None, emergency: bool = False) -> bool:
    """One admission or emergency encounter, if it falls inside the export window."""
    if not (YEAR_START <= admitted.date() <= EXPORT):
        return False
    late = discharged is not None and discharged.date() > EXPORT
    if late or ctx.pr.random() < 0.015:
        discharged = None
    ctx.add("medical_records", person_id=pid, id_person=pid, hosp=hosp, admitted_at=admitted,
            discharged_at=discharged, diag=diag, ext=ext, disposition=disposition, payer=payer,
            emp_ent=emp_ent, emergency=emergency)
    return True


def claim(ctx: Ctx, pid: int, ent: int, injury: dt.date, applied: dt.date,
          decided: dt.date | None, outcome: str, desc: str | None) -> bool:
    """One work-injury claim, if it was filed before the export."""
    if applied > EXPORT or applied < YEAR_START:
        return False
    if decided is None or decided > EXPORT:
        decided, outcome = None, "pending"
    ctx.add("injury_claims", person_id=pid, id_person=pid, ent=ent, injury_date=injury,
            applied_on=applied, decided_on=decided, outcome=outcome, desc=desc)
    return True


WORK_DESC: dict[str, list[str]] = {
    "roof_fall": ["在采掘工作面作业时被冒落煤矸砸伤", "井下作业时顶板冒落被埋压", "巷道片帮砸伤"],
    "gas_explosion": ["井下瓦斯爆炸受伤", "工作面瓦斯燃爆烧伤"],
    "flooding": ["井下透水被困", "透水事故中溺水"],
    "fall_from_height": ["在施工作业时从高处坠落", "检修时从平台坠落", "脚手架上坠落"],
    "struck_by_object": ["作业时被落物砸伤", "被飞石击中", "被滚落的岩石砸伤"],
    "machinery": ["操作设备时被卷入", "检修设备时被挤伤", "手被机器挤压"],
    "electrocution": ["检修线路时触电", "作业中触电"],
    "poisoning_asphyxiation": ["进入受限空间作业时中毒窒息", "煤气中毒", "有毒气体中毒"],
    "vehicle": ["被矿用卡车撞伤", "驾驶车辆时发生事故", "被运输车辆碾压"],
    "lifting": ["吊装作业时被吊物砸伤", "起重作业中受伤"],
    "collapse": ["边坡坍塌被埋压", "土方坍塌被埋", "沟槽坍塌受伤"],
    "fire": ["火灾中烧伤", "扑救火灾时受伤"],
    "explosion": ["爆破作业时受伤", "设备爆炸受伤"],
    "burn": ["被高温铁水烫伤", "炉前作业被喷溅物烫伤", "被蒸汽烫伤"],
    "other": ["工作中受伤", "作业时意外受伤"],
}


def work_desc(pr: random.Random, accident_type: str, died: bool) -> str | None:
    if pr.random() < 0.08:
        return None
    text = pick1(pr, WORK_DESC[accident_type])
    return text + ("，经抢救无效死亡" if died else "")
