"""One exception hierarchy for the whole project; the CLI turns it into a message and an exit code."""
from __future__ import annotations

from collections.abc import Iterable


class NewsKGError(Exception):
    """Base of every error newskg raises on purpose."""

    exit_code = 1


class UsageError(NewsKGError):
    """A bad argument or option value."""

    exit_code = 2


class UnknownChoice(UsageError):
    def __init__(self, what: str, value: str, options: Iterable[str]):
        self.value = value
        self.options = sorted(options)
        super().__init__(f"unknown {what} {value!r}; available: {', '.join(self.options)}")


class InputError(NewsKGError):
    """A document that cannot be read or processed."""

    exit_code = 3

    def __init__(self, message: str, document: str | None = None):
        self.document = document
        super().__init__(f"{document}: {message}" if document else message)


class EngineUnavailable(NewsKGError):
    """An NLP engine, or its model for a language, is not installed."""

    exit_code = 4


class StoreError(NewsKGError):
    exit_code = 5


class QueryError(NewsKGError):
    exit_code = 6
