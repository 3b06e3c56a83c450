"""Production-safety incidents: honestly reported, under-reported and concealed ones.

Incidents are few (hundreds at scale 1), so they are built one by one; every victim leaves
traces in the person sources according to the incident's story ("playbook")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import tables
from .context import Ctx
from .world import D_END, D_START, short_name, to_date

EXTRACT = tables.EXTRACTED
HIGH_RISK_TYPES = tables.HIGH_RISK


@dataclass
class Victim:
    person: int
    worker: int            # index into workers, -1 when not enrolled with the employer
    outcome: str           # what truly happened
    reported: str | None = None   # outcome named in accident_victims (None: not named)
    ident: int = -1        # identity shown when named
    third_party: bool = False
    late_days: int | None = None  # dies this many days after the accident (in hospital)


@dataclass
class Incident:
    iid: str
    kind: str
    playbook: str
    employer: int
    emp_name: str
    uscc: str | None
    emp_region: int
    industry: str
    atype: str
    occurred: dt.datetime
    county: int
    region: int
    address: str
    victims: list[Victim] = field(default_factory=list)
    accident_id: str | None = None
    hospital: int = -1     # one hospital for the whole incident (trauma cluster)


def _choice(rng: np.random.Generator, items: list[Any], p: list[float] | None = None) -> Any:
    if p is None:
        return items[int(rng.integers(0, len(items)))]
    pa = np.asarray(p, dtype=float)
    return items[int(rng.choice(len(items), p=pa / pa.sum()))]


class IncidentBuilder:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        ent = ctx.ent
        self.by_industry = {ind: np.flatnonzero(ent.industry == ind) for ind in tables.INDUSTRIES}
        self.n_inc = 0
        self.acc_numbers: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def village(self) -> str:
        r = self.rng
        return _choice(r, tables.TOWN_CHARS) + _choice(r, tables.TOWN_CHARS) + \
            _choice(r, tables.VILLAGE_SUFFIX)

    def place_text(self, county: int) -> str:
        return f"{self.ctx.geo.county_name(int(self.ctx.geo.codes[county]))}{self.village()}"

    def hosp_near(self, county: int, p: tuple[float, float, float, float]) -> int:
        return int(self.ctx.geo.pick_hospital(self.rng, np.array([county]), p)[0])

    def fh_of(self, county: int) -> int:
        return int(self.ctx.geo.fh_of_county[county])

    def far_county(self, avoid_cities: set[int]) -> int:
        geo = self.ctx.geo
        ok = np.flatnonzero(~np.isin(geo.city, list(avoid_cities)))
        return int(ok[int(self.rng.integers(0, ok.size))])

    def county_of_code(self, code: int) -> int:
        return self.ctx.geo.index.get(code, -1)

    def emp_name_as_written(self, inc: Incident, p_exact: float) -> str:
        if self.rng.random() < p_exact:
            return inc.emp_name
        return short_name(inc.emp_name, float(self.rng.random()))

    def new_person(self, industry: str, county: int, day: dt.date, migrant_boost: float = 1.0,
                   age: tuple[float, float] = (21, 58), male_p: float | None = None) -> int:
        ctx, r = self.ctx, self.rng
        prof = tables.INDUSTRY_PROFILE[industry]
        mp = prof[2] if male_p is None else male_p
        male = bool(r.random() < max(mp, 0.6))
        a = float(r.uniform(*age))
        birth = (day - dt.date(1970, 1, 1)).days - int(a * 365.25) - int(r.integers(0, 365))
        if r.random() < min(0.9, prof[3] * migrant_boost):
            hukou = int(ctx.geo.migrant_codes[int(r.integers(0, ctx.geo.migrant_codes.size))])
        elif r.random() < 0.6:
            hukou = int(ctx.geo.codes[county])
        else:
            hukou = int(ctx.geo.codes[ctx.geo.same_city.pick(r, np.array([county]))[0]])
        return ctx.people.add_one(birth, male, hukou)

    def relative(self, person: int) -> int:
        """A living relative whose identity can be borrowed: same surname and hukou."""
        ctx, r = self.ctx, self.rng
        b = ctx.people.value("birth", person)
        shift = int(r.choice([-1, 1]) * r.uniform(2, 9) * 365.25) if r.random() < 0.6 \
            else int(r.uniform(18, 28) * 365.25)
        return ctx.people.add_one(b - shift, True, ctx.hukou(person),
                                  surname=ctx.people.value("sur", person))

    def phantom(self, day: dt.date) -> int:
        """A made-up identity (a name on a cremation form that belongs to no one we track)."""
        r = self.rng
        b = (day - dt.date(1970, 1, 1)).days - int(r.uniform(30, 60) * 365.25)
        return self.ctx.people.add_one(b, True, int(self.ctx.geo.codes[int(r.integers(
            0, self.ctx.geo.codes.size))]))

    # ------------------------------------------------------------------ incident skeleton
    def pick_employer(self, weights: dict[str, float], registered_only: bool) -> int:
        r = self.rng
        ind = _choice(r, list(weights), list(weights.values()))
        cand = self.by_industry[ind]
        if registered_only:
            cand = cand[self.ctx.ent.registered[cand]]
        w = np.sqrt(self.ctx.ent.size_w[cand])
        return int(cand[r.choice(cand.size, p=w / w.sum())])

    def skeleton(self, kind: str, playbook: str, employer: int, illegal: bool = False
                 ) -> Incident:
        ctx, r = self.ctx, self.rng
        self.n_inc += 1
        iid = f"INC{self.n_inc:05d}"
        if illegal:
            county = int(r.choice(ctx.geo.codes.size, p=ctx.geo.pop_w))
            industry = _choice(r, ["coal_mining", "non_coal_mining"], [0.6, 0.4])
            vil = self.village()
            emp_name = f"{ctx.geo.county_name(int(ctx.geo.codes[county]))}{vil}" + \
                ("私开煤窑" if industry == "coal_mining" else "采石场")
            uscc: str | None = None
            emp_region = int(ctx.geo.codes[county])
        else:
            industry = str(ctx.ent.industry[employer])
            emp_name = str(ctx.ent.name[employer])
            uscc = str(ctx.ent.uscc[employer])
            emp_region = int(ctx.ent.region[employer])
            county = self.county_of_code(emp_region)
            if industry in ("construction", "transport") and r.random() < 0.35:
                county = int(ctx.geo.same_city.pick(r, np.array([county]))[0])
        types = tables.ACCIDENT_TYPES_BY_INDUSTRY[industry]
        atype = _choice(r, list(types), list(types.values()))
        d = to_date(int(r.integers(D_START + 3, D_END - 15)))
        if industry in ("coal_mining", "non_coal_mining", "metallurgy", "hazardous_chemicals"):
            hour = int(r.integers(0, 24))
        else:
            hour = int(r.choice(np.arange(6, 21)))
        occurred = dt.datetime(d.year, d.month, d.day, hour, int(r.integers(0, 60)))
        site = _choice(r, tables.SITE_WORDS[industry])
        town = _choice(r, tables.TOWN_CHARS) + _choice(r, tables.TOWN_CHARS)
        address = f"{ctx.geo.county_name(int(ctx.geo.codes[county]))}{town}镇{self.village()}{site}"
        return Incident(iid, kind, playbook, employer, emp_name, uscc, emp_region, industry,
                        atype, occurred, county, int(ctx.geo.codes[county]), address)

    def add_victims(self, inc: Incident, outcomes: list[str], unenrolled_p: float,
                    migrant_boost: float = 1.0) -> None:
        ctx, r = self.ctx, self.rng
        w = ctx.workers
        day = (inc.occurred.date() - dt.date(1970, 1, 1)).days
        cand = np.array([], dtype=np.int64)
        if inc.employer >= 0 and inc.employer in w.by_employer:
            c = w.by_employer[inc.employer]
            ok = (~w.used[c]) & (w.start[c] <= day) & ((w.end[c] < 0) | (w.end[c] > day))
            cand = r.permutation(c[ok])
        k = 0
        for out in outcomes:
            if r.random() >= unenrolled_p and k < cand.size:
                wi = int(cand[k])
                k += 1
                w.used[wi] = True
                person = int(w.person[wi])
                inc.victims.append(Victim(person, wi, out, ident=int(w.ident[wi])))
            else:
                p = self.new_person(inc.industry, inc.county, inc.occurred.date(), migrant_boost)
                inc.victims.append(Victim(p, -1, out, ident=p))
        for v in inc.victims:
            if v.outcome == "death":
                ctx.dead.add(v.person)

    def borrow_identity(self, v: Victim) -> None:
        """The victim was enrolled (and is known to the employer) under a relative's ID."""
        if v.worker < 0:
            return
        rel = self.relative(v.person)
        self.ctx.workers.ident[v.worker] = rel
        v.ident = rel
        self.ctx.note("borrowed_identity")

    # ------------------------------------------------------------------ record writers
    def medical(self, inc: Incident, v: Victim, hosp: int, admitted: dt.datetime,
                discharged: dt.datetime | None, diag: str, ext: str | None, disposition: str,
                payer: str | None, employer: str | None, tag: str, ident: int | None = None
                ) -> None:
        ctx = self.ctx
        if admitted.date() > EXTRACT:
            return
        if discharged is not None and discharged.date() > EXTRACT:
            discharged = None
        who = v.person if ident is None else ident
        ctx.sink.add("medical_records", person=v.person, ident=who, tag=tag,
                     age=ctx.age(who, admitted.date()), hospital=str(ctx.geo.hosp_name[hosp]),
                     region_code=str(ctx.geo.hosp_region[hosp]), admitted_at=admitted,
                     discharged_at=discharged, diagnosis_icd10=diag, external_cause_icd10=ext,
                     disposition=disposition, payer=payer, employer_name=employer, anon=False)

    def dereg(self, v: Victim, death: dt.date, lag: int, cause: str | None, tag: str) -> None:
        ctx = self.ctx
        hukou = ctx.hukou(v.person)
        on = death + dt.timedelta(days=lag)
        if hukou // 10000 != 14 or on > EXTRACT:
            return
        ctx.sink.add("deregistrations", person=v.person, tag=tag, death_date=death,
                     deregistered_on=on, region_code=str(hukou), reason="death",
                     death_cause=cause, show_birth=bool(self.rng.random() < 0.9))

    def cremation(self, v: Victim, death: dt.date, lag: int, fh: int, cause: str | None,
                  issuer: str | None, origin: str | None, tag: str, ident: int | None = None,
                  id_force: str | None = None) -> None:
        ctx = self.ctx
        on = death + dt.timedelta(days=lag)
        if on > EXTRACT:
            return
        who = v.person if ident is None else ident
        ctx.sink.add("cremations", person=v.person, ident=who, tag=tag, id_force=id_force,
                     age=ctx.age(who, death), death_date=death, cremated_on=on,
                     funeral_home=str(ctx.geo.fh_name[fh]), region_code=str(ctx.geo.fh_region[fh]),
                     death_cause=cause, certificate_issuer=issuer, body_origin=origin)

    def claim(self, inc: Incident, v: Victim, injury: dt.date, applied: dt.date, outcome: str,
              text: str, tag: str, decide_days: int | None = None) -> None:
        ctx, r = self.ctx, self.rng
        if applied > EXTRACT:
            return
        decided: dt.date | None = None
        if outcome != "pending":
            decided = applied + dt.timedelta(days=decide_days or int(r.integers(15, 61)))
            if decided > EXTRACT:
                decided, outcome = None, "pending"
        uscc = inc.uscc if r.random() < 0.9 else None
        region = str(inc.emp_region)
        ctx.sink.add("injury_claims", person=v.person, ident=v.ident if v.worker >= 0 else v.person,
                     tag=tag, employer_name=self.emp_name_as_written(inc, 0.8),
                     employer_uscc=uscc, injury_date=injury, applied_on=applied,
                     decided_on=decided, outcome=outcome, injury_description=text,
                     region_code=region)

    def end_spell(self, v: Victim, death: dt.date, honest: bool) -> None:
        if v.worker < 0:
            return
        w, r = self.ctx.workers, self.rng
        d = (death - dt.date(1970, 1, 1)).days
        x = r.random()
        if honest:
            w.end[v.worker] = d + int(r.integers(10, 61)) if x < 0.6 else -1
        elif x < 0.5:
            w.end[v.worker] = d + int(r.integers(0, 8))
        elif x < 0.72:
            w.end[v.worker] = max(int(w.start[v.worker]) + 1, d - int(r.integers(5, 61)))
            self.ctx.note("backdated_spell_end")
        else:
            w.end[v.worker] = -1
        if w.end[v.worker] > (EXTRACT - dt.date(1970, 1, 1)).days:
            w.end[v.worker] = -1

    # ------------------------------------------------------------------ victim stories
    def honest_death(self, inc: Incident, v: Victim, counted_late: bool = False) -> None:
        """Death with the ordinary trail: hospital (unless on site), police or hospital
        certificate, cremation after the family's negotiations, a 工亡 claim."""
        r = self.rng
        diags, exts, onsite_p = tables.TRAUMA[inc.atype]
        tag = f"inc_{inc.kind}"
        mining = inc.industry in ("coal_mining", "non_coal_mining")
        hp = (0.35, 0.3, 0.1, 0.25) if mining else (0.55, 0.3, 0.12, 0.03)
        late = v.late_days
        onsite = late is None and r.random() < onsite_p
        in_hosp = not onsite
        death_dt = inc.occurred + dt.timedelta(minutes=int(r.integers(5, 120)))
        hosp = inc.hospital if inc.hospital >= 0 else self.hosp_near(inc.county, hp)
        laa = False
        if in_hosp or r.random() < 0.3:
            admitted = inc.occurred + dt.timedelta(minutes=int(r.integers(35, 180)))
            if in_hosp:
                days = late if late is not None else (0 if r.random() < 0.7 else
                                                      int(r.integers(1, 6)))
                death_dt = admitted + dt.timedelta(days=days, hours=int(r.integers(1, 20)))
            else:
                death_dt = admitted + dt.timedelta(minutes=int(r.integers(10, 60)))
            laa = in_hosp and r.random() < 0.08
            ext = _choice(r, exts) if r.random() < 0.75 else None
            payer = _choice(r, ["work_injury_insurance", "self_pay", "employee_insurance",
                                None, "commercial"], [0.35, 0.3, 0.15, 0.1, 0.1])
            emp = self.emp_name_as_written(inc, 0.7) if r.random() < 0.5 else None
            if late is not None and late >= 3 and r.random() < 0.4:
                # first a county hospital, then a transfer to a provincial one
                h2 = int(self.ctx.geo.province[int(r.integers(0, self.ctx.geo.province.size))])
                t1 = admitted + dt.timedelta(hours=int(r.integers(8, 40)))
                self.medical(inc, v, hosp, admitted, t1, _choice(r, diags), ext, "transferred",
                             payer, emp, tag)
                self.medical(inc, v, h2, t1 + dt.timedelta(hours=3), death_dt, _choice(r, diags),
                             ext, "died", payer, emp, tag)
                hosp = h2
            else:
                self.medical(inc, v, hosp, admitted, death_dt, _choice(r, diags), ext,
                             "left_against_advice" if laa else "died", payer, emp, tag)
        death = death_dt.date()
        cause = _choice(r, ["工伤", "意外", "因工死亡", "事故", None, None])
        self.dereg(v, death, int(r.lognormal(np.log(25), 0.7)), cause, tag)
        hukou_shanxi = self.ctx.hukou(v.person) // 10000 == 14
        if r.random() < (0.88 if hukou_shanxi else 0.5):
            fh = self.fh_of(inc.county) if r.random() < 0.75 or not hukou_shanxi else \
                self.fh_of(max(self.county_of_code(self.ctx.hukou(v.person)), 0))
            if in_hosp and not laa:
                issuer, origin = "hospital", str(self.ctx.geo.hosp_name[hosp])
            else:
                issuer = _choice(r, ["police", "other"], [0.8, 0.2])
                origin = inc.address if r.random() < 0.6 else inc.emp_name
            self.cremation(v, death, int(r.integers(3, 13)), fh,
                           _choice(r, tables.CREMATION_TRAUMA_CAUSE[inc.atype]), issuer, origin,
                           tag)
        if not v.third_party and r.random() < (0.88 if v.worker >= 0 else 0.55):
            applied = death + dt.timedelta(days=int(r.integers(7, 41)) if r.random() < 0.8
                                           else int(r.integers(41, 300)))
            text = tables.CLAIM_TEXT[inc.atype] + ("，当场死亡" if onsite else "，经抢救无效死亡")
            self.claim(inc, v, inc.occurred.date(), applied, "death", text, tag)
        self.end_spell(v, death, honest=True)
        if counted_late:
            self.ctx.note("late_death_counted")

    def honest_injury(self, inc: Incident, v: Victim) -> None:
        r = self.rng
        diags, exts, _ = tables.TRAUMA[inc.atype]
        tag = f"inc_{inc.kind}"
        serious = v.outcome == "serious_injury"
        hosp = inc.hospital if inc.hospital >= 0 else self.hosp_near(
            inc.county, (0.5, 0.35, 0.12, 0.03))
        if r.random() < (0.95 if serious else 0.7):
            admitted = inc.occurred + dt.timedelta(minutes=int(r.integers(30, 200)))
            los = int(r.integers(14, 61)) if serious else int(r.integers(0, 11))
            ext = _choice(r, exts) if r.random() < 0.7 else None
            payer = _choice(r, ["work_injury_insurance", "employee_insurance", "self_pay", None],
                            [0.5, 0.2, 0.2, 0.1])
            emp = self.emp_name_as_written(inc, 0.7) if r.random() < 0.5 else None
            diag = _choice(r, diags) if serious else _choice(r, ["S01.0", "S61.0", "S80.0",
                                                                 "S42.0", "S52.5", "T14.0"])
            if serious and r.random() < 0.3:
                h2 = int(self.ctx.geo.province[int(r.integers(0, self.ctx.geo.province.size))])
                t1 = admitted + dt.timedelta(hours=int(r.integers(6, 48)))
                self.medical(inc, v, hosp, admitted, t1, diag, ext, "transferred", payer, emp,
                             f"inc_{inc.kind}")
                self.medical(inc, v, h2, t1 + dt.timedelta(hours=2),
                             t1 + dt.timedelta(days=los), diag, ext, "discharged", payer, emp, tag)
            else:
                self.medical(inc, v, hosp, admitted, admitted + dt.timedelta(
                    days=los, hours=int(r.integers(2, 10))), diag, ext, "discharged", payer,
                    emp, tag)
        if r.random() < (0.85 if serious else 0.55):
            applied = inc.occurred.date() + dt.timedelta(days=int(r.integers(5, 31)))
            if serious:
                outcome = _choice(r, [f"disability_{i}" for i in range(1, 7)] + ["pending"],
                                  [0.08, 0.1, 0.12, 0.15, 0.2, 0.2, 0.15])
            else:
                outcome = _choice(r, ["injury", "disability_10", "disability_9", "disability_8",
                                      "disability_7"], [0.35, 0.3, 0.2, 0.1, 0.05])
            self.claim(inc, v, inc.occurred.date(), applied, outcome,
                       tables.CLAIM_TEXT[inc.atype] + ("，重伤" if serious else "，轻伤"), tag,
                       decide_days=int(r.integers(60, 240)))

    def hidden_death(self, inc: Incident, v: Victim, mode: str) -> None:
        """A death kept out of the accident statistics, with the trail `mode` leaves."""
        ctx, r = self.ctx, self.rng
        diags, exts, _ = tables.TRAUMA[inc.atype]
        tag = f"inc_{inc.kind}"
        ctx.note(f"hidden_{mode}")
        true_death = inc.occurred + dt.timedelta(minutes=int(r.integers(5, 180)))
        hukou = ctx.hukou(v.person)
        shanxi = hukou // 10000 == 14
        hcounty = self.county_of_code(hukou)
        if mode == "illness":
            shown = true_death.date() + dt.timedelta(days=int(r.random() < 0.25) *
                                                     int(r.integers(1, 3)))
            if r.random() < 0.2:
                h = inc.hospital if inc.hospital >= 0 else self.hosp_near(
                    inc.county, (0.5, 0.2, 0.0, 0.3))
                adm = inc.occurred + dt.timedelta(minutes=int(r.integers(40, 150)))
                laa = r.random() < 0.6
                end = adm + dt.timedelta(hours=int(r.integers(1, 10)))
                true_death = end + dt.timedelta(hours=int(r.integers(1, 6))) if laa else end
                self.medical(inc, v, h, adm, end, _choice(r, diags),
                             _choice(r, exts) if r.random() < 0.35 else None,
                             "left_against_advice" if laa else "died",
                             _choice(r, ["self_pay", None, "resident_insurance"]), None, tag)
                shown = max(shown, true_death.date())
            if shanxi and r.random() < 0.85:
                self.dereg(v, shown, int(r.integers(5, 61)),
                           _choice(r, ["病故", "猝死", "疾病", None, None, "突发疾病"]), tag)
            if r.random() < 0.9:
                fh = self.fh_of(hcounty if hcounty >= 0 and r.random() < 0.7 else inc.county)
                self.cremation(v, shown, int(r.choice([0, 1, 2], p=[0.35, 0.45, 0.2])), fh,
                               _choice(r, ["心源性猝死", "猝死", "突发心脏病", "脑出血",
                                           "心肌梗死", "急病"]),
                               _choice(r, ["community", "other", None], [0.55, 0.25, 0.2]),
                               "家中" if r.random() < 0.7 else None, tag)
            self.family_claim(inc, v, true_death.date(), 0.12)
        elif mode == "road":
            ccity = {int(ctx.geo.city[inc.county])}
            place = int(ctx.geo.same_city.pick(r, np.array([inc.county]))[0]) \
                if r.random() < 0.7 else self.far_county(ccity)
            road = f"{_choice(r, ['G', 'S', 'X'])}{int(r.integers(101, 350))}线"
            h = self.hosp_near(place, (0.7, 0.3, 0.0, 0.0))
            adm = inc.occurred + dt.timedelta(minutes=int(r.integers(90, 300)))
            if r.random() < 0.7:
                diag = _choice(r, diags) if r.random() < 0.5 else _choice(r, ["S06.5", "T07",
                                                                              "S06.2"])
                self.medical(inc, v, h, adm, adm + dt.timedelta(minutes=int(r.integers(20, 90))),
                             diag, _choice(r, ["V29.4", "V23.4", "V89.2", "V28.4"]), "died",
                             _choice(r, ["self_pay", "commercial", None]), None, tag)
            death = adm.date()
            if shanxi and r.random() < 0.85:
                self.dereg(v, death, int(r.integers(7, 90)),
                           "交通事故" if r.random() < 0.7 else None, tag)
            if r.random() < 0.9:
                issuer = _choice(r, ["police", "hospital", "other"], [0.5, 0.3, 0.2])
                origin = str(ctx.geo.hosp_name[h]) if issuer == "hospital" else \
                    f"{ctx.geo.county_name(int(ctx.geo.codes[place]))}{road}" \
                    f"K{int(r.integers(1, 200))}处"
                self.cremation(v, death, int(r.integers(1, 4)), self.fh_of(place),
                               _choice(r, ["交通事故", "车祸致颅脑损伤", "颅脑损伤"]), issuer,
                               origin, tag)
            if r.random() < 0.12:
                self.claim(inc, v, death, death + dt.timedelta(days=int(r.integers(30, 200))),
                           _choice(r, ["death", "rejected", "pending"], [0.5, 0.3, 0.2]),
                           "驾驶摩托车上班途中发生交通事故死亡（家属申请）", tag)
        elif mode == "moved_far":
            avoid = {int(ctx.geo.city[inc.county])}
            if hcounty >= 0:
                avoid.add(int(ctx.geo.city[hcounty]))
            far = self.far_county(avoid)
            shown = true_death.date() + dt.timedelta(days=int(r.random() < 0.4) *
                                                     int(r.integers(1, 4)))
            if r.random() < 0.1:
                h = self.hosp_near(far, (0.8, 0.2, 0.0, 0.0))
                adm = dt.datetime.combine(shown, dt.time(int(r.integers(0, 24)),
                                                         int(r.integers(0, 60))))
                self.medical(inc, v, h, adm, adm + dt.timedelta(minutes=30), _choice(r, diags),
                             None, "died", _choice(r, ["self_pay", None]), None, tag)
            if r.random() < 0.85:
                fake = r.random() < 0.25
                who = self.phantom(shown) if fake else None
                if fake:
                    ctx.note("fabricated_identity")
                self.cremation(v, shown, int(r.choice([0, 1, 2], p=[0.5, 0.4, 0.1])),
                               self.fh_of(far),
                               _choice(r, ["猝死", "意外死亡", "死因不明", None, "心脏骤停"]),
                               _choice(r, ["other", None, "community"], [0.45, 0.35, 0.2]),
                               None if r.random() < 0.5 else self.place_text(far), tag,
                               ident=who, id_force="missing" if fake else None)
            if shanxi and r.random() < 0.6:
                self.dereg(v, shown, int(r.integers(60, 300)),
                           _choice(r, ["意外", None, "死亡"]), tag)
        elif mode == "taken_home":
            # a migrant's body goes back to his home province, often as ashes after a quick
            # local cremation; otherwise nothing is left in Shanxi's registers
            if r.random() < 0.5:
                self.cremation(v, true_death.date(), int(r.integers(0, 2)),
                               self.fh_of(inc.county), _choice(r, [None, "猝死", "意外死亡"]),
                               _choice(r, [None, "other"]), None, tag)
        else:
            raise ValueError(mode)
        self.end_spell(v, true_death.date(), honest=False)

    def family_claim(self, inc: Incident, v: Victim, death: dt.date, p: float) -> None:
        r = self.rng
        if r.random() < p:
            self.ctx.note("family_claim")
            self.claim(inc, v, death, death + dt.timedelta(days=int(r.integers(60, 330))),
                       _choice(r, ["death", "rejected", "pending"], [0.45, 0.35, 0.2]),
                       "家属申请：在单位作业期间死亡", f"inc_{inc.kind}")

    def hidden_injury(self, inc: Incident, v: Victim) -> None:
        r = self.rng
        diags, exts, _ = tables.TRAUMA[inc.atype]
        tag = f"inc_{inc.kind}"
        serious = v.outcome == "serious_injury"
        if r.random() >= (0.8 if serious else 0.5):
            return
        hosp = inc.hospital if inc.hospital >= 0 else self.hosp_near(
            inc.county, (0.3, 0.3, 0.2, 0.2))
        adm = inc.occurred + dt.timedelta(minutes=int(r.integers(40, 360)))
        x = r.random()
        if x < 0.4:
            ext = _choice(r, exts)
        elif x < 0.55:
            e = _choice(r, exts)
            ext = e[:4] + _choice(r, ["9", "8"]) if e[0] in "WX" else None
        elif x < 0.65:
            ext = _choice(r, ["V89.2", "V29.4"])
        else:
            ext = None
        diag = _choice(r, diags) if serious else _choice(r, ["S01.0", "S61.0", "S80.0", "T14.0"])
        los = int(r.integers(14, 60)) if serious else int(r.integers(0, 6))
        disp = "transferred" if serious and r.random() < 0.2 else "discharged"
        payer = _choice(r, ["self_pay", "commercial", "resident_insurance", None],
                        [0.5, 0.2, 0.2, 0.1])
        emp = self.emp_name_as_written(inc, 0.5) if r.random() < 0.1 else None
        self.medical(inc, v, hosp, adm, adm + dt.timedelta(days=los, hours=int(r.integers(1, 9))),
                     diag, ext, disp, payer, emp, tag)
        if serious and r.random() < 0.15:
            self.claim(inc, v, inc.occurred.date(),
                       inc.occurred.date() + dt.timedelta(days=int(r.integers(90, 300))),
                       _choice(r, ["disability_5", "disability_6", "pending", "rejected"]),
                       tables.CLAIM_TEXT[inc.atype], tag)

    # ------------------------------------------------------------------ accident report
    def report(self, inc: Incident) -> None:
        ctx, r = self.ctx, self.rng
        while True:
            num = f"AJ{inc.region}-{inc.occurred.year}-{int(r.integers(1, 10000)):04d}"
            if num not in self.acc_numbers:
                break
        self.acc_numbers.add(num)
        inc.accident_id = num
        named = [v for v in inc.victims if v.reported is not None]
        for k, v in enumerate(named):
            rid = f"{num}-{k + 1:02d}"
            age = ctx.age(v.ident, inc.occurred.date())
            if r.random() < 0.1:
                age += int(r.choice([-1, 1]))
            ctx.sink.add("accident_victims", person=v.person, ident=v.ident, tag=rid,
                         accident_id=num, age=age if r.random() < 0.95 else None,
                         outcome=v.reported)
        d = sum(v.reported == "death" for v in named)
        s = sum(v.reported == "serious_injury" for v in named)
        m = sum(v.reported == "minor_injury" for v in named)
        x = r.random()
        delay = int(r.integers(15, 120)) if x < 0.85 else (
            int(r.integers(120, 1440)) if x < 0.95 else int(r.integers(1440, 14400)))
        if inc.kind == "under_reported" and r.random() < 0.4:
            delay = int(r.integers(180, 4320))
        loss: float | None = round(d * float(r.uniform(110, 190)) + s * float(r.uniform(8, 40))
                                   + m * float(r.uniform(0.5, 4)) + float(r.uniform(2, 300)), 2)
        if r.random() < 0.12:
            loss = None
        uscc = inc.uscc
        if uscc is not None and r.random() < 0.12:
            uscc = None
        elif uscc is not None and r.random() < 0.03:
            pos = int(r.integers(2, 17))
            alt = "0123456789ABCDEFGHJKLMNPQRTUWXY".replace(uscc[pos], "")
            uscc = uscc[:pos] + alt[int(r.integers(0, len(alt)))] + uscc[pos + 1:]
        self.accident_rows.append({
            "record_id": num, "occurred_at": inc.occurred,
            "reported_at": inc.occurred + dt.timedelta(minutes=delay),
            "region_code": str(inc.region), "address": inc.address,
            "enterprise_name": self.emp_name_as_written(inc, 0.92), "enterprise_uscc": uscc,
            "industry": inc.industry, "accident_type": inc.atype, "reported_deaths": d,
            "reported_serious_injuries": s, "reported_minor_injuries": m,
            "direct_loss_10k_yuan": loss})

    accident_rows: list[dict[str, Any]]

    # ------------------------------------------------------------------ truth
    def record_truth(self, inc: Incident) -> None:
        t = self.ctx.truth
        true_deaths = sum(v.outcome == "death" for v in inc.victims)
        rep = sum(v.reported == "death" for v in inc.victims)
        t.incidents.append({"incident_id": inc.iid, "accident_record_id": inc.accident_id,
                            "kind": inc.kind, "true_deaths": true_deaths,
                            "reported_deaths": rep if inc.accident_id else 0,
                            "employer_uscc": inc.uscc, "occurred_on": inc.occurred.date(),
                            "playbook": inc.playbook})
        for v in inc.victims:
            t.incident_person.append({"incident_id": inc.iid, "person_id": v.person,
                                      "outcome": v.outcome, "reported_outcome": v.reported})
            if v.outcome == "death":
                t.deaths.append({"person_id": v.person, "death_class": "incident",
                                 "incident_id": inc.iid})

    # ------------------------------------------------------------------ the three kinds
    def reported(self) -> Incident:
        r = self.rng
        emp = self.pick_employer({"construction": 0.3, "transport": 0.15, "coal_mining": 0.1,
                                  "non_coal_mining": 0.07, "manufacturing": 0.15,
                                  "metallurgy": 0.06, "hazardous_chemicals": 0.05,
                                  "fireworks": 0.02, "other": 0.1}, registered_only=True)
        inc = self.skeleton("reported", "honest", emp)
        d = int(_choice(r, [0, 1, 2, 3, 4, 5, 7, 11],
                        [0.12, 0.62, 0.14, 0.05, 0.03, 0.02, 0.015, 0.005]))
        s = int(r.integers(1, 4)) if d == 0 else int(_choice(r, [0, 1, 2, 4], [0.55, 0.22, 0.13,
                                                                               0.1]))
        m = int(_choice(r, [0, 1, 2, 3, 5], [0.5, 0.2, 0.12, 0.1, 0.08]))
        outcomes = ["death"] * d + ["serious_injury"] * s + ["minor_injury"] * m
        self.add_victims(inc, outcomes, unenrolled_p=0.2)
        if inc.atype == "vehicle" and inc.industry == "transport":
            for v in inc.victims[1:]:
                if v.worker < 0 and r.random() < 0.5:
                    v.third_party = True  # a pedestrian or the other car's occupant
        if d >= 3 or r.random() < 0.3:
            inc.hospital = self.hosp_near(inc.county, (0.6, 0.4, 0.0, 0.0))
        for v in inc.victims:
            v.reported = v.outcome
            if v.worker >= 0 and r.random() < 0.03:
                self.borrow_identity(v)
        window = 7 if inc.atype in ("fire",) or (inc.atype == "vehicle"
                                                 and inc.industry == "transport") else 30
        for v in inc.victims:
            if v.outcome == "death":
                counted = r.random() < 0.1
                if counted:
                    v.late_days = int(r.integers(2, window))
                self.honest_death(inc, v, counted_late=counted)
            else:
                self.honest_injury(inc, v)
        self.report(inc)
        self.record_truth(inc)
        return inc

    def under_reported(self, pattern: str) -> Incident:
        r = self.rng
        emp = self.pick_employer({"coal_mining": 0.3, "non_coal_mining": 0.15,
                                  "construction": 0.3, "hazardous_chemicals": 0.1,
                                  "metallurgy": 0.1, "other": 0.05}, registered_only=True)
        big = pattern == "below_line_big"
        pattern = "below_line" if big else pattern
        inc = self.skeleton("under_reported", pattern, emp)
        if pattern == "late_death":
            rd = int(_choice(r, [0, 1, 2], [0.3, 0.45, 0.25]))
            k = 2 if r.random() < 0.15 else 1
            s = k + int(r.integers(0, 4))
            m = int(r.integers(0, 4))
            self.add_victims(inc, ["death"] * (rd + k) + ["serious_injury"] * (s - k)
                             + ["minor_injury"] * m, unenrolled_p=0.2)
            deaths = [v for v in inc.victims if v.outcome == "death"]
            for v in deaths[:rd]:
                v.reported = "death"
            window = 7 if inc.atype == "fire" else 30
            for v in deaths[rd:]:
                v.reported = "serious_injury"
                # dies later in hospital (or in truth right away, written up as injured)
                v.late_days = int(r.integers(0, 2)) if r.random() < 0.3 else \
                    int(r.integers(2, window))
            for v in inc.victims:
                if v.outcome != "death":
                    v.reported = v.outcome
            for v in inc.victims:
                if v.outcome == "death":
                    self.honest_death(inc, v)
                else:
                    self.honest_injury(inc, v)
            self.ctx.note("late_death_not_added", len(deaths) - rd)
        else:
            if pattern == "below_line":
                true_d = int(r.integers(10, 15)) if big else int(r.integers(3, 7))
                rep_d = 9 if big else 2
            else:
                true_d = int(r.integers(2, 5))
                rep_d = true_d - 1
            s = int(_choice(r, [0, 1, 2, 4], [0.4, 0.3, 0.2, 0.1]))
            m = int(r.integers(0, 4))
            self.add_victims(inc, ["death"] * true_d + ["serious_injury"] * s
                             + ["minor_injury"] * m, unenrolled_p=0.3, migrant_boost=1.5)
            deaths = [v for v in inc.victims if v.outcome == "death"]
            # the named are preferably the local, enrolled workers
            deaths.sort(key=lambda v: (v.worker < 0, self.ctx.hukou(v.person) // 10000 != 14,
                                       r.random()))
            named, hidden = deaths[:rep_d], deaths[rep_d:]
            for v in named:
                v.reported = "death"
            if pattern == "impersonation":
                target = next((v for v in named if v.worker >= 0), None)
                if target is None:
                    target = named[0]
                    target.ident = self.relative(target.person)
                    self.ctx.note("borrowed_identity")
                else:
                    self.borrow_identity(target)
                self.ctx.note("impersonated_victim")
            hide_injured = r.random() < 0.4
            for v in inc.victims:
                if v.outcome != "death" and not (hide_injured and v.outcome == "serious_injury"
                                                 and r.random() < 0.5):
                    v.reported = v.outcome
            for v in named:
                self.honest_death(inc, v)
            for v in hidden:
                migrant = self.ctx.hukou(v.person) // 10000 != 14
                mode = "taken_home" if migrant and r.random() < 0.4 else _choice(
                    r, ["moved_far", "illness", "road"], [0.45, 0.4, 0.15])
                self.hidden_death(inc, v, mode)
            for v in inc.victims:
                if v.outcome != "death":
                    if v.reported is None:
                        self.hidden_injury(inc, v)
                    else:
                        self.honest_injury(inc, v)
        self.report(inc)
        self.record_truth(inc)
        return inc

    def concealed(self, playbook: str) -> Incident:
        r = self.rng
        illegal = playbook in ("mine_multi", "moved_far") and r.random() < 0.15
        weights = {"coal_mining": 0.25, "non_coal_mining": 0.2, "construction": 0.3,
                   "hazardous_chemicals": 0.07, "metallurgy": 0.08, "fireworks": 0.04,
                   "manufacturing": 0.04, "other": 0.02}
        if playbook == "mine_multi":
            weights = {"coal_mining": 0.65, "non_coal_mining": 0.35}
        emp = -1 if illegal else self.pick_employer(weights, registered_only=False)
        inc = self.skeleton("concealed", playbook, emp, illegal=illegal)
        if playbook == "illness_disguise":
            outs = ["death"] * (2 if r.random() < 0.2 else 1) + ["minor_injury"] * int(
                r.random() < 0.3)
            modes = ["illness"]
        elif playbook == "road_disguise":
            outs = ["death"] + ["serious_injury"] * int(r.random() < 0.2)
            modes = ["road"]
        elif playbook == "moved_far":
            outs = ["death"] * int(_choice(r, [1, 2, 3], [0.55, 0.3, 0.15]))
            modes = ["moved_far", "moved_far", "illness"]
        elif playbook == "mine_multi":
            outs = ["death"] * int(r.integers(3, 8)) + ["serious_injury"] * int(r.integers(0, 4))
            modes = ["moved_far", "illness", "illness", "road"]
        else:
            outs = ["death"] * int(_choice(r, [1, 2], [0.7, 0.3])) + \
                ["serious_injury"] * int(r.integers(2, 6)) + ["minor_injury"] * int(
                    r.integers(0, 4))
            modes = ["illness", "moved_far"]
            inc.hospital = self.hosp_near(inc.county, (0.5, 0.3, 0.0, 0.2))
        self.add_victims(inc, outs, unenrolled_p=1.0 if illegal else 0.3,
                         migrant_boost=1.5 if playbook == "mine_multi" else 1.0)
        for v in inc.victims:
            if v.worker >= 0 and r.random() < 0.1:
                self.borrow_identity(v)
        for v in inc.victims:
            if v.outcome == "death":
                migrant = self.ctx.hukou(v.person) // 10000 != 14
                if migrant and playbook in ("mine_multi", "moved_far") and r.random() < 0.4:
                    mode = "taken_home"
                else:
                    mode = _choice(r, modes)
                self.hidden_death(inc, v, mode)
            else:
                self.hidden_injury(inc, v)
        self.record_truth(inc)
        return inc


CONCEALED_MIX = {"illness_disguise": 0.28, "road_disguise": 0.14, "moved_far": 0.2,
                 "mine_multi": 0.16, "deaths_and_injured": 0.22}
UNDER_MIX = {"late_death": 0.35, "below_line": 0.45, "impersonation": 0.2}


def allocate(weights: dict[str, float], n: int) -> list[str]:
    """Split n into the weighted kinds by largest remainder (a stable mix for every seed)."""
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    exact = w / w.sum() * n
    base = np.floor(exact).astype(int)
    order = np.argsort(-(exact - base), kind="stable")
    for i in order[: n - int(base.sum())]:
        base[i] += 1
    return [k for k, c in zip(keys, base, strict=True) for _ in range(int(c))]


def build_incidents(ctx: Ctx, n_reported: int, n_concealed: int, n_under: int
                    ) -> list[dict[str, Any]]:
    """Create every incident; returns the accident rows (the rest goes to ctx.sink/truth)."""
    b = IncidentBuilder(ctx)
    b.accident_rows = []
    under = allocate(UNDER_MIX, n_under)
    n_big = n_under // 15  # a 重大 accident reported as 较大 (9 deaths) from scale 0.2 on
    for _ in range(n_big):
        if "below_line" in under:
            under[under.index("below_line")] = "below_line_big"
    plans = [("reported", "honest")] * n_reported + \
        [("concealed", p) for p in allocate(CONCEALED_MIX, n_concealed)] + \
        [("under_reported", p) for p in under]
    order = ctx.rng.permutation(len(plans))
    for i in order:
        kind, playbook = plans[int(i)]
        if kind == "reported":
            b.reported()
        elif kind == "concealed":
            b.concealed(playbook)
        else:
            b.under_reported(playbook)
    return b.accident_rows
