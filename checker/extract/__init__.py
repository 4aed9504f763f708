"""Text -> claims: `extract(doc)` and `extract_text(text)` (in `checker.extract.claims`).

The package itself loads nothing: the finders compile many patterns at import, and code that
needs only a light helper from here (word rarity, lemmas, sentence spans) must not pay for
them. A warm re-scan's corpus checks import those helpers and no finder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.extract.claims import extract, extract_text

__all__ = ["extract", "extract_text"]


def __getattr__(name: str) -> Any:
    """`extract` and `extract_text`, loaded on first use (lazy for start-up)."""
    if name in __all__:
        from checker.extract import claims

        return getattr(claims, name)
    raise AttributeError(f"module 'checker.extract' has no attribute {name!r}")
