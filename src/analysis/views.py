"""The tables behind the reports: pure functions of the processed tables.

Columns are named with the keys of :data:`analysis.labels.LABELS`, so one call to
:func:`~analysis.labels.relabel` puts a table in the reader's language.
"""

from __future__ import annotations

import pandas as pd

from .parameters import GRANULARITIES
from .provinces import load_gazetteer
from .terms import PERIODS
from .themes import load_themes

FREQUENCIES = {g: PERIODS[g] for g in GRANULARITIES}
PROVINCE_COLUMNS = {  # system -> the mentions' code and name columns
    "63": ("province_code", "province_name"),
    "34": ("code_2025", "name_2025"),
}


def periods(published: pd.Series, granularity: str) -> pd.Series:
    """Each time's period label: "2025-07", "2025Q3" or "2025"."""
    return published.dt.tz_localize(None).dt.to_period(FREQUENCIES[granularity]).astype(str)


def period_starts(labels: pd.Series, granularity: str) -> pd.Series:
    """The first day of each period label, for a time axis that keeps gaps where they are."""
    index = pd.PeriodIndex(labels, freq=FREQUENCIES[granularity]).to_timestamp()
    return pd.Series(index, index=labels.index)


def period_range(published: pd.Series, granularity: str) -> list[str]:
    """Every period from the first to the last time, those without articles included."""
    published = published.dropna()
    if published.empty:
        return []
    naive = published.dt.tz_localize(None)
    span = pd.period_range(naive.min(), naive.max(), freq=FREQUENCIES[granularity])
    return [str(p) for p in span]


def articles_over_time(
    articles: pd.DataFrame, granularity: str, *, by: str | None = None
) -> pd.DataFrame:
    """Articles per period (and per value of ``by``): ``period, [by], articles``, with zeros."""
    dated = articles.dropna(subset=["published"])
    keys = ["period", by] if by else ["period"]
    counts = dated.assign(period=periods(dated["published"], granularity)).groupby(keys).size()
    levels = [period_range(dated["published"], granularity)]
    if by:
        levels.append(sorted(dated[by].dropna().unique()))
    full = pd.MultiIndex.from_product(levels, names=keys)
    return counts.reindex(full, fill_value=0).rename("articles").reset_index()


def theme_label(theme_id: str, language: str = "vi") -> str:
    labels = {t.id: t.label(language) for t in load_themes()}
    return labels.get(theme_id, theme_id)


def theme_shares(
    articles: pd.DataFrame, themes: pd.DataFrame, granularity: str, *, language: str = "vi"
) -> pd.DataFrame:
    """Each theme's share (%) of the theme matches of a period's articles: a wide table, one row
    per period, one column per theme (labelled), rows summing to 100."""
    dated = articles.dropna(subset=["published"])[["doc_id", "published"]]
    matched = themes.merge(dated, on="doc_id")
    if matched.empty:
        return pd.DataFrame()
    matched["period"] = periods(matched["published"], granularity)
    table = matched.pivot_table(index="period", columns="theme", values="share", aggfunc="sum")
    table = table.div(table.sum(axis=1), axis=0).mul(100).fillna(0)
    table = table[table.sum().sort_values(ascending=False).index]
    return table.rename(columns=lambda t: theme_label(t, language))


def theme_totals(themes: pd.DataFrame, *, language: str = "vi") -> pd.DataFrame:
    """Per theme: articles matching it and their share (%) of all theme matches."""
    if themes.empty:
        return pd.DataFrame(columns=["theme", "articles", "share"])
    table = themes.groupby("theme").agg(articles=("doc_id", "nunique"), share=("share", "sum"))
    table["share"] = 100 * table["share"] / table["share"].sum()
    table = table.sort_values(["articles", "share"], ascending=False).reset_index()
    table["theme"] = table["theme"].map(lambda t: theme_label(t, language))
    return table


def top_directives(
    directives: pd.DataFrame, articles: pd.DataFrame, *, theme: str | None = None, top_n: int = 10
) -> pd.DataFrame:
    """Directives (of ``theme``), newest first: ``published, source, issuer, addressee,
    directive, url``."""
    chosen = directives
    if theme is not None:
        chosen = chosen[chosen["themes"].map(lambda ts: theme in list(ts))]
    table = chosen.merge(articles[["doc_id", "published", "source", "url"]], on="doc_id")
    table = table.sort_values(["published", "doc_id", "start"], ascending=[False, True, True])
    table = table.rename(columns={"text": "directive"})
    columns = ["published", "source", "issuer", "addressee", "directive", "url"]
    return table[columns].head(top_n).reset_index(drop=True)


def province_names(system: str) -> pd.Series:
    """Every province of a system: name by code."""
    gazetteer = load_gazetteer()
    units = gazetteer.legacy if system == "63" else gazetteer.current
    return pd.Series({u.code: u.name for u in units.values()}, name="province").sort_index()


def province_counts(articles: pd.DataFrame, mentions: pd.DataFrame, system: str) -> pd.DataFrame:
    """Every province of ``system`` with the articles naming it and its mentions, most named
    first; provinces never named have zeros. A 34-only name counts for no 63-system province."""
    column, _ = PROVINCE_COLUMNS[system]
    named = mentions[mentions["doc_id"].isin(articles["doc_id"])].dropna(subset=[column])
    counts = named.groupby(column).agg(articles=("doc_id", "nunique"), mentions=("doc_id", "size"))
    table = province_names(system).to_frame().join(counts).fillna(0)
    table = table.astype({"articles": "int64", "mentions": "int64"})
    table.index.name = "code"
    return table.sort_values(["articles", "mentions"], ascending=False).reset_index()


def change_against(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Province counts of two periods side by side: ``code, province, articles, previous,
    change`` (``change`` in articles), biggest rises first."""
    table = current[["code", "province", "articles"]].merge(
        previous[["code", "articles"]].rename(columns={"articles": "previous"}), on="code"
    )
    table["change"] = table["articles"] - table["previous"]
    return table.sort_values(["change", "articles"], ascending=False).reset_index(drop=True)


def theme_province_matrix(
    themes: pd.DataFrame,
    mentions: pd.DataFrame,
    system: str,
    *,
    top_n: int = 10,
    language: str = "vi",
) -> pd.DataFrame:
    """Articles per (province, theme) for the ``top_n`` most named provinces: rows provinces,
    columns themes."""
    column, name = PROVINCE_COLUMNS[system]
    named = mentions.dropna(subset=[column])[["doc_id", name]].drop_duplicates()
    pairs = named.merge(themes[["doc_id", "theme"]], on="doc_id")
    if pairs.empty:
        return pd.DataFrame()
    top = named[name].value_counts().head(top_n).index
    matrix = pd.crosstab(pairs[name], pairs["theme"]).reindex(top).fillna(0).astype("int64")
    matrix = matrix[matrix.sum().sort_values(ascending=False).index]
    matrix.index.name = "province"
    return matrix.rename(columns=lambda t: theme_label(t, language))


def most_cited(legal_refs: pd.DataFrame, *, top_n: int = 10) -> pd.DataFrame:
    """Documents cited in most articles: ``document, type, articles, citations``."""
    if legal_refs.empty:
        return pd.DataFrame(columns=["document", "type", "articles", "citations"])
    table = legal_refs.groupby("key").agg(
        type=("type", lambda s: s.mode().iat[0] if s.notna().any() else None),
        articles=("doc_id", "nunique"),
        citations=("doc_id", "size"),
    )
    table = table.sort_values(["articles", "citations"], ascending=False).head(top_n)
    return table.rename_axis("document").reset_index()


def issuing_officials(directives: pd.DataFrame, *, top_n: int = 10) -> pd.DataFrame:
    """Who directs most: ``issuer, directives, articles``."""
    named = directives.dropna(subset=["issuer"])
    table = named.groupby("issuer").agg(
        directives=("doc_id", "size"), articles=("doc_id", "nunique")
    )
    return table.sort_values(["directives", "articles"], ascending=False).head(top_n).reset_index()


def officials_named(officials: pd.DataFrame, *, top_n: int = 10) -> pd.DataFrame:
    """Officials named in most articles: ``official, articles``."""
    full = officials["title"].str.cat(officials["name"], sep=" ")
    table = officials.assign(official=full).groupby("official")["doc_id"].nunique()
    return table.rename("articles").sort_values(ascending=False).head(top_n).reset_index()


def recent_articles(articles: pd.DataFrame, *, top_n: int = 10) -> pd.DataFrame:
    """The newest articles: ``published, source, title, url``."""
    table = articles.sort_values("published", ascending=False, na_position="last")
    return table[["published", "source", "title", "url"]].head(top_n).reset_index(drop=True)


def field_coverage(articles: pd.DataFrame) -> pd.DataFrame:
    """Share (%) of articles stating each field the pages may leave out."""
    fields = ["title", "published", "source", "author", "category", "url"]
    shares = [100 * articles[f].notna().mean() if len(articles) else 0.0 for f in fields]
    return pd.DataFrame({"field": fields, "share": shares})


def warnings_table(articles: pd.DataFrame, files: pd.DataFrame) -> pd.DataFrame:
    """Every ingest warning: ``path, kind, warning``, file problems first."""
    rows = [
        (path, w) for path, ws in zip(files["path"], files["warnings"], strict=True) for w in ws
    ]
    rows += [
        (path, w)
        for path, ws in zip(articles["path"], articles["warnings"], strict=True)
        for w in ws
    ]
    table = pd.DataFrame(rows, columns=["path", "warning"])
    table.insert(1, "kind", table["warning"].str.split(":").str[0])
    return table.drop_duplicates().reset_index(drop=True)
