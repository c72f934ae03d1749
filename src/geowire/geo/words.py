"""The geolocation stage's cue words (`data/geo/words.yml`) as one typed record of sets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Words"]


@dataclass(frozen=True)
class Words:
    """The cue words of `data/geo/words.yml`, as sets."""

    locative: frozenset[str]
    on_roots: frozenset[str]
    division: frozenset[str]
    city: frozenset[str]
    place_nouns: frozenset[str]
    dateline_roots: frozenset[str]
    verbal_roots: frozenset[str]
    abroad: frozenset[str]
    meeting_roots: frozenset[str]
    occasions: frozenset[str]
    on_target_roots: frozenset[str]
    on_target_lemmas: frozenset[str]
    on_source_lemmas: frozenset[str]
    common: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Words:
        def s(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key) or ())

        return cls(s("locative_preps"), s("on_roots"), s("division_words"), s("city_words"), s("place_nouns"),
                   s("dateline_roots"), s("verbal_roots"), s("abroad_roles"), s("meeting_roots"),
                   s("occasion_nouns"), s("on_target_roots"), s("on_target_lemmas"), s("on_source_lemmas"),
                   s("common_words"))
