"""One module per command group; `checker.cli` registers them."""
