"""Han, Yi and Tibetan names, and the ways departments write them differently."""

from __future__ import annotations

import random

import numpy as np
from pypinyin import lazy_pinyin

_SURNAMES = """王 6.5 李 7.6 张 6.0 刘 5.4 陈 4.6 杨 3.6 黄 2.7 赵 1.6 吴 2.0 周 2.3 徐 1.2 孙 0.9
马 1.0 朱 0.9 胡 1.2 郭 0.8 何 1.8 林 0.7 罗 2.1 高 0.8 郑 0.8 梁 0.6 谢 1.2 宋 0.6 唐 1.6 许 0.5
韩 0.4 冯 0.8 邓 1.5 曹 0.6 彭 1.2 曾 1.1 肖 1.0 田 0.7 董 0.5 袁 0.9 潘 0.4 蒋 1.0 蔡 0.5 余 0.9
杜 0.7 叶 0.4 程 0.5 魏 0.5 苏 0.5 吕 0.4 丁 0.4 任 0.7 沈 0.3 姚 0.4 卢 0.5 傅 0.4 钟 0.6 汪 0.3
熊 0.6 廖 0.8 向 0.5 牟 0.3 文 0.4 付 0.5 雷 0.5 龙 0.4 万 0.3 段 0.4 侯 0.3 贺 0.3 严 0.3 邹 0.3
单 0.1 解 0.1 区 0.05 欧阳 0.1 司马 0.02 诸葛 0.01"""
_toks = _SURNAMES.split()
SURNAMES = np.array(_toks[0::2])
SURNAME_P = np.array([float(x) for x in _toks[1::2]])
SURNAME_P = SURNAME_P / SURNAME_P.sum()

MALE_OLD = list("国建明华军强伟平志勇德文成忠富贵学云光林兵刚海祥福荣洪红春良清中全万发顺永树江祖朝正元友")
MALE_YOUNG = list("浩宇杰鹏涛磊超斌俊峰飞帅鑫翔龙阳波亮凯军伟林东洋毅晨博文川豪")
FEMALE_OLD = list("秀英兰芳桂珍玉琼淑华群素凤红梅萍琴丽霞云春慧敏燕蓉莲香菊")
FEMALE_YOUNG = list("丽娟婷静敏雪洁颖倩琳艳玲燕丹娜蕾欣悦佳雨薇月晓露梦瑶")

YI_CLANS = ["阿的", "吉克", "阿苦", "沙马", "俄木", "海来", "吉伍", "马海", "曲比", "阿说",
            "勒格", "木乃", "吉木", "日火", "的日", "阿尔", "瓦其", "俄底", "拉马", "阿克",
            "巫其", "果基", "罗洪", "倮伍", "加拉", "井曲", "吉尔", "阿西", "苏呷", "尔古"]
YI_MALE = ["木呷", "拉哈", "日火", "阿木", "伍呷", "尔古", "达铁", "约哈", "克布", "史古",
           "拉者", "尔布", "石者", "阿支", "惹古", "子日", "木沙", "拉且", "伍且", "比日",
           "阿牛", "曲哈", "尔哈", "达日"]
YI_FEMALE = ["阿依", "阿呷", "阿果", "么么", "有果", "史莫", "阿各", "拉莫", "依作", "阿芝",
             "日莫", "阿西", "莫色", "阿嫫", "石莫", "伍果", "衣莫"]
YI_HAN_SURNAMES = ["马", "吉", "沙", "阿", "曲", "罗", "海", "王", "李"]
TIB_FIRST = ["扎西", "泽仁", "次仁", "格桑", "四郎", "洛绒", "益西", "呷绒", "降央", "尼玛",
             "达瓦", "土登", "阿旺", "仁青", "泽翁", "拥忠", "贡嘎", "根秋", "邓珠", "向巴",
             "昂翁", "俄色", "登真", "降措"]
TIB_MALE = ["多吉", "扎西", "次仁", "尼玛", "降措", "邓珠", "泽郎", "罗布", "贡布", "格勒",
            "彭措", "巴登", "曲扎", "拥忠", "泽仁"]
TIB_FEMALE = ["拉姆", "卓玛", "央金", "志玛", "曲珍", "拥措", "翁姆", "德吉", "卓嘎", "白姆",
              "措姆", "娜姆", "拉措", "曲措", "泽珍"]

_HOMOPHONES = [
    "伟玮炜", "丽莉俐", "明鸣铭", "军君钧", "华桦骅", "建健剑", "平萍苹", "红宏洪鸿", "林琳霖",
    "英瑛莹", "玲苓", "芳方", "涛滔韬", "勇永", "杰洁", "斌彬", "兵冰", "刚钢", "峰锋丰",
    "飞菲", "云芸", "霞侠", "秀琇", "珍真贞", "玉钰", "淑书舒", "凤风", "梅玫", "琴芹勤",
    "燕艳雁", "蓉容荣", "莲连", "香湘", "娟鹃", "婷亭庭", "敏民", "颖莹", "倩茜", "欣新馨",
    "佳家嘉", "雨宇羽", "月悦", "晓小筱", "露璐", "梦孟", "瑶遥", "浩皓昊", "鹏朋", "磊蕾",
    "俊峻骏", "鑫新", "翔祥", "龙隆", "阳洋扬", "波博", "凯恺", "东冬", "毅义艺", "晨辰",
    "文雯", "志智治", "成诚程", "忠中", "富付", "贵桂", "春纯", "清青庆", "全泉", "正政",
    "元源远", "友有", "福富",
    # surnames (with the Sichuan dialect's mergers: -en/-eng, n/l, h/f, huang/wang)
    "王汪黄", "张章", "李黎", "陈程", "徐许", "杨阳", "胡付", "刘牛", "罗骆", "吴伍武",
    "周邹", "蒋江", "唐汤", "邓登", "余于俞", "何贺", "肖萧", "付傅符", "钟仲", "向项",
    "袁元", "林凌",
    # Yi and Tibetan transliterations
    "呷嘎", "依衣", "莫么嫫", "的迪", "克可", "苦库", "马玛嘛", "伍五武", "果国", "惹热",
    "吉基", "尔二而", "古谷", "支芝之", "铁帖", "者着", "且切", "沙莎", "扎札", "西希",
    "多朵", "吉杰节", "泽则择", "仁任", "拉啦", "姆母木", "次此茨", "格各", "四斯思", "郎朗",
    "洛罗", "绒荣戎", "益伊", "降江将", "央阳", "尼妮", "瓦娃", "卓桌", "措错", "翁嗡",
    "曲区", "德得", "珠朱", "布卜", "贡工", "勒乐", "彭朋", "巴八", "登邓",
]
HOMOPHONE: dict[str, list[str]] = {}
for _g in _HOMOPHONES:
    for _ch in _g:
        HOMOPHONE.setdefault(_ch, [])
        HOMOPHONE[_ch] += [o for o in _g if o != _ch and o not in HOMOPHONE[_ch]]

TRAD = dict(zip("张刘陈杨黄赵吴郑罗谢邓冯蒋钟叶苏龙国华军强伟学荣红兰凤丽莲丰东飞鹏涛杰凯晓梦云贵发万顺树刚琼钰汤许单马",
                "張劉陳楊黃趙吳鄭羅謝鄧馮蔣鍾葉蘇龍國華軍強偉學榮紅蘭鳳麗蓮豐東飛鵬濤傑凱曉夢雲貴發萬順樹剛瓊鈺湯許單馬",
                strict=True))


def make_names(eth: np.ndarray, male: np.ndarray, birth_year: np.ndarray,
               rng: np.random.Generator) -> tuple[list[str], list[str | None]]:
    """Registered names (and a Han alias for some Yi people) for a batch of persons."""
    n = len(eth)
    sur = rng.choice(SURNAMES, size=n, p=SURNAME_P)
    one = rng.random(n) < np.where(birth_year < 1975, 0.22, 0.35)
    pools = {(True, True): MALE_OLD, (True, False): MALE_YOUNG,
             (False, True): FEMALE_OLD, (False, False): FEMALE_YOUNG}
    g1 = rng.integers(0, 10_000, size=n)
    g2 = rng.integers(0, 10_000, size=n)
    y1 = rng.integers(0, 10_000, size=n)
    y2 = rng.integers(0, 10_000, size=n)
    yi_style = rng.random(n) < 0.75
    alias_u = rng.random(n)
    names: list[str] = []
    aliases: list[str | None] = []
    for i in range(n):
        m = bool(male[i])
        pool = pools[(m, bool(birth_year[i] < 1980))]
        han = sur[i] + pool[g1[i] % len(pool)] + ("" if one[i] else pool[g2[i] % len(pool)])
        e = eth[i]
        alias: str | None = None
        if e == "yi":
            if yi_style[i]:
                given = YI_MALE if m else YI_FEMALE
                nm = YI_CLANS[y1[i] % len(YI_CLANS)] + given[y2[i] % len(given)]
                if alias_u[i] < 0.2:
                    alias = YI_HAN_SURNAMES[y2[i] % len(YI_HAN_SURNAMES)] + han[len(sur[i]):]
            else:
                nm = YI_HAN_SURNAMES[y1[i] % len(YI_HAN_SURNAMES)] + han[len(sur[i]):]
        elif e == "tib":
            second = TIB_MALE if m else TIB_FEMALE
            first = TIB_FIRST[y1[i] % len(TIB_FIRST)]
            sec = second[y2[i] % len(second)]
            nm = first + (sec if sec != first else second[(y2[i] + 1) % len(second)])
        else:
            nm = han
        names.append(nm)
        aliases.append(alias)
    return names, aliases


def _homophone(name: str, r: random.Random) -> str:
    idx = [i for i, ch in enumerate(name) if ch in HOMOPHONE]
    if not idx:
        return name
    i = r.choice(idx)
    return name[:i] + r.choice(HOMOPHONE[name[i]]) + name[i + 1:]


def _dot(name: str, eth: str, r: random.Random) -> str:
    if len(name) < 3:
        return name
    cut = 2 if (eth in ("yi", "tib") and len(name) == 4) else (2 if len(name) == 4 else 1)
    dot = "·" if r.random() < 0.85 else r.choice(["•", "．", "・"])
    return name[:cut] + dot + name[cut:]


def to_pinyin(name: str, r: random.Random) -> str:
    syl = lazy_pinyin(name)
    style = r.random()
    if style < 0.5:
        return (syl[0] + " " + "".join(syl[1:])).upper()
    if style < 0.8:
        return syl[0].capitalize() + " " + "".join(syl[1:]).capitalize()
    return "".join(syl)


def vary_name(name: str, eth: str, r: random.Random, *, pinyin: float = 0.0) -> str:
    """One department's rendering of a registered name (one or two kinds of error)."""
    u = r.random()
    if pinyin and u < pinyin:
        return to_pinyin(name, r)
    u = r.random()
    if eth in ("yi", "tib"):
        if u < 0.45:
            out = _homophone(name, r)
            if r.random() < 0.3:
                out = _homophone(out, r)
            return out
        if u < 0.8:
            out = _dot(name, eth, r)
            return _homophone(out, r) if r.random() < 0.3 else out
        if u < 0.9 and len(name) == 4:
            return name[:2] + " " + name[2:]
        return _homophone(name, r)
    if u < 0.55:
        return _homophone(name, r)
    if u < 0.68:
        trad = "".join(TRAD.get(ch, ch) for ch in name)
        return trad if trad != name else _homophone(name, r)
    if u < 0.8:
        i = r.randrange(1, len(name)) if len(name) > 1 else 0
        return name[:i] + " " + name[i:]
    if u < 0.88 and len(name) >= 3:
        i = r.randrange(1, len(name))
        return name[:i] + name[i + 1:]  # a character dropped
    if u < 0.94 and len(name) == 2:
        return name + name[-1]  # the given character doubled
    return _dot(name, eth, r) if len(name) >= 3 else _homophone(name, r)
