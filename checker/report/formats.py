"""The registry of report formats: name -> pure function of the report dict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.report import github, json, junit, markdown, sarif, text

Renderer = Callable[[dict[str, Any]], str]



def _csv(report: dict[str, Any]) -> str:
    """CSV needs pandas, which is slow to import: only a CSV run pays for it."""
    from checker.report import csv

    return csv.render(report)


def _html(report: dict[str, Any]) -> str:
    """HTML needs Jinja2: imported only when a page is written."""
    from checker.report import html

    return html.render(report)


FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "csv": _csv,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": _html,
}
