"""The registry of report formats: name -> pure function of the report dict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.report import csv, github, html, json, junit, markdown, sarif, text

Renderer = Callable[[dict[str, Any]], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "csv": csv.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": html.render,
}
