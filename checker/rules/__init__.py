"""YAML rules: load and validate rule files, and select the claims each rule is about."""
