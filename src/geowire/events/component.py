"""The `geowire_events` spaCy component: the pattern coder, events into `doc._.rule_events` as plain dicts.

Only sentences that hold an actor are examined. For each trigger token the most specific matching pattern
gives the CAMEO code; `roles` finds source and target actors, `negation` the assertion status, `dates` the
date. Speech ("X said that Y ...") yields Y's event attributed to X and a statement event by X.
It knows nothing about storage: `pipeline.extract` turns the dicts into `Event` records.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import knowledge as kb
from .dates import event_date
from .devices import bomb_of, bombing_code, unidentified_attacker
from .negation import assess
from .roles import RoleFinder, actor_of_place, is_purpose
from .triggers import Pattern, PatternIndex

__all__ = ["EventCoder", "drop_vaguer", "cue_lexicon", "role_finder"]

for _name in ("events", "rule_events"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

STATEMENT_CODE = "010"
ACCUSATION_CODE = "112"
_JOINT = {"joint", "bilateral", "mutual", "reciprocal"}


def _actor(m: dict[str, Any] | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {k: m[k] for k in ("text", "start", "end", "name", "code", "country", "sector")} | {"how": m["how"]}


def cue_lexicon(raw: dict[str, Any]) -> dict[str, Any]:
    """The lexicon with its cue lists as sets, the form `negation.assess` reads."""
    lex = dict(raw)
    lex["_neg"] = set(raw["negation_words"])
    lex["_future"] = set(raw["future_aux"])
    lex["_hypo"] = set(raw["hypothetical_aux"])
    lex["_cond"] = set(raw["conditional_marks"])
    lex["_reporting"] = set(raw["reporting_verbs"])
    lex["_denial"] = set(raw["denial_verbs"])
    lex["_negating"] = set(raw["negating_governors"])
    lex["_attempt"] = set(raw["attempt_governors"])
    lex["_hypo_gov"] = set(raw["hypothetical_governors"])
    lex["_future_gov"] = set(raw["future_governors"])
    lex["_hypo_mod"] = set(raw.get("hypothetical_modifiers") or [])
    lex["_future_mod"] = set(raw.get("future_modifiers") or [])
    lex["_cancel"] = set(raw.get("cancelling_verbs") or [])
    lex["_sports"] = set(raw.get("sports_words") or [])
    lex["_known_governors"] = (lex["_reporting"] | lex["_negating"] | lex["_attempt"] | lex["_hypo_gov"]
                               | lex["_future_gov"])
    return lex


class _Sentence(NamedTuple):
    text: str
    start_char: int


_NAMED_KINDS = ("person", "institution", "group")
_COMMANDS = {"order", "force", "compel", "oblige", "instruct", "require", "direct"}


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One actor on both sides (the same mention or the same actor code). Domestic events between two actors
    of one country (a government and its rebels, a state and its own citizens) are kept, and so are those
    between two differently named people or bodies that share a code (a vice-president and an
    anti-corruption commission, both KENGOV)."""
    if a is b:
        return True
    if a["code"] != b["code"]:
        return False
    named = a.get("kind") in _NAMED_KINDS and b.get("kind") in _NAMED_KINDS and a.get("name") and b.get("name")
    return not named or a["name"] == b["name"]


class EventCoder:
    def __init__(self, index: PatternIndex, lexicon: dict[str, Any], statements: bool = True) -> None:
        self.index = index
        self.lex = cue_lexicon(lexicon)
        self.light = set(lexicon["light_verbs"])
        self.intent = {str(k): str(v) for k, v in (lexicon.get("intent_codes") or {}).items()}
        self.statements = statements
        self.located_roots = {str(r) for r in lexicon.get("located_roots") or []}
        self.own_government_roots = {str(r) for r in lexicon.get("own_government_roots") or []}
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

    def _pairs(self, p: Pattern, sources: list[dict[str, Any]], targets: list[dict[str, Any]],
               joint: bool = False):  # type: ignore[no-untyped-def]
        pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
        if joint and len(sources) > 1:  # "Russia and Belarus held joint exercises": with each other
            return [(s, t) for s in sources for t in sources if not _same(s, t)]
        if targets:
            pairs = [(s, t) for s in sources for t in targets if not _same(s, t)]
            if p.reciprocal or p.code in self.mutual:
                pairs += [(t, s) for s, t in list(pairs) if t is not None]
            if not pairs and not p.require_target:  # the only target found was the source itself
                pairs = [(s, None) for s in sources]
        elif len(sources) > 1 and (p.reciprocal or "01" <= p.code[:2] <= "08"):
            # "the government and the rebels agreed to allow access": a cooperative act of two sides with no
            # third party is between them
            pairs = [(s, t) for s in sources for t in sources if not _same(s, t)]
        else:
            pairs = [(s, None) for s in sources]
        return pairs

    def code(self, doc: Doc) -> list[dict[str, Any]]:
        mentions = doc._.actors or []
        if not mentions:
            return []
        finder = role_finder(doc, mentions, self.light)
        self._earlier: list[dict[str, Any]] = []
        sents_with_actor = {m["sent"] for m in mentions} | {
            m["sent"] for m in doc._.actor_candidates or [] if m.get("group")}
        out: list[dict[str, Any]] = []
        for si, span in enumerate(doc.sents):
            if span.start not in sents_with_actor:
                continue
            seen: set[tuple[Any, ...]] = set()
            tokens = list(span)
            sport = any(t.lower_ in self.lex["_sports"] for t in tokens)
            sent = _Sentence(span.text, span.start_char)  # each event quotes it: made once
            for tok in tokens:
                if tok.lemma_ in self.lex["_reporting"]:
                    out += self._reported_modal(doc, si, sent, tok, finder, seen)
                p = self.index.match(tok)
                if p is None or tok.i in finder.by_token:
                    continue
                new = self._events_for(doc, si, sent, tok, p, finder, seen, sport)
                out += new
                self._earlier += new
        return drop_vaguer(out)

    def _events_for(self, doc: Doc, si: int, sent: Any, tok: Token, p: Pattern, finder: RoleFinder,
                    seen: set[tuple[Any, ...]], sport: bool = False) -> list[dict[str, Any]]:
        sources, targets = finder.find(tok, p)
        if sport and p.code[:2] >= "13" and all(not s.get("sector") for s in sources):
            return []  # in a sports sentence, "the Netherlands attacked": teams named by their country
        code = self._vowed_force(tok, p, finder) or p.code
        bomb = bomb_of(tok) if p.pos == "verb" and p.code[:2] in ("18", "19", "20") else None
        if bomb is not None:  # "a roadside bombing near Samarra killed ...": a bombing, maybe by no one named
            code = bombing_code(bomb)
            sources = sources or unidentified_attacker(finder, bomb, tok)
        verb = tok if p.pos == "verb" else finder.governing_verb(tok)
        if not sources and verb is not None and p.code.startswith(self.state_acts) and _agentless_passive(verb):
            # "a reporter was detained in Iran", "was put under investigation in Italy": only a state
            # arrests, deports or investigates there
            places = finder.location_targets(verb) or [m for m in finder.prep_objects(verb, {"from"})
                                                        if m.get("form") in ("name", "capital", "city")]
            sources = [actor_of_place(m, "GOV") for m in places]
            if verb is not tok and sources and not targets:
                targets = [m for c in verb.children if c.dep_ == "nsubjpass" for m in finder.actors_in(c)]
        if p.pos == "verb" and p.code[:2] == "17" and tok.dep_ in ("ccomp", "xcomp") \
                and tok.head.lemma_ in _COMMANDS and sources:
            # "the government ordered the newspaper to suspend publication": the restriction is the orderer's
            boss = finder.subjects(tok.head)
            if boss and not any(_same(b, s) for b in boss for s in sources):
                sources, targets = boss, sources
        if not p.reciprocal:  # "reneged on his commitment to the Zambian people": "his" is the doer's own
            targets = [t for t in targets if not all(_same(s, t) for s in sources)]
        if not sources or (p.require_target and not targets):
            return []  # e.g. "X called Y" is a phone call only when Y is an actor
        # Where the pattern's own slots name no target, look further, in decreasing order of confidence.
        fallbacks = [
            ("condition", lambda: finder.condition_actors(tok, sources) if p.code[:2] == "13" else []),
            ("addressee", lambda: finder.addressee(tok, sources)
             if p.pos == "noun" and p.code[:2] in ("02", "03", "10") else []),
            ("complement", lambda: finder.complement_targets(tok, sources)),  # "its demand that Israel ..."
            # "hit Moscow with sanctions and expelled 10 diplomats": coordinated acts share their target
            ("conjunct", lambda: finder.objects(tok.head) if p.pos == "verb" and tok.dep_ == "conj"
             and tok.head.pos_ == "VERB" else []),
            # "blocked a road to show their disapproval for the United States' policies": whom a protest is for
            ("purpose", lambda: [m for c in tok.children if is_purpose(c) for m in finder.subtree_target(c, sources)]
             if p.code[:2] == "14" else []),
            ("location", lambda: finder.location_targets(verb)
             if p.code[:2] in self.located_roots and verb is not None else []),
            ("phrase", lambda: finder.subtree_target(tok, sources)),
            # "refused to resign despite pressure by X", "in defiance of X", "after talks with X"
            ("circumstance", lambda: finder.circumstance_party(verb, self.circumstances.get(p.code[:2], set()))
             if verb is not None else []),
            ("earlier event", lambda: self._anaphoric_target(tok, p, si, sources)),
            ("implicit", lambda: [_own_government(s) for s in sources if s["country"] and len(s["country"]) == 3
                                  and s["country"] not in ("IGO", "IMG", "NGO") and s.get("sector") != "GOV"]
             if p.code[:2] in self.own_government_roots else []),
        ]
        target_from = "pattern"
        if p.reciprocal and len(sources) > 1:
            fallbacks = []  # "Israel and the Palestinians reached a consensus": with each other
            # "the two leaders met in Hanoi": a place of one of the parties is where, not with whom
            targets = [t for t in targets if t["country"] not in {m["country"] for m in sources}]
        for name, find in fallbacks:
            if targets:
                break
            # a fallback that only finds the source itself ("Iraqi Kurds rallied in Kirkuk") gives way to the next
            targets = [t for t in find() if not any(_same(s, t) for s in sources)]
            target_from = name
        a = assess(tok, verb, finder, self.lex)
        modality = a.modality
        if a.attempted and modality == "hypothetical" and p.code[:2] in ("17", "18", "19", "20"):
            modality = "actual"  # "tried to assassinate the prime minister": the attack was made
        if p.modality == "future" and modality == "actual":
            modality = "future"
        date = event_date(tok, verb, doc._.date)
        code, modality, negated, refused = self._as_announced(p, tok, verb, code, modality, a.negated)
        out = []
        joint = any(c.lower_ in _JOINT for c in tok.children) or any(
            g.lower_ in _JOINT for c in tok.children if c.dep_ == "dobj" for g in c.children)
        if modality in ("future", "hypothetical") and not a.negated and p.code[:2] != "14":
            # "will withdraw its troops unless X ...", "would strike if X ...": a threat put to X
            put_to = finder.condition_actors(tok, sources, ("unless", "if") if p.code[:2] >= "12" else ("unless",))
            for s in sources:
                for t in put_to:
                    key = (s["code"], t["code"], "13")
                    if not _same(s, t) and key not in seen:
                        seen.add(key)
                        out.append(self._record(doc, si, sent, tok, "130", s, t, "actual", a, date, 0.6))
        for s, t in self._pairs(p, sources, targets, joint):
            if refused and not any(s is m for m in sources):
                continue  # a refusal is one-sided even where the refused act is mutual
            key = (s["code"], t["code"] if t else None, code[:2])
            if key in seen:
                continue
            seen.add(key)
            conf = 0.55 + 0.15 * (p.pos == "verb") + 0.1 * (t is not None) + 0.1 * bool(p.specificity)
            conf -= {"pattern": 0.0, "condition": 0.05, "addressee": 0.05, "complement": 0.05, "conjunct": 0.1,
                     "location": 0.1,
                     "phrase": 0.15, "earlier event": 0.15}.get(target_from, 0.2)
            conf -= 0.15 * (s["how"] == "coreference") + 0.1 * (t is not None and t["how"] == "coreference")
            out.append({
                "sentence_index": si, "sentence": sent.text, "sent_start": sent.start_char,
                "source": _actor(s), "target": _actor(t),
                "trigger": {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)},
                "cameo": code, "negated": negated, "modality": modality,
                "attributed_to": _actor(a.attributed_to), "date": date,
                "confidence": round(max(0.05, min(conf, 0.99)), 2), "pattern": p.lemma,
                "target_from": target_from if t is not None else None,
            })
            if self.statements and a.reporter_verb is not None and a.attributed_to is not None:
                out += self._statement(doc, si, sent, a, s, t, seen, code if not negated else None)
        return out

    def _vowed_force(self, tok: Token, p: Pattern, finder: RoleFinder) -> str | None:
        """ "vowed to hunt down the militants", "pledged to crush the rebels": a vow whose complement is force or
        coercion against a named actor is a threat (138), not an intent to cooperate."""
        if not p.code.startswith("03") or tok.lemma_.lower() not in self.vows:
            return None
        for comp in (c for c in tok.children if c.dep_ == "xcomp"):
            cp = self.index.match(comp)
            forceful = (cp is not None and cp.code[:2] >= "15") or comp.lemma_.lower() in self.force_verbs
            if forceful and finder.objects(comp):
                return "138"
        return None

    def _as_announced(self, p: Pattern, tok: Token, verb: Token | None, code: str, modality: str,
                      negated: bool) -> tuple[str, str, bool, bool]:
        """An act announced for the future is coded as what the announcement is: cooperation as intent (03),
        a conflictual act by its doer as a threat (13) unless it is the content of a decision, a negated
        cooperative act as a refusal (12). Returns (code, modality, negated, refused)."""
        if negated and modality == "actual" and code[:2] in self.refusal and self._failed(p, tok, verb):
            return self.refusal[code[:2]], "actual", False, True  # "failed to reach agreement": a rejection
        if modality != "future":
            return code, modality, negated, False
        if negated:
            if code[:2] in self.refusal:  # "will not accept": a refusal
                return self.refusal[code[:2]], "actual", False, True
            return code, modality, negated, False
        if code[:2] in self.intent:  # an announced cooperative act is the intent to act, whoever reports it
            code = self.intent[code[:2]]
        # announced by its doer ("will impose", "is prepared to impose"), not a purpose ("sent to stop ...")
        if p.pos == "verb" and not is_purpose(tok) and not code.startswith("13") and not self._decided(verb or tok):
            threat = next((self.threats[code[:n]] for n in (4, 3, 2) if code[:n] in self.threats), None)
            if threat is not None:  # "will impose sanctions on X": a threat made now
                return threat, "actual", False, False
        return code, modality, negated, False

    def _failed(self, p: Pattern, tok: Token, verb: Token | None) -> bool:
        """An agreement the parties failed to reach ("failed to reach agreement", "failed to agree"): CAMEO
        codes it as a rejection."""
        node = verb or tok
        words = {tok.lemma_.lower()} | ({p.lemma} if p.lemma else set()) | {
            c.lemma_.lower() for c in node.children if c.dep_ in ("dobj", "attr")}
        return (node.dep_ == "xcomp" and node.head.lemma_.lower() == "fail"
                and bool(words & self.failed_agreements))

    def _decided(self, verb: Token) -> bool:
        """Whether the act is the content of a decision ("announced that it will expel", "decided to cut")."""
        cur = verb
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "ccomp", "conj") or cur.head is cur:
                return False
            cur = cur.head
            if cur.lemma_.lower() in self.decisions:
                return True
        return False

    def _record(self, doc: Doc, si: int, sent: Any, tok: Token, code: str, s: dict[str, Any],
                t: dict[str, Any] | None, modality: str, a: Any, date: str | None, conf: float) -> dict[str, Any]:
        return {
            "sentence_index": si, "sentence": sent.text, "sent_start": sent.start_char,
            "source": _actor(s), "target": _actor(t),
            "trigger": {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)},
            "cameo": code, "negated": False, "modality": modality, "attributed_to": _actor(a.attributed_to),
            "date": date, "confidence": conf, "pattern": tok.lemma_, "target_from": "condition",
        }

    def _anaphoric_target(self, tok: Token, p: Pattern, si: int, sources: list[dict[str, Any]]
                          ) -> list[dict[str, Any]]:
        """ "India resisted this pressure": the source of the pressure reported just before."""
        nouns = [tok] if p.pos == "noun" else [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        nouns = [n for n in nouns if n.lemma_.lower() in self.event_anaphors
                 and any(d.dep_ in ("det", "poss") and d.lower_ in ("this", "these", "that", "those", "the", "such")
                         for d in n.children)]
        if not nouns:
            return []
        countries = {s["country"] for s in sources}
        for ev in reversed(self._earlier):
            if si - ev["sentence_index"] > 2:
                break
            src = ev["source"]
            if src and src["country"] not in countries:
                return [src]
        return []

    def _reported_modal(self, doc: Doc, si: int, sent: Any, verb: Token, finder: RoleFinder,
                        seen: set[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """ "X said (that) Y must/should ...": a demand or appeal by X addressed to Y."""
        out: list[dict[str, Any]] = []
        for c in verb.children:
            if c.dep_ != "ccomp":
                continue
            modal = next((a.lower_ for a in c.children if a.dep_ == "aux" and a.lower_ in self.modal_codes), None)
            if modal is None or any(a.dep_ == "neg" for a in c.children):
                continue
            speakers = finder.subjects(verb)
            addressees = [m for g in c.children if g.dep_ in ("nsubj", "nsubjpass") for m in finder.actors_in(g)]
            code = self.modal_codes[modal]
            a = assess(verb, verb, finder, self.lex)
            for s in speakers:
                for t in addressees:
                    key = (s["code"], t["code"], code[:2])
                    if _same(s, t) or key in seen:
                        continue
                    seen.add(key)
                    out.append({
                        "sentence_index": si, "sentence": sent.text, "sent_start": sent.start_char,
                        "source": _actor(s), "target": _actor(t),
                        "trigger": {"text": verb.text, "start": verb.idx, "end": verb.idx + len(verb.text)},
                        "cameo": code, "negated": a.negated, "modality": a.modality, "attributed_to": None,
                        "date": event_date(verb, verb, doc._.date), "confidence": 0.6, "pattern": modal,
                        "target_from": "reported modal",
                    })
        return out

    def _statement(self, doc: Doc, si: int, sent: Any, a: Any, s: dict[str, Any], t: dict[str, Any] | None,
                   seen: set[tuple[Any, ...]], asserted_code: str | None = None) -> list[dict[str, Any]]:
        """The speaker's own statement event: about the other party of its own side's act, or, where the
        speaker reports another side's act, about that side; saying that another side used force or threatens
        ("the minister said Morocco attacked ...") is an accusation (CAMEO 112)."""
        speaker = a.attributed_to
        own = _same(speaker, s) or speaker["country"] == s["country"]
        if not own and _news_source(doc, speaker, self.news_sources):
            return []  # "..., Thai police said": a source of the news, not a statement about its actors
        other = t if own else s
        if other is None or other["country"] == speaker["country"]:
            return []
        # another side's force or threat reported: "Costa Rica is threatening Nicaragua", Managua said
        accusation = not own and asserted_code is not None and (asserted_code[:2] >= "15" or asserted_code[:2] == "13")
        code = ACCUSATION_CODE if accusation else STATEMENT_CODE
        key = (speaker["code"], other["code"], code[:2])
        if key in seen:
            return []
        seen.add(key)
        rv: Token = a.reporter_verb
        return [{
            "sentence_index": si, "sentence": sent.text, "sent_start": sent.start_char,
            "source": _actor(speaker), "target": _actor(other),
            "trigger": {"text": rv.text, "start": rv.idx, "end": rv.idx + len(rv.text)},
            "cameo": code, "negated": False, "modality": "actual", "attributed_to": None,
            "date": event_date(rv, rv, doc._.date), "confidence": 0.5, "pattern": rv.lemma_,
            "target_from": "speaker's statement",
        }]


def role_finder(doc: Doc, mentions: list[dict[str, Any]], light_verbs: set[str]) -> RoleFinder:
    """The role finder of a document: its mentions and the groups that stand for several of them."""
    groups = [m for m in doc._.actor_candidates or [] if m.get("group")]
    return RoleFinder(doc, mentions, light_verbs, groups)


def _news_source(doc: Doc, m: dict[str, Any], words: set[str]) -> bool:
    """A speaker that only sources the news: police, media, anonymous officials, witnesses."""
    if m.get("sector") in ("MED", "COP"):
        return True
    head = m.get("head")
    if not (isinstance(head, int) and 0 <= head < len(doc)):
        return False
    tok = doc[head]
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:  # "Thai military sources said"
        tok = tok.head
    return tok.lemma_.lower() in words


def _agentless_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children)


def _own_government(m: dict[str, Any]) -> dict[str, Any]:
    """The government of an actor's own country, as an implicit target (not a mention: no text or offsets)."""
    return {"text": None, "start": None, "end": None, "name": None, "code": m["country"] + "GOV",
            "country": m["country"], "sector": "GOV", "how": "implicit", "head": -1}


def drop_vaguer(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a target-less event when the same sentence has the same source and root with a target."""
    with_target = {(e["sentence_index"], e["source"]["code"], e["cameo"][:2]) for e in events if e["target"]}
    return [e for e in events
            if e["target"] or (e["sentence_index"], e["source"]["code"], e["cameo"][:2]) not in with_target]


class EventComponent:
    def __init__(self, nlp: Language, name: str, statements: bool) -> None:
        self.name = name
        self.coder = EventCoder(PatternIndex(), kb.load_lexicon(), statements)

    def __call__(self, doc: Doc) -> Doc:
        doc._.rule_events = self.coder.code(doc)
        doc._.events = doc._.rule_events  # the learned model, where it runs next, replaces them
        return doc


@Language.factory("geowire_events", default_config={"statements": True})
def make_event_component(nlp: Language, name: str, statements: bool) -> EventComponent:
    return EventComponent(nlp, name, statements)
