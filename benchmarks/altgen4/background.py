"""The vectorised background: natural deaths, non-occupational injury deaths (the hard
negatives), non-fatal injuries, routine work injuries and the employment register."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from . import tables as T
from .sim import Sim, month_days
from .world import COUNTY_CODES, EXTRACT, T0, T1, URBAN

NONE = np.array(None, dtype=object)  # np.where(..., NONE) gives object arrays with nulls


def vchoice(rng: np.random.Generator, items: list[tuple[str, float]], n: int) -> np.ndarray:
    p = np.array([w for _, w in items], dtype=float)
    vals = np.array([v for v, _ in items], dtype=object)
    return vals[rng.choice(len(items), n, p=p / p.sum())]


def nullify(a: np.ndarray) -> np.ndarray:
    """Object array with '' replaced by None."""
    out = a.astype(object)
    out[out == ""] = None
    return out


class Background:
    def __init__(self, sim: Sim) -> None:
        self.sim = sim
        nc = len(sim.county_pos)
        self.h_city_tab = np.zeros((nc, 3), dtype=np.int64)
        for i, c in enumerate(COUNTY_CODES.tolist()):
            lst = sim.h_city[c // 100]
            self.h_city_tab[i] = [lst[k % len(lst)] for k in range(3)]
        self.hosp_names = np.array([h.name for h in sim.hosp], dtype=object)

    # ------------------------------------------------------------------ facilities
    def hospitals(self, rng: np.random.Generator, county: np.ndarray, p_local: float,
                  p_prov: float) -> np.ndarray:
        sim = self.sim
        cp = sim.cpos(county)
        local = sim.h_county[cp]
        city = self.h_city_tab[cp, rng.integers(0, 3, county.size)]
        prov = np.array(sim.h_prov)[rng.integers(0, len(sim.h_prov), county.size)]
        u = rng.random(county.size)
        out = np.where((u < p_local) & (local >= 0), local, city)
        return np.where(u > 1 - p_prov, prov, out)

    def funeral_homes(self, rng: np.random.Generator, county: np.ndarray) -> np.ndarray:
        sim = self.sim
        county = np.where(county // 10000 == 14, county, sim.shanxi_county(rng, county.size))
        cp = sim.cpos(county)
        local = sim.f_county[cp]
        out = np.where((local >= 0) & (rng.random(county.size) < 0.65), local, sim.f_city_arr[cp])
        far = rng.random(county.size) < 0.04
        return np.where(far, rng.integers(0, len(sim.fh), county.size), out)

    # ------------------------------------------------------------------ death trail
    def death_trail(self, rng: np.random.Generator, pid: np.ndarray, dday: np.ndarray,
                    cfg: dict[str, Any], hosp: np.ndarray | None = None,
                    cert_override: np.ndarray | None = None) -> None:
        """Deregistration and cremation records of ordinary deaths."""
        sim = self.sim
        n = pid.size
        hk = sim.people.H[pid]
        res = sim.people.R[pid]
        m = (hk // 10000 == 14) & (rng.random(n) < cfg.get("dereg_p", 0.87))
        lag = np.ceil(rng.lognormal(np.log(cfg.get("dereg_lag", 18)), 1.1, n)).astype(np.int64)
        m &= dday + lag <= EXTRACT
        death = np.where(rng.random(n) < 0.02, -1, dday)
        sim.add_chunk("deregistrations", {
            "pid": pid[m], "iid": pid[m], "ctx": np.full(int(m.sum()), "normal"),
            "death": death[m], "dereg": (dday + lag)[m], "region": hk[m],
            "reason": np.full(int(m.sum()), "death"),
            "cause": nullify(vchoice(rng, cfg["dereg_causes"], n)[m]),
        })
        urban = np.isin(res, list(URBAN))
        p = np.where(urban, cfg.get("crem_urban", 0.75), cfg.get("crem_rural", 0.4))
        c = rng.random(n) < p
        delay = vchoice(rng, cfg.get("delay", [("0", 0.01), ("1", 0.05), ("2", 0.14),
                                               ("3", 0.45), ("4", 0.15), ("5", 0.1),
                                               ("6", 0.05), ("7", 0.05)]), n).astype(np.int64)
        c &= dday + delay <= EXTRACT
        fh = self.funeral_homes(rng, res)
        issuer = vchoice(rng, cfg["issuers"], n)
        in_hosp = issuer == "hospital"
        if hosp is None:
            hosp = self.hospitals(rng, res, 0.6, 0.05)
        origin = np.where(in_hosp & (rng.random(n) < 0.85), self.hosp_names[hosp], NONE)
        home = (issuer == "community") | (issuer == "other")
        origin = np.where(home & (rng.random(n) < 0.8), cfg.get("home_word", "家中"), origin)
        if "scene" in cfg:
            sc = (issuer == "police") & (rng.random(n) < 0.6)
            origin = np.where(sc, cfg["scene"], origin)
        cert = vchoice(rng, cfg["cert_causes"], n)
        if cert_override is not None:
            cert = np.where(cert_override != None, cert_override, cert)  # noqa: E711
        cdeath = np.where(rng.random(n) < 0.03, -1, dday)
        sim.add_chunk("cremations", {
            "pid": pid[c], "iid": pid[c], "ctx": np.full(int(c.sum()), "normal"),
            "death": cdeath[c], "crem": (dday + delay)[c], "fh": fh[c],
            "cause": nullify(cert[c]), "issuer": nullify(issuer[c]), "origin": origin[c],
        })

    # ------------------------------------------------------------------ natural deaths
    def natural_deaths(self) -> None:
        sim = self.sim
        rng = sim.rng("natural")
        n_total = sim.n("natural_deaths", 100)
        n_w = round(float(0.004 * sim.w_pid.size))
        wpos = sim.take_random_workers(n_w, rng)
        n_new = n_total - wpos.size
        u = rng.random(n_new)
        ages = np.where(u < 0.7, np.clip(rng.normal(80, 8, n_new), 60, 102),
                        np.where(u < 0.92, rng.uniform(40, 70, n_new),
                                 np.where(u < 0.98, rng.uniform(18, 40, n_new),
                                          rng.uniform(0, 18, n_new))))
        dday_new = month_days(rng, n_new)
        new = sim.new_people(rng, n_new, 0, 0, 0.44, dday_new, 0.01, ages=ages)
        dday_w = month_days(rng, wpos.size)
        self._worker_death_end(rng, wpos, dday_w)
        pid = np.concatenate([sim.w_pid[wpos], new])
        dday = np.concatenate([dday_w, dday_new])
        # former coal miners die of pneumoconiosis: an occupational disease, not an accident
        coal = np.zeros(pid.size, bool)
        coal[: wpos.size] = sim.ent_ind[sim.w_emp[wpos]] == "coal_mining"
        old = (dday - sim.people.B[pid]) > 45 * 365
        over = np.where(coal & old & (rng.random(pid.size) < 0.15), "尘肺病", NONE)
        cfg = {
            "dereg_causes": T.NATURAL_CAUSES_DEREG,
            "issuers": [("hospital", 0.45), ("community", 0.45), ("police", 0.02),
                        ("other", 0.05), ("", 0.03)],
            "cert_causes": T.NATURAL_CAUSES_CERT,
        }
        self.death_trail(rng, pid, dday, cfg, cert_override=over)
        sim.add_deaths(pid, "natural")
        # some had an unrelated minor injury encounter earlier in the year
        k = rng.random(pid.size) < 0.015
        adm_day = dday[k] - rng.integers(1, 200, int(k.sum()))
        ok = adm_day >= T0
        self.minor_encounters(rng, pid[k][ok], adm_day[ok], work=False)
        self.stats_add("natural_deaths", pid.size)

    def sudden_illness(self) -> None:
        """Workers who die of illness at work: 视同工亡 claims without any accident."""
        sim = self.sim
        rng = sim.rng("sudden-illness")
        wpos = sim.take_random_workers(sim.n("sudden_illness_at_work", 1), rng, high_risk=True,
                                       active=True)
        dday = sim.active_days(wpos, rng)
        pid = sim.w_pid[wpos]
        self._worker_death_end(rng, wpos, dday)
        cfg = {
            "dereg_causes": [("病故", 0.5), ("猝死", 0.2), ("", 0.3)],
            "issuers": [("hospital", 0.85), ("community", 0.1), ("other", 0.05)],
            "cert_causes": [("心源性猝死", 0.3), ("急性心肌梗死", 0.35), ("脑出血", 0.25),
                            ("猝死", 0.1)],
            "delay": [("2", 0.2), ("3", 0.5), ("4", 0.2), ("5", 0.1)],
        }
        self.death_trail(rng, pid, dday, cfg)
        sim.add_deaths(pid, "natural")
        n = pid.size
        outcome = vchoice(rng, [("death", 0.75), ("rejected", 0.15), ("pending", 0.1)], n)
        self.claims(rng, pid, wpos, dday, outcome, vchoice(rng, [
            ("工作时间在工作岗位突发疾病，经抢救无效死亡", 0.5),
            ("上班期间突发心脏病死亡", 0.2), ("在岗位上突发疾病48小时内经抢救无效死亡", 0.2),
            ("", 0.1)], n), p_claim=0.8)
        self.stats_add("sudden_illness_deaths", n)

    def _worker_death_end(self, rng: np.random.Generator, wpos: np.ndarray,
                          dday: np.ndarray) -> None:
        stale = rng.random(wpos.size) < 0.3
        end = dday + rng.integers(0, 120, wpos.size)
        end = np.where(stale | (end > EXTRACT), -1, end)
        for p, e, d in zip(wpos.tolist(), end.tolist(), dday.tolist(), strict=True):
            self.sim.w_end_override[p] = e
            self.sim.w_death[p] = d

    # ------------------------------------------------------------------ injury deaths
    NONOCC: ClassVar[dict[str, dict[str, Any]]] = {
        "traffic": dict(
            share=0.33, ages=(5, 85), female=0.3, cluster=[(1, 0.9), (2, 0.08), (3, 0.02)],
            dx=[("S06.5", 0.4), ("T06.8", 0.25), ("S36.1", 0.1), ("S22.4", 0.1), ("T07", 0.15)],
            ext=[("V03.1", 0.2), ("V23.4", 0.2), ("V29.4", 0.15), ("V43.5", 0.15),
                 ("V49.4", 0.1), ("V19.4", 0.05), ("V89.2", 0.15)],
            med=0.65, dereg=[("交通事故", 0.65), ("意外", 0.15), ("", 0.2)],
            cert=[("颅脑损伤", 0.35), ("交通事故", 0.25), ("多发伤", 0.25),
                  ("失血性休克", 0.15)],
            issuers=[("police", 0.5), ("hospital", 0.45), ("other", 0.05)],
            scene="交通事故现场"),
        "fall_home": dict(
            share=0.22, ages=(65, 98), female=0.55, cluster=[(1, 1.0)],
            dx=[("S72.0", 0.45), ("S06.5", 0.3), ("S32.0", 0.1), ("S72.1", 0.15)],
            ext=[("W01.0", 0.35), ("W10.0", 0.15), ("W06.0", 0.1), ("W18.0", 0.1),
                 ("W19.0", 0.2), ("W19.9", 0.1)],
            med=0.85, late=(1, 45),
            dereg=[("病故", 0.35), ("意外", 0.25), ("摔伤", 0.1), ("", 0.3)],
            cert=[("股骨颈骨折", 0.15), ("颅脑损伤", 0.25), ("肺部感染", 0.25),
                  ("多器官功能衰竭", 0.15), ("呼吸循环衰竭", 0.2)],
            issuers=[("hospital", 0.75), ("community", 0.2), ("police", 0.05)]),
        "co_home": dict(
            share=0.07, ages=(1, 90), female=0.5, cluster=[(1, 0.6), (2, 0.3), (3, 0.1)],
            months=np.array([3, 2.5, 1.2, 0.2, 0.05, 0.02, 0.02, 0.02, 0.05, 0.5, 2, 3]),
            dx=[("T58", 0.9), ("T71", 0.1)], ext=[("X47.0", 0.85), ("X47.9", 0.15)],
            med=0.5, dereg=[("煤气中毒", 0.5), ("意外", 0.3), ("", 0.2)],
            cert=[("一氧化碳中毒", 0.85), ("中毒", 0.15)],
            issuers=[("police", 0.45), ("hospital", 0.5), ("community", 0.05)]),
        "suicide": dict(
            share=0.15, ages=(15, 88), female=0.4, cluster=[(1, 1.0)],
            dx=[("T60.0", 0.35), ("T71", 0.35), ("S06.5", 0.2), ("T42.4", 0.1)],
            ext=[("X68.0", 0.35), ("X70.0", 0.35), ("X80.0", 0.15), ("X80.6", 0.05),
                 ("X61.0", 0.1)],
            med=0.45, dereg=[("", 0.5), ("意外", 0.2), ("病故", 0.2), ("自杀", 0.1)],
            cert=[("有机磷农药中毒", 0.3), ("机械性窒息", 0.35), ("颅脑损伤", 0.2),
                  ("中毒", 0.15)],
            issuers=[("police", 0.6), ("hospital", 0.35), ("other", 0.05)], scene="家中"),
        "drowning": dict(
            share=0.06, ages=(5, 70), female=0.25, cluster=[(1, 0.9), (2, 0.1)],
            months=np.array([0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3, 1, 0.3, 0.1, 0.1]),
            dx=[("T75.1", 1.0)], ext=[("W69.8", 0.5), ("W74.9", 0.3), ("W69.9", 0.2)],
            med=0.25, dereg=[("溺水", 0.6), ("意外", 0.3), ("", 0.1)],
            cert=[("溺水", 0.9), ("溺亡", 0.1)],
            issuers=[("police", 0.8), ("hospital", 0.2)], scene="河道"),
        "assault": dict(
            share=0.03, ages=(18, 70), female=0.3, cluster=[(1, 1.0)],
            dx=[("S06.5", 0.4), ("S21.1", 0.3), ("S36.1", 0.3)],
            ext=[("X99.4", 0.35), ("Y00.4", 0.3), ("X99.0", 0.25), ("X99.6", 0.1)],
            med=0.6, dereg=[("", 0.6), ("他杀", 0.2), ("意外", 0.2)],
            cert=[("失血性休克", 0.5), ("颅脑损伤", 0.5)],
            issuers=[("police", 0.9), ("hospital", 0.1)]),
        "other_accident": dict(
            share=0.14, ages=(20, 85), female=0.2, cluster=[(1, 1.0)],
            dx=[("S06.5", 0.35), ("T75.4", 0.15), ("S32.0", 0.15), ("T06.8", 0.2),
                ("T29.3", 0.15)],
            ext=[("W30.7", 0.2), ("W13.0", 0.2), ("W86.0", 0.15), ("W20.7", 0.1),
                 ("X00.0", 0.15), ("W17.7", 0.1), ("W11.0", 0.07), ("W17.6", 0.03)],
            med=0.6, dereg=[("意外", 0.6), ("", 0.4)],
            cert=[("颅脑损伤", 0.4), ("多发伤", 0.2), ("电击伤", 0.15), ("烧伤", 0.1),
                  ("失血性休克", 0.15)],
            issuers=[("police", 0.4), ("hospital", 0.5), ("other", 0.1)], scene="自家院内"),
    }

    def nonocc_deaths(self) -> None:
        sim = self.sim
        rng = sim.rng("nonocc")
        total = sim.n("nonocc_deaths", 20)
        n_workers = round(float(0.0005 * sim.w_pid.size))
        for name, cfg in self.NONOCC.items():
            n = max(1, round(float(total * cfg["share"])))
            k_w = round(float(n_workers * cfg["share"])) if name not in ("fall_home",) else 0
            self._injury_deaths(rng, name, cfg, n, k_w)
        # commuting: traffic deaths of workers recognised as work injury, but not
        # production-safety accidents
        n = sim.n("commuting_deaths", 1)
        wpos = sim.take_random_workers(n, rng, active=True)
        pid, dday = self._injury_deaths(rng, "commuting", self.NONOCC["traffic"], n, wpos.size,
                                        wpos=wpos)
        outcome = vchoice(rng, [("death", 0.8), ("rejected", 0.1), ("pending", 0.1)], pid.size)
        desc = vchoice(rng, [("上班途中发生交通事故，本人负次要责任，经抢救无效死亡", 0.35),
                             ("下班途中发生交通事故死亡", 0.35),
                             ("上下班途中受到非本人主要责任的交通事故伤害死亡", 0.2),
                             ("", 0.1)], pid.size)
        self.claims(rng, pid, wpos, dday, outcome, desc, p_claim=0.75)
        # declared dead by a court (missing for years)
        n = sim.n("declared_dead", 1)
        ddays = rng.integers(T0, T1, n)
        new = sim.new_people(rng, n, 25, 80, 0.3, ddays - rng.integers(1500, 4000, n), 0.0)
        hk = sim.people.H[new]
        gone = ddays - rng.integers(1500, 4000, n)
        death = np.where(rng.random(n) < 0.6, -1, gone)
        sim.add_chunk("deregistrations", {
            "pid": new, "iid": new, "ctx": np.full(n, "normal"), "death": death,
            "dereg": ddays, "region": hk, "reason": np.full(n, "declared_dead"),
            "cause": np.full(n, None, dtype=object),
        })
        sim.add_deaths(new, "non_occupational")

    def _injury_deaths(self, rng: np.random.Generator, name: str, cfg: dict[str, Any], n: int,
                       k_w: int, wpos: np.ndarray | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
        sim = self.sim
        sizes_items = [(str(s), p) for s, p in cfg["cluster"]]
        # households / vehicles: clusters of deaths on the same day at the same place
        sizes = []
        tot = 0
        while tot < n:
            s = int(vchoice(rng, sizes_items, 1)[0])
            s = min(s, n - tot)
            sizes.append(s)
            tot += s
        sz = np.array(sizes)
        g = sz.size
        gday = month_days(rng, g, cfg.get("months"))
        if name == "commuting":
            wd = np.datetime64("1970-01-01") + gday.astype("timedelta64[D]")
            dow = (wd.astype(np.int64) + 3) % 7
            gday = np.where(dow >= 5, gday - (dow - 4), gday)
        gres = sim.shanxi_county(rng, g)
        member_g = np.repeat(np.arange(g), sz)
        dday = gday[member_g]
        res = gres[member_g]
        if wpos is None:
            wpos = sim.take_random_workers(min(k_w, n), rng)
        kw = wpos.size
        lo, hi = cfg["ages"]
        new = sim.new_people(rng, n - kw, lo, hi, cfg["female"], dday[kw:], 0.02,
                             residence=res[kw:])
        pid = np.concatenate([sim.w_pid[wpos], new])
        res = np.concatenate([sim.people.R[pid[:kw]], res[kw:]])
        for gi in np.flatnonzero(sz > 1).tolist():
            members = np.flatnonzero(member_g == gi)
            head = int(pid[members[0]])
            for mm in members[1:].tolist():
                if rng.random() < 0.5:
                    sim.people.same_surname.append((int(pid[mm]), head))
                sim.people.H[pid[mm]] = sim.people.H[head]
        if kw:
            self._worker_death_end(rng, wpos, dday[:kw])
        # medical: died at the emergency department or after days on a ward
        hosp = self.hospitals(rng, res, 0.6, 0.08)
        med = rng.random(n) < cfg["med"]
        late_lo, late_hi = cfg.get("late", (1, 20))
        is_late = rng.random(n) < (0.8 if "late" in cfg else 0.3)
        start_day = np.where(is_late, dday - rng.integers(late_lo, late_hi, n), dday)
        start_day = np.maximum(start_day, T0)
        t_adm = start_day * 1440 + rng.integers(6 * 60, 23 * 60, n)
        t_dis = np.where(is_late, dday * 1440 + rng.integers(0, 1440, n),
                         t_adm + rng.integers(20, 300, n))
        t_dis = np.maximum(t_dis, t_adm + 10)
        dx = vchoice(rng, cfg["dx"], n)
        ext = vchoice(rng, cfg["ext"], n)
        ext = np.where(rng.random(n) < 0.12, NONE, ext)
        ctx = np.where(is_late, "ip", "ed")
        unk = (~is_late) & (rng.random(n) < 0.05)
        ctx = np.where(unk, "unk", ctx)
        payer = vchoice(rng, [("resident_insurance", 0.35), ("employee_insurance", 0.2),
                              ("self_pay", 0.25), ("commercial", 0.1), ("other", 0.05),
                              ("", 0.05)], n)
        m = med
        sim.add_chunk("medical_records", {
            "pid": pid[m], "iid": pid[m], "ctx": ctx[m], "hosp": hosp[m], "adm": t_adm[m],
            "dis": t_dis[m], "dx": dx[m], "ext": ext[m],
            "disp": np.full(int(m.sum()), "died"), "payer": nullify(payer[m]),
            "emp": np.full(int(m.sum()), -1),
        })
        trail = {"dereg_causes": cfg["dereg"], "cert_causes": cfg["cert"],
                 "issuers": cfg["issuers"], "crem_urban": 0.75, "crem_rural": 0.45,
                 "delay": [("1", 0.05), ("2", 0.1), ("3", 0.4), ("4", 0.15), ("5", 0.1),
                           ("6", 0.05), ("8", 0.05), ("12", 0.1)]}
        if "scene" in cfg:
            trail["scene"] = cfg["scene"]
        self.death_trail(rng, pid, dday, trail, hosp=hosp)
        sim.add_deaths(pid, "non_occupational")
        self.stats_add(f"nonocc_{name}", n)
        return pid, dday

    # ------------------------------------------------------------------ claims
    def claims(self, rng: np.random.Generator, pid: np.ndarray, wpos: np.ndarray | None,
               inj: np.ndarray, outcome: np.ndarray, desc: np.ndarray, p_claim: float,
               emp: np.ndarray | None = None) -> None:
        sim = self.sim
        n = pid.size
        if emp is None:
            assert wpos is not None
            emp = sim.w_emp[wpos]
        has = rng.random(n) < p_claim
        employer_applies = rng.random(n) < 0.6
        applied = inj + np.where(employer_applies, rng.integers(3, 31, n),
                                 rng.integers(31, 366, n))
        decided = applied + rng.integers(15, 61, n)
        outcome = outcome.copy()
        pend = (outcome == "pending") | (decided > EXTRACT)
        outcome[pend] = "pending"
        decided = np.where(pend, -1, decided)
        has &= applied <= EXTRACT
        region = np.array([sim.ents[e].region for e in emp], dtype=np.int64)
        sim.add_chunk("injury_claims", {
            "pid": pid[has], "iid": pid[has], "ctx": np.full(int(has.sum()), "normal"),
            "emp": emp[has], "inj": inj[has], "applied": applied[has], "decided": decided[has],
            "outcome": outcome[has], "desc": nullify(desc[has]), "region": region[has],
        })

    # ------------------------------------------------------------------ non-fatal injuries
    CATS: ClassVar[dict[str, dict[str, Any]]] = {
        "fall": dict(share=0.38, dx=[("S52.5", 0.15), ("S42.0", 0.08), ("S82.2", 0.1),
                                     ("S93.4", 0.15), ("S00.0", 0.12), ("S01.0", 0.1),
                                     ("S06.0", 0.08), ("S22.3", 0.07), ("S32.0", 0.05),
                                     ("S72.0", 0.1)],
                     stems=["W01", "W10", "W06", "W18", "W19"],
                     places=[("0", 0.45), ("4", 0.15), ("5", 0.1), ("9", 0.2), ("2", 0.05),
                             ("3", 0.05)]),
        "traffic": dict(share=0.22, dx=[("S06.0", 0.2), ("S82.2", 0.15), ("S42.0", 0.1),
                                        ("S22.3", 0.1), ("S00.0", 0.2), ("T14.0", 0.15),
                                        ("S52.5", 0.1)],
                        vcodes=[("V03.1", 0.15), ("V23.4", 0.2), ("V29.4", 0.2),
                                ("V43.5", 0.15), ("V49.4", 0.1), ("V19.4", 0.1),
                                ("V89.2", 0.1)]),
        "struck_cut": dict(share=0.14, dx=[("S61.0", 0.3), ("S01.0", 0.2), ("S81.8", 0.15),
                                           ("S60.0", 0.15), ("S62.6", 0.2)],
                           stems=["W20", "W22", "W25", "W26"],
                           places=[("0", 0.45), ("4", 0.1), ("8", 0.15), ("9", 0.2),
                                   ("6", 0.05), ("7", 0.05)]),
        "bite": dict(share=0.08, dx=[("S61.0", 0.4), ("S81.8", 0.4), ("T14.1", 0.2)],
                     stems=["W54", "W55"], places=[("0", 0.5), ("4", 0.3), ("9", 0.2)]),
        "burn": dict(share=0.05, dx=[("T23.2", 0.4), ("T24.2", 0.2), ("T21.2", 0.2),
                                     ("T30.0", 0.2)],
                     stems=["X11", "X12", "X15", "X19"], places=[("0", 0.85), ("9", 0.15)]),
        "poison": dict(share=0.04, dx=[("T58", 0.4), ("T51.0", 0.25), ("T62.0", 0.1),
                                       ("T42.4", 0.1), ("T60.0", 0.15)],
                       stems=["X47", "X45", "X49", "X44"], places=[("0", 0.9), ("9", 0.1)]),
        "assault": dict(share=0.04, dx=[("S00.0", 0.3), ("S01.0", 0.25), ("S02.2", 0.2),
                                        ("S20.2", 0.1), ("T14.0", 0.15)],
                        stems=["Y04", "Y00", "X99"], places=[("4", 0.4), ("5", 0.3),
                                                             ("0", 0.2), ("9", 0.1)]),
        "sport_other": dict(share=0.05, dx=[("S83.5", 0.3), ("S93.4", 0.3), ("S43.0", 0.2),
                                            ("S62.6", 0.2)],
                            stems=["W03", "W51", "W21", "W18"],
                            places=[("3", 0.6), ("2", 0.2), ("9", 0.2)]),
    }
    WORK: ClassVar[dict[str, Any]] = dict(
        dx=[("S61.0", 0.2), ("S62.6", 0.15), ("S68.1", 0.05), ("S52.5", 0.08), ("S82.2", 0.05),
            ("S00.0", 0.1), ("S01.0", 0.1), ("S20.2", 0.07), ("S93.4", 0.07), ("T23.2", 0.05),
            ("S05.1", 0.04), ("S92.3", 0.04)],
        stems=[("W20", 0.22), ("W23", 0.12), ("W31", 0.12), ("W01", 0.12), ("W11", 0.06),
               ("W12", 0.04), ("W26", 0.1), ("X19", 0.05), ("W24", 0.05), ("W45", 0.12)],
    )

    def _ext_for(self, rng: np.random.Generator, cats: np.ndarray) -> tuple[np.ndarray,
                                                                            np.ndarray]:
        n = cats.size
        dx = np.empty(n, dtype=object)
        ext = np.empty(n, dtype=object)
        for name, cfg in self.CATS.items():
            m = np.flatnonzero(cats == name)
            if m.size == 0:
                continue
            dx[m] = vchoice(rng, cfg["dx"], m.size)
            if "vcodes" in cfg:
                ext[m] = vchoice(rng, cfg["vcodes"], m.size)
            else:
                stems = np.array(cfg["stems"], dtype=object)[rng.integers(0, len(cfg["stems"]),
                                                                          m.size)]
                places = vchoice(rng, cfg["places"], m.size)
                ext[m] = stems + "." + places
        return dx, ext

    def nonfatal(self) -> None:
        sim = self.sim
        rng = sim.rng("nonfatal")
        n_total = sim.n("nonfatal_injured", 500)
        wpos = sim.take_random_workers(round(float(0.03 * sim.w_pid.size)), rng)
        n_new = max(0, n_total - wpos.size)
        u = rng.random(n_new)
        ages = np.where(u < 0.15, rng.uniform(0, 15, n_new),
                        np.where(u < 0.75, rng.uniform(15, 65, n_new), rng.uniform(65, 95, n_new)))
        dday_new = month_days(rng, n_new)
        new = sim.new_people(rng, n_new, 0, 0, 0.45, dday_new, 0.01, ages=ages)
        pid = np.concatenate([sim.w_pid[wpos], new])
        inj = np.concatenate([sim.active_days(wpos, rng), dday_new])
        # released again: an injury does not stop a worker from later events
        sim.w_free[wpos] = True
        cats = np.array(list(self.CATS))[rng.choice(len(self.CATS), pid.size, p=np.array(
            [c["share"] for c in self.CATS.values()]) / sum(c["share"] for c in
                                                             self.CATS.values()))]
        dx, ext = self._ext_for(rng, cats)
        emp = np.concatenate([sim.w_emp[wpos], np.full(n_new, -1, dtype=np.int64)])
        self.encounters(rng, pid, inj, dx, ext, work=False, emp=emp)
        self.stats_add("nonfatal_injured", pid.size)

    def minor_encounters(self, rng: np.random.Generator, pid: np.ndarray, inj: np.ndarray,
                         work: bool) -> None:
        cats = np.array(list(self.CATS))[rng.integers(0, len(self.CATS), pid.size)]
        dx, ext = self._ext_for(rng, cats)
        self.encounters(rng, pid, inj, dx, ext, work=work, minor_only=True)

    def encounters(self, rng: np.random.Generator, pid: np.ndarray, inj: np.ndarray,
                   dx: np.ndarray, ext: np.ndarray, work: bool, minor_only: bool = False,
                   emp: np.ndarray | None = None) -> None:
        """Emergency and inpatient encounters of non-fatal injuries."""
        sim = self.sim
        n = pid.size
        if n == 0:
            return
        res = sim.people.R[pid]
        ext = np.where(rng.random(n) < 0.15, NONE, ext)
        if work or minor_only:
            pattern = vchoice(rng, [("ed", 0.5), ("ip", 0.5)], n)
        else:
            pattern = vchoice(rng, [("ed", 0.6), ("ip", 0.33), ("ed_ip", 0.04), ("ip_ip", 0.03)],
                              n)
        t0 = inj * 1440 + np.clip(rng.normal(15 * 60, 240, n), 0, 1439).astype(np.int64)
        h1 = self.hospitals(rng, res, 0.7, 0.03)
        h2 = self.hospitals(rng, res, 0.2, 0.5)
        if work or minor_only:
            los = rng.integers(1, 14, n)
        else:
            los = np.clip(rng.lognormal(np.log(8), 0.7, n), 1, 120).astype(np.int64)
            old = dx == "S72.0"
            los = np.where(old, np.clip(los + 10, 10, 60), los)
        if work:
            payer = vchoice(rng, [("work_injury_insurance", 0.45), ("self_pay", 0.25),
                                  ("employee_insurance", 0.2), ("other", 0.1)], n)
            p_emp = np.where(payer == "work_injury_insurance", 0.9, 0.25)
        else:
            payer = vchoice(rng, [("resident_insurance", 0.4), ("employee_insurance", 0.25),
                                  ("self_pay", 0.25), ("commercial", 0.05), ("other", 0.03),
                                  ("", 0.02)], n)
            payer = np.where(np.char.startswith(ext.astype(str), "V")
                             & (rng.random(n) < 0.3), "commercial", payer)
            p_emp = np.where(payer == "employee_insurance", 0.08, 0.0)
        emp_arr = np.full(n, -1, dtype=np.int64)
        if emp is not None:
            emp_arr = np.where((rng.random(n) < p_emp) & (emp >= 0), emp, -1)
        payer = nullify(payer)
        ip_disp = vchoice(rng, [("discharged", 0.93), ("left_against_advice", 0.07)], n)
        if not (work or minor_only):
            ip_disp = np.where(rng.random(n) < 0.03, "transferred", ip_disp)

        recs: list[dict[str, Any]] = []
        # ED-only
        m = pattern == "ed"
        recs.append({"m": m, "hosp": h1, "adm": t0, "dis": t0 + rng.integers(40, 480, n),
                     "disp": np.full(n, "discharged", dtype=object), "ctx": "ed"})
        m = pattern == "ip"
        recs.append({"m": m, "hosp": h1, "adm": t0, "dis": t0 + los * 1440 + rng.integers(
            -300, 300, n), "disp": ip_disp, "ctx": "ip"})
        m = pattern == "ed_ip"
        mid = t0 + rng.integers(60, 360, n)
        recs.append({"m": m, "hosp": h1, "adm": t0, "dis": mid,
                     "disp": np.full(n, "transferred", dtype=object), "ctx": "ed"})
        recs.append({"m": m, "hosp": h2, "adm": mid + 90, "dis": mid + 90 + los * 1440,
                     "disp": ip_disp, "ctx": "ip"})
        m = pattern == "ip_ip"
        mid2 = t0 + rng.integers(1, 4, n) * 1440
        recs.append({"m": m, "hosp": h1, "adm": t0, "dis": mid2,
                     "disp": np.full(n, "transferred", dtype=object), "ctx": "ip"})
        recs.append({"m": m, "hosp": h2, "adm": mid2 + 120, "dis": mid2 + 120 + los * 1440,
                     "disp": ip_disp, "ctx": "ip"})
        for r in recs:
            m = r["m"]
            k = int(m.sum())
            if k == 0:
                continue
            dis = np.maximum(r["dis"][m], r["adm"][m] + 30)
            sim.add_chunk("medical_records", {
                "pid": pid[m], "iid": pid[m], "ctx": np.full(k, r["ctx"]), "hosp": r["hosp"][m],
                "adm": r["adm"][m], "dis": dis, "dx": dx[m], "ext": ext[m],
                "disp": r["disp"][m], "payer": payer[m], "emp": emp_arr[m],
            })

    def background_work(self) -> None:
        """Routine minor work injuries: no accident report is due, claims are common."""
        sim = self.sim
        rng = sim.rng("work-injuries")
        n = sim.n("background_work_injuries", 20)
        n_pool = round(float(0.85 * n))
        wpos = sim.take_random_workers(n_pool, rng, active=True)
        sim.w_free[wpos] = True
        n_inf = n - wpos.size
        inj_new = month_days(rng, n_inf)
        new = sim.new_people(rng, n_inf, 20, 60, 0.15, inj_new, 0.1)
        reg_idx = np.array([i for i, e in enumerate(sim.ents) if e.in_register])
        emp_new = reg_idx[rng.integers(0, reg_idx.size, n_inf)]
        sim.people.R[new] = np.array([sim.ents[e].region for e in emp_new], dtype=np.int64)
        pid = np.concatenate([sim.w_pid[wpos], new])
        emp = np.concatenate([sim.w_emp[wpos], emp_new])
        inj = np.concatenate([sim.active_days(wpos, rng), inj_new])
        dx = vchoice(rng, self.WORK["dx"], pid.size)
        ext = vchoice(rng, self.WORK["stems"], pid.size) + ".6"
        med = rng.random(pid.size) < 0.85
        self.encounters(rng, pid[med], inj[med], dx[med], ext[med], work=True, emp=emp[med])
        outcome = vchoice(rng, [("injury", 0.5), ("disability_7", 0.03), ("disability_8", 0.06),
                                ("disability_9", 0.1), ("disability_10", 0.14),
                                ("rejected", 0.07), ("pending", 0.1)], pid.size)
        ind = sim.ent_ind[np.minimum(emp, sim.ent_ind.size - 1)]
        site = np.where(np.isin(ind, ["coal_mining", "non_coal_mining"]), "在井下",
                        np.where(ind == "construction", "在工地",
                                 vchoice(rng, [("在车间", 0.5), ("在厂区", 0.3), ("在仓库", 0.2)],
                                         pid.size))).astype(object)
        what = vchoice(rng, [("工作时被物体砸伤手指", 0.2), ("操作机器时手部被挤伤", 0.2),
                             ("作业时不慎滑倒摔伤", 0.2), ("搬运货物时扭伤", 0.1),
                             ("被铁屑溅伤眼睛", 0.1), ("作业时被割伤", 0.1),
                             ("从梯子上跌落受伤", 0.1)], pid.size)
        desc = np.where(rng.random(pid.size) < 0.1, "", site + what)
        p_claim = np.concatenate([np.full(wpos.size, 0.75), np.full(n_inf, 0.4)])
        keep = rng.random(pid.size) < p_claim / 0.75
        self.claims(rng, pid[keep], None, inj[keep], outcome[keep], desc[keep], p_claim=0.75,
                    emp=emp[keep])
        self.stats_add("background_work_injuries", pid.size)

    # ------------------------------------------------------------------ employment
    def employment(self) -> None:
        sim = self.sim
        rng = sim.rng("employment")
        end = sim.w_end.copy()
        start = sim.w_start.copy()
        for pos, e in sim.w_end_override.items():
            end[pos] = e
        for pos, d in sim.w_death.items():  # nobody is enrolled after death
            if start[pos] >= d:
                start[pos] = d - int(rng.integers(30, 700))
            if end[pos] >= 0 and end[pos] <= start[pos]:
                end[pos] = start[pos] + 1
        n = sim.w_pid.size
        sim.add_chunk("employment", {
            "pid": sim.w_pid, "iid": sim.w_pid, "ctx": np.full(n, "normal"), "emp": sim.w_emp,
            "start": start, "end": end, "ind_known": rng.random(n) < 0.75,
        })
        pp, pe, ps, pn = sim.prev_spells
        death_of_pid = {int(sim.w_pid[pos]): d for pos, d in sim.w_death.items()}
        dd = np.array([death_of_pid.get(int(p), 1 << 40) for p in pp.tolist()], dtype=np.int64)
        keep = ps < dd - 30
        pp, pe, ps, pn = pp[keep], pe[keep], ps[keep], np.minimum(pn[keep], dd[keep])
        sim.add_chunk("employment", {
            "pid": pp, "iid": pp, "ctx": np.full(pp.size, "normal"), "emp": pe, "start": ps,
            "end": pn, "ind_known": rng.random(pp.size) < 0.75,
        })

    def stats_add(self, key: str, v: int) -> None:
        self.sim.stats[key] = self.sim.stats.get(key, 0) + int(v)

