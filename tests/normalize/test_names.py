"""Name normalisation, table-driven: traditional → simplified, surname readings, pinyin input."""

from __future__ import annotations

import polars as pl
import pytest

from linkage.normalize.names import FIELDS, name_columns, normalize_name, segment_pinyin

# name, norm, pinyin, surname_py, given_py, is_pinyin
CASES = [
    ("張偉", "张伟", "zhang wei", "zhang", "wei", False),
    ("张伟", "张伟", "zhang wei", "zhang", "wei", False),
    ("张玮", "张玮", "zhang wei", "zhang", "wei", False),
    ("劉麗", "刘丽", "liu li", "liu", "li", False),
    ("陳 莉", "陈莉", "chen li", "chen", "li", False),
    ("单雄信", "单雄信", "shan xiong xin", "shan", "xiong xin", False),
    ("简单", "简单", "jian dan", "jian", "dan", False),     # 单 not first: its common reading
    ("曾国藩", "曾国藩", "zeng guo fan", "zeng", "guo fan", False),
    ("解缙", "解缙", "xie jin", "xie", "jin", False),
    ("区志明", "区志明", "ou zhi ming", "ou", "zhi ming", False),
    ("仇英", "仇英", "qiu ying", "qiu", "ying", False),
    ("查良镛", "查良镛", "zha liang yong", "zha", "liang yong", False),
    ("朴正熙", "朴正熙", "piao zheng xi", "piao", "zheng xi", False),
    ("欧阳修", "欧阳修", "ou yang xiu", "ou yang", "xiu", False),
    ("诸葛亮", "诸葛亮", "zhu ge liang", "zhu ge", "liang", False),
    ("司马光", "司马光", "si ma guang", "si ma", "guang", False),
    ("尉迟恭", "尉迟恭", "yu chi gong", "yu chi", "gong", False),
    ("长孙无忌", "长孙无忌", "zhang sun wu ji", "zhang sun", "wu ji", False),
    ("阿依·买买提", "阿依买买提", "a yi mai mai ti", "a", "yi mai mai ti", False),
    ("阿依•买买提", "阿依买买提", "a yi mai mai ti", "a", "yi mai mai ti", False),
    ("阿依・买买提", "阿依买买提", "a yi mai mai ti", "a", "yi mai mai ti", False),
    ("  王　 芳 ", "王芳", "wang fang", "wang", "fang", False),
    ("吕欣", "吕欣", "lv xin", "lv", "xin", False),
    ("王", "王", "wang", "wang", None, False),
    ("Zhang Wei", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("ZHANG Wei", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("zhangwei", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("Wei ZHANG", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("Ｚｈａｎｇ Ｗｅｉ", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("Zhāng Wěi", "zhangwei", "zhang wei", "zhang", "wei", True),
    ("Ouyang Xiu", "ouyangxiu", "ou yang xiu", "ou yang", "xiu", True),
    ("Lü Xin", "lvxin", "lv xin", "lv", "xin", True),
    ("LYU Xin", "lyuxin", "lv xin", "lv", "xin", True),
    ("Xi'an Li", "xianli", "xi an li", "xi", "an li", True),
    # the Western order, given name first: the last word is a surname, the first is not
    ("Fangling Zhou", "zhoufangling", "zhou fang ling", "zhou", "fang ling", True),
    ("Lijing Wang", "wanglijing", "wang li jing", "wang", "li jing", True),
    ("Jun Wang", "wangjun", "wang jun", "wang", "jun", True),
    ("Xiu Ouyang", "ouyangxiu", "ou yang xiu", "ou yang", "xiu", True),
    # ... and two words that both read as surnames stay as written
    ("Wei Li", "weili", "wei li", "wei", "li", True),
    ("Li Wei", "liwei", "li wei", "li", "wei", True),
]


@pytest.mark.parametrize(("raw", "norm", "pinyin", "surname", "given", "is_pinyin"), CASES)
def test_name_table(raw: str, norm: str, pinyin: str, surname: str, given: str | None,
                    is_pinyin: bool) -> None:
    n, py, key, sur, giv, isp = normalize_name(raw)
    assert (n, py, sur, giv, isp) == (norm, pinyin, surname, given, is_pinyin)
    assert key == pinyin.replace(" ", "")


def test_name_columns_matches_python_and_keeps_rows() -> None:
    raws = [c[0] for c in CASES] * 3 + [None, "", "  ", "·"]
    frame = pl.DataFrame({"rid": list(range(len(raws))), "nm": raws})
    out = name_columns(frame, col="nm", prefix="n")
    assert isinstance(out, pl.DataFrame)
    assert out.columns == ["rid", "nm", *(f"n_{f}" for f in FIELDS)]
    assert out["rid"].to_list() == list(range(len(raws)))
    assert out.schema["n_is_pinyin"] == pl.Boolean
    for row in out.iter_rows(named=True):
        expected = normalize_name(row["nm"]) if row["nm"] is not None else (None,) * 6
        assert tuple(row[f"n_{f}"] for f in FIELDS) == expected
    assert out.tail(4)["n_key"].to_list() == [None] * 4
    lazy = name_columns(frame.lazy(), col="nm", prefix="n")
    assert isinstance(lazy, pl.LazyFrame)
    assert lazy.collect().equals(out)


def test_homophones_and_pinyin_share_a_key() -> None:
    out = name_columns(pl.DataFrame({"name": ["张伟", "張偉", "张玮", "章炜", "Zhang Wei", "zhangwei",
                                              "郑伟"]}))
    keys = out["name_key"].to_list()
    assert keys[:6] == ["zhangwei"] * 6
    assert keys[6] == "zhengwei"   # zheng is not zhang: a different key
    assert out["name_norm"].n_unique() == 5


def test_segmentation() -> None:
    assert segment_pinyin("zhangwei") == ["zhang", "wei"]
    assert segment_pinyin("ouyangxiu") == ["ou", "yang", "xiu"]
    assert segment_pinyin("lixiaoming") == ["li", "xiao", "ming"]
    assert segment_pinyin("qqq") is None


def test_empty_frame() -> None:
    out = name_columns(pl.DataFrame({"name": []}, schema={"name": pl.String}))
    assert out.height == 0
    assert out.schema["name_key"] == pl.String


@pytest.mark.parametrize("raw", ["无名氏", "无名氏46", "無名氏 27", "无名男", "佚名", "不详"])
def test_placeholders_for_the_unidentified_are_no_name(raw: str) -> None:
    """A hospital's 无名氏 (numbered or not) is a missing name: as a name it would agree with every
    other unidentified patient."""
    assert normalize_name(raw) == (None, None, None, None, None, None)


@pytest.mark.parametrize("raw", ["吴名", "武明", "无忌", "毛无名"])
def test_real_names_that_sound_like_placeholders_are_kept(raw: str) -> None:
    assert normalize_name(raw)[2] is not None
