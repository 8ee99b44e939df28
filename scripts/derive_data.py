#!/usr/bin/env python3
"""Derive the project's bundled dataset (assets/data/) from ../shared/data.

What it changes on the way:
- `source` columns become ids of rows in sources.csv (several ids joined by ';');
- the `source_locator` column is dropped: it quotes the articles and is for checking only;
- notes that quote the articles are replaced by our own;
- statuses are normalised to seed / seed-consistent / unverified;
- the map ids are added: `map_ids` (border_provinces.csv) and `map_route` (pipelines.csv) name
  the gazetteer's places and routes (assets/geo/gazetteer.json) a row is drawn at.
Run from the project root: python3 scripts/derive_data.py [../shared/data [out-dir]]
"""
import csv
import pathlib
import sys

SRC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "assets/data")

SOURCES = [
    # id, short name shown on the page, full citation, kind
    ("ft-2024", "Financial Times", "Financial Times, “The Big Read” on Putin’s May 2024 visit to Beijing", "article"),
    ("threat-2025", "Intelligence threat assessment 2025", "A national intelligence service’s annual threat assessment, 2025 edition", "article"),
    ("riac-2024", "Kashin, RIAC 2024", "Vassily Kashin (HSE University), Russian International Affairs Council, 2024", "article"),
    ("ipq-2023", "IP Quarterly 2023", "Bērziņa-Čerenkova and Rühlig, Internationale Politik Quarterly, 2023", "article"),
    ("cepa-2025", "Kolyandr, CEPA 2025", "Alexander Kolyandr, Center for European Policy Analysis, May 2025", "article"),
    ("china-customs", "China customs", "General Administration of Customs of China, annual releases", "statistics"),
    ("gazprom", "Gazprom", "Gazprom and CNPC public figures and statements", "company"),
    ("transneft", "Transneft", "Transneft public figures", "company"),
    ("public-reports", "Public reports", "Public reports (press and official statements)", "press"),
    ("provincial-stats", "Heilongjiang statistics", "Heilongjiang provincial statistics as reported", "statistics"),
    ("map-traced", "Natural Earth; routes traced", "Natural Earth (public domain) base map; pipelines and sea routes traced by hand for this project, with lengths computed from the traced lines (approximate)", "map"),
    ("nsr-admin", "NSR administration / CHNL", "Northern Sea Route administration and CHNL data as reported", "statistics"),
]

MAP = {
    "000_31bb758b4b63441d.txt": "ft-2024",
    "001_9bdebe1e404f3f7f.txt": "threat-2025",
    "002_4c7bd4b8f373a9b3.txt": "riac-2024",
    "003_91c312bc047a5841.txt": "ipq-2023",
    "004_c1a0e44c4c6ea1ee.txt": "cepa-2025",
    "China General Administration of Customs, annual releases": "china-customs",
    "public Gazprom figures": "gazprom",
    "Gazprom annual figures": "gazprom",
    "Gazprom statements": "gazprom",
    "public Gazprom/CNPC figures": "gazprom",
    "public Transneft figures": "transneft",
    "public figures": "public-reports",
    "public reports": "public-reports",
    "provincial statistics as reported": "provincial-stats",
    "NSR administration / CHNL data as reported": "nsr-admin",
}

# Our own notes for the trade series (the shared notes quote the articles).
TRADE_NOTES = {
    "2022": "RIAC article: above $190bn; Russian sales +43.4%, Chinese sales +12.8%",
    "2023": "FT and the 2025 threat assessment both give a record of about $240bn (+26%)",
    "2024": "CEPA rounds this to $240bn (+1.9%)",
    "2023-H1": "first half of 2023; growth +40.6% y/y (IP Quarterly gives +40.7%)",
    "2025-01/04": "January to April 2025; -7.5% y/y",
}


def sources(field):
    ids = []
    for part in field.split(";"):
        part = part.strip()
        if not part:
            continue
        if part not in MAP:
            sys.exit(f"unknown source {part!r}: add it to MAP in {__file__}")
        ids.append(MAP[part])
    return ";".join(dict.fromkeys(ids))


def status(s):
    s = s.strip()
    return "seed" if s.startswith("seed (") else s


def read(name):
    with open(SRC / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(name, header, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# Where the maps draw each row (assets/data/README.md, "Map ids"): a border figure's gazetteer
# places or provinces by its place and metric, a pipeline's gazetteer route by its id (none: the
# maps do not draw it). A row missing here stops the script, so a new row gets its ids.
MAP_IDS = {
    ("Heihe Pilot Free Trade Zone (Heilongjiang)", "imports and exports growth"): "heihe",
    ("Jilin", "trade with Russia growth"): "jilin",
    ("Heilongjiang", "trade with Russia"): "heilongjiang",
    ("Heihe–Blagoveshchensk", "road bridge over the Amur opened to freight"): "blagoveshchensk",
    ("Tongjiang–Nizhneleninskoye", "rail bridge over the Amur in service"): "tongjiang;nizhneleninskoye",
    ("Manzhouli–Zabaykalsk", "largest land crossing by freight"): "manzhouli;zabaykalsk",
    ("China–Russia border", "length"): "border",
}
MAP_ROUTE = {
    "power-of-siberia-1": "power-of-siberia-1",
    "power-of-siberia-2": "power-of-siberia-2",
    "far-eastern-route": "far-eastern-route",
    "espo": "espo",
    "espo-spur": "espo-china-spur",
    "kazakhstan-china-oil": "kazakhstan-china-oil",
    "europe-2021": "",
}


def looked_up(table, key):
    if key not in table:
        sys.exit(f"no map ids for {key!r}: add them in {__file__}")
    return table[key]


# Event descriptions that repeat an article's wording, in our own words.
EVENT_TEXT = {
    "Joint bomber flight and coastguard patrol":
        "Chinese and Russian strategic bombers fly together off Alaska for the first time, and the two coastguards patrol the Bering Strait side by side.",
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    write("sources.csv", ["id", "short", "citation", "kind"], SOURCES)

    write("trade_annual.csv",
          ["period", "total_usd_bn", "cn_exports_to_ru_usd_bn", "cn_imports_from_ru_usd_bn", "source", "status", "note"],
          [[r["period"], r["total_usd_bn"], r["cn_exports_to_ru_usd_bn"], r["cn_imports_from_ru_usd_bn"],
            sources(r["source"]), status(r["status"]), TRADE_NOTES.get(r["period"], "")]
           for r in read("trade_annual.csv")])

    write("facts.csv", ["id", "topic", "metric", "period", "value", "unit", "direction", "source", "status", "note"],
          [[r["id"], r["topic"], r["metric"], r["period"], r["value"], r["unit"], r["direction"],
            sources(r["source"]), status(r["status"]), r["note"]]
           for r in read("facts.csv")])

    write("events.csv", ["date", "title", "description", "category", "source", "status"],
          [[r["date"], r["title"], EVENT_TEXT.get(r["title"], r["description"]), r["category"], sources(r["source"]), status(r["status"])]
           for r in read("events.csv")])

    write("pipelines.csv", ["id", "name", "kind", "status", "capacity", "unit", "first_flow", "route", "source", "figures_status", "note", "map_route"],
          [[r["id"], r["name"], r["kind"], r["status"], r["capacity"], r["unit"], r["first_flow"], r["route"],
            sources(r["source"]), status(r["status_of_figures"]), r["note"].replace("004_c1a0e44c4c6ea1ee.txt", "CEPA 2025"),
            looked_up(MAP_ROUTE, r["id"])]
           for r in read("pipelines.csv")])

    write("nsr.csv", ["year", "transit_cargo_mt", "total_cargo_mt", "transit_voyages", "source", "status", "note"],
          [[r["year"], r["transit_cargo_mt"], r["total_cargo_mt"], r["transit_voyages"], sources(r["source"]), status(r["status"]), r["note"]]
           for r in read("nsr.csv")])

    write("border_provinces.csv", ["place", "kind", "metric", "period", "value", "unit", "source", "status", "note", "map_ids"],
          [[r["place"], r["kind"], r["metric"], r["period"], r["value"], r["unit"], sources(r["source"]), status(r["status"]), r["note"],
            looked_up(MAP_IDS, (r["place"], r["metric"]))]
           for r in read("border_provinces.csv")])


if __name__ == "__main__":
    main()
