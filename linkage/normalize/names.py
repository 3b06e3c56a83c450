"""Person names → a normalised form, surname-aware toneless pinyin and a homophone-tolerant key.

:func:`name_columns` adds, for a name column ``col`` and a ``prefix``:

* ``{p}_norm`` — NFKC, whitespace and middle dots (``·•・‧∙⋅``) removed, traditional →
  simplified (张偉 → 张伟). A name typed in pinyin is lower-cased without separators.
* ``{p}_pinyin`` — toneless syllables separated by single spaces (``zhang wei``).
  The first character(s) take the *surname* reading when they are a known surname
  with a special reading (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, …) or a compound
  surname (欧阳 ouyang, 司马 sima, 诸葛 zhuge, 尉迟 yuchi, 长孙 zhangsun, …); other
  characters take their most common reading (pypinyin's single-character default).
* ``{p}_key`` — the pinyin without spaces (``zhangwei``): equal for homophones
  (伟/玮/炜, 丽/莉) and for a name written in pinyin.
* ``{p}_surname_py`` / ``{p}_given_py`` — the pinyin of the surname and of the
  given name (spaces between syllables; null when absent).
* ``{p}_is_pinyin`` — the input was written in Latin letters (``Zhang Wei``,
  ``ZHANG Wei``, ``zhangwei``, ``Lü Xin``); it is split into syllables with the
  table of valid pinyin syllables (``zhangwei`` → ``zhang wei``, fewest syllables,
  ties to the longest first syllable), so it gets the same key as 张伟. A single
  all-capital token among mixed-case ones is taken as the surname and put first
  (``Wei ZHANG``); of two words, a last one that reads as a common surname after a first
  one that does not is put first (the Western order: ``Fangling Zhou`` = 周芳玲; ``Wei Li``,
  both surname-like, stays as written).

Work is done once per distinct name (names repeat heavily) and, inside that, through
per-character tables built once per distinct character (opencc t2s, pypinyin) — about
30× cheaper than calling pypinyin per record; ``benchmarks/bench_normalize.py``
measures it.

Phonetic codes, measured (jellyfish 1.3, on toneless pinyin): Soundex, Metaphone,
NYSIIS and the match-rating codex all give *zhang = zheng = zhong* (Z520 / SHNK /
ZANG / ZHNG), *li = lei = liu = lu* and *wang = weng*; Soundex even separates
*zhang* from *chang* while conflating the three above. English phonetic codes
therefore collapse distinct Chinese syllables and are not used: the toneless pinyin
key already absorbs the homophones that matter, and edit distance on it handles the
near-homophones.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TypeVar

import polars as pl

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

_STRIP = re.compile(r"[\s·•・‧∙⋅・･.]+")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F:'’\-.\s·]+$")
_SPLIT_LATIN = re.compile(r"[\s'’\-.·]+")
_ASCII_LETTERS = re.compile(r"[a-z]+")
# Placeholders a hospital or register writes for someone not identified (无名氏, 无名氏27, 无名男,
# 佚名, 不详): no name at all — as a name they would agree with every other unidentified record.
_PLACEHOLDER = re.compile(r"^(无名氏?|无名[男女尸]|佚名|姓名不详|不详|不明|未知|某某|无)[0-9a-z#号甲乙丙丁男女]*$")

# Surnames whose reading differs from the character's most common one.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu", "查": "zha",
    "朴": "piao", "盖": "ge", "乐": "yue", "尉": "yu", "种": "chong", "繁": "po",
    "翟": "zhai", "缪": "miao", "覃": "qin", "秘": "bi", "黑": "he", "冼": "xian",
    "员": "yun", "宿": "su", "曲": "qu", "能": "nai", "召": "shao", "谌": "chen",
    "长": "chang", "重": "chong", "万": "wan", "沈": "shen", "柏": "bai", "薄": "bo",
    "卜": "bu", "祭": "zhai", "句": "gou", "隗": "wei", "郇": "xun", "阚": "kan",
    "洗": "xian", "朝": "chao", "广": "guang", "纪": "ji", "华": "hua", "任": "ren",
    "相": "xiang", "车": "che", "逄": "pang", "眭": "sui", "蔚": "wei", "过": "guo",
}
# Compound (two-character) surnames and their readings.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ou yang", "司马": "si ma", "诸葛": "zhu ge", "上官": "shang guan",
    "东方": "dong fang", "皇甫": "huang fu", "尉迟": "yu chi", "长孙": "zhang sun",
    "令狐": "ling hu", "夏侯": "xia hou", "司徒": "si tu", "慕容": "mu rong",
    "宇文": "yu wen", "公孙": "gong sun", "万俟": "mo qi", "单于": "chan yu",
    "澹台": "tan tai", "西门": "xi men", "南宫": "nan gong", "呼延": "hu yan",
    "端木": "duan mu", "闻人": "wen ren", "轩辕": "xuan yuan", "申屠": "shen tu",
    "公冶": "gong ye", "太史": "tai shi", "濮阳": "pu yang", "钟离": "zhong li",
    "拓跋": "tuo ba", "司空": "si kong", "百里": "bai li", "东郭": "dong guo",
    "第五": "di wu", "赫连": "he lian", "独孤": "du gu", "左丘": "zuo qiu",
}
_COMPOUND_KEYS = {v.replace(" ", "") for v in COMPOUND_SURNAMES.values()}
# The commonest single-character surnames (about nine in ten people carry one of them): their
# pinyin tells the surname of a name written in Latin letters in the Western order (Fangling Zhou)
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
    "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩"
    "明佘池查麻苑迟邝"
)

FIELDS = ("norm", "pinyin", "key", "surname_py", "given_py", "is_pinyin")

_T2S: dict[str, str] = {}
_PY: dict[str, str | None] = {}


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _strip_tone(s: str) -> str:
    s = s.replace("ü", "v").replace("Ü", "V").replace("u:", "v").replace("U:", "V")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (``ü`` written ``v``), vowel-bearing only."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for r in readings.split(","):
            s = _strip_tone(r).lower()
            if s.isascii() and s.isalpha() and re.search(r"[aeiouv]", s):
                out.add(s)
    return frozenset(out)


def simplify_char(ch: str) -> str:
    """Traditional → simplified for one character (cached)."""
    s = _T2S.get(ch)
    if s is None:
        s = _converter().convert(ch) or ch
        _T2S[ch] = s
    return s


def char_pinyin(ch: str) -> str | None:
    """Toneless most-common reading of one character; ASCII letters lower-cased; else None."""
    if ch in _PY:
        return _PY[ch]
    from pypinyin import Style, lazy_pinyin

    if ch.isascii():
        py = ch.lower() if ch.isalpha() else None
    else:
        # pypinyin's stub types the errors callback as returning str; the library accepts a list
        r = lazy_pinyin(ch, style=Style.NORMAL, errors=lambda _x: [""])  # type: ignore[arg-type, return-value]
        py = r[0] if r and r[0] and r[0].isascii() and r[0].isalpha() else None
    _PY[ch] = py
    return py


def segment_pinyin(token: str) -> list[str] | None:
    """Split run-together pinyin into syllables (fewest; ties → longest first); None if impossible."""
    token = token.lower()
    syl = syllables()
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        cand: list[str] | None = None
        for j in range(min(n, i + 6), i, -1):  # longest first
            rest = best[j]
            piece = token[i:j]
            if rest is not None and piece in syl and (cand is None or len(rest) + 1 < len(cand)):
                cand = [piece, *rest]
        best[i] = cand
    return best[0]


@lru_cache(maxsize=1)
def surname_syllables() -> frozenset[str]:
    """The pinyin a surname of :data:`COMMON_SURNAMES` (or a compound surname) is written with."""
    out = {SURNAME_READINGS.get(c) or char_pinyin(c) for c in COMMON_SURNAMES}
    return frozenset({s for s in out if s} | _COMPOUND_KEYS | set(SURNAME_READINGS.values()))


def _latin(text: str) -> tuple[str, list[str]] | None:
    tokens = [t for t in _SPLIT_LATIN.split(_strip_tone(text)) if t]
    if not tokens:
        return None
    caps = [t for t in tokens if len(t) > 1 and t.isupper()]
    if len(caps) == 1 and len(tokens) > 1 and tokens[0] != caps[0]:
        tokens.remove(caps[0])
        tokens.insert(0, caps[0])
    elif len(tokens) == 2 and len(caps) != 1:
        # the Western order, given name first (Fangling Zhou = Zhou Fangling): the last word is a
        # surname and the first is not — a two-syllable given name never is; two surname-like
        # words (Wei Li, Li Wei) stay as written
        sur = surname_syllables()
        first, last = (t.lower() for t in tokens)
        if last in sur and first not in sur:
            tokens.reverse()
    out: list[str] = []
    for t in tokens:
        t = t.lower()
        if t in ("lyu", "nyu"):
            t = t[0] + "v"
        seg = segment_pinyin(t)
        out.extend(seg if seg is not None else [t])
    return "".join(tokens).lower(), out


def normalize_name(name: str | None) -> tuple[str | None, str | None, str | None, str | None,
                                              str | None, bool | None]:
    """One name → ``(norm, pinyin, key, surname_py, given_py, is_pinyin)`` (see module docs)."""
    if name is None:
        return (None, None, None, None, None, None)
    text = unicodedata.normalize("NFKC", name)
    compact = _STRIP.sub("", text)
    if not compact:
        return (None, None, None, None, None, None)
    if _LATIN.match(text):
        res = _latin(text)
        if res is None:
            return (None, None, None, None, None, None)
        norm, syls = res
        n_sur = 2 if len(syls) > 2 and "".join(syls[:2]) in _COMPOUND_KEYS else 1
        surname, given = syls[:n_sur], syls[n_sur:]
        is_pinyin = True
    else:
        norm = "".join(simplify_char(c) for c in compact)
        if _PLACEHOLDER.match(norm.lower()):
            return (None, None, None, None, None, None)
        head = COMPOUND_SURNAMES.get(norm[:2]) if len(norm) > 2 else None
        if head is not None:
            surname, rest = head.split(" "), norm[2:]
        else:
            first = SURNAME_READINGS.get(norm[0]) or char_pinyin(norm[0])
            surname, rest = ([first] if first else []), norm[1:]
        given = [p for p in (char_pinyin(c) for c in rest) if p]
        is_pinyin = False
    syls = [*surname, *given]
    if not syls:
        return (norm, None, None, None, None, is_pinyin)
    return (norm, " ".join(syls), "".join(syls), " ".join(surname) or None,
            " ".join(given) or None, is_pinyin)


NAME_SCHEMA = pl.Struct({
    "norm": pl.String, "pinyin": pl.String, "key": pl.String,
    "surname_py": pl.String, "given_py": pl.String, "is_pinyin": pl.Boolean,
})


def _names_series(s: pl.Series) -> pl.Series:
    keys = pl.DataFrame({"k": s.cast(pl.String)})
    uniq = keys.get_column("k").unique().drop_nulls()
    rows = [normalize_name(v) for v in uniq.to_list()]
    table = pl.DataFrame(
        {"k": uniq, **{f: [r[i] for r in rows] for i, f in enumerate(FIELDS)}},
        schema={"k": pl.String, **{f.name: f.dtype for f in NAME_SCHEMA.fields}},
    )
    out = keys.join(table, on="k", how="left", maintain_order="left")
    return out.select(pl.struct(FIELDS).alias(s.name)).to_series()


def name_struct(expr: pl.Expr) -> pl.Expr:
    """A struct expression with the fields :data:`FIELDS` for a name column (per distinct value)."""
    return expr.map_batches(_names_series, return_dtype=NAME_SCHEMA, is_elementwise=True)


def name_columns(frame: FrameT, col: str = "name", prefix: str = "name") -> FrameT:
    """``frame`` plus ``{prefix}_norm``, ``_pinyin``, ``_key``, ``_surname_py``, ``_given_py``,
    ``_is_pinyin`` for the name column ``col``."""
    tmp = f"__{prefix}_struct"
    return frame.with_columns(name_struct(pl.col(col)).alias(tmp)).with_columns(
        pl.col(tmp).struct.field(f).alias(f"{prefix}_{f}") for f in FIELDS
    ).drop(tmp)
