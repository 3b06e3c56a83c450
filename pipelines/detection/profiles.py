"""Person profiles: everything the departments' records say about one linked person.

Input: the accepted canonical frames (interfaces §2–3) and the linkage ``links``
(``source``, ``record_id``, ``person_key``, ``match_probability``). Output: one row per
person (``person_key``) with the facts the domain brief names — dead or injured and when,
recorded causes classified (:mod:`pipelines.detection.causes`), trauma admissions,
serious injury, the employer at the time (claims, accident victims lists, medical
records and employment spells joined by normalised ID and date, enriched from the
enterprise register), places (registration, hospital, funeral home, employer county),
cremation speed and distance, certificate issuer, claims and their outcomes, age.

Everything is columnar polars: one long frame of per-record facts
(:func:`record_facts`), one ``group_by`` into profiles (:func:`person_profiles`), and
joins for employment and the register. No per-row Python.
"""

from __future__ import annotations

import polars as pl

from linkage.normalize.ids import check_char_expr
from pipelines.contract import PERSON_SOURCES
from pipelines.detection.causes import (
    cause_rank,
    rank_to_class,
    simplified,
    text_chronic_illness,
    text_drowning,
    text_non_work,
    text_states_death,
    text_work_explicit,
    with_icd_classes,
    with_text_class,
)
from pipelines.detection.params import DetectionParams
from pipelines.employers import employer_full_key, employer_name_key
from pipelines.persons import foreign_id
from pipelines.regions import county_of_place, home_province

# the person-bearing sources record_facts reads: enrolment spells join persons as spells
# (person_profiles), not as facts of a death or an injury
FACT_SOURCES = tuple(s for s in PERSON_SOURCES if s != "employment")

# The per-record fact schema shared by every source (record_facts' output).
FACT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(), "record_id": pl.String(), "id_key": pl.String(), "name": pl.String(),
    "birth_date": pl.Date(), "birth_rank": pl.Int8(), "age_given": pl.Int64(),
    "death": pl.Boolean(), "death_date": pl.Date(), "death_date_exact": pl.Boolean(),
    "death_date_stated": pl.Date(),
    "injury": pl.Boolean(), "injury_date": pl.Date(), "serious": pl.Boolean(),
    "cause_class": pl.String(), "death_cause_class": pl.String(), "cause_names_work": pl.Boolean(),
    "ext_work": pl.Boolean(), "ext_industrial": pl.Boolean(), "ext_home": pl.Boolean(),
    "ext_code": pl.String(),
    "employer_name": pl.String(), "employer_uscc": pl.String(),
    "reg_region": pl.String(), "hospital": pl.String(), "hospital_region": pl.String(),
    "funeral_region": pl.String(), "funeral_home": pl.String(), "claim_region": pl.String(),
    "cremated_on": pl.Date(), "cert_issuer": pl.String(), "body_home": pl.Boolean(),
    "body_not_hospital": pl.Boolean(), "body_elsewhere": pl.Boolean(), "body_place": pl.String(),
    "body_residence_county": pl.String(),
    "drowning": pl.Boolean(), "chronic": pl.Boolean(), "claim_death": pl.Boolean(),
    "claim_work_death": pl.Boolean(),
    "claim_illness_death": pl.Boolean(), "claim_undescribed_death": pl.Boolean(),
    "non_work_injury": pl.Boolean(),
    "claim_outcome": pl.String(), "work_payer": pl.Boolean(), "died_in_hospital": pl.Boolean(),
    "accident_id": pl.String(), "victim_outcome": pl.String(),
}


# A death record's date is trusted as the date of death when the record's own later date follows it
# within these many days (deregistration: the law's month; cremation: days, a month at most).
DEREG_LAG_DAYS = 31
CREMATION_LAG_DAYS = 30


def _lag_ok(death: pl.Expr, later: pl.Expr, days: int) -> pl.Expr:
    """``later`` (a deregistration or cremation date) falls within ``days`` after ``death``, or is
    unknown."""
    lag = (later - death).dt.total_days()
    return (later.is_null() | lag.is_between(0, days)).fill_null(True)


# where a cremated body came from (cremations.body_origin, read through simplified(), so 醫院 and
# 家裡 match too): a hospital, home, or elsewhere (a site, a road, a field); matched
# case-insensitively, a bare "家" (home) included. A hospital's mortuary is the hospital; a care
# home, where the old and the sick die of illness, reads like home.
_BODY_HOSPITAL = "(?i)医院|卫生院|卫生室|医务室|医疗|诊所|急救|太平间|hospital|clinic"
_BODY_HOME = "(?i)家中|在家|家里|自家|^家$|住宅|住所|住处|居所|寓所|养老|敬老院|福利院|护理院|老年公寓|home|residence|house"
# A written address where people live — a village, a township, a street (某镇某村, 杏花岭区王家庄,
# 某街道某小区3号楼) — with no word of a workplace or a road in it. A body collected there is one
# that died at home unless the address is in another county than the deceased's registration:
# rural deaths at home are written as the village (independent generators: 2,239 and 4,146 natural
# deaths a set with such an address, 99 % of those naming a county in the deceased's own county).
_BODY_RESIDENCE = r"村|庄|屯|寨|堡|组|镇|乡|街道|社区|小区|单元|号楼|\d+号|巷|胡同"
_BODY_SITE = (r"(?i)现场|矿|井下|矿井|井口|基坑|工地|工程|项目|施工|作业|车间|厂|公司|集团|采区|采场|工作面|"
              r"仓库|库房|工棚|料场|货场|路段|公路|高速|国道|省道|[GS]\d{2,}|隧道|水库|码头|车站|外地|外省|"
              r"异地|野外|其他|其它|不详|未知|site|road|mine|factory")


def _col(frame: pl.DataFrame, name: str, dtype: pl.DataType) -> pl.Expr:
    """The column if the frame has it (cast to dtype), else a typed null."""
    if name in frame.columns:
        c = pl.col(name)
        return c if frame.schema[name] == dtype else c.cast(dtype, strict=False)
    return pl.lit(None, dtype=dtype)


def _date(frame: pl.DataFrame, name: str) -> pl.Expr:
    if name not in frame.columns:
        return pl.lit(None, dtype=pl.Date)
    dt = frame.schema[name]
    if isinstance(dt, pl.Datetime):
        return pl.col(name).dt.date()
    if dt == pl.Date:
        return pl.col(name)
    return pl.col(name).cast(pl.String).str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)


def id_key_expr(col: pl.Expr) -> pl.Expr:
    """A resident ID reduced to region + 6-digit birth + sequence (15 characters).

    18-digit and legacy 15-digit numbers of one person give the same key; the check
    character (often the mistyped one, or a lower-case ``x``) is ignored.
    """
    s = col.cast(pl.String).str.to_uppercase().str.replace_all(r"[^0-9X]", "")
    k18 = s.str.slice(0, 6) + s.str.slice(8, 9)
    return (
        pl.when(s.str.len_chars() == 18).then(k18)
        .when(s.str.len_chars() == 15).then(s)
        .otherwise(None)
    )


def id_birth_expr(col: pl.Expr) -> pl.Expr:
    """Birth date written in an 18-digit ID (null if not a valid date)."""
    s = col.cast(pl.String).str.replace_all(r"[^0-9Xx]", "")
    return (
        pl.when(s.str.len_chars() == 18)
        .then(s.str.slice(6, 8).str.to_date("%Y%m%d", strict=False))
        .otherwise(None)
    )


def id_birth_rank_expr(col: pl.Expr) -> pl.Expr:
    """How far the birth date of :func:`id_birth_expr` can be trusted: 1 when the ID passes its
    check character (GB 11643), 2 when it fails it (a typo somewhere, perhaps in the birth date);
    null when the ID gives no birth date. A birth date stated in its own column ranks 0."""
    s = col.cast(pl.String).str.to_uppercase().str.replace_all(r"[^0-9X]", "")
    valid = check_char_expr(s.str.slice(0, 17)) == s.str.slice(17, 1)
    return (
        pl.when(id_birth_expr(col).is_null()).then(None)
        .when(valid.fill_null(False)).then(pl.lit(1, dtype=pl.Int8))
        .otherwise(pl.lit(2, dtype=pl.Int8))
    )


def _own_id(f: pl.DataFrame, event_date: pl.Expr) -> dict[str, pl.Expr]:
    """``id_key``, ``birth_date`` and ``birth_rank`` from a record's ID number, all null where the
    number is someone else's: its birth year :data:`pipelines.persons.FOREIGN_ID_YEARS` or more
    from the one the record's age gives (:func:`pipelines.persons.foreign_id`) — a relative's
    number would make a 75-year-old's death a working-age one, and find the son's employment."""
    idc = _col(f, "id_number", pl.String())
    rank = id_birth_rank_expr(idc)     # 1: an 18-character number whose check character is right
    own = ~foreign_id(id_birth_expr(idc), _col(f, "age", pl.Int64()), event_date, (rank == 1).fill_null(False))
    return {"id_key": pl.when(own).then(id_key_expr(idc)),
            "birth_date": pl.when(own).then(id_birth_expr(idc)),
            "birth_rank": pl.when(own).then(rank)}


def _facts(frame: pl.DataFrame, source: str, exprs: dict[str, pl.Expr]) -> pl.DataFrame:
    cols = []
    for name, dtype in FACT_SCHEMA.items():
        if name == "source":
            cols.append(pl.lit(source, dtype=pl.String).alias(name))
        elif name in exprs:
            cols.append(exprs[name].cast(dtype, strict=False).alias(name))
        elif name == "record_id" or (name == "name" and "name" in frame.columns):
            cols.append(pl.col(name).cast(pl.String).alias(name))
        else:
            cols.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(cols)


def record_facts(accepted: dict[str, pl.DataFrame | None], params: DetectionParams) -> pl.DataFrame:
    """One row per person-bearing record with its facts in :data:`FACT_SCHEMA`."""
    parts: list[pl.DataFrame] = []
    S, D, B = pl.String(), pl.Date(), pl.Boolean()

    f = accepted.get("deregistrations")
    if f is not None and f.height:
        f = with_text_class(f.with_columns(_col(f, "death_cause", S).alias("_cause")), "_cause", "_cls")
        text_cls = pl.col("_cls")
        stated = _date(f, "death_date")
        # a birth date after the death is a typo: the ID number's birth date instead
        stated_birth = pl.when(
            _date(f, "birth_date") <= pl.coalesce(_date(f, "death_date"), _date(f, "deregistered_on"))
        ).then(_date(f, "birth_date"))
        parts.append(_facts(f, "deregistrations", {
            "id_key": id_key_expr(_col(f, "id_number", S)),
            "birth_date": pl.coalesce(stated_birth, id_birth_expr(_col(f, "id_number", S))),
            # the household register's own birth date is the authority (rank 0)
            "birth_rank": pl.when(stated_birth.is_not_null()).then(pl.lit(0, dtype=pl.Int8))
            .otherwise(id_birth_rank_expr(_col(f, "id_number", S))),
            "death": pl.lit(True),
            "death_date": pl.coalesce(stated, _date(f, "deregistered_on")),
            # a death is to be declared within a month (户口登记条例 Art. 8): a death date more than
            # DEREG_LAG_DAYS before its deregistration, or after it, is likely mistyped and yields
            # to another record's date (it stays the date when no other record has one)
            "death_date_exact": stated.is_not_null() & _lag_ok(stated, _date(f, "deregistered_on"), DEREG_LAG_DAYS),
            "death_date_stated": stated,
            "cause_class": text_cls, "death_cause_class": text_cls,
            "cause_names_work": (text_cls == "occupational") & text_work_explicit(pl.col("_cls_text")),
            # the death record itself puts the injury at home (a fall at home, a coal-stove gas
            # poisoning): like ICD-10 place .0
            "ext_home": (text_cls == "home_injury").fill_null(False),
            "reg_region": _col(f, "region_code", S),
            "drowning": text_drowning(pl.col("_cls_text")),
            "chronic": text_chronic_illness(pl.col("_cls_text"), text_cls),
            "non_work_injury": text_non_work(pl.col("_cls_text")),
        }))

    f = accepted.get("cremations")
    if f is not None and f.height:
        f = with_text_class(f.with_columns(_col(f, "death_cause", S).alias("_cause")), "_cause", "_cls")
        text_cls = pl.col("_cls")
        if "body_origin" in f.columns:
            f = f.with_columns(simplified(f["body_origin"]).alias("_origin"))
        origin = _col(f, "_origin", S)
        at_hospital = origin.str.contains(_BODY_HOSPITAL)
        at_home = origin.str.contains(_BODY_HOME)
        # an address where people live, or a place named only by its county: not a contradiction
        # by itself (see _BODY_RESIDENCE); its county is compared with the registration's in
        # person_profiles
        body_county = county_of_place(origin)
        residence = (~at_hospital & ~at_home & ~origin.str.contains(_BODY_SITE)
                     & (origin.str.contains(_BODY_RESIDENCE) | body_county.is_not_null())).fill_null(False)
        stated = _date(f, "death_date")
        parts.append(_facts(f, "cremations", {
            **_own_id(f, pl.coalesce(stated, _date(f, "cremated_on"))),
            "age_given": _col(f, "age", pl.Int64()),
            "death": pl.lit(True),
            "death_date": pl.coalesce(stated, _date(f, "cremated_on")),
            # a body is cremated within days: a death date after the cremation or more than
            # CREMATION_LAG_DAYS before it is likely mistyped (as above)
            "death_date_exact": stated.is_not_null() & _lag_ok(stated, _date(f, "cremated_on"), CREMATION_LAG_DAYS),
            "death_date_stated": stated,
            "cause_class": text_cls, "death_cause_class": text_cls,
            "cause_names_work": (text_cls == "occupational") & text_work_explicit(pl.col("_cls_text")),
            "ext_home": (text_cls == "home_injury").fill_null(False),
            "funeral_region": _col(f, "region_code", S),
            "funeral_home": _col(f, "funeral_home", S),
            "cremated_on": _date(f, "cremated_on"),
            "cert_issuer": _col(f, "certificate_issuer", S),
            "body_home": at_home.fill_null(False),
            # the body came from somewhere other than a hospital (home, a site, "elsewhere")
            "body_not_hospital": (origin.is_not_null() & ~at_hospital).fill_null(False),
            # ... nor from home nor a residence: a site, a road, "elsewhere" — where no natural
            # death is certified (a residence in another county is added in person_profiles)
            "body_elsewhere": (origin.is_not_null() & ~at_hospital & ~at_home & ~residence).fill_null(False),
            # a residence's county ("" when the address names none)
            "body_residence_county": pl.when(residence).then(body_county.fill_null("")),
            # ... and that place as written: when it is a registered employer's name, the body was
            # collected from that employer's premises (read in person_profiles)
            "body_place": pl.when(~at_hospital & ~at_home).then(origin).otherwise(None),
            "drowning": text_drowning(pl.col("_cls_text")),
            "chronic": text_chronic_illness(pl.col("_cls_text"), text_cls),
            "non_work_injury": text_non_work(pl.col("_cls_text")),
        }))

    f = accepted.get("injury_claims")
    if f is not None and f.height:
        outcome = _col(f, "outcome", S)
        grade = outcome.str.extract(r"^disability_(\d+)$", 1).cast(pl.Int32, strict=False)
        f = with_text_class(f.with_columns(_col(f, "injury_description", S).alias("_desc")), "_desc", "_cls")
        desc_cls = pl.col("_cls")
        # a 工亡 claim: recognised (outcome death), or still pending while its description states the
        # death — claims lag deaths by weeks to months, so the latest deaths' claims are undecided —
        # or rejected while it states the death: the person died and a work death was applied for
        # whatever the decision (an employer that hides an accident contests the claim; a sudden
        # illness after 48 hours or a commute crash with the worker at fault is refused, and the
        # description says so). Held-out, four generators that write them: of 24 rejected claims
        # describing a work accident or not saying what happened, 24 were victims of an accident;
        # the rejected sudden illnesses and commute crashes were natural or off-work deaths, but for
        # two staged crashes
        states_death = text_states_death(pl.col("_cls_text"))
        claim_death = ((outcome == "death") | (outcome.is_in(["pending", "rejected"]) & states_death)) \
            .fill_null(False)
        parts.append(_facts(f, "injury_claims", {
            "id_key": id_key_expr(_col(f, "id_number", S)),
            "birth_date": id_birth_expr(_col(f, "id_number", S)),
            "birth_rank": id_birth_rank_expr(_col(f, "id_number", S)),
            "death": claim_death,
            "death_date": pl.lit(None, dtype=D),
            "death_date_exact": pl.lit(False),
            "injury": pl.lit(True),
            "injury_date": _date(f, "injury_date"),
            "serious": (grade <= params.serious_disability_max_grade).fill_null(False) | claim_death,
            # a recognised work injury is occupational unless its description says otherwise
            # (one put off work — a snake bite, heat stroke — stays an injury of no production)
            "cause_class": pl.when(text_non_work(pl.col("_cls_text"))).then(pl.lit("other_injury"))
                           .when(desc_cls.is_null() | (desc_cls == "other_injury") | (desc_cls == "vague"))
                           .then(pl.lit("occupational")).otherwise(desc_cls),
            "employer_name": _col(f, "employer_name", S),
            "employer_uscc": _col(f, "employer_uscc", S),
            "claim_region": _col(f, "region_code", S),
            "claim_outcome": outcome,
            "claim_death": claim_death,
            # a 工亡 claim whose description is a work accident — not a commute crash or a sudden
            # illness at work (deemed work deaths, 视同工亡, that are no production-safety accident)
            # (nor one the description puts off work: a snake bite while tapping rubber, heat stroke —
            # recognised as work deaths, but no accident of production)
            "claim_work_death": claim_death & ~text_non_work(pl.col("_cls_text"))
            & desc_cls.is_in(["occupational", "other_injury", "vague"]).fill_null(False),
            "non_work_injury": text_non_work(pl.col("_cls_text")),
            # ... and one that does not say what happened: read from the person's other records
            # (person_profiles)
            "claim_undescribed_death": claim_death & desc_cls.is_null(),
            # a 工亡 claim for a sudden illness at work: deemed a work death, and also how a death
            # at work is written off the statistics
            # (not a refused one: refused, the sudden illness was found to be no death at work)
            "claim_illness_death": claim_death & (outcome != "rejected").fill_null(False)
            & (desc_cls == "illness").fill_null(False),
        }))

    f = accepted.get("medical_records")
    if f is not None and f.height:
        f = with_icd_classes(f.with_columns(_col(f, "diagnosis_icd10", S).alias("_diag"),
                                            _col(f, "external_cause_icd10", S).alias("_ext")), "_diag", "_ext")
        adm = _date(f, "admitted_at")
        dis = _date(f, "discharged_at")
        disp = _col(f, "disposition", S)
        injury = pl.col("_injury_code")
        stay = (dis - adm).dt.total_days()
        parts.append(_facts(f, "medical_records", {
            **_own_id(f, adm),
            "age_given": _col(f, "age", pl.Int64()),
            "death": (disp == "died").fill_null(False),
            "death_date": pl.when(disp == "died").then(pl.coalesce(dis, adm)).otherwise(None),
            "death_date_exact": (disp == "died").fill_null(False) & dis.is_not_null(),
            "injury": injury,
            "injury_date": pl.when(injury).then(adm).otherwise(None),
            "serious": injury & ((stay >= params.serious_stay_days).fill_null(False)
                                 | (disp == "transferred").fill_null(False)),
            "cause_class": pl.col("_icd_class"),
            "ext_work": pl.col("_ext_work"),
            "ext_industrial": pl.col("_ext_industrial"),
            "ext_home": pl.col("_ext_home"),
            "ext_code": pl.col("_ext3"),
            "drowning": pl.col("_ext_drown"),
            "non_work_injury": pl.col("_ext_nonwork"),
            "employer_name": _col(f, "employer_name", S),
            "hospital": _col(f, "hospital", S),
            "hospital_region": _col(f, "region_code", S),
            "work_payer": (_col(f, "payer", S) == "work_injury_insurance").fill_null(False),
            "died_in_hospital": (disp == "died").fill_null(False),
        }))

    f = accepted.get("accident_victims")
    acc = accepted.get("accidents")
    if f is not None and f.height:
        if acc is not None and acc.height:
            a = acc.select(
                pl.col("record_id").cast(S).alias("accident_id"),
                _date(acc, "occurred_at").alias("_occ"),
                _col(acc, "enterprise_name", S).alias("_ent"),
                _col(acc, "enterprise_uscc", S).alias("_uscc"),
            ).unique("accident_id", keep="first")
            f = f.with_columns(pl.col("accident_id").cast(S)).join(a, on="accident_id", how="left")
        else:
            f = f.with_columns(pl.lit(None, dtype=D).alias("_occ"), pl.lit(None, dtype=S).alias("_ent"),
                               pl.lit(None, dtype=S).alias("_uscc"))
        outcome = _col(f, "outcome", S)
        parts.append(_facts(f, "accident_victims", {
            **_own_id(f, pl.col("_occ")),
            "age_given": _col(f, "age", pl.Int64()),
            "death": (outcome == "death").fill_null(False),
            "death_date": pl.when(outcome == "death").then(pl.col("_occ")).otherwise(None),
            "death_date_exact": pl.lit(False),
            "injury": pl.lit(True),
            "injury_date": pl.col("_occ"),
            "serious": outcome.is_in(["death", "serious_injury"]).fill_null(False),
            "cause_class": pl.lit("occupational"),
            "employer_name": pl.col("_ent"),
            "employer_uscc": pl.col("_uscc"),
            "accident_id": pl.col("accident_id"),
            "victim_outcome": outcome,
        }))

    if not parts:
        return pl.DataFrame(schema=FACT_SCHEMA)
    out = pl.concat(parts, how="vertical")
    return out.with_columns(
        pl.col(c).fill_null(False) for c, t in FACT_SCHEMA.items() if t == B
    )


def attach_links(facts: pl.DataFrame, links: pl.DataFrame | None) -> pl.DataFrame:
    """Add ``person_key`` and ``match_probability``; unlinked records are their own person."""
    if links is None or links.height == 0:
        lk = pl.DataFrame(schema={"source": pl.String, "record_id": pl.String,
                                  "person_key": pl.String, "match_probability": pl.Float64})
    else:
        lk = links.select(
            pl.col("source").cast(pl.String), pl.col("record_id").cast(pl.String),
            pl.col("person_key").cast(pl.String),
            pl.col("match_probability").cast(pl.Float64) if "match_probability" in links.columns
            else pl.lit(1.0).alias("match_probability"),
        ).unique(["source", "record_id"], keep="first")
    out = facts.join(lk, on=["source", "record_id"], how="left")
    return out.with_columns(
        pl.coalesce("person_key", pl.col("source") + ":" + pl.col("record_id")).alias("person_key"),
        pl.col("match_probability").fill_null(1.0),
    )


def _employment(accepted: dict[str, pl.DataFrame | None]) -> pl.DataFrame | None:
    f = accepted.get("employment")
    if f is None or f.height == 0:
        return None
    S = pl.String()
    return f.select(
        pl.col("record_id").cast(S).alias("emp_record_id") if "record_id" in f.columns
        else pl.lit(None, dtype=S).alias("emp_record_id"),
        id_key_expr(_col(f, "id_number", S)).alias("id_key"),
        _col(f, "employer_name", S).alias("emp_name"),
        _col(f, "employer_uscc", S).alias("emp_uscc"),
        _col(f, "industry", S).alias("emp_industry"),
        _date(f, "start_date").alias("emp_start"),
        _date(f, "end_date").alias("emp_end"),
    )


def _enterprises(accepted: dict[str, pl.DataFrame | None]) -> pl.DataFrame | None:
    f = accepted.get("enterprises")
    if f is None or f.height == 0:
        return None
    S = pl.String()
    return f.select(
        _col(f, "uscc", S).alias("uscc"),
        employer_full_key(_col(f, "name", S)).alias("full_key"),
        employer_name_key(_col(f, "name", S)).alias("name_key"),
        _col(f, "industry", S).alias("ent_industry"),
        _col(f, "region_code", S).alias("ent_region"),
        _col(f, "high_risk", pl.Boolean()).alias("ent_high_risk"),
    )


def _tails(key: pl.Expr) -> pl.Expr:
    """A name key with its first 2 and its first 3 characters dropped, where 4 or more are left."""
    return pl.concat_list([
        pl.when(key.str.len_chars() >= n + 4).then(key.str.slice(n)) for n in (2, 3)
    ]).list.drop_nulls()


def _tail_match(names: pl.DataFrame, by_core: pl.DataFrame, cols: list[str],
                known: pl.Series | None = None) -> pl.DataFrame:
    """For each row of ``names`` (``_nk``, a name key), the register columns ``cols`` of the one
    registered employer whose key equals the name's key without a leading place name, or whose key
    without one equals the name's (``by_core``: ``_nk`` and ``cols``, one row per unambiguous
    key); null where none or several employers fit, and for a name that is itself a registered
    key (``known``: every registered key, the ambiguous too — two 天福食品 in two counties are not
    told apart by a third, 阳泉天福食品). Rows stay in order."""
    whole = (by_core["_nk"] if known is None else known).drop_nulls().unique()
    reg_tails = by_core.select("_nk", *cols, _tails(pl.col("_nk")).alias("_t")).explode("_t") \
        .drop_nulls("_t").select(pl.col("_t").alias("_m"), *cols)
    reg_whole = by_core.select(pl.col("_nk").alias("_m"), *cols)
    # a name shortened to a registered name is that one's (or, ambiguous, nobody's), never a tail match
    reg_tails = reg_tails.filter(~pl.col("_m").is_in(whole.implode()))
    idx = names.with_row_index("_i").with_columns(
        pl.when(pl.col("_nk").is_in(whole.implode())).then(None).otherwise(pl.col("_nk")).alias("_nk"))
    cand = pl.concat([
        idx.join(reg_tails, left_on="_nk", right_on="_m", how="inner").select("_i", *cols),
        idx.select("_i", _tails(pl.col("_nk")).alias("_m")).explode("_m").drop_nulls("_m")
        .join(reg_whole, on="_m", how="inner").select("_i", *cols),
    ], how="vertical")
    one = cand.unique(["_i", "n_uscc"]).filter(pl.len().over("_i") == 1)
    return idx.select("_i").join(one, on="_i", how="left", maintain_order="left").drop("_i")


def _injuries_before_death(prof: pl.DataFrame, facts: pl.DataFrame, days: int) -> pl.DataFrame:
    """``first_injury_date`` of the dead counts only injuries within ``days`` before the death (or
    after it: a date mistyped): an injury months earlier is an earlier, separate event — its own
    admission, its own claim — not the accident the person died of (domain: a casualty counts for
    an accident when the death follows within 30 days). Without this, a worker treated for a cut in
    May and killed with a co-worker in October had May as the day of his event, and the two dead
    of one day at one employer made no incident (blind tenth generator, seed 1). A dead person with
    no injury left in the window has none (the death is the event)."""
    window_start = pl.col("death_date") - pl.duration(days=days)
    too_early = (pl.col("dead") & (pl.col("first_injury_date") < window_start)).fill_null(False)
    stale = prof.filter(too_early)
    if stale.height == 0:
        return prof
    near = facts.select("person_key", "_inj_d").drop_nulls().join(
        stale.select("person_key", "death_date"), on="person_key") \
        .filter(pl.col("_inj_d") >= window_start) \
        .group_by("person_key").agg(pl.col("_inj_d").min().alias("_near"))
    return prof.join(near, on="person_key", how="left", maintain_order="left").with_columns(
        pl.when(too_early).then(pl.col("_near")).otherwise(pl.col("first_injury_date"))
        .alias("first_injury_date")).drop("_near")


def person_profiles(accepted: dict[str, pl.DataFrame | None], facts: pl.DataFrame,
                    params: DetectionParams, links: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per person (``person_key``) from linked record facts. ``links`` (optional) also
    joins each person's employment spells the linkage put in their cluster — a spell whose ID was
    mistyped, or a person whose records carry a mistyped one, still finds the employer."""
    death_src = pl.col("source").is_in(["deregistrations", "cremations"])
    # rows in date order so that "first" below means "earliest" (group_by keeps row order)
    facts = facts.sort(["person_key", "injury_date", "death_date", "source", "record_id"], nulls_last=True)
    # per-record helper columns, computed once outside the grouped context
    admission = pl.col("injury") & (pl.col("source") == "medical_records")
    # the date of death a record states or implies (a death record's own date, mistyped or not; a
    # hospital stay ending in death; a victims list), never a deregistration or cremation date
    # standing in for a missing one
    stated_death = pl.when(death_src).then(pl.col("death_date_stated")).otherwise(pl.col("death_date"))
    facts = facts.with_columns(
        cause_rank(pl.col("cause_class")).alias("_r_cause"),
        pl.when(death_src).then(cause_rank(pl.col("death_cause_class"))).otherwise(None).alias("_r_death"),
        pl.when(pl.col("source") == "medical_records").then(cause_rank(pl.col("cause_class")))
        .otherwise(None).alias("_r_med"),
        pl.when(pl.col("death_date_exact")).then(pl.col("death_date")).otherwise(None).alias("_dd_x"),
        pl.when(pl.col("death").not_() | (pl.col("source") != "injury_claims")).then(pl.col("injury_date"))
        .otherwise(None).alias("_inj_d"),
        pl.when(pl.col("death")).then(pl.col("injury_date")).otherwise(None).alias("_death_inj_d"),
        admission.cast(pl.Int32).alias("_trauma"),
        # an admission joined to the person by a doubtful link does not make a death "after trauma";
        # a trauma admission that itself ended in death needs no link to say so
        pl.when(admission & ((pl.col("match_probability") >= params.trauma_link_min_probability)
                             | pl.col("death").fill_null(False)))
        .then(pl.col("injury_date")).otherwise(None).alias("_sure_trauma_d"),
        # the date of death the cremation record states (not the cremation date standing in for a
        # missing one: that made every such cremation 'on the day of death')
        pl.when(pl.col("source") == "cremations").then(pl.col("death_date_stated")).otherwise(None).alias("_crem_dd"),
        stated_death.alias("_dd_known"),
        # the earliest injury or death date the record itself states
        pl.min_horizontal("injury_date", stated_death).alias("_stated_d"),
        pl.when(pl.col("source") != "medical_records").then(pl.col("employer_name")).otherwise(None)
        .alias("_emp_nm"),
    )
    # nobody is admitted to hospital after their death: an exact death date before the person's
    # own first admission is a typo (a month and day swapped: 2024-11-02 written 2024-02-11) and
    # gives way to the other records' date of death (the hospital's, when the stay ended in death)
    # (a window pass: filtering inside the group_by below costs 2 s more at scale 1.0)
    first_adm = pl.when(admission).then(pl.col("injury_date")).otherwise(None).min().over("person_key")
    facts = facts.with_columns(
        pl.when(first_adm.is_null() | (pl.col("_dd_x") >= first_adm)).then(pl.col("_dd_x")).otherwise(None)
        .alias("_dd_x_ok"))
    province = params.province or home_province(facts["hospital_region"], facts["funeral_region"]) or ""
    first_by_date = lambda c, _d=None: pl.col(c).first(ignore_nulls=True)  # noqa: E731
    prof = facts.group_by("person_key", maintain_order=True).agg(
        pl.len().alias("n_records"),
        pl.col("source").unique().alias("sources"),
        pl.col("match_probability").min().alias("min_match_probability"),
        pl.col("death").any().alias("dead"),
        pl.col("_dd_x_ok").min().alias("_dd_exact_ok"),
        pl.col("_dd_x").min().alias("_dd_exact"),
        pl.col("_stated_d").min().alias("recorded_event_date"),
        # dates of death other than a death record's untrusted one (a claim's, a victims list's)
        pl.col("death_date").filter(pl.col("death_date_exact") | ~death_src).min().alias("_dd_other"),
        pl.col("death_date").min().alias("_dd_any"),
        pl.col("_inj_d").min().alias("first_injury_date"),
        pl.col("_death_inj_d").min().alias("_death_injury_date"),
        pl.col("serious").any().alias("serious_injury"),
        pl.col("_trauma").sum().alias("trauma_admissions"),
        pl.col("_sure_trauma_d").min().alias("_sure_trauma_date"),
        pl.col("_r_cause").min().alias("_cause_rank"),
        pl.col("_r_death").min().alias("_death_cause_rank"),
        pl.col("_r_med").min().alias("_med_rank"),
        pl.col("ext_work").any().alias("ext_work"),
        pl.col("ext_industrial").any().alias("ext_industrial"),
        pl.col("ext_home").any().alias("ext_home"),
        pl.col("body_home").any().alias("body_home"),
        pl.col("body_not_hospital").any().alias("body_not_hospital"),
        pl.col("body_elsewhere").any().alias("body_elsewhere"),
        pl.col("drowning").any().alias("drowning"),
        pl.col("chronic").any().alias("chronic_illness"),
        pl.col("non_work_injury").any().alias("non_work_injury"),
        pl.col("cause_names_work").any().alias("death_cause_names_work"),
        pl.col("work_payer").any().alias("work_payer"),
        pl.col("died_in_hospital").any().alias("died_in_hospital"),
        # the most trustworthy birth date: the register's, else one from an ID that passes its check
        pl.col("birth_date").sort_by("birth_rank", nulls_last=True, maintain_order=True)
        .first(ignore_nulls=True).alias("birth_date"),
        pl.col("age_given").max().alias("_age_given"),
        pl.col("id_key").drop_nulls().unique().alias("id_keys"),
        first_by_date("reg_region", "death_date").alias("reg_region"),
        first_by_date("hospital", "injury_date").alias("hospital"),
        first_by_date("hospital_region", "injury_date").alias("hospital_region"),
        first_by_date("ext_code", "injury_date").alias("ext_code"),
        first_by_date("funeral_region", "cremated_on").alias("funeral_region"),
        first_by_date("funeral_home", "cremated_on").alias("funeral_home"),
        pl.col("cremated_on").min().alias("cremated_on"),
        pl.col("_crem_dd").min().alias("_crem_death_date"),
        pl.col("_dd_known").min().alias("_dd_known"),
        first_by_date("cert_issuer", "cremated_on").alias("cert_issuer"),
        first_by_date("claim_region", "injury_date").alias("claim_region"),
        pl.col("claim_outcome").drop_nulls().unique().alias("claim_outcomes"),
        pl.col("claim_death").any().alias("claim_death"),
        pl.col("claim_work_death").any().alias("claim_work_death"),
        pl.col("claim_illness_death").any().alias("claim_illness_death"),
        pl.col("claim_undescribed_death").any().alias("_claim_undescribed"),
        pl.col("claim_outcome").is_not_null().any().alias("has_claim"),
        pl.col("accident_id").drop_nulls().unique().alias("accident_ids"),
        pl.col("victim_outcome").drop_nulls().unique().alias("victim_outcomes"),
        # employer named by the records themselves: claims and victims lists first, then hospitals
        first_by_date("employer_uscc", "injury_date").alias("_rec_uscc"),
        pl.col("_emp_nm").first(ignore_nulls=True).alias("_rec_name"),
        first_by_date("employer_name", "injury_date").alias("_med_name"),
        first_by_date("body_place", "cremated_on").alias("_body_place"),
        first_by_date("body_residence_county", "cremated_on").alias("_body_county"),
    )
    prof = prof.with_columns(
        pl.col(c).list.sort() for c in ("sources", "id_keys", "claim_outcomes", "accident_ids", "victim_outcomes")
    ).with_columns(
        # when no record's date of death is trusted, the cremation bounds it (within days before)
        pl.coalesce("_dd_exact_ok", "_dd_exact", "cremated_on", "_dd_other", "_dd_any", "_death_injury_date")
        .alias("death_date"),
    ).with_columns(
        pl.when(pl.col("dead")).then(pl.col("death_date")).otherwise(None).alias("death_date"),
    )
    prof = _injuries_before_death(prof, facts, params.trauma_to_death_days).with_columns(
        # the day of the event: the first injury, or the death — or the injury a death claim names
        # (the fatal accident, when the death records give a later day)
        pl.min_horizontal("first_injury_date", "death_date", "_death_injury_date").alias("event_date"),
        rank_to_class("_cause_rank").alias("cause_class"),
        rank_to_class("_death_cause_rank").alias("death_cause_class"),
        rank_to_class("_med_rank").alias("medical_cause_class"),
        pl.coalesce(pl.col("reg_region"), pl.col("id_keys").list.first().str.slice(0, 6)).alias("reg_region"),
    ).with_columns(
        # a body collected from an address in another county than the one the deceased was
        # registered in was not at home (domain: "moving bodies to another county or province"):
        # a county the address names, or any address in the province for someone registered
        # outside it (a migrant worker's home is in their province; over seven held-out sets an
        # illness with such a body was 5 hidden deaths against 2 natural); one in the home county,
        # or naming no county for someone registered in the province, says nothing
        (pl.col("body_elsewhere") | (
            pl.col("_body_county").is_not_null() & pl.col("reg_region").is_not_null()
            & (~pl.col("reg_region").str.starts_with(province)
               | ((pl.col("_body_county") != "") & (pl.col("_body_county") != pl.col("reg_region"))))
        ).fill_null(False)).alias("body_elsewhere"),
    ).drop("_body_county")
    # A 工亡 claim that does not describe the death is read from the death's other records: a road
    # crash (the commute, 上下班途中) or an illness with no trauma on file (a sudden illness at work) is
    # a deemed work death (视同工亡), no work accident. (Independent generator: 20 natural and 17
    # commuting deaths with such claims against 8 hidden deaths.)
    reads_traffic = ((pl.col("death_cause_class") == "traffic")
                     | (pl.col("medical_cause_class") == "traffic")).fill_null(False)
    reads_illness = ((pl.col("death_cause_class") == "illness").fill_null(False)
                     & ~pl.col("medical_cause_class").is_in(["occupational", "other_injury", "traffic"]).fill_null(False))
    undescribed = pl.col("_claim_undescribed")
    prof = prof.with_columns(
        (pl.col("claim_work_death") | (undescribed & ~reads_traffic & ~reads_illness)).alias("claim_work_death"),
        (pl.col("claim_illness_death") | (undescribed & reads_illness)).alias("claim_illness_death"),
    ).drop("_claim_undescribed")
    age_from_birth = ((pl.col("event_date") - pl.col("birth_date")).dt.total_days() / 365.25).floor()
    prof = prof.with_columns(
        pl.coalesce(
            pl.when(age_from_birth.is_between(0, 110)).then(age_from_birth).otherwise(None).cast(pl.Int64),
            pl.when(pl.col("_age_given").is_between(0, 110)).then(pl.col("_age_given")).otherwise(None),
        ).alias("age"),
    )

    # employment spell at the time of the event, by normalised ID
    emp = _employment(accepted)
    if emp is not None:
        ids = prof.select("person_key", "event_date", pl.col("id_keys")).explode("id_keys") \
            .rename({"id_keys": "id_key"}).filter(pl.col("id_key").is_not_null())
        slack = pl.duration(days=params.employment_slack_days)
        cols = ["person_key", "event_date", "emp_record_id", "emp_name", "emp_uscc", "emp_industry",
                "emp_start", "emp_end"]
        parts = [ids.join(emp, on="id_key", how="inner").select(cols)]   # null keys never join
        if links is not None:
            # the spells the linkage joined to the person (by ID, name and birth date, typos allowed);
            # a spell found both ways is one row twice, which the choice below does not mind
            keyed = links.filter(pl.col("source") == "employment").select(
                pl.col("record_id").cast(pl.String).alias("emp_record_id"),
                pl.col("person_key").cast(pl.String))
            parts.append(prof.select("person_key", "event_date").join(
                emp.join(keyed, on="emp_record_id", how="inner"), on="person_key", how="inner").select(cols))
        spells = pl.concat(parts, how="vertical").filter(
            (pl.col("emp_start") <= pl.col("event_date"))
            & (pl.col("emp_end").is_null() | (pl.col("emp_end") + slack >= pl.col("event_date")))
        ).sort(["person_key", "emp_start", "emp_uscc", "emp_name", "emp_industry", "emp_record_id"],
               descending=[False, True, False, False, False, False], nulls_last=True,
               maintain_order=True).unique("person_key", keep="first", maintain_order=True)
        prof = prof.join(spells.select("person_key", "emp_name", "emp_uscc", "emp_industry"),
                         on="person_key", how="left")
        prof = prof.with_columns(pl.col("emp_name").is_not_null().alias("employed_at_event"))
    else:
        prof = prof.with_columns(
            pl.lit(None, dtype=pl.String).alias("emp_name"), pl.lit(None, dtype=pl.String).alias("emp_uscc"),
            pl.lit(None, dtype=pl.String).alias("emp_industry"), pl.lit(False).alias("employed_at_event"),
        )

    # the employer: named by the records (claims, victims lists), the employment spell at the time,
    # the hospital's record — or, when none names one, the place the body was collected from, if
    # that is a registered employer's name (a worker's body taken from the site: 某某建筑安装有限公司);
    # a body place the register does not know (a village, a road) names no employer
    uscc = pl.coalesce("_rec_uscc", "emp_uscc")
    named = pl.coalesce("_rec_name", "emp_name", "_med_name")
    body_named = uscc.is_null() & named.is_null() & pl.col("_body_place").is_not_null()
    prof = prof.with_columns(
        uscc.alias("employer_uscc"),
        pl.coalesce(named, "_body_place").alias("employer_name"),
        body_named.alias("_body_named"),
    )
    # employer details from the enterprise register (by USCC, else by normalised name); a USCC the
    # register does not hold (a typo: 911Q0221… for 91140221…) gives way to the one its name has,
    # so that one employer's casualties meet under one key
    ent = _enterprises(accepted)
    if ent is not None:
        by_uscc = ent.filter(pl.col("uscc").is_not_null()).unique("uscc", keep="first") \
            .with_columns(pl.lit(True).alias("_registered"))
        # by name: the full name (with its county) first; else the name's core (no place, no legal
        # form) when it names one registered employer only — two 和顺煤炭 in two counties stay
        # unresolved rather than resolved to the wrong one
        renamed = {"uscc": "n_uscc", "ent_industry": "n_industry", "ent_region": "n_region",
                   "ent_high_risk": "n_high_risk"}
        by_full = ent.filter(pl.col("full_key").is_not_null()).unique("full_key", keep="first") \
            .drop("name_key").rename({**renamed, "full_key": "_nk"})
        by_core = ent.filter(pl.col("name_key").is_not_null()) \
            .filter(pl.col("uscc").n_unique().over("name_key") <= 1).unique("name_key", keep="first") \
            .drop("full_key").rename({**renamed, "name_key": "_nk"})
        prof = prof.join(by_uscc.drop("name_key", "full_key"), left_on="employer_uscc", right_on="uscc",
                         how="left")
        n_cols = list(renamed.values())
        full = prof.select(employer_full_key(pl.col("employer_name")).alias("_nk")) \
            .join(by_full, on="_nk", how="left", maintain_order="left")
        name_keys = prof.select(employer_name_key(pl.col("employer_name")).alias("_nk"))
        core = name_keys.join(by_core, on="_nk", how="left", maintain_order="left")
        # ... else with a bare place name at the start of one of the two (``邯郸晟新钢铁集团有限公司``
        # written ``晟新钢铁``, ``大同XX煤业`` registered as ``XX煤业有限公司``): the names agree once the
        # 2 or 3 characters of one's start are dropped, 4 or more characters left — again only when
        # that names one registered employer
        tail = _tail_match(name_keys, by_core, n_cols, known=ent["name_key"])
        prof = prof.with_columns(
            pl.when(full["n_uscc"].is_not_null() | full["n_industry"].is_not_null())
            .then(full[c]).when(core["n_uscc"].is_not_null() | core["n_industry"].is_not_null())
            .then(core[c]).otherwise(tail[c]).alias(c) for c in n_cols)
        prof = prof.with_columns(
            pl.when(pl.col("_registered").fill_null(False)).then(pl.col("employer_uscc"))
            .otherwise(pl.coalesce("n_uscc", "employer_uscc")).alias("employer_uscc"),
            pl.coalesce("ent_industry", "n_industry").alias("ent_industry"),
            pl.coalesce("ent_region", "n_region").alias("ent_region"),
            pl.coalesce("ent_high_risk", "n_high_risk").alias("ent_high_risk"),
        ).drop("n_uscc", "n_industry", "n_region", "n_high_risk", "_registered")
    else:
        prof = prof.with_columns(
            pl.lit(None, dtype=pl.String).alias("ent_industry"), pl.lit(None, dtype=pl.String).alias("ent_region"),
            pl.lit(None, dtype=pl.Boolean).alias("ent_high_risk"),
        )
    # a body place the register did not resolve to a USCC names no employer
    prof = prof.with_columns(
        pl.when(pl.col("_body_named") & pl.col("employer_uscc").is_null()).then(None)
        .otherwise(pl.col("employer_name")).alias("employer_name"),
    ).drop("_body_named", "_body_place")
    hr = list(params.high_risk_industries)
    prof = prof.with_columns(
        pl.coalesce("ent_industry", "emp_industry").alias("employer_industry"),
        pl.coalesce("ent_region", "claim_region").alias("employer_region"),
        employer_name_key(pl.col("employer_name")).alias("employer_name_key"),
    ).with_columns(
        (pl.col("ent_high_risk").fill_null(False) | pl.col("employer_industry").is_in(hr).fill_null(False)
         ).alias("high_risk_employer"),
        (pl.col("emp_industry").is_in(hr).fill_null(False)).alias("enrolled_high_risk"),
        # a drowning at a mine is what a water inrush (透水) does: no hard negative there
        (pl.col("drowning") & ~pl.col("employer_industry").is_in(list(params.flooding_industries)).fill_null(False)
         ).alias("drowning"),
        pl.col("age").is_between(params.working_age_min, params.working_age_max).fill_null(False).alias("working_age"),
        pl.col("age").is_between(params.working_age_min, params.prime_age_max).fill_null(False).alias("prime_age"),
        (pl.col("age") > params.working_age_max).fill_null(False).alias("elderly"),
        pl.col("age").is_between(params.retirement_age, params.working_age_max).fill_null(False)
        .alias("past_retirement"),
    )

    # cremation speed and distance; certificate issuer
    # (the cremation's own date of death, else the person's from a record that states one: with
    # neither, the speed is unknown — a cremation without a date of death is not 'on the day')
    crem_death = pl.coalesce("_crem_death_date", "_dd_exact_ok", "_dd_exact", "_dd_known")
    # a cremation dated before the death (one of the two dates mistyped) says nothing of speed
    crem_raw = (pl.col("cremated_on") - crem_death).dt.total_days()
    crem_days = pl.when(crem_raw >= 0).then(crem_raw)
    # cities (the first 4 digits of a GB/T 2260 county code)
    funeral_city = pl.col("funeral_region").str.slice(0, 4)
    reg_city = pl.col("reg_region").str.slice(0, 4)
    emp_city = pl.col("employer_region").str.slice(0, 4)
    care_city = pl.coalesce("hospital_region", "funeral_region").str.slice(0, 4)
    prof = prof.with_columns(
        crem_days.alias("cremation_days"),
        (crem_days <= params.fast_cremation_days).fill_null(False).alias("fast_cremation"),
        (crem_days <= params.very_fast_cremation_days).fill_null(False).alias("very_fast_cremation"),
        (funeral_city.is_not_null() & reg_city.is_not_null() & (funeral_city != reg_city)
         & (emp_city.is_null() | (funeral_city != emp_city))).fill_null(False).alias("far_cremation"),
        # treated or cremated in the employer's city while registered in another: died at work, away
        # from home (a migrant worker's death), where natural deaths mostly happen near home
        (pl.col("dead") & reg_city.is_not_null() & (care_city == emp_city) & (emp_city != reg_city))
        .fill_null(False).alias("died_where_employed"),
        (pl.col("cert_issuer").is_not_null() & (pl.col("cert_issuer") != "hospital")).fill_null(False)
        .alias("cert_not_hospital"),
        # cremated with no certificate issuer on record: the brief's "missing death certificate"
        (pl.col("cert_issuer").is_null() & pl.col("sources").list.contains("cremations")).fill_null(False)
        .alias("cert_missing"),
        (pl.col("dead") & pl.col("_sure_trauma_date").is_not_null()
         & ~pl.col("non_work_injury") & ~pl.col("ext_home").fill_null(False)
         & ((pl.col("death_date") - pl.col("_sure_trauma_date")).dt.total_days()
            .is_between(0, params.trauma_to_death_days))).fill_null(False).alias("died_after_trauma"),
        pl.col("accident_ids").list.len().gt(0).alias("named_victim"),
    )
    drop = [c for c in prof.columns if c.startswith("_")]
    return prof.drop(drop).sort("person_key")
