"""One module per report: each function shows one section of the report notebook of the same
name (heading, note, chart, table) from a :class:`~analysis.report_data.ReportData`, and copes
with an empty selection. Notebooks call these, one per cell."""
