"""mslint: a manuscript linter for books written in Markdown."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mslint")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
