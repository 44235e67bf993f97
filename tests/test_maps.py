import json
from importlib.resources import files

import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text
from shapely.geometry import Point

from analysis.maps import MISSING_COLOR, choropleth, province_shapes
from analysis.provinces import load_gazetteer


def codes_at(lon, lat, system):
    shapes = province_shapes(system)
    inside = shapes["geometry"].map(lambda g: g.contains(Point(lon, lat)))
    return shapes.loc[inside, "code"].tolist()


def test_63_provinces_are_those_of_vietnamadminunits():
    shapes = province_shapes("63")
    legacy = load_gazetteer().legacy
    assert list(shapes.columns) == ["code", "name", "geometry"]
    assert len(shapes) == shapes["code"].nunique() == 63
    assert dict(zip(shapes["code"], shapes["name"], strict=True)) == {
        unit.code: name for name, unit in legacy.items()
    }
    assert shapes.set_index("name").loc["Hồ Chí Minh", "code"] == "79"


def test_34_provinces_are_those_of_vietnamadminunits():
    shapes = province_shapes("34")
    current = load_gazetteer().current
    assert len(shapes) == shapes["code"].nunique() == 34
    assert dict(zip(shapes["code"], shapes["name"], strict=True)) == {
        unit.code: name for name, unit in current.items()
    }


def test_data_file_matches_every_natural_earth_feature_to_one_code():
    data = files("analysis").joinpath("data/vietnam_provinces.geojson").read_text("utf-8")
    features = json.loads(data)["features"]
    sources = {f["properties"]["source_name"]: f["properties"]["code"] for f in features}
    assert len(sources) == len(set(sources.values())) == 63
    assert sources["Đông Bắc"] == "06"  # Bắc Kạn, under a region's name in Natural Earth
    assert sources["Đồng Bằng Sông Hồng"] == "33"  # Hưng Yên
    assert sources["Đông Nam Bộ"] == "75"  # Đồng Nai
    assert sources["Thừa Thiên - Huế"] == "46"


def test_each_of_the_34_is_the_union_of_its_old_provinces():
    gazetteer = load_gazetteer()
    old = province_shapes("63").set_index("name")["geometry"]
    new = province_shapes("34").set_index("name")["geometry"]
    for name in new.index:
        members = [o for o, n in gazetteer.merged_into.items() if n == name]
        assert new[name].area == pytest.approx(sum(old[m].area for m in members), rel=1e-9)
    assert len([o for o, n in gazetteer.merged_into.items() if n == "Hồ Chí Minh"]) == 3
    assert sum(new.area for new in new) == pytest.approx(sum(o.area for o in old), rel=1e-9)


@pytest.mark.parametrize(
    ("lon", "lat", "code_63", "code_34"),
    [
        (105.85, 21.03, "01", "01"),  # Hà Nội, Hoàn Kiếm
        (106.70, 10.776, "79", "79"),  # Hồ Chí Minh City, District 1
        (106.65, 10.98, "74", "79"),  # Thủ Dầu Một, Bình Dương
        (106.61, 8.70, "77", "79"),  # Côn Đảo, Bà Rịa - Vũng Tàu (Natural Earth: Sóc Trăng)
        (107.03, 20.80, "31", "31"),  # Cát Bà, Hải Phòng (Natural Earth: Quảng Ninh)
        (108.22, 16.07, "48", "48"),  # Đà Nẵng
        (105.83, 22.15, "06", "19"),  # Bắc Kạn town
        (104.97, 22.82, "02", "08"),  # Hà Giang town
    ],
)
def test_a_place_lies_in_its_province_in_both_systems(lon, lat, code_63, code_34):
    assert codes_at(lon, lat, "63") == [code_63]
    assert codes_at(lon, lat, "34") == [code_34]


def test_centroids_of_vietnamadminunits_lie_in_their_provinces():
    gazetteer = load_gazetteer()
    wrong = {
        unit.code: codes_at(unit.lon, unit.lat, "63")
        for unit in gazetteer.legacy.values()
        if codes_at(unit.lon, unit.lat, "63") != [unit.code]
    }
    assert wrong == {"92": ["93"]}  # Natural Earth draws Cần Thơ north of Ninh Kiều
    for unit in gazetteer.current.values():
        assert codes_at(unit.lon, unit.lat, "34") == [unit.code]


def test_shapes_are_cached_and_copied():
    shapes = province_shapes("63")
    shapes.loc[0, "code"] = "xx"
    assert province_shapes("63").loc[0, "code"] == "01"
    with pytest.raises(ValueError, match="system"):
        province_shapes("64")


def texts(fig):
    return [t.get_text() for t in fig.findobj(Text)]


def collection(fig, gid):
    (found,) = [c for c in fig.axes[0].collections if c.get_gid() == gid]
    return found


def test_choropleth_marks_the_archipelagos_and_greys_out_missing_provinces():
    values = pd.Series({"01": 40.0, "79": 30.0, "48": 10.0, "02": float("nan")})
    fig = choropleth(
        values, title="Số bài theo tỉnh", legend_label="số bài", caption="Nguồn: thử, 2024"
    )
    assert isinstance(fig, Figure)
    assert {"Số bài theo tỉnh", "Quần đảo Hoàng Sa", "Quần đảo Trường Sa"} <= set(texts(fig))
    assert {"không có bài", "Nguồn: thử, 2024"} <= set(texts(fig))
    ax = fig.axes[0]
    assert ax.get_legend().get_texts()[0].get_text() == "không có bài"
    assert ax.get_xticks().size == ax.get_yticks().size == 0
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    assert left < 112.0 < 114.0 < right and bottom < 10.0 < 16.5 < top
    missing = collection(fig, "missing")
    assert len(missing.get_paths()) == 60
    assert tuple(missing.get_facecolor()[0]) == to_rgba(MISSING_COLOR)
    filled = collection(fig, "provinces")
    assert filled.get_array().tolist() == [40.0, 10.0, 30.0]  # in code order: 01, 48, 79
    assert filled.norm.vmin == 0 and filled.norm.vmax == 40
    assert fig.axes[1].get_ylabel() == "số bài"  # the colour bar


def test_choropleth_in_english_over_the_34():
    values = pd.Series(1.0, index=province_shapes("34")["code"])
    fig = choropleth(values, system="34", title="T", legend_label="L", language="en")
    assert {"Hoang Sa (Paracel) Islands", "Truong Sa (Spratly) Islands"} <= set(texts(fig))
    assert fig.axes[0].get_legend() is None  # every province has a value
    assert len(collection(fig, "provinces").get_paths()) == 34
    assert len(collection(fig, "missing").get_paths()) == 0


def test_choropleth_refuses_codes_of_the_other_system():
    with pytest.raises(ValueError, match=r"34-province system: \['02'\]"):
        choropleth(pd.Series({"01": 1.0, "02": 2.0}), system="34", title="T", legend_label="L")
    with pytest.raises(ValueError, match="language"):
        choropleth(pd.Series({"01": 1.0}), title="T", legend_label="L", language="fr")
