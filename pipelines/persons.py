"""Person records: one frame of every person-bearing record with normalised linkage fields.

``person_records(accepted)`` takes the quality gate's accepted frames (canonical types;
String dates and raw sex forms are tolerated too) and returns one row per record of
``accident_victims``, ``deregistrations``, ``cremations``, ``injury_claims`` and
``medical_records``. It is written to the run folder as ``records.parquet`` so that
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
  the event allows), ``age``;
* ``event_date`` — accident date (victims, via ``accident_id``), death date (else
  cremation date) for death records, injury date (claims), admission date (medical);
* ``region_code`` (the accident's county for victims), ``employer_name``
  (whitespace-free), ``employer_uscc``, ``place`` (hospital of a medical record, funeral
  home of a cremation).
"""

from __future__ import annotations

import unicodedata

import polars as pl

from linkage.normalize.dates import parse_date
from linkage.normalize.text import clean_compact

PERSON_SOURCES = ("accident_victims", "deregistrations", "cremations", "injury_claims", "medical_records")

RECORD_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(), "record_id": pl.String(), "name": pl.String(), "name_chars": pl.String(),
    "name_simp": pl.String(), "name_pinyin": pl.String(), "surname_pinyin": pl.String(),
    "id18": pl.String(), "id_valid": pl.Boolean(), "id_legacy": pl.Boolean(), "sex": pl.String(),
    "birth_date": pl.Date(), "birth_year_min": pl.Int32(), "birth_year_max": pl.Int32(),
    "age": pl.Int32(), "event_date": pl.Date(), "region_code": pl.String(),
    "employer_name": pl.String(), "employer_uscc": pl.String(), "place": pl.String(),
}

# Surnames whose reading differs from the character's common reading.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "朴": "piao", "查": "zha",
    "盖": "ge", "华": "hua", "任": "ren", "覃": "qin", "尉": "yu", "员": "yun", "乐": "yue",
    "翟": "zhai", "缪": "miao", "折": "she", "柏": "bai", "种": "chong", "隗": "wei", "万": "wan",
    "沈": "shen", "长": "chang", "重": "chong", "秘": "bi", "繁": "po", "适": "kuo",
}
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_STRAY = r"[\s·•・‧．.\-_]"


# ---- helpers --------------------------------------------------------------
def _col_or_null(frame: pl.DataFrame, name: str, dtype: pl.DataType) -> pl.Expr:
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
    s = clean_compact(expr.cast(pl.String))
    return (pl.when(s.is_in(["M", "男", "1", "MALE"])).then(pl.lit("M"))
            .when(s.is_in(["F", "女", "2", "FEMALE"])).then(pl.lit("F")).otherwise(None))


def id_fields(expr: pl.Expr) -> list[pl.Expr]:
    """``id18``, ``id_valid``, ``id_legacy``, ``id_birth``, ``id_sex`` from a raw ID column."""
    s = clean_compact(expr.cast(pl.String))
    is18 = s.str.contains(r"^\d{17}[\dX]$")
    is15 = s.str.contains(r"^\d{15}$")
    first17 = (pl.when(is18).then(s.str.slice(0, 17))
               .when(is15).then(s.str.slice(0, 6) + pl.lit("19") + s.str.slice(6, 9)))
    total = pl.sum_horizontal(
        first17.str.slice(i, 1).cast(pl.Int32, strict=False) * w for i, w in enumerate(_ID_WEIGHTS)
    )
    check = (total % 11).replace_strict(dict(enumerate(_ID_CHECK)), return_dtype=pl.String, default=None)
    id18 = pl.when(is15).then(first17 + check).otherwise(s)
    return [
        id18.alias("id18"),
        (is18 & (s.str.slice(17, 1) == check)).fill_null(False).alias("id_valid"),
        is15.fill_null(False).alias("id_legacy"),
        first17.str.slice(6, 8).str.to_date("%Y%m%d", strict=False).alias("_id_birth"),
        pl.when(first17.str.slice(16, 1).cast(pl.Int32, strict=False) % 2 == 1).then(pl.lit("M"))
        .when(first17.is_not_null()).then(pl.lit("F")).alias("_id_sex"),
    ]


def _char_table(chars: pl.Series) -> pl.DataFrame:
    """Distinct characters → simplified character and toneless pinyin (once per character)."""
    import opencc
    from pypinyin import lazy_pinyin

    conv = opencc.OpenCC("t2s")
    uniq = chars.unique().drop_nulls().to_list()
    simp = [conv.convert(c) for c in uniq]
    py = []
    for c, sc in zip(uniq, simp, strict=True):
        if c.isascii():
            py.append(c.lower())
        else:
            p = lazy_pinyin(sc, errors="ignore")
            py.append(p[0].replace("ü", "v") if p else "")
    return pl.DataFrame({"ch": uniq, "ch_simp": simp, "ch_py": py},
                        schema={"ch": pl.String, "ch_simp": pl.String, "ch_py": pl.String})


def name_fields(names: pl.Series) -> pl.DataFrame:
    """Per distinct raw name: ``name_chars``, ``name_simp``, ``name_pinyin``, ``surname_pinyin``."""
    d = pl.DataFrame({"name": names.unique().drop_nulls()})
    d = d.with_columns(
        pl.col("name").map_elements(lambda x: unicodedata.normalize("NFKC", x), return_dtype=pl.String)
        .str.replace_all(_STRAY, "").alias("name_chars")
    ).with_columns(pl.when(pl.col("name_chars") == "").then(None).otherwise(pl.col("name_chars")).alias("name_chars"))
    latin = pl.col("name_chars").str.contains(r"^[A-Za-z]+$")
    ex = (d.filter(~latin.fill_null(True))
          .select("name", pl.col("name_chars").str.split("").alias("ch"))
          .with_columns(pl.int_ranges(0, pl.col("ch").list.len()).alias("pos")).explode(["ch", "pos"]))
    table = _char_table(ex["ch"])
    ex = ex.join(table, on="ch", how="left").with_columns(
        pl.when(pl.col("pos") == 0).then(pl.col("ch_simp").replace_strict(SURNAME_READINGS, default=None, return_dtype=pl.String))
        .otherwise(None).fill_null(pl.col("ch_py")).alias("ch_py")
    )
    han = ex.group_by("name").agg(
        pl.col("ch_simp").sort_by("pos").str.join("").alias("name_simp"),
        pl.col("ch_py").sort_by("pos").str.join("").alias("name_pinyin"),
        pl.col("ch_py").sort_by("pos").first().alias("surname_pinyin"),
    )
    lat = d.filter(latin.fill_null(False)).select(
        "name",
        pl.col("name_chars").str.to_lowercase().alias("name_simp"),
        pl.col("name_chars").str.to_lowercase().alias("name_pinyin"),
        pl.col("name").map_elements(lambda x: unicodedata.normalize("NFKC", x), return_dtype=pl.String)
        .str.strip_chars().str.split(" ").list.first().str.to_lowercase().alias("surname_pinyin"),
    )
    per = pl.concat([han, lat], how="vertical_relaxed")
    return d.join(per, on="name", how="left")


def _source_frame(source: str, frame: pl.DataFrame, accidents: pl.DataFrame | None) -> pl.DataFrame:
    """The common columns of one source, before name / ID normalisation."""
    f = frame
    region = _col_or_null(f, "region_code", pl.String).cast(pl.String)
    employer = pl.lit(None, dtype=pl.String)
    uscc = pl.lit(None, dtype=pl.String)
    birth = pl.lit(None, dtype=pl.Date)
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
        event = _as_date(f, "death_date")
        birth = _as_date(f, "birth_date")
    elif source == "cremations":
        event = pl.coalesce(_as_date(f, "death_date"), _as_date(f, "cremated_on"))
    elif source == "injury_claims":
        event = _as_date(f, "injury_date")
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
    )


def person_records(accepted: dict[str, pl.DataFrame | None]) -> pl.DataFrame:
    """One row per person-bearing record with the normalised linkage fields (``RECORD_SCHEMA``)."""
    accidents = accepted.get("accidents")
    parts = [_source_frame(s, accepted[s], accidents) for s in PERSON_SOURCES
             if accepted.get(s) is not None and accepted[s].height > 0]
    if not parts:
        return pl.DataFrame(schema=RECORD_SCHEMA)
    f = pl.concat(parts, how="vertical_relaxed")
    names = name_fields(f["name"])
    f = f.join(names, on="name", how="left", maintain_order="left")
    f = f.with_columns(id_fields(pl.col("id_number")))
    year_ok = pl.col("_id_birth").dt.year().is_between(1900, 2030)
    f = f.with_columns(
        pl.coalesce(pl.col("_sex"), pl.col("_id_sex")).alias("sex"),
        pl.coalesce(pl.col("_birth"), pl.when(year_ok).then(pl.col("_id_birth"))).alias("birth_date"),
    )
    ev_year = pl.col("event_date").dt.year().cast(pl.Int32)
    f = f.with_columns(
        pl.coalesce(pl.col("birth_date").dt.year().cast(pl.Int32), ev_year - pl.col("age") - 1).alias("birth_year_min"),
        pl.coalesce(pl.col("birth_date").dt.year().cast(pl.Int32), ev_year - pl.col("age") + 1).alias("birth_year_max"),
        clean_compact(pl.col("employer_uscc")).alias("employer_uscc"),
        pl.col("employer_name").str.replace_all(r"\s+", "").alias("employer_name"),
    )
    f = f.with_columns(
        pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
        for c in ("employer_name", "employer_uscc", "region_code", "id18", "place")
    )
    return f.select([pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()]).sort(["source", "record_id"])
