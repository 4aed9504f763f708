"""After the scan: inline suppressions, editors' decisions and the baseline applied to the
findings, and the review app that records decisions."""

# The review files' default names, here so that a command's options can name them
# without loading the modules that read them (a scan with neither file loads neither).
DEFAULT_DECISIONS = "checker-decisions.yaml"
DEFAULT_BASELINE = "checker-baseline.yaml"
