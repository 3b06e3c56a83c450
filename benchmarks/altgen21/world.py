"""The world being built: random streams, persons, firms, record plans and truth, with the
record helpers shared by the event generators (deaths, injuries, claims, enrolment spells)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import geo, texts
from .firms import Firms
from .people import People
from .plans import Plans

EXTRACT = np.datetime64("2025-02-15", "D")
YEAR0 = np.datetime64("2024-01-01", "D")
YEAR1 = np.datetime64("2024-12-31", "D")


def pydate(d) -> dt.date | None:
    if d is None or (isinstance(d, np.datetime64) and np.isnat(d)):
        return None
    return np.datetime64(d, "D").astype(dt.date)


def pydt(d) -> dt.datetime | None:
    if d is None or (isinstance(d, np.datetime64) and np.isnat(d)):
        return None
    return np.datetime64(d, "s").astype(dt.datetime)


@dataclass
class World:
    scale: float
    seed: int
    rng: np.random.Generator
    people: People
    firms: Firms
    plans: Plans = field(default_factory=Plans)
    deaths: list[dict] = field(default_factory=list)   # truth: person, class, incident
    incidents: list[dict] = field(default_factory=list)
    incident_person: list[dict] = field(default_factory=list)
    accidents: list[dict] = field(default_factory=list)
    living_workers: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    worker_firm: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))
    notes: dict = field(default_factory=dict)

    # ------------------------------------------------------------ firm helpers
    def firms_where(self, industry: str | None = None, subtypes: tuple[str, ...] | None = None,
                    yunnan: bool = True, prefs: list[str] | None = None) -> np.ndarray:
        f = self.firms
        m = np.ones(len(f), dtype=bool)
        if industry is not None:
            m &= f.industry == industry
        if subtypes is not None:
            m &= np.isin(f.subtype, subtypes)
        if yunnan:
            m &= f.origin == "yunnan"
        if prefs is not None:
            m &= np.isin(np.array([r[:4] for r in f.region]), prefs)
        return np.flatnonzero(m)

    def pick_firm(self, cands: np.ndarray, by_size: bool = True) -> int:
        if len(cands) == 0:
            return -1
        w = self.firms.size[cands].astype(float) + 4.0 if by_size else np.ones(len(cands))
        return int(cands[self.rng.choice(len(cands), p=w / w.sum())])

    def employer_for_enrolment(self, n: int) -> np.ndarray:
        """Firms for ``n`` enrolments, weighted by headcount."""
        w = self.firms.size.astype(float)
        return self.rng.choice(len(w), size=n, p=w / w.sum())

    # ------------------------------------------------------------ vectorised death records
    def death_records(self, pids: np.ndarray, death: np.ndarray, county: np.ndarray,
                      hosp: np.ndarray, crem_cause: np.ndarray, dereg_cause: np.ndarray,
                      cert: np.ndarray, origin_text: np.ndarray, crem_mult: float | np.ndarray = 1.0,
                      dereg_mult: float = 1.0) -> None:
        """Deregistration and cremation plans for a batch of deaths (natural or not)."""
        rng, P = self.rng, self.people
        n = len(pids)
        if n == 0:
            return
        yn = P.col("origin", pids) == "yunnan"
        home = P.col("home", pids)
        med = np.array([geo.dereg_lag_median(h) if h in geo.BY_CODE else 30.0 for h in home.tolist()])
        lag = np.maximum(1, np.round(rng.lognormal(np.log(med), 1.0))).astype("timedelta64[D]")
        dere = yn & (rng.random(n) < 0.975 * dereg_mult)
        dd = death + lag
        dd_known = np.where(rng.random(n) < 0.02, np.datetime64("NaT"), death)
        reason = np.full(n, "death", dtype=object)
        self.plans.add("deregistrations", pid=pids[dere], death_date=dd_known[dere],
                       dereg_date=dd[dere], region_code=home[dere], reason=reason[dere],
                       death_cause=dereg_cause[dere])
        eth = P.col("eth", pids)
        emult = np.where(eth == "hui", 0.02, np.where(eth == "tibetan", 0.35,
                                                       np.where(eth == "dai", 0.7, 1.0)))
        rate = np.array([geo.cremation_rate(c) for c in county.tolist()]) * emult * crem_mult
        crem = rng.random(n) < rate
        fh = np.array([geo.FH_FOR_COUNTY[c] for c in county.tolist()], dtype=np.int64)
        to_home = yn & (rng.random(n) < 0.08)
        fh = np.where(to_home, np.array([geo.FH_FOR_COUNTY.get(h, 0) for h in home.tolist()]), fh)
        clag = rng.choice([0, 1, 2, 3, 4, 5, 6, 7], size=n,
                          p=[0.02, 0.18, 0.3, 0.27, 0.12, 0.06, 0.03, 0.02])
        cd = death + clag.astype("timedelta64[D]")
        cdk = np.where(rng.random(n) < 0.03, np.datetime64("NaT"), death)
        self.plans.add("cremations", pid=pids[crem], death_date=cdk[crem], cremated_on=cd[crem],
                       fh=fh[crem], death_cause=crem_cause[crem], certificate_issuer=cert[crem],
                       body_origin=origin_text[crem])
        del hosp

    # ------------------------------------------------------------ one-by-one records
    def dereg_row(self, pid: int, death, cause: str | None, lag_mult: float = 1.0,
                  p: float = 0.97) -> None:
        P, rng = self.people, self.rng
        if P.one("origin", pid) != "yunnan" or rng.random() > p:
            return
        home = P.one("home", pid)
        med = geo.dereg_lag_median(home) * lag_mult
        lag = max(1, round(rng.lognormal(np.log(med), 1.0)))
        self.plans.row("deregistrations", pid=pid, death_date=pydate(death),
                       dereg_date=pydate(death + np.timedelta64(lag, "D")), region_code=home,
                       reason="death", death_cause=cause)

    def cremation_row(self, pid: int, death, fh: int, lag: int, cause: str | None,
                      cert: str | None, origin: str | None, death_known: bool = True) -> None:
        self.plans.row("cremations", pid=pid, death_date=pydate(death) if death_known else None,
                       cremated_on=pydate(death + np.timedelta64(int(lag), "D")), fh=int(fh),
                       death_cause=cause, certificate_issuer=cert, body_origin=origin)

    def medical_row(self, pid: int, hosp: int, admitted, hours: float, dx: str, ext: str | None,
                    disposition: str, payer: str | None, firm: int = -1,
                    employer_text: str | None = None, emergency: bool = True) -> None:
        adm = np.datetime64(admitted, "s")
        dis = adm + np.timedelta64(int(hours * 3600), "s")
        self.plans.row("medical_records", pid=pid, hosp=int(hosp), admitted_at=pydt(adm),
                       discharged_at=pydt(dis), dx=dx, ext=ext, disposition=disposition,
                       payer=payer, firm=int(firm), employer_text=employer_text,
                       emergency=emergency)

    def claim_row(self, pid: int, firm: int, injury, outcome: str, description: str | None,
                  family: bool | None = None, project: str | None = None) -> None:
        """A work-injury claim: the employer applies within 30 days, a family often months
        later; decided 15–75 days after applying (pending when not yet decided)."""
        rng = self.rng
        if family is None:
            family = rng.random() < 0.35
        lag = int(rng.integers(60, 330)) if family else int(rng.integers(3, 31))
        applied = injury + np.timedelta64(lag, "D")
        decided = applied + np.timedelta64(int(rng.integers(15, 76)), "D")
        region = self.firms.region[firm] if firm >= 0 else geo.sample_counties(rng, 1)[0]
        if region[:2] != "53":  # out-of-province labour firm: insured where the project is
            region = project or str(geo.sample_counties(rng, 1)[0])
        self.plans.row("injury_claims", pid=pid, firm=int(firm), injury_date=pydate(injury),
                       applied_on=pydate(applied), decided_on=pydate(decided), outcome=outcome,
                       description=description, region_code=region)

    def employment_row(self, pid: int, firm: int, start, end) -> None:
        self.plans.row("employment", pid=pid, firm=int(firm), start=pydate(start),
                       end=pydate(end) if end is not None else None)

    def random_start(self, before: Any) -> Any:
        """A spell start some years before ``before`` (recent starts more likely)."""
        back = int(min(8000, self.rng.exponential(1400)) + 20)
        return np.datetime64(before, "D") - np.timedelta64(back, "D")

    def los_hours(self, lo_days: float, hi_days: float) -> float:
        return float(self.rng.uniform(lo_days, hi_days) * 24)

    def pick_hosp(self, county: str, p_county: float = 0.7, p_pref: float = 0.25) -> int:
        return int(geo.pick_hospitals(self.rng, np.array([county]), p_county, p_pref)[0])

    def place_text(self, county: str) -> str:
        return texts.town(self.rng, county) + texts.village(self.rng)
