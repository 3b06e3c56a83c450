"""Chinese names: a heavy-headed surname distribution, given names, and recording errors."""

from __future__ import annotations

import numpy as np

# surname, weight (% of population, Shanxi-flavoured: 郭 武 贾 郝 闫 乔 温 牛 申 霍 are common)
_SURNAME_TEXT = """
王 7.1 李 7.0 张 6.4 刘 5.2 陈 3.0 杨 3.1 黄 1.2 赵 2.4 吴 1.2 周 1.4 徐 1.0 孙 1.2 马 1.3
朱 0.9 胡 0.9 郭 2.0 何 0.7 高 1.2 林 0.5 罗 0.5 郑 0.6 梁 1.0 谢 0.5 宋 0.7 唐 0.4 许 0.5
韩 0.8 冯 0.6 邓 0.3 曹 0.6 彭 0.3 曾 0.25 肖 0.3 田 0.6 董 0.5 袁 0.4 潘 0.3 于 0.4 蒋 0.3
蔡 0.3 余 0.2 杜 0.5 叶 0.2 程 0.5 苏 0.4 魏 0.5 吕 0.5 丁 0.4 任 0.6 沈 0.2 姚 0.4 卢 0.3
姜 0.3 崔 0.5 钟 0.2 谭 0.2 陆 0.2 汪 0.2 范 0.4 金 0.2 石 0.4 廖 0.1 贾 0.8 夏 0.2 韦 0.1
付 0.3 方 0.2 白 0.6 邹 0.1 孟 0.4 熊 0.1 秦 0.4 邱 0.1 江 0.2 尹 0.2 薛 0.6 闫 0.9 段 0.4
雷 0.2 侯 0.5 龙 0.1 史 0.4 陶 0.1 黎 0.05 贺 0.4 顾 0.1 毛 0.2 郝 0.8 龚 0.1 邵 0.2 万 0.1
钱 0.1 严 0.1 武 0.9 戴 0.1 孔 0.2 乔 0.7 温 0.6 牛 0.6 申 0.5 霍 0.5 常 0.5 樊 0.4 康 0.4
原 0.3 卫 0.2 单 0.06 解 0.08 区 0.01 仇 0.03 欧阳 0.02 司马 0.01
"""
# the reading a name is romanised with, where the common reading differs (单 Shàn, 曾 Zēng, ...)
SURNAME_READING: dict[str, tuple[str, str]] = {
    "单": ("shan", "dan"), "曾": ("zeng", "ceng"), "解": ("xie", "jie"), "区": ("ou", "qu"),
    "仇": ("qiu", "chou"),
}

_MALE_TEXT = """
伟 5 强 3 磊 3 军 4 勇 3 杰 3 涛 3 明 4 超 2 刚 3 平 3 辉 3 鹏 2 华 3 飞 2 鑫 2 波 2 斌 2
宇 2 浩 2 凯 1 健 2 俊 2 帅 1 旭 1 宁 1 龙 2 林 2 峰 3 建 4 国 4 文 3 志 4 海 3 东 3 红 2
春 2 生 3 新 2 永 3 德 2 全 2 福 2 贵 2 宝 2 金 2 山 2 忠 2 民 3 成 3 亮 2 虎 2 兵 2 利 1
江 1 庆 2 喜 2 云 2 小 2 二 1 三 1 锁 1 栓 1 柱 1 俊 1 晋 2 瑞 1 泽 1 军 1
"""
_FEMALE_TEXT = """
丽 4 芳 4 娜 2 敏 3 静 3 秀 3 英 4 霞 3 燕 3 玲 3 娟 3 艳 3 萍 2 梅 3 琳 1 婷 2 雪 2 慧 2
兰 3 桂 2 凤 3 翠 2 珍 2 莲 2 花 2 琴 2 淑 1 月 1 爱 2 彩 1 美 1 晶 1 玉 3 巧 1 红 3 春 2
平 2 小 2 晓 2 利 1 云 2 建 1 文 1 瑞 1
"""
_SURNAME_CHARS = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔乔温牛申"
    "霍常樊康原卫单解区仇欧阳司"
)
_SURNAME_READINGS = (
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang "
    "xie song tang xu han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai yu du ye cheng "
    "su wei lv ding ren shen yao lu jiang cui zhong tan lu wang fan jin shi liao jia xia wei fu fang "
    "bai zou meng xiong qin qiu jiang yin xue yan duan lei hou long shi tao li he gu mao hao gong shao "
    "wan qian yan wu dai kong qiao wen niu shen huo chang fan kang yuan wei shan xie ou qiu ou yang si"
)
_GIVEN_CHARS = (
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帅旭宁龙峰建国文志海东红春生新永德全福贵宝山忠民成亮虎兵"
    "利庆喜云小二三锁栓柱晋瑞泽丽芳娜敏静秀英霞燕玲娟艳萍梅琳婷雪慧兰桂凤翠珍莲花琴淑月爱彩美晶玉巧晓"
)
_GIVEN_READINGS = (
    "wei qiang lei jun yong jie tao ming chao gang ping hui peng hua fei xin bo bin yu hao kai jian "
    "jun shuai xu ning long feng jian guo wen zhi hai dong hong chun sheng xin yong de quan fu gui bao "
    "shan zhong min cheng liang hu bing li qing xi yun xiao er san suo shuan zhu jin rui ze li fang na "
    "min jing xiu ying xia yan ling juan yan ping mei lin ting xue hui lan gui feng cui zhen lian hua "
    "qin shu yue ai cai mei jing yu qiao xiao"
)


def _readings(chars: str, readings: str) -> dict[str, str]:
    return dict(zip(chars, readings.split(), strict=True))


PINYIN: dict[str, str] = _readings(_SURNAME_CHARS, _SURNAME_READINGS) | _readings(
    _GIVEN_CHARS, _GIVEN_READINGS)

# same (toneless) sound, different character: what a clerk types from hearing a name
_HOMOPHONE_GROUPS = [
    "伟玮炜维", "丽莉俐", "王汪", "张章", "刘柳", "杨阳", "徐许", "吴武", "闫阎严颜", "付傅符",
    "肖萧", "于余俞", "明铭鸣", "峰锋丰", "杰洁捷", "斌彬滨", "静晶菁", "燕艳彦", "玲铃苓",
    "芳方", "霞侠", "娟鹃", "英瑛莹", "红宏洪鸿", "平萍苹", "志智治", "文雯", "建剑健", "勇永涌",
    "宇雨玉羽", "鑫新欣馨", "秀绣", "云芸", "兰岚", "凤风", "珍贞", "福富", "贵桂", "宝保",
    "金晋锦", "成诚程", "亮良", "全泉", "生胜", "民敏", "军君", "涛韬", "海亥", "东冬", "华化",
    "庆青", "锁所", "栓拴", "柱住", "瑞睿", "梅玫", "琴芹", "翠萃", "彩采", "巧俏", "晓小",
    "温文", "史石", "黎李",
]
# the same family written with another character in some registers
VARIANT_SURNAME: dict[str, str] = {"闫": "阎", "付": "傅", "肖": "萧", "于": "於", "卫": "衛",
                                   "贾": "賈", "郭": "郭", "温": "溫"}
HOMOPHONES: dict[str, str] = {}
for _g in _HOMOPHONE_GROUPS:
    for _c in _g:
        HOMOPHONES.setdefault(_c, _g)

TRADITIONAL: dict[str, str] = dict(zip(
    "张刘陈杨黄赵吴孙马郑罗谢韩冯邓曹彭肖董袁叶苏吕钟谭陆贾钱严龚顾贺闫乔温卫伟丽军杰涛华飞鑫斌宁龙峰国东红贵宝亮兵庆云锁娟艳婷慧兰凤莲爱晶磊强刚辉鹏凯健帅宇静秀霞燕玲萍梅琴彩巧晓",
    "張劉陳楊黃趙吳孫馬鄭羅謝韓馮鄧曹彭蕭董袁葉蘇呂鍾譚陸賈錢嚴龔顧賀閆喬溫衛偉麗軍傑濤華飛鑫斌寧龍峰國東紅貴寶亮兵慶雲鎖娟艷婷慧蘭鳳蓮愛晶磊強剛輝鵬凱健帥宇靜秀霞燕玲萍梅琴彩巧曉",
    strict=True))


def _parse(text: str) -> tuple[list[str], np.ndarray]:
    tok = text.split()
    chars, weights = tok[0::2], np.array([float(w) for w in tok[1::2]])
    return chars, weights / weights.sum()


SURNAMES, SURNAME_P = _parse(_SURNAME_TEXT)
_MALE, _MALE_P = _parse(_MALE_TEXT)
_FEMALE, _FEMALE_P = _parse(_FEMALE_TEXT)
_SURNAME_SET = set(SURNAMES) | {"汪", "章", "柳", "阳", "阎", "严", "颜", "傅", "符", "萧", "余", "俞",
                                "文", "石", "黎", "李"}


def sample_surnames(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.array(SURNAMES, dtype=object)[rng.choice(len(SURNAMES), n, p=SURNAME_P)]


def sample_given(rng: np.random.Generator, male: np.ndarray, birth_year: np.ndarray) -> np.ndarray:
    """One- or two-character given names; single characters are commoner among the old."""
    n = len(male)
    m1 = np.array(_MALE, dtype=object)[rng.choice(len(_MALE), n, p=_MALE_P)]
    m2 = np.array(_MALE, dtype=object)[rng.choice(len(_MALE), n, p=_MALE_P)]
    f1 = np.array(_FEMALE, dtype=object)[rng.choice(len(_FEMALE), n, p=_FEMALE_P)]
    f2 = np.array(_FEMALE, dtype=object)[rng.choice(len(_FEMALE), n, p=_FEMALE_P)]
    first = np.where(male, m1, f1)
    second = np.where(male, m2, f2)
    p_single = np.where(birth_year < 1960, 0.25, np.where(birth_year < 1985, 0.15, 0.3))
    single = rng.random(n) < p_single
    two = first + second
    # no doubled character unless on purpose (e.g. 丽丽), keep the pair distinct mostly
    return np.where(single, first, two)


def romanise(surname: str, given: str, rng: np.random.Generator) -> str:
    """Pinyin in place of characters, in one of the styles clerks use."""
    reading = SURNAME_READING.get(surname)
    if reading is not None:
        sur = reading[1] if rng.random() < 0.5 else reading[0]  # the wrong reading half the time
    else:
        sur = "".join(PINYIN.get(c, "x") for c in surname)
    giv = "".join(PINYIN.get(c, "x") for c in given)
    style = int(rng.integers(4))
    if style == 0:
        return f"{sur.capitalize()} {giv.capitalize()}"
    if style == 1:
        return f"{sur.upper()} {giv.upper()}"
    if style == 2:
        return f"{giv.capitalize()} {sur.capitalize()}"
    return f"{sur}{giv}"


NOISE_KINDS = ("homophone", "traditional", "drop", "duplicate", "space", "middle_dot", "pinyin",
               "variant_surname")


def corrupt_name(surname: str, given: str, kind: str, rng: np.random.Generator) -> str:
    """One recording error of the kind named; returns the name as recorded."""
    name = surname + given
    if kind == "homophone":
        ns = len(surname)
        pos = [i for i, c in enumerate(name) if c in HOMOPHONES
               and (i >= ns or any(a in _SURNAME_SET and a != c for a in HOMOPHONES[c]))]
        if not pos:
            return corrupt_name(surname, given, "duplicate", rng)
        i = pos[int(rng.integers(len(pos)))]
        alts = [c for c in HOMOPHONES[name[i]] if c != name[i] and (i >= ns or c in _SURNAME_SET)]
        return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(c, c) for c in name)
        return out if out != name else corrupt_name(surname, given, "homophone", rng)
    if kind == "drop" and len(given) >= 2:
        i = int(rng.integers(len(given)))
        return surname + given[:i] + given[i + 1:]
    if kind in ("drop", "duplicate"):
        return surname + given + given[-1]
    if kind == "space":
        return f"{surname} {given}" if rng.random() < 0.7 else f"{name} "
    if kind == "middle_dot":
        if len(given) < 2 or rng.random() < 0.6:
            return f"{surname}·{given}"
        return f"{surname}{given[0]}·{given[1:]}"
    if kind == "pinyin":
        return romanise(surname, given, rng)
    if kind == "variant_surname":
        # 闫/阎 and friends: the same family written with the other character
        alt = VARIANT_SURNAME.get(surname)
        if alt is None or alt == surname:
            return corrupt_name(surname, given, "space", rng)
        return alt + given
    return name
