"""The one user-facing error class: an actionable, one-line message."""

__all__ = ["GeowireError"]


class GeowireError(Exception):
    """A problem the user can fix (bad path, bad option, unreadable input).

    The CLI prints its message on one line and exits non-zero; library callers catch it.
    """
