"""``python -m enforcement_supervision`` is the same as ``esup``."""

from enforcement_supervision.cli import main

main()
