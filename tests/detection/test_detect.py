"""Lead types, reconciliation and the invariants of the detection stage on a hand-made province."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import polars as pl
import pytest

from pipelines.detection import DetectionParams, Scorer, detect
from pipelines.detection.detect import BASE_SIGNAL
from pipelines.detection.features import FEATURE_NAMES
from pipelines.detection.train import features_from_signals, fit_scorer

ALL = DetectionParams(min_score=0.0)


def _lead_of(result, source: str, record_id: str) -> pl.DataFrame:
    ev = result.lead_evidence.filter((pl.col("source") == source) & (pl.col("record_id") == record_id))
    return result.leads.join(ev.select("lead_id"), on="lead_id")


def test_under_reported_accident_with_late_and_unnamed_deaths(province, scorer) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    acc = r.leads.filter(pl.col("lead_type") == "under_reported_accident")
    assert acc["accident_id"].to_list() == ["A1"]          # A2's counts agree: no lead
    row = acc.row(0, named=True)
    # 2 named deaths + 王五 named injured, died 10 days later + 钱七 unnamed employee who died next day
    assert (row["reported_deaths"], row["evidenced_deaths"]) == (2, 4)
    assert (row["reported_grade"], row["evidenced_grade"]) == ("一般", "较大")
    ev = r.lead_evidence.filter(pl.col("lead_id") == row["lead_id"])
    assert {"A1", "V3", "D3", "D5"} <= set(ev["record_id"].to_list())
    assert ev.filter(pl.col("source") == "accidents")["record_id"].to_list() == ["A1"]
    assert r.summary["late_deaths"] == 1 and r.summary["attached_persons"] == 1


def test_an_unnamed_death_goes_to_the_fatal_one_of_two_accidents_of_its_employer_that_day(
        province, scorer) -> None:
    accepted, links = province
    accidents = accepted["accidents"]
    # a second accident at A1's mine on the same day, reported without deaths; its number sorts first
    a0 = accidents.filter(pl.col("record_id") == "A1").with_columns(
        pl.lit("A0").alias("record_id"), pl.lit(0).cast(accidents["reported_deaths"].dtype).alias("reported_deaths"),
        pl.lit(1).cast(accidents["reported_serious_injuries"].dtype).alias("reported_serious_injuries"))
    r = detect({**accepted, "accidents": pl.concat([a0, accidents])}, links, params=ALL, scorer=scorer)
    lead = _lead_of(r, "deregistrations", "D5").row(0, named=True)    # 钱七, the unnamed employee
    assert lead["accident_id"] == "A1"
    assert (lead["reported_deaths"], lead["evidenced_deaths"]) == (2, 4)
    assert r.leads.filter(pl.col("accident_id") == "A0").height == 0


def test_a_person_named_injured_in_one_accident_and_dead_in_a_later_counts_as_a_death_of_the_later(
        province, scorer) -> None:
    accepted, links = province
    accidents, victims = accepted["accidents"], accepted["accident_victims"]
    # three weeks before A1, an accident at the same mine reported without deaths named 张三 (V1:
    # dead in A1) among its minor injuries
    a0 = accidents.filter(pl.col("record_id") == "A1").with_columns(
        pl.lit("A0").alias("record_id"), pl.col("occurred_at") - pl.duration(days=19),
        pl.col("reported_at") - pl.duration(days=19),
        pl.lit(0).cast(accidents["reported_deaths"].dtype).alias("reported_deaths"),
        pl.lit(0).cast(accidents["reported_serious_injuries"].dtype).alias("reported_serious_injuries"),
        pl.lit(1).cast(accidents["reported_minor_injuries"].dtype).alias("reported_minor_injuries"))
    v0 = victims.filter(pl.col("record_id") == "V1").with_columns(
        pl.lit("V0").alias("record_id"), pl.lit("A0").alias("accident_id"), pl.lit("minor_injury").alias("outcome"))
    l0 = links.filter(pl.col("record_id") == "V1").with_columns(pl.lit("V0").alias("record_id"))
    r = detect({**accepted, "accidents": pl.concat([a0, accidents]), "accident_victims": pl.concat([v0, victims])},
               pl.concat([l0, links]), params=ALL, scorer=scorer)
    acc = r.leads.filter(pl.col("lead_type") == "under_reported_accident")
    # his death is A1's (named dead there), not a death or a late death of A0 (the earliest)
    assert acc["accident_id"].to_list() == ["A1"]
    assert (acc["reported_deaths"].item(), acc["evidenced_deaths"].item()) == (2, 4)


def _death_on(accepted, day: dt.date, *record_ids: str) -> dict[str, pl.DataFrame]:
    dereg = accepted["deregistrations"].with_columns(
        pl.when(pl.col("record_id").is_in(record_ids)).then(pl.lit(day)).otherwise(pl.col("death_date"))
        .alias("death_date"))
    return {**accepted, "deregistrations": dereg}


def test_a_named_injured_victim_who_died_after_the_window_stays_explained_alone(province, scorer) -> None:
    accepted, links = province
    # 王五, named seriously injured in A1 (10 March), dies on 20 May instead of 20 March
    r = detect(_death_on(accepted, dt.date(2024, 5, 20), "D3"), links, params=ALL, scorer=scorer)
    acc = r.leads.filter(pl.col("lead_type") == "under_reported_accident")
    assert acc["accident_id"].to_list() == ["A1"]
    # 2 named deaths + 钱七 attached; 王五 is no late death — and no lead of his own: his death
    # most likely followed the injury the report covers
    assert acc["evidenced_deaths"].item() == 3
    assert _lead_of(r, "deregistrations", "D3").height == 0


def test_a_named_injured_victim_who_died_after_the_window_joins_a_new_incident(province, scorer) -> None:
    accepted, links = province
    # 王五 (named injured in A1) and 钱七 (A1's mine, no longer dying on A1's day) both die on 20 May
    r = detect(_death_on(accepted, dt.date(2024, 5, 20), "D3", "D5"), links, params=ALL, scorer=scorer)
    lead = _lead_of(r, "deregistrations", "D3")
    assert lead["lead_type"].to_list() == ["unreported_incident"]
    assert _lead_of(r, "deregistrations", "D5")["lead_id"].to_list() == lead["lead_id"].to_list()
    assert lead["evidenced_deaths"].item() == 2
    # A1 is no longer under-reported: 2 named deaths, 2 reported
    assert r.leads.filter(pl.col("accident_id") == "A1").height == 0


def test_lead_types(province, scorer) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    inc = _lead_of(r, "deregistrations", "D7")
    assert inc["lead_type"].to_list() == ["unreported_incident"]
    assert inc["persons"].item() == 2 and inc["evidenced_deaths"].item() == 2
    assert _lead_of(r, "deregistrations", "D8")["lead_id"].to_list() == inc["lead_id"].to_list()
    assert _lead_of(r, "injury_claims", "K1")["lead_type"].to_list() == ["unreported_death"]
    assert _lead_of(r, "medical_records", "M1")["lead_type"].to_list() == ["unreported_serious_injury"]
    # the named and correctly reported victim of A2 supports no lead
    assert _lead_of(r, "deregistrations", "D4").height == 0
    # hard negatives rank below every real lead
    real = {_lead_of(r, s, i)["rank"].item() for s, i in
            [("accidents", "A1"), ("deregistrations", "D7"), ("injury_claims", "K1"), ("medical_records", "M1")]}
    for s, i in [("deregistrations", "D6"), ("deregistrations", "D9")]:
        assert _lead_of(r, s, i)["rank"].item() > max(real)


def test_invariants(province, scorer) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    leads = r.leads
    assert leads["rank"].to_list() == list(range(1, leads.height + 1))
    assert leads["score"].to_list() == sorted(leads["score"].to_list(), reverse=True)
    assert leads["lead_id"].n_unique() == leads.height
    assert ((leads["score"] >= 0) & (leads["score"] <= 1)).all()
    # every record supports at most one lead
    assert r.lead_evidence.select("source", "record_id").is_duplicated().sum() == 0
    assert leads.filter(pl.col("lead_type") == "unreported_incident")["persons"].min() >= 2
    assert set(r.lead_evidence["lead_id"].unique()) == set(leads["lead_id"])
    # the evidence records carry every evidence row's canonical columns
    assert r.evidence_records.height == r.lead_evidence.height
    assert r.evidence_records.select("source", "record_id").sort(["source", "record_id"]).equals(
        r.lead_evidence.select("source", "record_id").sort(["source", "record_id"]))


def test_deterministic_and_lead_id_stable_when_evidence_added(province, scorer) -> None:
    accepted, links = province
    r1 = detect(accepted, links, params=ALL, scorer=scorer)
    r2 = detect(accepted, links, params=ALL, scorer=scorer)
    assert r1.leads.equals(r2.leads) and r1.lead_signals.equals(r2.lead_signals)
    assert r1.lead_evidence.equals(r2.lead_evidence)

    # more evidence: a cremation for the claim's death, a later hospital record for the incident
    crem = accepted["cremations"]
    extra = pl.DataFrame({
        "record_id": ["C99"], "name": ["陈工"], "id_number": [None], "sex": ["M"], "age": [40],
        "death_date": [dt.date(2024, 8, 2)], "cremated_on": [dt.date(2024, 8, 3)], "funeral_home": ["某殡仪馆"],
        "region_code": ["140105"], "death_cause": ["病故"], "certificate_issuer": ["other"], "body_origin": ["家中"],
    }, schema=crem.schema)
    grown = {**accepted, "cremations": pl.concat([crem, extra])}
    grown_links = pl.concat([links, pl.DataFrame({"source": ["cremations"], "record_id": ["C99"],
                                                  "person_key": ["p_cl"], "match_probability": [0.9]})])
    r3 = detect(grown, grown_links, params=ALL, scorer=scorer)
    assert set(r1.leads["lead_id"]) == set(r3.leads["lead_id"])
    claim_lead = _lead_of(r3, "injury_claims", "K1")["lead_id"].item()
    assert _lead_of(r3, "cremations", "C99")["lead_id"].item() == claim_lead
    assert claim_lead == _lead_of(r1, "injury_claims", "K1")["lead_id"].item()


def test_reasons_agree_with_contributions(province, scorer) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    for lead in r.leads.iter_rows(named=True):
        sig = r.lead_signals.filter(pl.col("lead_id") == lead["lead_id"])
        logit = sig["contribution"].sum()
        assert lead["score"] == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-12)
        # reasons are the top rows of the lead's signal table (contribution descending):
        # its positive named signals, or with none the table's first rows
        ordered = sig.sort(["contribution", "signal"], descending=[True, False])
        pos = ordered.filter((pl.col("signal") != BASE_SIGNAL) & (pl.col("contribution") > 0))
        top = (pos if pos.height else ordered).head(ALL.max_reasons)
        assert ordered.head(top.height)["signal"].to_list() == top["signal"].to_list()
        assert lead["reasons_zh"] != "" and lead["reasons_en"] != ""
        assert lead["reasons_zh"] == "；".join(top["text_zh"])
        assert lead["reasons_en"] == "; ".join(top["text_en"])
    acc = r.leads.filter(pl.col("lead_type") == "under_reported_accident").row(0, named=True)
    assert acc["reasons_en"].startswith("the accident report states 2 deaths but the linked records show 4")


def test_output_keeps_scored_leads_and_the_best_few(province, scorer) -> None:
    accepted, links = province
    every = detect(accepted, links, params=ALL, scorer=scorer)
    some = detect(accepted, links, params={"min_score": 0.5, "min_leads": 0}, scorer=scorer)
    assert 0 < some.leads.height < every.leads.height
    assert some.leads["score"].min() >= 0.5
    assert set(some.lead_evidence["lead_id"]) == set(some.leads["lead_id"])
    # the best min_leads are written whatever their score (rank, don't filter) ...
    top2 = detect(accepted, links, params={"min_score": 1.0, "min_leads": 2, "min_leads_share": 0.0}, scorer=scorer)
    assert top2.leads["lead_id"].to_list() == every.leads["lead_id"].head(2).to_list()
    # ... and that floor grows with the candidates (a share of them), never below min_leads
    n = every.summary["candidate_leads"]
    assert n >= 4
    half = detect(accepted, links, params={"min_score": 1.0, "min_leads": 1, "min_leads_share": 0.5}, scorer=scorer)
    k = -(-n // 2)
    assert half.summary["leads_floor"] == k
    urgent = every.leads.filter(pl.col("lead_type") == "under_reported_accident")["lead_id"].to_list()
    expect = set(every.leads["lead_id"].head(k).to_list()) | set(urgent)
    assert set(half.leads["lead_id"].to_list()) == expect
    assert DetectionParams(min_leads=2000, min_leads_share=0.1).leads_floor(50_000) == 5000
    assert DetectionParams(min_leads=2000, min_leads_share=0.1).leads_floor(300) == 2000
    # ... and max_leads caps the output
    capped = detect(accepted, links, params={"min_score": 0.0, "max_leads": 3}, scorer=scorer)
    assert capped.leads["lead_id"].to_list() == every.leads["lead_id"].head(3).to_list()
    assert every.summary["candidate_leads"] == every.leads.height


def test_scorer_fit_roundtrip_and_retrain_from_signals(province, scorer, tmp_path) -> None:
    accepted, links = province
    r = detect(accepted, links, params=ALL, scorer=scorer)
    X = features_from_signals(r.lead_signals)
    assert X.columns == ["lead_id", *FEATURE_NAMES]
    direct = r.features.join(X.select("lead_id"), on="lead_id").sort("lead_id")
    assert np.allclose(X.drop("lead_id").to_numpy(), direct.drop("lead_id").to_numpy())
    # investigators' decisions: the three top leads confirmed, the rest false
    labels = r.leads.select("lead_id", (pl.col("rank") <= 3).cast(pl.Int8).alias("label"))
    fitted = fit_scorer(X, labels, provenance={"labels": "test decisions"})
    path = tmp_path / "scorer.json"
    fitted.save(path)
    again = Scorer.load(path)
    p = again.predict_proba(X)
    assert np.allclose(p, fitted.predict_proba(X))
    y = X.join(labels, on="lead_id")["label"].to_numpy()
    assert p[y == 1].mean() > p[y == 0].mean()
    assert 0.0 <= fitted.calibration["on_training_data"]["brier"] < 0.25


def test_recalibration_recovers_the_slope_and_shift_of_the_decisions() -> None:
    """Platt scaling of the scorer's log-odds: decisions drawn at 0.5·logit − 1 give back a ≈ 0.5,
    b ≈ −1; weights and base scale with a, so contributions stay exact and the order is kept."""
    from pipelines.detection.train import recalibrate_scorer

    rng = np.random.default_rng(5)
    n = 6000
    X = pl.DataFrame({"lead_id": [f"L{i}" for i in range(n)], "f1": rng.normal(size=n), "f2": rng.normal(size=n)})
    sc = Scorer(features=["f1", "f2"], weights=[2.0, -1.0], base=0.5)
    z = sc.logit(X)
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-(0.5 * z - 1.0)))).astype(np.int8)
    labels = pl.DataFrame({"lead_id": X["lead_id"], "label": y})
    out = recalibrate_scorer(sc, X, labels, provenance={"labels": "investigators' decisions (test)"})
    rec = out.provenance["recalibrated"]
    assert rec["slope"] == pytest.approx(0.5, abs=0.05) and rec["intercept"] == pytest.approx(-1.0, abs=0.1)
    assert np.allclose(out.logit(X), rec["slope"] * z + rec["intercept"])
    assert np.allclose(out.contributions(X), rec["slope"] * sc.contributions(X))
    assert (np.argsort(-out.logit(X), kind="stable") == np.argsort(-z, kind="stable")).all()
    cal = out.calibration
    assert cal["on_training_data"]["brier"] < cal["before_recalibration"]["brier"]
    assert out.provenance["labels"] == "investigators' decisions (test)"


def test_recalibration_refuses_too_few_decisions() -> None:
    from pipelines.detection.train import recalibrate_scorer
    from pipelines.errors import UsageError

    X = pl.DataFrame({"lead_id": [f"L{i}" for i in range(30)], "f1": np.linspace(-2, 2, 30)})
    sc = Scorer(features=["f1"], weights=[1.0], base=0.0)
    all_false = pl.DataFrame({"lead_id": X["lead_id"], "label": [0] * 30})
    with pytest.raises(UsageError, match="too few"):
        recalibrate_scorer(sc, X, all_false)
    one_real = recalibrate_scorer(sc, X, all_false.with_columns(pl.Series("label", [0] * 29 + [1])))
    assert 0.05 <= one_real.provenance["recalibrated"]["slope"] <= 20.0
    with pytest.raises(UsageError, match="too few"):
        recalibrate_scorer(sc, X.head(10), pl.DataFrame({"lead_id": X["lead_id"][:10], "label": [0, 1] * 5}))


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"model": "logistic_regression"}'])
def test_a_broken_scorer_file_is_a_usage_error_naming_it(tmp_path, text) -> None:
    from pipelines.errors import UsageError

    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=r"broken\.json"):
        Scorer.load(path)


def test_unknown_parameter_is_a_usage_error(province, scorer) -> None:
    from pipelines.errors import UsageError

    accepted, links = province
    with pytest.raises(UsageError):
        detect(accepted, links, params={"no_such_window": 3}, scorer=scorer)


def test_dates_in_an_impossible_order_read_as_unknown(province) -> None:
    """A row kept with mistyped dates (the gate flags, not quarantines, them) must not make a
    signal: a cremation dated before the death is no fast cremation, and a birth date after the
    death gives way to the ID number's."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    accepted, links = province
    params = DetectionParams()

    def profile(acc: dict[str, pl.DataFrame], key_of: str) -> dict:
        facts = attach_links(record_facts(acc, params), links)
        prof = person_profiles(acc, facts, params)
        key = facts.filter(pl.col("record_id") == key_of)["person_key"].item()
        return prof.filter(pl.col("person_key") == key).row(0, named=True)

    before = profile(accepted, "C8")
    assert before["cremation_days"] == 1 and before["very_fast_cremation"]
    swapped = accepted["cremations"].with_columns(
        pl.when(pl.col("record_id") == "C8").then(pl.lit(dt.date(2024, 4, 20))).otherwise(pl.col("cremated_on"))
        .alias("cremated_on"))
    after = profile({**accepted, "cremations": swapped}, "C8")
    assert after["cremation_days"] is None
    assert not after["fast_cremation"] and not after["very_fast_cremation"]

    d = accepted["deregistrations"]
    first = d["record_id"][0]
    bad_birth = d.with_columns(pl.when(pl.col("record_id") == first).then(pl.lit(dt.date(2090, 1, 1)))
                               .otherwise(pl.col("birth_date")).alias("birth_date"))
    p = profile({**accepted, "deregistrations": bad_birth}, first)
    id_birth = d.filter(pl.col("record_id") == first)["id_number"].item()[6:14]
    assert p["birth_date"] == dt.date(int(id_birth[:4]), int(id_birth[4:6]), int(id_birth[6:8]))
    assert p["working_age"]


def _death_and_stay_profiles(death_dates: list[dt.date], deregistered: dt.date, causes: list[str | None],
                             admitted: dt.datetime, discharged: dt.datetime, codes: tuple[str, str],
                             dispositions: list[str], link_p: float) -> pl.DataFrame:
    """Profiles of two persons P1, P2, each a deregistration (D1, D2) joined with probability
    ``link_p`` to one hospital stay (M1, M2) of the same admission and discharge."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    dereg = pl.DataFrame({
        "record_id": ["D1", "D2"], "name": ["张三", "李四"],
        "id_number": ["14010519800101011X", "140105198202020213"], "sex": ["M", "M"],
        "birth_date": [None, None], "death_date": death_dates,
        "deregistered_on": [deregistered] * 2, "region_code": ["140105"] * 2,
        "reason": ["death"] * 2, "death_cause": causes}, schema_overrides={"birth_date": pl.Date})
    med = pl.DataFrame({
        "record_id": ["M1", "M2"], "name": ["张三", "李四"], "id_number": [None, None], "sex": ["M", "M"],
        "age": [44, 42], "hospital": ["某县人民医院"] * 2, "region_code": ["140105"] * 2,
        "admitted_at": [admitted] * 2, "discharged_at": [discharged] * 2,
        "diagnosis_icd10": [codes[0]] * 2, "external_cause_icd10": [codes[1]] * 2,
        "disposition": dispositions, "payer": [None, None], "employer_name": [None, None]})
    links = pl.DataFrame({"source": ["deregistrations", "medical_records"] * 2,
                          "record_id": ["D1", "M1", "D2", "M2"], "person_key": ["P1", "P1", "P2", "P2"],
                          "match_probability": [1.0, link_p, 1.0, link_p]})
    acc = {"deregistrations": dereg, "medical_records": med}
    params = DetectionParams()
    return person_profiles(acc, attach_links(record_facts(acc, params), links), params).sort("person_key")


def test_a_trauma_admission_that_ended_in_death_needs_no_sure_link() -> None:
    """A death joined to an admission by a doubtful link is not 'after trauma' (a namesake's
    admission) — unless the admission itself ended in death: then the record says both."""
    prof = _death_and_stay_profiles([dt.date(2024, 3, 10)] * 2, dt.date(2024, 3, 15), ["病故"] * 2,
                                    dt.datetime(2024, 3, 10, 9), dt.datetime(2024, 3, 10, 13), ("S06.5", "W20.6"),
                                    ["died", "discharged"], 0.9)
    assert prof["died_after_trauma"].to_list() == [True, False]


def test_a_coal_stove_gas_death_is_a_home_injury_not_a_death_after_trauma() -> None:
    """A death recorded as household gas poisoning (煤气中毒) after a T58 admission that ended in
    death is a home injury, the hard negative like a fall at home: not 'died after trauma'; the
    same admission with a death recorded as illness still is."""
    prof = _death_and_stay_profiles([dt.date(2024, 1, 10)] * 2, dt.date(2024, 1, 15), ["煤气中毒", "病故"],
                                    dt.datetime(2024, 1, 10, 6), dt.datetime(2024, 1, 10, 9), ("T58", ""),
                                    ["died", "died"], 1.0)
    assert prof["died_after_trauma"].to_list() == [False, True]
    assert prof["ext_home"].to_list() == [True, False]
    assert prof["cause_class"].to_list() == ["home_injury", "other_injury"]


def test_a_death_date_before_the_persons_own_admission_gives_way() -> None:
    """Nobody is admitted after their death: a deregistration whose death date (month and day
    swapped) precedes the person's admission that ended in death takes the hospital's date, so
    the death is 'after trauma' and falls on the injury's day; a consistent date is kept."""
    prof = _death_and_stay_profiles([dt.date(2024, 2, 11), dt.date(2024, 11, 3)], dt.date(2024, 11, 17),
                                    [None, None], dt.datetime(2024, 11, 2, 4), dt.datetime(2024, 11, 2, 7),
                                    ("T71", "X59.9"), ["died", "transferred"], 1.0)
    assert prof["death_date"].to_list() == [dt.date(2024, 11, 2), dt.date(2024, 11, 3)]
    assert prof["event_date"].to_list() == [dt.date(2024, 11, 2)] * 2
    assert prof["died_after_trauma"].to_list() == [True, True]


def test_a_death_record_whose_own_dates_disagree_yields_to_the_others() -> None:
    """A deregistration more than a month after its death date (the law's month), or a cremation
    before or long after its death date, marks a mistyped date: the other record's date of death
    is taken; with no date trusted, the cremation bounds the death; alone, a record's date stays."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    D = dt.date
    # P1: deregistration 2024-03-25 (declared 05-17: 53 days), cremation 04-24 (cremated 04-29)
    # P2: cremation dated after its cremation (2025-08-05 / 2024-08-05), deregistration 2024-05-08
    #     declared 08-29 (113 days): neither trusted, so the cremation day
    # P3: a late deregistration alone keeps its date
    dereg = pl.DataFrame({
        "record_id": ["D1", "D2", "D3"], "name": ["张三", "李四", "王五"],
        "id_number": ["14010519800101011X", "140105198202020213", "140105198303030314"], "sex": ["M"] * 3,
        "birth_date": [None] * 3, "death_date": [D(2024, 3, 25), D(2024, 5, 8), D(2024, 1, 2)],
        "deregistered_on": [D(2024, 5, 17), D(2024, 8, 29), D(2024, 9, 1)], "region_code": ["140105"] * 3,
        "reason": ["death"] * 3, "death_cause": [None] * 3}, schema_overrides={"birth_date": pl.Date})
    crem = pl.DataFrame({
        "record_id": ["C1", "C2"], "name": ["张三", "李四"], "id_number": [None, None], "sex": ["M", "M"],
        "age": [44, 42], "death_date": [D(2024, 4, 24), D(2025, 8, 5)], "cremated_on": [D(2024, 4, 29), D(2024, 8, 5)],
        "funeral_home": ["某县殡仪馆"] * 2, "region_code": ["140105"] * 2, "death_cause": [None, None],
        "certificate_issuer": ["hospital"] * 2, "body_origin": ["医院"] * 2})
    links = pl.DataFrame({"source": ["deregistrations", "cremations", "deregistrations", "cremations", "deregistrations"],
                          "record_id": ["D1", "C1", "D2", "C2", "D3"], "person_key": ["P1", "P1", "P2", "P2", "P3"],
                          "match_probability": [1.0] * 5})
    acc = {"deregistrations": dereg, "cremations": crem}
    params = DetectionParams()
    prof = person_profiles(acc, attach_links(record_facts(acc, params), links), params).sort("person_key")
    assert prof["death_date"].to_list() == [D(2024, 4, 24), D(2024, 8, 5), D(2024, 1, 2)]


def test_a_drowning_at_a_mine_is_no_hard_negative() -> None:
    """Drowning is a hard negative (W65–W74, off work) — except for someone employed by a mine at
    the time: a water inrush (透水, the accident type `flooding`) drowns miners, and hospitals
    often leave the place (.6) uncoded. The same uncoded drowning at a factory stays one."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    med = pl.DataFrame({
        "record_id": ["M1", "M2"], "name": ["张三", "李四"], "id_number": [None, None], "sex": ["M", "M"],
        "age": [28, 30], "hospital": ["某县人民医院"] * 2, "region_code": ["141127"] * 2,
        "admitted_at": [dt.datetime(2025, 12, 14, 8)] * 2, "discharged_at": [dt.datetime(2025, 12, 14, 16)] * 2,
        "diagnosis_icd10": ["T75.1"] * 2, "external_cause_icd10": ["W74"] * 2,
        "disposition": ["died"] * 2, "payer": [None, None],
        "employer_name": ["岚县甲煤炭开采有限责任公司", "岚县乙纺织有限公司"]})
    ent = pl.DataFrame({
        "uscc": ["91141127AAAAAAAAA1", "91141127BBBBBBBBB2"],
        "name": ["岚县甲煤炭开采有限责任公司", "岚县乙纺织有限公司"],
        "industry": ["coal_mining", "manufacturing"], "region_code": ["141127"] * 2, "high_risk": [True, False]})
    links = pl.DataFrame({"source": ["medical_records"] * 2, "record_id": ["M1", "M2"],
                          "person_key": ["P1", "P2"], "match_probability": [1.0, 1.0]})
    acc = {"medical_records": med, "enterprises": ent}
    params = DetectionParams()
    prof = person_profiles(acc, attach_links(record_facts(acc, params), links), params).sort("person_key")
    assert prof["employer_industry"].to_list() == ["coal_mining", "manufacturing"]
    assert prof["drowning"].to_list() == [False, True]
    none = DetectionParams(flooding_industries=())
    prof = person_profiles(acc, attach_links(record_facts(acc, none), links), none).sort("person_key")
    assert prof["drowning"].to_list() == [True, True]


def test_a_death_under_fifty_is_a_younger_death() -> None:
    """The 'younger death' signal fires for a death from working age to ``prime_age_max`` (49),
    not for one at 50–65 nor for the living; the bound is a parameter."""
    from pipelines.detection.features import FEATURE_BY_NAME
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    dereg = pl.DataFrame({
        "record_id": ["D1", "D2", "D3"], "name": ["张三", "李四", "王五"],
        "id_number": ["140105198501010110", "140105196801010113", "140105198001010111"], "sex": ["M"] * 3,
        "birth_date": [dt.date(1985, 1, 1), dt.date(1968, 1, 1), dt.date(1975, 1, 1)],
        "death_date": [dt.date(2024, 3, 10)] * 3, "deregistered_on": [dt.date(2024, 3, 15)] * 3,
        "region_code": ["140105"] * 3, "reason": ["death"] * 3, "death_cause": ["病故"] * 3})
    links = pl.DataFrame({"source": ["deregistrations"] * 3, "record_id": ["D1", "D2", "D3"],
                          "person_key": ["P1", "P2", "P3"], "match_probability": [1.0] * 3})
    acc = {"deregistrations": dereg}

    def younger(params: DetectionParams) -> list[float]:
        prof = person_profiles(acc, attach_links(record_facts(acc, params), links), params).sort("person_key")
        return prof.select(FEATURE_BY_NAME["younger_death"].value()).to_series().to_list()

    assert younger(DetectionParams()) == [1.0, 0.0, 1.0]       # 39, 56, 49
    assert younger(DetectionParams(prime_age_max=45)) == [1.0, 0.0, 0.0]


def test_a_death_in_the_employers_city_away_from_home_is_marked() -> None:
    """'Died where employed': cremated (or treated) in the city of the employer at the time while
    registered in another city — not when the death stayed in the home city."""
    from pipelines.detection.features import FEATURE_BY_NAME
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    ids = ["140105198501010110", "140105198601010113"]
    dereg = pl.DataFrame({
        "record_id": ["D1", "D2"], "name": ["张三", "李四"], "id_number": ids, "sex": ["M"] * 2,
        "birth_date": [dt.date(1985, 1, 1), dt.date(1986, 1, 1)], "death_date": [dt.date(2024, 3, 10)] * 2,
        "deregistered_on": [dt.date(2024, 3, 15)] * 2, "region_code": ["140105"] * 2, "reason": ["death"] * 2,
        "death_cause": ["病故"] * 2})
    crem = pl.DataFrame({
        "record_id": ["C1", "C2"], "name": ["张三", "李四"], "id_number": ids, "sex": ["M"] * 2, "age": [39, 38],
        "death_date": [dt.date(2024, 3, 10)] * 2, "cremated_on": [dt.date(2024, 3, 13)] * 2,
        "funeral_home": ["大同市殡仪馆", "太原市殡仪馆"], "region_code": ["140203", "140106"],
        "death_cause": ["病故"] * 2, "certificate_issuer": ["hospital"] * 2, "body_origin": ["x", "y"]})
    emp = pl.DataFrame({
        "record_id": ["E1", "E2"], "id_number": ids, "name": ["张三", "李四"],
        "employer_name": ["大同甲煤业有限公司"] * 2, "employer_uscc": ["91140200AAAAAAAAA1"] * 2,
        "industry": ["coal_mining"] * 2, "start_date": [dt.date(2020, 1, 1)] * 2, "end_date": [None, None]},
        schema_overrides={"end_date": pl.Date})
    ent = pl.DataFrame({"uscc": ["91140200AAAAAAAAA1"], "name": ["大同甲煤业有限公司"], "industry": ["coal_mining"],
                        "region_code": ["140202"], "high_risk": [True]})
    links = pl.DataFrame({"source": ["deregistrations", "cremations"] * 2, "record_id": ["D1", "C1", "D2", "C2"],
                          "person_key": ["P1", "P1", "P2", "P2"], "match_probability": [1.0] * 4})
    acc = {"deregistrations": dereg, "cremations": crem, "employment": emp, "enterprises": ent}
    params = DetectionParams()
    prof = person_profiles(acc, attach_links(record_facts(acc, params), links), params).sort("person_key")
    assert prof["employer_region"].to_list() == ["140202", "140202"]
    assert prof.select(FEATURE_BY_NAME["died_where_employed"].value()).to_series().to_list() == [1.0, 0.0]


def test_a_cremation_without_a_date_of_death_is_not_on_the_day_of_death() -> None:
    """A cremation record may leave the date of death empty (the contract allows it): the
    cremation date must not stand in for it when measuring how fast the body was cremated. With
    the deregistration's date (six days before) the speed is six days; with no other record it is
    unknown; a stated date the day before makes it very fast."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    day = dt.date(2025, 6, 15)
    dereg = pl.DataFrame({
        "record_id": ["D1"], "name": ["崔杰伟"], "id_number": ["140602200701198391"], "sex": ["M"],
        "birth_date": [dt.date(2007, 1, 19)], "death_date": [day], "deregistered_on": [dt.date(2025, 6, 30)],
        "region_code": ["140602"], "reason": ["death"], "death_cause": ["车祸"]})
    crem = pl.DataFrame({
        "record_id": ["C1", "C2", "C3"], "name": ["崔杰伟", "王林", "李强"], "id_number": [None, None, None],
        "sex": ["M", "M", "M"], "age": [18, 40, 40], "death_date": [None, None, dt.date(2025, 3, 1)],
        "cremated_on": [dt.date(2025, 6, 21), dt.date(2025, 6, 21), dt.date(2025, 3, 2)],
        "funeral_home": ["朔州市朔城区殡仪馆"] * 3, "region_code": ["140602"] * 3, "death_cause": [None] * 3,
        "certificate_issuer": ["hospital"] * 3, "body_origin": [None] * 3},
        schema_overrides={"id_number": pl.String, "death_cause": pl.String, "body_origin": pl.String})
    links = pl.DataFrame({"source": ["deregistrations", "cremations", "cremations", "cremations"],
                          "record_id": ["D1", "C1", "C2", "C3"], "person_key": ["P1", "P1", "P2", "P3"],
                          "match_probability": [1.0, 0.99, 1.0, 1.0]})
    accepted = {"deregistrations": dereg, "cremations": crem}
    params = DetectionParams()
    prof = person_profiles(accepted, attach_links(record_facts(accepted, params), links), params)
    row = {r["person_key"]: r for r in prof.iter_rows(named=True)}
    assert row["P1"]["cremation_days"] == 6
    assert not row["P1"]["fast_cremation"] and not row["P1"]["very_fast_cremation"]
    assert row["P2"]["cremation_days"] is None and not row["P2"]["very_fast_cremation"]
    assert row["P3"]["cremation_days"] == 1 and row["P3"]["very_fast_cremation"]


def test_a_near_certain_link_is_no_weak_link(province, scorer) -> None:
    """A match probability a hair below 1 (a match weight of 50 gives 1 - 9e-16) is no weak link:
    no ``weak_link`` row in ``lead_signals``; a real 0.9 link still is one."""
    accepted, links = province
    weak = lambda r: r.lead_signals.filter(pl.col("signal") == "weak_link")  # noqa: E731
    residue = links.with_columns(pl.lit(1.0 - 1e-15).alias("match_probability"))
    assert weak(detect(accepted, residue, params=ALL, scorer=scorer)).height == 0
    unsure = links.with_columns(pl.lit(0.9).alias("match_probability"))
    rows = weak(detect(accepted, unsure, params=ALL, scorer=scorer))
    assert rows.height > 0 and (rows["value"].round(6) == 0.1).all()


def test_the_employer_comes_from_a_spell_the_linkage_joined_though_the_ids_differ() -> None:
    """A deregistration with a mistyped ID finds no enrolment spell by ID; the spell the linkage
    put in the person's cluster still gives the employer at the time (and without the links the
    person has none)."""
    from pipelines.detection.profiles import attach_links, person_profiles, record_facts

    dereg = pl.DataFrame({
        "record_id": ["D1"], "name": ["李芳艳"], "id_number": ["104524198407237428"], "sex": ["F"],
        "birth_date": [dt.date(1984, 7, 23)], "death_date": [dt.date(2024, 6, 13)],
        "deregistered_on": [dt.date(2024, 6, 20)], "region_code": ["140524"], "reason": ["death"],
        "death_cause": ["猝死"]})
    emp = pl.DataFrame({
        "record_id": ["E1"], "id_number": ["140524198407237428"], "name": ["李芳艳"],
        "employer_name": ["陵川县富昌焦化集团有限公司"], "employer_uscc": ["91140524074611365R"],
        "industry": ["hazardous_chemicals"], "start_date": [dt.date(2019, 2, 26)], "end_date": [None]},
        schema_overrides={"end_date": pl.Date})
    links = pl.DataFrame({"source": ["deregistrations", "employment"], "record_id": ["D1", "E1"],
                          "person_key": ["P1", "P1"], "match_probability": [0.99, 0.99]})
    acc = {"deregistrations": dereg, "employment": emp}
    params = DetectionParams()
    facts = attach_links(record_facts(acc, params), links)
    with_links = person_profiles(acc, facts, params, links)
    assert with_links["employer_uscc"].to_list() == ["91140524074611365R"]
    assert with_links["employed_at_event"].to_list() == [True]
    assert person_profiles(acc, facts, params)["employed_at_event"].to_list() == [False]
