"""Candidate events and their features (`geowire.events.candidates`, `geowire.events.features`): the strings
training reads, the model's indices the run-time model reads (equal to `EventModel.encode` of the strings), and
the parts they are made of, kept per document and per process (a part kept is the part made afresh)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import geowire
from geowire.events import features
from geowire.events.candidates import Candidate, _ancestors, candidates_for_doc
from geowire.events.records import doc_mentions
from geowire.events.scoring import EventModel, load_event_model
from geowire.knowledge import data_path
from geowire.tokens import doc_tokens

TEXT = ("Russia and China signed a trade deal on Tuesday. Police in Lagos arrested twelve protesters, and the French "
        "president did not meet his Ghanaian counterpart.")

# As the features were made string by string before they were made of kept parts (the model was trained on these).
PATTERN_FEATURES = [
    "bias", "kind=pattern", "L=sign", "P=VERB", "L|P=sign|VERB", "ss=self", "os=self", "L|ss=sign|self",
    "L|os=sign|self", "ss|os=self|self", "L|ss|os=sign|self|self", "dep=ROOT", "plen=0", "sk=state", "ss=-",
    "sh=dictionary", "sf=name", "sc=st", "ss|L=-|sign", "sf|L=name|sign", "ok=state", "os=-", "oh=dictionary",
    "of=name", "oc=st", "os|L=-|sign", "of|L=name|sign", "same=False", "same|sf|of=False|name|name",
    "sk|ok=state|state", "same|L=False|sign", "samecode=False", "sfirst=False", "same|breadth=False|many",
    "same|home=False|False", "tag=VBD", "L|obj=sign|deal", "slen=short", "dlen=brief", "breadth=many", "R=05",
    "Rc=057", "R|L=05|sign", "Rmod=actual", "Rneg=False", "Rconf=0.9", "Rpat=sign",
]
PAIR_FEATURES = [
    "bias", "kind=pair", "L=meet", "P=VERB", "L|P=meet|VERB", "ss=nsubj", "os=dobj", "L|ss=meet|nsubj",
    "L|os=meet|dobj", "ss|os=nsubj|dobj", "L|ss|os=meet|nsubj|dobj", "dep=conj", "sp=meet", "op=counterpart",
    "op=meet", "plen=5", "sk=role", "ss=GOV", "sh=pattern", "sf=state", "sc=st", "ss|L=GOV|meet", "sf|L=state|meet",
    "sw=president", "ok=state", "os=-", "oh=dictionary", "of=adjective", "oc=st", "os|L=-|meet",
    "of|L=adjective|meet", "same=False", "same|sf|of=False|state|adjective", "sk|ok=role|state", "same|L=False|meet",
    "samecode=False", "sfirst=True", "same|breadth=False|many", "same|home=False|False", "neg0", "gov0=conj:arrest",
    "tag=VB", "L|obj=meet|counterpart", "slen=short", "dlen=brief", "breadth=many", "R=04", "Rc=040", "R|L=04|meet",
    "Rmod=actual", "Rneg=True", "Rconf=0.8", "Rpat=meet",
]


@pytest.fixture(scope="module")
def model() -> EventModel:
    loaded = load_event_model()
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def docs(nlp) -> list:
    arts = [geowire.Article(id="t", text=TEXT, date="2023-03-03")]
    for i, line in enumerate(data_path("sample", "articles.jsonl").open(encoding="utf-8")):
        arts.append(geowire.Article(id=f"s{i}", text=json.loads(line)["text"], date="2023-03-03"))
    return list(geowire.parse(arts, nlp))


def _candidates(doc, **kw) -> list[Candidate]:
    return candidates_for_doc(doc, doc_mentions(doc, resolved_only=True), doc._.geowire_rule_events or [], **kw)


def _features(docs: list) -> list[list[list[str]]]:
    return [[c.features for c in _candidates(doc)] for doc in docs]


def test_the_features_are_those_the_model_was_trained_on(docs) -> None:
    doc = docs[0]
    found = {(c.kind, c.source.text, c.target.text if c.target else None): c.features for c in _candidates(doc)}
    assert found[("pattern", "China", "Russia")] == PATTERN_FEATURES
    assert found[("pair", "the French president", "Ghanaian")] == PAIR_FEATURES


def test_the_ids_are_the_encoded_features(docs, model: EventModel) -> None:
    for doc in docs:
        strings = _candidates(doc)
        coded = _candidates(doc, index=model.index)
        assert [(c.kind, c.trigger, c.cues) for c in coded] == [(c.kind, c.trigger, c.cues) for c in strings]
        for s, c in zip(strings, coded, strict=True):
            assert c.ids.dtype == np.int64 and c.ids.tolist() == model.encode(s.features).tolist()
            assert c.features == [] and s.ids.size == 0


def test_the_wanted_candidates_are_coded_alike(docs, model: EventModel) -> None:
    def wanted(doc, c: Candidate) -> bool:
        return c.target is not None

    for doc in docs:
        strings = _candidates(doc, wanted=wanted)
        coded = _candidates(doc, wanted=wanted, index=model.index)
        assert [c.ids.tolist() for c in coded] == [model.encode(c.features).tolist() for c in strings]


def test_parts_kept_from_other_documents_are_the_parts_made_afresh(docs) -> None:
    features._CODES.clear()
    forward = _features(docs)
    features._CODES.clear()
    backward = _features(docs[::-1])[::-1]
    assert forward == backward


def test_a_full_part_cache_starts_afresh(docs, monkeypatch) -> None:
    want = _features(docs)
    monkeypatch.setattr(features, "_MAX_KEPT", 3)
    assert _features(docs) == want


def test_the_sentences_are_the_docs(docs) -> None:
    for doc in docs:
        assert doc_tokens(doc).sentence_bounds == [(s.start, s.end) for s in doc.sents]


def test_the_head_chains_are_the_tokens_ancestors(docs) -> None:
    for doc in docs:
        toks = doc_tokens(doc)
        for t in doc:
            assert _ancestors(toks, t.i) == [t.i, *[a.i for a in t.ancestors]][:12]


def _path_words(nlp, text: str) -> dict[tuple[str, str | None], list[tuple[str, str, str]]]:
    """The path-word candidates of `text` by (source, target) text: (word, source slot, target slot)."""
    doc = nlp(text)
    out: dict[tuple[str, str | None], list[tuple[str, str, str]]] = {}
    for c in _candidates(doc):
        if c.kind == "path word":
            slots: dict[str, str] = {}  # the slots come before the sectors, which share their prefixes
            for f in c.features:
                if f.startswith(("ss=", "os=")):
                    slots.setdefault(f[:2], f[3:])
            out.setdefault((c.source.text, c.target.text if c.target else None), []).append(
                (doc[c.trigger].text, slots["ss"], slots["os"]))
    return out


def test_a_coordinated_verb_on_the_targets_path_is_a_candidate(nlp) -> None:
    found = _path_words(nlp, "The Kenyan army surrounded the camp and questioned nine Somali fighters.")
    assert ("questioned", "down:conj", "dobj") in found[("The Kenyan army", "Somali fighters")]
    assert ("questioned", "dobj", "down:conj") in found[("Somali fighters", "The Kenyan army")]


def test_the_object_of_a_light_verb_is_a_candidate(nlp) -> None:
    found = _path_words(nlp, "Poland announced new visa restrictions on Belarusian officials.")
    assert found[("Poland", "Belarusian officials")] == [("restrictions", "down:dobj", "prep:on")]


def test_the_linking_word_and_the_mentions_own_words_are_no_path_words(nlp) -> None:
    doc = nlp("Poland announced new visa restrictions on Belarusian officials.")
    for c in _candidates(doc):
        if c.kind == "path word":
            assert doc[c.trigger].text != "announced"
            for m in (c.source, c.target):
                assert not m.tok_start <= c.trigger < m.tok_end


def test_no_path_word_where_the_pattern_coder_coded_the_pair(nlp) -> None:
    doc = nlp("The Kenyan army surrounded the camp and disarmed nine Somali fighters.")
    coded = {(r["source"]["start"], (r["target"] or {}).get("start"), r["trigger"]["start"])
             for r in doc._.geowire_rule_events}
    assert any(r["trigger"]["text"] == "disarmed" for r in doc._.geowire_rule_events)
    made = {(c.source.start, c.target.start if c.target else None, doc[c.trigger].idx)
            for c in _candidates(doc) if c.kind == "path word"}
    assert made and not made & coded  # the other direction on "disarmed" is made: no pattern coded it


def test_a_path_coming_down_to_the_trigger_has_a_down_slot(nlp) -> None:
    doc = nlp("The army searched the camp and detained nine fighters.")
    toks = doc_tokens(doc)
    searched, detained, fighters = 2, 6, 8
    assert features.slot(toks, (1, searched, detained), detained) == "down:conj"
    assert features.slot(toks, (fighters, detained), detained) == "dobj"
