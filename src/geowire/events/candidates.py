"""Candidate events and their features, for the learned event model (`events/learned.py`).

A candidate is one possible event of a sentence: a source mention, a target mention or none, and the
word that would express the act between them (their lowest common head in the parse, or the predicate
that governs a lone source). Candidates come from three places:

- every ordered pair of resolved mentions of a sentence that the parse links within a few steps, never one
  actor on both sides (`records.same_referent`: "Algeria said it ...", "Trump defended his decision");
- every mention alone (an act with no target, "X announced ...");
- an unnamed state doer where the text leaves the doer out ("two suspects were arrested": the state of
  the suspects arrests them), and every event the pattern coder (`events/component.py`) proposed, so that
  its cross-sentence and implicit targets can be kept too.

Features are plain strings (words on the parse path, dependency labels, the prepositions that link the
target, actor kinds and sectors, negation and modality cues, and what the pattern coder said about the
same pair); `learned.py` turns them into scores. Training (`training/`) calls the same functions, so the
model sees at run time exactly what it was trained on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LIKE_NUM, ORTH
from spacy.tokens import Doc, Span, Token

from ..model import ActorMention
from ..tokens import doc_tokens
from .codebook import root_of
from .records import same_referent

__all__ = ["Candidate", "candidates_for_doc", "MAX_PATH"]

MAX_PATH = 7  # parse steps between a source and a target (through their common head)
_SKIP_POS = {"PUNCT", "DET", "CCONJ", "SCONJ", "PART", "SPACE", "NUM", "SYM", "X", "INTJ"}
_PREDICATE_POS = {"VERB", "NOUN", "ADJ", "AUX"}
_MODAL = {"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll", "wo"}


@dataclass
class Candidate:
    """One possible event: `source` and `target` are actor mentions (the target may be None), `trigger` the
    token index of the act, `rules` the pattern coder's events (dicts) for the same pair."""

    sent_start: int
    source: ActorMention
    target: ActorMention | None
    trigger: int
    kind: str  # "pair", "alone", "unnamed doer", "pattern"
    rules: list[dict[str, Any]] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)  # the negation and modality cues among the features


Wanted = Callable[[Doc, Candidate], bool]  # which candidates to keep (before their features are computed)


def _ancestors(tok: Token, limit: int = 12) -> list[Token]:
    out = [tok]
    while tok.head.i != tok.i and len(out) < limit:
        tok = tok.head
        out.append(tok)
    return out


def _outside(m: ActorMention, chain: list[Token]) -> list[Token]:
    """The part of a head chain above the mention's own words."""
    return [t for t in chain if not (m.tok_start <= t.i < m.tok_end)]


def _predicate(m: ActorMention, chain: list[Token]) -> Token | None:
    """The word that says what a lone mention did: the first verb above it, or an event noun it modifies."""
    above = _outside(m, chain)
    for t in above[:4]:
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t is above[0]):
            return t
    return None


def _link(chain: list[Token], stop: Token) -> list[Token]:
    out = []
    for t in chain:
        if t.i == stop.i:
            break
        out.append(t)
    return out


def _slot(path: list[Token], trigger: Token) -> str:
    """How a mention hangs on the trigger: the dependency label of the step just below the trigger, with the
    preposition ("prep:with"); "self" when the mention is the trigger's own word."""
    below = [t for t in path if t.i != trigger.i]
    if not below:
        return "self"
    last = below[-1]
    if last.dep_ == "pobj":
        return f"prep:{last.head.lower_}"
    if last.dep_ in ("prep", "agent"):
        return f"prep:{last.lower_}"
    return last.dep_


def _cues(trig: Token) -> list[str]:
    """Negation and modality cues on the trigger and the clauses above it."""
    out: list[str] = []
    node = trig
    for depth in range(4):
        for c in node.children:
            if c.dep_ == "neg":
                out.append(f"neg{min(depth, 1)}")
            elif c.dep_ in ("aux", "auxpass") and c.lower_ in _MODAL:
                out.append(f"aux{min(depth, 1)}={c.lower_}")
            elif c.dep_ == "mark":
                out.append(f"mark{min(depth, 1)}={c.lower_}")
        if node.head.i == node.i or node.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp",
                                                      "pobj", "prep", "dobj"):
            break
        if depth < 2:
            out.append(f"gov{depth}={node.dep_}:{node.head.lemma_.lower()}")
        node = node.head
    if trig.tag_:
        out.append(f"tag={trig.tag_}")
    return out


BLOCS = ("WST",)  # region-like names that are actors in their own right ("the West", "Western countries")


def _kind(m: ActorMention) -> str | None:
    """The mention's kind as the model sees it: a bloc apart from the regions that are only places."""
    return "bloc" if m.code in BLOCS else m.kind


def _form(m: ActorMention) -> str | None:
    return "bloc" if m.code in BLOCS else m.form


_ActorParts = tuple[list[str], str, str, list[str]]  # what an actor's features are made of, whatever the trigger


def _actor_parts(prefix: str, m: ActorMention, doc: Doc) -> _ActorParts:
    """An actor's features that do not depend on the trigger, the two stems that do, and its head word."""
    sector = m.sector or "-"
    form = _form(m)
    head = [f"{prefix}w={doc[m.head].lemma_.lower()}"] if m.kind in ("role", "group") and 0 <= m.head < len(doc) \
        else []  # head -1: no words name the actor
    return ([f"{prefix}k={_kind(m)}", f"{prefix}s={sector}", f"{prefix}h={m.how}", f"{prefix}f={form}",
             f"{prefix}c={'IGO' if str(m.code or '').startswith('IGO') else 'st'}"],
            f"{prefix}s|L={sector}|", f"{prefix}f|L={form}|", head)


def _actor_feats(prefix: str, m: ActorMention | None, doc: Doc, lem: str,
                 known: dict[tuple[str, int], _ActorParts]) -> list[str]:
    """An actor's features with this trigger lemma. The parts are made once per actor mention and kept in
    `known` (by the mention's id: the caller keeps the mentions alive), so that candidates share the same
    string objects, whose hashes Python keeps: the model's feature lookup is then cheap."""
    if m is None:
        return [f"{prefix}=none"]
    parts = known.get((prefix, id(m)))
    if parts is None:
        parts = known[(prefix, id(m))] = _actor_parts(prefix, m, doc)
    fixed, sector_stem, form_stem, head = parts
    return [*fixed, sector_stem + lem, form_stem + lem, *head]


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


@dataclass(frozen=True)
class _TriggerFacts:
    """What the features say of a trigger word whatever the pair (computed once per word)."""

    lem: str
    pos: str
    dep: str
    cues: list[str]
    particle: list[str]  # "L+prt=..." when a particle follows
    objects: tuple[tuple[int, str], ...]  # (token index, lemma) of its direct objects and attributes
    word: tuple[str, str, str]  # its lemma, part of speech and both as features ("L=...", "P=...", "L|P=...")
    dep_feature: str  # its dependency label as a feature


def _trigger_facts(doc: Doc, i: int) -> _TriggerFacts:
    trig = doc[i]
    lem = _lemma(trig)
    particle = [f"L+prt={lem}_{doc[i + 1].lower_}"] if i + 1 < len(doc) and doc[i + 1].dep_ == "prt" else []
    objects = tuple((ch.i, _lemma(ch)) for ch in trig.children if ch.dep_ in ("dobj", "attr"))
    pos, dep = trig.pos_, trig.dep_
    return _TriggerFacts(lem, pos, dep, _cues(trig), particle, objects, (f"L={lem}", f"P={pos}", f"L|P={lem}|{pos}"),
                         f"dep={dep}")


def _year_sentences(doc: Doc) -> set[int]:
    """The first token of each sentence that names a year (a number of four digits from 1900 on: "1982")."""
    starts = doc_tokens(doc).sent_start
    strings = doc.vocab.strings
    return {starts[i] for i, (number, orth) in enumerate(doc.to_array([LIKE_NUM, ORTH]).tolist())
            if number and len(strings[orth]) == 4 and strings[orth][:2] in ("19", "20")}


def _sentence_feats(doc: Doc, sent: Span, years: set[int]) -> list[str]:
    """The sentence's and document's length, and whether the sentence names a year (`_year_sentences`)."""
    n = len(sent)
    out = [f"slen={'short' if n < 20 else 'mid' if n < 40 else 'long'}",
           f"dlen={'brief' if len(doc) < 150 else 'article'}"]
    if sent.start in years:
        out.append("year_in_sentence")
    return out


_NOT_STATES = ("IGO", "NGO", "IMG", "WST")


@dataclass(frozen=True)
class _DocScope:
    """What the document as a whole says of the countries it is about: how many it names (a report of one
    country's own affairs or of relations between countries) and how often it names each."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def breadth(self) -> str:
        n = len(self.counts)
        return "one" if n <= 1 else "two" if n == 2 else "many"

    def home(self, country: str | None) -> bool:
        """Whether most of the document's country mentions are of `country`."""
        return bool(country) and self.counts.get(str(country), 0) * 2 > self.total


def _doc_scope(mentions: list[ActorMention]) -> _DocScope:
    counts: dict[str, int] = {}
    for m in mentions:
        if m.country and len(m.country) == 3 and m.country not in _NOT_STATES:
            counts[m.country] = counts.get(m.country, 0) + 1
    return _DocScope(counts)


def _pair_feats(s: ActorMention, o: ActorMention, lem: str, scope: _DocScope) -> list[str]:
    same = s.country == o.country
    f = [f"same={same}", f"same|sf|of={same}|{_form(s)}|{_form(o)}", f"sk|ok={_kind(s)}|{_kind(o)}",
         f"same|L={same}|{lem}", f"samecode={s.code == o.code}",
         f"sfirst={s.start is not None and o.start is not None and s.start < o.start}",
         f"same|breadth={same}|{scope.breadth}", f"same|home={same}|{scope.home(s.country)}"]
    if same:
        f.append(f"same|ss|os={s.sector or '-'}|{o.sector or '-'}")
    return f


_KIND_FEATURES = {k: f"kind={k}" for k in ("pair", "alone", "unnamed doer", "pattern")}  # one string object each


def _features(doc: Doc, c: Candidate, spath: list[Token], opath: list[Token], t: _TriggerFacts,
              sentence: list[str], scope: _DocScope, known: dict[tuple[str, int], _ActorParts]) -> list[str]:
    lem = t.lem
    trig = doc[c.trigger]
    sslot, oslot = _slot(spath, trig), (_slot(opath, trig) if c.target is not None else "none")
    f = ["bias", _KIND_FEATURES.get(c.kind) or f"kind={c.kind}", *t.word, f"ss={sslot}",
         f"os={oslot}", f"L|ss={lem}|{sslot}", f"L|os={lem}|{oslot}", f"ss|os={sslot}|{oslot}",
         f"L|ss|os={lem}|{sslot}|{oslot}", t.dep_feature]
    f += [f"sp={_lemma(x)}" for x in spath[1:] if x.pos_ not in _SKIP_POS]
    f += [f"op={_lemma(x)}" for x in opath[1:] if x.pos_ not in _SKIP_POS]
    f.append(f"plen={min(len(spath) + len(opath), MAX_PATH + 1)}")
    s, o = c.source, c.target
    f += _actor_feats("s", s, doc, lem, known) + _actor_feats("o", o, doc, lem, known)
    if o is not None:
        f += _pair_feats(s, o, lem, scope)
    f += t.cues
    f += t.particle
    heads = {m.head for m in (s, o) if m is not None}
    f += [f"L|obj={lem}|{obj}" for i, obj in t.objects if i not in heads]
    f += sentence
    for r in c.rules:
        root = root_of(str(r["cameo"]))
        f += [f"R={root}", f"Rc={r['cameo']}", f"R|L={root}|{lem}", f"Rmod={r['modality']}",
              f"Rneg={r['negated']}", f"Rconf={round(float(r['confidence']), 1)}", f"Rpat={r.get('pattern')}"]
    if not c.rules:
        f.append("R=none")
    return f


def _rule_key(e: dict[str, Any]) -> tuple[Any, ...]:
    s, t = e.get("source") or {}, e.get("target") or {}
    return (s.get("start"), s.get("code"), t.get("start") if t else None, t.get("code") if t else None)


def _mention_key(m: ActorMention | None) -> tuple[Any, Any]:
    return (None, None) if m is None else (m.start, m.code)


def _actor_key(d: dict[str, Any]) -> tuple[Any, Any]:
    """`_mention_key` of an actor as an event dict names it."""
    return d.get("start"), d.get("code")


def _unnamed_doer(doc: Doc, m: ActorMention, chain: list[Token]) -> Token | None:
    """The verb of an agentless passive or event noun that acts on `m` ("X was arrested", "the arrest of X")."""
    above = _outside(m, chain)
    if not above:
        return None
    first = doc[m.head]
    if first.dep_ == "nsubjpass" and above[0].pos_ in ("VERB", "AUX"):
        verb = above[0]
        if not any(c.dep_ == "agent" for c in verb.children):
            return verb
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.pos_ == "NOUN":
        noun = first.head.head
        if not any(c.dep_ in ("poss", "compound", "amod") for c in noun.children):
            return noun
    return None


def _state_doer(m: ActorMention) -> ActorMention | None:
    country = m.country
    if not country or len(country) != 3 or country in ("IGO", "NGO", "IMG", "WST"):
        return None
    return ActorMention(code=country + "GOV", country=country, sector="GOV", how="implicit", kind="state",
                        form="implicit", keys=["text", "start", "end", "name", "code", "country", "sector", "how",
                                               "kind", "form", "head"])


def candidates_for_doc(doc: Doc, mentions: list[ActorMention], rule_events: list[dict[str, Any]],
                       wanted: Wanted | None = None) -> list[Candidate]:
    """All candidates of a document, with features, in sentence order; with `wanted`, only those it accepts
    (asked before their features are computed: the run-time model skips candidates it could not print)."""
    by_sent: dict[int, list[ActorMention]] = {}
    for m in mentions:
        if m.country and m.start is not None:
            by_sent.setdefault(m.sent, []).append(m)
    rules_by_sent: dict[int, list[dict[str, Any]]] = {}
    for e in rule_events:
        rules_by_sent.setdefault(e["sentence_index"], []).append(e)
    out: list[Candidate] = []
    scope = _doc_scope(mentions)
    years = _year_sentences(doc)
    for si, sent in enumerate(doc.sents):
        ms = by_sent.get(sent.start, [])
        rules = rules_by_sent.get(si, [])
        if not ms and not rules:
            continue
        out += _sentence_candidates(doc, sent, ms, rules, wanted, scope, years)
    return out


def _conjunct_group(doc: Doc, m: ActorMention) -> int:
    """The first conjunct of the coordination a mention is in ("Ukraine, Georgia and Moldova": Ukraine's
    token), or its own head."""
    tok = doc[m.head]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.i


def _co_agents(doc: Doc, ms: list[ActorMention]) -> set[tuple[int, int]]:
    """Pairs of coordinated mentions (by id) that are co-agents rather than partners: the sentence names a
    third actor ("Ukraine, Georgia and Moldova signed agreements with the EU", "the US and the UK struck
    targets in Yemen"). With no third actor they are each other's partners ("Russia and China signed a deal")."""
    groups = {id(m): _conjunct_group(doc, m) for m in ms}
    out: set[tuple[int, int]] = set()
    for a in ms:
        for b in ms:
            if a is b or groups[id(a)] != groups[id(b)]:
                continue
            if any(groups[id(x)] != groups[id(a)] and x.code not in (a.code, b.code) for x in ms):
                out.add((id(a), id(b)))
    return out


def _may_pair(s: ActorMention, o: ActorMention, co_agents: set[tuple[int, int]]) -> bool:
    """Whether two mentions may be an act's source and target: not overlapping words, not one actor on both
    sides ("Algeria said it ..."), not co-agents (`_co_agents`)."""
    overlap = o.tok_start < s.tok_end and s.tok_start < o.tok_end
    return not (overlap or same_referent(s, o) or (id(s), id(o)) in co_agents)


def _sentence_candidates(doc: Doc, sent: Span, ms: list[ActorMention], rules: list[dict[str, Any]],
                         wanted: Wanted | None, scope: _DocScope, years: set[int]) -> list[Candidate]:
    chains = {id(m): _ancestors(doc[m.head]) for m in ms}
    co_agents = _co_agents(doc, ms)
    chain_ids = {key: {t.i for t in chain} for key, chain in chains.items()}  # membership by token index
    rule_index: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rules:
        rule_index.setdefault(_rule_key(r), []).append(r)
    cands: list[Candidate] = []
    made: set[tuple[Any, ...]] = set()
    sentence = _sentence_feats(doc, sent, years) + [f"breadth={scope.breadth}"]
    facts: dict[int, _TriggerFacts] = {}
    known: dict[tuple[str, int], _ActorParts] = {}  # by the ids of mentions the candidates keep alive

    def featured(c: Candidate, spath: list[Token], opath: list[Token]) -> None:
        if c.trigger not in facts:
            facts[c.trigger] = _trigger_facts(doc, c.trigger)
        c.features = _features(doc, c, spath, opath, facts[c.trigger], sentence, scope, known)
        c.cues = facts[c.trigger].cues
        cands.append(c)

    def add(c: Candidate, spath: list[Token], opath: list[Token]) -> None:
        key = (_mention_key(c.source), _mention_key(c.target))
        c.rules = rule_index.get((*_mention_key(c.source), *_mention_key(c.target)), [])
        made.add(key)
        if wanted is None or wanted(doc, c):
            featured(c, spath, opath)

    for s in ms:
        sch = chains[id(s)]
        sabove = _outside(s, sch)
        pred = _predicate(s, sch)
        if pred is not None:
            add(Candidate(sent.start, s, None, pred.i, "alone"), _link(sch, pred) + [pred], [])
        for o in ms:
            if not _may_pair(s, o, co_agents):
                continue
            och, och_ids = chains[id(o)], chain_ids[id(o)]
            common = next((t for t in sabove if t.i in och_ids), None)
            if common is None or (o.tok_start <= common.i < o.tok_end):
                continue
            spath, opath = _link(sch, common), _link(och, common)
            if len(spath) + len(opath) > MAX_PATH or common.pos_ not in _PREDICATE_POS:
                continue
            add(Candidate(sent.start, s, o, common.i, "pair"), spath + [common], opath + [common])
        doer_verb = _unnamed_doer(doc, s, sch)
        doer = _state_doer(s) if doer_verb is not None else None
        if doer is not None and doer_verb is not None:
            add(Candidate(sent.start, doer, s, doer_verb.i, "unnamed doer"), [doer_verb], _link(sch, doer_verb)
                + [doer_verb])
    for c in _pattern_pairs(doc, sent, ms, rules, made):
        if wanted is None or wanted(doc, c):
            featured(c, [], [])
    return cands


def _pattern_pairs(doc: Doc, sent: Span, ms: list[ActorMention], rules: list[dict[str, Any]],
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
        tok = doc.char_span(r["trigger"]["start"], r["trigger"]["end"], alignment_mode="expand")
        if tok is None:
            continue
        c = Candidate(sent.start, src, tgt, tok.root.i, "pattern")
        c.rules = [x for x in rules if _rule_key(x) == _rule_key(r)]
        made.add((_mention_key(src), _mention_key(tgt)))
        out.append(c)
    return out
