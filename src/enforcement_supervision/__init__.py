"""enforcement-supervision: administrative law-enforcement supervision (行政执法监督)."""

from enforcement_supervision._version import __version__

__all__ = ["__version__"]
