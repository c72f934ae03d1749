"""Coordination: the actors one mention stands for together with the ones coordinated with it ("Hungarian
and Romanian officials", "Trong and Biden ... as they met", "leaders of France, Germany and Italy").

`RoleFinder` (`events/roles.py`) inherits this search; it is cached per mention for the finder's life.
"""

from __future__ import annotations

from ..model import ActorMention
from .fallbacks import TargetSearch
from .triggers import conjuncts

__all__ = ["Coordination"]


class Coordination(TargetSearch):
    """The partners of a mention over a parsed document (`by_token` and `partners_by_mention` are set by the
    finder that inherits this)."""

    partners_by_mention: dict[int, list[ActorMention]]  # `with_partners` by the mention's id

    def with_partners(self, m: ActorMention) -> list[ActorMention]:
        """A mention and the actors coordinated with it (a new list, once computed per mention)."""
        known = self.partners_by_mention.get(id(m))  # `m` is one of `by_token`'s, alive as long as this finder
        if known is None:
            known = self.partners_by_mention[id(m)] = self._find_partners(m)
        return list(known)

    def _find_partners(self, m: ActorMention) -> list[ActorMention]:
        """A mention and the actors coordinated with it: those a plural pronoun stands for, and conjunct
        modifiers outside it ("Hungarian and Romanian officials")."""
        found = [m]
        t = self.toks
        dep, kids, head = t.dep, t.children, t.head
        if m.pronoun in ("they", "them", "their") and isinstance(m.antecedent_head, int):
            # "Trong and Biden ... as they met": a plural pronoun stands for the whole coordination
            for c in conjuncts(t, self.doc[m.antecedent_head].i):
                other = self.by_token.get(c)
                if other is not None and other.code != m.code and not self._has(found, other):
                    found.append(other)
        start, end = m.tok_start, m.tok_end
        for i in range(start, end):  # the mention's words
            for c in [*kids[i], *([head[i]] if dep[i] == "conj" else [])]:
                # the cheap tests first: a word outside the mention that is itself a mention
                if start <= c < end or c not in self.by_token:
                    continue
                if dep[c] in ("conj", "amod", "compound", "nmod"):
                    other = self.by_token[c]
                    linked = dep[c] == "conj" or dep[i] == "conj" or any(
                        dep[g] == "conj" and start <= g < end for g in kids[c])
                    if linked and not self._has(found, other):
                        found.append(other)
        for other in self._listed_owners(m):
            if not self._has(found, other):
                found.append(other)
        return found

    def _listed_owners(self, m: ActorMention) -> list[ActorMention]:
        """ "Leaders of France, Germany and Italy", "ministers from Japan, China and South Korea": a plural
        mention owned by the first of a list of actors stands for the whole list."""
        t = self.toks
        dep, kids = t.dep, t.children
        if t.tag[m.head] != "NNS":
            return []
        out: list[ActorMention] = []
        for c in kids[m.head]:
            if dep[c] != "prep" or t.lower[c] not in ("of", "from"):
                continue
            for g in kids[c]:
                owner = self.by_token.get(g) if dep[g] == "pobj" else None
                if owner is None or owner.country != m.country:
                    continue
                out += [x for w in conjuncts(t, g) if (x := self.by_token.get(w)) is not None and x is not m]
        return out
