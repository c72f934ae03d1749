"""Trigger patterns compiled from `data/patterns/*.yml` and matched against tokens by lemma and syntax."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from .. import knowledge as kb

__all__ = ["Pattern", "PatternIndex", "verb_lemmas", "MATCH_KEY", "Kids", "token_children"]

# What `PatternIndex.candidates` reads of a token (as `Doc.to_array` gives it)
MATCH_KEY = [POS, LEMMA, LOWER, ENT_TYPE, DEP]
Kids = Callable[[Token], Sequence[Token]]  # a word's children


@dataclass(frozen=True)
class Pattern:
    pos: str  # "verb" | "noun"
    lemma: str
    code: str
    object: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    prep: str | None = None
    particle: str | None = None
    governor: frozenset[str] = frozenset()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    reciprocal: bool = False
    modality: str | None = None
    passive_only: bool = False
    active_only: bool = False
    require_target: bool = False
    governed_only: bool = False

    @property
    def specificity(self) -> int:
        return (2 * bool(self.object) + 2 * bool(self.complement) + bool(self.prep) + bool(self.particle)
                + bool(self.governor))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Pattern:
        pos = "verb" if "verb" in d else "adj" if "adj" in d else "noun"
        lemma = str(d[pos]).lower().strip()
        particle = d.get("particle")
        if pos == "verb" and " " in lemma and not particle:
            lemma, particle = lemma.split(" ", 1)
        default_target = ("dobj",) if pos == "verb" else ("of",)
        return cls(pos, lemma, str(d["code"]), frozenset(str(x).lower() for x in d.get("object") or []),
                   frozenset(str(x).lower() for x in d.get("complement") or []), d.get("prep"), particle, frozenset(str(x).lower() for x in d.get("governor") or []),
                   tuple(d.get("source") or ()), tuple(d.get("target") or default_target),
                   bool(d.get("reciprocal")), d.get("modality"), bool(d.get("passive_only")),
                   bool(d.get("active_only")), bool(d.get("require_target")), bool(d.get("governed_only")))


_MAY_MATCH_KEYS = 200_000  # at most this many word keys remembered by `PatternIndex.may_match`


class PatternIndex:
    """Patterns by trigger lemma; `match` returns the ones whose constraints a token meets, most specific first."""

    def __init__(self, patterns: tuple[dict[str, Any], ...] | None = None) -> None:
        self.verbs: dict[str, list[Pattern]] = defaultdict(list)
        self.nouns: dict[str, list[Pattern]] = defaultdict(list)
        self.adjs: dict[str, list[Pattern]] = defaultdict(list)
        for d in patterns if patterns is not None else kb.load_patterns():
            p = Pattern.from_dict(d)
            {"verb": self.verbs, "noun": self.nouns, "adj": self.adjs}[p.pos][p.lemma].append(p)
        for table in (self.verbs, self.nouns, self.adjs):
            for lst in table.values():
                lst.sort(key=lambda p: -p.specificity)
        self._may: dict[tuple[int, ...], bool] = {}

    def __len__(self) -> int:
        return sum(len(v) for t in (self.verbs, self.nouns, self.adjs) for v in t.values())

    def candidates(self, tok: Token) -> list[Pattern]:
        if tok.pos_ in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            found = self.verbs.get(lemma)
            if found is None:  # the lemmatizer's slips
                found = next((self.verbs[x] for x in verb_lemmas(tok) if x in self.verbs), None)
            return found or []
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("DATE", "TIME"):  # "in March" is no march
            return self.nouns.get(tok.lemma_.lower()) or self.nouns.get(tok.lower_, [])
        if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "oprd"):
            return self.adjs.get(tok.lemma_.lower(), [])
        return []

    def may_match(self, doc: Doc, i: int, key: tuple[int, ...]) -> bool:
        """Whether any pattern is a candidate for `doc[i]`, whose `MATCH_KEY` attributes are `key`: what
        `candidates` reads of a token, so each distinct key is asked once (no Token object for the others)."""
        known = self._may.get(key)
        if known is None:
            if len(self._may) >= _MAY_MATCH_KEYS:  # a long run over new words: start again rather than grow
                self._may.clear()
            known = self._may[key] = bool(self.candidates(doc[i]))
        return known

    def may_match_words(self, doc: Doc, keys: list[tuple[int, ...]], start: int, end: int,
                        skip: Container[int]) -> set[int]:
        """The words `start:end` not in `skip` that some pattern may match (`may_match`, by their `keys`)."""
        known = self._may
        out: set[int] = set()
        for i in range(start, end):
            if i in skip:
                continue
            key = keys[i]
            hit = known.get(key)
            if hit is None:
                hit = self.may_match(doc, i, key)
            if hit:
                out.add(i)
        return out

    def match(self, tok: Token, kids: Kids | None = None) -> Pattern | None:
        """The most specific pattern whose constraints `tok` meets, or None; `kids` gives a word's children
        (`RoleFinder.children`, which reads each word's once per document; by default `Token.children`)."""
        cands = self.candidates(tok)
        if not cands:
            return None
        ctx = _Context(tok, kids or token_children)
        for p in cands:
            if _meets(p, ctx):
                return p
        return None


def verb_lemmas(tok: Token) -> set[str]:
    """A verb's lemma, plus the repairs of the lemmatizer's slips ("staged" -> "stag", "hopes" -> "hop")."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    out = {lemma}
    if low != lemma and (low.endswith("ed") or low.endswith("s")):
        out |= {low[:-1], low[:-2]}
    return out


def token_children(tok: Token) -> tuple[Token, ...]:
    """A word's children read from spaCy (the `Kids` reader where no per-document table is given)."""
    return tuple(tok.children)


def _dated(prep: Token, kids: Kids) -> bool:
    """A preposition whose object is a date or time ("on Friday", "in May")."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in kids(prep))


_T = TypeVar("_T")


class _once(Generic[_T]):
    """`functools.cached_property` without its lock (Python 3.11 takes one on each first read, and a
    `_Context` is read for a few properties once per candidate trigger): computed on the first read, then
    kept in the instance's `__dict__`, which later reads find before this descriptor."""

    def __init__(self, fn: Callable[[Any], _T]) -> None:
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj: Any, owner: Any = None) -> _T:
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


class _Context:
    """What the patterns of one token ask about it, each computed once (patterns of a lemma share it) and
    only when a pattern asks (a noun pattern with no constraint reads nothing of the token's children)."""

    def __init__(self, tok: Token, kids: Kids) -> None:
        self.tok = tok
        self.of = kids  # a word's children

    @_once
    def children(self) -> Sequence[Token]:
        return self.of(self.tok)

    @_once
    def kids(self) -> list[tuple[str, str]]:
        """(dependency, lower-case form) of each child."""
        return [(c.dep_, c.lower_) for c in self.children]

    @_once
    def passive(self) -> bool:
        return any(dep in ("nsubjpass", "auxpass") for dep, _ in self.kids)

    @_once
    def complement_words(self) -> set[str]:
        # "called the move regrettable", "described the vote as a sham"
        comps = [c for c in self.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr", "dobj")]
        comps += [g for c in self.children if c.dep_ == "prep" and c.lower_ == "as" for g in self.of(c)]
        comps += [x for c in comps for x in c.conjuncts]
        return {c.lemma_.lower() for c in comps} | {c.lower_ for c in comps}

    @_once
    def object_words(self) -> set[str]:
        objs = [c for c in self.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        # "switched off the cameras" parsed with the object under the particle
        objs += [g for c in self.children if c.dep_ == "prt" for g in self.of(c) if g.dep_ == "pobj"]
        objs += [x for o in objs for x in o.conjuncts]
        # "$5 million of aid", "700 kg of medicine", "a package of sanctions"
        objs += [g for o in objs for c in self.of(o) if c.dep_ == "prep" and c.lower_ == "of"
                 for g in self.of(c) if g.dep_ == "pobj"]
        compounds = [(c, o) for o in objs for c in self.of(o) if c.dep_ == "compound"]
        joined = {c.lower_ + o.lower_ for c, o in compounds}  # "war games" is "wargames"
        objs += [c for c, _ in compounds]  # "an aid program"
        return {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs} | joined


def _meets(p: Pattern, ctx: _Context) -> bool:
    if p.pos == "adj":  # "is willing to", "ready to": needs its complement clause
        return any(dep in ("xcomp", "ccomp", "prep") for dep, _ in ctx.kids)
    if p.pos == "verb":
        return _verb_meets(p, ctx)
    return _noun_meets(p, ctx)


def _verb_meets(p: Pattern, ctx: _Context) -> bool:
    """A verb pattern's constraints: voice, particle, preposition, complement and object words."""
    if (p.passive_only and not ctx.passive) or (p.active_only and ctx.passive):
        return False
    if p.particle and not any(dep == "prt" and low == p.particle for dep, low in ctx.kids):
        if not (p.particle in ("up", "out", "off", "down", "back", "in") and
                any(dep == "prep" and low == p.particle for dep, low in ctx.kids)):
            return False
    if p.prep and not any(dep in ("prep", "prt", "agent") and low == p.prep and not _dated(c, ctx.of)
                          for (dep, low), c in zip(ctx.kids, ctx.children, strict=True)):
        return False  # "called on Friday" is no "call on"
    if p.complement and not (ctx.complement_words & p.complement):
        return False
    if p.object and not (ctx.object_words & p.object):
        return False
    return True


def _noun_meets(p: Pattern, ctx: _Context) -> bool:
    """A noun pattern's constraints: a governing verb (or a doer the noun names itself) and a preposition."""
    tok = ctx.tok
    if p.governor:
        head = tok.head
        governed = tok.dep_ in ("dobj", "nsubjpass", "conj") and bool(verb_lemmas(head) & p.governor) and not any(
            c.dep_ == "prt" and c.lower_ == "off" for c in ctx.of(head))  # "called off the strike" ends it
        if tok.dep_ == "pobj" and verb_lemmas(head.head) & p.governor:
            governed = True
        if not (governed or (not p.governed_only and _names_own_doer(tok, ctx.children))):
            return False
    if p.prep and not any(dep == "prep" and low == p.prep for dep, low in ctx.kids):
        return False
    return True


def _names_own_doer(tok: Token, children: Sequence[Token]) -> bool:
    """The noun names its own doer: "Iran's sanctions", "sanctions by the EU", "US sanctions"."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
               or (c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and c.text[:1].isupper())
               for c in children)
