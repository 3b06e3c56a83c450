"""Background events: the deaths and injuries that are not production-safety incidents.

They are the hard negatives: natural deaths (also of working-age miners), traffic deaths of
people who were not working, falls and coal-stove poisoning at home, pneumoconiosis deaths of
retired miners, sudden deaths at work and commuting deaths (both recognised as 工亡), routine
work injuries, and a large volume of ordinary injury admissions.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .population import END, START, Enterprises, People, Workers, home_counties

DEATH_START = np.datetime64("2022-10-01")  # deaths this early still surface in 2023 exports
ANNUAL_DEATHS = 290_000
YEARS = float((END - DEATH_START).astype(int) + 1) / 365.25

# non-occupational deaths: share, age range, share male
NONOCC = {
    "traffic": (0.32, 16, 80, 0.74),
    "home_fall": (0.26, 68, 98, 0.45),
    "home_co": (0.06, 5, 90, 0.55),
    "drowning": (0.07, 5, 70, 0.75),
    "suicide": (0.15, 18, 90, 0.6),
    "injury_other": (0.14, 10, 90, 0.65),
}


def _seasonal_dates(rng: np.random.Generator, k: int, lo: np.datetime64, hi: np.datetime64,
                    amplitude: float) -> np.ndarray:
    """Days in [lo, hi] with a winter peak of the given relative amplitude."""
    span = int((hi - lo).astype(int)) + 1
    days = lo + np.arange(span).astype("timedelta64[D]")
    doy = (days - days.astype("datetime64[Y]")).astype(int)
    w = 1 + amplitude * np.cos(2 * np.pi * doy / 365.25)
    return days[rng.choice(span, k, p=w / w.sum())]


def _frame(rows: dict[str, np.ndarray], k: int, group: str | np.ndarray) -> pl.DataFrame:
    cols = {
        "person": rows["person"].astype(np.int64),
        "death_date": rows["death_date"].astype("datetime64[D]"),
        "group": np.broadcast_to(np.asarray(group, object), (k,)).copy(),
        "incident_id": np.full(k, None, object),
        "employer": rows.get("employer", np.full(k, -1)).astype(np.int64),
        "industry": rows.get("industry", np.full(k, None, object)),
        "acc_type": np.full(k, None, object),
        "place": rows["place"].astype(object),
        "injured_on": rows.get("injured_on", rows["death_date"]).astype("datetime64[D]"),
    }
    return pl.DataFrame(cols, schema={"person": pl.Int64, "death_date": pl.Date,
                                      "group": pl.String, "incident_id": pl.String,
                                      "employer": pl.Int64, "industry": pl.String,
                                      "acc_type": pl.String, "place": pl.String,
                                      "injured_on": pl.Date})


def background_deaths(rng: np.random.Generator, people: People, ent: Enterprises,
                      workers: Workers, former: tuple[np.ndarray, ...], used: set[int],
                      scale: float) -> pl.DataFrame:
    frames = []
    # 1. natural deaths of the general population: mostly the old
    k = round(ANNUAL_DEATHS * 0.92 * YEARS * scale)
    bands = np.array([[0, 16], [16, 45], [45, 60], [60, 70], [70, 80], [80, 90], [90, 101]])
    band = rng.choice(len(bands), k, p=[.01, .04, .10, .17, .28, .30, .10])
    dates = _seasonal_dates(rng, k, DEATH_START, END, 0.22)
    age = rng.uniform(bands[band, 0], bands[band, 1])
    person = _new_people(rng, people, dates, age, p_male=0.56)
    frames.append(_frame({"person": person, "death_date": dates,
                          "place": people.hukou[person]}, k, "natural"))

    # 2. workers: natural deaths by age (also sudden deaths at work, recognised as 工亡)
    alive = np.array([p not in used for p in workers.person])
    wage = people.age(workers.person, np.full(len(workers), START)).astype(float)
    hazard = 0.0004 * np.exp(0.085 * (wage - 20)) * YEARS
    dies = alive & (rng.random(len(workers)) < hazard)
    alive &= ~dies
    wi = np.flatnonzero(dies)
    dates = _seasonal_dates(rng, len(wi), DEATH_START, END, 0.15)
    at_work = rng.random(len(wi)) < 0.045
    groups = np.where(at_work, "sudden_at_work", "natural_worker")
    emp = workers.employer[wi]
    frames.append(_frame({"person": workers.person[wi], "death_date": dates, "employer": emp,
                          "industry": ent.industry[emp], "place": np.where(
                              at_work, ent.region[emp], people.hukou[workers.person[wi]])},
                         len(wi), groups))
    used.update(int(p) for p in workers.person[wi])

    # 3. retired miners: natural deaths, some from pneumoconiosis (occupational disease)
    fp, femp = former[0], former[1]
    fdie = rng.random(len(fp)) < 0.03 * YEARS
    fi = np.flatnonzero(fdie)
    dates = _seasonal_dates(rng, len(fi), DEATH_START, END, 0.3)
    occ = rng.random(len(fi)) < 0.18
    frames.append(_frame({"person": fp[fi], "death_date": dates, "employer": femp[fi],
                          "industry": ent.industry[femp[fi]], "place": people.hukou[fp[fi]]},
                         len(fi), np.where(occ, "occ_disease", "natural")))

    # 4. non-occupational injury deaths (off-duty workers among the traffic dead)
    k_all = round(ANNUAL_DEATHS * 0.065 * YEARS * scale)
    for group, (share, lo, hi, pm) in NONOCC.items():
        k = max(1, round(k_all * share))
        dates = _seasonal_dates(rng, k, DEATH_START, END, 0.9 if group == "home_co" else 0.1)
        person = _new_people(rng, people, dates, rng.uniform(lo, hi, k), p_male=pm)
        emp = np.full(k, -1)
        if group in ("traffic", "suicide", "drowning"):
            # some of them did have a job, and a high-risk one: not a work death all the same
            cand = np.flatnonzero(alive)
            n_w = min(len(cand), int(k * (0.12 if group == "traffic" else 0.05)))
            wi2 = rng.choice(cand, n_w, replace=False)
            person[:n_w] = workers.person[wi2]
            emp[:n_w] = workers.employer[wi2]
            alive[wi2] = False
            used.update(int(p) for p in workers.person[wi2])
        industry = np.full(k, None, object)
        industry[emp >= 0] = ent.industry[emp[emp >= 0]]
        frames.append(_frame({"person": person, "death_date": dates, "employer": emp,
                              "industry": industry, "place": people.hukou[person]}, k, group))

    # 5. commuting deaths of workers (road traffic, recognised as work injuries)
    cand = np.flatnonzero(alive & workers.enrolled)
    k = min(len(cand), max(1, round(120 * YEARS * scale)))
    wi = rng.choice(cand, k, replace=False)
    used.update(int(p) for p in workers.person[wi])
    dates = _seasonal_dates(rng, k, DEATH_START, END, 0.2)
    emp = workers.employer[wi]
    frames.append(_frame({"person": workers.person[wi], "death_date": dates, "employer": emp,
                          "industry": ent.industry[emp], "place": ent.region[emp]}, k, "commute"))
    return pl.concat(frames)


def _new_people(rng: np.random.Generator, people: People, dates: np.ndarray,
                age: np.ndarray, p_male: float) -> np.ndarray:
    """New residents aged `age` on the given dates."""
    birth = dates - (age * 365.25).astype(np.int64).astype("timedelta64[D]")
    male = rng.random(len(dates)) < p_male
    return people.add(male, birth, home_counties(rng, len(dates), 0.03))


def routine_work_injuries(rng: np.random.Generator, people: People, ent: Enterprises,
                          workers: Workers, dead: set[int], scale: float) -> pl.DataFrame:
    """Individual work injuries handled by work-injury insurance, not accidents on file."""
    k = round(45_000 * 1.25 * scale)
    ok = np.flatnonzero(np.array([p not in dead for p in workers.person]))
    ind = ent.industry[workers.employer[ok]]
    w = np.where(np.isin(ind, ["coal_mining", "non_coal_mining", "construction", "metallurgy",
                               "manufacturing"]), 2.0, 1.0)
    wi = ok[rng.choice(len(ok), k, p=w / w.sum())]
    days = _seasonal_dates(rng, k, START - np.timedelta64(150, "D"), END, 0.0)
    minutes = (np.clip(rng.normal(13, 4, k), 0, 23.9) * 60).astype(np.int64)
    at = days.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    severity = np.where(rng.random(k) < 0.12, "serious", "minor")
    commute = rng.random(k) < 0.1
    emp = workers.employer[wi]
    return pl.DataFrame({
        "person": workers.person[wi].astype(np.int64), "injured_on": days,
        "injured_at": at.astype("datetime64[us]"),
        "severity": severity, "group": np.where(commute, "commute_injury", "routine_work"),
        "incident_id": np.full(k, None, object), "employer": emp.astype(np.int64),
        "industry": ent.industry[emp], "acc_type": np.full(k, None, object),
        "place": ent.region[emp],
    }, schema_overrides={"incident_id": pl.String, "acc_type": pl.String})


def public_injuries(rng: np.random.Generator, people: People, workers: Workers,
                    dead: set[int], scale: float) -> pl.DataFrame:
    """Ordinary injury encounters: new people, some off-duty workers, some returning patients."""
    k = round(700_000 * 1.25 * scale)
    n_workers = int(k * 0.08)
    n_new = k - n_workers
    age = np.concatenate([rng.uniform(0, 18, int(n_new * .15)), rng.uniform(18, 60, int(n_new * .5)),
                          rng.uniform(60, 95, n_new - int(n_new * .15) - int(n_new * .5))])
    days = _seasonal_dates(rng, n_new, START - np.timedelta64(60, "D"), END, 0.1)
    person_new = _new_people(rng, people, days, age, p_male=0.55)
    ok = np.flatnonzero(np.array([p not in dead for p in workers.person]))
    wi = ok[rng.choice(len(ok), n_workers)]
    person = np.concatenate([person_new, workers.person[wi]])
    emp = np.concatenate([np.full(n_new, -1), workers.employer[wi]])
    days = np.concatenate([days, _seasonal_dates(rng, n_workers, START, END, 0.1)])
    # returning patients: a second encounter for some
    again = rng.choice(k, int(k * 0.04), replace=False)
    person = np.concatenate([person, person[again]])
    emp = np.concatenate([emp, emp[again]])
    days = np.concatenate([days, days[again] + rng.integers(3, 200, len(again)).astype(
        "timedelta64[D]")])
    n = len(person)
    minutes = (rng.uniform(0, 24, n) * 60).astype(np.int64)
    keep = days <= END
    frame = pl.DataFrame({
        "person": person.astype(np.int64), "injured_on": days,
        "injured_at": (days.astype("datetime64[m]") + minutes.astype("timedelta64[m]")).astype(
            "datetime64[us]"),
        "severity": np.where(rng.random(n) < 0.2, "serious", "minor"),
        "group": np.full(n, "public", object), "incident_id": np.full(n, None, object),
        "employer": emp.astype(np.int64), "industry": np.full(n, None, object),
        "acc_type": np.full(n, None, object), "place": people.hukou[person].astype(object),
    }, schema_overrides={"incident_id": pl.String, "acc_type": pl.String, "industry": pl.String})
    return frame.filter(pl.Series(keep))
