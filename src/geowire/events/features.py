"""The features of candidate events (`events/candidates.py`), made from parts that each document makes once.

A candidate's features are plain strings: the trigger word and how each actor hangs on it (`ss=nsubj`,
`L|os=meet|prep:with`), the words on the parse path, the actors' kinds and sectors, the pair's countries,
negation and modality cues, the sentence's length and what the pattern coder said about the same pair.
Most of them depend on one or two things only (the trigger word, a mention, a path, the sentence), and
candidates share those things: `FeatureParts` makes each part once, kept by what it depends on, and a
candidate's features are its parts joined in one fixed order. The parts of the document's words (trigger
facts, paths, actor records) are kept for the document; the parts made of plain values (a lemma with two
slot labels, an actor's kind and sector with a lemma, ...) for the process, as they are the same in every
document (`_Codes`, bounded).

Training (`training/`) and the tests take the features as strings; the run-time model takes the indices of
the features it knows (`EventModel.index`). Given that index, `FeatureParts` keeps each part as indices
instead (the features the model does not know left out, as `EventModel.encode` leaves them out), so a
candidate's indices are those of its strings, in the same order, without a string per candidate.

Words are read from the document's token table (`tokens.doc_tokens`), by index: no spaCy Token objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from spacy.tokens import Doc

from ..model import ActorMention
from ..tokens import Tokens
from .codebook import ASSAULT_ROOT, FIGHT_ROOT, root_of
from .scope import doc_scope

if TYPE_CHECKING:
    from .candidates import Candidate

__all__ = ["FeatureParts", "MAX_PATH", "BLOCS", "ActWords", "act_words", "SPEECH_ROOTS"]

MAX_PATH = 7  # parse steps between a source and a target (through their common head)
_SKIP_POS = {"PUNCT", "DET", "CCONJ", "SCONJ", "PART", "SPACE", "NUM", "SYM", "X", "INTJ"}
_MODAL = {"will", "would", "could", "may", "might", "should", "can", "must", "shall", "'ll", "wo"}
_GOVERNED = ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj")
BLOCS = ("WST",)  # region-like names that are actors in their own right ("the West", "Western countries")

Coded = list[Any]  # a part's features: strings, or the model's indices of those it knows


def slot(toks: Tokens, path: Iterable[int], trigger: int) -> str:
    """How a mention hangs on the trigger (`path`: the words from the mention up to the trigger): the
    dependency label of the step just below the trigger, with the preposition ("prep:with"); "self" when the
    mention is the trigger's own word; "down:" and the trigger's own label when the path reaches the trigger
    from above (the word that links the pair governs the trigger: "conducted a raid and detained ...")."""
    below = [t for t in path if t != trigger]
    if not below:
        return "self"
    last = below[-1]
    if toks.head[trigger] == last:  # the path comes down to the trigger from its head (a path word's candidate)
        return f"down:{toks.dep[trigger]}"
    dep = toks.dep[last]
    if dep == "pobj":
        return f"prep:{toks.lower[toks.head[last]]}"
    if dep in ("prep", "agent"):
        return f"prep:{toks.lower[last]}"
    return dep


def _cues(toks: Tokens, trig: int, lemma: Any) -> list[str]:
    """Negation and modality cues on the trigger and the clauses above it (`lemma`: a word's lower lemma)."""
    out: list[str] = []
    node = trig
    dep, lower, head = toks.dep, toks.lower, toks.head
    for depth in range(4):
        for c in toks.children[node]:
            if dep[c] == "neg":
                out.append(f"neg{min(depth, 1)}")
            elif dep[c] in ("aux", "auxpass") and lower[c] in _MODAL:
                out.append(f"aux{min(depth, 1)}={lower[c]}")
            elif dep[c] == "mark":
                out.append(f"mark{min(depth, 1)}={lower[c]}")
        if head[node] == node or dep[node] not in _GOVERNED:
            break
        if depth < 2:
            out.append(f"gov{depth}={dep[node]}:{lemma(head[node])}")
        node = head[node]
    if toks.tag[trig]:
        out.append(f"tag={toks.tag[trig]}")
    return out


def _kind(m: ActorMention) -> str | None:
    """The mention's kind as the model sees it: a bloc apart from the regions that are only places."""
    return "bloc" if m.code in BLOCS else m.kind


def _form(m: ActorMention) -> str | None:
    return "bloc" if m.code in BLOCS else m.form


def _year_sentences(doc: Doc, toks: Tokens) -> set[int]:
    """The first token of each sentence that names a year (a number of four digits from 1900 on: "1982")."""
    starts, vocab = toks.sent_start, doc.vocab
    return {starts[i] for i, w in enumerate(toks.text)  # the word's lexeme says whether it is like a number
            if len(w) == 4 and w[:2] in ("19", "20") and vocab[w].like_num}


# The makers of feature parts: each a pure function of its arguments (strings, None, booleans, ints), so that a
# part is kept by them (`FeatureParts.part`) whatever the document.

def _head_part(kind: str, lem: str, pos: str, dep: str, sslot: str, oslot: str) -> list[str]:
    """The candidate's kind, its trigger word and how its actors hang on it."""
    return ["bias", f"kind={kind}", f"L={lem}", f"P={pos}", f"L|P={lem}|{pos}", f"ss={sslot}", f"os={oslot}",
            f"L|ss={lem}|{sslot}", f"L|os={lem}|{oslot}", f"ss|os={sslot}|{oslot}", f"L|ss|os={lem}|{sslot}|{oslot}",
            f"dep={dep}"]


def _one(name: str, value: Any) -> list[str]:
    """The feature `name=value` ("dep=nsubj", "sp=government", "plen=3")."""
    return [f"{name}={value}"]


def _joined(name: str, first: Any, second: Any) -> list[str]:
    """The feature `name=first|second` ("L|obj=sign|deal", "same|L=True|meet")."""
    return [f"{name}={first}|{second}"]


def _strings(*features: str) -> list[str]:
    return list(features)


ActorValues = tuple[str | None, str, str | None, str | None, str, str | None]  # see `_actor_part`


def _actor_part(prefix: str, values: ActorValues, lem: str) -> list[str]:
    """An actor's features with this trigger lemma: its kind, sector, resolution, form, whether it is an
    international organisation, its sector and form with the lemma, and the word that names a role or group."""
    kind, sector, how, form, igo, head = values
    return [f"{prefix}k={kind}", f"{prefix}s={sector}", f"{prefix}h={how}", f"{prefix}f={form}", f"{prefix}c={igo}",
            f"{prefix}s|L={sector}|{lem}", f"{prefix}f|L={form}|{lem}",
            *([f"{prefix}w={head}"] if head is not None else [])]


def _pair_kind_part(same: bool, sform: str | None, oform: str | None, skind: str | None,
                    okind: str | None) -> list[str]:
    return [f"same={same}", f"same|sf|of={same}|{sform}|{oform}", f"sk|ok={skind}|{okind}"]


def _pair_rest_part(same: bool, same_code: bool, source_first: bool, breadth: str, home: bool, ssector: str,
                    osector: str) -> list[str]:
    """The rest of a pair's features: one code, which comes first, the document's breadth and home country."""
    f = [f"samecode={same_code}", f"sfirst={source_first}", f"same|breadth={same}|{breadth}",
         f"same|home={same}|{home}"]
    if same:
        f.append(f"same|ss|os={ssector}|{osector}")
    return f


def _pair_part(same: bool, sform: str | None, oform: str | None, skind: str | None, okind: str | None, lem: str,
               same_code: bool, source_first: bool, breadth: str, home: bool, ssector: str, osector: str
               ) -> list[str]:
    """A pair's own features: `_pair_kind_part`, "same|L" and `_pair_rest_part`, in that order."""
    return [*_pair_kind_part(same, sform, oform, skind, okind), *_joined("same|L", same, lem),
            *_pair_rest_part(same, same_code, source_first, breadth, home, ssector, osector)]


def _sentence_part(n: int, words: int, year: bool, breadth: str) -> list[str]:
    """A sentence of `n` words in a document of `words`: their lengths, whether the sentence names a year, how
    many countries the document names."""
    out = [f"slen={'short' if n < 20 else 'mid' if n < 40 else 'long'}",
           f"dlen={'brief' if words < 150 else 'article'}"]
    if year:
        out.append("year_in_sentence")
    return [*out, f"breadth={breadth}"]


def _rule_values(r: dict[str, Any]) -> tuple[str, str, str, str, float, Any]:
    """What `_rule_feats` reads of one of the pattern coder's events, as plain values."""
    return (str(r["cameo"]), f"{r['cameo']}", f"{r['modality']}", f"{r['negated']}",
            round(float(r["confidence"]), 1), r.get("pattern"))


def _rule_feats(cameo: str, shown: str, modality: str, negated: str, conf: float, pattern: Any,
                lem: str) -> list[str]:
    """What the pattern coder said of the pair in one of its events (`_rule_values`)."""
    root = root_of(cameo)
    return [f"R={root}", f"Rc={shown}", f"R|L={root}|{lem}", f"Rmod={modality}", f"Rneg={negated}",
            f"Rconf={conf}", f"Rpat={pattern}"]


_NO_TARGET = (_strings, "o=none")
_NO_RULE = (_strings, "R=none")
_MAX_KEPT = 50_000  # parts kept for one index (some 15 MB); then the cache starts afresh


class _Codes:
    """Feature parts as one model index codes them (`index` None: as strings), kept for the process by maker
    and arguments: a part does not depend on the document."""

    def __init__(self, index: dict[str, int] | None) -> None:
        self.index = index
        self.parts: dict[tuple[Any, ...], Coded] = {}

    def coded(self, features: list[str]) -> Coded:
        """`features` coded: the strings, or the model's indices of those it knows (`EventModel.encode`)."""
        index = self.index
        return features if index is None else [i for i in map(index.get, features) if i is not None]

    def add(self, key: tuple[Any, ...], features: list[str]) -> Coded:
        """Keep `features` coded as the part `key`; a full cache starts afresh."""
        if len(self.parts) >= _MAX_KEPT:
            self.parts = {}
        part = self.parts[key] = self.coded(features)
        return part


_CODES: dict[int, _Codes] = {}  # by the id of the index (the entry keeps the index alive)
_MAX_INDEXES = 4


def _codes_for(index: dict[str, int] | None) -> _Codes:
    """The parts kept for `index` (a few indexes at most: the oldest goes first)."""
    codes = _CODES.get(id(index))
    if codes is None or codes.index is not index:
        if len(_CODES) >= _MAX_INDEXES:
            _CODES.pop(next(iter(_CODES)))
        codes = _CODES[id(index)] = _Codes(index)
    return codes


class TriggerFacts(NamedTuple):
    """What the features say of a trigger word whatever the pair (made once per word)."""

    lem: str
    pos: str
    dep: str
    cues: list[str]  # its negation and modality cues, as strings
    tail: Coded  # its cues and the particle that follows it ("L+prt=...")
    objects: tuple[tuple[int, Coded], ...]  # (token index, "L|obj=...") of its direct objects and attributes


class _Actor(NamedTuple):
    """What the features say of a mention whatever the trigger."""

    mention: ActorMention  # kept alive: the record is found by the mention's id
    values: ActorValues  # what `_actor_part` makes its features of
    kind: str | None
    form: str | None
    sector: str
    as_source: dict[str, Coded]  # its `_actor_part` as the source ("s"), by trigger lemma
    as_target: dict[str, Coded]  # and as the target ("o")


class FeatureParts:
    """One document's feature parts (see the module docstring): as strings, or given `index`
    (`EventModel.index`) as the model's indices of those it knows. What depends on the document's words
    (trigger facts, paths, actor records) is kept for the document; the parts made of plain values are kept
    for the process (`_Codes`)."""

    def __init__(self, doc: Doc, toks: Tokens, mentions: list[ActorMention], index: dict[str, int] | None) -> None:
        self.toks, self.index = toks, index
        self.scope = doc_scope(mentions)
        self.years = _year_sentences(doc, toks)
        self._codes = _codes_for(index)
        self._lemmas: dict[int, str] = {}
        self._facts: dict[int, TriggerFacts] = {}
        self._actors: dict[int, _Actor] = {}
        self._homes: dict[str | None, bool] = {}
        self._paths: dict[tuple[Any, ...], tuple[str, Coded]] = {}
        self._words: dict[str, dict[int, Coded]] = {}  # by path prefix and word: its part ([] for a skipped word)
        self._rules: dict[tuple[int, str], tuple[list[dict[str, Any]], Coded]] = {}  # by id of a rules list, lemma
        self._no_target, self._no_rule = self.part(_NO_TARGET), self.part(_NO_RULE)
        self._plens = [self.part((_one, "plen", n)) for n in range(MAX_PATH + 2)]  # by path length (capped)

    def part(self, key: tuple[Any, ...]) -> Coded:
        """The part `key` names, made once: `key[0]` is its maker (a function of plain values), the rest
        the maker's arguments."""
        part = self._codes.parts.get(key)
        if part is None:
            part = self._codes.add(key, key[0](*key[1:]))
        return part

    def lemma(self, i: int) -> str:
        """The lower-case lemma of word `i`."""
        lem = self._lemmas.get(i)
        if lem is None:
            lem = self._lemmas[i] = self.toks.lemma[i].lower()
        return lem

    def facts(self, i: int) -> TriggerFacts:
        """`TriggerFacts` of word `i`, made once."""
        facts = self._facts.get(i)
        if facts is None:
            facts = self._facts[i] = self._trigger_facts(i)
        return facts

    def _trigger_facts(self, i: int) -> TriggerFacts:
        toks = self.toks
        lem = self.lemma(i)
        cues = _cues(toks, i, self.lemma)
        particle = [f"L+prt={lem}_{toks.lower[i + 1]}"] if i + 1 < len(toks) and toks.dep[i + 1] == "prt" else []
        objects = tuple((ch, self.part((_joined, "L|obj", lem, self.lemma(ch)))) for ch in toks.children[i]
                        if toks.dep[ch] in ("dobj", "attr"))
        return TriggerFacts(lem, toks.pos[i], toks.dep[i], cues, self.part((_strings, *cues, *particle)), objects)

    def sentence(self, start: int, end: int) -> Coded:
        """The features of the sentence of words `start:end` (`_sentence_part`)."""
        return self.part((_sentence_part, end - start, len(self.toks), start in self.years, self.scope.breadth))

    def features(self, c: Candidate, spath: tuple[int, ...], opath: tuple[int, ...], sentence: Coded) -> Coded:
        """The candidate's features (`spath`, `opath`: the words from the source and the target up to the
        trigger; `sentence`: its sentence's part), in the order training has always had them."""
        t = self.facts(c.trigger)
        lem = t.lem
        sslot, sp = self._path("sp", spath, c.trigger)
        oslot, op = self._path("op", opath, c.trigger)
        source, target = c.source, c.target
        s = self._actor(source)
        part = self.part
        return [*part((_head_part, c.kind, lem, t.pos, t.dep, sslot, "none" if target is None else oslot)), *sp, *op,
                *self._plens[min(len(spath) + len(opath), MAX_PATH + 1)],
                *(s.as_source.get(lem) or self._actor_lemma(s, "s", lem)),
                *(self._no_target if target is None else self._pair(source, s, target, lem)), *t.tail,
                *[i for h, obj in t.objects if h != source.head and (target is None or h != target.head) for i in obj],
                *sentence, *(self._rule_part(c.rules, lem) if c.rules else self._no_rule)]

    def _rule_part(self, rules: list[dict[str, Any]], lem: str) -> Coded:
        """What the pattern coder said of a pair (`_rule_feats` of each of its events), once per list of events
        and trigger lemma (the candidates of one pair share the list); each event's part is kept for the
        process by its values (`_rule_values`)."""
        key = (id(rules), lem)
        hit = self._rules.get(key)
        if hit is None or hit[0] is not rules:
            part = self.part
            hit = self._rules[key] = (rules, [i for r in rules for i in part((_rule_feats, *_rule_values(r), lem))])
        return hit[1]

    def _pair(self, source: ActorMention, s: _Actor, target: ActorMention, lem: str) -> Coded:
        """The target's features and those of the pair (`s`: the source's record)."""
        o = self._actor(target)
        same = source.country == target.country
        first = source.start is not None and target.start is not None and source.start < target.start
        part = self.part
        return [*(o.as_target.get(lem) or self._actor_lemma(o, "o", lem)),
                *part((_pair_part, same, s.form, o.form, s.kind, o.kind, lem, source.code == target.code, first,
                       self.scope.breadth, self._home(source.country), s.sector, o.sector))]

    def _actor_lemma(self, a: _Actor, prefix: str, lem: str) -> Coded:
        """`_actor_part` of an actor record as the source ("s") or target ("o") with this trigger lemma, kept on
        the record (an empty part is made again each time: it is cheap)."""
        part = self.part((_actor_part, prefix, a.values, lem))
        (a.as_source if prefix == "s" else a.as_target)[lem] = part
        return part

    def _home(self, country: str | None) -> bool:
        home = self._homes.get(country)
        if home is None:
            home = self._homes[country] = self.scope.home(country)
        return home

    def _path(self, prefix: str, path: tuple[int, ...], trigger: int) -> tuple[str, Coded]:
        """How a mention hangs on the trigger (`slot`) and the words on its path ("sp=...", "op=...")."""
        key = (prefix, path, trigger)
        part = self._paths.get(key)
        if part is None:
            words = self._words.setdefault(prefix, {})
            coded: list[Any] = []
            for x in path[1:]:
                w = words.get(x)
                if w is None:
                    w = words[x] = [] if self.toks.pos[x] in _SKIP_POS else self.part((_one, prefix, self.lemma(x)))
                coded += w
            part = self._paths[key] = (slot(self.toks, path, trigger), coded)
        return part

    def _actor(self, m: ActorMention) -> _Actor:
        """The record of mention `m`, made once."""
        actor = self._actors.get(id(m))
        if actor is None or actor.mention is not m:
            sector, form, kind = m.sector or "-", _form(m), _kind(m)
            named = m.kind in ("role", "group") and 0 <= m.head < len(self.toks)  # head -1: no words name it
            igo = "IGO" if str(m.code or "").startswith("IGO") else "st"
            values = (kind, sector, m.how, form, igo, self.lemma(m.head) if named else None)
            actor = self._actors[id(m)] = _Actor(m, values, kind, form, sector, {}, {})
        return actor


# What a reporting verb alone ("said", "wrote", "announced") can name for the model: a statement. Disapproval,
# rejection, demands and threats need their own words ("accused", "rejected", "warned"), or the pattern coder's
# reading of what was said ("said the strike was a crime"); proposed on a bare "said" they were mostly wrong.
SPEECH_ROOTS = frozenset({"01"})


@dataclass(frozen=True)
class ActWords:
    """The words that can name each CAMEO root, from the patterns: a verb with the objects it needs (None:
    the verb alone), an event noun or adjective (None); reporting verbs name a statement (SPEECH_ROOTS)."""

    by_word: dict[str, tuple[tuple[str, frozenset[str] | None], ...]]  # word -> (root, objects needed)
    reporting: frozenset[str]
    unconventional: frozenset[str] = frozenset()  # means of an assault, not of armed force (lexicon)

    def roots_named(self, forms: tuple[str, ...], objects: set[str]) -> set[str]:
        """Every root one of these trigger forms (with these objects) can name."""
        out: set[str] = set()
        for f in forms:
            entries = self.by_word.get(f)
            if entries:
                out.update(root for root, needed in entries if needed is None or needed & objects)
            if f in self.reporting:
                out |= SPEECH_ROOTS
        return out

    def roots_at(self, toks: Tokens, i: int) -> set[str]:
        """`roots_named` of word `i`: its lemma and form, with the lemmas and forms of its objects and particles
        (read only where one of its forms can name a root at all)."""
        lemma, lower, dep = toks.lemma, toks.lower, toks.dep
        forms = (lemma[i].lower(), lower[i])
        if not any(f in self.by_word or f in self.reporting for f in forms):
            return set()
        objects = {w for ch in toks.children[i] if dep[ch] in ("dobj", "attr", "prt", "nsubjpass")
                   for w in (lemma[ch].lower(), lower[ch])}
        named = self.roots_named(forms, objects)
        if FIGHT_ROOT in named and self.unconventional and not self.unconventional.isdisjoint(_means_words(toks, i)):
            named.add(ASSAULT_ROOT)  # "killed in a knife attack": the model may read it as an assault
        return named


def act_words(patterns: Iterable[dict[str, Any]], raw_lexicon: dict[str, Any]) -> ActWords:
    """`ActWords` from the CAMEO patterns and the lexicon's reporting verbs."""
    needs: dict[tuple[str, str], set[str] | None] = {}  # (word, root) -> objects it needs (None: none)
    for p in patterns:
        root = str(p["code"])[:2]
        for key in ("noun", "adj"):
            if p.get(key):
                needs[(str(p[key]).lower(), root)] = None
        verb = str(p.get("verb") or "").lower()
        if verb:
            objects = {o.lower() for o in p.get("object") or ()}
            known = needs.get((verb, root), set())
            needs[(verb, root)] = None if not objects or known is None else known | objects
    by_word: dict[str, list[tuple[str, frozenset[str] | None]]] = {}
    for (word, root), objects_needed in needs.items():
        by_word.setdefault(word, []).append((root, None if objects_needed is None else frozenset(objects_needed)))
    return ActWords(by_word={w: tuple(v) for w, v in by_word.items()},
                    reporting=frozenset(w.lower() for w in raw_lexicon.get("reporting_verbs") or ()),
                    unconventional=frozenset(str(w) for w in raw_lexicon.get("assault_means") or ()))


_MEANS_PREPS = frozenset({"in", "by", "with", "after", "during"})  # "killed in / after a shooting"


def _means_words(toks: Tokens, i: int) -> set[str]:
    """The lemmas of the words that say how the act at word `i` (or, where it has no phrase of its own, a verb
    conjoined with it) was done: its doer and its modifiers ("gunmen killed", "a knife attack") and the phrase
    it happened in or by ("killed in a stabbing", "by an attacker", "after a shooting"), with that phrase's
    modifiers."""
    dep, lemma, kids = toks.dep, toks.lemma, toks.children
    words: list[int] = []
    acts = [i]
    if not any(dep[c] == "prep" and toks.lower[c] in _MEANS_PREPS for c in kids[i]):
        # "killed and injured in a stabbing": a verb with no phrase of its own shares its conjunct's means
        acts += [c for c in kids[i] if dep[c] == "conj"] + ([toks.head[i]] if dep[i] == "conj" else [])
    for ch in (c for a in acts for c in kids[a]):
        if dep[ch] in ("nsubj", "compound", "amod", "agent") or (dep[ch] == "prep" and toks.lower[ch] in _MEANS_PREPS):
            heads = [g for g in kids[ch] if dep[g] == "pobj"] if dep[ch] in ("prep", "agent") else [ch]
            for h in heads:
                words += [h, *(g for g in kids[h] if dep[g] in ("compound", "amod"))]
    return {lemma[w].lower() for w in words}
