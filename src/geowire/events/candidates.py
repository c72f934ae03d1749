"""Candidate events and their features, for the learned event model (`events/learned.py`).

A candidate is one possible event of a sentence: a source mention, a target mention or none, and the
word that would express the act between them (their lowest common head in the parse, or the predicate
that governs a lone source). Candidates come from three places:

- every ordered pair of resolved mentions of a sentence that the parse links within a few steps, never one
  actor on both sides (`records.same_referent`: "Algeria said it ...", "Trump defended his decision"), and
  never two that are no parties to one another: one named in the phrase of the other ("Maria Costa, head of
  the Red Cross delegation in Brazil"), one inside a clause of time ("visited Kyiv a week after Russian
  drones struck Lviv"; unless a reaction answers that clause's doer), a source inside a relative or
  participle clause ("a move opposed by Russia"), a venue or a country named as a scene as source ("talks in
  Lima", "speaking in Qatar"; a venue as target only for acts aimed at a place, `Candidate.target_roots`), a
  mention and its appositive ("Kurt Volker, the US special envoy"), a medium spoken to as target ("told
  reporters"), the passive subject of the linking verb as its doer ("Palestinians were killed in Israeli
  strikes": it may do a verb below it, and the pattern coder's pair stays a candidate);
- for such a pair, every verb or noun on the parse path between the two below the linking word, as the act
  ("the army conducted a raid and detained 40 people": the pair links at "conducted", the act on the
  target is "detained"; "announced travel bans on two ministers": "bans"), with no pattern events of its own;
- every mention alone (an act with no target, "X announced ...");
- an unnamed state doer where the text leaves the doer out ("two suspects were arrested": the state of
  the suspects arrests them), and every event the pattern coder (`events/component.py`) proposed, so that
  its cross-sentence and implicit targets can be kept too.

Features are plain strings (words on the parse path, dependency labels, the prepositions that link the
target, actor kinds and sectors, negation and modality cues, and what the pattern coder said about the
same pair), made by `events/features.py` from parts each document makes once. Given the model's feature
index, a candidate carries the indices of its features instead (`Candidate.ids`, equal to
`EventModel.encode(features)`), which `learned.py` scores. Training (`training/`) calls the same functions,
so the model sees at run time exactly what it was trained on. The parse is read from the document's token
table (`tokens.doc_tokens`), by word index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.tokens import Doc

from ..model import ActorMention
from ..tokens import Tokens, doc_tokens
from .codebook import REJECT_AND_HOSTILE_ROOTS
from .features import MAX_PATH, Coded, FeatureParts
from .parties import (
    BACKDROP_PREPS,
    accident_words,
    accidental,
    clause_of_other,
    co_agents,
    contrasted,
    in_aside_clause,
    in_backdrop,
    in_occasion,
    located_roots,
    may_pair,
    named_means,
    not_doer,
    outside,
    placed_doer,
    speaking_verbs,
    state_act_roots,
    state_itself,
    unnamed_doer,
)
from .records import in_place_phrase, same_referent, venue

__all__ = ["Candidate", "candidates_for_doc", "coded_candidates", "MAX_PATH"]

_PREDICATE_POS = {"VERB", "NOUN", "ADJ", "AUX"}
_ACT_POS = {"VERB", "NOUN"}  # the words on a pair's path that may name its act (`_Sentence.path_words`)
# Phrases of backdrop: an act "amid" or "despite" another is no party to it (unlike "after talks with X"); with
# those of time, the phrases of circumstance, whose acts are not the clause subject's doing (`path_words`)
_CIRCUMSTANCE_PREPS = BACKDROP_PREPS | {"after", "before", "since", "during", "following", "ahead"}
_NO_IDS = np.zeros(0, dtype=np.int64)


_CLAUSES = frozenset({"acl", "relcl"})  # relative and participle clauses (`_Sentence._embedded`)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_POSTURE_ROOTS = frozenset({"15"})
_REACTION_ROOTS = frozenset({"10", "11"}) | REJECT_AND_HOSTILE_ROOTS  # demand, disapprove, reject ... fight


def _no_ids() -> np.ndarray:
    return _NO_IDS


@dataclass
class Candidate:
    """One possible event: `source` and `target` are actor mentions (the target may be None), `trigger` the
    token index of the act, `rules` the pattern coder's events (dicts) for the same pair. Its features are
    `features` (strings), or `ids` (the model's indices of them) where `candidates_for_doc` was given the
    model's index."""

    sent_start: int
    source: ActorMention
    target: ActorMention | None
    trigger: int
    kind: str  # "pair", "path word", "alone", "unnamed doer", "pattern"
    rules: list[dict[str, Any]] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)  # the negation and modality cues among the features
    ids: np.ndarray = field(default_factory=_no_ids)
    # the roots a reading with this target may have (None: any): those of acts aimed at a place for a venue
    # (`records.venue`), those of a reaction for the doer of a clause of time (`_Sentence._cause_doer`)
    target_roots: frozenset[str] | None = None
    # the source is the object of a preposition of company, place or topic on the trigger, or on the pair's
    # linking word for a word below it (`parties.not_doer`): never the doer of the act
    source_not_doer: bool = False


Wanted = Callable[[Doc, Candidate], bool]  # which candidates to keep (before their features are computed)
Path = tuple[int, ...]  # the words from a mention up to the trigger


def _word(toks: Tokens, i: int) -> int:
    """Word `i` as `doc[i]` finds it (-1: the last word)."""
    return i + len(toks) if i < 0 else i


def _ancestors(toks: Tokens, i: int, limit: int = 12) -> list[int]:
    """Word `i` and the words above it, nearest first, at most `limit` in all."""
    head = toks.head
    out = [i]
    while head[i] != i and len(out) < limit:
        i = head[i]
        out.append(i)
    return out


def _predicate(toks: Tokens, above: list[int]) -> int | None:
    """The word that says what a lone mention did (`above`: its chain outside its words): the first verb
    above it, or an event noun it modifies."""
    for k, t in enumerate(above[:4]):
        pos = toks.pos[t]
        if pos in ("VERB", "AUX") or (pos == "NOUN" and k == 0):
            return t
    return None


def _link(chain: list[int], stop: int) -> Path:
    """The words of a head chain below `stop` (all of them where `stop` is not in it)."""
    return tuple(chain[:chain.index(stop)] if stop in chain else chain)


def _rule_key(e: dict[str, Any]) -> tuple[Any, ...]:
    s, t = e.get("source") or {}, e.get("target") or {}
    return (s.get("start"), s.get("code"), t.get("start") if t else None, t.get("code") if t else None)


def _mention_key(m: ActorMention | None) -> tuple[Any, Any]:
    return (None, None) if m is None else (m.start, m.code)


def _actor_key(d: dict[str, Any]) -> tuple[Any, Any]:
    """`_mention_key` of an actor as an event dict names it."""
    return d.get("start"), d.get("code")


def candidates_for_doc(doc: Doc, mentions: list[ActorMention], rule_events: list[dict[str, Any]],
                       wanted: Wanted | None = None, index: dict[str, int] | None = None) -> list[Candidate]:
    """All candidates of a document, with features, in sentence order; with `wanted`, only those it accepts
    (asked before their features are computed: the run-time model skips candidates it could not print).
    With `index` (`EventModel.index`) each candidate carries the model's indices of its features (`ids`,
    those `EventModel.encode(features)` gives) and no strings."""
    return _candidates(doc, mentions, rule_events, wanted, index)[0]


def coded_candidates(doc: Doc, mentions: list[ActorMention], rule_events: list[dict[str, Any]], wanted: Wanted,
                     index: dict[str, int]) -> tuple[list[Candidate], np.ndarray, np.ndarray]:
    """`candidates_for_doc` with the model's `index`, and all their indices in one array with each candidate's
    number of them: (candidates, flat, lengths), the candidates' `ids` being the consecutive slices of `flat`
    (what `EventModel.scores_flat` scores)."""
    return _candidates(doc, mentions, rule_events, wanted, index)


def _candidates(doc: Doc, mentions: list[ActorMention], rule_events: list[dict[str, Any]], wanted: Wanted | None,
                index: dict[str, int] | None) -> tuple[list[Candidate], np.ndarray, np.ndarray]:
    """`coded_candidates` (flat and lengths empty without `index`)."""
    by_sent: dict[int, list[ActorMention]] = {}
    for m in mentions:
        if m.country and m.start is not None:
            by_sent.setdefault(m.sent, []).append(m)
    rules_by_sent: dict[int, list[dict[str, Any]]] = {}
    for e in rule_events:
        rules_by_sent.setdefault(e["sentence_index"], []).append(e)
    out: list[Candidate] = []
    toks = doc_tokens(doc)
    parts = FeatureParts(doc, toks, mentions, index)
    coded = _Coded()  # with `index`: the candidates' indices, made one array at the end
    for si, (start, end) in enumerate(toks.sentence_bounds):
        ms = by_sent.get(start, [])
        rules = rules_by_sent.get(si, [])
        if ms or rules:
            out += _Sentence(doc, parts, start, end, wanted, coded).candidates(ms, rules)
    if index is None:
        return out, _NO_IDS, _NO_IDS
    return out, *coded.attach(out)


class _Coded:
    """The candidates' indices as they are featured: all of them in one list (`flat`), with each candidate's
    number of them (`lengths`)."""

    def __init__(self) -> None:
        self.flat: list[int] = []
        self.lengths: list[int] = []

    def add(self, ids: Coded) -> None:
        self.flat += ids
        self.lengths.append(len(ids))

    def attach(self, cands: list[Candidate]) -> tuple[np.ndarray, np.ndarray]:
        """Give each candidate (in the order they were added) its indices as a slice of one array for all (one
        conversion per document instead of one per candidate); returns (flat, lengths) as arrays."""
        flat = np.fromiter(self.flat, dtype=np.int64, count=len(self.flat))  # faster than `np.array` of ints
        at = 0
        for c, n in zip(cands, self.lengths, strict=True):
            c.ids = flat[at:at + n]
            at += n
        return flat, np.fromiter(self.lengths, dtype=np.int64, count=len(self.lengths))


class _Sentence:
    """The candidates of one sentence (words `start:end`) as they are made: which pairs are made, and their
    features (asked of the document's `FeatureParts` for those `wanted` accepts)."""

    def __init__(self, doc: Doc, parts: FeatureParts, start: int, end: int, wanted: Wanted | None,
                 coded: _Coded) -> None:
        self.doc, self.parts, self.start, self.wanted, self.coded = doc, parts, start, wanted, coded
        self.features = parts.sentence(start, end)
        self.cands: list[Candidate] = []
        self.made: set[tuple[Any, ...]] = set()
        self.rule_index: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self.venues: set[int] = set()  # the ids of the sentence's mentions that are venues
        self.borders: set[int] = set()  # and of those that are the far side of a border where something happens
        self.by_head: dict[int, ActorMention] = {}  # the sentence's mentions by their head word
        self.accidents: dict[int, bool] = {}  # whether the act on a word is put down to an accident, by word
        # whether any word of the sentence can name an accident (most name none: no word need be asked then)
        self.names_accident = not accident_words().isdisjoint(parts.toks.lemma_lower[start:end])

    def featured(self, c: Candidate, spath: Path, opath: Path) -> None:
        """Keep `c` with its features (`spath`, `opath`: the words from its source and target to the trigger)."""
        if spath and c.kind != "path word":
            c.source_not_doer = not_doer(self.parts.toks, c.source, spath)
        if not c.source_not_doer and c.kind != "unnamed doer" and self._accidental(c.trigger):
            c.source_not_doer = True  # "killed when a bus crashed in Somerset, England": an accident has no doer
        f = self.parts.features(c, spath, opath, self.features)
        if self.parts.index is None:
            c.features = f
        else:
            self.coded.add(f)  # made `ids` by `_Coded.attach`
        c.cues = self.parts.facts(c.trigger).cues
        self.cands.append(c)

    def add(self, c: Candidate, spath: Path, opath: Path) -> None:
        """A candidate the parse links: with the pattern coder's events for its pair, kept if `wanted`."""
        if self.rule_index:  # else it has none, and no pattern pair is to be made
            source, target = _mention_key(c.source), _mention_key(c.target)
            c.rules = self.rule_index.get((*source, *target), [])
            self.made.add((source, target))
        if self.wanted is None or self.wanted(self.doc, c):
            self.featured(c, spath, opath)

    def candidates(self, ms: list[ActorMention], rules: list[dict[str, Any]]) -> list[Candidate]:
        """The sentence's candidates: each mention alone, each pair the parse links, each unnamed doer, then
        the pattern coder's pairs that no parse link made."""
        for r in rules:
            self.rule_index.setdefault(_rule_key(r), []).append(r)
        toks = self.parts.toks
        heads = [_word(toks, m.head) for m in ms]
        chains = [_ancestors(toks, h) for h in heads]
        agents = co_agents(toks, ms, heads)
        self.venues = {id(m) for m in ms if venue(toks, m)}
        self.by_head = {m.head: m for m in ms}
        # "killed near the border with Mali": the far side of a border where something happens does nothing, and
        # is the target only of a show of force ("massing troops at the border with Gaza")
        self.borders = {id(m) for m in ms if m.head >= 0 and toks.border_side(m.head)}
        unlike = {id(m) for m in ms if contrasted(toks, m)}
        if unlike:  # "Unlike Biden, Trump received a bump": a contrast is no party to the act
            keep = [k for k, m in enumerate(ms) if id(m) not in unlike]
            ms, heads, chains = [ms[k] for k in keep], [heads[k] for k in keep], [chains[k] for k in keep]
        for s, head, sch in zip(ms, heads, chains, strict=True):
            if id(s) in self.venues or id(s) in self.borders or in_place_phrase(toks, s):
                continue  # where something happens does nothing
            sabove = outside(s, sch)
            pred = _predicate(toks, sabove)
            if pred is not None:
                self.add(Candidate(self.start, s, None, pred, "alone"), _link(sch, pred) + (pred,), ())
            self.pairs(s, sch, sabove, [(o, och) for o, och in zip(ms, chains, strict=True)
                                        if may_pair(s, o, agents)])
            doer_verb = unnamed_doer(toks, s, head, sch)
            if doer_verb is not None and any(o is not s and named_means(toks, o, och, doer_verb)
                                             for o, och in zip(ms, chains, strict=True)):
                doer_verb = None  # "killed in Israeli strikes": the text names whose strikes
            doer = placed_doer(toks, s, ms, heads, doer_verb) if doer_verb is not None else None
            if doer is not None and doer_verb is not None:
                # of a noun ("the arrest of X"), only the acts of a state: "the death of X" is no one's act
                roots = state_act_roots() if toks.pos[doer_verb] == "NOUN" else None
                self.add(Candidate(self.start, doer, s, doer_verb, "unnamed doer", target_roots=roots), (doer_verb,),
                         _link(sch, doer_verb) + (doer_verb,))
        for c in _pattern_pairs(toks, self.start, ms, rules, self.made):
            if self.wanted is None or self.wanted(self.doc, c):
                self.featured(c, (), ())
        return self.cands

    def pairs(self, s: ActorMention, sch: list[int], sabove: list[int],
              targets: list[tuple[ActorMention, list[int]]]) -> None:
        """The candidates of `s` (`sch`: its head chain, `sabove`: the part above its words) with each of
        `targets` (a mention and its head chain) that the parse links through a predicate within MAX_PATH
        steps: the paths are the chains up to their first common word."""
        toks = self.parts.toks
        pos = toks.pos
        for o, och in targets:
            for common in sabove:
                if common in och:
                    break
            else:
                continue
            if o.tok_start <= common < o.tok_end:
                continue
            up, down = sch.index(common), och.index(common)  # the lengths of the paths below the common word
            if up + down > MAX_PATH or pos[common] not in _PREDICATE_POS:
                continue
            spath, opath = tuple(sch[:up + 1]), tuple(och[:down + 1])
            if self._inside(s, opath) or self._inside(o, spath):  # "Alex Lagakos, deputy director of the Greek
                continue  # Energy Forum, said ...": one names who the other is, neither acts on the other
            if s.country and o.country == s.country and self._state_in_label(s, sch, up, o, och, down):
                continue  # "called the strike a violation of Iraqi sovereignty": its own state is what a label wrongs
            if o.sector == "MED" and self._addressee(opath) and self.parts.toks.lemma_lower[common] in speaking_verbs():
                self.made.add((_mention_key(s), _mention_key(o)))  # nor the pattern coder's pair
                continue  # "told reporters", "spoke to the BBC": the news is how it is said, not whom it is aimed at
            if self._subjects_of_conjuncts(spath, opath):
                continue  # "people were killed in the floods, and suspects were arrested": two acts, no pair
            if self._not_agent(spath):
                # "Palestinians were killed in Israeli strikes": who undergoes the act does nothing, but may do
                # the verb below it ("were found guilty of raping a tourist"); the pattern coder's pair stays
                # a candidate ("troops were deployed to the border", "is scheduled to meet")
                self.path_words(s, o, spath, opath, verbs_only=True)
                continue
            if s.form == "city" and any(toks.dep[w] in ("dobj", "dative") for w in spath[:-1]):
                continue  # "shelled Kharkiv, killing civilians": a town an act is done to does nothing there
            source_aside, target_aside = in_aside_clause(toks, spath), in_aside_clause(toks, opath)
            if source_aside or target_aside:
                if not source_aside and self._cause_doer(opath):  # "put its army on alert after X fired ..."
                    self.add(Candidate(self.start, s, o, common, "pair", target_roots=_REACTION_ROOTS), spath, opath)
                continue
            if not (self._embedded(spath) or in_backdrop(toks, spath) or in_backdrop(toks, opath)
                    or in_occasion(toks, spath)):
                self.add(Candidate(self.start, s, o, common, "pair",
                                   target_roots=self._target_roots(o)), spath, opath)
            self.path_words(s, o, spath, opath)

    def _target_roots(self, o: ActorMention) -> frozenset[str] | None:
        """The roots a reading with target `o` may have: those of acts aimed at a place for a venue, a show of
        force for the far side of a border (`Candidate.target_roots`); None: any."""
        if id(o) in self.venues:
            return located_roots()
        return _POSTURE_ROOTS if id(o) in self.borders else None

    def _state_in_label(self, s: ActorMention, sch: list[int], up: int, o: ActorMention, och: list[int],
                        down: int) -> bool:
        """Whether a mention of a pair (head chains `sch`, `och`, meeting `up` and `down` words up) is a state
        itself inside the object predicate of the word they meet at: the label it gives ("called the strike a
        violation of Iraqi sovereignty"; a person there may be the target: "called his conduct a breach of his
        oath")."""
        dep = self.parts.toks.dep
        return any(n > 0 and dep[chain[n - 1]] == "oprd" and state_itself(m)
                   for m, chain, n in ((s, sch, up), (o, och, down)))

    def _accidental(self, trigger: int) -> bool:
        """`parties.accidental` of the word at `trigger`, once per word of the sentence."""
        if not self.names_accident:
            return False
        hit = self.accidents.get(trigger)
        if hit is None:
            hit = self.accidents[trigger] = accidental(self.parts.toks, trigger)
        return hit

    def _addressee(self, opath: Path) -> bool:
        """Whether a mention is whom the verb linking it is said to (`opath`: the words from it up to the verb):
        its object ("told reporters") or the object of "to" or "with" ("spoke to the BBC")."""
        toks = self.parts.toks
        return (len(opath) == 2 and toks.dep[opath[0]] in ("dobj", "dative")) or (
            len(opath) == 3 and toks.lower[opath[1]] in ("to", "with"))

    def _subjects_of_conjuncts(self, spath: Path, opath: Path) -> bool:
        """Whether the two mentions of a pair are the subjects of two conjoined clauses, one of the word they
        meet at and one of its conjunct ("X did A, and Y did B"): each is a party to its own clause's act and
        neither to the other's."""
        dep = self.parts.toks.dep
        return any(len(near) == 2 and len(far) == 3 and dep[far[1]] == "conj"
                   and dep[near[0]] in _SUBJECTS and dep[far[0]] in _SUBJECTS
                   for near, far in ((spath, opath), (opath, spath)))

    def _not_agent(self, spath: Path) -> bool:
        """Whether a mention is the passive subject of the verb linking it (`spath`: the words from the mention
        up to it): it undergoes that act ("Palestinians were killed in Israeli strikes")."""
        return len(spath) == 2 and self.parts.toks.dep[spath[0]] == "nsubjpass"

    def _embedded(self, path: Path) -> bool:
        """Whether a mention's path up to the linking word passes through a relative or participle clause ("in a
        move strongly opposed by Russia", "the raid that Israeli forces carried out"): the mention acts in that
        clause, so it is not the doer of the word above it (it may be its target: "condemned the raid that
        Israeli forces carried out")."""
        dep = self.parts.toks.dep
        return any(dep[w] in _CLAUSES for w in path[1:-1])

    def _cause_doer(self, path: Path) -> bool:
        """Whether a mention is the subject of a clause of time right under the linking word ("put its military
        on high alert after North Korea fired artillery"): the act above may answer that clause's doer."""
        toks = self.parts.toks
        return len(path) == 3 and toks.dep[path[0]] in ("nsubj", "nsubjpass") and toks.dep[path[1]] == "advcl"

    def _inside(self, m: ActorMention, path: Path) -> bool:
        """Whether another mention's path up to the linking word (`path`) passes through the words of `m`: it is
        part of the phrase that names `m` (its affiliation, its title's place) through a word between them (a
        title, a preposition), not one coordinated with it or run into it by the parser ("US President Donald
        Trump and Turkish President Erdogan spoke", "US, Vietnam to boost ties")."""
        pos = self.parts.toks.pos
        for k, w in enumerate(path[:-1]):
            if m.tok_start <= w < m.tok_end or w == m.head:  # through a word between them, not a comma
                if k == 1 and self.parts.toks.dep[path[0]] == "appos":
                    return True  # "Kurt Volker, the US special envoy, resigned": one names who the other is
                return k >= 2 and all(pos[x] != "PUNCT" for x in path[1:k])
        return False

    def path_words(self, s: ActorMention, o: ActorMention, spath: Path, opath: Path, verbs_only: bool = False
                   ) -> None:
        """The candidates of the pair `s`, `o` on the verbs and nouns of its parse path below the word that
        links it (`spath`, `opath`: the words from each mention up to that word), outside both mentions' words
        and other than the words the pattern coder coded the pair on. The path of the mention on the other
        side goes up to the linking word and down to the candidate's word (its slot is "down:" and that
        word's label, `features.slot`). `verbs_only`: on its verbs alone."""
        toks = self.parts.toks
        coded = self.rule_words(s, o)
        for here, other, m, source_side in ((opath, spath, o, False), (spath, opath, s, True)):
            for k in range(len(here) - 1):
                w = here[k]
                if m.tok_start <= w < m.tok_end or toks.pos[w] not in _ACT_POS or w in coded or (
                        verbs_only and toks.pos[w] != "VERB"):
                    continue
                near, far = here[:k + 1], other + tuple(reversed(here[k + 1:-1])) + (w,)
                # "police clashed with protesters amid demonstrations against the president": an act named in
                # a phrase of circumstance is not the doings of the clause's subject
                aside = not source_side and len(spath) > 1 and toks.dep[spath[-2]] == "nsubj" and any(
                    toks.dep[x] == "prep" and toks.lower[x] in _CIRCUMSTANCE_PREPS for x in here[k + 1:-1])
                c = Candidate(self.start, s, o, w, "path word",
                              target_roots=self._target_roots(o),
                              source_not_doer=aside or self._owned_by_other(w, s)
                              or (not source_side and clause_of_other(toks, here[k:-1], s, self.by_head))
                              or not_doer(toks, s, near if source_side else spath))
                if self.wanted is None or self.wanted(self.doc, c):
                    self.featured(c, *((near, far) if source_side else (far, near)))

    def _owned_by_other(self, w: int, s: ActorMention) -> bool:
        """Whether word `w` is an act whose possessor is an actor of another country than `s`: "Washington was
        critical of Beijing's crackdown" is Beijing's crackdown, not Washington's."""
        toks = self.parts.toks
        return toks.pos[w] == "NOUN" and any(
            toks.dep[x] == "poss" and (m := self.by_head.get(x)) is not None and m.country and m.country != s.country
            for x in toks.children[w])

    def rule_words(self, s: ActorMention, o: ActorMention) -> set[int]:
        """The words the pattern coder coded the pair `s`, `o` on."""
        rules = self.rule_index.get((*_mention_key(s), *_mention_key(o)), [])
        words = (_rule_word(self.parts.toks, r) for r in rules)
        return {w for w in words if w is not None}


def _rule_word(toks: Tokens, r: dict[str, Any]) -> int | None:
    """The word a pattern event is on: the head of its trigger's words (None where the characters name none)."""
    span = toks.char_span(r["trigger"]["start"], r["trigger"]["end"])
    return None if span is None else toks.span_root(*span)


def _pattern_pairs(toks: Tokens, start: int, ms: list[ActorMention], rules: list[dict[str, Any]],
                   made: set[tuple[Any, ...]]) -> list[Candidate]:
    """Candidates (without features) for the pattern coder's own pairs that no parse link produced."""
    by_key = {_mention_key(m): m for m in ms}
    out: list[Candidate] = []
    for r in rules:
        src_dict, tgt_dict = r.get("source"), r.get("target")
        if src_dict is None:
            continue
        # the mention itself where the sentence has it, else the actor as the event names it
        src = by_key.get(_actor_key(src_dict)) or ActorMention.from_dict(src_dict)
        tgt = None if tgt_dict is None else by_key.get(_actor_key(tgt_dict)) or ActorMention.from_dict(tgt_dict)
        if (_mention_key(src), _mention_key(tgt)) in made or (tgt is not None and same_referent(src, tgt)):
            continue
        word = _rule_word(toks, r)
        if word is None:
            continue
        c = Candidate(start, src, tgt, word, "pattern")
        c.rules = [x for x in rules if _rule_key(x) == _rule_key(r)]
        made.add((_mention_key(src), _mention_key(tgt)))
        out.append(c)
    return out
