"""One function per kind of record: what each department writes about a person, in its habits."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .world import EXTRACT, Enterprise, Person, World, fmt_date

FAST_LAGS = [0] * 10 + [1] * 45 + [2] * 35 + [3] * 10  # where next-day cremation is the custom
NORMAL_LAGS = [1] * 3 + [2] * 17 + [3] * 45 + [4] * 18 + [5] * 9 + [6] * 5 + [7] * 3  # 停灵三天


@dataclass(slots=True)
class Home:
    idx: int
    region: str
    name: str
    style: str  # how this funeral home's system writes dates
    fast: bool  # local custom: cremation the next day
    xusui: bool  # writes the traditional age (虚岁, one more)
    sex_blank: float


def crem_lag(w: World, home: Home) -> int:
    return w.rng.choice(FAST_LAGS if home.fast else NORMAL_LAGS)


def rec_dereg(w: World, p: Person, death: date | None, cause: str | None, *,
              lag_scale: float = 1.0, reason: str = "death", on: date | None = None) -> None:
    """Public security: a clean register, ISO dates, 男/女; deregistration lags the death by
    days to months (and some never happen)."""
    if not p.hukou.startswith("14"):
        return
    rng = w.rng
    if on is None:
        assert death is not None
        lag = 1 + int(rng.lognormvariate(math.log(14), 1.0) * lag_scale)
        on = death + timedelta(days=lag)
    if on > EXTRACT:
        return
    name = w.write_name(p, "deregistrations")
    idv, kind = w.write_id(p, "deregistrations")
    birth = p.birth.isoformat() if rng.random() < 0.97 else None
    dd = death.isoformat() if death is not None and rng.random() < 0.96 else None
    w.add("deregistrations", (on, rng.random()), p, kind,
          (name, idv, "男" if p.sex == "M" else "女", birth, dd, on.isoformat(), p.hukou, reason,
           cause))


def rec_cremation(w: World, p: Person, death: date, home: Home, lag: int, cause: str | None,
                  issuer: str | None, origin: str | None, *, as_person: Person | None = None,
                  force_missing_id: bool = False) -> None:
    """Civil affairs: each funeral home's own date style; IDs often missing or copied wrongly;
    ``as_person`` is the identity the body was cremated under (impersonation)."""
    cre = death + timedelta(days=lag)
    if cre > EXTRACT:
        return
    rng = w.rng
    shown = as_person or p
    name = w.write_name(shown, "cremations")
    if force_missing_id:
        idv, kind = None, "missing"
    elif as_person is not None:
        idv, kind = as_person.id18, "borrowed"
    else:
        idv, kind = w.write_id(p, "cremations", boost_legacy=p.birth.year < 1950)
    sex = None if rng.random() < home.sex_blank else ("男" if shown.sex == "M" else "女")
    age: int | None = shown.age_at(death) + (1 if home.xusui else 0)
    if rng.random() < 0.04:
        age = None
    dd = death if rng.random() < 0.95 else None
    w.add("cremations", (home.idx, cre, rng.random()), p, kind,
          (name, idv, sex, age, fmt_date(dd, home.style), fmt_date(cre, home.style), home.name,
           home.region, cause, issuer, origin))


def rec_medical(w: World, p: Person, hospital: str, admitted: datetime,
                discharged: datetime | None, diag: str, ext: str | None, disposition: str,
                payer: str | None, employer: str | None = None, er: bool = False) -> None:
    """Health: emergency admissions often without an ID; an unidentified body is 无名氏."""
    if admitted.date() > EXTRACT:
        return
    if discharged is not None and discharged.date() > EXTRACT:
        discharged = None
    rng = w.rng
    name = w.write_name(p, "medical_records")
    idv, kind = w.write_id(p, "medical_records", boost_legacy=p.birth.year < 1950)
    if er and kind != "missing" and rng.random() < 0.25:
        idv, kind = None, "missing"
    if er and disposition == "died" and rng.random() < 0.06:
        name = rng.choice(["无名氏", "男性无名氏" if p.sex == "M" else "女性无名氏"])
        idv, kind = None, "missing"
    sex = None if rng.random() < 0.02 else p.sex
    age: int | None = p.age_at(admitted.date())
    if rng.random() < 0.03:
        age = None
    w.add("medical_records", (hospital, admitted, rng.random()), p, kind,
          (name, idv, sex, age, hospital, w.hosp_region[hospital], admitted, discharged, diag,
           ext, disposition, payer, employer))


def rec_claim(w: World, p: Person, e: Enterprise, injury: date, outcome: str, desc: str | None,
              *, family: bool = False) -> None:
    """Human resources & social security: YYYYMMDD dates, 1/2 for sex; the employer applies
    within weeks, the family within months; a decision follows in two months or is pending."""
    if not e.registered:
        return
    rng = w.rng
    days = (rng.randint(35, 330) if family
            else max(3, int(rng.lognormvariate(math.log(22), 0.6))))
    applied = injury + timedelta(days=days)
    if applied > EXTRACT:
        return
    decided: date | None = applied + timedelta(days=rng.randint(15, 75))
    if outcome == "pending" or (decided is not None and decided > EXTRACT):
        decided, outcome = None, "pending"
    written = injury + timedelta(days=rng.choice([-1, 1])) if rng.random() < 0.04 else injury
    name = w.write_name(p, "injury_claims")
    idv, kind = w.write_id(p, "injury_claims")
    w.add("injury_claims", (applied, rng.random()), p, kind,
          (name, idv, "1" if p.sex == "M" else "2", w.ent_name(e, "claims"),
           w.write_uscc(e, 0.04, 0.03), fmt_date(written, "compact"),
           fmt_date(applied, "compact"), fmt_date(decided, "compact"), outcome, desc, e.region))


def rec_employment(w: World, p: Person, e: Enterprise, start: date, end: date | None) -> None:
    """Social-insurance enrolment: the ID is the key and always written (sometimes wrongly)."""
    if not e.registered or start > EXTRACT:
        return
    if end is not None and end > EXTRACT:
        end = None
    rng = w.rng
    idv, kind = w.write_id(p, "employment")
    name = None if rng.random() < 0.04 else w.write_name(p, "employment")
    industry = None if rng.random() < 0.15 else e.industry
    w.add("employment", (start, rng.random()), p, kind,
          (idv, name, w.ent_name(e, "employment"), w.write_uscc(e, 0.08, 0.01), industry, start,
           end))


def spell_start(w: World, p: Person, before: date) -> date:
    earliest = max(date(p.birth.year + 18, p.birth.month, 1), date(2003, 1, 1))
    span = (before - earliest).days
    if span <= 30:
        return before - timedelta(days=30)
    # recent starts are commoner (turnover)
    return before - timedelta(days=int(span * w.rng.random() ** 1.6) + 1)
