"""The learned event model: which candidate events the text asserts, with which CAMEO root, and how sure.

The pattern coder (`events/component.py`) proposes events from trigger patterns; `events/candidates.py`
turns those proposals and every parse-linked pair of actors into candidates with features. This module
scores each candidate with a multinomial logistic model over those features (NONE or one of the 20 CAMEO
roots), trained on the project's own labelled corpus (`training/`, never on the dev or public gold sets),
and maps the score to a calibrated probability: `confidence` is the share of events printed at that
score that the text supports, measured on held-out labelled articles.

The model and its file are `events/scoring.py`'s: one gather and segment sum scores all of a document's
candidates, and only the candidates that could give an event `decide` keeps, whatever their scores
(`may_print`), are featured and scored. Readings are chosen first, one per word, country pair and root
(`readings.act_key`); negation, modality and `explain` are computed for the kept ones only. Without the
model file the pattern coder's events pass unchanged.

The component `geowire_event_model` runs after `geowire_events`: it reads `doc._.geowire_rule_events` and writes
`doc._.geowire_events`, keeping every event with its confidence (those below the default bar too: a user can lower
it without coding again) and the pattern coder's negated and hypothetical events as they were."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .. import knowledge as kb
from ..component_base import GeowireComponent
from ..knowledge import data_path, default_min_confidence
from ..model import ActorMention
from ..sentences import doc_text
from ..tokens import doc_tokens
from .candidates import Candidate, coded_candidates
from .codebook import COERCIVE_ROOTS, root_of
from .dates import event_date_at
from .features import SPEECH_ROOTS, ActWords, act_words
from .negation import Assertion, assess_at, cue_lexicon, negated_target
from .parties import no_party_reading, printed_source
from .readings import (
    Roles,
    act_key,
    against_pattern,
    coded_roles,
    drop_reversed,
    drop_shadowed,
    identity,
    standing,
)
from .records import doc_groups, doc_mentions, drop_vaguer, event_actor
from .roles import role_finder_for
from .scope import doc_scope
from .scoring import MODEL_FILE, EventModel, load_event_model
from .triggers import trigger_at

__all__ = ["EventModel", "load_event_model", "decide", "choose_root", "default_min_confidence", "MODEL_FILE",
           "KEEP_FLOOR", "MODEL_KEEP_FLOOR", "SPEECH_ROOTS", "ActWords", "act_words"]

_SAVED_MODEL = "event_model.npz"  # in a saved pipeline's component directory
KEEP_FLOOR = 0.1  # pattern-backed events under this calibrated probability are not kept at all
# The model's own proposals are kept from 0.2: its calibration gives any candidate with a nameable root about
# 0.14 (a quarter of those under 0.2 are right on the dev articles), and keeping them all triples the work.
MODEL_KEEP_FLOOR = 0.2
_FUTURE = {"will", "'ll", "shall"}
# The roots whose acts are often aimed at no one the text names: yielding ("ended the curfew"), investigating,
# protests ("thousands marched in Belgrade"), force posture ("showed off its new missiles") and domestic
# coercion ("crushed the uprising"). Any other act is aimed at someone: where its sentence names another actor,
# a reading without a target is one whose target was not found ("the move was condemned by members of the EU",
# "Moscow called ... as the EU's top diplomats prepare to meet"), and it is not kept; on the dev articles none
# of the 37 targetless events printed was right. Where the sentence names no one else ("Houthi rebels
# attacked a cargo ship in the Red Sea") the act may have no target.
TARGETLESS_ROOTS = frozenset({"08", "09", "14", "15", "17"})
Reading = tuple[str, float, bool]  # (root, score, pattern-backed) of an event a candidate may give

for _name in ("geowire_events", "geowire_rule_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _code_for(root: str, rule: dict[str, Any] | None, rules: list[dict[str, Any]], trigger_start: int
              ) -> tuple[str, str | None]:
    """The full CAMEO code: the pattern coder's for this pair (`rule`: `_rule_for` the candidate and root) or
    trigger where it has this root, else the root's general code ("17" -> "170"). Returns (code, pattern)."""
    if rule is not None:
        return str(rule["cameo"]), rule.get("pattern")
    for r in rules:
        if r["trigger"]["start"] == trigger_start and str(r["cameo"]).startswith(root):
            return str(r["cameo"]), r.get("pattern")
    return root + "0", None


def _modality(c: Candidate, assessor: Any) -> str:
    for r in c.rules:
        if not r["negated"] and r["modality"] != "hypothetical":
            return str(r["modality"])
    return "future" if assessor.announced(c.trigger) else "actual"


def choose_root(classes: list[str], p: np.ndarray, pattern_roots: list[str]) -> tuple[str, float, bool]:
    """(root, score, pattern-backed) of a candidate. Where the pattern coder coded the pair, the model is its
    verifier: the root is the pattern's (it knows the codebook's conventions: "agreed to provide aid" is
    intent, 03) and the score the model's probability of that root. Elsewhere the root is the model's best
    (not NONE) and the score its probability."""
    scored = [(float(p[classes.index(r)]), r) for r in pattern_roots if r in classes]
    if scored:
        score, root = max(scored)
        return root, score, True
    none = classes.index("NONE")
    order = [i for i in np.argsort(-p) if i != none]
    return classes[int(order[0])], float(p[order[0]]), False


Effects = tuple[list[list[Any]], list[list[Any]]]  # the features that raised, lowered a score: [name, effect]
_MOST_EFFECTS = 6  # of each kind, in `explain`


def _explain(c: Candidate, rule: dict[str, Any] | None, score: float, conf: float, backed: bool,
             effects: Effects) -> dict[str, Any]:
    """Why this event was printed: the candidate and the pattern behind it, how its actors were resolved, the
    negation and modality cues seen, and the features that raised or lowered its score (`effects`, from
    `EventModel.explained_of`: rounded to two places)."""
    raised, lowered = effects
    return {
        "candidate": c.kind, "pattern": rule.get("pattern") if rule else None, "backed": backed,
        "pattern_code": rule["cameo"] if rule else None,
        "target_search": rule.get("target_from") if rule else ("parse link" if c.target is not None else None),
        "source_resolution": c.source.how, "target_resolution": c.target.how if c.target is not None else None,
        "cues": list(c.cues),
        "score": round(score, 3), "confidence": round(conf, 3),
        "raised_by": raised, "lowered_by": lowered,
    }


def vetoed(doc: Doc, c: Candidate, root: str, vetoes: list[dict[str, Any]]) -> bool:
    """Whether the trigger is used in a sense that is no event of `root` (`sense_vetoes` in lexicon.yml:
    "struck a conciliatory tone", "called the minister a liar", "released a statement", "hails from Ohio",
    "warned residents to stay indoors", "launched a general strike")."""
    trig = doc[c.trigger]
    lemma, kids = trig.lemma_.lower(), [(ch.dep_, ch.lower_, ch.lemma_.lower()) for ch in trig.children]
    words = {"objects": {k[2] for k in kids if k[0] in ("dobj", "attr")}, "preps": {k[1] for k in kids if k[0] == "prep"},
             "modifiers": {w for k in kids if k[0] in ("compound", "amod", "poss") for w in k[1:]},  # "a phone call"
             "clauses": {k[2] for k in kids if k[0] in ("xcomp", "ccomp")},  # "warned residents to stay indoors"
             "object_modifiers": {m.lemma_.lower() for ch in trig.children if ch.dep_ == "dobj" for m in ch.children
                                  if m.dep_ in ("compound", "amod")}}  # "launched a general strike"
    for v in vetoes:
        if v["verb"] == lemma and (v["roots"] == "any" or root in v["roots"]) and (
                any(words[key] & set(v.get(key) or ()) for key in words)
                or (v.get("complement") and any(k[0] in ("oprd", "acomp") for k in kids))):
            return True
    return False


def _sporty(c: Candidate, assessor: Any) -> bool:
    """A sports sentence whose actors are bare country names ("Spain edged Italy")."""
    return (not c.source.sector and not (c.target.sector if c.target else None)
            and assessor.sentence_of[c.trigger] in assessor.sports_sentences)


def best_named_root(c: Candidate, classes: list[str], p: Sequence[float], assessor: Any) -> tuple[str, float] | None:
    """The most probable root (not NONE) the model may propose on this candidate, with its probability; None
    when there is none. Its trigger (with its objects: "expressed concern" is disapproval, "expressed support"
    is not) must be a word that can name that root, and one the target may take (`Candidate.target_roots`); a
    sports sentence between bare country names ("Spain edged Italy") proposes nothing."""
    named = assessor.nameable(c.trigger, classes)
    named = named if c.target_roots is None else named & c.target_roots
    if not named or _sporty(c, assessor):
        return None
    score, root = max((float(p[classes.index(r)]), r) for r in named)
    return root, score


def _status(doc: Doc, c: Candidate, assessor: Any) -> tuple[bool, str, ActorMention | None]:
    """Negation, modality and attribution of a candidate's trigger, by the same cues as the pattern coder's
    (`negation.assess_at`): whether an event happened is the model's question, whether the text asserts it
    is this one's."""
    a = assessor.assessment(c.trigger)
    negated = a.negated or (c.target is not None and negated_target(assessor.toks, c.target.head, c.trigger))
    modality = a.modality
    if a.attempted and modality == "hypothetical" and c.rules and root_of(str(c.rules[0]["cameo"])) in COERCIVE_ROOTS:
        modality = "actual"  # an attack attempted is made
    if modality == "actual":
        modality = _modality(c, assessor)
    return negated, modality, a.attributed_to


def _pattern_roots(c: Candidate, classes: list[str]) -> list[str]:
    if not c.rules:
        return []
    return sorted({root_of(str(r["cameo"])) for r in c.rules if not r["negated"]}.intersection(classes))


def may_print(doc: Doc, c: Candidate, classes: list[str], assessor: Any) -> bool:
    """Whether `decide` can keep any reading of the candidate, whatever its scores: one of the roots its
    `readings` can have (the pattern coder's for the pair, else those its trigger word can name outside a
    sports sentence) is neither an aimless targetless reading (`_Assessor.aimless`) nor vetoed. The others
    are neither featured nor scored."""
    roots: Collection[str] = assessor.pattern_roots(c, classes)
    if not roots:
        if _sporty(c, assessor):
            return False
        roots = assessor.nameable(c.trigger, classes)
    if c.target is None and assessor.names_another(c):  # `_Assessor.aimless` but of TARGETLESS_ROOTS
        roots = [r for r in roots if r in TARGETLESS_ROOTS]
    return any(not assessor.vetoed(c, r) for r in roots)


def readings(doc: Doc, c: Candidate, p: Sequence[float], classes: list[str], assessor: Any) -> list[Reading]:
    """(root, score, pattern-backed) of each event a candidate may give. Where the pattern coder coded the
    pair, one per root it coded ("said it would block ... unless": a statement and a threat), each scored by
    the model's probability of that root; elsewhere the model's best root among those its trigger word can
    name (`best_named_root`)."""
    pattern_roots = assessor.pattern_roots(c, classes)
    if pattern_roots:
        return [(r, float(p[classes.index(r)]), True) for r in pattern_roots]
    named = best_named_root(c, classes, p, assessor)
    return [(named[0], named[1], False)] if named else []


def _rule_for(c: Candidate, root: str) -> dict[str, Any] | None:
    return next((r for r in c.rules if str(r["cameo"]).startswith(root)), None)


def _core(c: Candidate, reading: Reading, conf: float, rules: list[dict[str, Any]], assessor: Any,
          rule: dict[str, Any] | None) -> dict[str, Any]:
    """What says which event a reading is (its identity, actors, code and standing): enough to choose among
    the readings before the kept ones are written out in full (`_complete`). `rule`: `_rule_for` the reading."""
    root, _score, backed = reading
    toks = assessor.toks
    code, pattern = _code_for(root, rule, rules, toks.idx[c.trigger])
    si = assessor.sentence_of[c.trigger]
    return {"sentence_index": si, "sentence": assessor.sentence_text(si), "sent_start": toks.idx[assessor.bounds[si][0]], "source": event_actor(printed_source(c.source, c.kind, root)), "target": event_actor(c.target),
            "trigger": rule["trigger"] if rule else trigger_at(toks, c.trigger), "cameo": code, "confidence": round(conf, 3),
            "pattern": pattern, "explain": {"backed": backed}}


def _date_at(assessor: Any, i: int) -> Any:
    """`event_date_at` of an act the model proposed at word `i`: the word is its own verb where it is one, else
    the verb that governs the noun ("imposed sanctions", as the pattern coder dates it)."""
    toks = assessor.toks
    verb = i if toks.pos[i] == "VERB" else assessor.finder.governing_verb_at(i)
    return event_date_at(toks, i, verb, assessor.doc_date)


class _Kept(NamedTuple):
    """A reading kept for the choice among readings: its core (`_core`), candidate, encoded features, and the
    pattern coder's event for its pair and root (`_rule_for`)."""

    core: dict[str, Any]
    cand: Candidate
    ids: np.ndarray
    reading: Reading
    rule: dict[str, Any] | None


def _complete(doc: Doc, kept: _Kept, assessor: Any, effects: Effects) -> dict[str, Any]:
    """The event dict of a kept reading: its core with negation, modality, attribution, date and `explain`."""
    core, c, _ids, (_root, score, backed), rule = kept
    negated, modality, speaker = _status(doc, c, assessor)
    if rule is not None:  # the act is the pattern's word, assessed by the pattern coder ("proposed a law to allow")
        negated, modality = negated or bool(rule["negated"]), str(rule["modality"])
    return {
        "sentence_index": core["sentence_index"], "sentence": core["sentence"], "sent_start": core["sent_start"],
        "source": core["source"], "target": core["target"], "trigger": core["trigger"], "cameo": core["cameo"],
        "negated": negated, "modality": modality,
        "attributed_to": rule["attributed_to"] if rule else event_actor(speaker),
        "date": rule["date"] if rule else assessor.date(c.trigger),
        "confidence": core["confidence"], "pattern": core["pattern"],
        "explain": _explain(c, rule, score, core["confidence"], backed, effects),
    }


def _read_targetless(c: Candidate, reading: Reading, assessor: Any) -> bool:
    """Whether a reading is calibrated as an event with no target (`EventModel.calibrated`): a candidate with no
    target, unless a pattern coded it in a text that names no country but the source's ("Houthi rebels attacked
    a cargo ship in the Red Sea": an act the text may aim at no one, read as the pattern's other events).
    Where the text names another country, the act was mostly aimed at it, and an event without it is mostly
    wrong."""
    return c.target is None and not (reading[2] and assessor.countries <= {c.source.country})


def _against_pattern(c: Candidate, reading: Reading, coded: Roles, assessor: Any) -> bool:
    """`readings.against_pattern` of a model's proposal (a pattern-backed reading is the pattern's own)."""
    if reading[2]:
        return False
    return against_pattern(coded, assessor.toks.idx[c.trigger], assessor.sentence_of[c.trigger],
                           c.source.country, c.target.country if c.target is not None else None)


def decide(doc: Doc, cands: list[Candidate], ids: list[np.ndarray], probs: np.ndarray, model: EventModel,
           rules: list[dict[str, Any]], assessor: Any) -> list[dict[str, Any]]:
    """Event dicts from scored candidates: each reading of a candidate whose calibrated probability is at
    least KEEP_FLOOR (MODEL_KEEP_FLOOR for the model's own proposals; negated or hypothetical where the
    text's cues say so), plus the pattern coder's negated and hypothetical events. `ids` are the candidates'
    encoded features, `probs` their scores."""
    kept: dict[int, _Kept] = {}  # by the id of its core
    coded = coded_roles(rules)
    for c, row, p in zip(cands, ids, probs.tolist(), strict=True):  # rows as lists: cheap to index
        for reading in readings(doc, c, p, model.classes, assessor):
            if (assessor.aimless(c, reading[0]) or _against_pattern(c, reading, coded, assessor)
                    or no_party_reading(assessor.toks, c.source, c.target, reading[0], reading[2], c.source_not_doer,
                                        c.trigger)):
                continue
            conf = model.calibrated(reading[1], reading[2], _read_targetless(c, reading, assessor),
                                    assessor.scope.standing(c.source.country, c.target.country if c.target else None))
            if conf >= (KEEP_FLOOR if reading[2] else MODEL_KEEP_FLOOR) and not assessor.vetoed(c, reading[0]):
                rule = _rule_for(c, reading[0])
                core = _core(c, reading, conf, rules, assessor, rule)
                kept[id(core)] = _Kept(core, c, row, reading, rule)
    best: dict[tuple[Any, ...], dict[str, Any]] = {}
    for k in kept.values():  # two mentions of one country on one trigger with one root are one act
        key = act_key(k.core)  # (`readings.act_key`): the pattern's reading, else the surer
        if key not in best or standing(k.core) > standing(best[key]):
            best[key] = k.core
    chosen = [kept[id(e)] for e in drop_reversed(drop_shadowed(drop_vaguer(list(best.values()))))]
    effects = model.explained_of([k.ids for k in chosen], [model.classes.index(k.reading[0]) for k in chosen],
                                     _MOST_EFFECTS)
    out = [_complete(doc, k, assessor, e) for k, e in zip(chosen, effects, strict=True)]
    # the pattern coder's unasserted events, unless the model printed the same act (an event's identity)
    printed = {identity(e) for e in out}
    out += [r | {"explain": {"candidate": "pattern", "pattern": r.get("pattern"), "pattern_code": r["cameo"],
                             "target_search": r.get("target_from"), "negated": r["negated"],
                             "modality": r["modality"], "note": "kept as the pattern coded it: not asserted"}}
            for r in rules if (r["negated"] or r["modality"] == "hypothetical") and identity(r) not in printed]
    return out


class _Assessor:
    """What `decide` needs of one document besides the scores: its role finder, the cue lexicon, the vetoes,
    the trigger words, and the document's sentences (each token's sentence number, the sports sentences),
    each computed once per document."""

    def __init__(self, doc: Doc, finder: Any, lex: dict[str, Any], vetoes: list[dict[str, Any]],
                 words: ActWords, mentions: list[ActorMention]) -> None:
        self.doc, self.finder, self.lex, self.vetoes, self.words = doc, finder, lex, vetoes, words
        self.scope = doc_scope(mentions)  # the countries the document is about, as the features read them
        self.toks = doc_tokens(doc)
        self.doc_date = doc._.geowire_date
        self.veto_verbs = {v["verb"] for v in vetoes}
        self.bounds, self.sentence_of = finder.sentence_bounds, finder.sentence_of
        sports = lex["_sports"]  # `Doc.to_array(LOWER)` matched these words' hashes: the same words
        self.sports_sentences = {self.sentence_of[i] for i, low in enumerate(self.toks.lower) if low in sports}
        self.codes: dict[int, set[str]] = {}  # the actor codes each sentence names
        self.countries: set[str] = set()  # and the countries the document names
        for i, m in finder.by_token.items():
            if m.code:
                self.codes.setdefault(self.sentence_of[i], set()).add(m.code)
            if m.country:
                self.countries.add(m.country)
        self._texts: dict[int, str] = {}
        self._assessed: dict[int, Assertion] = {}
        self._announced: dict[int, bool] = {}
        self._dates: dict[int, Any] = {}
        self._vetoed: dict[tuple[int, str], bool] = {}
        self._roots: dict[int, tuple[list[dict[str, Any]], list[str]]] = {}  # by the id of a rules list
        self._another: dict[tuple[int, str | None], bool] = {}
        self._classes: list[str] | None = None
        self._nameable: dict[int, set[str]] = {}
        self._printable: dict[tuple[Any, ...], tuple[list[dict[str, Any]], bool]] = {}

    def may_print(self, c: Candidate, classes: list[str]) -> bool:
        """`may_print` of the candidate, once per what it reads of it: its trigger, pattern events, whether it
        has a target, its source's code and whether either actor has a sector (for one list of classes)."""
        if classes is not self._classes:
            self._classes, self._nameable, self._printable = classes, {}, {}
        rules, target = c.rules, c.target
        key = (c.trigger, id(rules) if rules else 0, target is None, c.source.code,
               bool(c.source.sector) or (target is not None and bool(target.sector)))
        hit = self._printable.get(key)
        if hit is None or (rules and hit[0] is not rules):  # the list is kept alive: its id names it
            hit = self._printable[key] = (rules, may_print(self.doc, c, classes, self))
        return hit[1]

    def pattern_roots(self, c: Candidate, classes: list[str]) -> list[str]:
        """`_pattern_roots` of the candidate, once per list of pattern events (candidates of one pair share it)."""
        if not c.rules:
            return []
        hit = self._roots.get(id(c.rules))
        if hit is None or hit[0] is not c.rules:
            hit = self._roots[id(c.rules)] = (c.rules, _pattern_roots(c, classes))
        return hit[1]

    def names_another(self, c: Candidate) -> bool:
        """Whether the candidate's sentence names an actor other than its source (once per sentence and code)."""
        key = (self.sentence_of[c.trigger], c.source.code)
        another = self._another.get(key)
        if another is None:
            another = self._another[key] = bool(self.codes.get(key[0], set()) - {key[1]})
        return another

    def aimless(self, c: Candidate, root: str) -> bool:
        """Whether a reading of `root` without a target is one whose target was not found: an act aimed at
        someone (not of TARGETLESS_ROOTS) in a sentence that names another actor. `decide` keeps none."""
        return c.target is None and root not in TARGETLESS_ROOTS and self.names_another(c)

    def nameable(self, trigger: int, classes: list[str]) -> set[str]:
        """The roots the word at `trigger` (with its objects) can name (`ActWords.roots_at`) among the model's
        `classes`, once per trigger word (for one list of classes)."""
        if classes is not self._classes:
            self._classes, self._nameable, self._printable = classes, {}, {}
        named = self._nameable.get(trigger)
        if named is None:
            named = self._nameable[trigger] = self.words.roots_at(self.toks, trigger).intersection(classes)
        return named

    def assessment(self, trigger: int) -> Assertion:
        """What the text asserts of the act at `trigger` (`negation.assess_at` from the trigger and the verb that
        governs it), once per trigger word."""
        if trigger not in self._assessed:
            verb = trigger if self.toks.pos[trigger] in ("VERB", "AUX") else self.finder.governing_verb_at(trigger)
            self._assessed[trigger] = assess_at(trigger, verb, self.finder, self.lex)
        return self._assessed[trigger]

    def announced(self, trigger: int) -> bool:
        """Whether the word at `trigger` has a future auxiliary ("will", "shall"), once per trigger word."""
        if trigger not in self._announced:
            dep, lower = self.toks.dep, self.toks.lower
            self._announced[trigger] = any(dep[ch] == "aux" and lower[ch] in _FUTURE
                                           for ch in self.toks.children[trigger])
        return self._announced[trigger]

    def date(self, trigger: int) -> Any:
        """`_date_at` the word at `trigger`, once per trigger word."""
        if trigger not in self._dates:
            self._dates[trigger] = _date_at(self, trigger)
        return self._dates[trigger]

    def vetoed(self, c: Candidate, root: str) -> bool:
        """`vetoed` for the candidate's trigger word and this root, once per pair (at once where no veto names
        the word)."""
        key = (c.trigger, root)
        if key not in self._vetoed:
            self._vetoed[key] = (self.toks.lemma[c.trigger].lower() in self.veto_verbs
                                 and vetoed(self.doc, c, root, self.vetoes))
        return self._vetoed[key]

    def sentence_text(self, si: int) -> str:
        """The text of sentence `si` (`Span.text`, from the token table's offsets)."""
        if si not in self._texts:
            start, end = self.bounds[si]
            self._texts[si] = doc_text(self.doc)[self.toks.idx[start]:self.toks.end_idx[end - 1]]
        return self._texts[si]


class EventModelComponent(GeowireComponent):
    """spaCy component: scores the candidates of each Doc and writes `doc._.geowire_events`. The model and
    lexicon load on the first document; a saved pipeline carries a copy of the model it was saved with."""

    def __init__(self, nlp: Language, name: str, model_path: str | None = None) -> None:
        self.name = name
        self.model_path = model_path

    def _model_file(self) -> Path:
        return Path(self.model_path) if self.model_path else data_path(*MODEL_FILE)

    def load_knowledge(self) -> None:
        self.model = load_event_model(self.model_path)
        raw = kb.load_lexicon()
        self.lex = cue_lexicon(raw)
        self.light = set(raw["light_verbs"])
        self.vetoes = list(raw.get("sense_vetoes") or [])
        self.words = act_words(kb.load_patterns(), raw)

    def save_state(self, path: Path) -> None:
        src = self._model_file()
        if src.is_file():  # the weights and the card beside them
            shutil.copyfile(src, path / _SAVED_MODEL)
            if src.with_suffix(".json").is_file():
                shutil.copyfile(src.with_suffix(".json"), (path / _SAVED_MODEL).with_suffix(".json"))

    def restore_state(self, path: Path) -> None:
        if (path / _SAVED_MODEL).is_file():
            self.model_path = str(path / _SAVED_MODEL)
            self._loaded = False

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_knowledge()
        rules = doc._.geowire_rule_events or []
        if self.model is None:
            doc._.geowire_events = rules
            return doc
        mentions = doc_mentions(doc, resolved_only=True)
        model = self.model
        # the pattern coder's finder where it was made from these very mentions (`role_finder_for`)
        finder = role_finder_for(doc, mentions, self.light, doc_groups(doc))
        assessor = _Assessor(doc, finder, self.lex, self.vetoes, self.words, mentions)
        cands, flat, lengths = coded_candidates(doc, mentions, rules,
                                                lambda d, c: assessor.may_print(c, model.classes), model.index)
        ids = [c.ids for c in cands]  # the model's indices of their features (`EventModel.encode`)
        doc._.geowire_events = decide(doc, cands, ids, model.scores_flat(flat, lengths), model, rules, assessor)
        return doc


@Language.factory("geowire_event_model", default_config={"model_path": None},
                  requires=["doc._.geowire_rule_events", "doc._.geowire_actors", "doc._.geowire_actor_candidates"],
                  assigns=["doc._.geowire_events"])
def make_event_model(nlp: Language, name: str, model_path: str | None) -> EventModelComponent:
    return EventModelComponent(nlp, name, model_path)
