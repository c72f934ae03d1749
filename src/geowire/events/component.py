"""The `geowire_events` spaCy component: the pattern coder, its events (`CodedEvent`) written to
`doc._.geowire_rule_events` as plain dicts.

Only sentences that hold an actor are examined. For each trigger token the most specific matching pattern
gives the CAMEO code; `roles` finds source and target actors, `negation` the assertion status, `dates` the
date. Speech ("X said that Y ...") yields Y's event attributed to X and a statement event by X.
It knows nothing about storage: `pipeline.extract` turns the dicts into `Event` records.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from .. import knowledge as kb
from ..component_base import GeowireComponent
from ..model import ActorMention
from ..sentences import doc_text
from ..tokens import Tokens, doc_tokens
from .codebook import (
    ACCUSATION_CODE,
    APPEAL_INTENT_DEMAND_ROOTS,
    COERCE_ROOT,
    COERCIVE_ROOTS,
    COOPERATIVE_ROOTS,
    FORCE_OR_THREAT_ROOTS,
    FORCE_ROOTS,
    HOSTILE_ROOTS,
    INTENT_ROOT,
    PROTEST_ROOT,
    REJECT_AND_HOSTILE_ROOTS,
    STATEMENT_CODE,
    THREAT_CODE,
    THREAT_OF_FORCE_CODE,
    THREATEN_ROOT,
    VIOLENT_ROOTS,
    root_of,
)
from .dates import dated_words, event_date_at
from .devices import bomb_at, bombing_code_at, unidentified_attacker_at
from .fallbacks import (
    anaphoric_target,
    is_purpose_at,
    national_authority,
    own_country,
    own_government,
    unnamed_doers,
)
from .negation import Assertion, assess_at, cue_lexicon, news_source
from .parties import not_own_side
from .records import CodedEvent, doc_groups, doc_mentions, drop_vaguer, event_actor, same_actor
from .roles import RoleFinder, role_finder_for
from .triggers import TRIGGER_POS, Pattern, PatternIndex, conjunct_verb, joint_act, trigger_at
from .wars import war_events

__all__ = ["EventCoder", "EventComponent"]

for _name in ("geowire_events", "geowire_rule_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class _Sentence(NamedTuple):
    number: int  # its place in the document (0, 1, ...)
    text: str
    start_char: int


_COMMANDS = {"order", "force", "compel", "oblige", "instruct", "require", "direct"}
# Support of a third party or thing, never between its co-subjects: praise, verbal defence, rallying, apology, forgiveness.
_ONE_WAY_SUPPORT = ("051", "052", "053", "055", "056")
# how much less sure a target is by the search that found it (the pattern's own slots: not at all)
_TARGET_DOUBT = {"pattern": 0.0, "condition": 0.05, "addressee": 0.05, "complement": 0.05, "conjunct": 0.1,
                 "location": 0.1, "phrase": 0.15, "earlier event": 0.15}
_OTHER_TARGET_DOUBT = 0.2


class _Status(NamedTuple):
    """What the text says of an act: its final code, modality, negation, whether it is a refusal, its date,
    and the assertion cues (attribution, reporting verb)."""

    code: str
    modality: str
    negated: bool
    refused: bool
    date: str | None
    assertion: Assertion


class EventCoder:
    def __init__(self, index: PatternIndex, lexicon: dict[str, Any], statements: bool = True) -> None:
        self.index = index
        self.lex = cue_lexicon(lexicon)
        self.light = set(lexicon["light_verbs"])
        self.intent = {str(k): str(v) for k, v in (lexicon.get("intent_codes") or {}).items()}
        self.statements = statements
        self.located_roots = {str(r) for r in lexicon.get("located_roots") or []}
        self.own_government_roots = {str(r) for r in lexicon.get("own_government_roots") or []}
        self.own_country_codes = tuple(str(c) for c in lexicon.get("own_country_codes") or [])
        self.event_anaphors = set(lexicon.get("event_anaphors") or [])
        self.mutual = {str(c) for c in lexicon.get("mutual_codes") or []}
        self.news_sources = set(lexicon.get("news_source_words") or [])
        self.state_acts = tuple(str(c) for c in lexicon.get("state_act_codes") or [])
        self.threats = {str(k): str(v) for k, v in (lexicon.get("threat_codes") or {}).items()}
        self.decisions = set(lexicon.get("decision_governors") or [])
        self.refusal = {str(k): str(v) for k, v in (lexicon.get("refusal_codes") or {}).items()}
        self.modal_codes = {str(k): str(v) for k, v in (lexicon.get("reported_modal_codes") or {}).items()}
        self.failed_agreements = set(lexicon.get("failed_agreements") or [])
        self.circumstances = {str(k): set(v) for k, v in (lexicon.get("circumstance_parties") or {}).items()}
        self.vows = set(lexicon.get("vow_verbs") or [])
        self.force_verbs = set(lexicon.get("vowed_force_verbs") or [])

    def _pairs(self, p: Pattern, sources: list[ActorMention], targets: list[ActorMention],
               joint: bool = False) -> list[tuple[ActorMention, ActorMention | None]]:
        pairs: list[tuple[ActorMention, ActorMention | None]] = []
        if joint and len(sources) > 1 and not targets:  # "Russia and Belarus held joint exercises": each other
            return [(s, t) for s in sources for t in sources if not same_actor(s, t)]
        if targets:
            pairs = [(s, t) for s in sources for t in targets if not same_actor(s, t)]
            if p.reciprocal or p.code in self.mutual:
                pairs += [(t, s) for s, t in list(pairs) if t is not None]
            if not pairs and not p.require_target:  # the only target found was the source itself
                pairs = [(s, None) for s in sources]
        elif len(sources) > 1 and (p.reciprocal or (root_of(p.code) in COOPERATIVE_ROOTS
                                                    and not p.code.startswith(_ONE_WAY_SUPPORT))):
            # "the government and the rebels agreed to allow access": a cooperative act of two sides with no
            # third party is between them; praise is not ("tributes were paid by A and B")
            pairs = [(s, t) for s in sources for t in sources if not same_actor(s, t)]
        else:
            pairs = [(s, None) for s in sources]
        return pairs

    def code(self, doc: Doc) -> list[dict[str, Any]]:
        """The pattern coder's events of an annotated Doc, as the plain dicts of `doc._.geowire_rule_events`."""
        mentions = doc_mentions(doc)
        if not mentions:
            return []
        groups = doc_groups(doc)
        finder = role_finder_for(doc, mentions, self.light, groups)  # the event model may ask for it again
        self._earlier: list[CodedEvent] = []
        self._doc_date: str | None = doc._.geowire_date  # read once: each `doc._` read builds an accessor
        self._dated = dated_words(finder.toks)
        sents_with_actor = {m.sent for m in mentions} | {m.sent for m in groups}  # their first words
        text, toks = doc_text(doc), finder.toks
        triggers, reporting = self._words_by_sentence(finder, sents_with_actor)
        sports = self.lex["_sports"]
        out: list[CodedEvent] = []
        for si, (start, end) in enumerate(finder.sentence_bounds):
            if start in sents_with_actor and (si in triggers or si in reporting):
                sent = _Sentence(si, text[toks.idx[start]:toks.end_idx[end - 1]], toks.idx[start])
                sport = not sports.isdisjoint(toks.lower[start:end])
                out += self._sentence_events(doc, sent, finder, reporting.get(si, []), triggers.get(si, {}), sport)
        return drop_vaguer(_event_dicts(war_events(toks, text, finder.by_token) + out))

    def _words_by_sentence(self, finder: RoleFinder, sentences: set[int]
                           ) -> tuple[dict[int, dict[int, list[Pattern]]], dict[int, list[int]]]:
        """By sentence number, for the sentences whose first word is in `sentences`: the candidate triggers
        (words of no actor mention that some pattern may match, with the patterns of their lemma) and the
        reporting verbs, each in word order. Found once per document: only words of the parts of speech that
        patterns name can be triggers."""
        toks = finder.toks
        sent_start, sentence_of, skip = toks.sent_start, finder.sentence_of, finder.by_token
        words = [i for i in toks.with_pos(*TRIGGER_POS) if sent_start[i] in sentences and i not in skip]
        triggers: dict[int, dict[int, list[Pattern]]] = {}
        for i, cands in self.index.candidates_of_words(toks, words).items():
            triggers.setdefault(sentence_of[i], {})[i] = cands
        reporting_verbs = self.lex["_reporting"]
        reporting: dict[int, list[int]] = {}
        for i in compress(range(len(toks)), map(reporting_verbs.__contains__, toks.lemma)):
            if sent_start[i] in sentences:
                reporting.setdefault(sentence_of[i], []).append(i)
        return triggers, reporting

    def _sentence_events(self, doc: Doc, sent: _Sentence, finder: RoleFinder, reporting: list[int],
                         triggers: dict[int, list[Pattern]], sport: bool) -> list[CodedEvent]:
        """The events of one sentence, word by word: the demands of its `reporting` verbs and the acts of
        its candidate `triggers` (words of no actor mention that some pattern may match, with the patterns of
        their lemma), all by word index."""
        seen: set[tuple[Any, ...]] = set()
        out: list[CodedEvent] = []
        said = set(reporting)
        for i in sorted(said.union(triggers)):
            if i in said:
                out += self._reported_modal(doc, sent, i, finder, seen)
            p = self.index.match_at(finder.toks, i, triggers[i]) if i in triggers else None
            if p is not None:
                new = self._events_for(doc, sent, i, p, finder, seen, sport)
                out += new
                self._earlier += new
        return out

    def _events_for(self, doc: Doc, sent: _Sentence, tok: int, p: Pattern, finder: RoleFinder,
                    seen: set[tuple[Any, ...]], sport: bool = False) -> list[CodedEvent]:
        """The events a trigger word (index `tok`) expresses: its parties, a target found by the fallbacks where the
        pattern names none, what the text asserts of the act, then one event per pair of parties."""
        parties = self._parties(tok, p, finder, sport)
        if parties is None:
            return []
        code, sources, targets, verb = parties
        targets, target_from = self._target_search(tok, p, sent.number, verb, finder, sources, targets)
        status = self._status(doc, tok, p, verb, finder, code)
        out = self._conditional_threats(doc, sent, tok, p, finder, sources, status, seen)
        joint = len(sources) > 1 and joint_act(finder.toks, tok)  # only several sources can act jointly (`_pairs`)
        for s, t in self._pairs(p, sources, targets, joint):
            if status.refused and not any(s is m for m in sources):
                continue  # a refusal is one-sided even where the refused act is mutual
            key = (s.code, t.code if t else None, root_of(status.code))
            if key in seen:
                continue
            seen.add(key)
            out.append(self._pattern_event(sent, trigger_at(finder.toks, tok), p, s, t, status, target_from))
            a = status.assertion
            if self.statements and a.reporter is not None and a.attributed_to is not None:
                out += self._statement(doc, sent, a, s, t, seen, status.code if not status.negated else None)
        return out

    def _parties(self, tok: int, p: Pattern, finder: RoleFinder, sport: bool
                 ) -> tuple[str, list[ActorMention], list[ActorMention], int | None] | None:
        """(code, sources, targets, verb) of a trigger from the pattern's slots, the device of a bombing, the
        state of an agentless arrest and the orderer of a restriction; None where the act has no doer (or
        lacks the target its pattern requires)."""
        toks = finder.toks
        sources, targets = finder.find_at(tok, p)
        root = root_of(p.code)
        if sport and root in HOSTILE_ROOTS and all(not s.sector for s in sources):
            return None  # in a sports sentence, "the Netherlands attacked": teams named by their country
        code = self._vowed_force(tok, p, finder) or p.code
        bomb = bomb_at(toks, tok) if p.pos == "verb" and root in VIOLENT_ROOTS else None
        if bomb is not None:  # "a roadside bombing near Samarra killed ...": a bombing, maybe by no one named
            code = bombing_code_at(toks, bomb)
            sources = sources or unidentified_attacker_at(finder, bomb, tok)
        verb = tok if p.pos == "verb" else finder.governing_verb_at(tok)
        if not sources:  # "a reporter was detained in Iran", "protests erupted in Belgrade"
            sources, targets = unnamed_doers(tok, verb, p, finder, targets, self.state_acts)
        if p.pos == "verb" and root == COERCE_ROOT and toks.dep[tok] in ("ccomp", "xcomp") \
                and toks.lemma[toks.head[tok]] in _COMMANDS and sources:
            # "the government ordered the newspaper to suspend publication": the restriction is the orderer's
            boss = finder.subjects_at(toks.head[tok])
            if boss and not any(same_actor(b, s) for b in boss for s in sources):
                sources, targets = boss, sources
        if not p.reciprocal:  # "reneged on his commitment to the Zambian people": "his" is the doer's own
            targets = not_own_side(toks, tok, p.complement, sources,
                                   [t for t in targets if not all(same_actor(s, t) for s in sources)])
        if not sources or (p.require_target and not targets):
            return None  # e.g. "X called Y" is a phone call only when Y is an actor
        return code, sources, targets, verb

    def _target_search(self, tok: int, p: Pattern, si: int, verb: int | None, finder: RoleFinder,
                       sources: list[ActorMention], targets: list[ActorMention]
                       ) -> tuple[list[ActorMention], str]:
        """Where the pattern's own slots name no target, look further, in decreasing order of confidence;
        returns the targets and the name of the search that found them."""
        if p.reciprocal and len(sources) > 1:
            # "Israel and the Palestinians reached a consensus": with each other, no search;
            # "the two leaders met in Hanoi": a place of one of the parties is where, not with whom
            return [t for t in targets if t.country not in {m.country for m in sources}], "pattern"
        if targets:
            return targets, "pattern"
        target_from = "pattern"
        for name, find in self._fallbacks(tok, p, si, verb, finder, sources):
            # a fallback that only finds the source itself ("Iraqi Kurds rallied in Kirkuk") gives way to the next
            targets = not_own_side(finder.toks, tok, p.complement, sources,
                                   [t for t in find() if not any(same_actor(s, t) for s in sources)])
            target_from = name
            if targets:
                break
        return targets, target_from

    def _fallbacks(self, tok: int, p: Pattern, si: int, verb: int | None, finder: RoleFinder,
                   sources: list[ActorMention]) -> list[tuple[str, Callable[[], list[ActorMention]]]]:
        """The target searches a pattern allows, by name, most confident first (`tok`, `verb`: word indices)."""
        root = root_of(p.code)
        return [
            ("condition", lambda: finder.condition_actors_at(tok, sources) if root == THREATEN_ROOT else []),
            ("addressee", lambda: finder.addressee_at(tok, sources)
             if p.pos == "noun" and root in APPEAL_INTENT_DEMAND_ROOTS else []),
            ("complement", lambda: finder.complement_targets_at(tok, sources)),  # "its demand that Israel ..."
            # "hit Moscow with sanctions and expelled 10 diplomats": coordinated acts share their target
            ("conjunct", lambda: finder.objects_at(finder.toks.head[tok]) if p.pos == "verb" and conjunct_verb(finder.toks, tok) else []),
            # "blocked a road to show their disapproval for the United States' policies": whom a protest is for
            ("purpose", lambda: [m for c in finder.toks.children[tok] if is_purpose_at(finder.toks, c)
                                  for m in finder.subtree_target_at(c, sources)]
             if root == PROTEST_ROOT else []),
            ("location", lambda: finder.location_targets_at(verb)
             if root in self.located_roots and verb is not None else []),
            ("phrase", lambda: finder.subtree_target_at(tok, sources)),
            # "refused to resign despite pressure by X", "in defiance of X", "after talks with X"
            ("circumstance", lambda: finder.circumstance_party_at(verb, self.circumstances.get(root, set()))
             if verb is not None else []),
            ("earlier event", lambda: anaphoric_target(finder.toks, tok, p, si, sources, self._earlier, self.event_anaphors)),
            ("implicit", lambda: [own_government(s) for s in sources if s.country and len(s.country) == 3
                                  and s.country not in ("IGO", "IMG", "NGO") and s.sector != "GOV"]
             if root in self.own_government_roots else []),
            # "declared a state of emergency", "imposed a curfew": a state's measures on its own people
            ("implicit", lambda: [own_country(s) for s in sources if national_authority(s)]
             if p.code.startswith(self.own_country_codes) else []),
        ]

    def _status(self, doc: Doc, tok: int, p: Pattern, verb: int | None, finder: RoleFinder,
                code: str) -> _Status:
        """Negation, modality, attribution and date of the act (words `tok`, `verb`), and its code as announced."""
        a = assess_at(tok, verb, finder, self.lex)
        modality = a.modality
        if a.attempted and modality == "hypothetical" and root_of(p.code) in COERCIVE_ROOTS:
            modality = "actual"  # "tried to assassinate the prime minister": the attack was made
        if p.modality == "future" and modality == "actual":
            modality = "future"
        date = event_date_at(finder.toks, tok, verb, self._doc_date, self._dated)
        code, modality, negated, refused = self._as_announced(p, finder.toks, tok, verb, code, modality, a.negated)
        return _Status(code, modality, negated, refused, date, a)

    def _conditional_threats(self, doc: Doc, sent: _Sentence, tok: int, p: Pattern, finder: RoleFinder,
                             sources: list[ActorMention], status: _Status,
                             seen: set[tuple[Any, ...]]) -> list[CodedEvent]:
        """ "will withdraw its troops unless X ...", "would strike if X ...": a threat put to X."""
        if status.modality not in ("future", "hypothetical") or status.assertion.negated \
                or root_of(p.code) == PROTEST_ROOT:
            return []
        marks = ("unless", "if") if root_of(p.code) in REJECT_AND_HOSTILE_ROOTS else ("unless",)
        put_to = finder.condition_actors_at(tok, sources, marks)
        out: list[CodedEvent] = []
        for s in sources:
            for t in put_to:
                key = (s.code, t.code, THREATEN_ROOT)
                if not same_actor(s, t) and key not in seen:
                    seen.add(key)
                    out.append(CodedEvent(
                        sent.number, sent.text, sent.start_char, s, t, trigger_at(finder.toks, tok), THREAT_CODE, False,
                        "actual", status.assertion.attributed_to, status.date, 0.6, finder.toks.lemma[tok], "condition"))
        return out

    def _pattern_event(self, sent: _Sentence, trigger: dict[str, Any], p: Pattern, s: ActorMention,
                       t: ActorMention | None, status: _Status, target_from: str) -> CodedEvent:
        conf = 0.55 + 0.15 * (p.pos == "verb") + 0.1 * (t is not None) + 0.1 * bool(p.specificity)
        conf -= _TARGET_DOUBT.get(target_from, _OTHER_TARGET_DOUBT)
        conf -= 0.15 * (s.how == "coreference") + 0.1 * (t is not None and t.how == "coreference")
        return CodedEvent(sent.number, sent.text, sent.start_char, s, t, trigger, status.code,
                          status.negated, status.modality, status.assertion.attributed_to, status.date,
                          round(max(0.05, min(conf, 0.99)), 2), p.lemma, target_from if t is not None else None)

    def _vowed_force(self, tok: int, p: Pattern, finder: RoleFinder) -> str | None:
        """ "vowed to hunt down the militants", "pledged to crush the rebels": a vow whose complement is force or
        coercion against a named actor is a threat (138), not an intent to cooperate."""
        toks = finder.toks
        if root_of(p.code) != INTENT_ROOT or toks.lemma[tok].lower() not in self.vows:
            return None
        for comp in (c for c in toks.children[tok] if toks.dep[c] == "xcomp"):
            cp = self.index.match_at(toks, comp)
            forceful = (cp is not None and root_of(cp.code) in FORCE_ROOTS) or toks.lemma[comp].lower() in self.force_verbs
            if forceful and finder.objects_at(comp):
                return THREAT_OF_FORCE_CODE
        return None

    def _as_announced(self, p: Pattern, toks: Tokens, tok: int, verb: int | None, code: str, modality: str,
                      negated: bool) -> tuple[str, str, bool, bool]:
        """An act announced for the future is coded as what the announcement is: cooperation as intent (03),
        a conflictual act by its doer as a threat (13) unless it is the content of a decision, a negated
        cooperative act as a refusal (12). Returns (code, modality, negated, refused). `tok`, `verb`: the words
        of the trigger and its verb in the token table `toks`."""
        if negated and modality == "actual" and root_of(code) in self.refusal and self._failed(p, toks, tok, verb):
            return self.refusal[root_of(code)], "actual", False, True  # "failed to reach agreement": a rejection
        if modality != "future":
            return code, modality, negated, False
        if negated:
            if root_of(code) in self.refusal:  # "will not accept": a refusal
                return self.refusal[root_of(code)], "actual", False, True
            return code, modality, negated, False
        if root_of(code) in self.intent:  # an announced cooperative act is the intent to act, whoever reports it
            code = self.intent[root_of(code)]
        # announced by its doer ("will impose", "is prepared to impose"), not a purpose ("sent to stop ...")
        if p.pos == "verb" and not is_purpose_at(toks, tok) and root_of(code) != THREATEN_ROOT \
                and not self._decided(toks, tok if verb is None else verb):
            threat = next((self.threats[code[:n]] for n in (4, 3, 2) if code[:n] in self.threats), None)
            if threat is not None:  # "will impose sanctions on X": a threat made now
                return threat, "actual", False, False
        return code, modality, negated, False

    def _failed(self, p: Pattern, toks: Tokens, tok: int, verb: int | None) -> bool:
        """An agreement the parties failed to reach ("failed to reach agreement", "failed to agree"): CAMEO
        codes it as a rejection. `tok`, `verb`: word indices in the token table `toks`."""
        node = tok if verb is None else verb
        if toks.dep[node] != "xcomp" or toks.lemma[toks.head[node]].lower() != "fail":
            return False
        words = {toks.lemma[tok].lower()} | ({p.lemma} if p.lemma else set()) | {
            toks.lemma[c].lower() for c in toks.children[node] if toks.dep[c] in ("dobj", "attr")}
        return bool(words & self.failed_agreements)

    def _decided(self, toks: Tokens, verb: int) -> bool:
        """Whether the act (word `verb`) is the content of a decision ("announced that it will expel",
        "decided to cut")."""
        cur = verb
        for _ in range(4):
            if toks.dep[cur] not in ("xcomp", "ccomp", "conj") or toks.head[cur] == cur:
                return False
            cur = toks.head[cur]
            if toks.lemma[cur].lower() in self.decisions:
                return True
        return False

    def _reported_modal(self, doc: Doc, sent: _Sentence, verb: int, finder: RoleFinder,
                        seen: set[tuple[Any, ...]]) -> list[CodedEvent]:
        """ "X said (that) Y must/should ...": a demand or appeal by X addressed to Y (`verb`: the word index of
        the reporting verb)."""
        out: list[CodedEvent] = []
        dep, lower = finder.toks.dep, finder.toks.lower
        for c in (c for c in finder.toks.children[verb] if dep[c] == "ccomp"):
            kids = finder.toks.children[c]
            modal = next((lower[a] for a in kids if dep[a] == "aux" and lower[a] in self.modal_codes), None)
            if modal is None or any(dep[a] == "neg" for a in kids):
                continue
            speakers = finder.subjects_at(verb)
            addressees = finder.child_actors(c, ("nsubj", "nsubjpass"))
            code = self.modal_codes[modal]
            a = assess_at(verb, verb, finder, self.lex)
            for s in speakers:
                for t in addressees:
                    key = (s.code, t.code, root_of(code))
                    if same_actor(s, t) or key in seen:
                        continue
                    seen.add(key)
                    date = event_date_at(finder.toks, verb, verb, self._doc_date, self._dated)
                    out.append(CodedEvent(sent.number, sent.text, sent.start_char, s, t, trigger_at(finder.toks, verb),
                                          code, a.negated, a.modality, None, date, 0.6, modal, "reported modal"))
        return out

    def _statement(self, doc: Doc, sent: _Sentence, a: Assertion, s: ActorMention, t: ActorMention | None,
                   seen: set[tuple[Any, ...]], asserted_code: str | None = None) -> list[CodedEvent]:
        """The speaker's own statement event: about the other party of its own side's act, or, where the
        speaker reports another side's act, about that side; saying that another side used force or threatens
        ("the minister said Morocco attacked ...") is an accusation (CAMEO 112)."""
        speaker = a.attributed_to
        rv = a.reporter
        if speaker is None or rv is None:
            return []
        own = same_actor(speaker, s) or speaker.country == s.country
        toks = doc_tokens(doc)
        if not own and news_source(toks, speaker, self.news_sources):
            return []  # "..., Thai police said": a source of the news, not a statement about its actors
        other = t if own else s
        if other is None or other.country == speaker.country:
            return []
        # another side's force or threat reported: "Costa Rica is threatening Nicaragua", Managua said
        accusation = not own and asserted_code is not None and root_of(asserted_code) in FORCE_OR_THREAT_ROOTS
        code = ACCUSATION_CODE if accusation else STATEMENT_CODE
        key = (speaker.code, other.code, root_of(code))
        if key in seen:
            return []
        seen.add(key)
        return [CodedEvent(sent.number, sent.text, sent.start_char, speaker, other, trigger_at(toks, rv), code, False,
                           "actual", None, event_date_at(toks, rv, rv, self._doc_date, self._dated), 0.5, toks.lemma[rv],
                           "speaker's statement")]


def _event_dicts(events: list[CodedEvent]) -> list[dict[str, Any]]:
    """`CodedEvent.to_dict` of each event: an actor takes part in many events, so each actor's event dict
    (`records.event_actor`) is made once and each event gets a copy of it."""
    made: dict[int, dict[str, Any]] = {}  # by the mention's id: the events keep their mentions alive meanwhile

    def actor(m: ActorMention | None) -> dict[str, Any] | None:
        if m is None:
            return None
        d = made.get(id(m))
        if d is None:  # `or {}`: never taken, `m` is a mention
            d = made[id(m)] = event_actor(m) or {}
        return d.copy()

    return [{"sentence_index": e.sentence_index, "sentence": e.sentence, "sent_start": e.sent_start,
             "source": actor(e.source), "target": actor(e.target), "trigger": e.trigger, "cameo": e.cameo,
             "negated": e.negated, "modality": e.modality, "attributed_to": actor(e.attributed_to), "date": e.date,
             "confidence": e.confidence, "pattern": e.pattern, "target_from": e.target_from} for e in events]


class EventComponent(GeowireComponent):
    """spaCy component: the pattern coder over each Doc (patterns and lexicon load on the first document)."""

    def __init__(self, nlp: Language, name: str, statements: bool) -> None:
        self.name = name
        self.statements = statements

    def load_knowledge(self) -> None:
        self.coder = EventCoder(PatternIndex(), kb.load_lexicon(), self.statements)

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_knowledge()
        doc._.geowire_rule_events = self.coder.code(doc)
        doc._.geowire_events = doc._.geowire_rule_events  # the learned model, where it runs next, replaces them
        return doc


@Language.factory("geowire_events", default_config={"statements": True},
                  requires=["doc._.geowire_actors", "doc._.geowire_actor_candidates", "token.dep", "token.lemma"],
                  assigns=["doc._.geowire_rule_events", "doc._.geowire_events"])
def make_event_component(nlp: Language, name: str, statements: bool) -> EventComponent:
    return EventComponent(nlp, name, statements)
