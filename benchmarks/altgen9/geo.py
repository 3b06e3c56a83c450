"""Inner Mongolia geography: leagues/cities, banners/counties (GB/T 2260 codes), hospitals,
funeral homes, roads and out-of-province home regions of migrant workers."""

from __future__ import annotations

import numpy as np

# city code, full name, population (10k, 2020 census, rounded)
CITIES = [
    ("1501", "呼和浩特市", 345), ("1502", "包头市", 271), ("1503", "乌海市", 56),
    ("1504", "赤峰市", 404), ("1505", "通辽市", 287), ("1506", "鄂尔多斯市", 215),
    ("1507", "呼伦贝尔市", 224), ("1508", "巴彦淖尔市", 154), ("1509", "乌兰察布市", 171),
    ("1522", "兴安盟", 142), ("1525", "锡林郭勒盟", 111), ("1529", "阿拉善盟", 26),
]

# code name kind(d=urban district, c=county/county-level city, b=farming banner, p=pastoral
# banner) Mongolian share of the population
_COUNTIES = """
150102 新城区 d .08
150103 回民区 d .06
150104 玉泉区 d .07
150105 赛罕区 d .09
150121 土默特左旗 b .08
150122 托克托县 c .02
150123 和林格尔县 c .03
150124 清水河县 c .01
150125 武川县 c .02
150202 东河区 d .03
150203 昆都仑区 d .04
150204 青山区 d .04
150205 石拐区 d .03
150206 白云鄂博矿区 d .06
150207 九原区 d .03
150221 土默特右旗 b .03
150222 固阳县 c .02
150223 达尔罕茂明安联合旗 p .18
150302 海勃湾区 d .04
150303 海南区 d .05
150304 乌达区 d .04
150402 红山区 d .12
150403 元宝山区 d .08
150404 松山区 d .12
150421 阿鲁科尔沁旗 p .33
150422 巴林左旗 b .25
150423 巴林右旗 p .35
150424 林西县 c .05
150425 克什克腾旗 p .18
150426 翁牛特旗 b .20
150428 喀喇沁旗 b .16
150429 宁城县 c .10
150430 敖汉旗 b .06
150502 科尔沁区 d .30
150521 科尔沁左翼中旗 p .70
150522 科尔沁左翼后旗 p .72
150523 开鲁县 c .12
150524 库伦旗 b .60
150525 奈曼旗 b .38
150526 扎鲁特旗 p .42
150581 霍林郭勒市 c .12
150602 东胜区 d .08
150603 康巴什区 d .10
150621 达拉特旗 b .06
150622 准格尔旗 b .05
150623 鄂托克前旗 p .25
150624 鄂托克旗 p .20
150625 杭锦旗 p .17
150626 乌审旗 p .28
150627 伊金霍洛旗 b .10
150702 海拉尔区 d .10
150703 扎赉诺尔区 d .06
150721 阿荣旗 b .03
150722 莫力达瓦达斡尔族自治旗 b .04
150723 鄂伦春自治旗 b .03
150724 鄂温克族自治旗 p .20
150725 陈巴尔虎旗 p .35
150726 新巴尔虎左旗 p .75
150727 新巴尔虎右旗 p .80
150781 满洲里市 c .10
150782 牙克石市 c .04
150783 扎兰屯市 c .05
150784 额尔古纳市 c .03
150785 根河市 c .02
150802 临河区 d .03
150821 五原县 c .01
150822 磴口县 c .02
150823 乌拉特前旗 b .06
150824 乌拉特中旗 p .18
150825 乌拉特后旗 p .25
150826 杭锦后旗 b .01
150902 集宁区 d .03
150921 卓资县 c .02
150922 化德县 c .01
150923 商都县 c .01
150924 兴和县 c .01
150925 凉城县 c .01
150926 察哈尔右翼前旗 b .02
150927 察哈尔右翼中旗 b .03
150928 察哈尔右翼后旗 b .03
150929 四子王旗 p .15
150981 丰镇市 c .01
152201 乌兰浩特市 c .35
152202 阿尔山市 c .15
152221 科尔沁右翼前旗 b .42
152222 科尔沁右翼中旗 p .85
152223 扎赉特旗 b .30
152224 突泉县 c .08
152501 二连浩特市 c .15
152502 锡林浩特市 c .35
152522 阿巴嘎旗 p .65
152523 苏尼特左旗 p .70
152524 苏尼特右旗 p .55
152525 东乌珠穆沁旗 p .70
152526 西乌珠穆沁旗 p .62
152527 太仆寺旗 c .05
152528 镶黄旗 p .55
152529 正镶白旗 p .40
152530 正蓝旗 p .35
152531 多伦县 c .03
152921 阿拉善左旗 p .22
152922 阿拉善右旗 p .30
152923 额济纳旗 p .30
"""

# home counties of migrant workers (real GB/T 2260 codes): Shanxi, Shaanxi (Yulin), Hebei,
# Gansu, Ningxia, Henan, Sichuan, Heilongjiang, Jilin, Shandong
OUT_PROVINCE = """
140222 天镇县 6
140321 平定县 3
140525 泽州县 3
140623 右玉县 5
140981 原平市 4
141122 交城县 2
610802 榆阳区 4
610822 府谷县 6
610825 定边县 3
610881 神木市 5
130722 张北县 3
130723 康保县 3
130724 沽源县 2
620421 靖远县 3
621121 通渭县 3
640181 灵武市 2
640221 平罗县 2
410326 汝阳县 2
411523 新县 1
510824 苍溪县 2
511321 南部县 2
230521 集贤县 1
220182 榆树市 1
371324 兰陵县 1
"""

PLACE_WORDS = ["乌兰", "巴音", "查干", "阿拉坦", "宝日", "哈达", "敖包", "白音", "沙尔", "新民",
               "太平", "红旗", "前进", "东风", "胜利", "长青", "西湾", "大路", "纳林", "乌兰木伦",
               "布尔台", "上湾", "马家塔", "哈拉", "呼和", "额尔登", "那仁", "布日都", "罕台",
               "塔拉", "图古日格", "乌素", "温都尔", "陶亥", "沙圪堵", "德胜", "永兴", "和平"]

ROADS = [  # name, counties it runs through
    ("G6京藏高速", ["150102", "150105", "150121", "150202", "150207", "150221", "150802",
                  "150823", "150822", "150302"]),
    ("G65包茂高速", ["150202", "150621", "150602", "150627", "150626"]),
    ("G18荣乌高速", ["150621", "150622", "150625", "150624", "150303"]),
    ("G7京新高速", ["150823", "150824", "150825", "152921", "152922", "152923"]),
    ("G109国道", ["150622", "150602", "150624", "150303", "150302"]),
    ("G110国道", ["150902", "150921", "150102", "150202", "150802"]),
    ("G210国道", ["150602", "150627", "150626"]),
    ("G208国道", ["152501", "152524", "152502", "152527", "150902"]),
    ("G303国道", ["152502", "152526", "150526", "150502", "150521"]),
    ("G331国道", ["150824", "150825", "152922", "152923"]),
    ("S27呼集高速", ["150902", "150921", "150102"]),
    ("G55二广高速", ["152501", "152523", "150929", "150902", "150981"]),
]

REFERRAL_HOSPITALS = [  # region, name
    ("150103", "内蒙古医科大学附属医院"), ("150102", "内蒙古自治区人民医院"),
    ("150202", "包头医学院第一附属医院"), ("150203", "包钢医院"),
    ("150602", "鄂尔多斯市中心医院"), ("150402", "赤峰学院附属医院"),
]


class Geo:
    """Region table: IM counties first, then the out-of-province home regions."""

    def __init__(self) -> None:
        rows = [ln.split() for ln in _COUNTIES.strip().splitlines()]
        out = [ln.split() for ln in OUT_PROVINCE.strip().splitlines()]
        self.n_im = len(rows)
        self.code = np.array([r[0] for r in rows] + [r[0] for r in out])
        self.name = [r[1] for r in rows] + [r[1] for r in out]
        self.kind = np.array([r[2] for r in rows] + ["o"] * len(out))
        self.mongol = np.array([float(r[3]) for r in rows] + [0.0] * len(out))
        city_codes = [c[0] for c in CITIES]
        self.city_name = {c[0]: c[1] for c in CITIES}
        self.city = np.array([city_codes.index(r[0][:4]) for r in rows] + [-1] * len(out))
        self.idx = {c: i for i, c in enumerate(self.code)}
        # population weights: the city's population split over its counties, districts heavier
        w = np.zeros(self.n_im)
        for ci, (_, _, pop) in enumerate(CITIES):
            m = self.city[: self.n_im] == ci
            rel = np.where(self.kind[: self.n_im][m] == "d", 2.0,
                           np.where(self.kind[: self.n_im][m] == "p", 0.6, 1.0))
            w[m] = pop * rel / rel.sum()
        self.pop_w = w / w.sum()
        self.out_w = np.array([float(r[2]) for r in out])
        self.out_w /= self.out_w.sum()
        self.pastoral = self.kind == "p"
        self._hospitals()
        self._funeral_homes()

    def full_name(self, i: int) -> str:
        """A county's name as written on signs: districts carry their city's name."""
        if self.kind[i] == "d":
            return self.city_name[self.code[i][:4]] + self.name[i]
        return self.name[i]

    def city_of(self, idx: np.ndarray) -> np.ndarray:
        return self.city[idx]

    def _hospitals(self) -> None:
        names: list[str] = []
        regions: list[int] = []
        tier: list[str] = []
        county_h = np.zeros(self.n_im, dtype=np.int64)
        city_h = np.zeros(len(CITIES), dtype=np.int64)
        mongol_h = np.full(self.n_im, -1, dtype=np.int64)
        for ci, (code, cname, _) in enumerate(CITIES):
            hosp = f"{cname}中心医院" if ci in (5, 6, 10, 11) else f"{cname}医院"
            if code == "1501":
                hosp = "呼和浩特市第一医院"
            if code == "1502":
                hosp = "包头市中心医院"
            if code == "1506":
                hosp = "鄂尔多斯市第二人民医院"  # the 中心医院 is a referral hospital below
            seat = int(np.flatnonzero(self.city[: self.n_im] == ci)[0])
            city_h[ci] = len(names)
            names.append(hosp)
            regions.append(seat)
            tier.append("city")
        for i in range(self.n_im):
            county_h[i] = len(names)
            names.append(f"{self.full_name(i)}人民医院")
            regions.append(i)
            tier.append("county")
            if self.mongol[i] >= 0.2:
                mongol_h[i] = len(names)
                names.append(f"{self.full_name(i)}蒙医医院")
                regions.append(i)
                tier.append("mongol")
        ref = []
        for code, name in REFERRAL_HOSPITALS:
            ref.append(len(names))
            names.append(name)
            regions.append(self.idx[code])
            tier.append("referral")
        self.h_name = names
        self.h_region = np.array(regions)
        self.h_county = county_h
        self.h_city = city_h
        self.h_mongol = np.where(mongol_h >= 0, mongol_h, county_h)
        self.h_referral = np.array(ref)
        self.h_code = [f"{self.code[r]}{k:03d}" for k, r in enumerate(regions)]

    def _funeral_homes(self) -> None:
        names: list[str] = []
        regions: list[int] = []
        county_fh = np.zeros(self.n_im, dtype=np.int64)
        city_fh = np.zeros(len(CITIES), dtype=np.int64)
        for ci, (_, cname, _) in enumerate(CITIES):
            seat = int(np.flatnonzero(self.city[: self.n_im] == ci)[0])
            city_fh[ci] = len(names)
            names.append(f"{cname}殡仪馆")
            regions.append(seat)
        for i in range(self.n_im):
            # banners and counties away from the city seat keep a funeral home of their own
            if self.kind[i] in ("c", "b", "p") and (i * 7919) % 5 < 3:
                county_fh[i] = len(names)
                names.append(f"{self.name[i]}殡仪馆")
                regions.append(i)
            else:
                county_fh[i] = city_fh[self.city[i]]
        self.fh_name = names
        self.fh_region = np.array(regions)
        self.fh_county = county_fh
        self.fh_city = city_fh

    def sample_im(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.choice(self.n_im, size=n, p=self.pop_w)

    def sample_out(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.n_im + rng.choice(len(self.out_w), size=n, p=self.out_w)

    def sample_in_city(self, rng: np.random.Generator, city: np.ndarray) -> np.ndarray:
        """A county in each given city, by population."""
        out = np.empty(len(city), dtype=np.int64)
        for ci in np.unique(city):
            m = city == ci
            cand = np.flatnonzero(self.city[: self.n_im] == ci)
            p = self.pop_w[cand] / self.pop_w[cand].sum()
            out[m] = rng.choice(cand, size=int(m.sum()), p=p)
        return out
