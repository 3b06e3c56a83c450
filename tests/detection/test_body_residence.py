"""A body collected from an address where people live is no contradiction of a death at home:
rural deaths at home are written as the village. It is one when the address lies in another
county than the deceased's registration (the body was moved). A site, a road or "elsewhere"
stays a place no natural death is certified at."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.regions import CITY_NAMES, county_of_place, county_table
from tests.detection.test_body_place import _profile, _with_body


def _county(text: str | None) -> str | None:
    return pl.select(county_of_place(pl.lit(text, dtype=pl.String))).item()


def test_every_county_resolves_with_its_city() -> None:
    table = county_table()
    assert len(table) == 117
    for code, name in table:
        assert _county(CITY_NAMES[code[:4]] + name + "某村") == code


@pytest.mark.parametrize(("text", "code"), [
    ("忻府区上庄村", "140902"), ("山西省 岚县张老镇后家窑", "141127"), ("沁县东村", "140430"),
    ("沁水县东村", "140521"), ("晋城市城区北石店镇", "140502"), ("阳泉市城区南庄", "140302"),
    ("城区南庄", None),            # two cities have a 城区
    ("庄堡镇上家岭", None), ("外地", None), ("大同市新村", None), (None, None),
])
def test_county_of_place(text: str | None, code: str | None) -> None:
    assert _county(text) == code


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(county_table()), st.text(alphabet="村庄镇乡王李家沟峪123号", max_size=8),
       st.booleans())
def test_a_county_name_then_anything_is_that_county(county: tuple[str, str], rest: str, with_city: bool) -> None:
    code, name = county
    prefix = CITY_NAMES[code[:4]] + name if with_city or name == "城区" else name
    assert _county(prefix + rest) == code


@pytest.mark.parametrize(("origin", "elsewhere"), [
    ("杏花岭区王家庄", False),          # the deceased's own county (ID 140107): home
    ("太原市杏花岭区新建路12号", False),
    ("庄堡镇上家岭", False),            # a village, no county named: says nothing
    ("迎泽区王家庄", True),             # another county: the body was moved
    ("阳城县某某煤矿井下", True),       # a workplace
    ("事故现场", True), ("外地", True), ("高速公路", True),
])
def test_body_elsewhere_reads_the_address(province, origin: str, elsewhere: bool) -> None:
    p = _profile(*_with_body(province, origin=origin))
    assert p["body_elsewhere"] is elsewhere
    assert p["body_not_hospital"] is True


@pytest.mark.parametrize("origin", ["迎泽区王家庄", "庄堡镇上家岭"])
def test_a_migrant_from_a_village_died_away_from_home(province, origin: str) -> None:
    """Registered in Henan (410102): any address in Shanxi is not the home the register gives."""
    accepted, links = _with_body(province, origin=origin)
    crem = accepted["cremations"].with_columns(
        pl.when(pl.col("record_id") == "C50").then(pl.lit("410102199002020714"))
        .otherwise(pl.col("id_number")).alias("id_number"))
    p = _profile({**accepted, "cremations": crem}, links)
    assert p["reg_region"] == "410102"
    assert p["body_elsewhere"] is True


def test_the_province_is_the_one_of_the_hospitals_and_funeral_homes_or_given(province) -> None:
    """The reporting province is read from the data (most hospitals and funeral homes on file are
    its own), not assumed to be Shanxi; it can be given. For a department in Henan (41) the migrant
    registered in Henan whose body came from a village naming no county was at home."""
    from pipelines.detection import DetectionParams
    from pipelines.detection.detect import candidate_leads
    from pipelines.regions import home_province

    accepted, links = _with_body(province, origin="庄堡镇上家岭")
    crem = accepted["cremations"].with_columns(
        pl.when(pl.col("record_id") == "C50").then(pl.lit("410102199002020714"))
        .otherwise(pl.col("id_number")).alias("id_number"))
    acc = {**accepted, "cremations": crem}

    def body_elsewhere(params: DetectionParams) -> bool:
        prof = candidate_leads(acc, links, params)[1]
        return bool(prof.filter(pl.col("person_key") == "p_qg")["body_elsewhere"].item())

    assert body_elsewhere(DetectionParams()) is True                  # inferred: Shanxi
    assert body_elsewhere(DetectionParams(province="14")) is True
    assert body_elsewhere(DetectionParams(province="41")) is False    # Henan's own department
    assert home_province(crem["region_code"]) == "14"


def test_home_province_is_the_most_common_valid_code() -> None:
    from pipelines.regions import home_province

    assert home_province(pl.Series(["150102", "150622", None, "x"]), pl.Series(["140105"])) == "15"
    assert home_province(pl.Series(["150102", "140105"])) == "14"      # a tie: the smaller code
    assert home_province(pl.Series(["", None], dtype=pl.String)) is None
    assert home_province() is None
