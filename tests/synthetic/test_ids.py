"""GB 11643 resident-ID and GB 32100 USCC arithmetic of the generator."""

from __future__ import annotations

import numpy as np

from synthetic_data.ids import (
    id_check_char,
    id_is_valid,
    make_id_numbers,
    make_usccs,
    uscc_check_char,
    uscc_is_valid,
)


def test_id_check_char_matches_the_standard_example() -> None:
    # the worked example of GB 11643-1999
    assert id_check_char("11010519491231002") == "X"
    assert id_is_valid("11010519491231002X")
    assert not id_is_valid("110105194912310021")


def test_make_id_numbers_are_valid_and_encode_birth_and_sex() -> None:
    ids = make_id_numbers(np.array([140105, 141181]), np.array([19800101, 20011231]),
                          np.array([37, 2])).to_list()
    assert all(id_is_valid(i) for i in ids)
    assert ids[0].startswith("14010519800101037")
    assert int(ids[1][14:17]) % 2 == 0


def test_usccs_are_valid() -> None:
    usccs = make_usccs(np.random.default_rng(0), np.full(500, 140105)).to_list()
    assert all(uscc_is_valid(u) for u in usccs)
    assert all(u.startswith("91140105") for u in usccs)
    bad = usccs[0][:17] + ("0" if usccs[0][17] != "0" else "1")
    assert not uscc_is_valid(bad)
    assert uscc_check_char(usccs[1][:17]) == usccs[1][17]
