"""Hebei's administrative divisions (GB/T 2260, county level, as of 2024), the hospitals and
funeral homes of the world, and where each industry sits."""

from __future__ import annotations

import random
from dataclasses import dataclass

CITIES: dict[str, str] = {
    "1301": "石家庄市", "1302": "唐山市", "1303": "秦皇岛市", "1304": "邯郸市", "1305": "邢台市",
    "1306": "保定市", "1307": "张家口市", "1308": "承德市", "1309": "沧州市", "1310": "廊坊市",
    "1311": "衡水市",
}

# code, name, population (10,000)
_COUNTIES = """
130102 长安区 55|130104 桥西区 60|130105 新华区 60|130107 井陉矿区 9|130108 裕华区 50
130109 藁城区 80|130110 鹿泉区 45|130111 栾城区 35|130121 井陉县 30|130123 正定县 50
130125 行唐县 40|130126 灵寿县 30|130127 高邑县 18|130128 深泽县 25|130129 赞皇县 25
130130 无极县 50|130131 平山县 45|130132 元氏县 42|130133 赵县 58|130181 辛集市 60
130183 晋州市 55|130184 新乐市 50
130202 路南区 30|130203 路北区 75|130204 古冶区 35|130205 开平区 25|130207 丰南区 55
130208 丰润区 85|130209 曹妃甸区 35|130224 滦南县 55|130225 乐亭县 45|130227 迁西县 38
130229 玉田县 65|130281 遵化市 70|130283 迁安市 75|130284 滦州市 55
130302 海港区 80|130303 山海关区 17|130304 北戴河区 8|130306 抚宁区 50|130321 青龙满族自治县 50
130322 昌黎县 55|130324 卢龙县 40
130402 邯山区 60|130403 丛台区 60|130404 复兴区 30|130406 峰峰矿区 50|130407 肥乡区 35
130408 永年区 90|130423 临漳县 65|130424 成安县 40|130425 大名县 85|130426 涉县 40
130427 磁县 60|130430 邱县 25|130431 鸡泽县 30|130432 广平县 30|130433 馆陶县 35
130434 魏县 95|130435 曲周县 45|130481 武安市 85
130502 襄都区 45|130503 信都区 85|130505 任泽区 35|130506 南和区 40|130522 临城县 20
130523 内丘县 28|130524 柏乡县 18|130525 隆尧县 50|130528 宁晋县 80|130529 巨鹿县 40
130530 新河县 17|130531 广宗县 30|130532 平乡县 35|130533 威县 60|130534 清河县 40
130535 临西县 35|130581 南宫市 45|130582 沙河市 45
130602 竞秀区 60|130606 莲池区 75|130607 满城区 40|130608 清苑区 60|130609 徐水区 60
130623 涞水县 35|130624 阜平县 20|130626 定兴县 55|130627 唐县 55|130628 高阳县 35
130629 容城县 27|130630 涞源县 28|130631 望都县 26|130632 安新县 45|130633 易县 55
130634 曲阳县 60|130635 蠡县 50|130636 顺平县 30|130637 博野县 25|130638 雄县 40
130681 涿州市 70|130682 定州市 110|130683 安国市 40|130684 高碑店市 55
130702 桥东区 35|130703 桥西区 30|130705 宣化区 60|130706 下花园区 6|130708 万全区 22
130709 崇礼区 12|130722 张北县 35|130723 康保县 20|130724 沽源县 18|130725 尚义县 15
130726 蔚县 45|130727 阳原县 25|130728 怀安县 22|130730 怀来县 36|130731 涿鹿县 33
130732 赤城县 25
130802 双桥区 35|130803 双滦区 15|130804 鹰手营子矿区 6|130821 承德县 40|130822 兴隆县 30
130824 滦平县 30|130825 隆化县 40|130826 丰宁满族自治县 35|130827 宽城满族自治县 24
130828 围场满族蒙古族自治县 50|130881 平泉市 45
130902 新华区 30|130903 运河区 45|130921 沧县 75|130922 青县 40|130923 东光县 35
130924 海兴县 20|130925 盐山县 45|130926 肃宁县 35|130927 南皮县 38|130928 吴桥县 28
130929 献县 60|130930 孟村回族自治县 20|130981 泊头市 55|130982 任丘市 85|130983 黄骅市 55
130984 河间市 85
131002 安次区 40|131003 广阳区 55|131022 固安县 55|131023 永清县 40|131024 香河县 40
131025 大城县 45|131026 文安县 50|131028 大厂回族自治县 15|131081 霸州市 70|131082 三河市 80
131102 桃城区 55|131103 冀州区 35|131121 枣强县 40|131122 武邑县 30|131123 武强县 20
131124 饶阳县 28|131125 安平县 30|131126 故城县 45|131127 景县 50|131128 阜城县 30
131182 深州市 55
"""


@dataclass(frozen=True)
class County:
    code: str
    name: str
    pop: int

    @property
    def city(self) -> str:
        return self.code[:4]

    @property
    def urban(self) -> bool:
        """A city district (市辖区): codes 01–20 within the city."""
        return int(self.code[4:]) < 21

    @property
    def short(self) -> str:
        n = self.name
        for suf in ("满族蒙古族自治县", "满族自治县", "回族自治县", "矿区", "市", "县", "区"):
            if n.endswith(suf) and len(n) - len(suf) >= 2:
                return n[: -len(suf)]
        return n


COUNTIES: list[County] = [
    County(c, n, int(p))
    for item in _COUNTIES.split("|")
    for line in item.strip().splitlines()
    for c, n, p in [line.split()]
]
BY_CODE: dict[str, County] = {c.code: c for c in COUNTIES}

# codes retired by district reforms, still printed in the IDs of people registered before them
RETIRED: dict[str, str] = {
    "130109": "130182", "130110": "130185", "130111": "130124", "130208": "130221",
    "130284": "130223", "130209": "130230", "130407": "130428", "130408": "130429",
    "130503": "130521", "130505": "130526", "130506": "130527", "130607": "130621",
    "130608": "130622", "130609": "130625", "130705": "130721", "130708": "130729",
    "130709": "130733", "130306": "130323", "130881": "130823", "131103": "131181",
}

# counties of the provinces that send workers to Hebei (Henan, Shandong, Shanxi, Inner Mongolia,
# Sichuan, Anhui)
MIGRANT_COUNTIES = ["410526", "410523", "410927", "410928", "371525", "371526", "371428",
                    "140221", "140121", "140427", "150221", "511623", "510822", "341221",
                    "341225"]

# where each industry sits: county code -> weight (on top of population for the spread ones)
CLUSTERS: dict[str, dict[str, float]] = {
    "steel": {"130283": 10, "130207": 8, "130208": 6, "130227": 5, "130284": 4, "130281": 4,
              "130209": 5, "130204": 2, "130224": 2, "130225": 3, "130481": 10, "130406": 3,
              "130426": 2, "130402": 3, "130503": 2, "130582": 2, "130705": 2, "130881": 1,
              "130827": 1, "130322": 2, "130983": 1, "131081": 1, "130981": 2},
    "coking": {"130503": 3, "130523": 1, "130582": 1, "130406": 3, "130427": 2, "130204": 3,
               "130283": 2, "130481": 2},
    "non_coal_mining": {"130283": 8, "130227": 5, "130284": 4, "130281": 3, "130481": 6,
                        "130426": 3, "130705": 3, "130630": 3, "130881": 2, "130827": 3,
                        "130824": 3, "130822": 2, "130321": 3, "130131": 2, "130121": 2,
                        "130129": 1, "130582": 2, "130726": 1, "130731": 1, "130633": 1,
                        "130634": 2},
    "coal_mining": {"130406": 6, "130481": 3, "130427": 2, "130503": 2, "130523": 1, "130582": 1,
                    "130204": 2, "130205": 3, "130207": 1, "130706": 1, "130726": 1, "130804": 1,
                    "130107": 2},
    "hazardous_chemicals": {"130983": 6, "130921": 3, "130903": 1, "130982": 3, "130922": 1,
                            "130111": 2, "130109": 2, "130133": 2, "130181": 1, "130528": 2,
                            "130525": 1, "131102": 1, "131103": 1, "130209": 3, "130225": 2,
                            "130207": 1, "130408": 1, "130406": 1, "131002": 1},
    "fireworks": {"130528": 2, "130529": 2, "130531": 2, "130533": 1, "131124": 2, "131122": 1,
                  "130929": 1, "130926": 1, "130628": 1, "130635": 1, "130425": 1, "130434": 1,
                  "130627": 1},
    "manufacturing_boost": {"131022": 3, "131024": 3, "131081": 3, "131082": 2, "131026": 3,
                            "131025": 2, "130684": 3, "130608": 2, "130609": 2, "130981": 3,
                            "130984": 3, "130982": 2, "130922": 2, "130534": 3, "130532": 3,
                            "130506": 2, "130528": 2, "131125": 4, "131121": 2, "131127": 2,
                            "130109": 2, "130123": 2, "130181": 3, "130130": 2, "130229": 2,
                            "130208": 2, "130408": 4},
    "construction_boost": {"130629": 5, "130632": 5, "130638": 5, "131082": 2, "131028": 2,
                           "131024": 2, "130104": 2, "130105": 2, "130108": 2, "130102": 2,
                           "130203": 2, "130606": 2, "130602": 2},
    "transport_boost": {"130983": 3, "130209": 3, "130225": 2, "130302": 2, "131003": 2,
                        "131002": 2, "130104": 2, "130921": 1},
}

# the big trauma hospitals of each city: name, county
CITY_HOSPITALS: dict[str, list[tuple[str, str]]] = {
    "1301": [("河北医科大学第三医院", "130104"), ("河北医科大学第二医院", "130104"),
             ("河北省人民医院", "130102"), ("石家庄市人民医院", "130105")],
    "1302": [("唐山市工人医院", "130202"), ("开滦总医院", "130203"), ("唐山市第二医院", "130203"),
             ("华北理工大学附属医院", "130203")],
    "1303": [("秦皇岛市第一医院", "130302"), ("秦皇岛市海港医院", "130302")],
    "1304": [("邯郸市中心医院", "130403"), ("邯郸市第一医院", "130402"), ("峰峰总医院", "130406")],
    "1305": [("邢台市人民医院", "130502"), ("邢台市第三医院", "130502")],
    "1306": [("河北大学附属医院", "130606"), ("保定市第一中心医院", "130606"),
             ("保定市第二医院", "130602")],
    "1307": [("河北北方学院附属第一医院", "130703"), ("张家口市第一医院", "130702")],
    "1308": [("承德医学院附属医院", "130802"), ("承德市中心医院", "130802")],
    "1309": [("沧州市人民医院", "130903"), ("沧州市中心医院", "130903")],
    "1310": [("廊坊市人民医院", "131003"), ("廊坊市中医医院", "131003")],
    "1311": [("哈励逊国际和平医院", "131102"), ("衡水市第四人民医院", "131102")],
}

# funeral homes across the border that Hebei's civil affairs receive under the Jing-Jin-Ji
# data-sharing agreement
OUTSIDE_FUNERAL_HOMES = [("北京市东郊殡仪馆", "110105"), ("北京市八宝山殡仪馆", "110107"),
                         ("天津市北仓殡仪馆", "120113")]

TOWN_CHARS = "东西南北王李张刘杨马高石柳沙河庄营堡寨店桥坊头口新城官屯岗台泉峪"
TOWN_SUFFIX = ["镇", "乡", "镇", "镇"]
VILLAGE_SUFFIX = ["村", "庄村", "营村", "屯村", "堡村", "寨村"]


@dataclass(frozen=True)
class Hospital:
    name: str
    county: str
    level: str  # township, county, city


@dataclass(frozen=True)
class FuneralHome:
    name: str
    county: str
    date_style: str  # iso, slash, compact, zh


class Places:
    """The world's hospitals, funeral homes and place names, fixed per seed."""

    def __init__(self, r: random.Random) -> None:
        self.hospitals: list[Hospital] = []
        self.by_county: dict[str, list[int]] = {}  # county -> its own hospitals
        self.city_hosp: dict[str, list[int]] = {}
        for city, items in CITY_HOSPITALS.items():
            for name, county in items:
                self.city_hosp.setdefault(city, []).append(len(self.hospitals))
                self.hospitals.append(Hospital(name, county, "city"))
        for c in COUNTIES:
            own: list[int] = []
            main = f"{c.name}人民医院" if not c.urban else f"{CITIES[c.city][:-1]}{c.name}医院"
            if c.urban and c.pop < 40:
                main = f"{c.name}医院"
            for name in (main, f"{c.name}中医院"):
                if name == f"{c.name}中医院" and r.random() < 0.4:
                    continue
                own.append(len(self.hospitals))
                self.hospitals.append(Hospital(name, c.code, "county"))
            if not c.urban:
                for town in self._towns(r, 2):
                    own.append(len(self.hospitals))
                    self.hospitals.append(Hospital(f"{c.short}{town}卫生院", c.code, "township"))
            self.by_county[c.code] = own
        self.towns: dict[str, list[str]] = {c.code: self._towns(r, 6) for c in COUNTIES}
        styles = ["iso", "iso", "iso", "iso", "slash", "slash", "compact", "compact", "zh", "zh"]
        self.homes: list[FuneralHome] = []
        self.home_of: dict[str, int] = {}
        city_home: dict[str, int] = {}
        for city, cname in CITIES.items():
            main_district = CITY_HOSPITALS[city][0][1]
            city_home[city] = len(self.homes)
            self.homes.append(FuneralHome(f"{cname}殡仪馆", main_district, styles[len(self.homes)
                                                                              % len(styles)]))
        for c in COUNTIES:
            if not c.urban and r.random() < 0.7:
                self.home_of[c.code] = len(self.homes)
                name = f"{c.name}殡仪馆" if r.random() < 0.8 else f"{c.name}殡仪服务中心"
                self.homes.append(FuneralHome(name, c.code, r.choice(styles)))
            else:
                self.home_of[c.code] = city_home[c.city]
        self.outside: list[int] = []
        for name, code in OUTSIDE_FUNERAL_HOMES:
            self.outside.append(len(self.homes))
            self.homes.append(FuneralHome(name, code, "iso"))
        self.city_home = city_home

    @staticmethod
    def _towns(r: random.Random, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            t = r.choice(TOWN_CHARS) + r.choice(TOWN_CHARS) + r.choice(TOWN_SUFFIX)
            if t[0] != t[1] and t not in out:
                out.append(t)
        return out

    def village(self, r: random.Random, county: str) -> str:
        c = BY_CODE.get(county)
        town = r.choice(self.towns[county]) if county in self.towns else "城关镇"
        v = r.choice(TOWN_CHARS) + r.choice(TOWN_CHARS) + r.choice(VILLAGE_SUFFIX)
        return f"{c.name if c else ''}{town}{v}"

    def hospital_for(self, r: random.Random, county: str, severity: str) -> int:
        """A hospital near ``county`` for an injury of ``severity`` (minor, serious, fatal)."""
        own = self.by_county.get(county) or []
        city = county[:4] if county[:4] in self.city_hosp else "1301"
        big = self.city_hosp[city]
        if severity == "minor":
            return r.choice(own) if own and r.random() < 0.85 else r.choice(big)
        county_level = [h for h in own if self.hospitals[h].level == "county"]
        if county_level and r.random() < (0.55 if severity == "serious" else 0.6):
            return county_level[0] if r.random() < 0.8 else r.choice(county_level)
        if severity == "fatal" and own and r.random() < 0.15:
            return r.choice(own)
        return r.choice(big)

    def home_for(self, county: str) -> int:
        if county in self.home_of:
            return self.home_of[county]
        return self.city_home["1301"]


def hebei(code: str) -> bool:
    return code.startswith("13")
