"""The exceptions abmcontent raises: one root, each user error carrying where and why.

The CLI maps :class:`AbmError` subclasses to exit code 1 and prints their ``str()``;
anything else is a bug and is reported as an internal error.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class AbmError(Exception):
    """Root of every error abmcontent raises on purpose (bad input, failed document)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a workspace file.

    Attributes:
        file: path of the file, relative to the workspace when possible.
        line: 1-based line number, or ``None`` when the file as a whole is at fault.
        field: dotted path of the field inside the file (``stakeholders.2.role``), or ``""``.
        reason: what is wrong, in words a user understands.
        severity: ``"error"``, ``"warning"`` or ``"info"`` (a note: what would make a
            document fuller, say).
    """

    file: str
    line: int | None
    field: str
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field_part = f" {self.field}:" if self.field else ""
        prefix = f"{self.severity}: " if self.severity in ("warning", "info") else ""
        return f"{where}:{field_part} {prefix}{self.reason}"


@dataclass
class InputError(AbmError):
    """The workspace has one or more errors; ``problems`` lists each of them."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass
class TemplateError(AbmError):
    """A template cannot be compiled or rendered.

    Attributes:
        template: the template file (relative to the workspace when possible).
        location: where inside it (``slide 3, shape 'Title 1'``, ``paragraph 12``, ``line 40``).
        reason: what went wrong.
        expression: the offending Jinja expression, when known.
    """

    template: str
    location: str
    reason: str
    expression: str = ""

    def __str__(self) -> str:
        expr = f" in `{self.expression}`" if self.expression else ""
        loc = f", {self.location}" if self.location else ""
        return f"{self.template}{loc}: {self.reason}{expr}"


class RenderError(AbmError):
    """A document could not be produced (converter missing, output unwritable, ...)."""


class BuildCancelled(AbmError):
    """A build was cancelled (from the web page); what it finished is kept."""


class UsageError(AbmError):
    """The command was called wrongly (unknown account, document or audience); exit code 2."""


def describe_os_error(exc: OSError) -> str:
    """``PATH: reason`` for an I/O error (read-only folder, disk full, no permission)."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason
