"""Vectorised normalisers for identities: resident IDs, USCCs, names, dates, sex, regions.

=================  ==========================================================================
``dates``          :func:`parse_date`, :func:`parse_datetime` — every contract date format
``sex``            :func:`normalize_sex` — M/F/男/女/1/2/male/female → ``M``/``F``
``ids``            :func:`id_columns` / :func:`with_id_columns` (norm, format, check, birth
                   date, sex, region), :func:`id_mismatch_exprs`, Python helpers
                   :func:`check_char`, :func:`is_valid_id`, :func:`id15_to_18`
``uscc``           :func:`uscc_clean`, :func:`uscc_check_ok`, :func:`uscc_check_char`
``region``         :func:`region_columns` — valid / province / city / county
``names``          :func:`name_columns` — norm, surname-aware pinyin, key, pinyin input
``text``           full-width → half-width, :func:`map_distinct` (compute once per value)
=================  ==========================================================================

Every function returns polars expressions (or adds columns to a frame); values that
repeat are computed once per distinct value.
"""

from linkage.normalize.dates import parse_date, parse_datetime
from linkage.normalize.ids import (
    check_char,
    id15_to_18,
    id_columns,
    id_mismatch_exprs,
    is_valid_id,
    with_id_columns,
)
from linkage.normalize.names import name_columns, normalize_name
from linkage.normalize.region import region_columns
from linkage.normalize.sex import normalize_sex
from linkage.normalize.uscc import uscc_check_char, uscc_check_ok, uscc_clean

__all__ = [
    "check_char",
    "id15_to_18",
    "id_columns",
    "id_mismatch_exprs",
    "is_valid_id",
    "name_columns",
    "normalize_name",
    "normalize_sex",
    "parse_date",
    "parse_datetime",
    "region_columns",
    "uscc_check_char",
    "uscc_check_ok",
    "uscc_clean",
    "with_id_columns",
]
