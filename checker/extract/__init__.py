"""Text -> claims. The finders (`temporal`, `numbers`) each return Mentions; this module
merges them (temporal spans win over plain numbers), locates each one (line, column,
quote) and gives it a stable id.

Placeholder wiring: the finders are filled in by the extraction work (issue 3).
"""
