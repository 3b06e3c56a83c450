"""Comparisons: one class per comparison, each turning record pairs into an Int8 level.

A comparison is described by a plain dict (one ``[[comparisons]]`` table of the
configuration) and compiled here to vectorised polars / numpy / rapidfuzz code — no
per-pair Python. Level codes index the comparison's ``levels`` list: code 0 is always
the *null* level (a value missing on either side: its own level, weight 0, never a
disagreement), the last codes are the weakest agreement / disagreement.

Every class's docstring lists its levels in order, from the null level to the else
level. ``COMPARISONS`` maps the configuration's ``kind`` to the class.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import (
    OSA,
    DamerauLevenshtein,
    Jaro,
    JaroWinkler,
    Levenshtein,
)

from linkage.errors import ConfigError as UsageError

Pairs = dict[str, pl.Series]
"""Column name → values gathered for one side of every pair (same length, same order)."""

# metric name → (scorer, is_distance).  Similarities in [0, 1]; distances are edit counts.
METRICS: dict[str, tuple[Callable[..., Any], bool]] = {
    "jaro_winkler": (JaroWinkler.normalized_similarity, False),
    "jaro": (Jaro.normalized_similarity, False),
    "levenshtein": (Levenshtein.distance, True),
    "damerau_levenshtein": (DamerauLevenshtein.distance, True),
    "osa": (OSA.distance, True),
    "ratio": (fuzz.ratio, False),
    "token_sort_ratio": (fuzz.token_sort_ratio, False),
    "token_set_ratio": (fuzz.token_set_ratio, False),
}
_PERCENT_METRICS = {"ratio", "token_sort_ratio", "token_set_ratio"}


def _as_str(s: pl.Series) -> pl.Series:
    if s.dtype == pl.String:
        return s
    if s.dtype == pl.Date:
        return s.dt.to_string("%Y%m%d")
    return s.cast(pl.String, strict=False)


def _bool(s: pl.Series) -> np.ndarray:
    return s.fill_null(False).to_numpy().astype(bool, copy=False)


def _levels(null: np.ndarray, conditions: list[np.ndarray]) -> np.ndarray:
    """Code = 1 + index of the first true condition; len+1 when none; 0 when null."""
    n = null.shape[0]
    out = np.full(n, len(conditions) + 1, dtype=np.int8)
    for i in range(len(conditions) - 1, -1, -1):
        out[conditions[i]] = i + 1
    out[null] = 0
    return out


def pair_scores(left: pl.Series, right: pl.Series, metric: str, mask: np.ndarray) -> np.ndarray:
    """``metric`` of left[i] vs right[i] where ``mask``; NaN elsewhere (rapidfuzz cpdist)."""
    if metric not in METRICS:
        raise UsageError(f"unknown string metric {metric!r}", hint=f"use one of {sorted(METRICS)}")
    scorer, _ = METRICS[metric]
    out = np.full(left.len(), np.nan, dtype=np.float64)
    idx = np.flatnonzero(mask)
    if idx.size:
        a = _as_str(left).gather(idx).fill_null("").to_list()
        b = _as_str(right).gather(idx).fill_null("").to_list()
        vals = process.cpdist(a, b, scorer=scorer, workers=-1, dtype=np.float64)
        if metric in _PERCENT_METRICS:
            vals = vals / 100.0
        out[idx] = vals
    return out


def _threshold_conditions(scores: np.ndarray, thresholds: list[float], is_distance: bool) -> list[np.ndarray]:
    with np.errstate(invalid="ignore"):
        if is_distance:
            return [scores <= t for t in thresholds]
        return [scores >= t for t in thresholds]


class Comparison(ABC):
    """Base class. Subclasses set ``kind`` and ``levels`` and implement ``compute``."""

    kind: ClassVar[str] = ""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = dict(spec)
        self.name: str = spec["name"]
        self.tf_adjust: bool = bool(spec.get("tf_adjust", False))
        self.tf_levels: list[int] = list(spec.get("tf_levels", [1]))
        self.tf_weight: float = float(spec.get("tf_weight", 1.0))
        self.related_columns: list[str] = list(spec.get("related_columns", []))
        self.both_in: list[str] = list(spec.get("both_in", []))
        nb = list(spec.get("not_both_in", []))
        # a flat list is one group of sources; a list of lists is several groups
        self.not_both_in: list[list[str]] = [list(g) for g in nb] if nb and isinstance(nb[0], list) else ([nb] if nb else [])
        bw = list(spec.get("between", []))
        if bw and len(bw) != 2:
            raise UsageError(f"comparison {self.name!r}: between names two groups of sources",
                             hint='write between = [["a", "b"], ["c"]]')
        self.between: list[list[str]] = [list(g) for g in bw]
        self.not_between: list[list[list[str]]] = [[list(a), list(b)] for a, b in spec.get("not_between", [])]
        self.levels: list[str] = self._level_names()

    # -- to implement ---------------------------------------------------
    @abstractmethod
    def _level_names(self) -> list[str]:
        """The level names, from the null level to the else level."""

    @property
    @abstractmethod
    def columns(self) -> list[str]:
        """Record columns this comparison reads."""

    @abstractmethod
    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        """Int8 level code per pair."""

    # -- shared ---------------------------------------------------------
    @property
    def tf_column(self) -> str | None:
        if not self.tf_adjust:
            return None
        return self.spec.get("tf_column") or self.columns[0]

    def applies(self, left: Pairs, right: Pairs) -> np.ndarray | None:
        """Pairs this comparison applies to; None = all.

        ``both_in``: both records from these sources; ``not_both_in``: not both from one
        group (a list of sources, or a list of such lists); ``between``: one record from
        each of two groups (``[[a, b], [c]]``); ``not_between``: a list of such group
        pairs the comparison does not apply to.

        Where it does not apply the level is null, so one field can be compared with
        different m probabilities for different kinds of source pairs.
        """
        if not self.both_in and not self.not_both_in and not self.between and not self.not_between:
            return None
        sl, sr = left["_src"].cast(pl.String), right["_src"].cast(pl.String)
        ok = np.ones(sl.len(), dtype=bool)
        if self.both_in:
            ok &= _bool(sl.is_in(self.both_in) & sr.is_in(self.both_in))
        for group in self.not_both_in:
            ok &= ~_bool(sl.is_in(group) & sr.is_in(group))

        def across(a: list[str], b: list[str]) -> np.ndarray:
            return _bool((sl.is_in(a) & sr.is_in(b)) | (sl.is_in(b) & sr.is_in(a)))

        if self.between:
            ok &= across(*self.between)
        for a, b in self.not_between:
            ok &= ~across(a, b)
        return ok

    @property
    def all_columns(self) -> list[str]:
        cols = list(self.columns) + self.related_columns
        if self.tf_column:
            cols.append(self.tf_column)
        return list(dict.fromkeys(cols))

    def _req(self, key: str) -> Any:
        if key not in self.spec:
            raise UsageError(f"comparison {self.name!r} ({self.kind}) needs {key!r}",
                             hint=f"add {key} = ... to its [[comparisons]] table")
        return self.spec[key]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.spec)


class ExactMatch(Comparison):
    """Exact equality of one column.

    Levels: null · exact · else.
    """

    kind = "exact"

    def _level_names(self) -> list[str]:
        return ["null", "exact", "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        c = self.columns[0]
        x, r = left[c], right[c]
        null = _bool(x.is_null() | r.is_null())
        return _levels(null, [_bool(x == r)])


class StringSimilarity(Comparison):
    """A string column: exact, then a similarity (or edit distance) at thresholds.

    Options: ``column``, ``metric`` (jaro_winkler, jaro, levenshtein, damerau_levenshtein,
    osa, ratio, token_sort_ratio, token_set_ratio), ``thresholds`` (similarities ≥ t,
    or distances ≤ t, strongest first).

    Levels: null · exact · metric at thresholds[0] · … · metric at thresholds[-1] · else.
    """

    kind = "string"

    def _level_names(self) -> list[str]:
        metric = self.spec.get("metric", "jaro_winkler")
        _, is_dist = METRICS.get(metric, (None, False))
        op = "<=" if is_dist else ">="
        return ["null", "exact", *[f"{metric} {op} {t}" for t in self.spec.get("thresholds", [0.9])], "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        c = self.columns[0]
        metric = self.spec.get("metric", "jaro_winkler")
        x, r = _as_str(left[c]), _as_str(right[c])
        null = _bool(x.is_null() | r.is_null())
        exact = _bool(x == r)
        scores = pair_scores(x, r, metric, ~null & ~exact)
        _, is_dist = METRICS[metric]
        conds = _threshold_conditions(scores, list(self.spec.get("thresholds", [0.9])), is_dist)
        return _levels(null, [exact, *conds])


class NameComparison(Comparison):
    """A name, compared through a cascade of ever looser renderings, then a similarity.

    Options: ``exact_columns`` (e.g. characters, simplified characters, pinyin —
    strictest first), ``indel_column`` (optional: a level for one character dropped or
    added in that column — 张雪 / 张雪莉, 黄玉凤 / 黄玉玉凤), ``similarity_column``
    (default the last exact column), ``metric`` (default jaro_winkler), ``thresholds``.

    Levels: null · same exact_columns[0] · same exact_columns[1] · … · one character
    dropped or added (with ``indel_column``) · metric at thresholds[0] · … · else.
    """

    kind = "name"

    def _level_names(self) -> list[str]:
        cols = self.spec.get("exact_columns", [])
        metric = self.spec.get("metric", "jaro_winkler")
        indel = ["one character dropped or added"] if self.spec.get("indel_column") else []
        return ["null", *[f"same {c}" for c in cols], *indel,
                *[f"{metric} >= {t}" for t in self.spec.get("thresholds", [0.9])], "else"]

    @property
    def columns(self) -> list[str]:
        cols = list(self._req("exact_columns"))
        sim = self.spec.get("similarity_column") or cols[-1]
        indel = [self.spec["indel_column"]] if self.spec.get("indel_column") else []
        return list(dict.fromkeys([*cols, *indel, sim]))

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        cols = list(self.spec["exact_columns"])
        sim = self.spec.get("similarity_column") or cols[-1]
        metric = self.spec.get("metric", "jaro_winkler")
        first = cols[0]
        null = _bool(left[first].is_null() | right[first].is_null())
        conds = [_bool(_as_str(left[c]) == _as_str(right[c])) for c in cols]
        any_exact = np.logical_or.reduce(conds)
        ic = self.spec.get("indel_column")
        if ic:
            a, b = _as_str(left[ic]), _as_str(right[ic])
            one_len = _bool((a.str.len_chars().cast(pl.Int32) - b.str.len_chars().cast(pl.Int32)).abs() == 1)
            lev = pair_scores(a, b, "levenshtein", ~null & ~any_exact & one_len)
            with np.errstate(invalid="ignore"):
                conds.append(lev == 1)
        scores = pair_scores(left[sim], right[sim], metric, ~null & ~any_exact)
        _, is_dist = METRICS[metric]
        conds += _threshold_conditions(scores, list(self.spec.get("thresholds", [0.9])), is_dist)
        return _levels(null, conds)


def _date_parts(s: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(YYYYMMDD string, Date) of a Date or String date column."""
    if s.dtype == pl.Date:
        return s.dt.to_string("%Y%m%d"), s
    if isinstance(s.dtype, pl.Datetime):
        d = s.dt.date()
        return d.dt.to_string("%Y%m%d"), d
    txt = _as_str(s).str.replace_all(r"[-/]", "")
    return txt, txt.str.to_date("%Y%m%d", strict=False)


def _to_date(s: pl.Series) -> pl.Series:
    """A Date series of a Date, Datetime or text date column."""
    if s.dtype == pl.Date:
        return s
    if isinstance(s.dtype, pl.Datetime):
        return s.dt.date()
    return _date_parts(s)[1]


def _ymd(s: pl.Series) -> np.ndarray:
    """YYYYMMDD as int64 (-1 where null or unparseable)."""
    d = _to_date(s)
    v = (d.dt.year().cast(pl.Int64) * 10000 + d.dt.month().cast(pl.Int64) * 100 + d.dt.day().cast(pl.Int64))
    return v.fill_null(-1).to_numpy()


def _digit_differences(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of differing digits of two YYYYMMDD integers (Hamming distance on 8 digits)."""
    diff = np.zeros(a.shape[0], dtype=np.int8)
    x, y = a.copy(), b.copy()
    for _ in range(8):
        diff += (x % 10 != y % 10)
        x //= 10
        y //= 10
    return diff


def _swapped(a: np.ndarray) -> np.ndarray:
    """YYYYMMDD with month and day exchanged."""
    return (a // 10000) * 10000 + (a % 100) * 100 + (a // 100) % 100


class DateComparison(Comparison):
    """A date (Date column, or text YYYYMMDD / YYYY-MM-DD).

    Options: ``column``, ``swap`` (day and month swapped, default true), ``typo``
    (one character of YYYYMMDD wrong, default true), ``within_days`` (list, ascending),
    ``estimated_column`` (optional Boolean: the date stands in for a missing one — a
    cremation or deregistration date for a missing death date; such pairs get their own
    levels, since only nearness means anything) with ``estimated_within_days``.

    Levels: null · [estimated: within estimated_within_days[0] days · … · estimated:
    further apart] · exact · day-month swapped · one-digit typo · within within_days[0]
    days · … · else (swap/typo levels only when enabled).
    """

    kind = "date"

    def _level_names(self) -> list[str]:
        names = ["null"]
        if self.spec.get("estimated_column"):
            names += [f"estimated date: within {d} days" for d in self.spec.get("estimated_within_days", [7])]
            names.append("estimated date: further apart")
        names.append("exact")
        if self.spec.get("swap", True):
            names.append("day-month swapped")
        if self.spec.get("typo", True):
            names.append("one-digit typo")
        names += [f"within {d} days" for d in self.spec.get("within_days", [])]
        return [*names, "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column"), *([self.spec["estimated_column"]] if self.spec.get("estimated_column") else [])]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        c = self.columns[0]
        a, b = _ymd(left[c]), _ymd(right[c])
        null = (a < 0) | (b < 0)
        conds: list[np.ndarray] = []
        ec = self.spec.get("estimated_column")
        if ec:
            est = _bool(left[ec].cast(pl.Boolean) | right[ec].cast(pl.Boolean))
            gap = (_to_date(left[c]) - _to_date(right[c])).dt.total_days().abs().fill_null(1 << 30).to_numpy()
            conds += [est & (gap <= d) for d in self.spec.get("estimated_within_days", [7])]
            conds.append(est)
        conds.append(a == b)
        if self.spec.get("swap", True):
            conds.append(_swapped(a) == b)
        if self.spec.get("typo", True):
            conds.append(_digit_differences(a, b) <= 1)
        days = self.spec.get("within_days", [])
        if days:
            dl, dr = _to_date(left[c]), _to_date(right[c])
            gap = (dl - dr).dt.total_days().abs().fill_null(1 << 30).to_numpy()
            conds += [gap <= d for d in days]
        return _levels(null, conds)


_POW10 = 10 ** np.arange(17, dtype=np.int64)[::-1]


def _id_digits(s: pl.Series) -> np.ndarray:
    """(n, 18) Int8 digits of 18-character IDs (X = 10); the caller passes 18-character values."""
    body = s.str.slice(0, 17).str.to_integer(strict=False).fill_null(0).to_numpy().astype(np.int64)
    last = s.str.slice(17, 1).str.replace("X", "10").str.to_integer(strict=False).fill_null(11).to_numpy()
    out = np.empty((body.shape[0], 18), dtype=np.int8)
    out[:, :17] = (body[:, None] // _POW10[None, :]) % 10
    out[:, 17] = last
    return out


def _id_edits(x: pl.Series, r: pl.Series, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one adjacent transposition, one substitution, more than one edit) where ``mask``.

    18-character pairs are compared digit by digit (vectorised); any other shape falls back
    to rapidfuzz's OSA / Levenshtein distances.
    """
    n = mask.shape[0]
    trans, subst, far = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
    both18 = mask & _bool((x.str.len_chars() == 18) & (r.str.len_chars() == 18)
                          & x.str.contains(r"^\d{17}[\dX]$") & r.str.contains(r"^\d{17}[\dX]$"))
    idx = np.flatnonzero(both18)
    if idx.size:
        a, b = _id_digits(x.gather(idx)), _id_digits(r.gather(idx))
        diff = a != b
        ham = diff.sum(axis=1)
        swap = np.zeros(idx.size, bool)
        for p in range(17):
            swap |= diff[:, p] & diff[:, p + 1] & (a[:, p] == b[:, p + 1]) & (a[:, p + 1] == b[:, p])
        t = (ham == 2) & swap
        trans[idx], subst[idx], far[idx] = t, ham == 1, (ham > 1) & ~t
    rest = mask & ~both18
    if rest.any():
        osa = pair_scores(x, r, "osa", rest)
        lev = pair_scores(x, r, "levenshtein", rest)
        same_len = (x.str.len_chars() == r.str.len_chars()).fill_null(False).to_numpy()
        with np.errstate(invalid="ignore"):
            trans |= rest & (osa == 1) & (lev == 2)
            subst |= rest & (lev == 1) & same_len
            far |= rest & ~(osa <= 1)
    return trans, subst, far


class IdNumber(Comparison):
    """A resident ID number (18 characters; legacy 15-digit numbers upgraded upstream).

    Options: ``column`` (normalised 18-character ID), ``valid_column`` (Boolean: check
    character correct), ``legacy_column`` (Boolean: was a 15-digit legacy number).

    Levels: null · exact · legacy-equivalent (same after upgrading a 15-digit number) ·
    one transposition · one substitution · else (different, one side invalid) ·
    conflicting valid IDs (both check characters valid and more than one typo apart).
    """

    kind = "id"

    def _level_names(self) -> list[str]:
        return ["null", "exact", "legacy-equivalent", "one transposition", "one substitution",
                "else", "conflicting valid IDs"]

    @property
    def columns(self) -> list[str]:
        cols = [self._req("column")]
        for k in ("valid_column", "legacy_column"):
            if self.spec.get(k):
                cols.append(self.spec[k])
        return cols

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        c = self.spec["column"]
        x, r = _as_str(left[c]), _as_str(right[c])
        null = _bool(x.is_null() | r.is_null())
        exact = _bool(x == r)
        lc = self.spec.get("legacy_column")
        if lc:
            legacy = _bool(left[lc].cast(pl.Boolean) | right[lc].cast(pl.Boolean))
        else:
            legacy = np.zeros(null.shape[0], dtype=bool)
        same = exact & ~legacy
        legacy_eq = exact & legacy
        mask = ~null & ~exact
        transposition, substitution, far = _id_edits(x, r, mask)
        vc = self.spec.get("valid_column")
        if vc:
            both_valid = _bool(left[vc].cast(pl.Boolean) & right[vc].cast(pl.Boolean))
        else:
            both_valid = np.zeros(null.shape[0], dtype=bool)
        other = mask & ~transposition & ~substitution
        conflict = other & both_valid & far
        different = other & ~conflict
        return _levels(null, [same, legacy_eq, transposition, substitution, different, conflict])


class PrefixMatch(Comparison):
    """Hierarchical codes compared by shared prefix (e.g. region: county / city / province).

    Options: ``column``, ``lengths`` (default [6, 4, 2]), ``labels`` (level names).

    Levels: null · same first lengths[0] characters · … · same first lengths[-1] · else.
    """

    kind = "prefix"

    def _level_names(self) -> list[str]:
        lengths = self.spec.get("lengths", [6, 4, 2])
        labels = self.spec.get("labels") or [f"same first {n}" for n in lengths]
        return ["null", *labels, "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        c = self.columns[0]
        x, r = _as_str(left[c]), _as_str(right[c])
        null = _bool(x.is_null() | r.is_null())
        conds = [_bool(x.str.slice(0, n) == r.str.slice(0, n)) for n in self.spec.get("lengths", [6, 4, 2])]
        return _levels(null, conds)


class Employer(Comparison):
    """An employer: registration code first, then the name.

    Options: ``uscc_column``, ``name_column``, ``metric`` (default token_sort_ratio),
    ``thresholds`` (default [0.9, 0.75]).

    Levels: null (neither code nor name on both sides) · same USCC · same name ·
    name metric at thresholds[0] · … · else.
    """

    kind = "employer"

    def _level_names(self) -> list[str]:
        metric = self.spec.get("metric", "token_sort_ratio")
        return ["null", "same USCC", "same name",
                *[f"name {metric} >= {t}" for t in self.spec.get("thresholds", [0.9, 0.75])], "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("uscc_column"), self._req("name_column")]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        uc, nc = self.columns
        metric = self.spec.get("metric", "token_sort_ratio")
        ul, ur, nl, nr = _as_str(left[uc]), _as_str(right[uc]), _as_str(left[nc]), _as_str(right[nc])
        u_null = _bool(ul.is_null() | ur.is_null())
        n_null = _bool(nl.is_null() | nr.is_null())
        null = u_null & n_null
        same_u = _bool(ul == ur)
        same_n = _bool(nl == nr)
        scores = pair_scores(nl, nr, metric, ~n_null & ~same_n & ~same_u)
        _, is_dist = METRICS[metric]
        conds = _threshold_conditions(scores, list(self.spec.get("thresholds", [0.9, 0.75])), is_dist)
        return _levels(null, [same_u, same_n, *conds])


class BirthComparison(Comparison):
    """Birth date against birth date, or against the birth-year range implied by an age.

    Options: ``date_column`` (Date, may be null), ``year_min_column`` /
    ``year_max_column`` (Int: the birth-year range — the year itself when the date is
    known, event year − age − 1 … event year − age + 1 when only an age is),
    ``within_years`` (default 2). Pairs with both dates and pairs where one side only
    has an age get separate levels, since they carry different evidence.

    Levels: null · same date · day-month swapped or one-digit typo · dates within
    within_years years · age: birth years consistent · age: within within_years years ·
    age: inconsistent · else (dates further apart).
    """

    kind = "birth"

    def _level_names(self) -> list[str]:
        n = self.spec.get("within_years", 2)
        return ["null", "same date", "day-month swapped or one-digit typo", f"dates within {n} years",
                "age: birth years consistent", f"age: within {n} years", "age: inconsistent", "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("date_column"), self._req("year_min_column"), self._req("year_max_column")]

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        dc, lo, hi = self.columns
        n = int(self.spec.get("within_years", 2))
        a, b = _ymd(left[dc]), _ymd(right[dc])
        both_dates = (a >= 0) & (b >= 0)
        same = both_dates & (a == b)
        near = both_dates & ((_swapped(a) == b) | (_digit_differences(a, b) <= 1))
        lmin, lmax = left[lo].cast(pl.Int32), left[hi].cast(pl.Int32)
        rmin, rmax = right[lo].cast(pl.Int32), right[hi].cast(pl.Int32)
        null = _bool(lmin.is_null() | rmin.is_null() | lmax.is_null() | rmax.is_null()) & ~both_dates
        gap = pl.select(pl.max_horizontal(lmin - rmax, rmin - lmax, pl.lit(0))).to_series()
        within = _bool(gap <= n)
        age = ~both_dates
        return _levels(null, [same, near, both_dates & within, age & _bool(gap == 0), age & within, age])


def _days(s: pl.Series) -> np.ndarray:
    """Days since 1970 as int64 (a large negative sentinel where null)."""
    return _to_date(s).cast(pl.Int32).cast(pl.Int64).fill_null(-(1 << 40)).to_numpy()


class StayComparison(Comparison):
    """Two stays (e.g. hospital encounters): start, optional end, optional start time.

    A person is in one place at a time: two stays of one person are the same stay
    submitted twice (same start time), one stay continued elsewhere (a transfer: one ends
    the day the other starts), or separate stays that do not overlap. Overlapping stays
    in different places are evidence against.

    Options: ``start_column`` (Date), ``end_column`` (Date, may be null: then the stay is
    taken to end on its start day), ``time_column`` (Datetime of the start, optional),
    ``continued_column`` (Boolean: the stay ended in a transfer; optional — without it
    any stay may continue), ``continue_days`` (slack of the hand-over day, default 1),
    ``within_days`` (windows for separate stays, default [45, 366]), ``final_column``
    (optional Boolean: nothing of this person can start after this record ends — a
    death, a stay that ended in death; adds a level for a stay starting later).

    Levels: null · same start time · continued (one ends as the other starts: a transfer,
    or a death on the discharge day) · same start day · start swapped or one-digit typo ·
    [starts after a final event (with ``final_column``)] · overlapping · separate, within
    within_days[0] days · … · else. Without ``final_column``: null · … · start
    day-month swapped or one-digit typo · overlapping · separate, within within_days[0]
    days · … · else.
    """

    kind = "stay"

    def _level_names(self) -> list[str]:
        final = ["starts after a final event"] if self.spec.get("final_column") else []
        return ["null", "same start time", "continued (one ends as the other starts)", "same start day",
                "start swapped or one-digit typo", *final, "overlapping",
                *[f"separate, within {d} days" for d in self.spec.get("within_days", [45, 366])], "else"]

    @property
    def columns(self) -> list[str]:
        cols = [self._req("start_column")]
        for k in ("end_column", "time_column", "continued_column", "final_column"):
            if self.spec.get(k):
                cols.append(self.spec[k])
        return cols

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        sc = self.spec["start_column"]
        ec, tc, cc = (self.spec.get(k) for k in ("end_column", "time_column", "continued_column"))
        sl, sr = _days(left[sc]), _days(right[sc])
        null = (sl < -(1 << 39)) | (sr < -(1 << 39))
        el = _days(left[ec]) if ec else sl.copy()
        er = _days(right[ec]) if ec else sr.copy()
        el = np.where(el < sl, sl, el)      # missing (sentinel) or impossible end: the start day
        er = np.where(er < sr, sr, er)
        same_time = _bool(left[tc] == right[tc]) if tc else np.zeros(sl.shape[0], dtype=bool)
        slack = int(self.spec.get("continue_days", 1))
        if cc:
            cl, cr = _bool(left[cc].cast(pl.Boolean)), _bool(right[cc].cast(pl.Boolean))
        else:
            cl = cr = np.ones(sl.shape[0], dtype=bool)
        cont = ((cl & (sr > sl) & (np.abs(sr - el) <= slack))
                | (cr & (sl > sr) & (np.abs(sl - er) <= slack)))
        a, b = _ymd(left[sc]), _ymd(right[sc])
        typo = (_swapped(a) == b) | (_digit_differences(a, b) <= 1)
        overlap = (sl <= er) & (sr <= el)
        gap = np.maximum(sl - er, sr - el)
        conds = [same_time, cont, sl == sr, typo]
        fc = self.spec.get("final_column")
        if fc:
            fl, fr = _bool(left[fc].cast(pl.Boolean)), _bool(right[fc].cast(pl.Boolean))
            conds.append((fl & (sr > el + slack)) | (fr & (sl > er + slack)))
        conds.append(overlap)
        conds += [gap <= d for d in self.spec.get("within_days", [45, 366])]
        return _levels(null, conds)


COMPARISONS: dict[str, type[Comparison]] = {
    c.kind: c for c in (ExactMatch, StringSimilarity, NameComparison, DateComparison, IdNumber,
                        PrefixMatch, Employer, BirthComparison, StayComparison)
}


def build_comparison(spec: dict[str, Any]) -> Comparison:
    """Compile one ``[[comparisons]]`` table into its comparison object."""
    kind = spec.get("kind", "exact")
    if kind not in COMPARISONS:
        raise UsageError(f"comparison {spec.get('name')!r}: unknown kind {kind!r}",
                         hint=f"use one of {sorted(COMPARISONS)}")
    comp = COMPARISONS[kind](spec)
    _ = comp.columns  # validates the required options
    metric = spec.get("metric")
    if metric is not None and metric not in METRICS:
        raise UsageError(f"comparison {comp.name!r}: unknown metric {metric!r}",
                         hint=f"use one of {sorted(METRICS)}")
    return comp


def comparison_vectors(comparisons: list[Comparison], records: pl.DataFrame,
                       idx_l: np.ndarray, idx_r: np.ndarray) -> pl.DataFrame:
    """The comparison-vector stage: one Int8 level column per comparison, one row per pair.

    A comparison restricted to some source pairs is computed on those pairs only (the
    others get the null level).
    """
    out: dict[str, np.ndarray] = {}
    il = pl.Series(idx_l)
    ir = pl.Series(idx_r)
    n = il.len()
    src = records["_src"] if "_src" in records.columns else None
    src_l = src.gather(il) if src is not None else None
    src_r = src.gather(ir) if src is not None else None
    for comp in comparisons:
        restricted = comp.both_in or comp.not_both_in or comp.between or comp.not_between
        ok = comp.applies({"_src": src_l}, {"_src": src_r}) if restricted and src is not None else None
        cols = [c for c in comp.columns if c != "_src"]
        sub = records.select(cols)
        if ok is None:
            pl_idx, pr_idx = il, ir
        else:
            sel = pl.Series(np.flatnonzero(ok))
            pl_idx, pr_idx = il.gather(sel), ir.gather(sel)
        left = {c: sub[c].gather(pl_idx) for c in cols}
        right = {c: sub[c].gather(pr_idx) for c in cols}
        if "_src" in comp.columns and src is not None:
            left["_src"], right["_src"] = src.gather(pl_idx), src.gather(pr_idx)
        part = comp.compute(left, right) if pl_idx.len() else np.zeros(0, dtype=np.int8)
        if ok is None:
            levels = part
        else:
            levels = np.zeros(n, dtype=np.int8)
            levels[ok] = part
        out[comp.name] = levels
    return pl.DataFrame({k: pl.Series(k, v, dtype=pl.Int8) for k, v in out.items()})
