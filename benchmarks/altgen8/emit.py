"""Per-person record emitters (used for the few thousand incident and special-case persons)."""

from __future__ import annotations

import numpy as np

from . import geo
from .world import EXTRACT, NULL, World

DAY = 86400


def dereg_lag(rng: np.random.Generator) -> int:
    u = rng.random()
    if u < 0.6:
        return int(rng.integers(2, 30))
    if u < 0.95:
        return int(rng.integers(30, 180))
    return int(rng.integers(180, 720))


def cremation_lag(rng: np.random.Generator) -> int:
    """Days from death to cremation in ordinary deaths (fast cremation is common)."""
    return int(rng.choice(9, p=[0.02, 0.15, 0.25, 0.28, 0.13, 0.07, 0.05, 0.03, 0.02]))


def in_province(code: int) -> bool:
    return code // 10000 == 52


def emit_dereg(w: World, pid: int, death: int, cause: str | None, lag: int | None = None,
               noise: float = 1.0, reason: str = "death", death_known: bool = True) -> bool:
    hukou = int(w.people.hukou[pid])
    if not in_province(hukou):
        return False  # cancelled in the home province, not in this export
    dereg = death + (dereg_lag(w.rng) if lag is None else lag)
    if dereg > EXTRACT:
        return False
    w.add_row("deregistrations", pid=pid, death=death if death_known else NULL, dereg=dereg,
              region=hukou, reason=reason, cause=cause, noise=noise)
    return True


def emit_cremation(w: World, pid: int, death: int, crem: int, home: int, cause: str | None,
                   issuer: str | None, origin: str | None, noise: float = 1.0,
                   id_force: str | None = None, death_known: bool = True) -> bool:
    if crem > EXTRACT:
        return False
    w.add_row("cremations", pid=pid, death=death if death_known else NULL, crem=crem,
              home=home, cause=cause, issuer=issuer, origin=origin, noise=noise,
              id_force=id_force)
    return True


def emit_claim(w: World, pid: int, ent: int, injury: int, applied: int, decided: int,
               outcome: str, desc: str | None, noise: float = 1.0) -> bool:
    assert w.ent is not None
    if applied > EXTRACT:
        return False
    if decided > EXTRACT:
        decided, outcome = NULL, "pending"
    if outcome == "pending":
        decided = NULL
    w.add_row("injury_claims", pid=pid, ent=ent, injury=injury, applied=applied,
              decided=decided, outcome=outcome, desc=desc, region=int(w.ent.county[ent]),
              noise=noise)
    return True


def emit_medical(w: World, pid: int, hosp: int, admit: int, disch: int, diag: str,
                 ext: str | None, disp: str, payer: str | None, ent: int = NULL,
                 noise: float = 1.0, id_force: str | None = None) -> None:
    if admit > (EXTRACT + 1) * DAY:
        return
    if disch > (EXTRACT + 1) * DAY:
        disch, disp = NULL, "discharged"  # still in hospital at extraction
    w.add_row("medical_records", pid=pid, hosp=hosp, admit=admit, disch=disch, diag=diag,
              ext=ext, disp=disp, payer=payer, ent=ent, noise=noise, id_force=id_force)


def hospital_course(w: World, pid: int, admit: int, first_hosp: int, diag: str, ext: str | None,
                    payer: str | None, ent: int = NULL, die_day: int | None = None,
                    los_days: tuple[int, int] = (14, 90), transfer: bool = False,
                    left: bool = False, noise: float = 1.0, id_force: str | None = None,
                    rename_second: bool = False, left_by: int | None = None) -> int:
    """An admission, an optional transfer, and its end: death on ``die_day``, leaving against
    advice, or discharge; returns the last hospital."""
    rng = w.rng
    hosp = first_hosp
    if transfer:
        out = admit + int(rng.integers(2, 30)) * 3600
        if die_day is not None:
            out = min(out, die_day * DAY + 3600)
        emit_medical(w, pid, hosp, admit, max(out, admit + 1800), diag, ext, "transferred",
                     payer, ent, noise, id_force)
        hosp = geo.referral_hospital(rng, hosp)
        admit = max(out, admit + 1800) + int(rng.integers(1, 5)) * 3600
        noise = noise * (3.0 if rename_second else 1.0)
        id_force = None if rng.random() < 0.5 else id_force
    if die_day is not None:
        end = max(die_day * DAY + int(rng.integers(0, 86400)), admit + 1200)
        emit_medical(w, pid, hosp, admit, end, diag, ext, "died", payer, ent, noise, id_force)
    elif left:
        end = admit + int(rng.integers(3, 72)) * 3600
        if left_by is not None:  # taken home to die there that day
            end = max(min(admit + int(rng.integers(2, 10)) * 3600, left_by * DAY + 86399),
                      admit + 1800)
        emit_medical(w, pid, hosp, admit, end, diag, ext, "left_against_advice", payer, ent,
                     noise, id_force)
    else:
        end = admit + int(rng.integers(*los_days)) * DAY + int(rng.integers(0, 36000))
        emit_medical(w, pid, hosp, admit, end, diag, ext, "discharged", payer, ent, noise,
                     id_force)
    return hosp

