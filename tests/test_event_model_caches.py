"""The event model's per-document and per-process shortcuts (`geowire.events.learned`, `.features`,
`.candidates`), each checked against the slow way it replaces."""

from __future__ import annotations

import numpy
from spacy.attrs import LIKE_NUM, ORTH

from geowire.events import learned
from geowire.events.candidates import Candidate, _Coded
from geowire.events.features import _year_sentences
from geowire.model import ActorMention
from geowire.tokens import doc_tokens

TEXT = ("The treaty of 1982 still holds. In 2024 Russia and China signed a deal. Some 1900s archives and 20th-century "
        "maps were shown in 19th street. The summit had 2000 guests.")


def test_year_sentences_match_the_array_way(nlp) -> None:
    doc = nlp(TEXT)
    toks = doc_tokens(doc)
    rows = doc.to_array([LIKE_NUM, ORTH])
    strings = doc.vocab.strings
    slow = {toks.sent_start[i] for i in numpy.flatnonzero(rows[:, 0]).tolist()
            if len(strings[int(rows[i, 1])]) == 4 and strings[int(rows[i, 1])][:2] in ("19", "20")}
    assert _year_sentences(doc, toks) == slow


def test_attached_ids_are_each_candidates_array() -> None:
    m = ActorMention(code="RUS", country="RUS")
    cands = [Candidate(0, m, None, i, "alone") for i in range(4)]
    coded = [[3, 1], [], [7], [2, 2, 9]]
    joined = _Coded()
    for ids in coded:
        joined.add(ids)
    joined.attach(cands)
    assert all(c.ids.dtype == numpy.int64 and c.ids.tolist() == f for c, f in zip(cands, coded, strict=True))


def test_pattern_roots_kept_per_rules_list() -> None:
    class _Bare(learned._Assessor):
        def __init__(self) -> None:
            self._roots = {}

    assessor = _Bare()
    m = ActorMention(code="RUS", country="RUS")
    rules = [{"cameo": "190", "negated": False}, {"cameo": "042", "negated": True}, {"cameo": "112", "negated": False}]
    classes = ["NONE", "04", "11", "19"]
    a, b = Candidate(0, m, None, 1, "pair", rules=rules), Candidate(0, m, None, 2, "pair", rules=rules)
    assert assessor.pattern_roots(a, classes) == learned._pattern_roots(a, classes) == ["11", "19"]
    assert assessor.pattern_roots(b, classes) == learned._pattern_roots(b, classes)
    assert assessor.pattern_roots(Candidate(0, m, None, 3, "alone"), classes) == []
