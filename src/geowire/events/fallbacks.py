"""Where to look for a target when a pattern's own slots name none: the actor a complement clause is about
("demanded that X stop"), the nearest actor inside the trigger's phrase, who a condition is put to ("unless
Baghdad accepts"), the party a circumstance names ("despite pressure by X", "after talks with X"), where a
domestic act happened ("rallied in Kirkuk"), and whom a nominal appeal addresses. `RoleFinder` inherits these
searches; the event coder tries them in order of confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from spacy.tokens import Doc, Token

from ..model import ActorMention
from ..tokens import Tokens, doc_tokens

__all__ = ["TargetSearch", "is_purpose", "is_purpose_at"]

_COMPLEMENT_STOP = {"nsubj", "nsubjpass", "advcl", "relcl", "ccomp", "parataxis", "punct", "mark", "aux"}
_ASIDE_PREPS = {"despite", "amid", "amidst", "by", "according", "after", "before", "since", "because", "during",
                "following", "including", "like", "unlike", "than"}


def is_purpose(verb: Token) -> bool:
    """A purpose clause: "sent troops to stop the fighting", "went to Kyiv to meet Zelensky"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_purpose_at(toks: Tokens, i: int) -> bool:
    """`is_purpose` of word `i`, read from the token table."""
    return toks.dep[i] == "advcl" and any(toks.dep[c] == "aux" and toks.lower[c] == "to" for c in toks.children[i])


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

    def actors_in(self, tok: Token, depth: int = 0) -> list[ActorMention]:
        raise NotImplementedError

    def prep_objects(self, tok: Token, preps: set[str]) -> list[ActorMention]:
        raise NotImplementedError

    def subjects(self, verb: Token, hops: int = 0) -> list[ActorMention]:
        raise NotImplementedError

    def governing_verb(self, noun: Token) -> Token | None:
        raise NotImplementedError

    def _follow(self, g: Token) -> bool:
        """Inside a complement, go on except into other clauses; purpose clauses belong to the act
        ("send material to help defend X")."""
        if g.dep_ not in _COMPLEMENT_STOP:
            return True
        return g.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in self.children(g))

    def complement_targets(self, verb: Token, sources: list[ActorMention], depth: int = 0) -> list[ActorMention]:
        """For "demanded that X stop", "threatened to cut aid to X": the actor the complement is about."""
        srcs = {(m.code, m.country) for m in sources}
        clauses = ("ccomp", "xcomp", "acl") if verb.pos_ in ("NOUN", "PROPN") else ("ccomp", "xcomp")
        for c in self.children(verb):
            if c.dep_ not in clauses:
                continue
            subj = [g for g in self.children(c) if g.dep_ in ("nsubj", "nsubjpass")]
            for g in subj:  # "demanded that X refuse to recognize Y": X
                found = [m for m in self.actors_in(g) if (m.code, m.country) not in srcs]
                if found:
                    return found
            if depth < 1:
                nested = self.complement_targets(c, sources, depth + 1)
                if nested and not any(g.dep_ in ("dobj", "dative") for g in self.children(c)):
                    return nested
            frontier = [g for g in self.children(c) if self._follow(g)]
            while frontier:
                nxt = []
                for t in sorted(frontier, key=lambda t: t.i):
                    m = self.by_token.get(t.i)
                    if m is not None and (m.code, m.country) not in srcs:
                        return [x for x in self.actors_in(t) if (x.code, x.country) not in srcs]
                    nxt += [g for g in self.children(t) if self._follow(g)]
                frontier = nxt
        return []

    def subtree_target(self, trig: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """Last resort: the nearest other actor inside the trigger's own phrase (not in a nested clause)."""
        srcs = {(m.code, m.country) for m in sources}
        stop = {"ccomp", "parataxis", "advcl", "relcl", "nsubj", "nsubjpass", "csubj", "mark", "punct", "agent"}
        best: tuple[int, ActorMention] | None = None
        frontier = [c for c in self.children(trig) if c.dep_ not in stop and not self._aside(c)]
        while frontier:
            nxt = []
            for t in frontier:
                if t.i in self.groups:  # "a resolution of the conflict between the two countries"
                    return [g for g in self.groups[t.i] if (g.code, g.country) not in srcs]
                m = self.by_token.get(t.i)
                if m is not None and t.dep_ == "poss" and t.pos_ == "PRON":
                    m = None  # "to show their disapproval for X": "their" is the doer's own
                if m is not None and (m.code, m.country) not in srcs:
                    dist = abs(t.i - trig.i)
                    if best is None or dist < best[0]:
                        best = (dist, m)
                # "concern for the program launched by the United States": the agent of a participle
                nxt += [c for c in self.children(t) if (c.dep_ not in stop or (c.dep_ == "agent" and t.dep_ == "acl"))
                        and not self._aside(c)]
            frontier = nxt
        return [best[1]] if best else []

    def _aside(self, tok: Token) -> bool:
        """A circumstance, not a party: "despite fears by Western powers", "amid the war", "in Vienna"."""
        if tok.dep_ != "prep":
            return False
        if tok.lower_ in _ASIDE_PREPS:
            return True
        if tok.lower_ in ("in", "at", "near", "outside", "inside"):  # a venue, not a party
            return any((m := self.by_token.get(g.i)) is not None and m.form in ("city", "capital")
                       for g in self.children(tok) if g.dep_ == "pobj")
        return False

    def condition_actors(self, trig: Token, sources: list[ActorMention],
                         marks: tuple[str, ...] = ("unless", "if")) -> list[ActorMention]:
        """Who a condition is put to: "... unless Baghdad accepts", "... if the United States goes ahead"."""
        srcs = {(m.code, m.country) for m in sources}
        nodes = [trig] + [c for c in self.children(trig) if c.dep_ in ("xcomp", "ccomp")]
        node = trig
        for _ in range(3):  # and up the clause chain: "said it would close ... unless X"
            if node.dep_ not in ("xcomp", "ccomp", "conj", "dobj", "pobj", "prep"):
                break
            node = node.head
            nodes.append(node)
        for n in nodes:
            for c in self.children(n):
                if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in self.children(c)):
                    found = [m for g in self.children(c) if g.dep_ in ("nsubj", "nsubjpass")
                             for m in self.actors_in(g) if (m.code, m.country) not in srcs]
                    if found:
                        return found
        return []

    def circumstance_party(self, verb: Token, nouns: set[str]) -> list[ActorMention]:
        """The other party named in a circumstance of the act: "declined to resign despite pressure by the
        commission", "blocked streets in defiance of Chinese authorities", "called off the strike after talks
        with the government" (`nouns`: the circumstance nouns that name a party)."""
        nodes = [verb] + [c for c in self.children(verb) if c.dep_ == "xcomp"]
        if verb.dep_ in ("xcomp", "ccomp"):
            nodes.append(verb.head)
        for node in nodes:
            for c in self.children(node):
                if c.dep_ != "prep":
                    continue
                for g in self.children(c):
                    if g.dep_ == "pobj" and (g.lemma_.lower() in nouns or g.lower_ in nouns):
                        found = self.prep_objects(g, {"by", "from", "of", "with", "against"})
                        found += [m for a in self.children(g) if a.dep_ in ("amod", "compound", "poss")
                                  for m in self.actors_in(a)]
                        # "a strike over a bill signed by the labour minister"
                        found += [m for a in self.children(g) if a.dep_ == "acl"
                                  for m in self.prep_objects(a, {"by"})]
                        if found:
                            return found
        return []

    def location_targets(self, verb: Token, depth: int = 0) -> list[ActorMention]:
        """Where a domestic act happened ("lifted the curfew in Montenegro", "rallied in Kirkuk"), also one
        phrase down ("fired shells at targets in Jericho", "attacked a camp in Darfur")."""
        for c in self.children(verb):
            if c.dep_ == "prep" and c.lower_ in ("in", "inside", "across", "throughout"):
                for g in self.children(c):
                    if g.dep_ == "pobj":
                        found = [m for m in self.actors_in(g) if m.form in ("name", "capital", "city")]
                        if found:
                            return found
        if depth == 0:
            return self._location_below(verb) or self._purpose_destination(verb)
        return []

    def _location_below(self, verb: Token) -> list[ActorMention]:
        """A place one phrase down: in an object or a prepositional object, in a participle on the subject,
        in a time clause."""
        for c in self.children(verb):
            inner = [c] if c.dep_ in ("dobj", "nsubjpass") else [
                g for g in self.children(c) if g.dep_ == "pobj"] if c.dep_ == "prep" else []
            for g in inner:
                found = self.location_targets(g, 1)
                if found:
                    return found
        for c in self.children(verb):  # "guerrillas operating in Macedonia have been demobilized"
            if c.dep_ in ("nsubj", "nsubjpass"):
                for acl in c.subtree:
                    if acl.dep_ == "acl" and acl.head.dep_ in ("nsubj", "nsubjpass", "pobj"):
                        found = self.location_targets(acl, 1)
                        if found:
                            return found
        for c in self.children(verb):  # "killed 23 people when they blew themselves up in Tel Aviv"
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("when", "as", "while") for g in self.children(c)):
                found = self.location_targets(c, 1)
                if found:
                    return found
        return []

    def _purpose_destination(self, verb: Token) -> list[ActorMention]:
        """ "sent experts to Bosnia to investigate ...": a purpose is carried out where they were sent."""
        if not is_purpose(verb):
            return []
        for c in self.children(verb.head):
            if c.dep_ == "prep" and c.lower_ in ("to", "into", "in"):
                found = [m for g in self.children(c) if g.dep_ == "pobj" for m in self.actors_in(g)
                         if m.form in ("name", "capital", "city")]
                if found:
                    return found
        return []

    def addressee(self, noun: Token, sources: list[ActorMention]) -> list[ActorMention]:
        """Who received a request or offer: "Sweden declined Turkey's demand" -> Sweden."""
        verb = self.governing_verb(noun)
        if verb is None or noun.dep_ not in ("dobj", "nsubjpass"):
            return []
        srcs = {(m.code, m.country) for m in sources}
        return [m for m in self.subjects(verb) if (m.code, m.country) not in srcs]
