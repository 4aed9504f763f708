"""The registry of report formats: name -> pure function of the report dict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checker.report import csv, json, text

Renderer = Callable[[dict[str, Any]], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "csv": csv.render,
}
