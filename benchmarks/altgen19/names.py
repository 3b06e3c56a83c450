"""Han and Mongol names, and the ways departments write them differently."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pypinyin import lazy_pinyin

# surname: weight (% of the population; northern China)
_SURNAMES = (
    "王7.6 李7.3 张6.8 刘5.6 陈2.6 杨3.3 黄1.2 赵2.6 吴1.6 周1.6 徐1.4 孙1.6 马1.9 朱1.1 胡1.2 "
    "郭1.6 何0.8 林0.5 高1.4 罗0.5 郑0.8 梁0.9 谢0.5 宋0.8 唐0.5 许0.7 韩1.0 冯0.7 邓0.4 曹0.8 "
    "彭0.4 曾0.2 肖0.4 田0.7 董0.8 袁0.5 潘0.4 于0.7 蒋0.3 蔡0.3 余0.3 杜0.6 叶0.3 程0.5 苏0.6 "
    "魏0.6 吕0.5 丁0.4 任0.6 沈0.3 姚0.4 卢0.4 姜0.4 崔0.5 钟0.2 谭0.2 陆0.3 汪0.3 范0.4 金0.3 "
    "石0.4 廖0.2 贾0.6 夏0.3 付0.4 方0.3 白0.6 邹0.2 孟0.5 熊0.2 秦0.4 邱0.2 江0.2 尹0.3 薛0.5 "
    "闫0.6 段0.4 雷0.3 侯0.5 龙0.2 史0.4 陶0.2 贺0.4 顾0.2 毛0.3 郝0.6 龚0.2 邵0.2 万0.2 钱0.2 "
    "严0.2 武0.6 戴0.2 孔0.2 常0.4 温0.4 康0.4 乔0.5 樊0.3 霍0.4 殷0.1 申0.2 牛0.4 柴0.3 安0.3 "
    "岳0.3 单0.1 解0.1 区0.02 云0.1 奇0.05"
)
SURNAMES = [x[0] for x in _SURNAMES.split()]
SURNAME_W = np.array([float(x[1:]) for x in _SURNAMES.split()])
SURNAME_W = SURNAME_W / SURNAME_W.sum()

MALE_CHARS = list("伟强军勇杰涛斌超明刚平辉鹏华飞鑫波宁磊俊峰建国海东亮文林龙成志永春利兵江宏福贵"
                  "生忠荣旺喜全德山虎宝金树立新锋红晓振兴庆晨浩宇博凯旭阳瑞泽来栓锁有")
FEMALE_CHARS = list("丽芳娟敏静燕霞艳红玲梅英秀兰莉婷雪慧琳萍娜云凤琴珍洁颖月桂花翠晶丹倩欣悦佳雅"
                    "婧蓉璐宁平晓春美香玉芬")

# Mongol names: first components (may stand alone) and second components
_M_FIRST = ["额尔敦", "孟和", "苏和", "哈斯", "阿拉坦", "乌力吉", "巴雅尔", "宝音", "那仁", "吉日嘎拉",
            "朝克", "特木尔", "图门", "满都", "敖其尔", "达赖", "巴特尔", "朝鲁", "布和", "桑布",
            "胡日查", "阿木古楞", "额尔德木图", "德力格尔", "格日勒图", "巴图", "那顺", "达来",
            "吉雅", "扎那", "宝力道", "孟根", "斯琴", "查干", "白音"]
_M_SECOND = ["巴特尔", "毕力格", "巴雅尔", "朝鲁", "巴根", "仓", "图", "达来", "宝力道", "吉雅",
             "敖日格勒", "那顺", "苏和", "额尔敦", "满达", "白乙拉"]
_F_FIRST = ["乌云", "斯琴", "萨仁", "乌兰", "娜仁", "格日乐", "阿拉坦", "其木格", "图雅", "托娅",
            "其其格", "苏日娜", "塔娜", "萨茹拉", "乌日娜", "高娃", "额尔敦", "琪琪格", "包金",
            "敖登", "哈斯", "呼和"]
_F_SECOND = ["其木格", "高娃", "图雅", "其其格", "格日勒", "托娅", "花", "塔娜", "娜仁", "珠拉"]

_HOMOPHONES = [
    "伟玮炜巍", "丽莉俐", "王汪", "张章", "军君均", "明铭鸣", "刚钢", "辉晖", "鹏朋", "华桦骅", "波博",
    "峰锋丰", "林琳霖", "龙隆", "志智", "芳方", "静婧", "燕艳雁", "霞侠", "红宏虹洪", "玲铃凌", "英瑛",
    "秀绣", "兰岚", "婷亭", "慧惠", "萍平", "杰洁捷", "涛韬", "斌彬", "超潮", "宁凝", "磊垒", "东冬",
    "亮良", "文雯", "成诚程", "建健剑", "勇永", "鑫新欣", "春纯", "利力立", "兵冰", "江疆", "福富",
    "贵桂", "生升胜", "忠中", "荣蓉容", "旺望", "喜玺", "全泉", "德得", "宝保", "金锦", "庆清青",
    "晨辰", "浩昊皓", "宇雨玉", "凯恺", "旭绪", "阳洋", "瑞锐", "泽则", "云芸", "琴勤芹", "珍真",
    "颖影", "月悦", "佳嘉", "雅亚", "璐露", "小晓", "梅玫", "刘柳", "李黎", "杨阳", "徐许", "肖萧",
    "于余", "付傅", "闫阎", "栓拴", "锁索",
]
HOMOPHONE: dict[str, str] = {}
for _g in _HOMOPHONES:
    for _c in _g:
        HOMOPHONE.setdefault(_c, _g.replace(_c, ""))

TRAD = dict(zip(
    "张刘陈杨黄赵吴孙马郑许谢韩冯邓叶苏吕卢钟谭陆范钱严龚贺顾龙汤温闫乔伟强军杰涛鹏华飞辉东丽红兰云静艳凤宝贵荣兴庆晓凯阳国刚诚宁尔达乌图门额毕乐顺财发义玲莉锁栓凤娟",
    "張劉陳楊黃趙吳孫馬鄭許謝韓馮鄧葉蘇呂盧鍾譚陸範錢嚴龔賀顧龍湯溫閆喬偉強軍傑濤鵬華飛輝東麗紅蘭雲靜艷鳳寶貴榮興慶曉凱陽國剛誠寧爾達烏圖門額畢樂順財發義玲莉鎖栓鳳娟",
    strict=True))

# how Mongol names' Chinese transliterations vary between clerks
MONGOL_VARIANT: dict[str, str] = {
    "特": "图", "图": "特途", "尔": "日儿", "日": "尔", "其": "琪齐", "琪": "其", "格": "歌各",
    "木": "穆沐", "娜": "纳那", "纳": "娜", "那": "纳娜", "仁": "任", "勒": "乐楞", "乐": "勒",
    "雅": "娅亚", "娅": "雅", "毕": "必", "力": "利立", "敦": "登顿", "斯": "思", "琴": "勤沁",
    "苏": "素", "朝": "超", "鲁": "禄路", "宝": "包保", "音": "因", "嘎": "噶", "来": "赉莱",
    "赉": "来", "布": "步卜", "和": "赫合", "孟": "蒙", "满": "曼", "顺": "舜", "吉": "基",
    "德": "得", "额": "鄂", "萨": "沙", "茹": "如", "托": "陶", "花": "华", "根": "艮", "坦": "腾",
    "兰": "岚", "云": "芸", "扎": "札", "查": "察", "胡": "呼", "敖": "奥", "拉": "喇",
}


def han_names(rng: np.random.Generator, male: np.ndarray) -> np.ndarray:
    """Vectorised Han names (surname + 1 or 2 given characters)."""
    n = len(male)
    sur = np.array(SURNAMES, dtype=object)[rng.choice(len(SURNAMES), size=n, p=SURNAME_W)]
    mc = np.array(MALE_CHARS, dtype=object)
    fc = np.array(FEMALE_CHARS, dtype=object)
    g1 = np.where(male, mc[rng.integers(len(mc), size=n)], fc[rng.integers(len(fc), size=n)])
    g2 = np.where(male, mc[rng.integers(len(mc), size=n)], fc[rng.integers(len(fc), size=n)])
    two = rng.random(n) < 0.7
    return sur + g1 + np.where(two, g2, "")


def mongol_names(rng: np.random.Generator, male: np.ndarray) -> np.ndarray:
    """Vectorised Mongol names; two-part names keep a ``|`` between their parts (the canonical
    name drops it, a clerk may write it as a middle dot)."""
    n = len(male)
    mf, ms = np.array(_M_FIRST, dtype=object), np.array(_M_SECOND, dtype=object)
    ff, fs = np.array(_F_FIRST, dtype=object), np.array(_F_SECOND, dtype=object)
    first = np.where(male, mf[rng.integers(len(mf), size=n)], ff[rng.integers(len(ff), size=n)])
    second = np.where(male, ms[rng.integers(len(ms), size=n)], fs[rng.integers(len(fs), size=n)])
    two = (rng.random(n) < 0.55) & (first != second)
    out = np.where(two, first + "|" + second, first)
    # a name of more than 6 characters is shortened to its first part
    too_long = np.array([len(x) > 7 for x in out])
    return np.where(too_long, first, out)


@dataclass(frozen=True)
class NameNoise:
    """Per-record probabilities of the ways a clerk writes a name."""
    homophone: float = 0.0
    trad: float = 0.0
    mongol_variant: float = 0.0
    dot: float = 0.0
    space: float = 0.0
    drop: float = 0.0
    pinyin: float = 0.0
    han_prefix: float = 0.0


_PINYIN_CACHE: dict[str, list[str]] = {}


def _py(name: str) -> list[str]:
    if name not in _PINYIN_CACHE:
        _PINYIN_CACHE[name] = lazy_pinyin(name)
    return _PINYIN_CACHE[name]


def to_pinyin(name: str, mongol: bool, style: int) -> str:
    """A Latin spelling of ``name`` as a system without Chinese input would hold it."""
    syl = _py(name)
    if mongol or len(syl) < 2:
        word = "".join(syl)
        return word.upper() if style == 0 else word.capitalize()
    sur, given = syl[0], "".join(syl[1:])
    if style == 0:
        return f"{sur.upper()} {given.upper()}"
    if style == 1:
        return f"{sur.capitalize()} {given.capitalize()}"
    return sur + given


def _swap(name: str, table: dict[str, str], rng: np.random.Generator) -> str:
    pos = [i for i, c in enumerate(name) if c in table]
    if not pos:
        return name
    i = pos[int(rng.integers(len(pos)))]
    alts = table[name[i]]
    return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]


def noisy_names(raw: np.ndarray, mongol: np.ndarray, noise: NameNoise,
                rng: np.random.Generator) -> np.ndarray:
    """Each raw name (Mongol parts joined by ``|``) as one department writes it."""
    n = len(raw)
    u = rng.random((n, 8))
    out = np.empty(n, dtype=object)
    for i in range(n):
        name = raw[i]
        r = u[i]
        mon = bool(mongol[i])
        if mon:
            if r[0] < noise.mongol_variant:
                name = _swap(name, MONGOL_VARIANT, rng)
                if r[0] < noise.mongol_variant / 4:
                    name = _swap(name, MONGOL_VARIANT, rng)
            if "|" in name and r[1] < noise.dot:
                name = name.replace("|", "·" if r[1] < noise.dot * 0.8 else " ")
            name = name.replace("|", "")
            if r[2] < noise.han_prefix:
                name = ("包" if r[2] < noise.han_prefix / 2 else "白") + name
        else:
            if r[0] < noise.homophone:
                name = _swap(name, HOMOPHONE, rng)
            if r[1] < noise.trad:
                name = "".join(TRAD.get(c, c) for c in name)
        if r[3] < noise.drop and len(name) >= 3:
            j = 1 + int(rng.integers(len(name) - 1))
            name = name[:j] + name[j + 1:] if r[3] < noise.drop / 2 else \
                name[:j] + name[j] + name[j:]
        if r[4] < noise.pinyin:
            name = to_pinyin(raw[i].replace("|", ""), mon, int(rng.integers(3)))
        elif r[5] < noise.space:
            if len(name) == 2 and not mon:
                name = name[0] + (" " if r[6] < 0.5 else "\u3000") + name[1]
            elif r[6] < 0.5:
                name = name + " "
            else:
                name = " " + name
        out[i] = name
    return out
