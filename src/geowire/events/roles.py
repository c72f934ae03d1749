"""Who did it and to whom: source and target actors of a trigger, found through the dependency parse.

One mechanism serves every pattern: subjects (also through conjunction, control, relative clauses and
participles), passive agents, direct and indirect objects, prepositional objects named by the pattern, and
for nominal triggers possessives, actor adjectives and the subject of the verb that takes the noun.

The searches walk the parse by word index over the document's token table (`toks`, see `tokens.Tokens`): the
methods named `..._at` take a word's index.
"""

from __future__ import annotations

import operator
from functools import cached_property

from spacy.tokens import Doc

from .. import knowledge as kb
from ..model import ActorMention
from .coordination import Coordination
from .fallbacks import actor_of_place, is_purpose
from .parties import ASCRIBING
from .triggers import Pattern, claim_verb, occurrence_subject, participle_of_noun

__all__ = ["RoleFinder", "actor_of_place", "is_purpose", "role_finder_for"]

_NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "nummod"}
_SUBJ = ("nsubj", "csubj")
_RELPRON = {"that", "which", "who", "whom", "whose"}
# Nominal trips are made by the subject of the clause around them ("during a visit to Kyiv, X said").
_TRAVEL_NOUNS = {"visit", "trip", "tour", "journey", "stopover", "state visit"}
# Things two parties share: "its border with China" names China.
_SHARED = {"border", "frontier", "boundary", "line", "front", "relation", "relations", "tie", "ties"}
# Places named by whom they house: "a camp for Congolese refugees" is the refugees' camp.
_SHELTERS = {"camp", "shelter", "home", "school", "hospital", "settlement", "centre", "center", "compound"}
# Prepositions whose objects a phrase names as its parties: "the deal between A and B", "leaders including A and B".
_NAMING_PREPS = frozenset({"of", "between", "among", "amongst", "including"})
_ANSWERABLE = {"responsible", "accountable", "liable", "guilty", "culpable"}  # "held Iran responsible for ..."
_MEDIATION = "045"
_JUDGED_DEED = {"of", "for", "with"}  # the preposition of the deed a verb judges its object for
_CIRCUMSTANTIAL = {"during", "on", "from", "after", "before", "ahead", "following", "upon", "at", "in"}


class RoleFinder(Coordination):
    """Maps words to actor mentions and walks the parse from a trigger to its roles."""

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
        self.partners_by_mention: dict[int, list[ActorMention]] = {}

    @property
    def sentence_of(self) -> list[int]:
        """`Tokens.sentence_of`."""
        return self.toks.sentence_of

    @property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """`Tokens.sentence_bounds`."""
        return self.toks.sentence_bounds

    @cached_property
    def questions(self) -> list[bool]:
        """Whether each sentence (by number) is a question: its text ends in a question mark, trailing spaces
        aside (its last word that is no space ends in one; `Token.is_space` is `str.isspace` of its text)."""
        text = self.toks.text
        out: list[bool] = []
        for start, end in self.sentence_bounds:
            last = next((i for i in range(end - 1, start - 1, -1) if not text[i].isspace()), None)
            out.append(last is not None and text[last].endswith("?"))
        return out

    # noun phrases ------------------------------------------------------------------------------------
    def actors_at(self, i: int, depth: int = 0) -> list[ActorMention]:
        """Actors the phrase of word `i` denotes: the mention it is, or one its modifiers name; conjuncts
        included."""
        if i in self.groups:
            return list(self.groups[i])
        t = self.toks
        dep, kids = t.dep, t.children
        if i not in self.by_token and t.lemma[i] in _SHARED:  # "its border with China" names China
            shared = [m for c in kids[i] if dep[c] == "prep" and t.lower[c] == "with"
                      for g in kids[c] if dep[g] == "pobj" for m in self.actors_at(g, depth + 1)]
            if shared:
                return shared
        m = self.by_token.get(i)
        found: list[ActorMention] = []
        if m is not None:
            found = self.with_partners(m)
        elif depth < 2:
            found = self._named_inside(i, depth)
        for c in kids[i]:
            if dep[c] == "conj":
                for x in self.actors_at(c, depth):
                    if not self._has(found, x):
                        found.append(x)
        return found

    def _named_inside(self, i: int, depth: int) -> list[ActorMention]:
        """The actors a phrase that is no mention names: by a modifier, an "of" (or "with", "for") object,
        the parties a "between", "among" or "including" names ("the deal between Turkey and Libya",
        "governments including Jordan and Egypt"), or the doer of a deed ("abuses by Ethiopian troops")."""
        t = self.toks
        dep, lower, kids = t.dep, t.lower, t.children
        found: list[ActorMention] = []
        # "its European Community partners": the modifier names the actor before the owner does
        for c in sorted(kids[i], key=lambda c: dep[c] == "poss"):
            if dep[c] in _NP_DEPS and c < i:
                found += self.actors_at(c, depth + 1)
                if found:
                    return found
        for c in kids[i]:
            if dep[c] == "prep" and (lower[c] in _NAMING_PREPS or (lower[c] == "with" and t.lemma[i] in _SHARED)
                                     or (lower[c] == "for" and t.lemma[i] in _SHELTERS)):
                found += [m for g in kids[c] if dep[g] == "pobj" for m in self.actors_at(g, depth + 1)]
        if not found and t.pos[i] == "NOUN":
            # "abuses by Ethiopian troops", "crimes committed by Croat forces": the doer of a deed
            for c in kids[i]:
                agent = c if dep[c] == "prep" and lower[c] == "by" else None
                if dep[c] == "acl":
                    agent = next((g for g in kids[c] if dep[g] == "agent"), None)
                if agent is not None:
                    found += [m for g in kids[agent] if dep[g] == "pobj" for m in self.actors_at(g, depth + 1)]
        return found

    def prep_objects_at(self, i: int, preps: set[str]) -> list[ActorMention]:
        """The actors in word `i`'s prepositional phrases (and agents, datives) headed by one of `preps`."""
        t = self.toks
        dep, lower, kids = t.dep, t.lower, t.children
        out: list[ActorMention] = []
        for c in kids[i]:
            if dep[c] in ("prep", "agent", "dative") and lower[c] in preps:
                for g in kids[c]:
                    if dep[g] == "pobj":
                        out += self.actors_at(g)
                    elif dep[g] == "pcomp":  # "to the south of Ukraine"
                        out += self.prep_objects_at(g, {"of"})
                if not kids[c]:
                    out += self._stranded_object(c)
            if dep[c] == "prep" and lower[c] in ("regarding", "concerning") and lower[c] in preps:
                out += [x for g in kids[c] for x in self.actors_at(g)]
        return out

    def _stranded_object(self, prep: int) -> list[ActorMention]:
        """A preposition the parser left without its object: "granted asylum to five officers holed up in ..."
        makes "officers" the subject of the next clause; the noun right after the preposition is its object."""
        t = self.toks
        dep, head, n = t.dep, t.head, len(t)
        nxt = prep + 1
        while nxt < n and dep[nxt] in ("det", "nummod", "amod", "compound", "poss", "quantmod"):
            nxt = head[nxt] if head[nxt] > nxt else nxt + 1
        if nxt < n and dep[nxt] in ("nsubj", "nsubjpass") and dep[head[nxt]] in ("advcl", "acl", "relcl", "ccomp"):
            return self.actors_at(nxt)
        return []

    def child_actors(self, i: int, deps: tuple[str, ...]) -> list[ActorMention]:
        """The actors of word `i`'s children with one of these dependencies, in order."""
        dep = self.toks.dep
        return [m for c in self.toks.children[i] if dep[c] in deps for m in self.actors_at(c)]

    # verbs ----------------------------------------------------------------------------------------------
    def subjects_at(self, verb: int, hops: int = 0) -> list[ActorMention]:
        """The agents of word `verb`: its subject, passive `by` agent, or the subject it inherits."""
        if hops > 4:
            return []
        t = self.toks
        dep, kids = t.dep, t.children
        participle = participle_of_noun(t, verb)  # "a reporter detained in Iran": the noun undergoes it
        if participle or any(dep[c] in ("nsubjpass", "auxpass") for c in kids[verb]):
            agents = self.prep_objects_at(verb, {"by"}) or self._statement_agents(verb)
            if not agents and t.lemma_lower[verb] in kb.lexicon_words("self_moved_verbs"):
                # "Venezuelan troops were deployed to ...", "troops deployed to ..."
                return self.actors_at(t.head[verb]) if participle else self.child_actors(verb, ("nsubjpass",))
            return agents
        for c in kids[verb]:
            if dep[c] in _SUBJ:
                if t.lower[c] in _RELPRON and dep[verb] == "relcl":
                    return self.actors_at(t.head[verb])
                return self.actors_at(c)
        if t.head[verb] == verb:
            return []
        return self._inherited_subjects(verb, hops)

    def _statement_agents(self, verb: int) -> list[ActorMention]:
        """The agents of a passive verb named in the words it was said in ("was condemned in a joint statement
        by Egypt, Greece and Cyprus", "was denounced in a letter by ..."): the "by" objects of the object of
        its "in" or "through"."""
        t, utterances = self.toks, kb.lexicon_words("utterance_nouns")
        return [m for c in t.children[verb] if t.dep[c] == "prep" and t.lower[c] in ("in", "through", "via")
                for g in t.children[c] if t.dep[g] == "pobj" and t.lemma_lower[g] in utterances
                for m in self.prep_objects_at(g, {"by"})]

    def _inherited_subjects(self, verb: int, hops: int) -> list[ActorMention]:
        """The agents of a verb with no subject of its own, from the clause it depends on: a conjunct's,
        a controlled verb's, a relative or participle clause's head, a purpose clause's controller."""
        t = self.toks
        dep, kids, tag = t.dep, t.children, t.tag[verb]
        rel, head = dep[verb], t.head[verb]
        if rel == "conj":
            if any(dep[c] == "nsubjpass" for c in kids[head]):  # "X was indicted by the court and will
                return self.child_actors(head, ("nsubjpass",))  # resign"
            return self.subjects_at(head, hops + 1)
        if rel == "xcomp":
            passive_subj = [c for c in kids[head] if dep[c] == "nsubjpass"]
            if passive_subj:  # "X is scheduled / expected / set to meet ..."
                return self.actors_at(passive_subj[0])
            objs = [c for c in kids[head] if dep[c] == "dobj"]
            if objs and t.lemma[head] not in ("promise", "vow", "pledge"):
                return self.actors_at(objs[0])
            return self.subjects_at(head, hops + 1)
        if rel == "relcl" or (rel == "acl" and tag == "VBD" and head < verb):
            return self.actors_at(head)  # acl: "The US called Iran's move regrettable" parsed as a clause on "US"
        if rel == "acomp" or (rel == "advcl" and tag in ("VBG", "VBN")):
            # "it is prepared to impose ...": the adjective's subject is the verb's; "..., providing it with weapons"
            return self.subjects_at(head, hops + 1)
        if rel == "advcl" and any(t.lower[c] == "to" and dep[c] == "aux" for c in kids[verb]):
            # a purpose clause is done by the one sent or called on: "sent troops to stop", "called on X to lift"
            controller = self.child_actors(head, ("dobj",))
            controller = controller or self.prep_objects_at(head, {"on", "upon"})
            return controller or self.subjects_at(head, hops + 1)
        if rel == "acl" and t.pos[head] in ("NOUN", "PROPN"):
            return self.noun_sources_at(head, hops + 1)
        if rel == "pcomp" and tag == "VBG" and dep[head] == "prep" and t.pos[t.head[head]] in ("VERB", "AUX"):
            if t.lower[head] in _JUDGED_DEED:  # "charged X with killing ...", "accused X of arming ...": X did it
                judged = self.child_actors(t.head[head], ("dobj",))
                if judged:
                    return judged
            return self.subjects_at(t.head[head], hops + 1)  # "resorted to throwing stones", "after meeting X, Y ..."
        return []

    def patients_at(self, verb: int) -> list[ActorMention]:
        t = self.toks
        for c in t.children[verb]:
            if t.dep[c] == "nsubjpass":
                if t.lower[c] in _RELPRON and t.dep[verb] == "relcl":
                    return self.actors_at(t.head[verb])
                return self.actors_at(c)
        return []

    def objects_at(self, verb: int) -> list[ActorMention]:
        out = self.child_actors(verb, ("dobj", "attr", "oprd"))
        dep, kids = self.toks.dep, self.toks.children
        if not out and any(dep[c] == "nsubjpass" for c in kids[verb]):
            out = self.patients_at(verb)
        elif not out and participle_of_noun(self.toks, verb):  # the actor the noun is or its modifier names,
            noun = self.toks.head[verb]  # not those it names in a phrase ("a deal brokered between A and B")
            out = self.actors_at(noun) if noun in self.by_token else self.modifier_actors_at(noun)
        elif not out and dep[verb] == "conj" and any(dep[c] == "auxpass" for c in kids[verb]) and not any(
                dep[c] in _SUBJ for c in kids[verb]):  # "Turkey faces sanctions and was condemned by Egypt": the
            out = self.subjects_at(self.toks.head[verb])  # passive conjunct undergoes what its subject is
        return out

    def datives_at(self, verb: int) -> list[ActorMention]:
        dep, kids = self.toks.dep, self.toks.children
        return [m for c in kids[verb] if dep[c] in ("dative", "iobj") and not any(dep[g] == "pobj" for g in kids[c])
                for m in self.actors_at(c)]

    # nouns ---------------------------------------------------------------------------------------------
    def governing_verb_at(self, noun: int) -> int | None:
        t = self.toks
        dep, pos, head = t.dep, t.pos, t.head[noun]
        if (dep[noun] in ("dobj", "nsubjpass", "attr") or occurrence_subject(t, noun)) and pos[head] in ("VERB", "AUX"):
            return head
        if dep[noun] == "conj":
            return self.governing_verb_at(head)
        if (claimer := claim_verb(t, noun)) is not None:  # "claimed responsibility for the attack"
            return claimer
        if (dep[noun] == "pobj" and dep[head] == "prep" and pos[t.head[head]] == "VERB"
                and t.lower[head] in ("in", "to", "for", "into", "at", "with", "on", "under")):
            return t.head[head]  # "engaged in talks", "agreed to a ceasefire", "return for talks", "went on strike"
        return None

    def noun_sources_at(self, noun: int, hops: int = 0, agents: frozenset[str] = frozenset({"by", "from"})
                        ) -> list[ActorMention]:
        t = self.toks
        for c in t.children[noun]:
            if t.dep[c] == "poss":
                found = self.actors_at(c)
                if found:
                    return found
        mods = [m for m in self.modifier_actors_at(noun) if m.form != "capital"]
        if len(mods) == 1:
            return mods
        found = self.prep_objects_at(noun, set(agents))
        if found:
            return found
        judged = self._judged_party(noun)
        if judged is not None:
            return judged
        for c in t.children[noun]:  # "the bombing, attributed to al-Shabaab", "an attack blamed on the Taliban"
            if t.dep[c] == "acl" and t.lemma_lower[c] in ASCRIBING and (found := self.prep_objects_at(c, {"to", "on"})):
                return found
        verb = self.governing_verb_at(noun)
        if verb is not None and hops < 4 and t.dep[noun] != "nsubjpass" \
                and t.lemma_lower[verb] not in kb.lexicon_words("reaction_verbs"):
            return self.subjects_at(verb, hops + 1)
        if hops < 4 and t.lemma[noun].lower() in _TRAVEL_NOUNS:
            clause = self._clause_of(noun)  # "during a visit to Kyiv, Blinken said"; "returning from a visit"
            if clause is not None:
                return self.subjects_at(clause, hops + 1)
        return []

    def _judged_party(self, noun: int) -> list[ActorMention] | None:
        """Who did an act named in the "for" (of, over) of a verb that judges someone: the judged party, the
        verb's object ("condemned Israel for the raid", "Qatar was thanked for its mediation"); no one where the
        verb only alleges it ("blamed Iran for the attacks", "held Iran responsible for the strike"); None where
        the noun is in no such phrase."""
        t = self.toks
        dep, lower, prep = t.dep, t.lower, t.head[noun]
        if dep[noun] != "pobj" or dep[prep] != "prep" or lower[prep] not in ("for", "of", "over"):
            return None
        verb = t.head[prep]
        if lower[verb] in _ANSWERABLE and dep[verb] in ("oprd", "acomp", "ccomp", "xcomp"):
            verb = t.head[verb]
        lemma, alleging = t.lemma[verb].lower(), kb.lexicon_words("alleging_verbs")
        if t.pos[verb] not in ("VERB", "AUX") or (lemma not in kb.lexicon_words("judging_verbs") and lemma not in alleging):
            return None
        if lemma in ("hold", "deem", "consider") and not any(lower[c] in _ANSWERABLE for c in t.children[verb]):
            return None  # "held talks for ...", "considered options for ...": no judgement
        return [] if lemma in alleging else self.objects_at(verb)

    def _clause_of(self, noun: int) -> int | None:
        """The verb a circumstantial phrase ("during ...", "on ...", "from ...") attaches to."""
        t = self.toks
        dep, head = t.dep, t.head
        i = noun
        while dep[i] == "pobj" and dep[head[i]] == "prep" and t.lower[head[i]] in _CIRCUMSTANTIAL:
            above = head[head[i]]
            if t.pos[above] in ("VERB", "AUX"):
                return above
            if dep[above] != "pobj":
                return None
            i = above
        return None

    # patterns -------------------------------------------------------------------------------------------
    def find_at(self, trig: int, p: Pattern) -> tuple[list[ActorMention], list[ActorMention]]:
        """(sources, targets) for the trigger at word `trig` under pattern `p`."""
        t = self.toks
        if p.pos == "noun":
            return self._noun_roles(trig, p)
        if p.pos == "adj":
            if t.dep[trig] in ("acomp", "oprd"):
                sources = self.subjects_at(t.head[trig])
            else:
                sources = self.actors_at(t.head[trig])
            targets = self.prep_objects_at(trig, set(p.target)) or self.complement_targets_at(trig, sources)
            return sources, targets
        sources = self._by_slots(trig, p.source) if p.source else self.subjects_at(trig)
        if not sources and (between := self._between(trig, p)):  # a gerund: "fighting between A and B"
            return between, between
        targets = self._verb_targets(trig, p)
        return sources, targets

    def _between(self, trig: int, p: Pattern) -> list[ActorMention]:
        """The parties of an act the text names only as between two or more ("talks between Serbia and Kosovo",
        "fighting between Armenia and Azerbaijan", "clashes broke out between A and B"): each does it with the
        others. Empty unless the pattern reads "between" and it names two or more."""
        if "between" not in p.target or p.code.startswith(_MEDIATION):  # "a deal brokered between A and B" is
            return []  # a third party's act
        between = self.prep_objects_at(trig, {"between"})
        if not between and occurrence_subject(self.toks, trig):  # "clashes erupted between A and B"
            between = self.prep_objects_at(self.toks.head[trig], {"between"})
        return between if len(between) >= 2 else []

    def _noun_roles(self, trig: int, p: Pattern) -> tuple[list[ActorMention], list[ActorMention]]:
        """(sources, targets) of a nominal trigger."""
        t = self.toks
        # a "from" that the pattern reads as the target ("withdrawal from Niger") names no doer
        agents = frozenset({"by"}) if "from" in p.target else frozenset({"by", "from"})
        sources = self._by_slots(trig, p.source) if p.source else self.noun_sources_at(trig, agents=agents)
        targets = self._noun_targets(trig, p)
        frame = t.head[trig] if t.dep[trig] == "compound" and t.pos[t.head[trig]] == "NOUN" else None
        if frame is not None:  # "a mediation effort between A and B", "an aid package for Kyiv"
            # "invasion forces from Panama": a frame's "from" is where it is, not who acts
            sources = sources or self.noun_sources_at(frame, agents=frozenset({"by"}))
            targets = targets or self._noun_targets(frame, p)
        if not sources and (between := self._between(trig, p)):
            return between, between
        mods = self.modifier_actors_at(trig)
        if len(targets) >= 2 and len(mods) >= 2 and targets == mods:  # "the India-Russia summit"
            if not sources:
                return targets, targets  # both directions (pairs skip self-dyads)
            countries = {s.country for s in sources}
            targets = [x for x in targets if x.country not in countries]  # Modi -> Russia, not India
        return sources, targets

    def _by_slots(self, i: int, slots: tuple[str, ...]) -> list[ActorMention]:
        for slot in slots:
            if slot == "nsubj":
                found = self.subjects_at(i) if self.toks.pos[i] in ("VERB", "AUX") else self.noun_sources_at(i)
            elif slot == "dobj":
                found = self.objects_at(i)
            elif slot in ("iobj", "dative"):
                found = self.datives_at(i)
            elif slot == "nsubjpass":  # a state passive: "Israel is opposed to ..."
                found = self.child_actors(i, ("nsubjpass",))
            else:
                found = self.prep_objects_at(i, {slot})
            if found:
                return found
        return []

    def _verb_targets(self, verb: int, p: Pattern) -> list[ActorMention]:
        dep = self.toks.dep
        obj_nouns = [c for c in self.toks.children[verb] if dep[c] in ("dobj", "nsubjpass")] if p.object else []
        for slot in p.target:
            if slot == "dobj":
                if p.object:
                    found = [m for o in obj_nouns for m in self.actors_at(o)]
                else:
                    found = self.objects_at(verb)
            elif slot == "nsubj":
                found = self.subjects_at(verb)
            elif slot in ("iobj", "dative"):
                found = self.datives_at(verb)
            else:
                found = self.prep_objects_at(verb, {slot})
                for o in obj_nouns:
                    found = found or self.prep_objects_at(o, {slot})
            if found:
                return found
        if "dobj" in p.target and not p.object:
            return self._object_fallback(verb) or self._controlled_subject(verb)
        return self._relative_targets(obj_nouns)

    def _noun_targets(self, noun: int, p: Pattern) -> list[ActorMention]:
        t = self.toks
        preps = set(p.target)
        found = self.prep_objects_at(noun, preps)
        if not found and t.dep[noun] == "pobj" and t.lower[t.head[noun]] == "with":
            verb = self.governing_verb_at(noun)  # "hit Moscow with sanctions", "provided it with weapons"
            if verb is not None:
                found = self.objects_at(verb)
        mods = self.modifier_actors_at(noun)
        if not found and len(mods) >= 2:  # "India-Russia summit", "US-China talks"
            return mods
        if not found:
            found = [m for m in mods if m.form == "capital"]  # "the Moscow visit"
        if not found:
            verb = self.governing_verb_at(noun)
            if verb is not None:
                found = self.prep_objects_at(verb, preps - {"of"})
                if not found and ("dative" in preps or "iobj" in preps or "to" in preps):
                    found = self.datives_at(verb)
        if not found:
            # "the Ukraine invasion": an actor compound that is not the source
            comp = [c for c in t.children[noun] if t.dep[c] == "compound" and c in self.by_token]
            if comp and any(t.dep[c] == "poss" for c in t.children[noun]):
                found = self.actors_at(comp[0])
        return found


# The finder `role_finder_for` made last, with what it was made from: (finder, mentions, light verbs, the
# Doc's actor candidates and their number). One only: it keeps its Doc alive until the next one is coded.
_LAST: list[tuple[RoleFinder, list[ActorMention], frozenset[str], object, int]] = []


def role_finder_for(doc: Doc, mentions: list[ActorMention], light_verbs: set[str],
                    groups: list[ActorMention]) -> RoleFinder:
    """`RoleFinder(doc, mentions, light_verbs, groups)`, or the one made last where that was made for this Doc
    from these very mention records (the same objects, in order), the same light verbs and the same list of
    actor candidates (`groups` are read from it, `records.doc_groups`): the pattern coder and the event model
    walk one parse over the same mentions. A finder only adds to its caches, which hold what the Doc and the
    mentions give."""
    candidates = doc._.geowire_actor_candidates
    size = len(candidates or [])
    if _LAST:
        finder, made_from, light, cands, n = _LAST[0]
        if (finder.doc is doc and cands is candidates and n == size and light == light_verbs
                and len(made_from) == len(mentions) and all(map(operator.is_, made_from, mentions))):
            return finder
    finder = RoleFinder(doc, mentions, light_verbs, groups)
    _LAST[:] = [(finder, list(mentions), frozenset(light_verbs), candidates, size)]
    return finder
