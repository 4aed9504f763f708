"""checker: find numeric and dated claims that contradict each other across a corpus."""

__version__ = "0.1.0"
