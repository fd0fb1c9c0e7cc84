"""mslint: a manuscript linter for books written in Markdown."""

__version__ = "0.1.0"
