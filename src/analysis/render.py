"""HTML for people who never open a notebook: a report page, an error page and the index.

A report page is the executed notebook through nbconvert (template ``templates/vnpolicy_report``:
no code, no prompts, no script from the web, images embedded) with a header and a table of
contents. Text from the data is escaped where it is shown (:mod:`analysis.show`); the pages
here escape every value they add.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from .show import HEADING_KEY, KEY_FIGURES_TYPE

TEMPLATES = Path(str(files("analysis").joinpath("templates")))
PAGE_LABELS = {  # the words of the page frame, by language
    "vi": {
        "index": "← Tất cả báo cáo",
        "generated": "Tạo lúc",
        "period": "Kỳ báo cáo",
        "corpus": "Dữ liệu",
        "parameters": "Tham số",
        "contents": "Mục lục",
        "failed": "Báo cáo không tạo được",
        "details": "Chi tiết",
    },
    "en": {
        "index": "← All reports",
        "generated": "Generated",
        "period": "Period",
        "corpus": "Data",
        "parameters": "Parameters",
        "contents": "Contents",
        "failed": "The report could not be made",
        "details": "Details",
    },
}


@dataclass(frozen=True)
class PageHeader:
    """What the top of every report page states."""

    title: str
    generated: str
    period: str
    corpus: str
    parameters: dict
    language: str = "vi"

    def context(self) -> dict:
        shown = {k: _shown(v) for k, v in self.parameters.items()}
        return {**self.__dict__, "parameters": shown, "labels": PAGE_LABELS[self.language]}


def _shown(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "—"
    return "—" if value is None else str(value)


def key_figures(nb: nbformat.NotebookNode) -> dict:
    """The key figures the notebook recorded (:func:`analysis.show.key_figures`)."""
    found: dict = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            found.update(output.get("data", {}).get(KEY_FIGURES_TYPE, {}))
    return found


def contents(nb: nbformat.NotebookNode) -> list[dict]:
    """The headings the notebook showed (:func:`analysis.show.heading`), in order."""
    return [
        output["metadata"][HEADING_KEY]
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if HEADING_KEY in output.get("metadata", {})
    ]


def for_readers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` without what readers should not see: key-figure outputs and stderr."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.outputs
                if not (o.get("name") == "stderr" or KEY_FIGURES_TYPE in o.get("data", {}))
            ]
    return nb


def report_html(nb: nbformat.NotebookNode, header: PageHeader) -> str:
    """The report page of an executed notebook."""
    exporter = HTMLExporter(
        template_name="vnpolicy_report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=header.language,
    )
    remove = TagRemovePreprocessor(remove_cell_tags={"remove-cell"}, enabled=True)
    exporter.register_preprocessor(remove, enabled=True)
    resources = {
        "vnpolicy": {**header.context(), "toc": contents(nb)},
        "metadata": {"name": header.title},
    }
    readable = for_readers(nb)
    readable.metadata["title"] = header.title
    body, _ = exporter.from_notebook_node(readable, resources=resources)
    return body


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )


def error_html(header: PageHeader, error: str, details: str = "") -> str:
    """The page of a report that failed: what was asked and what went wrong."""
    template = _environment().get_template("error.html.j2")
    return template.render(**header.context(), error=error, details=details)


def index_html(entries: list[dict], *, updated: str) -> str:
    """``reports/index.html``: every report's sidecar (``entries``), newest first."""
    template = _environment().get_template("index.html.j2")
    return template.render(reports=entries, updated=updated)
