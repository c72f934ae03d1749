"""The CAMEO codebook as the coder sees it: Goldstein value, quad class and PLOVER type for each code, and the
named groups of CAMEO roots ("01" make a public statement ... "20" use unconventional mass violence) that the
coders test codes against."""

from __future__ import annotations

from ..knowledge import CodebookEntry, load_codebook

__all__ = ["lookup", "root_of", "STATEMENT_CODE", "ACCUSATION_CODE", "THREAT_CODE", "THREAT_OF_FORCE_CODE",
           "INTENT_ROOT", "THREATEN_ROOT", "PROTEST_ROOT", "COERCE_ROOT", "ASSAULT_ROOT", "FIGHT_ROOT", "COOPERATIVE_ROOTS",
           "APPEAL_INTENT_DEMAND_ROOTS", "REJECT_AND_HOSTILE_ROOTS", "HOSTILE_ROOTS", "FORCE_ROOTS",
           "FORCE_OR_THREAT_ROOTS", "COERCIVE_ROOTS", "VIOLENT_ROOTS"]


def _roots(first: int, last: int = 20) -> frozenset[str]:
    return frozenset(f"{i:02d}" for i in range(first, last + 1))


STATEMENT_CODE = "010"  # make a public statement
ACCUSATION_CODE = "112"  # accuse
THREAT_CODE = "130"  # threaten, not specified
THREAT_OF_FORCE_CODE = "138"  # threaten with military force

INTENT_ROOT = "03"  # express intent to cooperate
THREATEN_ROOT = "13"
PROTEST_ROOT = "14"
COERCE_ROOT = "17"
ASSAULT_ROOT = "18"
FIGHT_ROOT = "19"
COOPERATIVE_ROOTS = _roots(1, 8)  # statement, appeal, intent, consult, diplomatic and material cooperation, aid
APPEAL_INTENT_DEMAND_ROOTS = frozenset({"02", "03", "10"})  # acts addressed to someone (appeal, offer, demand)
REJECT_AND_HOSTILE_ROOTS = _roots(12)  # reject, threaten, protest, force posture, reduce relations, ... violence
HOSTILE_ROOTS = _roots(13)  # threaten and every root after it
FORCE_ROOTS = _roots(15)  # exhibit force posture, reduce relations, coerce, assault, fight, mass violence
FORCE_OR_THREAT_ROOTS = FORCE_ROOTS | {THREATEN_ROOT}
COERCIVE_ROOTS = _roots(17)  # coerce, assault, fight, mass violence
VIOLENT_ROOTS = _roots(18)  # assault, fight, mass violence


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
