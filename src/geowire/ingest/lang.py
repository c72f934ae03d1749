"""Language detection (langdetect, seeded so that every run decides the same way).

Only texts long enough to judge are judged: below `MIN_LETTERS` letters a text is taken as English (short
headlines fool any detector). A text is skipped only when another language is detected with
probability of at least `MIN_PROB`. A text whose words are at least 20% common English function words
is taken as English without running the (slower) detector.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

__all__ = ["detect", "skip_reason", "MIN_LETTERS", "MIN_PROB"]

DetectorFactory.seed = 0
MIN_LETTERS = 80
MIN_PROB = 0.80
_SAMPLE = 1500  # characters examined: the start of an article decides its language
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    "the of and to in a is that for on with as was were by at from has have had it its be are an this which "
    "said says will would not but or after they their he she his her who than been also over".split())
_ENGLISH_SHARE = 0.20


def detect(text: str) -> tuple[str, float]:
    """(language code, probability); ("und", 0.0) when the text is too short or has no letters."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return "und", 0.0
    words = _WORD.findall(sample.lower())
    if words and sum(w in _ENGLISH for w in words) / len(words) >= _ENGLISH_SHARE:
        return "en", 1.0
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return "und", 0.0
    return str(best.lang), float(best.prob)


def skip_reason(text: str, languages: tuple[str, ...] = ("en",)) -> tuple[str, str | None]:
    """(language, reason to skip or None) for a document."""
    lang, prob = detect(text)
    if lang == "und" or lang in languages or prob < MIN_PROB:
        return lang, None
    return lang, f"language {lang} (p={prob:.2f}), not {'/'.join(languages)}"
