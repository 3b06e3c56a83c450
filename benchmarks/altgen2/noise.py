"""Per-source rendering of people and dates, with the noise real exports carry."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from pypinyin import lazy_pinyin

from . import idcodes
from .refdata import HOMOPHONES, POLYPHONE_SURNAMES, TRADITIONAL


@dataclass(frozen=True)
class NoiseProfile:
    """Error rates of one source (shares of its rows)."""

    name_err: float  # any name error
    id_missing: float
    id_legacy: float
    id_lower_x: float  # share of X-ending IDs written with a lower-case x
    id_wrong_check: float
    id_typo: float
    sex_missing: float
    sex_style: str  # "MF", "zh", "12", "mixed"
    age_off: float = 0.06
    age_missing: float = 0.02
    date_styles: tuple[float, float, float, float] = (1.0, 0.0, 0.0, 0.0)  # iso, slash, compact, zh


PROFILES: dict[str, NoiseProfile] = {
    "accident_victims": NoiseProfile(0.05, 0.10, 0.01, 0.2, 0.02, 0.035, 0.03, "MF", 0.1, 0.05),
    "deregistrations": NoiseProfile(0.012, 0.015, 0.01, 0.2, 0.004, 0.008, 0.005, "zh",
                                    date_styles=(0.9, 0.05, 0.0, 0.05)),
    "cremations": NoiseProfile(0.07, 0.28, 0.03, 0.45, 0.02, 0.05, 0.04, "mixed", 0.1, 0.06,
                               date_styles=(0.2, 0.6, 0.0, 0.2)),
    "injury_claims": NoiseProfile(0.02, 0.006, 0.002, 0.1, 0.004, 0.012, 0.01, "zh",
                                  date_styles=(0.6, 0.0, 0.1, 0.3)),
    "medical_records": NoiseProfile(0.05, 0.0, 0.01, 0.3, 0.01, 0.025, 0.01, "12", 0.05, 0.02,
                                    date_styles=(0.7, 0.3, 0.0, 0.0)),
    "employment": NoiseProfile(0.02, 0.0, 0.005, 0.05, 0.003, 0.006, 0.0, "MF",
                               date_styles=(0.1, 0.0, 0.9, 0.0)),
}


def fmt_date(d: date, style: int) -> str:
    if style == 0:
        return d.isoformat()
    if style == 1:
        return f"{d.year}/{d.month}/{d.day}"
    if style == 2:
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_datetime(t: datetime, style: int, seconds: bool) -> str:
    hm = f"{t.hour:02d}:{t.minute:02d}" + (f":{t.second:02d}" if seconds else "")
    return f"{fmt_date(t.date(), style)} {hm}"


def pick_styles(rng: np.random.Generator, n: int, weights: tuple[float, ...]) -> np.ndarray:
    p = np.array(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def render_dates(rng: np.random.Generator, values: Sequence[date | None],
                 weights: tuple[float, float, float, float]) -> list[str | None]:
    styles = pick_styles(rng, len(values), weights)
    return [None if v is None else fmt_date(v, int(s)) for v, s in zip(values, styles, strict=True)]


def render_datetimes(rng: np.random.Generator, values: Sequence[datetime | None],
                     weights: tuple[float, float, float, float]) -> list[str | None]:
    styles = pick_styles(rng, len(values), weights)
    secs = rng.random(len(values)) < 0.6
    return [None if v is None else fmt_datetime(v, int(s), bool(x))
            for v, s, x in zip(values, styles, secs, strict=True)]


def _pinyin(name: str, rng: np.random.Generator) -> str:
    sur_len = 2 if len(name) >= 3 and name[:2] in ("欧阳", "司马", "上官", "令狐") else 1
    sur, given = name[:sur_len], name[sur_len:]
    if sur in POLYPHONE_SURNAMES:
        right, wrong = POLYPHONE_SURNAMES[sur]
        sp = wrong if rng.random() < 0.5 else right
    else:
        sp = "".join(lazy_pinyin(sur))
    gp = "".join(lazy_pinyin(given))
    style = rng.random()
    if style < 0.4:
        return f"{sp.capitalize()} {gp.capitalize()}"
    if style < 0.7:
        return f"{sp.upper()} {gp.upper()}"
    if style < 0.85:
        return (sp + gp).lower()
    return f"{gp.capitalize()} {sp.capitalize()}"


def corrupt_name(name: str, rng: np.random.Generator) -> str:
    """One realistic error in a Chinese name."""
    if len(name) < 2:
        return name
    r = rng.random()
    chars = list(name)
    if r < 0.35:  # homophone
        idx = [i for i, c in enumerate(chars) if c in HOMOPHONES]
        if idx:
            i = idx[int(rng.integers(0, len(idx)))]
            alts = HOMOPHONES[chars[i]]
            chars[i] = alts[int(rng.integers(0, len(alts)))]
            return "".join(chars)
        r = 0.4
    if r < 0.55:  # traditional characters
        out = "".join(TRADITIONAL.get(c, c) for c in chars)
        if out != name:
            return out
        r = 0.6
    if r < 0.65:  # dropped character (not the surname)
        if len(chars) >= 3:
            i = int(rng.integers(1, len(chars)))
            return "".join(chars[:i] + chars[i + 1:])
        return name + name[-1]  # duplicated
    if r < 0.72:  # duplicated character
        i = int(rng.integers(1, len(chars)))
        return "".join(chars[: i + 1] + chars[i:])
    if r < 0.9:  # stray space or middle dot
        sep = " " if rng.random() < 0.6 else "·"
        i = 1 if rng.random() < 0.8 else len(chars) - 1
        out = "".join(chars[:i]) + sep + "".join(chars[i:])
        return out + (" " if rng.random() < 0.2 else "")
    return _pinyin(name, rng)


def render_names(rng: np.random.Generator, names: list[str], rate: float) -> list[str]:
    hit = rng.random(len(names)) < rate
    return [corrupt_name(n, rng) if h else n for n, h in zip(names, hit, strict=True)]


def render_ids(rng: np.random.Generator, ids: list[str], prof: NoiseProfile,
               missing_boost: list[float] | None = None) -> list[str | None]:
    n = len(ids)
    u = rng.random((n, 5))
    out: list[str | None] = []
    for k, idv in enumerate(ids):
        miss = prof.id_missing + (missing_boost[k] if missing_boost is not None else 0.0)
        if u[k, 0] < miss:
            out.append(None)
            continue
        v = idv
        if u[k, 1] < prof.id_legacy:
            out.append(idcodes.legacy15(v))
            continue
        if u[k, 2] < prof.id_typo:
            v = idcodes.typo_id(rng, v)
        elif u[k, 3] < prof.id_wrong_check:
            v = idcodes.wrong_check(rng, v)
        if v.endswith("X") and u[k, 4] < prof.id_lower_x:
            v = v[:17] + "x"
        out.append(v)
    return out


def render_sex(rng: np.random.Generator, sexes: list[str], prof: NoiseProfile) -> list[str | None]:
    n = len(sexes)
    miss = rng.random(n) < prof.sex_missing
    style = prof.sex_style
    styles = rng.choice(3, size=n, p=[0.5, 0.4, 0.1]) if style == "mixed" else None
    out: list[str | None] = []
    for k, s in enumerate(sexes):
        if miss[k]:
            out.append(None)
            continue
        st = style
        if styles is not None:
            st = ("MF", "zh", "12")[int(styles[k])]
        if st == "MF":
            out.append(s)
        elif st == "zh":
            out.append("男" if s == "M" else "女")
        else:
            out.append("1" if s == "M" else "2")
    return out


def render_ages(rng: np.random.Generator, births: Sequence[date], at: Sequence[date | None],
                prof: NoiseProfile) -> list[int | None]:
    n = len(births)
    u = rng.random(n)
    v = rng.random(n)
    out: list[int | None] = []
    for k in range(n):
        a = at[k]
        if a is None or u[k] < prof.age_missing:
            out.append(None)
            continue
        b = births[k]
        age = a.year - b.year - ((a.month, a.day) < (b.month, b.day))
        if v[k] < prof.age_off:
            age += 1 if v[k] < prof.age_off * 0.75 else -1  # 虚岁 or year difference
        out.append(max(age, 0))
    return out


_FORM_RE = re.compile(r"(集团有限公司|股份有限公司|有限责任公司|有限公司)$")


def employer_variant(name: str, rng: np.random.Generator, free_typed: bool = False) -> str:
    """How another department writes the same employer."""
    if free_typed:  # a hospital clerk's short form
        core = _FORM_RE.sub("", name)
        core = re.sub(r"^(山西省?|[\u4e00-\u9fff]{2}市)", "", core)
        return core if core else name
    r = rng.random()
    if r < 0.6:
        return name
    if r < 0.7:
        return _FORM_RE.sub(lambda m: "有限责任公司" if m.group(1) == "有限公司" else "有限公司", name)
    if r < 0.78:
        return re.sub(r"^山西省?", "", name) if name.startswith("山西") else "山西" + name
    if r < 0.84:
        return re.sub(r"^[\u4e00-\u9fff]{2}市", "", name)
    if r < 0.9:
        return name.replace("集团有限公司", "（集团）有限公司").replace("（", "(").replace("）", ")")
    if r < 0.95:
        return name + " "
    return _FORM_RE.sub("公司", name)
