"""The CAMEO codebook as the coder sees it: Goldstein value, quad class and PLOVER type for each code."""

from __future__ import annotations

from ..knowledge import CodebookEntry, load_codebook

__all__ = ["lookup", "root_of"]


def root_of(code: str) -> str:
    """The two-digit CAMEO root of a code ("0431" -> "04")."""
    return code[:2]


def lookup(code: str) -> CodebookEntry:
    """The codebook entry for `code`, falling back to its nearest listed parent ("0431" -> "043" -> "04")."""
    book = load_codebook()
    c = code
    while c:
        if c in book:
            return book[c]
        if len(c) <= 2:
            break
        c = c[:-1]
    root = root_of(code)
    if root + "0" in book:
        return book[root + "0"]
    raise KeyError(f"CAMEO code {code!r} is not in the codebook")
