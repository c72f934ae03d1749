"""The event model's round-3 shortcuts (`geowire.events.learned`, `.candidates`, `.features`), each checked
against the slow way it replaces."""

from __future__ import annotations

from geowire.events import learned
from geowire.events.candidates import Candidate, _attach_ids, candidates_for_doc
from geowire.events.features import FeatureParts
from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.model import ActorMention
from geowire.tokens import doc_tokens

TEXT = ("Russia condemned the decision while Germany met French officials in Berlin. The army attacked a village "
        "near the border, and Iran announced new talks. Protesters marched in Paris as the EU warned Turkey. "
        "China said it would send aid to Nepal, and India rejected the plan.")


def _setup(nlp, text: str) -> tuple:
    """The document of `text`, the stage, its pattern events, mentions and `_Assessor`."""
    doc = nlp(text)
    stage = nlp.get_pipe("geowire_event_model")
    mentions = doc_mentions(doc, resolved_only=True)
    assessor = learned._Assessor(doc, RoleFinder(doc, mentions, stage.light, doc_groups(doc)), stage.lex,
                                 stage.vetoes, stage.words)
    return doc, stage, doc._.geowire_rule_events or [], mentions, assessor


def _events(nlp, text: str, refuse: bool) -> list[dict]:
    """The stage's events for `text`, its candidates refused by `may_print` (`refuse`) or all of them made."""
    doc, stage, rules, mentions, assessor = _setup(nlp, text)
    model = stage.model
    wanted = (lambda d, c: learned.may_print(d, c, model.classes, assessor)) if refuse else None
    cands = candidates_for_doc(doc, mentions, rules, wanted=wanted, index=model.index)
    ids = [c.ids for c in cands]
    return learned.decide(doc, cands, ids, model.scores(ids), model, rules, assessor)


def test_refused_candidates_change_no_event(nlp) -> None:
    assert _events(nlp, TEXT, refuse=True) == _events(nlp, TEXT, refuse=False)


def test_may_print_keeps_what_aimless_and_vetoed_keep(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, TEXT)
    classes = stage.model.classes
    cands = candidates_for_doc(doc, mentions, rules)
    slow = []
    for c in cands:
        named = assessor.words.roots_at(assessor.toks, c.trigger).intersection(classes)
        roots = assessor.pattern_roots(c, classes) or ([] if learned._sporty(c, assessor) else named)
        slow.append(any(not assessor.aimless(c, r) and not assessor.vetoed(c, r) for r in roots))
    assert [learned.may_print(doc, c, classes, assessor) for c in cands] == slow
    assert not all(slow)


def test_names_another_kept_per_sentence_and_code(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, TEXT)
    for c in candidates_for_doc(doc, mentions, rules):
        slow = bool(assessor.codes.get(assessor.sentence_of[c.trigger], set()) - {c.source.code})
        assert assessor.names_another(c) == slow


def test_attached_ids_of_empty_and_full_rows() -> None:
    m = ActorMention(code="RUS", country="RUS")
    cands = [Candidate(0, m, None, i, "alone") for i in range(3)]
    _attach_ids(cands, [[], [5, 4], []])
    assert [c.ids.tolist() for c in cands] == [[], [5, 4], []]


def test_aimless_reading_needs_no_target_and_another_actor() -> None:
    class _Bare(learned._Assessor):
        def __init__(self) -> None:
            self.codes = {0: {"RUS", "DEU"}}
            self.sentence_of = [0, 0, 0]
            self._another = {}

    assessor = _Bare()
    rus, deu = ActorMention(code="RUS", country="RUS"), ActorMention(code="DEU", country="DEU")
    assert assessor.aimless(Candidate(0, rus, None, 1, "alone"), "11")
    assert not assessor.aimless(Candidate(0, rus, None, 1, "alone"), "14")  # a root often aimed at no one
    assert not assessor.aimless(Candidate(0, rus, deu, 1, "pair"), "11")


def test_nameable_is_roots_at_among_classes(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, TEXT)
    classes = stage.model.classes
    for c in candidates_for_doc(doc, mentions, rules):
        assert assessor.nameable(c.trigger, classes) == assessor.words.roots_at(assessor.toks, c.trigger).intersection(classes)


def test_rule_part_is_the_strings_of_each_event(nlp) -> None:
    doc = nlp("Russia condemned Germany.")
    parts = FeatureParts(doc, doc_tokens(doc), [], None)
    rules = [{"cameo": "111", "modality": "actual", "negated": False, "confidence": 0.8349, "pattern": "p1"},
             {"cameo": 190, "modality": "hypothetical", "negated": True, "confidence": 0.25}]
    assert parts._rule_part(rules, "condemn") == [
        "R=11", "Rc=111", "R|L=11|condemn", "Rmod=actual", "Rneg=False", "Rconf=0.8", "Rpat=p1",
        "R=19", "Rc=190", "R|L=19|condemn", "Rmod=hypothetical", "Rneg=True", "Rconf=0.2", "Rpat=None"]


def test_roots_at_a_word_are_those_its_forms_and_objects_name(nlp) -> None:
    words = nlp.get_pipe("geowire_event_model").words
    doc = nlp("Russia expressed concern and signed a deal, then the talks ended and a table stood.")
    toks = doc_tokens(doc)
    for i in range(len(toks)):
        objects = {w for ch in toks.children[i] if toks.dep[ch] in ("dobj", "attr", "prt", "nsubjpass")
                   for w in (toks.lemma[ch].lower(), toks.lower[ch])}
        assert words.roots_at(toks, i) == words.roots_named((toks.lemma[i].lower(), toks.lower[i]), objects)
