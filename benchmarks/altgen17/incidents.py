"""Production-safety incidents: the reported accidents, the under-reported ones (counts kept just
under a grade line, a death left out, an injured victim who died within 30 days and was never
added) and the concealed ones (deaths written as illness or a road crash, bodies moved, fast far
cremations, private settlements, injury-only incidents) — and every record each person leaves."""

from __future__ import annotations

import numpy as np

from . import geo as G
from .background import close_spells
from .core import (
    ACCIDENT_TYPES_BY_INDUSTRY,
    CERT_CAUSE_BY_TYPE,
    EXPORT,
    INJURY_TEXT,
    MASS_TYPES,
    SUDDEN_CAUSES,
    TRAFFIC_EXT,
    TRANSPORT_EXT,
    TRAUMA,
    VAGUE_CAUSES,
    Y2022,
    Y2024,
    pick,
)
from .firms import Firm, employer_text
from .ident import mistype_uscc
from .people import MALE_SHARE, MIGRANT_SHARE, pick_hukou
from .world import Ctx, Incident

# incidents a year at scale 1 (the whole province), by the kind of enterprise responsible.
# Reported: ~430 accidents, ~550 deaths a year with road transport — "a few hundred to about a
# thousand". Hidden: ~30 under-reported and ~75 concealed a year, i.e. some 150 hidden deaths
# against ~550 reported (each source alone misses 15-55 % of work deaths in linkage studies).
REPORTED_PER_YEAR = {"state_mine": 16, "private_mine": 10, "contractor": 6, "coking": 6,
                     "chemical": 7, "noncoal": 25, "metallurgy": 15, "construction": 120,
                     "fireworks": 3, "transport": 150, "manufacturing": 40, "other": 28}
UNDER_PER_YEAR = {"state_mine": 4, "private_mine": 5, "contractor": 3, "coking": 2, "chemical": 2,
                  "noncoal": 4, "metallurgy": 3, "construction": 5, "fireworks": 1.5,
                  "transport": 0.5}
CONCEALED_PER_YEAR = {"state_mine": 3, "private_mine": 16, "contractor": 11, "coking": 4,
                      "chemical": 3, "noncoal": 12, "metallurgy": 5, "construction": 15,
                      "fireworks": 3, "manufacturing": 3}
CONCEALED_PATTERNS = {"disguised_illness": 25, "disguised_traffic": 10, "moved_body": 17,
                      "fast_far_cremation": 13, "private_settlement": 17, "injury_only": 18}
UNDER_PATTERNS = {"below_grade_line": 38, "uncounted_death": 32, "late_death_not_added": 30}
HIDING = ["disguised_illness", "disguised_traffic", "moved_body", "fast_far_cremation",
          "private_settlement"]
_W_PLACE = ("W", "X")


def _ext_code(rng: np.random.Generator, atype: str, *, transport: bool, passenger: bool = False,
              place: float = 0.75) -> str:
    if transport:
        return pick(rng, TRAFFIC_EXT if passenger else TRANSPORT_EXT)
    stem = pick(rng, TRAUMA[atype][1])
    return f"{stem}.6" if rng.random() < place else stem


def _diag(rng: np.random.Generator, atype: str) -> str:
    return pick(rng, TRAUMA[atype][0])


class IncidentMaker:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.by_kind: dict[str, list[int]] = {}
        for i, f in enumerate(ctx.firms):
            self.by_kind.setdefault(f.kind, []).append(i)
        self.contractors_of: dict[int, list[int]] = {}
        for i in self.by_kind.get("contractor", []):
            self.contractors_of.setdefault(ctx.firms[i].host, []).append(i)
        self.hidden_deaths = 0
        self._far: dict[int, int] = {}
        self.patterns: dict[str, int] = {}

    # ------------------------------------------------------------------ setting
    def _firm(self, kind: str) -> int:
        ids = self.by_kind[kind]
        w = np.array([self.ctx.firms[i].size for i in ids], dtype=float) ** 0.7
        return ids[int(self.rng.choice(len(ids), p=w / w.sum()))]

    def _site(self, kind: str, firm: int) -> str:
        ctx, rng = self.ctx, self.rng
        f = ctx.firms[firm]
        if kind == "contractor":
            return ctx.firms[f.host].region
        if kind == "transport" or (kind == "construction" and rng.random() < 0.5):
            codes = ctx.geo.codes
            w = np.array(ctx.geo.weights)
            if kind == "construction" and rng.random() < 0.7:
                w = np.where([c[:4] == f.region[:4] for c in codes], w, 0.0)
            return codes[int(rng.choice(len(codes), p=w / w.sum()))]
        return f.region

    def _time(self, industry: str) -> int:
        rng = self.rng
        day = int(rng.integers(Y2022, Y2024))
        if industry in ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy"):
            hour = int(rng.integers(0, 24))
        else:
            hour = int(pick(rng, list(range(6, 21)), [3, 6, 8, 9, 9, 8, 5, 6, 8, 8, 7, 6, 4, 3, 2]))
        return day * 1440 + hour * 60 + int(rng.integers(0, 60))

    def _deaths(self, atype: str, industry: str) -> int:
        """Deaths of a reported accident: mostly one; explosions, gas, floods, fires and
        collapses kill several; a 特别重大 (30+) is a once-in-a-decade event for the province."""
        rng = self.rng
        if atype in MASS_TYPES:
            w = [60, 18, 15, 5, 1.8, 0.2]
        elif industry == "transport":
            w = [80, 12, 6.5, 1.2, 0.3, 0.0]
        else:
            w = [88, 9, 2.8, 0.2, 0.0, 0.0]
        b = pick(rng, [0, 1, 2, 3, 4, 5], w)
        lo, hi = [(1, 1), (2, 2), (3, 5), (6, 9), (10, 15), (30, 36)][b]
        return int(rng.integers(lo, hi + 1))

    # ------------------------------------------------------------------ people
    def _fresh_worker(self, site: str, industry: str, kind: str, hiding: bool) -> int:
        rng = self.rng
        sex = int(rng.random() > MALE_SHARE.get(industry, 0.6))
        age = float(np.clip(rng.normal(42, 9), 19, 60))
        birth = int(19358 - age * 365.2425 - rng.integers(0, 365))
        mig = MIGRANT_SHARE.get(kind, 0.05) * (1.8 if hiding else 1.0)
        hukou = str(pick_hukou(rng, self.ctx.geo, site, 1, migrant=min(mig, 0.45))[0])
        return self.ctx.people.add1(sex, birth, hukou)

    def _passenger(self, site: str) -> int:
        rng = self.rng
        sex = int(rng.random() < 0.45)
        age = float(np.clip(rng.normal(40, 18), 3, 88))
        birth = int(19358 - age * 365.2425 - rng.integers(0, 365))
        hukou = str(pick_hukou(rng, self.ctx.geo, site, 1, migrant=0.03, local=0.4, city=0.3)[0])
        return self.ctx.people.add1(sex, birth, hukou)

    def _victim(self, inc: Incident, employer: int, hiding: bool) -> tuple[int, int, int]:
        """(person, employer, workforce row or -1)."""
        ctx = self.ctx
        f = ctx.firms[employer]
        if self.rng.random() < f.enrol * (0.75 if hiding else 1.0):
            got = ctx.work.take(self.rng, employer, 1, inc.at // 1440)
            if got:
                return int(ctx.work.person[got[0]]), employer, got[0]
        return self._fresh_worker(inc.site, inc.industry, f.kind, hiding), employer, -1

    def _employer_of_victim(self, inc: Incident, kind: str) -> int:
        if kind == "state_mine" and self.rng.random() < 0.3:
            cons = self.contractors_of.get(inc.firm, [])
            if cons:
                return cons[int(self.rng.integers(0, len(cons)))]
        return inc.firm

    # ------------------------------------------------------------------ records
    def _insuring(self, firm: int) -> str:
        f = self.ctx.firms[firm]
        if self.rng.random() < 0.85:
            return f.region
        return next(m for c, _n, _p, m in G.CITIES if c == f.region[:4])

    def _dereg(self, p: int, day: int, cause: str | None, *, median: float = 20.0, p_has: float = 0.9,
               q: float = 1.0, reason: str = "death", recorded: int | None = None) -> None:
        rng = self.rng
        _s, _b, hukou = self.ctx.people.info(p)
        if not hukou.startswith("14") or rng.random() > p_has:
            return
        lag = int(np.ceil(rng.lognormal(np.log(median), 0.9)))
        on = day + lag
        if Y2022 <= on <= EXPORT:
            self.ctx.traces.row("deregistrations", person=p, death=day if recorded is None else recorded,
                                dereg_on=on, reason=reason, cause=cause, q=q)

    def _crem(self, p: int, day: int, fh: int, lag: int, cause: str | None, issuer: str | None,
              origin: str | None, *, q: float = 1.0, recorded: int | None = None) -> None:
        on = day + lag
        if Y2022 <= on <= EXPORT:
            self.ctx.traces.row("cremations", person=p, death=day if recorded is None else recorded,
                                crem_on=on, fh=fh, cause=cause, issuer=issuer, origin=origin, q=q)

    def _med(self, p: int, hosp: int, adm: int, dis: int, diag: str, ext: str | None, disp: str,
             payer: str | None, firm: int, *, q: float = 1.0, anon: int = 0) -> None:
        if Y2022 * 1440 <= adm <= EXPORT * 1440:
            self.ctx.traces.row("medical_records", person=p, hosp=hosp, adm=adm,
                                dis=dis if dis <= EXPORT * 1440 else -1, diag=diag, ext=ext,
                                disp=disp, payer=payer, firm=firm, anon=anon, q=q)

    def _claim(self, p: int, firm: int, inj: int, applied: int, outcome: str, desc: str | None,
               *, decide_after: tuple[int, int] = (20, 70), q: float = 1.0) -> None:
        rng = self.rng
        if not (Y2022 <= applied <= EXPORT):
            return
        decided = applied + int(rng.integers(*decide_after))
        if outcome == "pending" or decided > EXPORT:
            outcome, decided = "pending", -1
        self.ctx.traces.row("injury_claims", person=p, firm=firm, inj=inj, applied=applied,
                            decided=decided, outcome=outcome, desc=desc, region=self._insuring(firm),
                            q=q)

    def _site_firm(self, inc: Incident) -> Firm:
        """The enterprise whose premises the incident happened on (a contractor's: its mine)."""
        f = self.ctx.firms[inc.firm]
        return self.ctx.firms[f.host] if f.kind == "contractor" and f.host >= 0 else f

    def _place_text(self, inc: Incident) -> str:
        return f"{G.town(self.ctx.geo, self.rng, inc.site)}{self._site_firm(inc).colloquial}"

    def _hospital_stay(self, inc: Incident, p: int, atype: str, start: int, end: int, disp: str,
                       payer: str | None, firm: int, *, passenger: bool, q: float = 1.0,
                       ext_none: float = 0.1, transfer: float = 0.2, anon: int = 0,
                       site: str | None = None) -> int:
        """One stay (possibly a transfer and a second stay); returns the last hospital."""
        rng = self.rng
        h = self.ctx.hospital(site or inc.site, serious=True)
        diag = _diag(rng, atype) if not (inc.industry == "transport" and atype == "vehicle") else \
            pick(rng, ["S06.5", "S27.3", "T07", "S36.1", "S72.3", "S32.0"])
        ext = None if rng.random() < ext_none else _ext_code(
            rng, atype, transport=inc.industry == "transport" and atype == "vehicle",
            passenger=passenger)
        if end - start > 3 * 1440 and rng.random() < transfer:
            mid = start + int(rng.integers(1, 3)) * 1440 + int(rng.integers(0, 600))
            self._med(p, h, start, mid, diag, ext, "transferred", payer, firm, q=q, anon=anon)
            h = self.ctx.upper_hospital(h)
            start = mid + int(rng.integers(60, 300))
        self._med(p, h, start, end, diag, ext, disp, payer, firm, q=q, anon=anon)
        return h

    # ------------------------------------------------------------------ honest victims
    def _honest_death(self, inc: Incident, p: int, emp: int, death_min: int, passenger: bool) -> None:
        rng, ctx = self.rng, self.ctx
        late = death_min // 1440 > inc.at // 1440
        transport = inc.industry == "transport"
        in_hosp = late or rng.random() < (0.45 if transport else 0.38)
        start = inc.at + int(rng.integers(30, 120))
        if in_hosp:  # died in hospital: after arriving there
            death_min = max(death_min, start + int(rng.integers(20, 300)))
        day = death_min // 1440
        payer = pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "commercial", None],
                     [35, 20, 30, 25 if transport else 5, 10]) if not passenger else \
            pick(rng, ["resident_insurance", "commercial", "self_pay", None], [30, 40, 20, 10])
        shown = emp if emp >= 0 and rng.random() < 0.3 else -1
        h = -1
        if in_hosp:
            h = self._hospital_stay(inc, p, inc.atype, start, death_min, "died", payer, shown,
                                    passenger=passenger)
        declared = inc.atype in ("flooding", "collapse") and not in_hosp and rng.random() < 0.15
        if declared:
            self._dereg(p, day, None, median=180, p_has=0.95, reason="declared_dead",
                        recorded=day if rng.random() < 0.6 else -1)
        else:
            cause = pick(rng, ["工伤", "意外", "事故死亡", "交通事故", None],
                         [22, 20, 5, 40 if transport else 0, 45])
            self._dereg(p, day, cause, median=25, p_has=0.93)
            _s, _b, hukou = ctx.people.info(p)
            if rng.random() < 0.88:
                fh = ctx.funeral_near(inc.site if rng.random() < 0.6 else hukou)
                lag = int(pick(rng, [1, 2, 3, 4, 5, 6, 7, 9, 12, 16], [5, 15, 30, 15, 10, 6, 4, 6, 5, 4]))
                if in_hosp:
                    issuer = pick(rng, ["hospital", "police", None], [88, 8, 4])
                    origin = ctx.hospital_label(h)
                else:
                    issuer = pick(rng, ["police", "other", None], [75, 15, 10])
                    origin = pick(rng, [self._place_text(inc), "事故现场", None], [60, 15, 25])
                self._crem(p, day, fh, lag, pick(rng, CERT_CAUSE_BY_TYPE[inc.atype]), issuer, origin)
        if emp >= 0 and rng.random() < 0.8:
            fam = rng.random() < 0.3
            applied = day + int(rng.integers(45, 300) if fam else rng.integers(7, 45))
            text = f"在{self._place_text(inc)}{INJURY_TEXT[inc.atype]}，经抢救无效死亡"
            self._claim(p, emp, inc.at // 1440, applied, "death" if rng.random() > 0.02 else "rejected",
                        text)

    def _injured(self, inc: Incident, p: int, emp: int, outcome: str, passenger: bool, *,
                 hidden: bool) -> None:
        rng = self.rng
        serious = outcome == "serious_injury"
        start = inc.at + int(rng.integers(30, 180))
        los = int(rng.integers(14, 120)) if serious else int(rng.integers(1, 14))
        end = start + los * 1440 + int(rng.integers(0, 600))
        if hidden:
            payer = pick(rng, ["self_pay", "commercial", "employee_insurance", "resident_insurance",
                               "work_injury_insurance"], [55, 12, 15, 13, 5])
            shown = emp if emp >= 0 and rng.random() < 0.2 else -1
            if rng.random() < 0.9:
                if rng.random() < 0.1:  # written up as a road injury
                    h = self.ctx.hospital(inc.site, serious=serious)
                    self._med(p, h, start, end, pick(rng, ["S06.0", "S82.2", "S42.2", "T07"]),
                              pick(rng, TRAFFIC_EXT), "discharged", payer, shown, q=1.5)
                else:
                    self._hospital_stay(inc, p, inc.atype, start, end, "discharged", payer, shown,
                                        passenger=passenger, q=1.5, ext_none=0.35,
                                        transfer=0.2 if serious else 0.0)
            if emp >= 0 and rng.random() < 0.1:
                applied = inc.at // 1440 + int(rng.integers(60, 330))
                self._claim(p, emp, inc.at // 1440, applied,
                            pick(rng, ["pending", "injury", "rejected", "disability_7"]), None, q=1.5)
            return
        payer = pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay", "commercial", None],
                     [40, 20, 25, 5, 10]) if not passenger else \
            pick(rng, ["resident_insurance", "commercial", "self_pay", None], [35, 35, 20, 10])
        shown = emp if emp >= 0 and rng.random() < 0.3 else -1
        if rng.random() < (0.95 if serious else 0.7):
            self._hospital_stay(inc, p, inc.atype, start, end, "discharged", payer, shown,
                                passenger=passenger, transfer=0.25 if serious else 0.0)
        if emp >= 0 and rng.random() < (0.75 if serious else 0.45):
            applied = inc.at // 1440 + int(rng.integers(7, 60))
            if serious:
                oc = pick(rng, [f"disability_{i}" for i in range(1, 7)], [5, 8, 12, 20, 25, 30])
            else:
                oc = pick(rng, ["injury", "disability_10", "disability_9", "disability_8"], [40, 30, 20, 10])
            self._claim(p, emp, inc.at // 1440, applied, oc,
                        f"在{self._place_text(inc)}{INJURY_TEXT[inc.atype]}",
                        decide_after=(60, 220) if serious else (20, 90))

    # ------------------------------------------------------------------ hidden deaths
    def _hidden_death(self, inc: Incident, p: int, emp: int, death_min: int, tactic: str) -> None:
        rng, ctx = self.rng, self.ctx
        day = death_min // 1440
        _s, _b, hukou = ctx.people.info(p)
        q = 1.6
        efirm = ctx.firms[emp] if emp >= 0 else ctx.firms[inc.firm]
        cities = {inc.site[:4], hukou[:4], efirm.region[:4]}
        if tactic == "disguised_illness":
            rec = day + int(rng.integers(1, 3)) if rng.random() < 0.3 else day
            self._dereg(p, rec, pick(rng, ["病故", "猝死", "疾病", "心脏病", None], [40, 20, 10, 5, 25]),
                        p_has=0.85, q=q)
            if rng.random() < 0.85:
                fh = ctx.funeral_near(hukou if rng.random() < 0.6 else inc.site)
                issuer = pick(rng, ["community", "other", "hospital", None], [45, 25, 15, 15])
                origin = ctx.hospital_label(ctx.hospital(inc.site)) if issuer == "hospital" else \
                    pick(rng, ["家中", f"{G.town(ctx.geo, rng, inc.site)}{G.village(rng)}", None], [60, 25, 15])
                self._crem(p, rec, fh, int(pick(rng, [0, 1, 2, 3], [30, 45, 20, 5])),
                           pick(rng, SUDDEN_CAUSES), issuer, origin, q=q)
            if rng.random() < 0.15:
                ext = pick(rng, [None, f"{pick(rng, TRAUMA[inc.atype][1])}.6",
                                 pick(rng, TRAUMA[inc.atype][1])], [50, 30, 20])
                h = ctx.hospital(inc.site, serious=True)
                adm = death_min - int(rng.integers(10, 120))
                self._med(p, h, adm, death_min + int(rng.integers(10, 90)), _diag(rng, inc.atype), ext,
                          "died", "self_pay", -1, q=q, anon=int(rng.random() < 0.1))
            if emp >= 0 and rng.random() < 0.06:
                self._claim(p, emp, day, day + int(rng.integers(60, 330)),
                            pick(rng, ["pending", "rejected", "death"], [5, 3, 2]),
                            f"家属称其在{efirm.colloquial}工作期间死亡", q=q)
        elif tactic == "disguised_traffic":
            road = ctx.county_in_other_city(set()) if rng.random() < 0.2 else inc.site
            same_city = [c for c in ctx.geo.codes if c[:4] == inc.site[:4]]
            if rng.random() < 0.6:
                road = same_city[int(rng.integers(0, len(same_city)))]
            rec = day + (1 if rng.random() < 0.25 else 0)
            self._dereg(p, rec, pick(rng, ["交通事故", "意外", None], [60, 20, 20]), q=q)
            h = ctx.hospital(road, serious=True)
            if rng.random() < 0.9:
                issuer = pick(rng, ["police", "hospital", "other"], [55, 20, 25])
                origin = ctx.hospital_label(h) if issuer == "hospital" else \
                    f"{G.town(ctx.geo, rng, road)}{pick(rng, ['G208', 'S226', 'G307', '乡道', 'S331'])}路段"
                self._crem(p, rec, ctx.funeral_near(road if rng.random() < 0.5 else hukou),
                           int(rng.integers(1, 4)), pick(rng, ["交通事故", "颅脑损伤", "多发伤"]),
                           issuer, origin, q=q)
            if rng.random() < 0.55:
                adm = death_min + int(rng.integers(30, 180))
                self._med(p, h, adm, adm + int(rng.integers(30, 600)),
                          pick(rng, ["S06.5", "T07", "S27.3", "S06.6"]),
                          None if rng.random() < 0.1 else pick(rng, ["V28.4", "V23.4", "V29.4", "V89.2"]),
                          "died", pick(rng, ["self_pay", "commercial", None], [70, 20, 10]), -1, q=q,
                          anon=int(rng.random() < 0.05))
            if emp >= 0 and rng.random() < 0.03:
                self._claim(p, emp, day, day + int(rng.integers(30, 200)), "pending",
                            "上班途中发生交通事故死亡", q=q)
        elif tactic == "moved_body":
            out = (not hukou.startswith("14")) or rng.random() < 0.3
            slip = int(rng.integers(0, 4)) if rng.random() < 0.5 else 0
            if out:
                self._dereg(p, day + slip, pick(rng, [None, "病故", "意外"], [60, 30, 10]),
                            median=90, p_has=0.7, q=q)
            else:
                target = hukou if (hukou != inc.site and rng.random() < 0.5) else \
                    ctx.county_in_other_city({inc.site[:4]})
                self._dereg(p, day + slip, pick(rng, [None, "病故", "意外"], [55, 35, 10]),
                            median=45, p_has=0.8, q=q)
                origin = pick(rng, ["家中", f"{G.town(ctx.geo, rng, target)}{G.village(rng)}"], [50, 50])
                self._crem(p, day, ctx.funeral_near(target), int(rng.integers(1, 5)),
                           pick(rng, ["死亡原因不详", "病故", "猝死", None]),
                           pick(rng, ["other", "community", None], [40, 30, 30]), origin, q=q,
                           recorded=day + slip)
        elif tactic == "fast_far_cremation":
            # the bodies of one incident mostly go to the same far funeral home
            fh = self._far.setdefault(inc.iid, ctx.funeral_far(cities))
            if rng.random() < 0.2:
                fh = ctx.funeral_far(cities)
            self._crem(p, day, fh, int(rng.integers(0, 2)), pick(rng, [*VAGUE_CAUSES, None]),
                       pick(rng, ["other", None, "police"], [50, 30, 20]),
                       pick(rng, [G.town(ctx.geo, rng, inc.site), "家中", None], [50, 20, 30]), q=q,
                       recorded=day if rng.random() < 0.8 else -1)
            self._dereg(p, day, pick(rng, [None, "病故", "意外"], [60, 30, 10]), median=30,
                        p_has=0.8, q=q)
            if rng.random() < 0.1:
                h = ctx.hospital(inc.site, serious=True)
                self._med(p, h, death_min - 30, death_min + 60, _diag(rng, inc.atype), None, "died",
                          "self_pay", -1, q=q)
        elif tactic == "private_settlement":
            in_hosp = rng.random() < 0.35
            h = ctx.hospital(inc.site, serious=True)
            if in_hosp:
                adm = inc.at + int(rng.integers(30, 150))
                ext = pick(rng, [f"{pick(rng, TRAUMA[inc.atype][1])}.6", pick(rng, TRAUMA[inc.atype][1]),
                                 None], [50, 25, 25])
                self._med(p, h, adm, max(death_min, adm + 30), _diag(rng, inc.atype), ext, "died",
                          pick(rng, ["self_pay", "commercial", None], [80, 10, 10]),
                          emp if emp >= 0 and rng.random() < 0.15 else -1, q=q)
            self._dereg(p, day, pick(rng, ["意外", None, "病故"], [30, 50, 20]), q=q)
            if rng.random() < 0.9:
                issuer = pick(rng, ["hospital", "police", "community", "other"], [30, 30, 30, 10])
                origin = ctx.hospital_label(h) if issuer == "hospital" else \
                    pick(rng, ["家中", self._place_text(inc), None], [50, 30, 20])
                self._crem(p, day, ctx.funeral_near(inc.site if rng.random() < 0.5 else hukou),
                           int(rng.integers(1, 4)),
                           pick(rng, ["意外", "多发伤", "颅脑损伤", "病故", "窒息"]), issuer, origin, q=q)
        elif tactic == "late_death":
            start = inc.at + int(rng.integers(30, 120))
            payer = pick(rng, ["work_injury_insurance", "employee_insurance", "self_pay"], [40, 25, 35])
            h = self._hospital_stay(inc, p, inc.atype, start, death_min, "died", payer,
                                    emp if emp >= 0 and rng.random() < 0.3 else -1,
                                    passenger=emp < 0, transfer=0.35)
            self._dereg(p, day, pick(rng, ["工伤", "意外", None, "病故"], [25, 25, 40, 10]), p_has=0.9)
            if rng.random() < 0.9:
                self._crem(p, day, ctx.funeral_near(ctx.hospitals[h].region), int(rng.integers(2, 6)),
                           pick(rng, [*CERT_CAUSE_BY_TYPE[inc.atype], "多器官功能衰竭", "感染性休克"]),
                           "hospital", ctx.hospital_label(h))
            if emp >= 0 and rng.random() < 0.55:
                if rng.random() < 0.5:
                    self._claim(p, emp, inc.at // 1440, inc.at // 1440 + int(rng.integers(10, 30)),
                                pick(rng, ["pending", "disability_2", "disability_3"]),
                                f"在{self._place_text(inc)}{INJURY_TEXT[inc.atype]}",
                                decide_after=(60, 200))
                if rng.random() < 0.6:
                    self._claim(p, emp, inc.at // 1440, day + int(rng.integers(30, 200)),
                                pick(rng, ["death", "pending"], [70, 30]),
                                f"{INJURY_TEXT[inc.atype]}，住院治疗期间死亡")

    # ------------------------------------------------------------------ incidents
    def make(self, kind: str, firm_kind: str, pattern: str) -> None:
        ctx, rng = self.ctx, self.rng
        if not self.by_kind.get(firm_kind):
            return
        firm = self._firm(firm_kind)
        f = ctx.firms[firm]
        industry = "coal_mining" if firm_kind == "contractor" else f.industry
        site = self._site(firm_kind, firm)
        types, tw = ACCIDENT_TYPES_BY_INDUSTRY[industry]
        atype = str(pick(rng, types, tw))
        responsible = firm
        if firm_kind == "contractor" and kind != "concealed" and rng.random() < 0.7:
            responsible = f.host
        inc = Incident(iid=len(ctx.incidents), kind=kind, pattern=pattern, firm=responsible, site=site,
                       at=self._time(industry), atype=atype, industry=industry)
        # ---- how many, and who is named
        hidden_named_serious = 0
        if kind == "reported":
            deaths = self._deaths(atype, industry) if rng.random() > 0.07 else 0
            reported = deaths
        elif kind == "under_reported":
            if pattern == "below_grade_line":
                line = int(pick(rng, [3, 10, 30], [86, 13, 1]))
                massive = [t for t in types if t in MASS_TYPES] or ["collapse"]
                inc.atype = atype = str(pick(rng, massive))
                deaths = int(rng.integers(line, line + {3: 4, 10: 5, 30: 7}[line]))
                reported = line - 1 if rng.random() < 0.85 else int(rng.integers(1, line - 1))
            elif pattern == "uncounted_death":
                deaths = int(pick(rng, [2, 3, 4], [60, 30, 10]))
                reported = deaths - 1
            else:
                reported = int(pick(rng, [0, 1, 2], [40, 45, 15]))
                deaths = reported + 1
            hidden = deaths - reported
            if pattern != "late_death_not_added":
                hidden_named_serious = int(rng.binomial(hidden, 0.2))
        else:
            deaths = 0 if pattern == "injury_only" else int(pick(
                rng, [1, 2, 3, 4, 5, 6, 8], [60, 25, 9, 3, 1.5, 1, 0.5]))
            reported = 0
        transport = industry == "transport"
        if kind == "concealed" and pattern == "injury_only":
            serious = 1 + int(rng.poisson(1.0))
            minor = int(rng.poisson(1.2))
        else:
            serious = int(rng.poisson(0.35 + 0.25 * deaths + (0.6 if transport else 0)))
            minor = int(rng.poisson(0.4 + 0.3 * deaths + (1.0 if transport else 0)))
            if kind == "reported" and deaths == 0:
                serious = max(serious, 1)
        outcomes = ["death"] * deaths + ["serious_injury"] * serious + ["minor_injury"] * minor
        hiding = kind != "reported"
        victims: list[tuple[int, int, int, bool]] = []  # person, employer, workforce row, passenger
        for j in range(len(outcomes)):
            if transport and j > 0 and rng.random() < 0.85:
                victims.append((self._passenger(site), -1, -1, True))
            else:
                emp = self._employer_of_victim(inc, firm_kind) if firm_kind != "contractor" else firm
                p, e, row = self._victim(inc, emp, hiding)
                victims.append((p, e, row, False))
        # ---- each person's fate and records
        death_rank = 0
        acc_row = -1
        if kind != "concealed":
            acc_row = len(ctx.accidents)
            inc.acc = acc_row
        for (p, emp, row, passenger), outcome in zip(victims, outcomes, strict=True):
            rep: str | None = None
            if outcome == "death":
                death_rank += 1
                hidden_dead = kind == "concealed" or (kind == "under_reported" and death_rank > reported)
                late_window = 7 if transport or atype == "fire" else 30
                if kind == "under_reported" and pattern == "late_death_not_added" and hidden_dead:
                    death_min = inc.at + int(rng.integers(2, late_window)) * 1440 + int(rng.integers(0, 1440))
                    tactic = "late_death"
                    rep = "serious_injury"
                elif hidden_dead:
                    death_min = inc.at + int(rng.integers(0, 240))
                    tactic = pattern if pattern in HIDING else str(pick(
                        rng, ["disguised_illness", "moved_body", "fast_far_cremation", "private_settlement"],
                        [25, 20, 20, 35]))
                    if kind == "concealed" and rng.random() < 0.2:
                        tactic = str(pick(rng, HIDING))
                    if hidden_named_serious > 0:
                        hidden_named_serious -= 1
                        rep = "serious_injury"
                        tactic = "private_settlement"
                else:
                    late = rng.random() < 0.15
                    death_min = inc.at + (int(rng.integers(1, late_window)) * 1440 if late
                                          else int(rng.integers(0, 240)))
                    rep = "death"
                ctx.died(np.array([p]), "incident", inc.iid)
                if row >= 0:
                    close_spells(ctx, np.array([row]), np.array([death_min // 1440]),
                                  backdate=0.4 if hidden_dead else 0.0)
                if hidden_dead:
                    self.hidden_deaths += int(rep != "death")
                    self._hidden_death(inc, p, emp, death_min, tactic)
                else:
                    self._honest_death(inc, p, emp, death_min, passenger)
            else:
                if kind != "concealed":
                    rep = outcome if (outcome == "serious_injury" or rng.random() < 0.7) else None
                self._injured(inc, p, emp, outcome, passenger, hidden=kind == "concealed")
            inc.persons.append((p, outcome, rep))
            if rep is not None and acc_row >= 0:
                ctx.traces.row("accident_victims", person=p, acc=acc_row, outcome=rep,
                               q=1.3 if hiding else 1.0)
        if kind != "concealed":
            self._accident_row(inc, reported, firm_kind)
        ctx.incidents.append(inc)
        label = f"{kind}:{pattern}" if pattern else kind
        self.patterns[label] = self.patterns.get(label, 0) + 1

    def _accident_row(self, inc: Incident, reported_deaths: int, firm_kind: str) -> None:
        ctx, rng = self.ctx, self.rng
        f = ctx.firms[inc.firm]
        named = [r for _p, _o, r in inc.persons]
        serious = sum(1 for r in named if r == "serious_injury")
        minor = sum(1 for _p, o, r in inc.persons if o == "minor_injury" and r != "serious_injury")
        r = rng.random()
        lag = int(rng.integers(12, 60)) if r < 0.8 else int(rng.integers(60, 240)) if r < 0.94 else \
            int(rng.integers(240, 2880))
        if inc.kind == "under_reported" and rng.random() < 0.2:
            lag += int(rng.integers(120, 1440))
        true_deaths = sum(1 for _p, o, _r in inc.persons if o == "death")
        loss = (true_deaths * rng.uniform(110, 210) + (serious + minor) * rng.uniform(3, 30)
                + rng.uniform(2, 80) * (3 if inc.atype in MASS_TYPES else 1))
        if reported_deaths <= 2 and serious <= 9:
            loss = min(loss, rng.uniform(600, 995) if inc.kind == "under_reported" else 990.0)
        uscc: str | None = f.uscc
        u = rng.random()
        if u < 0.1:
            uscc = None
        elif u < 0.12:
            uscc = mistype_uscc(rng, f.uscc)
        ctx.accidents.append({
            "occurred_at": inc.at, "reported_at": inc.at + lag, "region_code": inc.site,
            "address": self._address(inc), "enterprise_name": employer_text(rng, f, "report",
                                                                            when=inc.at // 1440),
            "enterprise_uscc": uscc, "industry": inc.industry, "accident_type": inc.atype,
            "reported_deaths": reported_deaths, "reported_serious_injuries": serious,
            "reported_minor_injuries": minor,
            "direct_loss_10k_yuan": None if rng.random() < 0.08 else round(float(loss), 1),
        })

    def _address(self, inc: Incident) -> str:
        ctx, rng = self.ctx, self.rng
        f = self._site_firm(inc)
        head = f"山西省{G.city_name(inc.site)}市{G.county_label(ctx.geo, inc.site)}" \
            if not G.county_label(ctx.geo, inc.site).startswith(G.city_name(inc.site)) else \
            f"山西省{G.county_label(ctx.geo, inc.site)}"
        t = G.town(ctx.geo, rng, inc.site)
        if inc.industry in ("coal_mining", "non_coal_mining"):
            detail = f"{f.colloquial}井下{int(rng.integers(1, 9))}{int(rng.integers(1, 3))}0{int(rng.integers(1, 9))}工作面" \
                if rng.random() < 0.6 else f"{f.colloquial}{int(rng.integers(2, 16))}号煤层运输巷"
        elif inc.industry == "construction":
            detail = f"{G.village(rng)}{pick(rng, ['安置房', '商住楼', '厂房', '道路', '学校'])}项目工地"
        elif inc.industry == "transport":
            detail = f"{pick(rng, ['G208', 'G307', 'G5', 'G20', 'S226', 'G209', 'G55'])}线K{int(rng.integers(10, 900))}+{int(rng.integers(0, 999))}处"
        else:
            detail = f"{f.colloquial}{pick(rng, ['一', '二', '三', '焦炉', '合成', '炼钢', '装配'])}车间"
        return f"{head}{t}{detail}"


def make_incidents(ctx: Ctx) -> IncidentMaker:
    rng = ctx.rng
    maker = IncidentMaker(ctx)
    plans: list[tuple[str, str, str]] = []
    years = 2.0
    for fk, rate in REPORTED_PER_YEAR.items():
        plans += [("reported", fk, "")] * int(rng.poisson(rate * ctx.scale * years))
    # every world, however small, has at least one incident of each kind
    for kind, rates, patterns in (("under_reported", UNDER_PER_YEAR, UNDER_PATTERNS),
                                  ("concealed", CONCEALED_PER_YEAR, CONCEALED_PATTERNS)):
        kinds = list(rates)
        counts = [int(rng.poisson(r * ctx.scale * years)) for r in rates.values()]
        if sum(counts) == 0:
            w = np.array(list(rates.values()))
            counts[int(rng.choice(len(kinds), p=w / w.sum()))] = 1
        for fk, c in zip(kinds, counts, strict=True):
            for _ in range(c):
                plans.append((kind, fk, str(pick(rng, list(patterns), list(patterns.values())))))
    for kind, fk, pattern in plans:
        maker.make(kind, fk, pattern)
    return maker
