"""The enterprise register and the social-insurance enrolment of each enterprise's workforce."""

from __future__ import annotations

from datetime import date, timedelta

from . import geo, ids
from .world import EXTRACT, Enterprise, World

# enterprises at scale 1, by industry
COUNTS = {"construction": 2800, "manufacturing": 1500, "other": 1300, "transport": 800,
          "hazardous_chemicals": 600, "coal_mining": 450, "non_coal_mining": 420,
          "metallurgy": 200, "fireworks": 40}
COOPS = 500  # cotton co-operatives (industry ``other``)
WORKERS = 200_000  # enrolled workers at scale 1
MEDIAN_SIZE = {"coal_mining": 320, "non_coal_mining": 150, "hazardous_chemicals": 260,
               "metallurgy": 500, "construction": 70, "transport": 45, "manufacturing": 90,
               "fireworks": 30, "other": 20}
MALE_SHARE = {"coal_mining": 0.95, "non_coal_mining": 0.93, "hazardous_chemicals": 0.82,
              "metallurgy": 0.88, "construction": 0.9, "transport": 0.95, "manufacturing": 0.55,
              "fireworks": 0.6, "other": 0.5}
# brand names are two of these
BRAND_CHARS = ("天山池博格达雪莲昆仑丝路西域金沙宏泰昌盛鸿源瑞祥恒鹏汇通准东明鑫华广兴业众和"
               "陆胡杨塔瀚海北庭楼兰亚欧中德隆新宇元利润峰安顺嘉诚凯旭辰晟拓疆浩聚益丰荣信合远")
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    # (template, sector written in short names)
    "coal_mining": [("{pfx}{brand}煤业有限责任公司", "煤业"),
                    ("{pfx}{brand}能源有限公司{place}露天煤矿", "能源"),
                    ("{pfx}{brand}矿业有限公司{place}煤矿", "矿业"),
                    ("{county}{place}{brand}煤矿有限公司", "煤矿")],
    "non_coal_mining": [("{pfx}{brand}矿业有限公司", "矿业"),
                        ("{pfx}{brand}有色金属有限公司{place}矿", "有色"),
                        ("{pfx}{brand}黄金矿业有限责任公司", "黄金")],
    "hazardous_chemicals": [("{pfx}{brand}化工有限公司", "化工"),
                            ("{pfx}{brand}石化有限责任公司", "石化"),
                            ("{pfx}{brand}煤化工有限公司", "煤化工"),
                            ("{pfx}{brand}能源化工有限公司", "能化"),
                            ("{pfx}{brand}天然气有限公司", "天然气")],
    "metallurgy": [("{pfx}{brand}铝业有限公司", "铝业"), ("{pfx}{brand}钢铁有限公司", "钢铁"),
                   ("{pfx}{brand}冶金有限责任公司", "冶金"), ("{pfx}{brand}硅业有限公司", "硅业")],
    "construction": [("{pfx}{brand}建设工程有限公司", "建设"),
                     ("{pfx}{brand}建筑安装工程有限责任公司", "建安"),
                     ("{pfx}{brand}路桥工程有限公司", "路桥"),
                     ("{pfx}{brand}建工集团有限公司", "建工"),
                     ("{pfx}{brand}劳务有限公司", "劳务")],
    "transport": [("{pfx}{brand}危险货物运输有限公司", "危运"), ("{pfx}{brand}物流有限公司", "物流"),
                  ("{pfx}{brand}运输有限责任公司", "运输")],
    "manufacturing": [("{pfx}{brand}纺织有限公司", "纺织"), ("{pfx}{brand}棉业有限公司", "棉业"),
                      ("{pfx}{brand}食品有限公司", "食品"), ("{pfx}{brand}番茄制品有限公司", "番茄"),
                      ("{pfx}{brand}机械制造有限公司", "机械"), ("{pfx}{brand}新材料有限公司", "新材料"),
                      ("{pfx}{brand}建材有限公司", "建材")],
    "fireworks": [("{pfx}{brand}烟花爆竹有限公司", "烟花")],
    "other": [("{pfx}{brand}农业开发有限公司", "农业"), ("{pfx}{brand}商贸有限公司", "商贸"),
              ("{pfx}{brand}物业服务有限公司", "物业"), ("{pfx}{brand}餐饮管理有限公司", "餐饮")],
}
GENERIC_PLACES = ("城东", "城南", "开发区", "工业园", "高新区", "新区")


def build_enterprises(w: World) -> None:
    rng = w.rng
    used: set[str] = set()
    todo = [(ind, w.n(c, minimum=3 if ind != "fireworks" else 1)) for ind, c in COUNTS.items()]
    todo.append(("coop", w.n(COOPS, minimum=4)))
    for industry, count in todo:
        for _ in range(count):
            coop = industry == "coop"
            ind = "other" if coop else industry
            if coop:
                region = geo.weighted(rng, geo.COTTON_COUNTIES)
                place = rng.choice(("阿热勒", "英巴格", "托万", "喀拉", "团结", "幸福", "红旗",
                                    "塔里木", "玉尔其", "吐曼", "胜利", "光明", "向阳"))
            elif ind in geo.SITES:
                region, _, places = rng.choices(geo.SITES[ind],
                                                weights=[s[1] for s in geo.SITES[ind]])[0]
                place = rng.choice(places)
            else:
                region = w.geo.pick_county(rng)
                place = rng.choice(GENERIC_PLACES)
            brand = rng.choice(BRAND_CHARS) + rng.choice(BRAND_CHARS)
            while brand[0] == brand[1]:
                brand = rng.choice(BRAND_CHARS) + rng.choice(BRAND_CHARS)
            if coop:
                tpl, sector = "{county}{place}{brand}棉花种植农民专业合作社", "合作社"
            else:
                tpl, sector = rng.choice(TEMPLATES[ind])
            u = rng.random()
            pfx = "新疆" if u < 0.5 else geo.pref_short(region) if u < 0.75 else \
                geo.county_short(region) if u < 0.92 else ""
            name = tpl.format(pfx=pfx, brand=brand, place=place,
                              county=geo.county_short(region))
            if name in used:
                continue
            used.add(name)
            code_region = region if rng.random() < 0.7 else region[:4] + "00"
            uscc = ids.make_uscc(code_region, rng)
            if rng.random() < 0.04:  # some codes on the register fail their own check
                uscc = uscc[:17] + rng.choice([c for c in ids.USCC_CHARS if c != uscc[17]])
            high = ind in ("coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
                           "fireworks") or (ind == "construction" and rng.random() < 0.35) or \
                (ind == "transport" and sector == "危运")
            size = max(3, int(rng.lognormvariate(0, 0.9) * (25 if coop else MEDIAN_SIZE[ind])))
            e = Enterprise(uscc, name, ind, region, high, size, place, brand, sector, coop)
            w.enterprises.append(e)
            w.by_industry.setdefault(ind, []).append(e)
            if coop:
                w.coops.append(e)


def build_workforce(w: World) -> None:
    """Workers with their spells: the current employer, often an earlier one, sometimes a later
    one; older men in mines sometimes work under a younger relative's ID number."""
    rng = w.rng
    total = sum(e.size for e in w.enterprises)
    target = w.n(WORKERS, minimum=200)
    ref = date(2023, 6, 30)
    for e in w.enterprises:
        k = max(1, round(e.size * target / total))
        if e.coop:
            k = max(1, k // 4)  # field hands are not enrolled
        local, prov = (0.45, 0.35) if e.high_risk else (0.7, 0.25)
        for _ in range(k):
            county = w.migrant_or_local(e.region, local, prov)
            p = w.new_person(ref, rng.randint(19, 59), county=county,
                             male=rng.random() < MALE_SHARE[e.industry])
            start = date(2008, 1, 1) + timedelta(days=int((rng.random() ** 0.6) * 6100))
            end = None if rng.random() < 0.55 else start + timedelta(days=rng.randint(60, 2400))
            borrowed = None
            if p.age(ref) >= 52 and e.industry in ("coal_mining", "non_coal_mining",
                                                   "construction") and rng.random() < 0.03:
                borrowed = w.relative(p, ref, rng.randint(28, 40), male=True, child=True).pid
                w.negatives["borrowed_id_spell"] += 1
            if rng.random() < 0.35 and start > date(2010, 1, 1):
                prev = rng.choice(w.enterprises)
                p_end = start - timedelta(days=rng.randint(5, 300))
                p_start = p_end - timedelta(days=rng.randint(90, 1500))
                w.add_spell(p, prev, p_start, p_end)
            w.add_spell(p, e, start, end, borrowed)
            w.workforce.setdefault(e.uscc, []).append(p.pid)
            if end is not None and end < EXTRACT and rng.random() < 0.3:
                nxt = rng.choice(w.enterprises)
                n_start = end + timedelta(days=rng.randint(10, 200))
                if n_start < EXTRACT:
                    n_end = None if rng.random() < 0.6 else \
                        n_start + timedelta(days=rng.randint(60, 900))
                    w.add_spell(p, nxt, n_start, n_end)
                    w.workforce.setdefault(nxt.uscc, []).append(p.pid)
