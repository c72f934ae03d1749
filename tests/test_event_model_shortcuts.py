"""The event model's shortcuts (`geowire.events.learned`, `.candidates`, `.features`, `.scoring`): refusing
hopeless candidates before featuring them, kept feature parts, flat scoring and explain's rounded effects, each
checked against the slow way it replaces."""

from __future__ import annotations

import numpy as np
import pytest

from geowire.events import learned
from geowire.events.candidates import Candidate, _Coded, candidates_for_doc, coded_candidates
from geowire.events.features import FeatureParts
from geowire.events.records import doc_groups, doc_mentions
from geowire.events.roles import RoleFinder
from geowire.events.scoring import EventModel, load_event_model
from geowire.model import ActorMention
from geowire.tokens import doc_tokens

TEXT = ("Russia condemned the decision while Germany met French officials in Berlin. The army attacked a village "
        "near the border, and Iran announced new talks. Protesters marched in Paris as the EU warned Turkey. "
        "China said it would send aid to Nepal, and India rejected the plan.")
DATED_TEXT = TEXT.removesuffix(".") + " on Monday."  # one date word for the dated tests


def _setup(nlp, text: str) -> tuple:
    """The document of `text`, the stage, its pattern events, mentions and `_Assessor`."""
    doc = nlp(text)
    stage = nlp.get_pipe("geowire_event_model")
    mentions = doc_mentions(doc, resolved_only=True)
    assessor = learned._Assessor(doc, RoleFinder(doc, mentions, stage.light, doc_groups(doc)), stage.lex,
                                 stage.vetoes, stage.words, mentions)
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
    joined = _Coded()
    for ids in ([], [5, 4], []):
        joined.add(ids)
    joined.attach(cands)
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


@pytest.fixture(scope="module")
def model() -> EventModel:
    loaded = load_event_model()
    assert loaded is not None
    return loaded


def _rows(model: EventModel) -> list[np.ndarray]:
    rng = np.random.default_rng(3)
    n = model.weights.shape[0]
    return [rng.integers(0, n, size=k) for k in (0, 5, 40, 1, 0, 12)]


def test_numpy_rounding_of_every_effect_is_rounds(model: EventModel) -> None:
    flat = model.effects.ravel()
    assert np.round(flat.astype(np.float64), 2).tolist() == [round(w, 2) for w in flat.tolist()]


def test_explained_effects_are_the_rounded_contributions(model: EventModel) -> None:
    rows, classes = _rows(model), [1, 2, 3, 4, 5, 6]
    slow = [([[f, round(w, 2)] for f, w in up], [[f, round(w, 2)] for f, w in down])
            for up, down in model.contributions_of(rows, classes, 6)]
    assert model.explained_of(rows, classes, 6) == slow


def test_explained_effects_of_no_rows(model: EventModel) -> None:
    assert model.explained_of([], [], 6) == []


def test_flat_scores_are_the_rows_scores_bit_for_bit(model: EventModel) -> None:
    rows = _rows(model)
    flat, lengths = np.concatenate(rows), np.array([len(r) for r in rows], dtype=np.int64)
    assert model.scores_flat(flat, lengths).tobytes() == model.scores(rows).tobytes()


def test_coded_candidates_flat_is_their_ids(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    cands, flat, lengths = coded_candidates(doc, mentions, rules, lambda d, c: True, stage.model.index)
    assert flat.tolist() == [i for c in cands for i in c.ids.tolist()]
    assert lengths.tolist() == [len(c.ids) for c in cands]
    slow = candidates_for_doc(doc, mentions, rules, index=stage.model.index)
    assert [c.ids.tolist() for c in cands] == [c.ids.tolist() for c in slow]


def test_assessment_kept_per_trigger_is_assess_at(nlp) -> None:
    from geowire.events.negation import assess_at

    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    for t in doc:
        verb = t.i if t.pos_ in ("VERB", "AUX") else assessor.finder.governing_verb_at(t.i)
        fresh = assess_at(t.i, verb, assessor.finder, stage.lex)
        assert assessor.assessment(t.i) == fresh


def test_date_kept_per_trigger_is_event_date_at(nlp) -> None:
    from geowire.events.dates import event_date_at

    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    doc._.geowire_date = assessor.doc_date = "2023-05-04"
    toks = doc_tokens(doc)
    verbs = [t.i if t.pos_ == "VERB" else assessor.finder.governing_verb_at(t.i) for t in doc]
    slow = [event_date_at(toks, t.i, verb, "2023-05-04") for t, verb in zip(doc, verbs, strict=True)]
    assert [learned._date_at(assessor, t.i) for t in doc] == slow
    assert "2023-05-01" in slow  # "on Monday"


def test_explained_effects_of_empty_rows(model: EventModel) -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert model.explained_of([empty, empty], [1, 2], 6) == [([], []), ([], [])]


def test_flat_scores_of_full_rows_are_the_bias_plus_the_sums(model: EventModel) -> None:
    rows = [r for r in _rows(model) if len(r)]
    flat, lengths = np.concatenate(rows), np.array([len(r) for r in rows], dtype=np.int64)
    z = np.repeat(model.bias[None, :].astype(np.float32), len(rows), axis=0)
    z += np.add.reduceat(model.weights[flat], np.concatenate(([0], np.cumsum(lengths)[:-1])), axis=0)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    assert model.scores_flat(flat, lengths).tobytes() == (e / e.sum(axis=1, keepdims=True)).tobytes()


def test_actor_parts_kept_per_lemma_are_the_made_ones(nlp) -> None:
    from geowire.events.features import FeatureParts, _actor_part
    from geowire.tokens import doc_tokens

    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    parts = FeatureParts(doc, doc_tokens(doc), mentions, None)
    rec = parts._actor(mentions[0])
    kept = parts._actor_lemma(rec, "o", "meet")
    assert rec.as_target["meet"] is kept and "meet" not in rec.as_source
    assert kept == _actor_part("o", rec.values, "meet")


def test_pair_part_is_the_three_parts_in_order() -> None:
    from geowire.events.features import _joined, _pair_kind_part, _pair_part, _pair_rest_part

    args = (True, "name", "role", "state", "person", "meet", False, True, "two", False, "GOV", "MIL")
    assert _pair_part(*args) == [*_pair_kind_part(True, "name", "role", "state", "person"),
                                 *_joined("same|L", True, "meet"),
                                 *_pair_rest_part(True, False, True, "two", False, "GOV", "MIL")]


def test_may_print_kept_per_key_is_may_print(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    classes = stage.model.classes
    cands = candidates_for_doc(doc, mentions, rules)
    slow = [learned.may_print(doc, c, classes, assessor) for c in cands]
    assert [assessor.may_print(c, classes) for c in cands] == slow
    assert [assessor.may_print(c, classes) for c in cands] == slow  # the kept answers
    assert len(assessor._printable) < len(cands)


def test_readings_identity_and_standing() -> None:
    from geowire.events.readings import identity, standing

    e = {"sentence_index": 2, "trigger": {"start": 10}, "source": {"code": "RUS"}, "target": None, "cameo": "190",
         "explain": {"backed": True}, "confidence": 0.4}
    assert identity(e) == (2, 10, "RUS", None, "190")
    assert standing(e) == (True, 0.4)


def test_date_kept_per_trigger_is_date_at(nlp) -> None:
    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    assessor.doc_date = "2023-05-04"
    slow = [learned._date_at(assessor, t.i) for t in doc]
    assert [assessor.date(t.i) for t in doc] == slow
    assert [assessor.date(t.i) for t in doc] == slow  # the kept dates


def test_constant_parts_made_once_per_document_are_the_parts(nlp) -> None:
    from geowire.events.features import _NO_RULE, _NO_TARGET, MAX_PATH, FeatureParts, _one
    from geowire.tokens import doc_tokens

    doc, stage, rules, mentions, assessor = _setup(nlp, DATED_TEXT)
    parts = FeatureParts(doc, doc_tokens(doc), mentions, stage.model.index)
    assert parts._plens == [parts.part((_one, "plen", n)) for n in range(MAX_PATH + 2)]
    assert (parts._no_target, parts._no_rule) == (parts.part(_NO_TARGET), parts.part(_NO_RULE))


def test_sort_by_group_and_size_is_the_lexsort(model: EventModel) -> None:
    from geowire.events.scoring import _by_group_and_size

    rng = np.random.default_rng(5)
    n = model.effects.shape[1]
    ids = rng.choice(n, size=600, replace=False)
    group = np.sort(rng.integers(0, 40, size=600))
    effect = model.effects[3, ids]
    effect[:20] = effect[20:40]  # ties, broken by index
    assert _by_group_and_size(group, effect, ids, n).tolist() == np.lexsort((ids, -np.abs(effect), group)).tolist()
