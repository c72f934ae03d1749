"""Trigger patterns compiled from `data/patterns/*.yml` and matched against tokens by lemma and syntax."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

from .. import knowledge as kb
from ..tokens import Tokens, doc_tokens

__all__ = ["Pattern", "PatternIndex", "verb_lemmas", "verb_lemmas_at", "conjuncts", "word_keys", "subtree", "joint_act", "agentless_passive", "participle_of_noun", "conjunct_verb", "MATCH_KEY", "TRIGGER_POS", "Kids", "token_children", "trigger_at", "two_way_object", "occurrence_subject", "claim_verb"]

# The parts of speech `PatternIndex.candidates_at` gives patterns for: no other word can be a trigger
TRIGGER_POS = ("VERB", "AUX", "NOUN", "PROPN", "ADJ")
# What `PatternIndex.candidates` reads of a token (as `Doc.to_array` gives it; `word_keys` gives the strings)
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
        self._may: dict[tuple[Any, ...], list[Pattern]] = {}  # `candidates` by word key (`may_match`)
        # a verb's patterns that name object words: all the words they name, and the verb's other patterns
        self._objects: dict[int, tuple[frozenset[str], list[Pattern]]] = {
            id(lst): (frozenset().union(*(p.object for p in lst)), [p for p in lst if not p.object])
            for lst in self.verbs.values() if any(p.object for p in lst)}

    def __len__(self) -> int:
        return sum(len(v) for t in (self.verbs, self.nouns, self.adjs) for v in t.values())

    def candidates(self, tok: Token) -> list[Pattern]:
        """The patterns of `tok`'s lemma and part of speech, most specific first."""
        return self.candidates_at(doc_tokens(tok.doc), tok.i)

    def candidates_at(self, toks: Tokens, i: int) -> list[Pattern]:
        """`candidates` of word `i`, read from the document's token table."""
        pos = toks.pos[i]
        if pos == "VERB" and toks.dep[i] == "acomp" and toks.lower[i] in self.adjs:
            return self.adjs[toks.lower[i]]  # "it was deeply disappointed by": a participle read as a state
        if pos in ("VERB", "AUX"):
            found = self.verbs.get(toks.lemma[i].lower())
            if found is None:  # the lemmatizer's slips
                found = next((self.verbs[x] for x in verb_lemmas_at(toks, i) if x in self.verbs), None)
            return found or []
        if pos in ("NOUN", "PROPN") and toks.ent_type[i] not in ("DATE", "TIME"):  # "in March" is no march
            return self.nouns.get(toks.lemma[i].lower()) or self.nouns.get(toks.lower[i], [])
        if pos == "ADJ" and toks.dep[i] in ("acomp", "amod", "oprd"):
            return self.adjs.get(toks.lemma[i].lower(), [])
        return []

    def may_match(self, doc: Doc, i: int, key: tuple[Any, ...]) -> bool:
        """Whether any pattern is a candidate for `doc[i]`, whose `MATCH_KEY` attributes are `key` (as ints, or
        as strings: `word_keys`): what `candidates` reads of a token, so each distinct key is asked once."""
        return bool(self._candidates_by_key(doc_tokens(doc), i, key))

    def _candidates_by_key(self, toks: Tokens, i: int, key: tuple[Any, ...]) -> list[Pattern]:
        """`candidates_at` of word `i`, whose key is `key`: each distinct key is asked once."""
        known = self._may.get(key)
        if known is None:
            if len(self._may) >= _MAY_MATCH_KEYS:  # a long run over new words: start again rather than grow
                self._may.clear()
            known = self._may[key] = self.candidates_at(toks, i)
        return known

    def may_match_words(self, toks: Tokens, keys: list[tuple[str, ...]], start: int, end: int,
                        skip: Container[int]) -> dict[int, list[Pattern]]:
        """The words `start:end` not in `skip` that some pattern may match (`may_match`, by their `keys`:
        `word_keys(toks, start, end)`, the keys of these words only), with their candidate patterns (what
        `match_at` is given)."""
        known = self._may
        hits = list(map(known.get, keys))  # None for a key not asked before
        if None in hits:
            hits = [self._candidates_by_key(toks, i, key) if hit is None else hit
                    for i, key, hit in zip(range(start, end), keys, hits, strict=True)]
        return {i: cands for i, cands in zip(range(start, end), hits, strict=True) if cands and i not in skip}

    def candidates_of_words(self, toks: Tokens, words: Iterable[int]) -> dict[int, list[Pattern]]:
        """The `words` (indices, in order) that some pattern may match, with their candidate patterns (what
        `may_match_words` gives, word by word: each distinct key is asked once)."""
        pos, lemma, lower, ent_type, dep = toks.pos, toks.lemma, toks.lower, toks.ent_type, toks.dep
        known = self._may
        out: dict[int, list[Pattern]] = {}
        for i in words:
            key = (pos[i], lemma[i], lower[i], ent_type[i], dep[i])
            cands = known.get(key)
            if cands is None:
                cands = self._candidates_by_key(toks, i, key)
            if cands:
                out[i] = cands
        return out

    def match(self, tok: Token, kids: Kids | None = None) -> Pattern | None:
        """The most specific pattern whose constraints `tok` meets, or None. The words' children are read from
        the document's token table (`kids`, a children reader, is accepted for callers that have one: it
        gives what `Token.children` gives, as the table does)."""
        return self.match_at(doc_tokens(tok.doc), tok.i)

    def match_at(self, toks: Tokens, i: int, cands: list[Pattern] | None = None) -> Pattern | None:
        """`match` of word `i` of the document whose token table is `toks` (`cands`: its `candidates_at`, where
        the caller has them)."""
        if cands is None:
            cands = self.candidates_at(toks, i)
        if not cands:
            return None
        ctx = _Context(toks, i)
        objects = self._objects.get(id(cands))
        if objects is not None and ctx.object_words.isdisjoint(objects[0]):
            cands = objects[1]  # none of the object words of its patterns: only the others can be met
        for p in cands:
            if _meets(p, ctx):
                if p.pos == "noun" and not p.reciprocal and two_way_object(toks, i):
                    return replace(p, reciprocal=True)  # "Russia and Ukraine traded accusations": both ways
                return p
        return None


def word_keys(toks: Tokens, start: int = 0, end: int | None = None) -> list[tuple[str, ...]]:
    """The `MATCH_KEY` attributes as strings (what `PatternIndex.may_match` knows a word by) of each word
    `start:end` (by default all)."""
    words = slice(start, len(toks) if end is None else end)
    return list(zip(toks.pos[words], toks.lemma[words], toks.lower[words], toks.ent_type[words], toks.dep[words],
                    strict=True))


def trigger_at(toks: Tokens, i: int) -> dict[str, Any]:
    """The word `i` that expresses an act, as an event dict names it (`records.trigger_of` of `doc[i]`)."""
    return {"text": toks.text[i], "start": toks.idx[i], "end": toks.end_idx[i]}


def verb_lemmas(tok: Token) -> set[str]:
    """A verb's lemma, plus the repairs of the lemmatizer's slips ("staged" -> "stag", "hopes" -> "hop")."""
    return _verb_lemmas_of(tok.lemma_.lower(), tok.lower_)


def verb_lemmas_at(toks: Tokens, i: int) -> set[str]:
    """`verb_lemmas` of word `i`, read from the token table."""
    return _verb_lemmas_of(toks.lemma[i].lower(), toks.lower[i])


def _verb_lemmas_of(lemma: str, low: str) -> set[str]:
    out = {lemma}
    if low != lemma and (low.endswith("ed") or low.endswith("s")):
        out |= {low[:-1], low[:-2]}
    return out


def conjuncts(toks: Tokens, i: int) -> list[int]:
    """The indices of `doc[i].conjuncts`, in its order: the words coordinated with word `i` (not itself)."""
    dep, kids = toks.dep, toks.children
    out = [toks.first_conjunct(i)]
    for word in out:  # grows as the conjuncts to the right of each are found
        out += [c for c in kids[word] if c > word and dep[c] == "conj"]
    return [w for w in out if w != i]


_JOINT = {"joint", "bilateral", "mutual", "reciprocal"}


def joint_act(toks: Tokens, i: int) -> bool:
    """ "held joint exercises", "a mutual agreement": an act (word `i`) its doers do together."""
    lower, kids = toks.lower, toks.children
    return any(lower[c] in _JOINT for c in kids[i]) or any(
        lower[g] in _JOINT for c in kids[i] if toks.dep[c] == "dobj" for g in kids[c])


def agentless_passive(toks: Tokens, verb: int) -> bool:
    """A passive verb with no "by" agent ("a reporter was detained", "a reporter detained in Iran")."""
    dep = toks.dep
    return (any(dep[c] in ("nsubjpass", "auxpass") for c in toks.children[verb]) or participle_of_noun(toks, verb)
            ) and not any(dep[c] == "agent" for c in toks.children[verb])


def participle_of_noun(toks: Tokens, verb: int) -> bool:
    """A past participle that modifies the noun before it ("a reporter detained in Iran", "troops deployed by
    France"): a passive whose patient is that noun."""
    head = toks.head[verb]
    return (toks.dep[verb] == "acl" and toks.tag[verb] == "VBN" and head < verb and toks.pos[head] in ("NOUN", "PROPN")
            and toks.head[head] != head  # "Miners resorted to ...": a sentence parsed with no verb at its root
            and not any(toks.dep[c] in _OWN_OBJECTS for c in toks.children[verb]))  # "a colony called Rhodesia"


_OWN_OBJECTS = frozenset({"dobj", "oprd", "attr", "ccomp", "xcomp", "dative"})


def conjunct_verb(toks: Tokens, i: int) -> bool:
    """A word coordinated with the verb before it ("hit Moscow with sanctions and expelled ...")."""
    return toks.dep[i] == "conj" and toks.pos[toks.head[i]] == "VERB"


def subtree(toks: Tokens, i: int) -> list[int]:
    """The indices of `doc[i].subtree`, in its order: the left children's subtrees, the word, the right ones'."""
    kids = toks.children[i]
    out: list[int] = []
    for c in kids:
        if c < i:
            out += subtree(toks, c)
    out.append(i)
    for c in kids:
        if c > i:
            out += subtree(toks, c)
    return out


def token_children(tok: Token) -> tuple[Token, ...]:
    """A word's children read from spaCy (the `Kids` reader where no per-document table is given)."""
    return tuple(tok.children)


def _dated(toks: Tokens, prep: int) -> bool:
    """A preposition whose object is a date or time ("on Friday", "in May")."""
    return any(toks.dep[g] == "pobj" and toks.ent_type[g] in ("DATE", "TIME") for g in toks.children[prep])


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
    """What the patterns of word `i` ask about it, read from the token table, each computed once (patterns of a
    lemma share it) and only when a pattern asks (a noun pattern with no constraint reads nothing of the word's
    children)."""

    def __init__(self, toks: Tokens, i: int) -> None:
        self.toks = toks
        self.i = i
        self.children = toks.children[i]

    @_once
    def kids(self) -> list[tuple[str, str]]:
        """(dependency, lower-case form) of each child."""
        dep, lower = self.toks.dep, self.toks.lower
        return [(dep[c], lower[c]) for c in self.children]

    @_once
    def passive(self) -> bool:
        return any(dep in ("nsubjpass", "auxpass") for dep, _ in self.kids)

    @_once
    def complement_words(self) -> set[str]:
        # "called the move regrettable", "described the vote as a sham", "designated it a terrorist group"
        toks = self.toks
        dep, kids = toks.dep, toks.children
        comps = [c for c in self.children if dep[c] in ("oprd", "xcomp", "ccomp", "acomp", "attr", "dobj")]
        comps += [g for c in self.children if dep[c] == "prep" and toks.lower[c] == "as" for g in kids[c]]
        comps += [x for c in comps for x in conjuncts(toks, c)]
        comps += [m for c in comps for m in kids[c] if dep[m] in ("amod", "compound")]  # "as a terrorist group"
        return _words(toks, comps)

    @_once
    def object_words(self) -> set[str]:
        toks = self.toks
        dep, lower, kids = toks.dep, toks.lower, toks.children
        objs = [c for c in self.children if dep[c] in ("dobj", "nsubjpass", "attr", "oprd")]
        # "switched off the cameras" parsed with the object under the particle
        objs += [g for c in self.children if dep[c] == "prt" for g in kids[c] if dep[g] == "pobj"]
        objs += [x for o in objs for x in conjuncts(toks, o)]
        # "$5 million of aid", "700 kg of medicine", "a package of sanctions"
        objs += [g for o in objs for c in kids[o] if dep[c] == "prep" and lower[c] == "of"
                 for g in kids[c] if dep[g] == "pobj"]
        compounds = [(c, o) for o in objs for c in kids[o] if dep[c] == "compound"]
        joined = {lower[c] + lower[o] for c, o in compounds}  # "war games" is "wargames"
        objs += [c for c, _ in compounds]  # "an aid program"
        return _words(toks, objs) | joined


def _words(toks: Tokens, words: list[int]) -> set[str]:
    """The lower-case lemmas and forms of these words."""
    return {toks.lemma[w].lower() for w in words} | {toks.lower[w] for w in words}


def _meets(p: Pattern, ctx: _Context) -> bool:
    if p.pos == "adj":  # "is willing to", "ready to": needs its complement clause
        return any(dep in ("xcomp", "ccomp", "prep", "agent") for dep, _ in ctx.kids)
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
    if p.prep and not any(dep in ("prep", "prt", "agent") and low == p.prep and not _dated(ctx.toks, c)
                          for (dep, low), c in zip(ctx.kids, ctx.children, strict=True)):
        return False  # "called on Friday" is no "call on"
    if p.complement and ctx.complement_words.isdisjoint(p.complement):
        return False
    if p.object and ctx.object_words.isdisjoint(p.object):
        return False
    return True


def two_way_object(toks: Tokens, i: int) -> bool:
    """The noun is the object of a light verb of a two-way act ("traded accusations", lexicon
    `reciprocal_light_verbs`): any noun pattern's governor, and its pattern is reciprocal (`match_at`)."""
    return toks.dep[i] == "dobj" and toks.lemma[toks.head[i]] in kb.lexicon_words("reciprocal_light_verbs")


def occurrence_subject(toks: Tokens, i: int) -> bool:
    """The noun is the subject of a verb of its happening ("protests erupted", "fighting continued", lexicon
    `occurrence_verbs`): that verb governs it as a light verb governs its object."""
    return toks.dep[i] == "nsubj" and toks.lemma[toks.head[i]].lower() in kb.lexicon_words("occurrence_verbs")


def _noun_meets(p: Pattern, ctx: _Context) -> bool:
    """A noun pattern's constraints: a governing verb (or a doer the noun names itself, a two-way light verb,
    `two_way_object`, or a verb of its happening, lexicon `occurrence_verbs`: "protests erupted") and a
    preposition."""
    toks, i = ctx.toks, ctx.i
    if p.governor:
        dep, head = toks.dep[i], toks.head[i]
        governed = dep in ("dobj", "nsubjpass", "conj") and bool(verb_lemmas_at(toks, head) & p.governor) and not any(
            toks.dep[c] == "prt" and toks.lower[c] == "off" for c in toks.children[head])  # "called off the strike" ends it
        governed = governed or two_way_object(toks, i) or occurrence_subject(toks, i)
        if dep == "pobj" and verb_lemmas_at(toks, toks.head[head]) & p.governor:
            governed = True
        if not (governed or (not p.governed_only and _names_own_doer(toks, i))):
            return False
    if p.prep and not any(dep == "prep" and low == p.prep for dep, low in ctx.kids):
        return False
    return True


def _names_own_doer(toks: Tokens, i: int) -> bool:
    """The noun names its own doer: "Iran's sanctions", "sanctions by the EU", "US sanctions"."""
    dep, lower = toks.dep, toks.lower
    return any(dep[c] == "poss" or (dep[c] == "prep" and lower[c] == "by")
               or (dep[c] in ("compound", "amod", "nmod") and c < i and toks.text[c][:1].isupper())
               for c in toks.children[i])


_CLAIMS = frozenset({"responsibility", "credit"})


def claim_verb(toks: Tokens, noun: int) -> int | None:
    """The verb by which the doer of the act noun at word `noun` claims it ("claimed responsibility for the
    attack", "took credit for the bombing", "claimed the attack"), else None."""
    dep, head, lemma = toks.dep, toks.head, toks.lemma_lower
    if dep[noun] == "dobj" and lemma[head[noun]] == "claim":
        return head[noun]
    if dep[noun] != "pobj" or toks.lower[head[noun]] != "for":
        return None
    above = head[head[noun]]
    if lemma[above] in _CLAIMS and dep[above] == "dobj" and toks.pos[head[above]] == "VERB":
        return head[above]
    if toks.pos[above] == "VERB" and any(dep[c] == "dobj" and lemma[c] in _CLAIMS for c in toks.children[above]):
        return above
    return None
