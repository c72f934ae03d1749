"""Who did it and to whom: source and target actors of a trigger, found through the dependency parse.

One mechanism serves every pattern: subjects (also through conjunction, control, relative clauses and
participles), passive agents, direct and indirect objects, prepositional objects named by the pattern, and
for nominal triggers possessives, actor adjectives and the subject of the verb that takes the noun.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from ..model import ActorMention
from .fallbacks import TargetSearch, is_purpose
from .triggers import Pattern

__all__ = ["RoleFinder", "actor_of_place", "is_purpose"]

_NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "nummod"}
_SUBJ = ("nsubj", "csubj")
_RELPRON = {"that", "which", "who", "whom", "whose"}
# Nominal trips are made by the subject of the clause around them ("during a visit to Kyiv, X said").
_TRAVEL_NOUNS = {"visit", "trip", "tour", "journey", "stopover", "state visit"}
# Things two parties share: "its border with China" names China.
_SHARED = {"border", "frontier", "boundary", "line", "front", "relation", "relations", "tie", "ties"}
# Places named by whom they house: "a camp for Congolese refugees" is the refugees' camp.
_SHELTERS = {"camp", "shelter", "home", "school", "hospital", "settlement", "centre", "center", "compound"}
# Verbs that react to someone else's act: "Israel rejected calls for a ceasefire" (Israel did not call).
_REACTIONS = {"reject", "decline", "refuse", "dismiss", "ignore", "rebuff", "spurn", "accept", "heed", "answer",
              "welcome", "receive", "grant", "deny", "consider", "back", "support", "oppose", "condemn",
              "criticize", "criticise", "denounce", "praise", "hail", "applaud", "protest", "regret", "deplore"}
# Forces "were deployed / sent / stationed" by their own side when no agent is named.
_SELF_MOVED = {"deploy", "station", "send", "dispatch", "mobilize", "mobilise", "move", "mass", "position",
               "redeploy", "base", "commit", "demobilize", "demobilise", "disarm", "ship", "airlift"}  # and "X is committed to ...": the passive subject is the doer
# Verbs that judge someone for an act: "condemned Israel for the raid", "thanked Qatar for its mediation",
# "sanctioned Russia over the invasion". The act is the judged one's (the verb's object), never the judge's.
_JUDGES = {"condemn", "criticize", "criticise", "denounce", "fault", "punish", "sanction", "penalize", "penalise",
           "convict", "rebuke", "reprimand", "censure", "slam", "thank", "praise", "commend", "congratulate",
           "reward", "credit"}
# Verbs that allege an act: "blamed Iran for the attacks", "accused Israel of the strike", "held Iran responsible
# for ...". Whether the accused did it the text does not assert: the act has no doer (not the accuser either).
_ALLEGERS = {"blame", "accuse", "charge", "indict", "sue", "hold", "deem", "consider", "suspect"}
_ANSWERABLE = {"responsible", "accountable", "liable", "guilty", "culpable"}  # "held Iran responsible for ..."
_CIRCUMSTANTIAL = {"during", "on", "from", "after", "before", "ahead", "following", "upon", "at", "in"}


def actor_of_place(place: ActorMention, sector: str) -> ActorMention:
    """An unnamed actor of the state where something happened (its government, an unidentified armed
    group), pointing at the place's words."""
    return replace(place, code=(place.country or "") + sector, sector=sector, how="implicit", name=None,
                   keys=list(place.keys))


class RoleFinder(TargetSearch):
    """Maps tokens to actor mentions and walks the parse from a trigger to its roles."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], light_verbs: set[str],
                 groups: list[ActorMention] | None = None) -> None:
        self.doc = doc
        self.light_verbs = light_verbs
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            for i in range(m.tok_start, m.tok_end):
                self.by_token[i] = m
        # "the two countries": one phrase standing for several actors named before
        self.groups: dict[int, list[ActorMention]] = {g.head: g.group or [] for g in groups or []}
        self._partners: dict[int, list[ActorMention]] = {}  # `_with_partners` by the mention's id

    @cached_property
    def sentences(self) -> list[Span]:
        """The document's sentences, read once."""
        return list(self.doc.sents)

    @cached_property
    def sentence_of(self) -> list[int]:
        """Each token's sentence number (an index into `sentences`)."""
        starts = self.toks.is_sent_start  # a word's number is the previous word's, plus one where it opens one
        return list(accumulate(starts[1:], initial=0)) if starts else []

    def sentence(self, i: int) -> Span:
        """The sentence of the token at `i`."""
        return self.sentences[self.sentence_of[i]]

    # noun phrases ------------------------------------------------------------------------------------
    def actors_in(self, tok: Token, depth: int = 0) -> list[ActorMention]:
        """Actors a noun phrase denotes: the mention it is, or one its modifiers name; conjuncts included."""
        if tok.i in self.groups:
            return list(self.groups[tok.i])
        if tok.i not in self.by_token and tok.lemma_ in _SHARED:  # "its border with China" names China
            shared = [m for c in self.children(tok) if c.dep_ == "prep" and c.lower_ == "with"
                      for g in self.children(c) if g.dep_ == "pobj" for m in self.actors_in(g, depth + 1)]
            if shared:
                return shared
        m = self.by_token.get(tok.i)
        found: list[ActorMention] = []
        if m is not None:
            found = self._with_partners(m)
        elif depth < 2:
            found = self._named_inside(tok, depth)
        for c in self.children(tok):
            if c.dep_ == "conj":
                for x in self.actors_in(c, depth):
                    if x not in found:
                        found.append(x)
        return found

    def _with_partners(self, m: ActorMention) -> list[ActorMention]:
        """A mention and the actors coordinated with it (a new list, once computed per mention)."""
        known = self._partners.get(id(m))  # `m` is one of `by_token`'s, alive as long as this finder
        if known is None:
            known = self._partners[id(m)] = self._find_partners(m)
        return list(known)

    def _find_partners(self, m: ActorMention) -> list[ActorMention]:
        """A mention and the actors coordinated with it: those a plural pronoun stands for, and conjunct
        modifiers outside it ("Hungarian and Romanian officials")."""
        found = [m]
        if m.pronoun in ("they", "them", "their") and isinstance(m.antecedent_head, int):
            # "Trong and Biden ... as they met": a plural pronoun stands for the whole coordination
            for c in self.doc[m.antecedent_head].conjuncts:
                other = self.by_token.get(c.i)
                if other is not None and other not in found and other.code != m.code:
                    found.append(other)
        for i in range(m.tok_start, m.tok_end):  # the mention's words (without a Span)
            t = self.doc[i]
            for c in [*self.children(t), *([t.head] if t.dep_ == "conj" else [])]:
                # the cheap tests first: a word outside the mention that is itself a mention
                if m.tok_start <= c.i < m.tok_end or c.i not in self.by_token:
                    continue
                if c.dep_ in ("conj", "amod", "compound", "nmod"):
                    other = self.by_token[c.i]
                    linked = c.dep_ == "conj" or t.dep_ == "conj" or any(
                        g.dep_ == "conj" and m.tok_start <= g.i < m.tok_end for g in self.children(c))
                    if linked and other not in found:
                        found.append(other)
        return found

    def _named_inside(self, tok: Token, depth: int) -> list[ActorMention]:
        """The actors a phrase that is no mention names: by a modifier, an "of" (or "with", "for") object,
        or the doer of a deed ("abuses by Ethiopian troops")."""
        found: list[ActorMention] = []
        # "its European Community partners": the modifier names the actor before the owner does
        for c in sorted(self.children(tok), key=lambda c: c.dep_ == "poss"):
            if c.dep_ in _NP_DEPS and c.i < tok.i:
                found += self.actors_in(c, depth + 1)
                if found:
                    return found
        for c in self.children(tok):
            if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "with" and tok.lemma_ in _SHARED)
                                     or (c.lower_ == "for" and tok.lemma_ in _SHELTERS)):
                found += [m for g in self.children(c) if g.dep_ == "pobj" for m in self.actors_in(g, depth + 1)]
        if not found and tok.pos_ == "NOUN":
            # "abuses by Ethiopian troops", "crimes committed by Croat forces": the doer of a deed
            for c in self.children(tok):
                agent = c if c.dep_ == "prep" and c.lower_ == "by" else None
                if c.dep_ == "acl":
                    agent = next((g for g in self.children(c) if g.dep_ == "agent"), None)
                if agent is not None:
                    found += [m for g in self.children(agent) if g.dep_ == "pobj" for m in self.actors_in(g, depth + 1)]
        return found

    def prep_objects(self, tok: Token, preps: set[str]) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in self.children(tok):
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                for g in self.children(c):
                    if g.dep_ == "pobj":
                        out += self.actors_in(g)
                    elif g.dep_ == "pcomp":  # "to the south of Ukraine"
                        out += self.prep_objects(g, {"of"})
                if not any(True for _ in self.children(c)):
                    out += self._stranded_object(c)
            if c.dep_ == "prep" and c.lower_ in ("regarding", "concerning") and c.lower_ in preps:
                out += [x for g in self.children(c) for x in self.actors_in(g)]
        return out

    def _stranded_object(self, prep: Token) -> list[ActorMention]:
        """A preposition the parser left without its object: "granted asylum to five officers holed up in ..."
        makes "officers" the subject of the next clause; the noun right after the preposition is its object."""
        nxt = prep.i + 1
        while nxt < len(self.doc) and self.doc[nxt].dep_ in ("det", "nummod", "amod", "compound", "poss", "quantmod"):
            nxt = self.doc[nxt].head.i if self.doc[nxt].head.i > nxt else nxt + 1
        if nxt < len(self.doc) and self.doc[nxt].dep_ in ("nsubj", "nsubjpass") \
                and self.doc[nxt].head.dep_ in ("advcl", "acl", "relcl", "ccomp"):
            return self.actors_in(self.doc[nxt])
        return []

    # verbs ----------------------------------------------------------------------------------------------
    def subjects(self, verb: Token, hops: int = 0) -> list[ActorMention]:
        """The agents of `verb`: its subject, passive `by` agent, or the subject it inherits."""
        if hops > 4:
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in self.children(verb))
        if passive:
            agents = self.prep_objects(verb, {"by"})
            if not agents and verb.lemma_.lower() in _SELF_MOVED:  # "Venezuelan troops were deployed to ..."
                return [m for c in self.children(verb) if c.dep_ == "nsubjpass" for m in self.actors_in(c)]
            return agents
        for c in self.children(verb):
            if c.dep_ in _SUBJ:
                if c.lower_ in _RELPRON and verb.dep_ == "relcl":
                    return self.actors_in(verb.head)
                return self.actors_in(c)
        if verb.head.i == verb.i:
            return []
        return self._inherited_subjects(verb, hops)

    def _inherited_subjects(self, verb: Token, hops: int) -> list[ActorMention]:
        """The agents of a verb with no subject of its own, from the clause it depends on: a conjunct's,
        a controlled verb's, a relative or participle clause's head, a purpose clause's controller."""
        dep, head = verb.dep_, verb.head
        if dep == "conj":
            if any(c.dep_ == "nsubjpass" for c in self.children(head)):  # "X was indicted by the court and will
                return [m for c in self.children(head) if c.dep_ == "nsubjpass" for m in self.actors_in(c)]  # resign"
            return self.subjects(head, hops + 1)
        if dep == "xcomp":
            passive_subj = [c for c in self.children(head) if c.dep_ == "nsubjpass"]
            if passive_subj:  # "X is scheduled / expected / set to meet ..."
                return self.actors_in(passive_subj[0])
            objs = [c for c in self.children(head) if c.dep_ in ("dobj",)]
            if objs and head.lemma_ not in ("promise", "vow", "pledge"):
                return self.actors_in(objs[0])
            return self.subjects(head, hops + 1)
        if dep == "relcl":
            return self.actors_in(head)
        if dep == "acl" and verb.tag_ == "VBD" and head.i < verb.i:
            return self.actors_in(head)  # "The US called Iran's move regrettable" parsed as a clause on "US"
        if dep == "acomp":  # "it is prepared to impose ...": the adjective's subject is the verb's
            return self.subjects(head, hops + 1)
        if dep == "advcl" and verb.tag_ in ("VBG", "VBN"):
            return self.subjects(head, hops + 1)  # "..., providing it with weapons"
        if dep == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in self.children(verb)):
            # a purpose clause is done by the one sent or called on: "sent troops to stop", "called on X to lift"
            controller = [m for c in self.children(head) if c.dep_ == "dobj" for m in self.actors_in(c)]
            controller = controller or self.prep_objects(head, {"on", "upon"})
            return controller or self.subjects(head, hops + 1)
        if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return self.noun_sources(head, hops + 1)
        if dep == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head, hops + 1)  # "resorted to throwing stones", "after meeting X, Y ..."
        return []

    def patients(self, verb: Token) -> list[ActorMention]:
        for c in self.children(verb):
            if c.dep_ == "nsubjpass":
                if c.lower_ in _RELPRON and verb.dep_ == "relcl":
                    return self.actors_in(verb.head)
                return self.actors_in(c)
        return []

    def objects(self, verb: Token) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in self.children(verb):
            if c.dep_ in ("dobj", "attr", "oprd"):
                out += self.actors_in(c)
        if not out and any(c.dep_ == "nsubjpass" for c in self.children(verb)):
            out = self.patients(verb)
        return out

    def datives(self, verb: Token) -> list[ActorMention]:
        out: list[ActorMention] = []
        for c in self.children(verb):
            if c.dep_ in ("dative", "iobj") and not any(g.dep_ == "pobj" for g in self.children(c)):
                out += self.actors_in(c)
        return out

    # nouns ---------------------------------------------------------------------------------------------
    def governing_verb(self, noun: Token) -> Token | None:
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
            return head
        if noun.dep_ == "conj":
            return self.governing_verb(head)
        if (noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB"
                and head.lower_ in ("in", "to", "for", "into", "at", "with", "on", "under")):
            return head.head  # "engaged in talks", "agreed to a ceasefire", "return for talks", "went on strike"
        return None

    def modifier_actors(self, noun: Token) -> list[ActorMention]:
        """Actor mentions among the pre-modifiers of a noun ("Russian", "US", "India-Russia")."""
        out: list[ActorMention] = []
        for c in self.children(noun):
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
                for t in c.subtree:
                    m = self.by_token.get(t.i)
                    if m is not None and m not in out and t.dep_ not in ("prep", "pobj"):
                        out.append(m)
        return out

    def noun_sources(self, noun: Token, hops: int = 0, agents: frozenset[str] = frozenset({"by", "from"})
                     ) -> list[ActorMention]:
        for c in self.children(noun):
            if c.dep_ == "poss":
                found = self.actors_in(c)
                if found:
                    return found
        mods = [m for m in self.modifier_actors(noun) if m.form != "capital"]
        if len(mods) == 1:
            return mods
        found = self.prep_objects(noun, set(agents))
        if found:
            return found
        judged = self._judged_party(noun)
        if judged is not None:
            return judged
        verb = self.governing_verb(noun)
        if verb is not None and hops < 4 and noun.dep_ != "nsubjpass" and verb.lemma_.lower() not in _REACTIONS:
            return self.subjects(verb, hops + 1)
        if hops < 4 and noun.lemma_.lower() in _TRAVEL_NOUNS:
            clause = self._clause_of(noun)  # "during a visit to Kyiv, Blinken said"; "returning from a visit"
            if clause is not None:
                return self.subjects(clause, hops + 1)
        return []

    def _judged_party(self, noun: Token) -> list[ActorMention] | None:
        """Who did an act named in the "for" (of, over) of a verb that judges someone: the judged party, the
        verb's object ("condemned Israel for the raid", "Qatar was thanked for its mediation"); no one where the
        verb only alleges it ("blamed Iran for the attacks", "held Iran responsible for the strike"); None where
        the noun is in no such phrase."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "over"):
            return None
        verb = prep.head
        if verb.lower_ in _ANSWERABLE and verb.dep_ in ("oprd", "acomp", "ccomp", "xcomp"):
            verb = verb.head
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or lemma not in _JUDGES | _ALLEGERS:
            return None
        if lemma in ("hold", "deem", "consider") and not any(c.lower_ in _ANSWERABLE for c in self.children(verb)):
            return None  # "held talks for ...", "considered options for ...": no judgement
        return [] if lemma in _ALLEGERS else self.objects(verb)

    @staticmethod
    def _clause_of(noun: Token) -> Token | None:
        """The verb a circumstantial phrase ("during ...", "on ...", "from ...") attaches to."""
        tok = noun
        while tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in _CIRCUMSTANTIAL:
            head = tok.head.head
            if head.pos_ in ("VERB", "AUX"):
                return head
            if head.dep_ != "pobj":
                return None
            tok = head
        return None

    # patterns -------------------------------------------------------------------------------------------
    def find(self, trig: Token, p: Pattern) -> tuple[list[ActorMention], list[ActorMention]]:
        """(sources, targets) for trigger `trig` under pattern `p`."""
        if p.pos == "noun":
            # a "from" that the pattern reads as the target ("withdrawal from Niger") names no doer
            agents = frozenset({"by"}) if "from" in p.target else frozenset({"by", "from"})
            sources = self._by_slots(trig, p.source) if p.source else self.noun_sources(trig, agents=agents)
            targets = self._noun_targets(trig, p)
            frame = trig.head if trig.dep_ == "compound" and trig.head.pos_ == "NOUN" else None
            if frame is not None:  # "a mediation effort between A and B", "an aid package for Kyiv"
                # "invasion forces from Panama": a frame's "from" is where it is, not who acts
                sources = sources or self.noun_sources(frame, agents=frozenset({"by"}))
                targets = targets or self._noun_targets(frame, p)
            mods = self.modifier_actors(trig)
            if len(targets) >= 2 and len(mods) >= 2 and targets == mods:  # "the India-Russia summit"
                if not sources:
                    return targets, targets  # both directions (pairs skip self-dyads)
                countries = {s.country for s in sources}
                targets = [t for t in targets if t.country not in countries]  # Modi -> Russia, not India
            return sources, targets
        if p.pos == "adj":
            head = trig.head if trig.dep_ in ("acomp", "oprd") else trig
            sources = self.subjects(head) if head is not trig else self.actors_in(trig.head)
            targets = self.prep_objects(trig, set(p.target)) or self.complement_targets(trig, sources)
            return sources, targets
        sources = self._by_slots(trig, p.source) if p.source else self.subjects(trig)
        targets = self._verb_targets(trig, p)
        return sources, targets

    def _by_slots(self, tok: Token, slots: tuple[str, ...]) -> list[ActorMention]:
        for slot in slots:
            if slot == "nsubj":
                found = self.subjects(tok) if tok.pos_ in ("VERB", "AUX") else self.noun_sources(tok)
            elif slot == "dobj":
                found = self.objects(tok)
            elif slot in ("iobj", "dative"):
                found = self.datives(tok)
            elif slot == "nsubjpass":  # a state passive: "Israel is opposed to ..."
                found = [m for c in self.children(tok) if c.dep_ == "nsubjpass" for m in self.actors_in(c)]
            else:
                found = self.prep_objects(tok, {slot})
            if found:
                return found
        return []

    def _verb_targets(self, verb: Token, p: Pattern) -> list[ActorMention]:
        obj_nouns = [c for c in self.children(verb) if c.dep_ in ("dobj", "nsubjpass")] if p.object else []
        for slot in p.target:
            if slot == "dobj":
                if p.object:
                    found = [m for o in obj_nouns for m in self.actors_in(o)]
                else:
                    found = self.objects(verb)
            elif slot == "nsubj":
                found = self.subjects(verb)
            elif slot in ("iobj", "dative"):
                found = self.datives(verb)
            else:
                found = self.prep_objects(verb, {slot})
                for o in obj_nouns:
                    found = found or self.prep_objects(o, {slot})
            if found:
                return found
        if "dobj" in p.target and not p.object:
            return self._object_fallback(verb) or self._controlled_subject(verb)
        return self._relative_targets(obj_nouns)

    def _controlled_subject(self, verb: Token) -> list[ActorMention]:
        """"allowed the opposition leader to hold a rally": spaCy makes the object the subject of the
        infinitive clause after the verb."""
        for c in self.children(verb):
            if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in self.children(c)):
                return [m for s in self.children(c) if s.dep_ == "nsubj" for m in self.actors_in(s)]
        return []

    def _object_fallback(self, verb: Token) -> list[ActorMention]:
        """The first actor inside the verb's object material ("denounced as a crime Serbia's suppression")."""
        stop = {"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "acl", "conj", "cc", "punct", "mark",
                "xcomp", "parataxis", "aux", "neg", "agent", "npadvmod"}
        frontier = [c for c in self.children(verb) if c.dep_ not in stop and c.i > verb.i and not self._aside(c)]
        objects = [c for c in frontier if c.dep_ == "dobj"]
        while frontier:
            nxt = []
            for t in frontier:
                m = self.by_token.get(t.i)
                if m is not None:
                    return self.actors_in(t)
                nxt += [c for c in self.children(t) if c.dep_ not in stop]
            frontier = sorted(nxt, key=lambda t: t.i)
        return self._relative_targets(objects)

    def _relative_targets(self, objects: list[Token]) -> list[ActorMention]:
        """The actor a relative clause on the object hits: "fired a torpedo that sank a South Korean warship"."""
        for o in objects:
            for rel in self.children(o):
                if rel.dep_ == "relcl":
                    found = [m for c in self.children(rel) if c.dep_ in ("dobj", "prep") for m in self._np_or_prep(c)]
                    if found:
                        return found
        return []

    def _np_or_prep(self, tok: Token) -> list[ActorMention]:
        if tok.dep_ == "prep":
            return [m for g in self.children(tok) if g.dep_ == "pobj" for m in self.actors_in(g)]
        return self.actors_in(tok)

    def _noun_targets(self, noun: Token, p: Pattern) -> list[ActorMention]:
        preps = set(p.target)
        found = self.prep_objects(noun, preps)
        if not found and noun.dep_ == "pobj" and noun.head.lower_ == "with":
            verb = self.governing_verb(noun)  # "hit Moscow with sanctions", "provided it with weapons"
            if verb is not None:
                found = self.objects(verb)
        mods = self.modifier_actors(noun)
        if not found and len(mods) >= 2:  # "India-Russia summit", "US-China talks"
            return mods
        if not found:
            found = [m for m in mods if m.form == "capital"]  # "the Moscow visit"
        if not found:
            verb = self.governing_verb(noun)
            if verb is not None:
                found = self.prep_objects(verb, preps - {"of"})
                if not found and ("dative" in preps or "iobj" in preps or "to" in preps):
                    found = self.datives(verb)
        if not found:
            # "the Ukraine invasion": an actor compound that is not the source
            comp = [c for c in self.children(noun) if c.dep_ == "compound" and c.i in self.by_token]
            if comp and any(c.dep_ == "poss" for c in self.children(noun)):
                found = self.actors_in(comp[0])
        return found
