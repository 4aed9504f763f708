"""Helpers with no knowledge of the pipeline: atomic file writes, the data-only JSON
form of the model's records, the position-keeping YAML reader, did-you-mean hints and
plain-number forms."""
