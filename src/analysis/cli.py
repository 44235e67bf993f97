"""The ``vnpolicy`` command."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .schema import TABLES, markdown_table
from .terms import GROUPINGS

_SHOWN_PROBLEMS = 20


class _ProblemCounter(logging.Handler):
    """Prints the first problems as they are found and counts the rest."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.count <= _SHOWN_PROBLEMS:
            click.echo(f"warning: {record.getMessage()}", err=True)


_data_option = click.option(
    "--data", "data_dir", default="data/processed", show_default=True,
    type=click.Path(file_okay=False), help="Folder written by `vnpolicy ingest`.",
)  # fmt: skip


@click.group()
@click.version_option(package_name="vnpolicy")
def main() -> None:
    """Policy analytics over Vietnamese government news."""


def _parse_mapping(ctx, param, values) -> dict[str, str]:
    mapping = {}
    for value in values:
        field, sep, column = value.partition("=")
        if not sep or not field or not column:
            raise click.BadParameter(f"{value!r} is not FIELD=NAME (e.g. lead=sapo)")
        mapping[field.strip()] = column.strip()
    return mapping


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--out",
    "out_dir",
    default="data/processed",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the processed tables.",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    callback=_parse_mapping,
    metavar="FIELD=NAME",
    help="Record field NAME holds article FIELD (title, lead, body, published, "
    "author, source, url, category). Repeatable.",
)
@click.option("--date-format", help="strptime format of record dates, e.g. '%d/%m/%Y %H:%M'.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any warning was raised.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal)."
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(min=1),
    help="Processes annotating batches side by side (each loads the models, about 300 MB).",
)  # fmt: skip
def ingest(paths, out_dir, mapping, date_format, strict, progress, workers) -> None:
    """Read PATHS (default data/raw/) into OUT: articles.parquet, files.parquet and
    ingest_report.json. Unchanged files are not parsed again."""
    from .ingest import ingest as run_ingest
    from .records import MappingError

    counter, logger = _ProblemCounter(), logging.getLogger("analysis")
    logger.addHandler(counter)
    logger.propagate = False  # printed once, by the counter (libraries may log to the root)
    try:
        report = run_ingest(paths or ["data/raw"], out_dir, mapping=mapping,
                            date_format=date_format, progress=progress,
                            workers=workers)  # fmt: skip
    except MappingError as err:
        raise click.BadParameter(str(err), param_hint="--map") from None
    finally:
        logger.removeHandler(counter)
        logger.propagate = True
    if counter.count > _SHOWN_PROBLEMS:
        click.echo(f"... and {counter.count - _SHOWN_PROBLEMS} more file warnings "
                   f"(see {out_dir}/ingest_report.json and files.parquet)", err=True)  # fmt: skip
    n_warnings = sum(report["warnings_by_kind"].values()) + len(report["input_problems"])
    click.echo(
        f"{report['articles']} articles from {report['files_loaded']} of {report['files_seen']} "
        f"files ({report['files_parsed']} parsed, {report['files_reused']} unchanged, "
        f"{len(report['files_skipped'])} skipped), {n_warnings} warnings, "
        f"{report['duration_s']:.1f} s -> {out_dir}/"
    )
    if not report["articles"]:
        click.echo("error: no article could be read; previous outputs left unchanged", err=True)
        sys.exit(1)
    if strict and n_warnings:
        click.echo(f"error: --strict and {n_warnings} warnings", err=True)
        sys.exit(1)


@main.command()
@_data_option
def summary(data_dir) -> None:
    """Print a summary of the processed corpus."""
    from .overview import corpus_summary, format_summary
    from .storage import load_processed

    try:
        articles = load_processed(data_dir)
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from None
    click.echo(format_summary(corpus_summary(articles)))


@main.command()
@click.argument("terms", nargs=-1, required=True)
@click.option(
    "--by",
    type=click.Choice(["article", *GROUPINGS]),
    default="all",
    show_default=True,
    help="Per article, or grouped.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@_data_option
def terms(terms, by, fmt, data_dir) -> None:
    """Count TERMS in the processed corpus (whole words, any case or tone-mark style)."""
    from .storage import load_processed
    from .terms import count_terms

    columns = ["doc_id", "text", "published", "source", "category", "n_syllables"]
    try:
        articles = load_processed(data_dir, columns)
        mentions = load_processed(data_dir, table="province_mentions") if by == "province" else None
        themes = load_processed(data_dir, table="themes") if by == "theme" else None
    except FileNotFoundError as err:
        raise click.ClickException(str(err)) from None
    if by == "article":
        table = count_terms(articles, terms).merge(
            articles[["doc_id", "published", "source"]], on="doc_id"
        )
    else:
        table = count_terms(articles, terms, by=by, mentions=mentions, themes=themes)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(table.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        click.echo(table.to_string(index=False))


@main.command()
@click.option("--validate", is_flag=True, help="List shared, nested and unused phrases.")
@click.option(
    "--lexicon",
    type=click.Path(dir_okay=False, exists=True),
    help="A themes file other than the bundled data/themes.yml.",
)
@click.option("--language", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@_data_option
def themes(validate, lexicon, language, data_dir) -> None:
    """List the directive themes, or validate the lexicon (against the corpus in --data for
    phrases that never match)."""
    from .storage import load_processed
    from .themes import load_themes, validate_themes

    try:
        lexicon_themes = load_themes(lexicon)
    except (ValueError, KeyError) as err:
        raise click.ClickException(f"bad lexicon: {err}") from None
    if not validate:
        for theme in lexicon_themes:
            click.echo(f"{theme.id:<24} {theme.label(language)} ({len(theme.phrases)} phrases)")
        return
    try:
        articles = load_processed(data_dir, ["text"])
    except FileNotFoundError:
        articles = None
        click.echo(f"note: no corpus in {data_dir}; unused phrases not checked", err=True)
    problems = validate_themes(lexicon_themes, articles)
    click.echo(problems.to_string(index=False) if len(problems) else "no problems found")


@main.command()
def schema() -> None:
    """Print the data contract as Markdown (the README's tables)."""
    click.echo("\n\n".join(
        f"### `{name}.parquet`\n\n{markdown_table(columns)}" for name, columns in TABLES.items()
    ))  # fmt: skip


def _collect_parameters(pairs) -> dict:
    """``-p KEY VALUE`` pairs as data; a list parameter given twice gathers both values."""
    from .reports import LIST_PARAMETERS, parse_value

    values: dict = {}
    for name, text in pairs:
        value = parse_value(text)
        if name in LIST_PARAMETERS:
            values[name] = values.get(name, []) + (value if isinstance(value, list) else [value])
        else:
            values[name] = value
    return values


_out_option = click.option(
    "--out", "out_dir", default="reports", show_default=True, type=click.Path(file_okay=False),
    help="Folder for the HTML pages, executed notebooks, sidecars and index.html.",
)  # fmt: skip
_period_option = click.option(
    "--period", help="last-month, last-quarter, YYYY-MM, YYYY-Qn or YYYY (sets both dates)."
)


@main.command()
@click.argument("name")
@click.option(
    "-p",
    "--parameter",
    "pairs",
    nargs=2,
    multiple=True,
    metavar="KEY VALUE",
    help="A notebook parameter; VALUE is read as YAML data (never as code).",
)
@_period_option
@_out_option
@_data_option
def report(name, pairs, period, out_dir, data_dir) -> None:
    """Render report NAME (a notebook stem, e.g. term_frequency) to HTML."""
    from .reports import REPORT_FAILED, run_report

    parameters = {"data_dir": data_dir, **_collect_parameters(pairs)}
    try:
        result = run_report(name, parameters, out_dir=out_dir, period=period)
    except ValueError as err:  # an unknown report or parameter, a bad period
        raise click.UsageError(str(err)) from None
    if result.status != "ok":
        click.echo(f"error: {result.error}", err=True)
    click.echo(f"{result.status}: {result.html}")  # the last line: `vnpolicy reports` reads it
    if result.status != "ok":
        sys.exit(REPORT_FAILED)


@main.command()
@click.option(
    "--schedule",
    "schedule_file",
    type=click.Path(dir_okay=False, exists=True),
    help="A reports.yml listing the reports; default: every report, default values.",
)
@_period_option
@click.option("--workers", type=click.IntRange(min=1), help="Reports at a time [cores].")
@click.option(
    "--timeout", type=float, default=1800, show_default=True, help="Seconds one report may take."
)
@_out_option
@_data_option
def reports(schedule_file, period, workers, timeout, out_dir, data_dir) -> None:
    """Render many reports side by side and the index page."""
    from .reports import DEFAULT_REPORTS
    from .schedule import Job, load_schedule, run_jobs

    try:
        jobs = load_schedule(schedule_file) if schedule_file else [
            Job(name, period=period) for name in DEFAULT_REPORTS]  # fmt: skip
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    if period and schedule_file:
        jobs = [Job(job.report, job.parameters, period) for job in jobs]
    results = run_jobs(jobs, out_dir=out_dir, data_dir=data_dir, workers=workers,
                       timeout=timeout)  # fmt: skip
    for result in results:
        line = f"{result.status:6} {result.report} {result.html}"
        click.echo(line + (f"  ({result.error})" if result.error else ""))
    failed = sum(r.status != "ok" for r in results)
    click.echo(f"{len(results) - failed} of {len(results)} reports rendered; "
               f"index: {Path(out_dir).resolve() / 'index.html'}")  # fmt: skip
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
