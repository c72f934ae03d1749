"""Where to look for a target when a pattern's own slots name none: the actor a complement clause is about
("demanded that X stop"), the nearest actor inside the trigger's phrase, who a condition is put to ("unless
Baghdad accepts"), the party a circumstance names ("despite pressure by X", "after talks with X"), where a
domestic act happened ("rallied in Kirkuk"), and whom a nominal appeal addresses. `RoleFinder` inherits these
searches; the event coder tries them in order of confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Token

from ..model import EVENT_ACTOR_KEYS, ActorMention
from ..tokens import Tokens, doc_tokens
from .codebook import PROTEST_ROOT, VIOLENT_ROOTS, root_of
from .records import CodedEvent
from .triggers import Pattern, agentless_passive, claim_verb, subtree

__all__ = ["TargetSearch", "actor_of_place", "is_purpose", "is_purpose_at", "national_authority", "own_country", "own_government", "state_as_doer", "unnamed_doers", "anaphoric_target"]

_COMPLEMENT_STOP = {"nsubj", "nsubjpass", "advcl", "relcl", "ccomp", "parataxis", "punct", "mark", "aux"}
_ASIDE_PREPS = {"despite", "amid", "amidst", "by", "according", "after", "before", "since", "because", "during",
                "following", "including", "like", "unlike", "than"}


def is_purpose(verb: Token) -> bool:
    """A purpose clause: "sent troops to stop the fighting", "went to Kyiv to meet Zelensky"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_purpose_at(toks: Tokens, i: int) -> bool:
    """`is_purpose` of word `i`, read from the token table."""
    return toks.dep[i] == "advcl" and any(toks.dep[c] == "aux" and toks.lower[c] == "to" for c in toks.children[i])


def actor_of_place(place: ActorMention, sector: str) -> ActorMention:
    """An unnamed actor of the state where something happened (its government, an unidentified armed
    group), pointing at the place's words."""
    return replace(place, code=(place.country or "") + sector, sector=sector, how="implicit", name=None,
                   keys=list(place.keys))


class TargetSearch:
    """Fallback target searches over a parsed document (mixed into `RoleFinder`, which supplies the mention
    lookups declared here)."""

    doc: Doc
    by_token: dict[int, ActorMention]
    groups: dict[int, list[ActorMention]]

    @cached_property
    def toks(self) -> Tokens:
        """The document's token table (`tokens.doc_tokens`)."""
        return doc_tokens(self.doc)

    @cached_property
    def _dicts(self) -> dict[int, tuple[ActorMention, dict[str, Any]]]:
        """`_dict_of`'s answers: (mention, its plain dict) by the mention's id."""
        return {}

    def _has(self, found: list[ActorMention], m: ActorMention) -> bool:
        """`m in found`: one of them is `m` or has its plain dict (`ActorMention.__eq__`), each mention's dict
        made once per finder (the mentions searched are the finder's own and nothing changes them meanwhile)."""
        if any(x is m for x in found):
            return True
        mine = self._dict_of(m)
        return any(self._dict_of(x) == mine for x in found)

    def _dict_of(self, m: ActorMention) -> dict[str, Any]:
        """`m.to_dict()`, kept by the mention's id (with the mention, so a reused id is not mistaken)."""
        known = self._dicts.get(id(m))
        if known is None or known[0] is not m:
            known = self._dicts[id(m)] = (m, m.to_dict())
        return known[1]

    @cached_property
    def _children(self) -> list[list[Token] | None]:
        """Each word's children as Tokens, made on the first `children` call for that word (None before)."""
        return [None] * len(self.doc)

    def children(self, tok: Token) -> Sequence[Token]:
        """`tok.children` (in order, as spaCy gives them), read once per word from the document's token table:
        the searches ask the same words (a trigger, its verb, their objects) again and again, and each
        `Token.children` makes a new Token per child."""
        i = tok.i
        kids = self._children[i]
        if kids is None:
            doc = self.doc
            kids = self._children[i] = [doc[k] for k in self.toks.children[i]]
        return kids

    @cached_property
    def _modifiers(self) -> dict[int, list[ActorMention]]:
        """`modifier_actors_at`'s answers by the noun."""
        return {}

    def modifier_actors_at(self, noun: int) -> list[ActorMention]:
        """Actor mentions among the pre-modifiers of a noun ("Russian", "US", "India-Russia"): a new list,
        found once per noun (the role searches of a nominal trigger ask several times)."""
        known = self._modifiers.get(noun)
        if known is None:
            known = self._modifiers[noun] = self._find_modifier_actors(noun)
        return list(known)

    def _find_modifier_actors(self, noun: int) -> list[ActorMention]:
        """`modifier_actors_at`, searched."""
        dep = self.toks.dep
        out: list[ActorMention] = []
        for c in self.toks.children[noun]:
            if dep[c] in ("amod", "compound", "nmod") and c < noun:
                for w in self.subtree_at(c):
                    m = self.by_token.get(w)
                    if m is not None and dep[w] not in ("prep", "pobj") and not self._has(out, m):
                        out.append(m)
        return out

    def subtree_at(self, i: int) -> list[int]:
        """The indices of `doc[i].subtree`, in its order (`triggers.subtree`)."""
        return subtree(self.toks, i)

    def actors_at(self, i: int, depth: int = 0) -> list[ActorMention]:
        raise NotImplementedError

    def prep_objects_at(self, i: int, preps: set[str]) -> list[ActorMention]:
        raise NotImplementedError

    def subjects_at(self, verb: int, hops: int = 0) -> list[ActorMention]:
        raise NotImplementedError

    def governing_verb_at(self, noun: int) -> int | None:
        raise NotImplementedError

    def objects_at(self, verb: int) -> list[ActorMention]:
        raise NotImplementedError

    def child_actors(self, i: int, deps: tuple[str, ...]) -> list[ActorMention]:
        raise NotImplementedError

    def _controlled_subject(self, verb: int) -> list[ActorMention]:
        """"allowed the opposition leader to hold a rally": spaCy makes the object the subject of the
        infinitive clause after the verb."""
        t = self.toks
        dep, kids = t.dep, t.children
        for c in kids[verb]:
            if dep[c] in ("ccomp", "xcomp") and c > verb and any(
                    dep[a] == "aux" and t.lower[a] == "to" for a in kids[c]):
                return self.child_actors(c, ("nsubj",))
        return []

    def _object_fallback(self, verb: int) -> list[ActorMention]:
        """The first actor inside the verb's object material ("denounced as a crime Serbia's suppression")."""
        stop = {"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "acl", "conj", "cc", "punct", "mark",
                "xcomp", "parataxis", "aux", "neg", "agent", "npadvmod"}
        dep, kids = self.toks.dep, self.toks.children
        frontier = [c for c in kids[verb] if dep[c] not in stop and c > verb and not self._aside(c)]
        objects = [c for c in frontier if dep[c] == "dobj"]
        while frontier:
            nxt = []
            for w in frontier:
                if w in self.by_token:
                    return self.actors_at(w)
                # "met opposition leaders in Geneva": a venue down in the object is still no party
                nxt += [c for c in kids[w] if dep[c] not in stop and not self._aside(c)]
            frontier = sorted(nxt)
        return self._relative_targets(objects)

    def _relative_targets(self, objects: list[int]) -> list[ActorMention]:
        """The actor a relative clause on the object hits: "fired a torpedo that sank a South Korean warship"."""
        dep, kids = self.toks.dep, self.toks.children
        for o in objects:
            for rel in kids[o]:
                if dep[rel] == "relcl":
                    found = [m for c in kids[rel] if dep[c] in ("dobj", "prep") for m in self._np_or_prep(c)]
                    if found:
                        return found
        return []

    def _np_or_prep(self, i: int) -> list[ActorMention]:
        if self.toks.dep[i] == "prep":
            return self.child_actors(i, ("pobj",))
        return self.actors_at(i)

    def _follow(self, g: int) -> bool:
        """Inside a complement, go on except into other clauses; purpose clauses belong to the act
        ("send material to help defend X")."""
        t = self.toks
        if t.dep[g] not in _COMPLEMENT_STOP:
            return True
        return is_purpose_at(t, g)

    def complement_targets_at(self, verb: int, sources: list[ActorMention], depth: int = 0) -> list[ActorMention]:
        """For "demanded that X stop", "threatened to cut aid to X": the actor the complement is about."""
        srcs = {(m.code, m.country) for m in sources}
        dep, kids = self.toks.dep, self.toks.children
        clauses = ("ccomp", "xcomp", "acl") if self.toks.pos[verb] in ("NOUN", "PROPN") else ("ccomp", "xcomp")
        for c in kids[verb]:
            if dep[c] not in clauses:
                continue
            for g in (g for g in kids[c] if dep[g] in ("nsubj", "nsubjpass")):  # "demanded that X refuse to
                found = [m for m in self.actors_at(g) if (m.code, m.country) not in srcs]  # recognize Y": X
                if found:
                    return found
            if depth < 1:
                nested = self.complement_targets_at(c, sources, depth + 1)
                if nested and not any(dep[g] in ("dobj", "dative") for g in kids[c]):
                    return nested
            frontier = [g for g in kids[c] if self._follow(g)]
            while frontier:
                nxt = []
                for w in sorted(frontier):
                    m = self.by_token.get(w)
                    if m is not None and (m.code, m.country) not in srcs:
                        return [x for x in self.actors_at(w) if (x.code, x.country) not in srcs]
                    nxt += [g for g in kids[w] if self._follow(g)]
                frontier = nxt
        return []

    def subtree_target_at(self, trig: int, sources: list[ActorMention]) -> list[ActorMention]:
        """Last resort: the nearest other actor inside the trigger's own phrase (not in a nested clause)."""
        srcs = {(m.code, m.country) for m in sources}
        stop = {"ccomp", "parataxis", "advcl", "relcl", "nsubj", "nsubjpass", "csubj", "mark", "punct", "agent"}
        t = self.toks
        dep, kids = t.dep, t.children
        best: tuple[int, ActorMention] | None = None
        frontier = [c for c in kids[trig] if dep[c] not in stop and not self._aside(c)]
        while frontier:
            nxt = []
            for w in frontier:
                if w in self.groups:  # "a resolution of the conflict between the two countries"
                    return [g for g in self.groups[w] if (g.code, g.country) not in srcs]
                m = self.by_token.get(w)
                if m is not None and ((dep[w] == "poss" and t.pos[w] == "PRON") or t.border_side(w)):
                    m = None  # "to show their disapproval for X": "their" is the doer's own; "an ambush at the
                    # border with Mali" names a place
                if m is not None and (m.code, m.country) not in srcs:
                    dist = abs(w - trig)
                    if best is None or dist < best[0]:
                        best = (dist, m)
                # "concern for the program launched by the United States": the agent of a participle
                nxt += [c for c in kids[w] if (dep[c] not in stop or (dep[c] == "agent" and dep[w] == "acl"))
                        and not self._aside(c)]
            frontier = nxt
        return [best[1]] if best else []

    def _aside(self, i: int) -> bool:
        """A circumstance, not a party: "despite fears by Western powers", "amid the war", "in Vienna"."""
        t = self.toks
        if t.dep[i] != "prep":
            return False
        low = t.lower[i]
        if low in _ASIDE_PREPS:
            return True
        if low in ("in", "at", "near", "outside", "inside"):  # a venue, not a party
            return any((m := self.by_token.get(g)) is not None and m.form in ("city", "capital")
                       for g in t.children[i] if t.dep[g] == "pobj")
        return False

    def condition_actors_at(self, trig: int, sources: list[ActorMention],
                            marks: tuple[str, ...] = ("unless", "if")) -> list[ActorMention]:
        """Who a condition is put to: "... unless Baghdad accepts", "... if the United States goes ahead"."""
        srcs = {(m.code, m.country) for m in sources}
        t = self.toks
        dep, kids = t.dep, t.children
        nodes = [trig] + [c for c in kids[trig] if dep[c] in ("xcomp", "ccomp")]
        node = trig
        for _ in range(3):  # and up the clause chain: "said it would close ... unless X"
            if dep[node] not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep"):
                break
            node = t.head[node]
            nodes.append(node)
        for n in nodes:
            for c in kids[n]:
                if dep[c] == "advcl" and any(dep[g] == "mark" and t.lower[g] in marks for g in kids[c]):
                    found = [m for m in self.child_actors(c, ("nsubj", "nsubjpass")) if (m.code, m.country) not in srcs]
                    if found:
                        return found
        return []

    def circumstance_party_at(self, verb: int, nouns: set[str]) -> list[ActorMention]:
        """The other party named in a circumstance of the act: "declined to resign despite pressure by the
        commission", "blocked streets in defiance of Chinese authorities", "called off the strike after talks
        with the government" (`nouns`: the circumstance nouns that name a party)."""
        t = self.toks
        dep, kids = t.dep, t.children
        nodes = [verb] + [c for c in kids[verb] if dep[c] == "xcomp"]
        if dep[verb] in ("xcomp", "ccomp"):
            nodes.append(t.head[verb])
        for node in nodes:
            for c in kids[node]:
                if dep[c] != "prep":
                    continue
                for g in kids[c]:
                    if dep[g] == "pobj" and (t.lemma[g].lower() in nouns or t.lower[g] in nouns):
                        found = self.prep_objects_at(g, {"by", "from", "of", "with", "against"})
                        found += self.child_actors(g, ("amod", "compound", "poss"))
                        # "a strike over a bill signed by the labour minister"
                        found += [m for a in kids[g] if dep[a] == "acl" for m in self.prep_objects_at(a, {"by"})]
                        if found:
                            return found
        return []

    def location_targets_at(self, verb: int, depth: int = 0) -> list[ActorMention]:
        """Where a domestic act happened ("lifted the curfew in Montenegro", "rallied in Kirkuk"), also one
        phrase down ("fired shells at targets in Jericho", "attacked a camp in Darfur")."""
        t = self.toks
        dep, kids = t.dep, t.children
        for c in kids[verb]:
            if dep[c] == "prep" and t.lower[c] in ("in", "inside", "across", "throughout"):
                for g in kids[c]:
                    if dep[g] == "pobj":
                        found = [m for m in self.actors_at(g) if m.form in ("name", "capital", "city")]
                        if found:
                            return found
        if depth == 0:
            return self._location_below(verb) or self._purpose_destination(verb) or self._location_above(verb)
        return []

    def _location_above(self, verb: int) -> list[ActorMention]:
        """The place of the clause a time clause hangs on, where the act's own clause names none: "three people
        were killed in Kharkiv after a missile struck a shopping centre" (the strike was in Kharkiv)."""
        t = self.toks
        if t.dep[verb] != "advcl" or not any(t.dep[g] == "mark" and t.lower[g] in ("after", "when", "as", "while")
                                             for g in t.children[verb]):
            return []
        return self.location_targets_at(t.head[verb], 1)

    def _location_below(self, verb: int) -> list[ActorMention]:
        """A place one phrase down: in an object or a prepositional object, in a participle on the subject,
        in a time clause."""
        t = self.toks
        dep, kids = t.dep, t.children
        for c in kids[verb]:
            inner = [c] if dep[c] in ("dobj", "nsubjpass") else [
                g for g in kids[c] if dep[g] == "pobj"] if dep[c] == "prep" else []
            for g in inner:
                found = self.location_targets_at(g, 1)
                if found:
                    return found
        for c in kids[verb]:  # "guerrillas operating in Macedonia have been demobilized"
            if dep[c] in ("nsubj", "nsubjpass"):
                for acl in self.subtree_at(c):
                    if dep[acl] == "acl" and dep[t.head[acl]] in ("nsubj", "nsubjpass", "pobj"):
                        found = self.location_targets_at(acl, 1)
                        if found:
                            return found
        for c in kids[verb]:  # "killed 23 people when they blew themselves up in Tel Aviv"
            if dep[c] == "advcl" and any(dep[g] == "mark" and t.lower[g] in ("when", "as", "while") for g in kids[c]):
                found = self.location_targets_at(c, 1)
                if found:
                    return found
        return []

    def _purpose_destination(self, verb: int) -> list[ActorMention]:
        """ "sent experts to Bosnia to investigate ...": a purpose is carried out where they were sent."""
        t = self.toks
        if not is_purpose_at(t, verb):
            return []
        for c in t.children[t.head[verb]]:
            if t.dep[c] == "prep" and t.lower[c] in ("to", "into", "in"):
                found = [m for m in self.child_actors(c, ("pobj",)) if m.form in ("name", "capital", "city")]
                if found:
                    return found
        return []

    def addressee_at(self, noun: int, sources: list[ActorMention]) -> list[ActorMention]:
        """Who received a request or offer: "Sweden declined Turkey's demand" -> Sweden."""
        verb = self.governing_verb_at(noun)
        if verb is None or self.toks.dep[noun] not in ("dobj", "nsubjpass"):
            return []
        srcs = {(m.code, m.country) for m in sources}
        return [m for m in self.subjects_at(verb) if (m.code, m.country) not in srcs]


def unnamed_doers(tok: int, verb: int | None, p: Pattern, finder: TargetSearch, targets: list[ActorMention],
                  state_acts: tuple[str, ...]) -> tuple[list[ActorMention], list[ActorMention]]:
    """The doer an act has where the text names none: a state for the acts only a state does, in an agentless
    passive (`state_as_doer`), and the people of the place of a protest no one is named holding ("protests
    erupted in Belgrade against the government": Serbians protest, aimed at the government, not at Belgrade).
    (sources, targets); no sources where there is none."""
    if verb is None:
        return [], targets
    if p.code.startswith(state_acts) and agentless_passive(finder.toks, verb):
        return state_as_doer(tok, verb, finder, targets)
    if p.pos == "noun" and root_of(p.code) == PROTEST_ROOT:
        places = finder.location_targets_at(tok, depth=1) or finder.location_targets_at(verb, depth=1)
        if places:
            return [actor_of_place(places[0], "CVL")], [t for t in targets if t not in places]
    return [], targets


def state_as_doer(tok: int, verb: int, finder: TargetSearch, targets: list[ActorMention]
                  ) -> tuple[list[ActorMention], list[ActorMention]]:
    """ "a reporter was detained in Iran", "was put under investigation in Italy": only a state arrests,
    deports or investigates there (`tok`, `verb`: the trigger's and its verb's words). (sources, targets)"""
    places = finder.location_targets_at(verb) or [m for m in finder.prep_objects_at(verb, {"from"})
                                                if m.form in ("name", "capital", "city")]
    sources = [actor_of_place(m, "GOV") for m in places]
    if verb != tok and not targets:
        targets = finder.child_actors(verb, ("nsubjpass",))
    if not sources:  # "protesters were detained", placed by their article: their own state's authorities
        sources = [own_government(t) for t in targets[:1] if t.how in _PLACED and not national_authority(t)]
    return sources, targets


_PLACED = frozenset({"context", "main country"})  # a mention's country read from its document, not its words


_AUTHORITIES = frozenset({"GOV", "COP", "MIL", "JUD", "LEG", "SPY"})


def national_authority(m: ActorMention) -> bool:
    """Whether an actor is a state or its authorities (government, police, army, courts, parliament)."""
    return (bool(m.country) and len(m.country or "") == 3 and m.country not in ("IGO", "IMG", "NGO")
            and (m.sector in _AUTHORITIES or (m.kind == "state" and not m.sector)))


def own_country(m: ActorMention) -> ActorMention:
    """An actor's own people, as the implicit target of a measure on them (not a mention: no text)."""
    return ActorMention(code=(m.country or "") + "CVL", country=m.country, sector="CVL", how="implicit",
                        keys=[*EVENT_ACTOR_KEYS, "head"])


def own_government(m: ActorMention) -> ActorMention:
    """The government of an actor's own country, as an implicit target (not a mention: no text or offsets)."""
    return ActorMention(code=(m.country or "") + "GOV", country=m.country, sector="GOV", how="implicit",
                        keys=[*EVENT_ACTOR_KEYS, "head"])


def anaphoric_target(toks: Tokens, trig: int, p: Pattern, si: int, sources: list[ActorMention],
                     earlier: list[CodedEvent], anaphors: set[str]) -> list[ActorMention]:
    """ "India resisted this pressure": the source of the pressure reported just before (as that event names
    it). A noun that is itself the act ("the invasion") names an act reported just before by the same side,
    and takes that act's target, or none; a claimed act ("X claimed responsibility for the attack") takes the
    target of the act of force just before, whoever it named as doer. `trig`: the trigger's word in sentence `si`; `earlier`: the events
    coded so far, in order; `anaphors`: the nouns that can refer back to an event."""
    dep, kids = toks.dep, toks.children
    nouns = [trig] if p.pos == "noun" else [c for c in kids[trig] if dep[c] in ("dobj", "nsubjpass")]
    nouns = [n for n in nouns if toks.lemma[n].lower() in anaphors
             and any(dep[d] in ("det", "poss") and toks.lower[d] in ("this", "these", "that", "those", "the", "such")
                     for d in kids[n])]
    if not nouns:
        return []
    countries = {s.country for s in sources}
    claimed = p.pos == "noun" and claim_verb(toks, trig) is not None
    for ev in reversed(earlier):
        if si - ev.sentence_index > 2:
            break
        src = ev.source
        if p.pos == "noun":  # the act named again ("Russia invaded Ukraine ... the invasion"): the target of
            # the same act by the same side, or by whoever claims it ("... Al-Shabaab claimed the attack")
            same = ev.cameo[:2] == p.code[:2] or (claimed and {ev.cameo[:2], p.code[:2]} <= VIOLENT_ROOTS)
            if same and (claimed or src and src.country in countries) and ev.target is not None:
                return [ev.target.view(EVENT_ACTOR_KEYS)]
        elif src and src.country not in countries:
            return [src.view(EVENT_ACTOR_KEYS)]
    return []
