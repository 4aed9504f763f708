"""After the scan: inline suppressions, editors' decisions and the baseline applied to the
findings, and the review app that records decisions."""
