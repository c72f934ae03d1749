"""The event model's round-3 shortcuts (`geowire.events.learned`, `.candidates`, `.features`), each checked
against the slow way it replaces."""

from __future__ import annotations

from geowire.events import learned
from geowire.events.candidates import Candidate, candidates_for_doc
from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.model import ActorMention

TEXT = ("Russia condemned the decision while Germany met French officials in Berlin. The army attacked a village "
        "near the border, and Iran announced new talks. Protesters marched in Paris as the EU warned Turkey. "
        "China said it would send aid to Nepal, and India rejected the plan.")


def _events(nlp, text: str, refuse: bool) -> list[dict]:
    """The stage's events for `text`, its candidates refused by `may_print` (`refuse`) or all of them made."""
    doc = nlp(text)
    stage = nlp.get_pipe("geowire_event_model")
    model, rules = stage.model, doc._.geowire_rule_events or []
    mentions = doc_mentions(doc, resolved_only=True)
    assessor = learned._Assessor(doc, RoleFinder(doc, mentions, stage.light, doc_groups(doc)), stage.lex,
                                 stage.vetoes, stage.words)
    wanted = (lambda d, c: learned.may_print(d, c, model.classes, assessor)) if refuse else None
    cands = candidates_for_doc(doc, mentions, rules, wanted=wanted, index=model.index)
    ids = [c.ids for c in cands]
    return learned.decide(doc, cands, ids, model.scores(ids), model, rules, assessor)


def test_refused_candidates_change_no_event(nlp) -> None:
    assert _events(nlp, TEXT, refuse=True) == _events(nlp, TEXT, refuse=False)


def test_aimless_reading_needs_no_target_and_another_actor() -> None:
    class _Bare(learned._Assessor):
        def __init__(self) -> None:
            self.codes = {0: {"RUS", "DEU"}}
            self.sentence_of = [0, 0, 0]

    assessor = _Bare()
    rus, deu = ActorMention(code="RUS", country="RUS"), ActorMention(code="DEU", country="DEU")
    assert assessor.aimless(Candidate(0, rus, None, 1, "alone"), "11")
    assert not assessor.aimless(Candidate(0, rus, None, 1, "alone"), "14")  # a root often aimed at no one
    assert not assessor.aimless(Candidate(0, rus, deu, 1, "pair"), "11")
