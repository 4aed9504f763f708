"""The registry of report formats: name -> pure function of the report dict."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

Renderer = Callable[[dict[str, Any]], str]


def _lazy(module: str) -> Renderer:
    """A format's `render`, its module imported on the first call: a run imports only the
    formats it writes (CSV needs pandas, HTML Jinja2; none is free)."""

    def render(report: dict[str, Any]) -> str:
        return importlib.import_module(f"checker.report.{module}").render(report)

    render.__name__ = render.__qualname__ = f"{module}_render"
    return render


FORMATS: dict[str, Renderer] = {
    name: _lazy(name)
    for name in ("text", "json", "csv", "sarif", "github", "junit", "markdown", "html")
}
