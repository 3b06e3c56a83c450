"""Errors departments' records carry, applied to clean synthetic sources at configured rates.

``apply_noise(source, frame, rates, rng, enterprises)`` works on typed columns: it appends
duplicate submissions (re-keyed later under a new ``record_id``), then garbles names
(homophones, traditional characters, dropped / duplicated characters, spaces and middle
dots, pinyin), ID numbers (missing, transposed or mistyped digits, 15-digit legacy form,
lower-case ``x``, wrong check character, another person's ID copied in), clerk-typed dates
(off by days, day/month swapped), ages (off by one), employer names and USCCs. Every kind
is drawn independently per record. ``format_source`` then writes each column as the text a
department exports: dates in mixed formats (``YYYY-MM-DD``, ``YYYY/M/D``, ``YYYYMMDD``,
``YYYY年M月D日``) and sex as ``M``/``F``, ``男``/``女`` or ``1``/``2``.

Masks are drawn vectorised; the garbling itself runs in Python only over the affected
rows (a few percent), or over distinct values (traditional characters, pinyin).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import polars as pl
from opencc import OpenCC
from pypinyin import lazy_pinyin

from pipelines.contract import SOURCES
from synthetic_data.config import NoiseRates
from synthetic_data.ids import ID_CHECK, USCC_ALPHABET
from synthetic_data.names import HOMOPHONES

_S2T = OpenCC("s2t")

# preferred alternative date formats per source (departments' systems differ)
_ALT_FORMATS = {
    "deregistrations": ("slash", "compact", "zh"),
    "cremations": ("slash", "zh", "compact"),
    "injury_claims": ("zh", "slash", "compact"),
    "medical_records": ("compact", "slash", "zh"),
    "employment": ("compact", "slash", "zh"),
    "accidents": ("slash", "zh", "compact"),
}
_ALT_P = (0.6, 0.25, 0.15)

# dates a clerk types (and mistypes); system-stamped ones (deregistered_on, cremated_on,
# applied_on, admission times …) are exact
_CLERK_DATES = {
    "deregistrations": ("birth_date", "death_date"),
    "cremations": ("death_date",),
    "injury_claims": ("injury_date",),
    "employment": ("start_date",),
}


def _mask(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    return rng.random(n) < p if p > 0 else np.zeros(n, dtype=bool)


def _map_rows(values: list[str | None], rows: np.ndarray, fn: Callable[[str, float], str],
              u: np.ndarray) -> None:
    for i in rows.tolist():
        v = values[i]
        if v:
            values[i] = fn(v, float(u[i]))


# ----------------------------------------------------------------- names
def _homophone(name: str, u: float) -> str:
    idx = [i for i, c in enumerate(name) if c in HOMOPHONES]
    if not idx:
        return name
    i = idx[int(u * len(idx)) % len(idx)]
    alts = HOMOPHONES[name[i]]
    return name[:i] + alts[int(u * 997) % len(alts)] + name[i + 1:]


def _drop_char(name: str, u: float) -> str:
    if len(name) < 3:
        return name
    i = 1 + int(u * (len(name) - 1)) % (len(name) - 1)
    return name[:i] + name[i + 1:]


def _dup_char(name: str, u: float) -> str:
    i = 1 + int(u * (len(name) - 1)) % max(1, len(name) - 1)
    i = min(i, len(name) - 1)
    return name[:i + 1] + name[i] + name[i + 1:]


def _space_dot(name: str, u: float) -> str:
    if u < 0.5:
        return name[:1] + " " + name[1:]
    if u < 0.8:
        return name[:1] + "·" + name[1:]
    return name[:-1] + " " + name[-1:] if len(name) > 2 else name + " "


@lru_cache(maxsize=65536)
def _syllables(name: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(name))


def _pinyin(name: str, u: float) -> str:
    parts = _syllables(name)
    sur, given = parts[0], "".join(parts[1:])
    if u < 0.5:
        return f"{sur.capitalize()} {given.capitalize()}"
    if u < 0.8:
        return f"{sur.upper()} {given.upper()}"
    return f"{sur}{given}"


def noise_names(values: list[str | None], rates: NoiseRates, rng: np.random.Generator,
                counts: dict[str, int] | None = None) -> list[str | None]:
    n = len(values)
    out = list(values)
    for kind, p, fn in [("name_homophone", rates.name_homophone, _homophone),
                        ("name_drop_char", rates.name_drop_char, _drop_char),
                        ("name_dup_char", rates.name_dup_char, _dup_char)]:
        rows = np.flatnonzero(_mask(rng, n, p))
        _map_rows(out, rows, fn, rng.random(n))
        if counts is not None:
            counts[kind] = counts.get(kind, 0) + len(rows)
    trad = np.flatnonzero(_mask(rng, n, rates.name_traditional))
    cache: dict[str, str] = {}
    for i in trad.tolist():
        v = out[i]
        if v:
            out[i] = cache.setdefault(v, _S2T.convert(v))
    pin = np.flatnonzero(_mask(rng, n, rates.name_pinyin))
    _map_rows(out, pin, _pinyin, rng.random(n))
    sp = np.flatnonzero(_mask(rng, n, rates.name_space_dot))
    _map_rows(out, sp, lambda v, u: v if v.isascii() else _space_dot(v, u), rng.random(n))
    if counts is not None:
        counts["name_traditional"] = counts.get("name_traditional", 0) + len(trad)
        counts["name_pinyin"] = counts.get("name_pinyin", 0) + len(pin)
        counts["name_space_dot"] = counts.get("name_space_dot", 0) + len(sp)
    return out


# ----------------------------------------------------------------- IDs
def _transpose(v: str, u: float) -> str:
    i = int(u * 16) % 16
    if v[i] == v[i + 1]:
        i = (i + 3) % 16
    return v[:i] + v[i + 1] + v[i] + v[i + 2:]


def _mistype(v: str, u: float) -> str:
    i = int(u * 17) % 17
    d = (int(v[i]) + 1 + int(u * 1000) % 9) % 10
    return v[:i] + str(d) + v[i + 1:]


def _bad_check(v: str, u: float) -> str:
    alts = [c for c in ID_CHECK.tolist() if c != v[17]]
    return v[:17] + alts[int(u * len(alts)) % len(alts)]


def noise_ids(values: list[str | None], p_missing: float, rates: NoiseRates,
              rng: np.random.Generator, counts: dict[str, int] | None = None) -> list[str | None]:
    n = len(values)
    out = list(values)
    plan = [("id_transpose", rates.id_transpose, _transpose),
            ("id_mistype", rates.id_mistype, _mistype),
            ("id_bad_check", rates.id_bad_check, _bad_check)]
    for kind, p, fn in plan:
        rows = np.flatnonzero(_mask(rng, n, p))
        _map_rows(out, rows, fn, rng.random(n))
        if counts is not None:
            counts[kind] = counts.get(kind, 0) + len(rows)
    other = np.flatnonzero(_mask(rng, n, rates.id_other_person))
    if len(other) and n > 1:
        donors = (other + rng.integers(1, n, len(other))) % n
        snapshot = list(out)
        for i, j in zip(other.tolist(), donors.tolist(), strict=True):
            out[i] = snapshot[j]
    if counts is not None:
        counts["id_other_person"] = counts.get("id_other_person", 0) + len(other)
    legacy = np.flatnonzero(_mask(rng, n, rates.id_legacy15))
    n_legacy = 0
    for i in legacy.tolist():
        v = out[i]
        if v and len(v) == 18 and v[6:8] == "19" and v[8:10] < "85":
            out[i] = v[:6] + v[8:17]
            n_legacy += 1
    lower = _mask(rng, n, rates.id_lower_x)
    for i in np.flatnonzero(lower).tolist():
        v = out[i]
        if v and v.endswith("X"):
            out[i] = v[:-1] + "x"
    miss = _mask(rng, n, p_missing)
    for i in np.flatnonzero(miss).tolist():
        out[i] = None
    if counts is not None:
        counts["id_legacy15"] = counts.get("id_legacy15", 0) + n_legacy
        counts["id_missing"] = counts.get("id_missing", 0) + int(miss.sum())
    return out


# ----------------------------------------------------------------- the rest
def _noise_dates(frame: pl.DataFrame, col: str, rates: NoiseRates, rng: np.random.Generator) -> pl.Series:
    s = frame[col]
    n = len(s)
    is_dt = s.dtype == pl.Datetime("us")
    d = s.dt.date() if is_dt else s
    days = d.cast(pl.Int32).to_numpy().astype(np.float64)
    null = np.isnan(days) if days.dtype.kind == "f" else np.zeros(n, dtype=bool)
    shift = np.zeros(n, dtype=np.int64)
    off = _mask(rng, n, rates.date_off_days)
    mag = rng.choice([1, 1, 1, 2, 2, 3, 30, 365], size=n)
    shift[off] = (mag * np.where(rng.random(n) < 0.5, -1, 1))[off]
    swap = _mask(rng, n, rates.date_day_month_swap) & ~null
    dd = d.dt.day().to_numpy()
    mm = d.dt.month().to_numpy()
    yy = d.dt.year().to_numpy()
    ok = swap & (np.nan_to_num(dd.astype(float)) <= 12) & (dd != mm)
    if ok.any():
        swapped = pl.DataFrame({"y": yy[ok], "m": dd[ok], "d": mm[ok]}).select(
            pl.date(pl.col("y"), pl.col("m"), pl.col("d")).cast(pl.Int32)).to_series().to_numpy()
        shift[ok] = swapped - days[ok].astype(np.int64)
    if not shift.any():
        return s
    if is_dt:
        return (s + pl.Series(shift * 86_400_000_000).cast(pl.Duration("us"))).alias(col)
    return (s.cast(pl.Int32) + pl.Series(shift.astype(np.int32))).cast(pl.Date).alias(col)


def _employer_variant(names: pl.Series, enterprises: pl.DataFrame, p: float,
                      rng: np.random.Generator) -> pl.Series:
    """Employer names as clerks write them: without prefix, short, other legal form."""
    n = len(names)
    m = _mask(rng, n, p) & names.is_not_null().to_numpy()
    if not m.any():
        return names
    f = pl.DataFrame({"name": names}).join(enterprises, on="name", how="left", maintain_order="left")
    short = f["short_name"].to_numpy()
    brand = f["brand"].to_numpy()
    full = names.to_numpy().astype(object)
    u = rng.random(n)
    out = full.copy()
    has = m & (f["short_name"].is_not_null().to_numpy())
    idx = np.flatnonzero(has)
    for i in idx.tolist():
        v, s, b, x = full[i], short[i], brand[i], u[i]
        core = v[v.index(b):] if b in v else v          # without the place prefix
        if x < 0.35:
            out[i] = core
        elif x < 0.6:
            out[i] = s
        elif x < 0.8:
            out[i] = (v.replace("有限责任公司", "有限公司") if "有限责任公司" in v
                      else v.replace("有限公司", "有限责任公司"))
        else:
            out[i] = "山西" + core
    return pl.Series(names.name, out.tolist(), dtype=pl.String)


def _noise_uscc(values: pl.Series, rates: NoiseRates, rng: np.random.Generator) -> pl.Series:
    n = len(values)
    out = values.to_list()
    for i in np.flatnonzero(_mask(rng, n, rates.uscc_mistype)).tolist():
        v = out[i]
        if v:
            j = int(rng.integers(2, 17))
            c = USCC_ALPHABET[(USCC_ALPHABET.index(v[j]) + 1 + int(rng.integers(0, 29))) % 31]
            out[i] = v[:j] + c + v[j + 1:]
    for i in np.flatnonzero(_mask(rng, n, rates.uscc_missing)).tolist():
        out[i] = None
    return pl.Series(values.name, out, dtype=pl.String)


def apply_noise(source: str, frame: pl.DataFrame, rates: NoiseRates, rng: np.random.Generator,
                enterprises: pl.DataFrame | None = None,
                counts: dict[str, int] | None = None) -> pl.DataFrame:
    """Duplicates appended, then every noise kind drawn per record (typed columns kept)."""
    n = frame.height
    dup = _mask(rng, n, rates.duplicate.get(source, 0.0))
    if dup.any():
        frame = pl.concat([frame, frame.filter(pl.Series(dup))])
    n = frame.height
    if counts is not None:
        counts["duplicate"] = counts.get("duplicate", 0) + int(dup.sum())
        counts["rows"] = counts.get("rows", 0) + n
    cols: dict[str, pl.Series] = {}
    if "name" in frame.columns:
        cols["name"] = pl.Series("name", noise_names(frame["name"].to_list(), rates, rng, counts),
                                 dtype=pl.String)
    if "id_number" in frame.columns:
        cols["id_number"] = pl.Series("id_number", noise_ids(
            frame["id_number"].to_list(), rates.id_missing.get(source, 0.0), rates, rng, counts),
            dtype=pl.String)
    for c in _CLERK_DATES.get(source, ()):
        if c in frame.columns:
            cols[c] = _noise_dates(frame, c, rates, rng)
    if "age" in frame.columns:
        off = _mask(rng, n, rates.age_off_by_one)
        delta = np.where(rng.random(n) < 0.75, 1, -1) * off
        cols["age"] = (frame["age"] + pl.Series(delta)).clip(0, None).alias("age")
    if "sex" in frame.columns:
        miss = _mask(rng, n, rates.sex_missing)
        cols["sex"] = frame["sex"].scatter(np.flatnonzero(miss), None) if miss.any() else frame["sex"]
    if "employer_name" in frame.columns and source != "employment" and enterprises is not None:
        cols["employer_name"] = _employer_variant(frame["employer_name"], enterprises,
                                                  rates.employer_name_variant, rng)
    if "employer_uscc" in frame.columns:
        cols["employer_uscc"] = _noise_uscc(frame["employer_uscc"], rates, rng)
    return frame.with_columns(list(cols.values()))


def _fmt_date(expr: pl.Expr, kind: str) -> pl.Expr:
    y = expr.dt.year().cast(pl.String)
    m = expr.dt.month().cast(pl.String)
    d = expr.dt.day().cast(pl.String)
    if kind == "slash":
        return pl.concat_str([y, m, d], separator="/")
    if kind == "compact":
        return expr.dt.strftime("%Y%m%d")
    if kind == "zh":
        return pl.concat_str([y, pl.lit("年"), m, pl.lit("月"), d, pl.lit("日")])
    return expr.dt.strftime("%Y-%m-%d")


def format_source(source: str, frame: pl.DataFrame, rates: NoiseRates,
                  rng: np.random.Generator) -> pl.DataFrame:
    """Every contract column as the exported text; columns in contract order, extras dropped."""
    spec = SOURCES[source]
    n = frame.height
    exprs = []
    alt_kinds = _ALT_FORMATS.get(source, ("slash", "zh", "compact"))
    for c in spec.columns:
        if c.name not in frame.columns:
            exprs.append(pl.lit(None, pl.String).alias(c.name))
            continue
        col = pl.col(c.name)
        if c.dtype in ("date", "datetime"):
            alt = _mask(rng, n, rates.date_alt_format)
            which = rng.choice(3, size=n, p=_ALT_P)
            kind = np.where(alt, np.array(alt_kinds)[which], "iso")
            kind_s = pl.lit(pl.Series(kind))
            date_part = pl.when(kind_s == "slash").then(_fmt_date(col, "slash")).when(
                kind_s == "compact").then(_fmt_date(col, "compact")).when(kind_s == "zh").then(
                _fmt_date(col, "zh")).otherwise(_fmt_date(col, "iso"))
            if c.dtype == "datetime":
                secs = rng.random(n) < 0.5
                tpart = pl.when(pl.lit(pl.Series(secs))).then(col.dt.strftime("%H:%M:%S")).otherwise(
                    col.dt.strftime("%H:%M"))
                # compact dates travel with compact times in some systems; keep a space anyway
                exprs.append(pl.concat_str([date_part, pl.lit(" "), tpart]).alias(c.name))
            else:
                exprs.append(date_part.alias(c.name))
        elif c.dtype == "sex":
            u = pl.lit(pl.Series(rng.random(n)))
            p = rates.sex_mixed_forms
            exprs.append(
                pl.when(u < p * 0.7).then(col.replace_strict({"M": "男", "F": "女"}, default=None))
                .when(u < p).then(col.replace_strict({"M": "1", "F": "2"}, default=None))
                .otherwise(col).alias(c.name))
        elif c.dtype == "bool":
            exprs.append(col.cast(pl.String).str.to_lowercase().alias(c.name))
        else:
            exprs.append(col.cast(pl.String).alias(c.name))
    return frame.select(exprs)
