"""Shanxi's administrative divisions, hospitals and funeral homes as this generator uses them."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# city code, city, population (millions), coal weight, counties (code suffix + name)
_CITIES = """01 太原 5.4 0.4 05小店区 06迎泽区 07杏花岭区 08尖草坪区 09万柏林区 10晋源区 21清徐县 22阳曲县 23娄烦县 81古交市
02 大同 3.1 1.0 12新荣区 13平城区 14云冈区 15云州区 21阳高县 22天镇县 23广灵县 24灵丘县 25浑源县 26左云县
03 阳泉 1.3 1.0 02城区 03矿区 11郊区 21平定县 22盂县
04 长治 3.2 1.0 03潞州区 04上党区 05屯留区 06潞城区 23襄垣县 25平顺县 26黎城县 27壶关县 28长子县 29武乡县 30沁县 31沁源县
05 晋城 2.2 1.2 02城区 21沁水县 22阳城县 24陵川县 25泽州县 81高平市
06 朔州 1.6 1.2 02朔城区 03平鲁区 21山阴县 22应县 23右玉县 81怀仁市
07 晋中 3.4 0.8 02榆次区 03太谷区 21榆社县 22左权县 23和顺县 24昔阳县 25寿阳县 27祁县 28平遥县 29灵石县 81介休市
08 运城 4.8 0.1 02盐湖区 21临猗县 22万荣县 23闻喜县 24稷山县 25新绛县 26绛县 27垣曲县 28夏县 29平陆县 30芮城县 81永济市 82河津市
09 忻州 2.7 0.5 02忻府区 21定襄县 22五台县 23代县 24繁峙县 25宁武县 26静乐县 27神池县 28五寨县 29岢岚县 30河曲县 31保德县 32偏关县 81原平市
10 临汾 4.0 0.8 02尧都区 21曲沃县 22翼城县 23襄汾县 24洪洞县 25古县 26安泽县 27浮山县 28吉县 29乡宁县 30大宁县 31隰县 32永和县 33蒲县 34汾西县 81侯马市 82霍州市
11 吕梁 3.4 1.0 02离石区 21文水县 22交城县 23兴县 24临县 25柳林县 26石楼县 27岚县 28方山县 29中阳县 30交口县 81孝义市 82汾阳市"""

# provinces migrant workers come from (ID region prefixes) and funeral homes across the border
OUT_REGIONS = ["410522", "411323", "510921", "511621", "622421", "130434", "150221", "610528",
               "370882", "342221"]
OUT_FUNERAL = [("河北省张家口市殡仪馆", "130702"), ("河南省安阳市殡仪馆", "410502"),
               ("内蒙古鄂尔多斯市殡仪馆", "150602"), ("陕西省榆林市殡仪馆", "610802"),
               ("河南省济源市殡仪馆", "419001")]
MINE_HOSPITALS = [("晋能控股集团总医院", "140213"), ("阳泉煤业集团总医院", "140302"),
                  ("潞安集团总医院", "140404"), ("晋城大医院", "140502"),
                  ("汾西矿业集团总医院", "140781"), ("西山煤电集团职工总医院", "140181")]
DATE_STYLES = ("iso", "slash", "compact", "cn")


@dataclass
class County:
    code: str
    name: str
    city: str
    city_name: str
    weight: float
    coal: float
    urban: bool
    hospitals: list[str] = field(default_factory=list)
    funeral: str = ""


@dataclass
class FuneralHome:
    name: str
    region: str
    date_style: str
    sex_style: str  # "cn" 男/女, "num" 1/2, "mf"
    id_missing: float
    cause_blank: float


@dataclass
class World:
    counties: list[County]
    by_code: dict[str, County]
    city_hospitals: dict[str, list[tuple[str, str]]]
    funeral: dict[str, FuneralHome]
    out_funeral: list[FuneralHome]
    cum_weights: list[float]


def build_world(rng: random.Random) -> World:
    counties: list[County] = []
    city_hospitals: dict[str, list[tuple[str, str]]] = {}
    funeral: dict[str, FuneralHome] = {}
    for line in _CITIES.splitlines():
        parts = line.split()
        cc, cname, pop, coal = parts[0], parts[1], float(parts[2]), float(parts[3])
        city = "14" + cc
        cs = parts[4:]
        for i, item in enumerate(cs):
            code, nm = city + item[:2], item[2:]
            urban = nm.endswith("区")
            w = pop / len(cs) * (1.4 if urban else 0.85) * rng.uniform(0.7, 1.3)
            c = County(code, nm, city, cname, w, coal * rng.uniform(0.2, 1.5), urban)
            c.hospitals = [f"{cname}市{nm}人民医院" if urban else f"{nm}人民医院"]
            if not urban and rng.random() < 0.6:
                c.hospitals.append(f"{nm}中医医院")
            counties.append(c)
            if i == 0:
                hs = [(f"{cname}市人民医院", code), (f"{cname}市第二人民医院", code),
                      (f"{cname}市中心医院", code)]
                if cname == "太原":
                    hs += [("山西省人民医院", code), ("山西医科大学第一医院", city + "07"),
                           ("山西医科大学第二医院", city + "05"), ("山西白求恩医院", city + "05")]
                city_hospitals[city] = hs
                fh = FuneralHome(f"{cname}市殡仪馆", code, rng.choice(DATE_STYLES),
                                 rng.choice(("cn", "num", "mf")), rng.uniform(0.1, 0.35),
                                 rng.uniform(0.2, 0.6))
                funeral[fh.name] = fh
                c.funeral = fh.name
            elif not urban and rng.random() < 0.55:
                fh = FuneralHome(f"{nm}殡仪馆", code, rng.choice(DATE_STYLES),
                                 rng.choice(("cn", "num", "mf")), rng.uniform(0.15, 0.45),
                                 rng.uniform(0.2, 0.7))
                funeral[fh.name] = fh
                c.funeral = fh.name
    for h, code in MINE_HOSPITALS:
        city_hospitals[code[:4]].append((h, code))
    first: dict[str, County] = {}
    for c in counties:
        first.setdefault(c.city, c)
    for c in counties:
        if not c.funeral:
            c.funeral = first[c.city].funeral
    out = [FuneralHome(n, r, rng.choice(DATE_STYLES), "cn", 0.3, 0.5) for n, r in OUT_FUNERAL]
    cum, s = [], 0.0
    for c in counties:
        s += c.weight
        cum.append(s)
    return World(counties, {c.code: c for c in counties}, city_hospitals, funeral, out, cum)
