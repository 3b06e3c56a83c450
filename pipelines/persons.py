"""Person records: one frame of every person-bearing record with normalised linkage fields.

``person_records(accepted)`` takes the quality gate's accepted frames (canonical types;
String dates and raw sex forms are tolerated too) and returns one row per record of
``accident_victims``, ``deregistrations``, ``cremations``, ``injury_claims``,
``medical_records`` and ``employment``. It is written to the run folder as ``records.parquet`` so that
explanations can be recomputed later.

Schema (``RECORD_SCHEMA``):

* ``source``, ``record_id`` — the evidence key;
* ``name`` (as recorded), ``name_chars`` (NFKC, spaces and middle dots removed),
  ``name_simp`` (traditional → simplified), ``name_pinyin`` (toneless pinyin,
  surname-aware, no spaces; names written in pinyin are recognised),
  ``surname_pinyin``;
* ``id18`` (18-character ID; legacy 15-digit numbers upgraded; other shapes kept as
  cleaned text), ``id_valid`` (check character correct), ``id_legacy``;
* ``sex`` (M/F; from the ID when not recorded), ``birth_date`` (recorded, else from the
  ID), ``birth_year_min`` / ``birth_year_max`` (the year itself, or the range an age at
  the event allows), ``birth_from`` / ``birth_to`` (the exact interval: the birth date, or the
  year an age recorded on a known event day allows), ``age``;
* ``event_date`` — accident date (victims, via ``accident_id``), death date for death
  records (else the cremation / deregistration date, with ``event_estimated`` true),
  injury date (claims), admission date (medical);
* ``region_code`` (the accident's county for victims), ``employer_name``
  (whitespace-free), ``employer_uscc``, ``employer_key`` (the name without place prefix,
  legal form or branch: :func:`pipelines.employers.employer_name_key`, what the employer
  comparison and blocking use), ``place`` (hospital of a medical record, funeral home of a
  cremation);
* ``event_time`` (admission date and time), ``event_end`` (discharge date),
  ``transferred`` / ``died`` / ``discharged`` (the stay ended in a transfer / in death / in a
  regular discharge, alive and fit to leave), ``diagnosis``
  (principal ICD-10 diagnosis, ``S06.5``), ``external_cause`` (its ICD-10 external cause,
  ``W20.6``) — medical encounters only; ``death_place`` — the
  hospital of a stay that ended in death, the body origin of a cremation (full-width forms
  folded, no spaces); ``event_final`` — nothing of the person can start after this record
  (a death record with its real death date, a stay that ended in death); ``death_date`` — the
  day of death such a record states (a death record's own death date, the discharge date of a
  stay that ended in death; null otherwise);
* ``work_region`` — the county where the person is at work: an enrolment spell's employer's
  county (the enterprise register's, else the administrative code a USCC carries in characters
  3–8), a hospital's county for a medical encounter (an injured worker is taken to a hospital
  near the site); null for the other sources;
* ``home_city`` — the city of the person's home: the first four digits of the ID, else, for a
  medical encounter with no ID, the hospital's city (the ill and the injured off work are mostly
  treated near home), so an ID-less stay meets the enrolment spell whose ID was issued there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from linkage.normalize import (
    name_columns,
    normalize_sex,
    parse_date,
    parse_datetime,
    with_id_columns,
)
from linkage.normalize.ids import id_clean
from linkage.normalize.text import clean_compact, halfwidth, icd_clean
from pipelines.contract import PERSON_SOURCES
from pipelines.employers import employer_name_key

RECORD_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(), "record_id": pl.String(), "name": pl.String(), "name_chars": pl.String(),
    "name_simp": pl.String(), "name_pinyin": pl.String(), "surname_pinyin": pl.String(),
    "id18": pl.String(), "id_valid": pl.Boolean(), "id_legacy": pl.Boolean(), "sex": pl.String(),
    "birth_date": pl.Date(), "birth_year_min": pl.Int32(), "birth_year_max": pl.Int32(),
    "birth_from": pl.Date(), "birth_to": pl.Date(),
    "age": pl.Int32(), "event_date": pl.Date(), "region_code": pl.String(),
    "employer_name": pl.String(), "employer_uscc": pl.String(), "employer_key": pl.String(), "place": pl.String(),
    "event_time": pl.Datetime("us"), "event_end": pl.Date(), "transferred": pl.Boolean(),
    "died": pl.Boolean(), "discharged": pl.Boolean(), "event_estimated": pl.Boolean(),
    "event_final": pl.Boolean(),
    "diagnosis": pl.String(), "external_cause": pl.String(), "death_place": pl.String(),
    "death_date": pl.Date(), "work_region": pl.String(), "home_city": pl.String(),
}

_STRAY = r"[\s·•・‧∙⋅･．.\-_]"


# ---- helpers --------------------------------------------------------------
def _col_or_null(frame: pl.DataFrame, name: str, dtype: pl.DataType | type[pl.DataType]) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, dtype=dtype).alias(name)


def _as_date(frame: pl.DataFrame, name: str) -> pl.Expr:
    if name not in frame.columns:
        return pl.lit(None, dtype=pl.Date)
    dtype = frame.schema[name]
    if dtype == pl.Date:
        return pl.col(name)
    if isinstance(dtype, pl.Datetime):
        return pl.col(name).dt.date()
    return parse_date(pl.col(name).cast(pl.String))


def _sex(expr: pl.Expr) -> pl.Expr:
    return normalize_sex(expr.cast(pl.String))


def _with_names(f: pl.DataFrame) -> pl.DataFrame:
    """``name_chars`` / ``name_simp`` / ``name_pinyin`` / ``surname_pinyin`` (per distinct name,
    :func:`linkage.normalize.name_columns`)."""
    names = pl.DataFrame({"name": f["name"].unique().drop_nulls()})
    names = name_columns(names, "name", "_n").select(
        "name",
        halfwidth(pl.col("name")).str.replace_all(_STRAY, "").alias("name_chars"),
        pl.col("_n_norm").alias("name_simp"),
        pl.col("_n_key").alias("name_pinyin"),
        pl.col("_n_surname_py").str.replace_all(" ", "").alias("surname_pinyin"),
    ).with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c)
                   for c in ("name_chars", "name_simp", "name_pinyin", "surname_pinyin"))
    return f.join(names, on="name", how="left", maintain_order="left")


# An ID's birth year this far from the one a record's age gives (its event's year less the age) is
# another person's number: a typo in a digit of the year moves it by 1-9 years (or centuries), a
# child's or a spouse's number is 20-30 years off
FOREIGN_ID_YEARS = 10


def foreign_id(id_birth: pl.Expr, age: pl.Expr, event_date: pl.Expr, trusted: pl.Expr) -> pl.Expr:
    """True where a ``trusted`` ID (its check character right) gives a birth year
    :data:`FOREIGN_ID_YEARS` or more from the year the same record's age gives (the event's year
    less the age): someone else's number written in the record — a funeral home's applicant (the
    deceased's son, born 25 years later), a parent's in a child's hospital record. The household
    register, whose numbers are its own, states no age. Null ages give False."""
    id_year = id_birth.dt.year().cast(pl.Int32)
    stated = pl.when(age.is_between(0, 120)).then(event_date.dt.year().cast(pl.Int32) - age.cast(pl.Int32))
    return (trusted & id_year.is_between(1900, 2030) & ((id_year - stated).abs() >= FOREIGN_ID_YEARS)).fill_null(False)


def someone_elses_ids(records: Sequence[Mapping[str, Any]]) -> list[bool]:
    """:func:`foreign_id` for records as the dossier and the review app show them (raw fields:
    ``id_number``, ``age`` and the event's date — ``death_date``, ``admitted_at``, ``occurred_at``
    or ``cremated_on``), so they can mark the number linkage set aside; one bool per record."""
    if not records:
        return []
    event_fields = ("death_date", "admitted_at", "occurred_at", "cremated_on")
    f = pl.DataFrame({
        "id_number": [str(r["id_number"]) if r.get("id_number") else None for r in records],
        "age": [str(r["age"]) if r.get("age") not in (None, "") else None for r in records],
        "event": [next((str(r[c]) for c in event_fields if r.get(c)), None) for r in records],
    }, schema={"id_number": pl.String, "age": pl.String, "event": pl.String})
    f = with_id_columns(f, "id_number", "_id")
    trusted = ((pl.col("_id_format") == "18") & pl.col("_id_check_ok")).fill_null(False)
    return f.select(foreign_id(pl.col("_id_birth_date"), pl.col("age").cast(pl.Int32, strict=False),
                               parse_date(pl.col("event")), trusted)).to_series().to_list()


def _with_ids(f: pl.DataFrame) -> pl.DataFrame:
    """``id18`` (18 characters; legacy numbers upgraded; other shapes kept as cleaned text),
    ``id_valid``, ``id_legacy``, ``_id_birth``, ``_id_sex`` (:func:`linkage.normalize.with_id_columns`)."""
    f = with_id_columns(f, "id_number", "_id")
    return f.with_columns(
        pl.coalesce(pl.col("_id_norm"), id_clean(pl.col("id_number").cast(pl.String)).str.replace_all(r"\s+", "")
                    .str.to_uppercase()).alias("id18"),
        ((pl.col("_id_format") == "18") & pl.col("_id_check_ok")).fill_null(False).alias("id_valid"),
        (pl.col("_id_format") == "15").fill_null(False).alias("id_legacy"),
        pl.col("_id_birth_date").alias("_id_birth"),
    )


def _source_frame(source: str, frame: pl.DataFrame, accidents: pl.DataFrame | None) -> pl.DataFrame:
    """The common columns of one source, before name / ID normalisation."""
    f = frame
    region = _col_or_null(f, "region_code", pl.String).cast(pl.String)
    employer = pl.lit(None, dtype=pl.String)
    uscc = pl.lit(None, dtype=pl.String)
    birth = pl.lit(None, dtype=pl.Date)
    estimated = pl.lit(False)
    if source == "accident_victims":
        if accidents is not None and "accident_id" in f.columns:
            acc = accidents.select(
                pl.col("record_id").cast(pl.String).alias("accident_id"),
                _as_date(accidents, "occurred_at").alias("_acc_date"),
                pl.col("region_code").cast(pl.String).alias("_acc_region") if "region_code" in accidents.columns
                else pl.lit(None, dtype=pl.String).alias("_acc_region"),
                _col_or_null(accidents, "enterprise_name", pl.String).cast(pl.String).alias("_acc_ent"),
                _col_or_null(accidents, "enterprise_uscc", pl.String).cast(pl.String).alias("_acc_uscc"),
            ).unique("accident_id", keep="first")
            f = f.with_columns(pl.col("accident_id").cast(pl.String)).join(acc, on="accident_id", how="left")
            event, region = pl.col("_acc_date"), pl.col("_acc_region")
            employer, uscc = pl.col("_acc_ent"), pl.col("_acc_uscc")
        else:
            event = pl.lit(None, dtype=pl.Date)
    elif source == "deregistrations":
        event = pl.coalesce(_as_date(f, "death_date"), _as_date(f, "deregistered_on"))
        estimated = _as_date(f, "death_date").is_null() & event.is_not_null()
        birth = _as_date(f, "birth_date")
    elif source == "cremations":
        event = pl.coalesce(_as_date(f, "death_date"), _as_date(f, "cremated_on"))
        estimated = _as_date(f, "death_date").is_null() & event.is_not_null()
    elif source == "injury_claims":
        event = _as_date(f, "injury_date")
        employer = _col_or_null(f, "employer_name", pl.String).cast(pl.String)
        uscc = _col_or_null(f, "employer_uscc", pl.String).cast(pl.String)
    elif source == "employment":
        # an enrolment spell is no event of the person's (its start is the employer's paperwork):
        # it links by ID, name, the birth date and sex the ID carries, and the employer
        event = pl.lit(None, dtype=pl.Date)
        employer = _col_or_null(f, "employer_name", pl.String).cast(pl.String)
        uscc = _col_or_null(f, "employer_uscc", pl.String).cast(pl.String)
    else:  # medical_records
        event = _as_date(f, "admitted_at")
        employer = _col_or_null(f, "employer_name", pl.String).cast(pl.String)
    place = pl.lit(None, dtype=pl.String)
    if source == "medical_records":
        place = _col_or_null(f, "hospital", pl.String).cast(pl.String)
    elif source == "cremations":
        place = _col_or_null(f, "funeral_home", pl.String).cast(pl.String)
    ev_time, ev_end = pl.lit(None, dtype=pl.Datetime("us")), pl.lit(None, dtype=pl.Date)
    transferred = died = discharged = pl.lit(None, dtype=pl.Boolean)
    diagnosis = external_cause = pl.lit(None, dtype=pl.String)
    if source == "medical_records":
        diagnosis = icd_clean(_col_or_null(f, "diagnosis_icd10", pl.String))
        external_cause = icd_clean(_col_or_null(f, "external_cause_icd10", pl.String))
        if "admitted_at" in f.columns:
            dtype = f.schema["admitted_at"]
            ev_time = pl.col("admitted_at") if isinstance(dtype, pl.Datetime) else \
                parse_datetime(pl.col("admitted_at").cast(pl.String))
        ev_end = _as_date(f, "discharged_at")
        if "disposition" in f.columns:
            disp = pl.col("disposition").cast(pl.String).str.strip_chars().str.to_lowercase()
            transferred, died, discharged = disp == "transferred", disp == "died", disp == "discharged"
    # where the person died: the hospital of a stay that ended in death; where a cremated
    # body came from (a hospital's name, 家中, a place)
    death_place = pl.lit(None, dtype=pl.String)
    if source == "medical_records":
        death_place = pl.when(died.fill_null(False)).then(place)
    elif source == "cremations":
        death_place = _col_or_null(f, "body_origin", pl.String).cast(pl.String)
    # nothing of a person starts after a (known) death: death records with a real death
    # date, and hospital stays that ended in death
    final = died.fill_null(False) if source == "medical_records" else \
        (~estimated if source in ("deregistrations", "cremations") else pl.lit(False))
    # the day of that final event: a death record's own death date, the end of a stay that ended
    # in death
    death_date = pl.when(final).then(ev_end if source == "medical_records" else event)
    age = _col_or_null(f, "age", pl.Int32).cast(pl.Int32, strict=False)
    return f.select(
        pl.lit(source).alias("source"),
        pl.col("record_id").cast(pl.String),
        _col_or_null(f, "name", pl.String).cast(pl.String).alias("name"),
        _col_or_null(f, "id_number", pl.String).cast(pl.String).alias("id_number"),
        _sex(_col_or_null(f, "sex", pl.String)).alias("_sex"),
        birth.alias("_birth"),
        age.alias("age"),
        event.alias("event_date"),
        region.alias("region_code"),
        employer.alias("employer_name"),
        uscc.alias("employer_uscc"),
        place.str.replace_all(r"\s+", "").alias("place"),
        ev_time.cast(pl.Datetime("us")).alias("event_time"),
        ev_end.alias("event_end"),
        transferred.alias("transferred"),
        died.alias("died"),
        discharged.alias("discharged"),
        estimated.alias("event_estimated"),
        final.alias("event_final"),
        diagnosis.alias("diagnosis"),
        external_cause.alias("external_cause"),
        clean_compact(death_place).alias("death_place"),
        death_date.cast(pl.Date).alias("death_date"),
        (region if source == "medical_records" else pl.lit(None, dtype=pl.String)).alias("work_region"),
    )


_USCC_REGION = r"^[1-8][0-9]{5}$"


def _with_employer_region(f: pl.DataFrame, enterprises: pl.DataFrame | None) -> pl.DataFrame:
    """An enrolment spell's ``work_region``: its employer's county in the enterprise register (by
    the cleaned ``employer_uscc``), else the administrative code a USCC carries in characters 3–8
    (GB 32100: the registering authority's county)."""
    if enterprises is not None and enterprises.height and {"uscc", "region_code"} <= set(enterprises.columns):
        reg = enterprises.select(
            clean_compact(pl.col("uscc").cast(pl.String)).alias("employer_uscc"),
            clean_compact(pl.col("region_code").cast(pl.String)).alias("_ent_region"),
        ).filter(pl.col("employer_uscc").is_not_null() & pl.col("_ent_region").str.contains(_USCC_REGION)) \
            .unique("employer_uscc", keep="first")
        f = f.join(reg, on="employer_uscc", how="left")
    else:
        f = f.with_columns(pl.lit(None, dtype=pl.String).alias("_ent_region"))
    code = pl.col("employer_uscc").str.slice(2, 6)
    from_code = pl.when((pl.col("employer_uscc").str.len_chars() == 18) & code.str.contains(_USCC_REGION)).then(code)
    return f.with_columns(
        pl.when(pl.col("source") == "employment").then(pl.coalesce(pl.col("_ent_region"), from_code))
        .otherwise(pl.col("work_region")).alias("work_region"),
    ).drop("_ent_region")


def _home_city() -> pl.Expr:
    """``home_city``: the city of the ID (its first four digits, where they open a region code),
    else, for a hospital stay with no ID, the hospital's city."""
    id_region = pl.col("id18").str.slice(0, 6)
    return pl.coalesce(
        pl.when(id_region.str.contains(_USCC_REGION)).then(id_region.str.slice(0, 4)),
        pl.when(pl.col("source") == "medical_records").then(pl.col("region_code").str.slice(0, 4)),
    ).alias("home_city")


def person_records(accepted: Mapping[str, pl.DataFrame | None]) -> pl.DataFrame:
    """One row per person-bearing record with the normalised linkage fields (``RECORD_SCHEMA``)."""
    accidents = accepted.get("accidents")
    parts = [_source_frame(s, frame, accidents) for s in PERSON_SOURCES
             if (frame := accepted.get(s)) is not None and frame.height > 0]
    if not parts:
        return pl.DataFrame(schema=RECORD_SCHEMA)
    f = _with_ids(_with_names(pl.concat(parts, how="vertical_relaxed")))
    # an ID number whose birth year contradicts the age the record itself states by
    # FOREIGN_ID_YEARS or more is someone else's — a relative's, the applicant's — written in the
    # deceased's or the patient's record: it does not link the record (nor give its birth date or
    # sex); the name, dates and places do
    f = f.with_columns(
        pl.when(foreign_id(pl.col("_id_birth"), pl.col("age"), pl.col("event_date"), pl.col("id_valid")))
        .then(None).otherwise(pl.col(c)).alias(c) for c in ("id18", "_id_birth", "_id_sex")
    ).with_columns(pl.col("id_valid") & pl.col("id18").is_not_null(),
                   pl.col("id_legacy") & pl.col("id18").is_not_null())
    # an ID whose check character fails has a typo somewhere: its birth date is kept only
    # as the last resort for the birth-year range, never as the record's birth date
    year_ok = pl.col("_id_birth").dt.year().is_between(1900, 2030)
    f = f.with_columns(
        pl.coalesce(pl.col("_sex"), pl.col("_id_sex")).alias("sex"),
        pl.coalesce(pl.col("_birth"), pl.when(year_ok & pl.col("id_valid")).then(pl.col("_id_birth")))
        .alias("birth_date"),
        pl.when(year_ok).then(pl.col("_id_birth").dt.year().cast(pl.Int32)).alias("_id_year"),
    )
    ev_year = pl.col("event_date").dt.year().cast(pl.Int32)
    year = pl.col("birth_date").dt.year().cast(pl.Int32)
    # the exact interval of the birth date: the date itself, or — from an age recorded on a known
    # day (not a death date standing in from the cremation or deregistration) — the year before
    # that day's anniversary: aged 36 on 2025-07-24 → born 1988-07-25 … 1989-07-24
    age_on = pl.when(~pl.col("event_estimated").fill_null(False) & pl.col("age").is_between(0, 120)) \
        .then(pl.col("event_date"))
    f = f.with_columns(
        pl.coalesce(pl.col("birth_date"),
                    age_on.dt.offset_by(pl.format("-{}y", pl.col("age") + 1)) + pl.duration(days=1)).alias("birth_from"),
        pl.coalesce(pl.col("birth_date"), age_on.dt.offset_by(pl.format("-{}y", pl.col("age")))).alias("birth_to"),
        pl.coalesce(year, ev_year - pl.col("age") - 1, pl.col("_id_year")).alias("birth_year_min"),
        pl.coalesce(year, ev_year - pl.col("age") + 1, pl.col("_id_year")).alias("birth_year_max"),
        clean_compact(pl.col("employer_uscc")).alias("employer_uscc"),
        pl.col("employer_name").str.replace_all(r"\s+", "").alias("employer_name"),
    )
    f = f.with_columns(
        pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in ("employer_name", "employer_uscc", "region_code", "id18", "place")
    ).with_columns(employer_name_key(pl.col("employer_name")).alias("employer_key"))
    f = _with_employer_region(f, accepted.get("enterprises")).with_columns(_home_city())
    return f.select([pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()]).sort(["source", "record_id"])
