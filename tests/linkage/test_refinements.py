"""Engineer L's refinements: year-range blocking, stays, name indels, source-pair groups,
vectorised ID edits, and the person fields they read."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import polars as pl
import pytest
from rapidfuzz.distance import OSA, Levenshtein

from linkage.blocking import block
from linkage.comparisons import _id_edits, build_comparison, comparison_vectors
from linkage.config import BlockingRule, LinkageConfig
from linkage.errors import ConfigError as UsageError
from pipelines.persons import person_records


def _recs(**cols: list) -> pl.DataFrame:
    f = pl.DataFrame(cols)
    return f.with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"))


def _pairs(frame: pl.DataFrame) -> set[tuple[int, int]]:
    return set(zip(frame["idx_l"].to_list(), frame["idx_r"].to_list(), strict=True))


def _only_rule_pairs(r: pl.DataFrame, name: str, anchor: str, partner: str, not_partners: tuple[str, ...]) -> None:
    """Person records ``r`` (with ``_idx``/``_src``): the shipped rule ``name`` (a proposing rule,
    not a training session) pairs ``anchor`` with ``partner``, which no other shipped rule does,
    and pairs it with none of ``not_partners``."""
    pos = {rid: i for i, rid in enumerate(r["record_id"].to_list())}
    cfg = LinkageConfig.shipped("person")
    rule = [b for b in cfg.blocking if b.name == name]
    others = [b for b in cfg.blocking if b.name != name]
    assert len(rule) == 1 and not rule[0].train
    pair = tuple(sorted((pos[anchor], pos[partner])))
    assert pair not in _pairs(block(r, others, "link_and_dedupe")[0])
    alone = _pairs(block(r, rule, "link_and_dedupe")[0])
    assert pair in alone
    for other in not_partners:
        assert tuple(sorted((pos[anchor], pos[other]))) not in alone, other


def test_overlap_window_blocking_equals_brute_force() -> None:
    rng = np.random.default_rng(3)
    n = 400
    lo = rng.integers(1950, 1960, n)
    width = rng.integers(0, 3, n)
    lo_s = pl.Series(lo, dtype=pl.Int32).scatter([5, 17], [None, None])   # two records without a range
    days = rng.integers(0, 200, n)
    r = _recs(_src=["S"] * n, k=rng.choice(["a", "b", "c"], n).tolist(),
              lo=lo_s, hi=pl.Series(lo + width, dtype=pl.Int32),
              when=[dt.date(2024, 1, 1) + dt.timedelta(days=int(x)) for x in days])
    rule = BlockingRule("r", kind="window", on=["k"], date="when", within_days=10,
                        overlap=["lo", "hi"], overlap_slack=1, max_block_size=10_000)
    got, _ = block(r, [rule], "dedupe")
    rows = r.to_dicts()
    want = set()
    for i, j in itertools.combinations(range(n), 2):
        a, b = rows[i], rows[j]
        if a["k"] != b["k"] or abs((a["when"] - b["when"]).days) > 10:
            continue
        if a["lo"] is None or b["lo"] is None or max(a["lo"] - b["hi"], b["lo"] - a["hi"]) <= 1:
            want.add((i, j))
    assert _pairs(got) == want and len(want) > 100


def test_overlap_rule_round_trips_through_the_config() -> None:
    cfg = LinkageConfig.shipped("person")
    again = LinkageConfig.from_dict(cfg.to_dict())
    rule = next(r for r in again.blocking if r.name == "name+event_window")
    assert rule.overlap == ["birth_year_min", "birth_year_max"] and rule.overlap_slack == 1


def test_stay_levels() -> None:
    comp = build_comparison({"name": "s", "kind": "stay", "start_column": "s", "end_column": "e",
                             "time_column": "t", "continued_column": "c", "within_days": [45, 366]})
    assert comp.levels == ["null", "same start time", "continued (one ends as the other starts)",
                           "same start day", "start swapped or one-digit typo", "overlapping",
                           "separate, within 45 days", "separate, within 366 days", "else"]
    d, t = dt.date, dt.datetime
    # rows: duplicate · transfer · hand-over without the flag (overlapping) · same day · typo ·
    # overlapping · separate 20 days · separate 200 days · far · missing start
    left = {"s": [d(2024, 3, 1)] * 9 + [None],
            "e": [d(2024, 3, 5), d(2024, 3, 5), d(2024, 3, 13), None, d(2024, 3, 2), d(2024, 3, 20),
                  d(2024, 3, 2), d(2024, 3, 2), d(2024, 3, 2), None],
            "t": [t(2024, 3, 1, 8, 30)] + [t(2024, 3, 1, 9)] * 8 + [None],
            "c": [False, True, False, False, False, False, False, False, False, False]}
    right = {"s": [d(2024, 3, 1), d(2024, 3, 5), d(2024, 3, 13), d(2024, 3, 1), d(2024, 3, 7), d(2024, 3, 10),
                   d(2024, 3, 22), d(2024, 9, 18), d(2026, 1, 1), d(2024, 3, 1)],
             "e": [None] * 10,
             "t": [t(2024, 3, 1, 8, 30), None, None, t(2024, 3, 1, 22), None, None, None, None, None, None],
             "c": [False] * 10}
    lf = {k: pl.Series(k, v) for k, v in left.items()}
    rf = {k: pl.Series(k, v) for k, v in right.items()}
    assert comp.compute(lf, rf).tolist() == [1, 2, 5, 3, 4, 5, 6, 7, 8, 0]
    # symmetric
    assert comp.compute(rf, lf).tolist() == [1, 2, 5, 3, 4, 5, 6, 7, 8, 0]


def test_name_indel_level() -> None:
    spec = {"name": "n", "kind": "name", "exact_columns": ["c"], "indel_column": "c",
            "similarity_column": "p", "thresholds": [0.9]}
    comp = build_comparison(spec)
    assert comp.levels == ["null", "same c", "one character dropped or added", "jaro_winkler >= 0.9", "else"]
    lf = {"c": pl.Series(["张雪", "黄玉玉凤", "张雪", "王芳"]), "p": pl.Series(["zhangxue", "huangyuyufeng", "zhangxue", "wangfang"])}
    rf = {"c": pl.Series(["张雪莉", "黄玉凤", "张雪", "李娜"]), "p": pl.Series(["zhangxueli", "huangyufeng", "zhangxue", "lina"])}
    assert comp.compute(lf, rf).tolist() == [2, 2, 1, 4]


def test_between_and_not_between_restrict_source_pairs() -> None:
    recs = pl.DataFrame({"_src": ["d", "m", "m", "c"], "x": ["a", "a", "a", "a"]})
    comps = [build_comparison({"name": "b", "kind": "exact", "column": "x", "between": [["d", "c"], ["m"]]}),
             build_comparison({"name": "nb", "kind": "exact", "column": "x",
                               "not_between": [[["d", "c"], ["m"]]]})]
    il, ir = np.array([0, 0, 1, 1, 2], dtype=np.uint32), np.array([1, 3, 2, 3, 3], dtype=np.uint32)
    v = comparison_vectors(comps, recs, il, ir)
    # pairs: d-m, d-c, m-m, m-c, m-c
    assert v["b"].to_list() == [1, 0, 0, 1, 1]
    assert v["nb"].to_list() == [0, 1, 1, 0, 0]


def test_vectorised_id_edits_agree_with_rapidfuzz() -> None:
    rng = np.random.default_rng(7)
    base = ["".join(map(str, rng.integers(0, 10, 17))) + rng.choice(list("0123456789X")) for _ in range(300)]
    other = []
    for s in base:
        kind = rng.integers(0, 4)
        c = list(s)
        if kind == 0:                                   # one substitution
            p = rng.integers(0, 17)
            c[p] = str((int(c[p]) + 1) % 10)
        elif kind == 1:                                 # adjacent transposition
            p = rng.integers(0, 16)
            c[p], c[p + 1] = c[p + 1], c[p]
        elif kind == 2:                                 # two substitutions
            for p in rng.choice(17, 2, replace=False):
                c[p] = str((int(c[p]) + 3) % 10)
        else:                                           # a dropped digit: not 18 characters
            del c[rng.integers(0, 17)]
        other.append("".join(c))
    x, r = pl.Series(base), pl.Series(other)
    mask = np.array([a != b for a, b in zip(base, other, strict=True)])
    trans, subst, far = _id_edits(x, r, mask)
    for i, (a, b) in enumerate(zip(base, other, strict=True)):
        if not mask[i]:
            continue
        osa, lev = OSA.distance(a, b), Levenshtein.distance(a, b)
        assert trans[i] == (osa == 1 and lev == 2), (a, b)
        assert subst[i] == (lev == 1 and len(a) == len(b)), (a, b)
        assert far[i] == (osa > 1), (a, b)


def test_person_fields_for_stays_and_untrusted_id_births() -> None:
    med = pl.DataFrame({
        "record_id": ["M1", "M2"], "name": ["李华", "李华"], "id_number": ["11010519491231002X", None],
        "sex": ["F", "F"], "age": [74, 74], "hospital": ["A", "B"],
        "admitted_at": [dt.datetime(2024, 3, 1, 9, 30), dt.datetime(2024, 3, 6, 8)],
        "discharged_at": [dt.datetime(2024, 3, 6, 7), None], "disposition": ["transferred", "died"],
    })
    der = pl.DataFrame({"record_id": ["D1"], "name": ["李华"], "id_number": ["110105194912310021"],
                        "sex": ["F"], "birth_date": [None], "death_date": [dt.date(2024, 3, 9)],
                        "region_code": ["110105"]})
    r = person_records({"medical_records": med, "deregistrations": der})
    m1, m2, d1 = (r.filter(pl.col("record_id") == k).row(0, named=True) for k in ("M1", "M2", "D1"))
    assert m1["event_time"] == dt.datetime(2024, 3, 1, 9, 30) and m1["event_end"] == dt.date(2024, 3, 6)
    assert m1["transferred"] and not m1["died"] and m2["died"] and m2["event_end"] is None
    assert d1["event_time"] is None and d1["transferred"] is None
    # a wrong check character: the ID's birth date is not the record's birth date, but
    # still bounds the birth year
    assert not d1["id_valid"] and d1["birth_date"] is None and d1["birth_year_min"] == 1949
    assert m1["id_valid"] and m1["birth_date"] == dt.date(1949, 12, 31)


def test_pair_priors_follow_each_source_pair_and_never_collapse() -> None:
    from linkage.model import FellegiSunter

    model = FellegiSunter([build_comparison({"name": "x", "kind": "exact", "column": "x"})])
    model.prior_ = 1e-6
    model.m_["x"], model.u_["x"] = np.array([1.0, 0.9, 0.1]), np.array([1.0, 0.1, 0.9])
    # group 0: 100 pairs that are clearly matches among 1e6 possible; group 1: only weak pairs
    w = np.concatenate([np.full(100, 40.0), np.full(500, -5.0)])
    groups = np.concatenate([np.zeros(100, dtype=np.int64), np.ones(500, dtype=np.int64)])
    pri = model.estimate_pair_priors(w, groups, ["a|b", "c|c"], {"a|b": 1e6, "c|c": 1e8})
    assert abs(pri["a|b"] - 1e-4) < 1e-6          # 100 matches / 1e6 possible pairs
    assert pri["c|c"] == 1e-8                      # floored at one expected match
    pw = model.pair_prior_weights(np.array([0, 1, -1]), ["a|b", "c|c"])
    assert pw[0] > pw[2] > pw[1]                   # unknown group → the overall prior
    again = FellegiSunter.from_dict(model.to_dict() | {"prior": model.prior_},
                                    [{"name": "x", "kind": "exact", "column": "x"}])
    assert again.pair_priors_ == model.pair_priors_


def test_estimated_death_dates_get_their_own_levels() -> None:
    comp = build_comparison({"name": "d", "kind": "date", "column": "d", "within_days": [3],
                             "estimated_column": "e", "estimated_within_days": [7]})
    assert comp.levels == ["null", "estimated date: within 7 days", "estimated date: further apart",
                           "exact", "day-month swapped", "one-digit typo", "within 3 days", "else"]
    d = dt.date
    left = {"d": pl.Series([d(2024, 3, 1), d(2024, 3, 1), d(2024, 3, 1), d(2024, 3, 1)]),
            "e": pl.Series([False, False, False, None])}
    right = {"d": pl.Series([d(2024, 3, 5), d(2024, 3, 30), d(2024, 3, 1), d(2024, 3, 1)]),
             "e": pl.Series([True, True, False, None])}
    assert comp.compute(left, right).tolist() == [1, 2, 3, 3]
    cre = pl.DataFrame({"record_id": ["C1", "C2"], "name": ["王伟", "李娜"], "death_date": [None, dt.date(2024, 1, 2)],
                        "cremated_on": [dt.date(2024, 1, 9), dt.date(2024, 1, 4)], "age": [60, 70]})
    r = person_records({"cremations": cre})
    assert r["event_date"].to_list() == [dt.date(2024, 1, 9), dt.date(2024, 1, 2)]
    assert r["event_estimated"].to_list() == [True, False]


def test_stay_starting_after_a_death_has_its_own_level() -> None:
    comp = build_comparison({"name": "s", "kind": "stay", "start_column": "s", "end_column": "e",
                             "continued_column": "c", "final_column": "f", "within_days": [45]})
    assert "starts after a final event" in comp.levels
    d = dt.date
    # a death (final) on 03-10 vs stays admitted 03-28 (after: impossible), 03-01 → 03-10 ending
    # in death (continued), 02-01 → 02-03 (separate, before the death)
    left = {"s": pl.Series([d(2024, 3, 10)] * 3), "e": pl.Series([None, None, None], dtype=pl.Date),
            "c": pl.Series([False] * 3), "f": pl.Series([True] * 3)}
    right = {"s": pl.Series([d(2024, 3, 28), d(2024, 3, 1), d(2024, 2, 1)]),
             "e": pl.Series([d(2024, 3, 30), d(2024, 3, 10), d(2024, 2, 3)]),
             "c": pl.Series([False, True, False]), "f": pl.Series([False, True, False])}
    got = comp.compute({k: v for k, v in left.items()}, {k: v for k, v in right.items()}).tolist()
    lv = comp.levels
    assert [lv[g] for g in got] == ["starts after a final event", "continued (one ends as the other starts)",
                                    "separate, within 45 days"]


def test_follow_up_at_another_hospital_is_a_candidate_pair() -> None:
    """The shipped person rules pair two ID-less encounters of one injury months apart in different
    cities (same name, diagnosis, sex and year of birth) — not a different diagnosis, not a year later."""
    cfg = LinkageConfig.shipped("person")
    d0 = dt.date(2024, 3, 1)
    rows = [  # (region, diagnosis, days after d0)
        ("140105", "S82.201", 0),     # the injury, at a Taiyuan hospital
        ("140702", "S82.201", 120),   # the follow-up in Jinzhong, four months later
        ("140802", "S72.001", 120),   # a namesake with another fracture
        ("141002", "S82.201", 260),   # the same code, but most of a year later
    ]
    n = len(rows)
    r = _recs(_src=["medical_records"] * n, id18=pl.Series([None] * n, dtype=pl.String),
              birth_date=pl.Series([None] * n, dtype=pl.Date), surname_pinyin=["zhang"] * n, sex=["M"] * n,
              name_pinyin=["zhangwei"] * n, event_date=[d0 + dt.timedelta(days=x) for _, _, x in rows],
              birth_year_min=pl.Series([1979] * n, dtype=pl.Int32), birth_year_max=pl.Series([1980] * n, dtype=pl.Int32),
              region_code=[g for g, _, _ in rows], diagnosis=[c for _, c, _ in rows])
    rules = [rule for rule in cfg.blocking if all(c.split("[")[0] in r.columns for c in rule.on)]
    follow = [rule for rule in rules if rule.name == "name+diagnosis+follow_up"]
    others = [rule for rule in rules if rule.name != "name+diagnosis+follow_up"]
    assert len(follow) == 1 and others
    # the other rules miss the follow-up (too far apart for the name window, another city) ...
    assert (0, 1) not in _pairs(block(r, others, "dedupe")[0])
    # ... this one pairs it, and neither the other fracture nor the same code most of a year later
    alone = _pairs(block(r, follow, "dedupe")[0])
    assert (0, 1) in alone and (0, 2) not in alone and (1, 2) not in alone and (0, 3) not in alone
    assert (0, 1) in _pairs(block(r, rules, "dedupe")[0])


def test_follow_up_with_a_character_doubled_is_a_candidate_pair() -> None:
    """An encounter of 马勇 and its follow-up three months later in another city written 马勇勇
    (no ID, no sex on the emergency record): only the name-head follow-up rule pairs them — not
    马强 with the same fracture, not 马勇勇 with another diagnosis, not the same code most of a
    year later, not a man born ten years earlier."""
    from pipelines.persons import person_records

    d0 = dt.datetime(2024, 3, 1, 9, 0)
    rows = [  # (record_id, name, sex, age, region, diagnosis, days after d0)
        ("M1", "马勇", "M", 44, "140105", "S82.2", 0),       # the injury, at a Taiyuan hospital
        ("M2", "马勇勇", None, 44, "140702", "S82.2", 95),   # the follow-up in Jinzhong
        ("M3", "马强", "M", 44, "140702", "S82.2", 95),      # another given name
        ("M4", "马勇勇", "M", 44, "140702", "S72.0", 95),    # another fracture
        ("M5", "马勇勇", "M", 44, "140702", "S82.2", 260),   # most of a year later
        ("M6", "马勇勇", "M", 54, "140702", "S82.2", 95),    # born ten years earlier
    ]
    n = len(rows)
    med = pl.DataFrame({
        "record_id": [r[0] for r in rows], "name": [r[1] for r in rows],
        "id_number": pl.Series([None] * n, dtype=pl.String), "sex": [r[2] for r in rows],
        "age": [r[3] for r in rows], "hospital": ["某医院"] * n, "region_code": [r[4] for r in rows],
        "admitted_at": [d0 + dt.timedelta(days=r[6]) for r in rows],
        "discharged_at": [d0 + dt.timedelta(days=r[6] + 5) for r in rows],
        "diagnosis_icd10": [r[5] for r in rows], "external_cause_icd10": ["W20.6"] * n,
        "disposition": ["discharged"] * n, "payer": pl.Series([None] * n, dtype=pl.String),
        "employer_name": pl.Series([None] * n, dtype=pl.String)})
    r = person_records({"medical_records": med}).with_columns(
        pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"), pl.col("source").alias("_src"))
    _only_rule_pairs(r, "name_head+diagnosis+follow_up", "M1", "M2", ("M3", "M4", "M5", "M6"))


def test_m_pooling_is_configured_checked_and_round_trips() -> None:
    cfg = LinkageConfig.shipped("person")
    assert cfg.m_pooling == "median"
    d = cfg.to_dict()
    d["linkage"]["m_pooling"] = "mean"
    assert LinkageConfig.from_dict(d).m_pooling == "mean"
    assert LinkageConfig.from_dict(LinkageConfig.from_dict(d).to_dict()).m_pooling == "mean"
    d["linkage"]["m_pooling"] = "average"
    with pytest.raises(UsageError, match="m_pooling"):
        LinkageConfig.from_dict(d)


def test_one_death_cremated_in_another_city_with_a_character_dropped_is_a_candidate_pair() -> None:
    """A deregistration (李艳艳, valid ID, registered in Taiyuan) and the cremation of the same death
    (李艳, no ID, age only, at a funeral home in Datong): only the death-day rule pairs them — not a
    namesake who died the next day, nor one born ten years earlier, nor a hospital admission that day."""
    from pipelines.persons import person_records

    day = dt.date(2024, 1, 7)
    dereg = pl.DataFrame({
        "record_id": ["D1"], "name": ["李艳艳"], "id_number": ["14011019471230606X"], "sex": ["F"],
        "birth_date": [dt.date(1947, 12, 30)], "death_date": [day], "deregistered_on": [dt.date(2024, 1, 20)],
        "region_code": ["140110"], "reason": ["death"], "death_cause": [None]})
    crem = pl.DataFrame({
        "record_id": ["C1", "C2", "C3"], "name": ["李艳", "李艳", "李艳"], "id_number": [None, None, None],
        "sex": ["F", "F", "F"], "age": [76, 76, 66],
        "death_date": [day, day + dt.timedelta(days=1), day], "cremated_on": [dt.date(2024, 1, 9)] * 3,
        "funeral_home": ["大同市殡仪馆"] * 3, "region_code": ["140212"] * 3, "death_cause": [None] * 3,
        "certificate_issuer": ["hospital"] * 3, "body_origin": ["家中"] * 3})
    med = pl.DataFrame({
        "record_id": ["M1"], "name": ["李艳"], "id_number": [None], "sex": ["F"], "age": [76],
        "hospital": ["大同市第一人民医院"], "region_code": ["140212"],
        "admitted_at": [dt.datetime(2024, 1, 7, 9, 0)], "discharged_at": [dt.datetime(2024, 1, 12, 9, 0)],
        "diagnosis_icd10": ["S72.0"], "external_cause_icd10": ["W01.0"], "disposition": ["discharged"],
        "payer": [None], "employer_name": [None]})
    r = person_records({"deregistrations": dereg, "cremations": crem, "medical_records": med})
    r = r.with_columns(pl.int_range(0, pl.len(), dtype=pl.UInt32).alias("_idx"),
                       pl.col("source").alias("_src"))
    assert r.filter(pl.col("record_id") == "M1")["death_date"].item() is None
    assert r.filter(pl.col("record_id") == "C1")["death_date"].item() == day
    _only_rule_pairs(r, "death_date+surname", "D1", "C1", ("C2", "C3", "M1"))


def test_stay_discharged_alive_after_a_death_on_its_first_day_overlaps_it() -> None:
    """A death on 03-10 against stays admitted that day: discharged alive the next day (a namesake:
    alive after dying) overlaps the death, it is not the 'same start day' of a person admitted and
    dead that day; a stay that ended in death that day, or one discharged that same day, is."""
    comp = build_comparison({"name": "s", "kind": "stay", "start_column": "s", "end_column": "e",
                             "continued_column": "c", "final_column": "f", "within_days": [45]})
    d = dt.date
    left = {"s": pl.Series([d(2024, 3, 10)] * 3), "e": pl.Series([None, None, None], dtype=pl.Date),
            "c": pl.Series([False] * 3), "f": pl.Series([True] * 3)}
    right = {"s": pl.Series([d(2024, 3, 10)] * 3),
             "e": pl.Series([d(2024, 3, 11), d(2024, 3, 10), d(2024, 3, 10)]),
             "c": pl.Series([False, True, False]), "f": pl.Series([False, True, False])}
    lv = comp.levels
    got = [lv[g] for g in comp.compute(left, right).tolist()]
    assert got == ["overlapping", "same start day", "same start day"]
    # the same, sides swapped
    assert [lv[g] for g in comp.compute(right, left).tolist()] == got


def test_death_on_the_day_of_a_regular_discharge_overlaps_the_stay() -> None:
    """With ``discharged_column``: a death on 03-10 against stays admitted and ended that day —
    a regular discharge (alive and fit: a namesake) overlaps the death; leaving against advice
    (a worker taken home who dies that evening) and a stay that ended in death stay 'same start
    day'. Without the option a regular discharge is 'same start day' too."""
    spec = {"name": "s", "kind": "stay", "start_column": "s", "end_column": "e", "continued_column": "c",
            "final_column": "f", "within_days": [45]}
    with_flag = build_comparison({**spec, "discharged_column": "g"})
    without = build_comparison(spec)
    d = dt.date
    left = {"s": pl.Series([d(2024, 3, 10)] * 3), "e": pl.Series([None] * 3, dtype=pl.Date),
            "c": pl.Series([False] * 3), "f": pl.Series([True] * 3), "g": pl.Series([False] * 3)}
    right = {"s": pl.Series([d(2024, 3, 10)] * 3), "e": pl.Series([d(2024, 3, 10)] * 3),
             "c": pl.Series([False, False, True]), "f": pl.Series([False, False, True]),
             "g": pl.Series([True, False, False])}     # discharged / left against advice / died
    lv = with_flag.levels
    got = [lv[g] for g in with_flag.compute(left, right).tolist()]
    assert got == ["overlapping", "same start day", "same start day"]
    assert [lv[g] for g in with_flag.compute(right, left).tolist()] == got
    assert [without.levels[g] for g in without.compute(left, right).tolist()] == ["same start day"] * 3
    # the person records carry the flag from the disposition
    med = pl.DataFrame({"record_id": ["M1", "M2"], "name": ["张伟", "张伟"], "hospital": ["某医院"] * 2,
                        "region_code": ["140105"] * 2, "admitted_at": [dt.datetime(2024, 3, 10, 8)] * 2,
                        "discharged_at": [dt.datetime(2024, 3, 10, 18)] * 2, "diagnosis_icd10": ["S06.5"] * 2,
                        "disposition": ["discharged", "left_against_advice"]})
    assert person_records({"medical_records": med})["discharged"].to_list() == [True, False]


def test_ages_on_two_days_pin_the_birth_date_to_one_year() -> None:
    """Aged 36 on 2025-03-10 means born 1988-03-11 … 1989-03-10. The same person is 36 or 37 on
    2025-09-10 ('age: exact'); a namesake aged 35 that day (born 1989-09-11 … 1990-09-10) or
    aged 37 on 2025-03-10 has a consistent birth-year range but not the exact interval. A birth
    date inside the interval is exact too; an age on an estimated day (a death date standing in)
    gives no interval."""
    from pipelines.persons import person_records

    d = dt.date
    med = pl.DataFrame({
        "record_id": ["A", "B", "C", "D", "E"], "name": ["张伟"] * 5, "age": [36, 36, 35, 37, 37],
        "hospital": ["某医院"] * 5, "region_code": ["140105"] * 5,
        "admitted_at": [dt.datetime(2025, 3, 10, 8), dt.datetime(2025, 9, 10, 8), dt.datetime(2025, 9, 10, 8),
                        dt.datetime(2025, 3, 10, 8), dt.datetime(2025, 9, 10, 8)],
        "diagnosis_icd10": ["S06.5"] * 5, "disposition": ["discharged"] * 5})
    r = person_records({"medical_records": med})
    a = r.filter(pl.col("record_id") == "A").row(0, named=True)
    assert (a["birth_from"], a["birth_to"]) == (d(1988, 3, 11), d(1989, 3, 10))
    comp = build_comparison({"name": "b", "kind": "birth", "date_column": "birth_date",
                             "year_min_column": "birth_year_min", "year_max_column": "birth_year_max",
                             "from_column": "birth_from", "to_column": "birth_to"})
    cols = comp.columns
    left = {c: pl.concat([r.filter(pl.col("record_id") == "A")[c]] * 4) for c in cols}
    right = {c: r.filter(pl.col("record_id").is_in(["B", "E", "C", "D"]))[c] for c in cols}
    got = [comp.levels[g] for g in comp.compute(left, right).tolist()]
    # B (36 in September) and E (37 in September) meet A exactly; C (35) and D (37 that same day) do not
    assert dict(zip(r.filter(pl.col("record_id").is_in(["B", "E", "C", "D"]))["record_id"].to_list(), got,
                    strict=True)) == {"B": "age: exact", "C": "age: birth years consistent",
                                      "D": "age: birth years consistent", "E": "age: exact"}
    # a known birth date inside the interval is exact; the option off has no such level
    dated = {"birth_date": pl.Series([d(1988, 12, 21)]), "birth_year_min": pl.Series([1988]),
             "birth_year_max": pl.Series([1988]), "birth_from": pl.Series([d(1988, 12, 21)]),
             "birth_to": pl.Series([d(1988, 12, 21)])}
    one = {c: left[c].head(1) for c in cols}
    assert comp.levels[comp.compute(one, dated).item()] == "age: exact"
    assert "age: exact" not in build_comparison({"name": "b", "kind": "birth", "date_column": "birth_date",
                                                 "year_min_column": "birth_year_min",
                                                 "year_max_column": "birth_year_max"}).levels
    # a cremation without a date of death: the age refers to an unknown day, no interval
    crem = pl.DataFrame({"record_id": ["C1"], "name": ["张伟"], "age": [36], "death_date": [None],
                         "cremated_on": [d(2025, 3, 12)], "funeral_home": ["某殡仪馆"], "region_code": ["140105"]},
                        schema_overrides={"death_date": pl.Date})
    c1 = person_records({"cremations": crem}).row(0, named=True)
    assert c1["birth_from"] is None and c1["birth_to"] is None and c1["birth_year_min"] is not None


def test_neutral_levels_weigh_nothing_while_agreement_keeps_its_full_weight() -> None:
    from linkage.model import FellegiSunter

    spec = {"name": "r", "kind": "prefix", "column": "r", "lengths": [6, 4],
            "labels": ["same county", "same city"]}
    plain = FellegiSunter([build_comparison(spec)])
    neutral = FellegiSunter([build_comparison(spec | {"neutral_levels": ["else"]})])
    for model in (plain, neutral):
        model.m_["r"], model.u_["r"] = np.array([1.0, 0.90, 0.07, 0.03]), np.array([1.0, 0.01, 0.09, 0.90])
    w_plain, w_neutral = plain.level_weights("r"), neutral.level_weights("r")
    # the same m and u: same county and same city weigh the same in both models ...
    assert w_neutral[1] == w_plain[1] > 6 and w_neutral[2] == w_plain[2]
    # ... but a different city counts against a match only in the plain one
    assert w_plain[3] < -4 and w_neutral[3] == 0.0
    lv = neutral.comparisons[0].compute({"r": pl.Series(["140105", "140105", "140105"])},
                                        {"r": pl.Series(["140105", "140106", "141024"])})
    assert lv.tolist() == [1, 2, 3]              # the level is still told apart (m and u estimated)
    with pytest.raises(UsageError, match="neutral_levels"):
        build_comparison(spec | {"neutral_levels": ["same province"]})
