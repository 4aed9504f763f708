"""`python -m checker`: the same command line as `checker`."""

from checker.cli import main

main()
