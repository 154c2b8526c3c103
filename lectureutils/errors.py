"""The errors of the lecture engine, one hierarchy for the build, the CLI and the tests.

Each error knows what went wrong, where (``location``: ``docs/page.md:line`` once a page is known)
and, where one exists, the command that fixes it (``fix``). The MkDocs plugin reports each one
once, as ``page:line: message (fix: command)``; ``python -m lectureutils`` prints the same text.
This module imports nothing of the project: every layer may raise these.
"""

from __future__ import annotations

PRECOMPUTE = "make precompute"


class LectureError(Exception):
    """Base class: a message, an optional page location and an optional fixing command."""

    fix: str | None = None

    def __init__(self, message: str, *, location: str | None = None, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        if fix is not None:
            self.fix = fix

    def at(self, location: str) -> LectureError:
        """This error, placed at ``location`` unless it already names a more precise one."""
        if self.location is None:
            self.location = location
        return self

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.fix and self.fix not in self.message:
            text += f" (fix: run `{self.fix}`)"
        return text


class DirectiveError(LectureError):
    """A directive cannot be rendered: unknown name, wrong arguments, bad value."""


class DirectiveSyntaxError(DirectiveError):
    """A ``{{ ... }}`` line is not a call with literal arguments."""


class EntryError(LectureError):
    """A build-time result (snippet run, computation, demo figure) cannot be read from the cache."""

    fix = PRECOMPUTE


class EntryMissingError(EntryError):
    """No entry under the key: nothing was ever produced for these inputs."""


class EntryStaleError(EntryMissingError):
    """No entry under the key, but one for the same subject under older inputs."""


class CorruptEntryError(EntryError):
    """An entry exists on disk but cannot be trusted (bad JSON, wrong checksum, wrong key)."""


class ResultShapeError(EntryError):
    """An entry's result does not have the shape its renderer expects (typed schema)."""


class ModelMissingError(LectureError):
    """A model package is not installed; the message names the install command."""


class ExecutionError(LectureError):
    """A snippet or a computation failed or timed out while producing its entry."""
