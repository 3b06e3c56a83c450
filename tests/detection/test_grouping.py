"""Incident grouping without chaining, lead persons, attachment by place, and the newer signals."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection import DetectionParams, detect
from pipelines.detection.causes import text_cause_class, text_drowning
from pipelines.detection.features import PERSON_FEATURE_NAMES, lead_person_choice
from pipelines.detection.leads import GROUP_KINDS, _assign_groups

ALL = DetectionParams(min_score=0.0)


def _lead_of(result, source: str, record_id: str) -> pl.DataFrame:
    ev = result.lead_evidence.filter((pl.col("source") == source) & (pl.col("record_id") == record_id))
    return result.leads.join(ev.select("lead_id"), on="lead_id")


def test_groups_are_assigned_not_chained() -> None:
    # a–b share an employer; b–c and c–d each share a place: connected components would make one
    # lead of all four, assignment gives {a, b} (employer first) and {c, d}
    edges = pl.DataFrame({
        "person_key": ["a", "b", "b", "c", "c", "d"],
        "group": ["E:1", "E:1", "P:1", "P:1", "P:2", "P:2"],
        "burst_p": [1e-3, 1e-3, 1e-6, 1e-6, 1e-4, 1e-4],
        "prio": [0, 0, 1, 1, 1, 1],
    })
    got = _assign_groups(edges).sort("person_key")
    assert got["group"].to_list() == ["E:1", "E:1", "P:2", "P:2"]
    # a group left with one member is dropped
    lone = _assign_groups(edges.filter(pl.col("person_key") != "d"))
    assert sorted(lone["person_key"]) == ["a", "b"]


def test_the_last_of_a_county_group_joins_the_group_that_took_the_others() -> None:
    # a, b share an employer (E:1); a, b and c died in one county (D:1): c, left alone, joins E:1.
    # d's county group D:2 lost its others to two different groups (E:1, E:2): d stays alone.
    # A place group (P:1) left with one member gives its member to nobody.
    county, place = (next(p for p, k in GROUP_KINDS.items() if k == kind) for kind in ("county", "place"))
    edges = pl.DataFrame({
        "person_key": ["a", "b", "a", "b", "c", "e", "f", "b", "e", "d", "f", "g"],
        "group": ["E:1", "E:1", "D:1", "D:1", "D:1", "E:2", "E:2", "D:2", "D:2", "D:2", "P:1", "P:1"],
        "burst_p": [1e-3, 1e-3, 0.01, 0.01, 0.01, 1e-3, 1e-3, 0.02, 0.02, 0.02, 1e-4, 1e-4],
        "prio": [0, 0, county, county, county, 0, 0, county, county, county, place, place],
    })
    got = dict(_assign_groups(edges).select("person_key", "group").iter_rows())
    assert got == {"a": "E:1", "b": "E:1", "c": "E:1", "e": "E:2", "f": "E:2"}


def test_lead_person_is_the_dead_member_first() -> None:
    members = pl.DataFrame({"lead_id": ["L", "L", "L"], "person_key": ["inj", "dead1", "dead2"],
                            "role": ["member"] * 3})
    pf = pl.DataFrame({"person_key": ["inj", "dead1", "dead2"], "dead": [False, True, True]}).with_columns(
        pl.lit(0.0).alias(n) for n in PERSON_FEATURE_NAMES
    ).with_columns(
        pl.Series("work_external_cause", [1.0, 0.0, 1.0]), pl.Series("fast_cremation", [1.0, 1.0, 0.0]))
    weights = {"work_external_cause": 3.0, "fast_cremation": 1.0}
    # the injured member has the most evidence, but a death leads; of the dead, the stronger one
    assert lead_person_choice(members, pf, weights)["person_key"].to_list() == ["dead2"]


def _with_funeral(accepted: dict, extra_person_cause: str) -> tuple[dict, pl.DataFrame]:
    crem = accepted["cremations"]
    rows = pl.DataFrame({
        "record_id": ["C1", "C50"], "name": ["张三", "无名氏"], "id_number": [None, None], "sex": ["M", "M"],
        "age": [44, 38], "death_date": [dt.date(2024, 3, 10)] * 2, "cremated_on": [dt.date(2024, 3, 14)] * 2,
        "funeral_home": ["甲县殡仪馆"] * 2, "region_code": ["140105"] * 2,
        "death_cause": ["意外", extra_person_cause], "certificate_issuer": ["police", "community"],
        "body_origin": ["事故现场", "家中"],
    }, schema=crem.schema)
    return {**accepted, "cremations": pl.concat([crem, rows])}, pl.DataFrame({
        "source": ["cremations", "cremations"], "record_id": ["C1", "C50"], "person_key": ["p_zs", "p_x50"],
        "match_probability": [0.99, 1.0]})


def test_unnamed_work_injury_death_at_the_victims_funeral_home_is_attached(province, scorer) -> None:
    accepted, links = province
    acc2, extra = _with_funeral(accepted, "高处坠落")
    r = detect(acc2, pl.concat([links, extra]), params=ALL, scorer=scorer)
    lead = _lead_of(r, "accidents", "A1").row(0, named=True)
    assert lead["evidenced_deaths"] == 5                    # 4 as before + the unnamed one
    assert _lead_of(r, "cremations", "C50")["lead_id"].item() == lead["lead_id"]
    # a natural death there the same day is a coincidence, not a victim; so is an unspecified
    # injury death (a funeral home cremates several a day)
    for cause in ("病故", "意外"):
        acc3, extra3 = _with_funeral(accepted, cause)
        r3 = detect(acc3, pl.concat([links, extra3]), params=ALL, scorer=scorer)
        assert _lead_of(r3, "accidents", "A1")["evidenced_deaths"].item() == 4, cause
        assert _lead_of(r3, "cremations", "C50")["lead_type"].to_list() == ["unreported_death"], cause


def test_incident_lead_carries_its_members_funeral_signals(province, scorer) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    lead_id = _lead_of(r, "deregistrations", "D7")["lead_id"].item()
    sig = set(r.lead_signals.filter(pl.col("lead_id") == lead_id)["signal"])
    # 周一 / 吴二: cremated the next day, certificate not from a hospital, illness at a coal mine
    assert {"very_fast_cremation", "fast_cremation", "certificate_not_hospital", "illness_at_high_risk",
            "incident_more_deaths", "incident_at_employer"} <= sig
    # the elderly natural death carries the hard-negative signals
    old = _lead_of(r, "deregistrations", "D6")["lead_id"].item()
    assert {"elderly", "illness_cause"} <= set(r.lead_signals.filter(pl.col("lead_id") == old)["signal"])


def test_domestic_gas_and_drowning_are_not_work_causes() -> None:
    texts = ["煤气中毒", "一氧化碳中毒", "井下一氧化碳中毒", "瓦斯中毒", "溺水", "中毒窒息"]
    frame = pl.DataFrame({"t": texts})
    assert frame.select(text_cause_class("t")).to_series().to_list() == [
        "home_injury", "home_injury", "occupational", "occupational", "other_injury", "occupational"]
    assert frame.select(text_drowning(pl.col("t"))).to_series().to_list() == [
        False, False, False, False, True, False]


def test_drowning_at_work_is_not_a_hard_negative() -> None:
    # a mine's water inrush (透水): W74.6 (industrial place) or activity 2 is a work injury
    from pipelines.detection.causes import ext_drowning, icd_clean

    codes = pl.DataFrame({"x": ["W69.4", "W74.6", "W73.62", "W65.0", "W20.6"]})
    assert codes.select(ext_drowning(icd_clean(pl.col("x")))).to_series().to_list() == [
        True, False, False, True, False]
    texts = pl.DataFrame({"t": ["溺水", "井下透水溺水", "作业时溺亡", "河中溺亡"]})
    assert texts.select(text_drowning(pl.col("t"))).to_series().to_list() == [True, False, False, True]


def test_self_harm_assault_and_cold_are_non_work() -> None:
    from pipelines.detection.causes import ext_non_work, icd_clean, text_non_work

    codes = pl.DataFrame({"x": ["X31.0", "X70.4", "Y04.0", "X47.6", "W20.6", None]})
    assert codes.select(ext_non_work(icd_clean("x"))).to_series().to_list() == [
        True, True, True, False, False, False]
    texts = pl.DataFrame({"t": ["自杀", "冻死", "高坠伤", "因工死亡", "病故"]})
    assert texts.select(text_non_work(pl.col("t"))).to_series().to_list() == [True, True, False, False, False]
    assert texts.select(text_cause_class("t")).to_series().to_list() == [
        "other_injury", "other_injury", "occupational", "occupational", "illness"]
    # bites and stings of animals are hazards of nature too; a dog on a construction site is no accident
    bites = pl.DataFrame({"t": ["毒蛇咬伤", "被狗咬伤后狂犬病死亡", "蜂蜇伤", "机械伤", "蛇形管爆裂烫伤"]})
    assert bites.select(text_non_work(pl.col("t"))).to_series().to_list() == [True, True, True, False, False]
    # ... and wild mushrooms are a food poisoning, off work; gas in a pit is not
    food = pl.DataFrame({"t": ["野生菌中毒", "误食毒蘑菇", "井下瓦斯中毒"]})
    assert food.select(text_non_work(pl.col("t"))).to_series().to_list() == [True, True, False]
    assert food.select(text_cause_class("t")).to_series().to_list() == ["other_injury", "other_injury", "occupational"]


def test_busy_employer_routine_window_is_not_an_incident() -> None:
    # 'big' has an event every 3 days all year: two persons in one 3-day window is its routine
    # (adjusted p = 1) and never a group, even at incident_max_p = 1.0; a small employer's two
    # persons within three days are a group
    from pipelines.detection.leads import _burst_groups

    start = dt.date(2024, 1, 1)
    big = [("big", start + dt.timedelta(days=3 * i)) for i in range(120)]
    big += [("big", dt.date(2024, 6, 1)), ("big", dt.date(2024, 6, 2))]
    small = [("small", dt.date(2024, 6, 1)), ("small", dt.date(2024, 6, 2)), ("small", dt.date(2024, 11, 1))]
    rows = big + small
    frame = pl.DataFrame({"person_key": [f"p{i}" for i in range(len(rows))], "_emp": [k for k, _ in rows],
                          "event_date": [d for _, d in rows]})
    got = _burst_groups(frame, "_emp", 3, 1.0, "E:")
    assert got.height > 0 and got["group"].str.starts_with("E:small@").all()
    assert got.filter(pl.col("group") == "E:small@2024-06-01").height == 2


def test_illness_on_a_police_certificate_is_a_signal() -> None:
    from pipelines.detection.features import FEATURES, SIGNS

    feat = next(f for f in FEATURES if f.name == "illness_police_certificate")
    prof = pl.DataFrame({
        "dead": [True, True, True, True, False],
        "death_cause_class": ["illness", "vague", "illness", "traffic", "illness"],
        "cert_issuer": ["police", "police", "hospital", "police", "police"],
    })
    assert prof.select(feat.value()).to_series().to_list() \
        == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert SIGNS["illness_police_certificate"] == 1


def test_illness_with_a_body_from_a_site_is_a_signal() -> None:
    from pipelines.detection.features import FEATURES

    feat = next(f for f in FEATURES if f.name == "illness_body_elsewhere")
    prof = pl.DataFrame({
        "dead": [True, True, True, True],
        "death_cause_class": ["illness", "vague", "illness", "traffic"],
        "body_elsewhere": [True, True, False, True],
    })
    assert prof.select(feat.value()).to_series().to_list() == [1.0, 1.0, 0.0, 0.0]


def test_body_origin_reads_hospital_home_and_elsewhere(province) -> None:
    from pipelines.detection.profiles import record_facts

    accepted, _ = province
    one = accepted["cremations"].head(1)
    # a village is an address people live at: no contradiction by itself (its county, when named,
    # is compared with the registration's in the profile); a workplace is elsewhere
    origins = ["县人民医院", "家中", "事故现场", "家", "Home", "乡卫生室", "西沟村", "西沟村煤矿"]
    crem = pl.concat([one] * len(origins)).with_columns(
        pl.Series("record_id", [f"CX{i}" for i in range(len(origins))]), pl.Series("body_origin", origins))
    facts = record_facts({"cremations": crem}, DetectionParams())
    got = facts.filter(pl.col("source") == "cremations").select("record_id", "body_not_hospital", "body_elsewhere")
    want = dict(zip(crem["record_id"].to_list(), [(False, False), (True, False), (True, True), (True, False),
                                                  (True, False), (False, False), (True, False), (True, True)],
                    strict=True))
    assert got.height == len(origins)
    for r in got.iter_rows(named=True):
        assert (r["body_not_hospital"], r["body_elsewhere"]) == want[r["record_id"]]


def test_a_large_employer_group_keeps_only_its_dead_and_seriously_injured() -> None:
    from pipelines.detection.leads import _core_only_above

    # E:big — 1 death among 24 admissions: no incident is left; E:mine — 3 deaths among 22
    # admissions: the deaths stay together; E:small — 1 death, 2 admissions: kept as is
    rows = [("E:big", f"b{i}") for i in range(25)] + [("E:mine", f"m{i}") for i in range(25)] \
        + [("E:small", f"s{i}") for i in range(3)]
    groups = pl.DataFrame({"group": [g for g, _ in rows], "person_key": [p for _, p in rows],
                           "burst_p": [0.5] * len(rows)})
    core = pl.DataFrame({"person_key": ["b0", "m0", "m1", "m2", "s0"]})
    got = _core_only_above(groups, core, 20)
    by = {g: sorted(d["person_key"].to_list()) for (g,), d in got.group_by("group")}
    assert by == {"E:mine": ["m0", "m1", "m2"], "E:small": ["s0", "s1", "s2"]}


def test_serious_injuries_at_a_busy_employer_are_tested_on_their_own() -> None:
    # a mine with an admission every day all year: a window of admissions is its routine, but three
    # serious injuries on one day (its only ones) are a burst; that day's other admission joins
    from pipelines.detection.leads import _burst_groups, _core_bursts_with_co_victims

    start = dt.date(2024, 1, 1)
    rows = [(f"a{i}", start + dt.timedelta(days=i)) for i in range(366)]
    rows += [(f"s{i}", dt.date(2024, 7, 3)) for i in range(3)]
    both = pl.DataFrame({"person_key": [p for p, _ in rows], "_emp": ["mine"] * len(rows),
                         "event_date": [d for _, d in rows]})
    core = pl.DataFrame({"person_key": ["s0", "s1", "s2"]})
    assert _burst_groups(both, "_emp", 3, 1.0, "E:").filter(pl.col("person_key").is_in(["s0", "s1", "s2"])) \
        .height == 0
    got = _core_bursts_with_co_victims(both, core, "_emp", 3, 1.0, "K:")
    assert got["group"].n_unique() == 1
    assert set(got["person_key"]) == {"s0", "s1", "s2", "a184", "a185", "a186", "a187"}


def test_a_key_seen_only_in_its_window_is_not_an_extreme_burst() -> None:
    # a small employer's only two persons a year, three days apart: about a 2 % chance over the
    # year, not the 1e-17 a rate that leaves the pair out (zero) would claim
    from pipelines.detection.leads import _burst_groups

    start = dt.date(2024, 1, 1)
    rows = [("other", start + dt.timedelta(days=i)) for i in range(0, 366, 2)]
    rows += [("small", dt.date(2024, 6, 1)), ("small", dt.date(2024, 6, 4))]
    frame = pl.DataFrame({"person_key": [f"p{i}" for i in range(len(rows))], "_emp": [k for k, _ in rows],
                          "event_date": [d for _, d in rows]})
    got = _burst_groups(frame, "_emp", 3, 1.0, "E:").filter(pl.col("group").str.starts_with("E:small"))
    assert got.height == 2
    assert 0.005 < got["burst_p"][0] < 0.05


def test_a_death_and_a_serious_injury_on_one_day_are_tested_on_that_day() -> None:
    # an employer with 15 deaths or serious injuries a year, spread out, and two more on one day:
    # in a 3-day window the pair is its routine (Bonferroni over ~90 windows), on one day it is not
    # (a pair on one day is 4 times rarer per window, over 4 times as many windows)
    from pipelines.detection.leads import _core_bursts_with_co_victims

    start = dt.date(2024, 1, 1)
    rows = [(f"c{i}", start + dt.timedelta(days=3 + 24 * i)) for i in range(15)]
    rows += [("dead", dt.date(2024, 3, 28)), ("hurt", dt.date(2024, 3, 28)), ("minor", dt.date(2024, 3, 28))]
    both = pl.DataFrame({"person_key": [p for p, _ in rows], "_emp": ["iron_mine"] * len(rows),
                         "event_date": [d for _, d in rows]})
    core = pl.DataFrame({"person_key": [p for p, _ in rows if p != "minor"]})
    pair = ["dead", "hurt"]
    three_days = _core_bursts_with_co_victims(both, core, "_emp", 3, 1.0, "K:")
    assert three_days.filter(pl.col("person_key").is_in(pair)).height == 0
    one_day = _core_bursts_with_co_victims(both, core, "_emp", 0, 1.0, "S:")
    assert sorted(one_day["person_key"]) == ["dead", "hurt", "minor"]     # the day's co-victim joins
    assert one_day["burst_p"].max() < 1.0


def _with_qq(accepted: dict, cause: str | None, cremation: bool, died: dt.date = dt.date(2024, 3, 11)) -> dict:
    """D5 (qq, enrolled at A1's employer; A1 on 10 March) with another recorded cause and death
    date (by default the day after A1), and optionally a cremation the next day on a police
    certificate."""
    d5 = pl.col("record_id") == "D5"
    dereg = accepted["deregistrations"].with_columns(
        pl.when(d5).then(pl.lit(cause, dtype=pl.String)).otherwise(pl.col("death_cause")).alias("death_cause"),
        pl.when(d5).then(pl.lit(died)).otherwise(pl.col("death_date")).alias("death_date"))
    out = {**accepted, "deregistrations": dereg}
    if cremation:
        crem = accepted["cremations"]
        d5 = dereg.filter(pl.col("record_id") == "D5").row(0, named=True)
        row = pl.DataFrame({
            "record_id": ["C5"], "name": [d5["name"]], "id_number": [d5["id_number"]], "sex": ["M"], "age": [40],
            "death_date": [d5["death_date"]], "cremated_on": [d5["death_date"] + dt.timedelta(days=1)],
            "funeral_home": ["甲县殡仪馆"], "region_code": ["140108"], "death_cause": [cause],
            "certificate_issuer": ["police"], "body_origin": ["家中"],
        }, schema=crem.schema)
        out["cremations"] = pl.concat([crem, row])
    return out


def test_a_death_at_the_accidents_employer_recorded_as_illness_is_attached_only_when_contradicted(
        province, scorer) -> None:
    accepted, links = province
    base = _lead_of(detect(accepted, links, params=ALL, scorer=scorer), "accidents", "A1")
    assert base["evidenced_deaths"].item() == 4         # 猝死 (vague): attached
    links5 = pl.concat([links, pl.DataFrame({"source": ["cremations"], "record_id": ["C5"],
                                             "person_key": ["p_qq"], "match_probability": [0.99]})])
    # 3 days after A1: the old attachment window, now beyond it (a reported accident's casualties
    # are hurt on its day or the next), however the body was handled
    late = dt.date(2024, 3, 13)
    same_day = dt.date(2024, 3, 10)    # A1's own day: one killed at once with no cause on record
    for cause, cremated, died, attached in (("病故", False, None, False), ("病故", True, None, True),
                                            ("病故", True, late, False), (None, False, same_day, True),
                                            (None, False, None, False), (None, False, late, False),
                                            (None, True, None, True), (None, True, late, False)):
        acc = _with_qq(accepted, cause, cremated, *([died] if died else []))
        r = detect(acc, links5 if cremated else links, params=ALL, scorer=scorer)
        got = _lead_of(r, "accidents", "A1")["evidenced_deaths"].item()
        assert got == (4 if attached else 3), (cause, cremated, died)
        qq = _lead_of(r, "deregistrations", "D5")
        assert (qq["lead_id"].item() == base["lead_id"].item()) is attached, (cause, cremated, died)


def test_a_death_recorded_as_a_chronic_disease_is_never_attached_to_an_accident(province, scorer) -> None:
    """qq, enrolled at A1's employer, dies on A1's own day or the next with a police-certified,
    next-day cremation: as a sudden illness (心肌梗死, 病故) the death is attached, as a chronic
    disease (肝癌, 尿毒症, 尘肺病) it is not — a long illness is no disguise of an accident death —
    unless ``attach_chronic_illness`` says so."""
    accepted, links = province
    links5 = pl.concat([links, pl.DataFrame({"source": ["cremations"], "record_id": ["C5"],
                                             "person_key": ["p_qq"], "match_probability": [0.99]})])
    for died in (dt.date(2024, 3, 10), dt.date(2024, 3, 11)):
        for cause, attached in (("急性心肌梗死", True), ("病故", True), ("肝癌", False), ("尿毒症", False),
                                ("尘肺病", False)):
            acc = _with_qq(accepted, cause, True, died)
            got = _lead_of(detect(acc, links5, params=ALL, scorer=scorer), "accidents", "A1")
            assert got["evidenced_deaths"].item() == (4 if attached else 3), (cause, died)
        acc = _with_qq(accepted, "肝癌", True, died)
        params = DetectionParams(min_score=0.0, attach_chronic_illness=True)
        assert _lead_of(detect(acc, links5, params=params, scorer=scorer), "accidents", "A1")[
            "evidenced_deaths"].item() == 4
