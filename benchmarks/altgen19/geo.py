"""Inner Mongolia's counties, hospitals, funeral homes and migrants' home counties."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

CITIES = {
    "1501": "呼和浩特市", "1502": "包头市", "1503": "乌海市", "1504": "赤峰市",
    "1505": "通辽市", "1506": "鄂尔多斯市", "1507": "呼伦贝尔市", "1508": "巴彦淖尔市",
    "1509": "乌兰察布市", "1522": "兴安盟", "1525": "锡林郭勒盟", "1529": "阿拉善盟",
}

# code name population(10k) Mongol-share(%) type: u urban district, a farming, p pastoral
_COUNTIES = """
150102 新城区 60 8 u|150103 回民区 40 6 u|150104 玉泉区 40 6 u|150105 赛罕区 70 10 u
150121 土默特左旗 35 6 a|150122 托克托县 20 2 a|150123 和林格尔县 20 2 a|150124 清水河县 10 1 a
150125 武川县 10 2 a|150202 东河区 60 4 u|150203 昆都仑区 80 4 u|150204 青山区 50 4 u
150205 石拐区 3 3 u|150206 白云鄂博矿区 3 10 u|150207 九原区 30 4 u|150221 土默特右旗 30 3 a
150222 固阳县 15 2 a|150223 达尔罕茂明安联合旗 10 20 p|150302 海勃湾区 30 3 u
150303 海南区 10 3 u|150304 乌达区 15 3 u|150402 红山区 50 8 u|150403 元宝山区 30 5 u
150404 松山区 60 8 u|150421 阿鲁科尔沁旗 25 30 p|150422 巴林左旗 30 20 a|150423 巴林右旗 17 30 p
150424 林西县 20 3 a|150425 克什克腾旗 23 10 a|150426 翁牛特旗 40 15 a|150428 喀喇沁旗 30 10 a
150429 宁城县 50 5 a|150430 敖汉旗 50 5 a|150502 科尔沁区 80 35 u|150521 科尔沁左翼中旗 45 70 a
150522 科尔沁左翼后旗 35 70 a|150523 开鲁县 35 10 a|150524 库伦旗 15 60 a|150525 奈曼旗 40 40 a
150526 扎鲁特旗 28 40 p|150581 霍林郭勒市 15 20 u|150602 东胜区 60 6 u|150603 康巴什区 12 8 u
150621 达拉特旗 35 5 a|150622 准格尔旗 38 5 a|150623 鄂托克前旗 8 30 p|150624 鄂托克旗 16 30 p
150625 杭锦旗 12 20 p|150626 乌审旗 13 30 p|150627 伊金霍洛旗 25 10 a|150702 海拉尔区 35 12 u
150703 扎赉诺尔区 10 8 u|150721 阿荣旗 25 3 a|150722 莫力达瓦达斡尔族自治旗 25 5 a
150723 鄂伦春自治旗 15 3 a|150724 鄂温克族自治旗 13 40 p|150725 陈巴尔虎旗 5 45 p
150726 新巴尔虎左旗 4 75 p|150727 新巴尔虎右旗 3 80 p|150781 满洲里市 15 10 u
150782 牙克石市 30 5 a|150783 扎兰屯市 35 5 a|150784 额尔古纳市 7 5 a|150785 根河市 11 3 a
150802 临河区 55 3 u|150821 五原县 25 2 a|150822 磴口县 12 3 a|150823 乌拉特前旗 30 5 a
150824 乌拉特中旗 12 25 p|150825 乌拉特后旗 6 25 p|150826 杭锦后旗 30 2 a|150902 集宁区 35 3 u
150921 卓资县 15 2 a|150922 化德县 13 1 a|150923 商都县 25 1 a|150924 兴和县 20 1 a
150925 凉城县 18 1 a|150926 察哈尔右翼前旗 20 2 a|150927 察哈尔右翼中旗 16 3 a
150928 察哈尔右翼后旗 15 3 a|150929 四子王旗 15 15 p|150981 丰镇市 25 1 a|152201 乌兰浩特市 35 40 u
152202 阿尔山市 5 20 a|152221 科尔沁右翼前旗 30 40 a|152222 科尔沁右翼中旗 25 85 p
152223 扎赉特旗 30 30 a|152224 突泉县 25 10 a|152501 二连浩特市 8 15 u|152502 锡林浩特市 35 35 u
152522 阿巴嘎旗 5 70 p|152523 苏尼特左旗 4 70 p|152524 苏尼特右旗 7 40 p|152525 东乌珠穆沁旗 10 70 p
152526 西乌珠穆沁旗 9 60 p|152527 太仆寺旗 15 5 a|152528 镶黄旗 3 60 p|152529 正镶白旗 7 30 p
152530 正蓝旗 8 30 p|152531 多伦县 10 5 a|152921 阿拉善左旗 20 25 p|152922 阿拉善右旗 3 30 p
152923 额济纳旗 3 20 p
"""

# migrants' home counties: province code -> "code name" list
_HOMES = {
    "14": "140121 清徐县|140181 古交市|140221 阳高县|140222 天镇县|140223 广灵县|140224 灵丘县|"
          "140225 浑源县|140226 左云县|140311 阳泉市郊区|140522 阳城县|140525 泽州县|140581 高平市|"
          "140621 山阴县|140622 应县|140623 右玉县|140681 怀仁市|140921 定襄县|140925 宁武县|"
          "140930 河曲县|140931 保德县|140932 偏关县|141121 文水县|141123 兴县|141124 临县|"
          "141127 岚县|141128 方山县|141129 中阳县|141130 交口县|141181 孝义市|141182 汾阳市",
    "61": "610802 榆阳区|610803 横山区|610822 府谷县|610824 靖边县|610825 定边县|610826 绥德县|"
          "610827 米脂县|610828 佳县|610881 神木市|610602 宝塔区|610625 志丹县|610830 清涧县",
    "13": "130722 张北县|130723 康保县|130724 沽源县|130725 尚义县|130726 蔚县|130727 阳原县|"
          "130728 怀安县|130821 承德县|130824 滦平县|130826 丰宁满族自治县|130827 宽城满族自治县|"
          "130828 围场满族蒙古族自治县",
    "62": "620321 永昌县|620421 靖远县|620422 会宁县|620423 景泰县|620521 清水县|620522 秦安县|"
          "620523 甘谷县|620524 武山县|620602 凉州区|620621 民勤县|620622 古浪县|621121 通渭县|"
          "621122 陇西县|621123 渭源县|621124 临洮县|621126 岷县",
    "64": "640104 兴庆区|640181 灵武市|640202 大武口区|640205 惠农区|640221 平罗县|640302 利通区|"
          "640323 盐池县|640324 同心县|640402 原州区|640422 西吉县|640423 隆德县|640425 彭阳县|"
          "640502 沙坡头区|640521 中宁县|640522 海原县",
}
PROVINCES = {"14": "山西省", "61": "陕西省", "13": "河北省", "62": "甘肃省", "64": "宁夏回族自治区"}
# where a city's migrant workers come from (province code -> weight)
_MIGRANT_ORIGIN = {
    "west": {"62": 0.4, "64": 0.35, "61": 0.15, "14": 0.1},
    "centre": {"61": 0.4, "14": 0.4, "13": 0.05, "62": 0.1, "64": 0.05},
    "east": {"13": 0.55, "14": 0.35, "61": 0.1},
}
_CITY_ZONE = {"1501": "centre", "1502": "centre", "1503": "west", "1504": "east", "1505": "east",
              "1506": "centre", "1507": "east", "1508": "west", "1509": "east", "1522": "east",
              "1525": "east", "1529": "west"}

ROADS = ["G109国道", "G210国道", "S215省道", "G65包茂高速", "G18荣乌高速", "G6京藏高速",
         "G335国道", "S24兴巴高速", "G110国道", "S102省道", "G512国道", "运煤专线"]
_HAN_TOWN = "李王张刘马郭高杨赵白乔贾"
_HAN_TOWN_END = ["家湾", "家梁", "家沟", "家营", "家窑", "家堡", "家峁", "家圪旦"]
_MONGOL_TOWN = ["巴彦", "乌兰", "查干", "宝日", "哈达", "赛罕", "额尔敦", "呼和", "乌力吉", "锡林",
                "图门", "白音", "达来", "巴音", "敖包", "沙尔", "浩勒", "那仁", "阿拉坦", "希热"]
_MONGOL_TOWN_END = ["图", "塔拉", "淖尔", "敖包", "浩特", "高勒", "布拉格", "乌苏", "陶勒盖"]


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: str
    pop: float
    mongol: float
    kind: str

    @property
    def city_name(self) -> str:
        return CITIES[self.city]


def _parse() -> list[County]:
    out = []
    for item in _COUNTIES.replace("\n", "|").split("|"):
        if not item.strip():
            continue
        code, name, pop, mongol, kind = item.split()
        out.append(County(code, name, code[:4], float(pop), float(mongol) / 100, kind))
    return out


COUNTIES: list[County] = _parse()
COUNTY_INDEX = {c.code: i for i, c in enumerate(COUNTIES)}
HOMES = {p: [tuple(x.split()) for x in s.split("|")] for p, s in _HOMES.items()}
HOME_NAMES = {code: name for lst in HOMES.values() for code, name in lst}


def county_weights(codes: list[str] | None = None) -> np.ndarray:
    """Population weights over ``COUNTIES`` (restricted to ``codes`` if given)."""
    w = np.array([c.pop if codes is None or c.code in codes else 0.0 for c in COUNTIES])
    return w / w.sum()


def city_counties(city: str) -> list[str]:
    return [c.code for c in COUNTIES if c.city == city]


def county(code: str) -> County:
    return COUNTIES[COUNTY_INDEX[code]]


def place_name(pr: random.Random, code: str) -> str:
    """A plausible town or village name in county ``code``."""
    c = county(code)
    if pr.random() < 0.3 + 0.6 * c.mongol:
        base = _MONGOL_TOWN[pr.randrange(len(_MONGOL_TOWN))] + \
            _MONGOL_TOWN_END[pr.randrange(len(_MONGOL_TOWN_END))]
        return base + ("苏木" if pr.random() < 0.5 else "嘎查")
    base = _HAN_TOWN[pr.randrange(len(_HAN_TOWN))] + _HAN_TOWN_END[pr.randrange(len(_HAN_TOWN_END))]
    return base + ("镇" if pr.random() < 0.5 else "村")


def migrant_home(rng: np.random.Generator, work_county: str, n: int) -> np.ndarray:
    """Home (registration) county codes of ``n`` migrants working in ``work_county``."""
    origin = _MIGRANT_ORIGIN[_CITY_ZONE[work_county[:4]]]
    provs = list(origin)
    p = np.array([origin[k] for k in provs])
    pick = rng.choice(len(provs), size=n, p=p / p.sum())
    out = np.empty(n, dtype=object)
    for i, k in enumerate(pick):
        lst = HOMES[provs[k]]
        out[i] = lst[int(rng.integers(len(lst)))][0]
    return out


@dataclass(frozen=True)
class Facility:
    """A hospital or funeral home."""
    name: str
    region: str
    level: int  # 1 county, 2 city, 3 provincial capital
    code: str


def _build_hospitals() -> list[Facility]:
    out: list[Facility] = []
    seen_city: set[str] = set()
    for c in COUNTIES:
        if c.kind == "u" and c.city not in seen_city and (c.city != "1525" or c.code == "152502"):
            seen_city.add(c.city)
            cn = CITIES[c.city]
            out.append(Facility(f"{cn}中心医院", c.code, 2, ""))
            out.append(Facility(f"{cn}第二人民医院", c.code, 2, ""))
            if c.city in ("1506", "1503", "1502"):
                out.append(Facility(f"{cn}矿区总医院", c.code, 2, ""))
        if c.kind == "u":
            out.append(Facility(f"{CITIES[c.city]}{c.name}人民医院", c.code, 1, ""))
        else:
            out.append(Facility(f"{c.name}人民医院", c.code, 1, ""))
            if c.mongol >= 0.2:
                out.append(Facility(f"{c.name}蒙医医院", c.code, 1, ""))
    for league in ("1522", "1525", "1529"):  # leagues' seats have no urban district
        seat = [x for x in COUNTIES if x.city == league][0 if league != "1525" else 1]
        out.append(Facility(f"{CITIES[league]}人民医院", seat.code, 2, ""))
    out += [Facility("内蒙古自治区人民医院", "150105", 3, ""),
            Facility("内蒙古医科大学附属医院", "150103", 3, ""),
            Facility("内蒙古自治区国际蒙医医院", "150105", 3, ""),
            Facility("包头医学院第一附属医院", "150203", 3, "")]
    return [Facility(f.name, f.region, f.level, f"H{i:03d}") for i, f in enumerate(out)]


def _build_funeral_homes() -> list[Facility]:
    out: list[Facility] = []
    seen_city: set[str] = set()
    for c in COUNTIES:
        if c.city not in seen_city and (c.kind == "u" or c.city in ("1522", "1525", "1529")):
            if c.city == "1525" and c.code != "152502":
                continue
            seen_city.add(c.city)
            out.append(Facility(f"{CITIES[c.city]}殡仪馆", c.code, 2, ""))
        elif c.kind != "u" and c.pop >= 15:
            out.append(Facility(f"{c.name}殡仪馆", c.code, 1, ""))
    out.append(Facility("呼和浩特市殡葬服务中心", "150105", 2, ""))
    return [Facility(f.name, f.region, f.level, f"BY{f.region}{i:02d}") for i, f in enumerate(out)]


HOSPITALS: list[Facility] = _build_hospitals()
FUNERAL_HOMES: list[Facility] = _build_funeral_homes()


def hospitals_near(code: str) -> tuple[list[int], list[int]]:
    """Indices of the county's own hospitals and of its city's (or the capital's) bigger ones."""
    own = [i for i, h in enumerate(HOSPITALS) if h.region == code and h.level == 1]
    city = [i for i, h in enumerate(HOSPITALS) if h.region[:4] == code[:4] and h.level >= 2]
    if not own:
        own = [i for i, h in enumerate(HOSPITALS) if h.region[:4] == code[:4]]
    if not city:
        city = [i for i, h in enumerate(HOSPITALS) if h.level == 3]
    return own, city


def funeral_home_near(code: str) -> int:
    """The funeral home a death in county ``code`` normally goes to."""
    own = [i for i, f in enumerate(FUNERAL_HOMES) if f.region == code]
    if own:
        return own[0]
    city = [i for i, f in enumerate(FUNERAL_HOMES) if f.region[:4] == code[:4] and f.level == 2]
    if city:
        return city[0]
    return next(i for i, f in enumerate(FUNERAL_HOMES) if f.region[:4] == code[:4])


def funeral_home_far(rng: np.random.Generator, *avoid_cities: str) -> int:
    """A funeral home in a city none of ``avoid_cities`` (4-digit) is."""
    cand = [i for i, f in enumerate(FUNERAL_HOMES) if f.region[:4] not in avoid_cities]
    return cand[int(rng.integers(len(cand)))]


def cremation_rate(code: str, mongol: bool) -> float:
    """Share of deaths in a county that end in a cremation on record."""
    base = {"u": 0.88, "a": 0.62, "p": 0.38}[county(code).kind]
    return base * (0.8 if mongol else 1.0)
