"""CAVA coverage reports: aggregate, read-only figures with no personal data.

`coverage.coverage_report` assembles the figures (selectors in `selectors.py`,
the Prevent-monitoring figures in `prevent_monitoring.py`) and protects small
numbers (`disclosure.py`); `rendering.py` turns a report into JSON and CSV,
`charts.py` into SVG, and `views.py` serves the HTML page and the exports.
"""
