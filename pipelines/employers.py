"""Employer names as departments write them, normalised for matching (polars expressions).

One employer appears with or without its province, city and county, in several legal forms
and as its branches (``山西省柳林县和顺煤炭股份有限公司``, ``柳林县和顺煤炭有限责任公司``,
``和顺煤炭``). The person linkage compares and blocks on :func:`employer_name_key`; detection
groups an employer's casualties by it and looks names up in the enterprise register with
:func:`employer_full_key` first.
"""

from __future__ import annotations

import polars as pl

# a branch or a site of the employer (``…第二分公司``, ``…（项目部）``): the employer itself
_BRANCH = r"(?:第[一二三四五六七八九十\d]{1,3})?(?:分公司|项目部|项目经理部|工程处|分厂)$"
# a company name followed by one of its units (the last 公司 with 1–12 characters after it)
_UNIT = r"^(.{2,}公司)[^公司]{1,12}$"
# legal forms and corporate words at the end of a name, stripped until none is left
# (``XX煤业集团股份有限责任公司`` → ``XX煤业``)
_LEGAL_FORM = r"(?:有限责任公司|有限公司|有限责任|股份|集团|总公司|公司|厂)$"
# a province-level name at the start, with or without its 省 / 市 / 自治区 (``山西省``, ``内蒙古``,
# ``广西壮族自治区``): any province, as an employer from elsewhere keeps its own (吉林 only with its
# suffix: bare, it is also the city 吉林市; the four municipalities only with their 市)
_PROVINCE_NAMES = ("河北|山西|内蒙古|辽宁|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|"
                   "湖南|广东|广西|海南|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆")
_PROVINCE = (rf"(?:(?:{_PROVINCE_NAMES}|吉林)(?:省|壮族自治区|回族自治区|维吾尔自治区|自治区)"
             rf"|(?:北京|天津|上海|重庆)市|(?:{_PROVINCE_NAMES}))")
# the place a name starts with: the province, then a city and / or a county (``山西省吕梁市中阳县``;
# Inner Mongolia's leagues and banners too: ``锡林郭勒盟``, ``准格尔旗``), when 3 characters of name
# are left after it (``市政`` is a trade, not a city's end)
_PLACE_PREFIX = (rf"^(?:{_PROVINCE})?(?:\p{{Han}}{{1,4}}?[市盟])?(?:\p{{Han}}{{1,4}}?[县区旗])?"
                 r"([\w&&[^政]][\p{Han}A-Za-z0-9]{2,})$")


def _name_compact(col: pl.Expr) -> pl.Expr:
    # a remark in brackets is no part of the name (``XX煤业有限公司（原XX煤矿）``, ``XX（山西）有限公司``)
    return col.cast(pl.String).str.normalize("NFKC").str.replace_all(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】", "") \
        .str.replace_all(r"[\s·•()\[\]【】]", "")


def employer_full_key(col: pl.Expr) -> pl.Expr:
    """Employer name with its place kept — no spaces or brackets, no province prefix, no legal
    form (``山西省 XX县XX煤业有限公司`` → ``XX县XX煤业``): the register lookup's first try."""
    s = _name_compact(col).str.replace(rf"^{_PROVINCE}([^政])", "${1}")
    s = s.str.replace(r"(股份有限公司|有限责任公司|有限公司|集团公司|总公司|分公司|公司|厂)$", "")
    return pl.when(s.str.len_chars() >= 2).then(s).otherwise(None)


def employer_name_key(col: pl.Expr) -> pl.Expr:
    """Employer name normalised for matching: no spaces or brackets, no branch, no place prefix
    (province, city, county) and no legal form — ``山西省柳林县和顺煤炭股份有限公司``,
    ``柳林县和顺煤炭股份有限责任公司`` and ``和顺煤炭`` all read ``和顺煤炭``. Departments write one
    employer's name with or without its county and in several legal forms; a place prefix is
    dropped only when 3 characters of name remain after it."""
    # a unit of the company written after it — a mine, a workshop, a site, a branch
    # (``XX煤业有限公司XX矿``, ``XX钢铁有限公司生产车间``): the company itself
    s = _name_compact(col).str.replace(_UNIT, "${1}").str.replace(_BRANCH, "")
    for _ in range(3):
        s = s.str.replace(_LEGAL_FORM, "")
    s = s.str.replace(_PLACE_PREFIX, "${1}")
    return pl.when(s.str.len_chars() >= 2).then(s).otherwise(None)
