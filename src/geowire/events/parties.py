"""Who can be a party to a candidate act, from the parse alone: the tests the candidate generator
(`events/candidates.py`) asks of a sentence's mentions, and the lexicon's word sets they read.

- An agentless passive or an event noun with an "of" object has an unnamed doer, the state of the one acted on
  ("two suspects were arrested"; of a noun, only for the acts of a state: "the death of X" is no one's act),
  unless its means names a nationality ("killed in Pakistani shelling": `named_means`).
- What an act is contrasted with is no party to it ("unlike Germany, France sent jets": `contrasted`).
- Coordinated mentions are co-agents, not partners, when the sentence names a third actor (`co_agents`).
- Two mentions of one actor, or overlapping ones, are never a pair (`may_pair`).
- The doer's own side named in the label it gives an act is no target ("called the strike a violation of Iraqi
  sovereignty": `not_own_side`).
"""

from __future__ import annotations

from functools import lru_cache

from .. import knowledge as kb
from ..model import ActorMention
from ..tokens import PLACE_PREPOSITIONS, Tokens
from .codebook import VIOLENT_ROOTS
from .negation import TIME_SUBORDINATORS
from .readings import MUTUAL_ROOTS
from .records import implicit_state, in_place_phrase, same_referent
from .triggers import participle_of_noun, subtree

__all__ = ["clause_of_other", "co_agents", "contrasted", "located_roots", "may_pair", "meeting_place", "named_means",
           "news_reading", "BACKDROP_PREPS", "accident_words", "accidental", "in_aside_clause", "in_backdrop", "in_occasion",
           "no_party_reading", "object_of_act", "ascribed_doer", "ASCRIBING", "not_doer", "not_own_side",
           "state_itself", "outside", "own_state", "printed_source", "placed_doer", "speaking_verbs",
           "state_act_roots", "state_doer", "unnamed_doer"]

# the prepositions of a phrase of backdrop: its parties and acts are the scene of an act, not its parties or cause
BACKDROP_PREPS = frozenset({"amid", "amidst", "despite"})
_ASIDE_MARKS = TIME_SUBORDINATORS | {"till"}  # the marks of a clause of time


@lru_cache(maxsize=1)
def speaking_verbs() -> frozenset[str]:
    """The verbs of speaking to someone: the lexicon's reporting verbs and those of talking to an audience."""
    return kb.lexicon_words("reporting_verbs") | {"speak", "talk", "address", "brief"}


@lru_cache(maxsize=1)
def state_act_roots() -> frozenset[str]:
    """The roots of the acts only a state does (`state_act_codes` in lexicon.yml: arrests, charges, bans)."""
    return frozenset(str(c)[:2] for c in kb.load_lexicon()["state_act_codes"])


def located_roots() -> frozenset[str]:
    """The roots of acts aimed at a place (`located_roots` in lexicon.yml)."""
    return kb.lexicon_words("located_roots")


def not_doer(toks: Tokens, m: ActorMention, path: tuple[int, ...]) -> bool:
    """Whether mention `m` is never the doer of the word its path (its head word, up to that word) ends on: it
    is the object of a preposition of company, direction or place on it or on a word further down its path
    (`not_doer_preps` in lexicon.yml: "met with Russia", "a lawsuit at the ICJ", "an attack at a market in
    Lyon, France"; not a word inside that object, nor a nationality the parser made
    the object: "killed in Israeli strikes", "in Pakistani shelling" name whose means), or anywhere in a
    phrase of topic on it or on any word of its path (`topic_preps`: "concern regarding its ties with China",
    "rejected talks over Venezuela's claim") or of aim (`aimed_preps`:
    "an attack on the Druze city"), or of a partner or opponent of a word further down its path ("open to
    talks with the Freedom Party", "arrives for a summit with Ukraine"; not "along with"). A conjunct or
    apposition of that object is one ("met with Russia and China"). The doer's own prepositions ("by", "of",
    "from", "according to") are in none."""
    company, topic, aimed = (kb.lexicon_words(k) for k in ("not_doer_preps", "topic_preps", "aimed_preps"))
    if any(toks.dep[w] == "prep" and toks.lower[w] in topic for w in path[1:-1]):
        return True  # in a phrase of topic of any word on the way up: "rejected talks over Venezuela's claim"
    if any(toks.dep[w] == "prep" and toks.lower[w] in _PARTNER_PREPS and toks.lower[toks.head[w]] not in _ALONG
           for w in path[1:-2]):
        return True  # the partner or opponent of a word further down: "open to talks with the Freedom Party"
    if len(path) < 3:
        return False
    k = 0  # "met with Russia and China", "in Aleppo Governorate, Syria": a conjunct or apposition of the object
    while k < len(path) - 3 and toks.dep[path[k]] in ("conj", "appos"):
        k += 1
    if toks.dep[path[k]] == "pobj" and m.form != "adjective" and toks.dep[path[k + 1]] == "prep":
        # the object of such a preposition on the trigger or a word further down ("denounce the coup to the EU,
        # accusing X"); "from" only on a verb: "spoke from Israel", not "a letter from Japan"
        low, above = toks.lower[path[k + 1]], path[k + 2]
        if (low in company and toks.lower[above] not in _ALONG) or (low == "from" and toks.pos[above] == "VERB"):
            return True
    if toks.dep[path[-2]] != "prep":
        return False
    prep = toks.lower[path[-2]]
    return prep in topic or (prep in aimed and toks.dep[path[-3]] == "pobj")


def no_party_reading(toks: Tokens, source: ActorMention, target: ActorMention | None, root: str, backed: bool,
                     source_not_doer: bool, trigger: int = -1) -> bool:
    """Whether a reading (`root`, `backed` by a pattern or the model's own) has a side that is no party to its
    act: the news at work (`news_reading`), a government acting on its own state (`own_state`), and for the
    model's own proposals a source that is no doer (`not_doer`, as the candidate found it), the object of the
    act's verb (`object_of_act`, the word `trigger`) or a meeting aimed at its venue (`meeting_place`)."""
    return (news_reading(source, target, root, backed) or own_state(source, target, root)
            or (not backed and (source_not_doer or meeting_place(toks, target, root)
                                or (root not in MUTUAL_ROOTS and object_of_act(toks, source, trigger))
                                or ascribed_doer(toks, target, trigger))))


ASCRIBING = frozenset({"attribute", "ascribe", "blame", "link"})  # "an attack blamed on X": X did it


def ascribed_doer(toks: Tokens, m: ActorMention | None, trigger: int) -> bool:
    """Whether mention `m` is the one the act at word `trigger` is put down to ("shelling attributed to
    Azerbaijani forces", "the ambush, blamed on Russian troops"): its doer, never its target."""
    if m is None or not 0 <= m.head < len(toks) or toks.dep[m.head] != "pobj":
        return False
    prep = toks.head[m.head]
    verb = toks.head[prep]
    return (toks.lower[prep] in ("to", "on") and toks.dep[verb] in ("acl", "xcomp") and toks.head[verb] == trigger
            and toks.lemma_lower[verb] in ASCRIBING)


def object_of_act(toks: Tokens, m: ActorMention, trigger: int) -> bool:
    """Whether mention `m` is the direct object of the verb of the act at word `trigger` (the trigger, or the
    verb it is a conjunct of), or a conjunct or apposition of that object: it undergoes the act, it does not do
    it ("Russian bombs target Kherson, Ukraine, killing ...": Ukraine bombs no one)."""
    w = m.head
    if not 0 <= w < len(toks) or not 0 <= trigger < len(toks):
        return False
    while toks.dep[w] in ("conj", "appos") and toks.head[w] != w:
        w = toks.head[w]
    if toks.dep[w] != "dobj":
        return False
    verb = toks.head[w]
    return trigger == verb or (toks.dep[trigger] == "conj" and toks.head[trigger] == verb)


def meeting_place(toks: Tokens, target: ActorMention | None, root: str) -> bool:
    """Whether a consultation's (root 04) target is only the country it was held in ("met the US envoy in
    Qatar"): a host is named as one ("visited Qatar", "hosted talks"), a venue is not."""
    return target is not None and root == "04" and in_place_phrase(toks, target)


def outside(m: ActorMention, chain: list[int]) -> list[int]:
    """The part of a head chain above the mention's own words."""
    return [t for t in chain if not (m.tok_start <= t < m.tok_end)]


def unnamed_doer(toks: Tokens, m: ActorMention, first: int, chain: list[int]) -> int | None:
    """The verb of an agentless passive or event noun that acts on `m` ("X was arrested", "the arrest of X");
    `first`: the mention's head word, `chain`: the words above it."""
    above = outside(m, chain)
    if not above:
        return None
    dep, head, children = toks.dep, toks.head, toks.children
    for c in children[first]:  # "a reporter detained in Iran": the participle after the noun
        if participle_of_noun(toks, c) and not any(dep[g] == "agent" for g in children[c]) and not accidental(toks, c):
            return c
    if dep[first] == "nsubjpass" and toks.pos[above[0]] in ("VERB", "AUX"):
        verb = above[0]
        if not any(dep[c] == "agent" for c in children[verb]) and not accidental(toks, verb):
            return verb
    if dep[first] == "pobj" and toks.lower[head[first]] == "of" and toks.pos[head[head[first]]] == "NOUN":
        noun = head[head[first]]
        if not any(dep[c] in ("poss", "compound", "amod") for c in children[noun]) and not accidental(toks, noun):
            return noun
    return None


@lru_cache(maxsize=1)
def accident_words() -> frozenset[str]:
    """The lemmas that can name an accident or a disaster (`accident_nouns` and `accident_verbs`)."""
    return kb.lexicon_words("accident_nouns") | kb.lexicon_words("accident_verbs")


def accidental(toks: Tokens, word: int) -> bool:
    """Whether an act is put down to an accident or a natural disaster, which is no one's act ("were injured in
    the crash", "the deaths of six people in the floods", "were killed when a helicopter crashed"; lexicon
    `accident_nouns`, `accident_verbs`), on the word or on a word conjoined with it ("six were killed and ten
    injured in the fire"), in a phrase on it or on that phrase's object ("injured, including two firemen, in
    the fire"), or in a clause of time or cause on it (a named storm too: "as Storm Ciaran makes landfall"), or
    one the parser runs into the act as its conjuncts or hangs the act on; an explosion of something that
    explodes by accident is one ("a fuel tank explodes", `industrial_words`)."""
    accidents, verbs = kb.lexicon_words("accident_nouns"), kb.lexicon_words("accident_verbs")
    industry = kb.lexicon_words("industrial_words")
    dep, lemma, lower, children = toks.dep, toks.lemma_lower, toks.lower, toks.children

    def accident(g: int) -> bool:  # not one someone is named for: "Israeli fire", "the army's fire"
        return (lemma[g] in accident_words() or industrial(g)) and not any(
            dep[k] == "poss" or (dep[k] == "amod" and toks.text[k][:1].isupper()) for k in children[g])

    def industrial(g: int) -> bool:  # "a gas cylinder explodes", "an explosion on a fuel tanker"
        return lemma[g] in _BLASTS and any(lemma[k] in industry or any(lemma[o] in industry for o in children[k])
                                           for k in children[g])

    def crashed(g: int) -> bool:  # "injured after two trams collided", read as a noun with a participle, and
        # "killed in lightning strikes": a noun an accident names
        return any((dep[k] in ("acl", "relcl") and lemma[k] in verbs) or (dep[k] == "compound" and lemma[k] in accidents)
                   for k in children[g])

    def in_phrase(w: int, depth: int) -> bool:  # an accident as the object of a preposition on `w`, or on
        # that object down to `depth` more phrases; a phrase of backdrop ("amid a collapse") names no cause
        return any(dep[c] in ("prep", "agent") and lower[c] not in BACKDROP_PREPS and any(
            dep[g] == "pobj" and (accident(g) or crashed(g) or (depth and in_phrase(g, depth - 1)))
            for g in children[c]) for c in children[w])

    def hazard(g: int) -> bool:  # an accident noun, or a name it begins: "Storm Amy", "Typhoon Haiyan"
        return lemma[g] in accidents or any(dep[k] == "compound" and lemma[k] in accidents for k in children[g])

    def caused(v: int) -> bool:  # a clause's verb of accident, or its accident subject or agent ("hit by a
        # landslide")
        return lemma[v] in verbs or industrial(v) \
            or any(dep[g] in ("nsubj", "nsubjpass") and hazard(g) for g in children[v]) \
            or any(dep[g] == "agent" and any(lemma[o] in accidents for o in children[g]) for g in children[v])

    def in_clause(w: int) -> bool:  # "when a helicopter crashed", "after a landslide buried the village", "after
        # a car lost control and plunged into a ravine" (the clause's verb or one conjoined with it), a clause
        # the parser hung on it as its complement ("Flooding hits Houston; eleven people are killed")
        return any(dep[c] in ("advcl", "ccomp") and any(caused(v) for v in _conjoined(toks, c)) for c in children[w])

    chain = _conjoined(toks, word)
    if any(in_phrase(w, 1) or in_clause(w) for w in chain):
        return True
    # "killed and injured when a bus loses control, hits rocks and overturns": the parser runs the accident into
    # the act as its conjuncts; "Flooding hits Valencia; sixty people are killed": it hangs the act on the accident
    return any(caused(v) for v in _conjuncts_below(toks, chain)) or (
        dep[chain[0]] in ("ccomp", "advcl") and caused(toks.head[chain[0]]))


_BLASTS = frozenset({"explosion", "blast", "explode"})


def _conjuncts_below(toks: Tokens, chain: list[int]) -> list[int]:
    """The words conjoined, at any depth, under the words of `chain` and not in it."""
    out, todo = [], list(chain)
    while todo:
        for c in toks.children[todo.pop()]:
            if toks.dep[c] == "conj" and c not in chain and c not in out:
                out.append(c)
                todo.append(c)
    return out


def _conjoined(toks: Tokens, word: int) -> list[int]:
    """The word and the words conjoined with it: its conjuncts, and the word it is a conjunct of with that
    word's other conjuncts."""
    first = toks.head[word] if toks.dep[word] == "conj" else word
    return [first, *(c for c in toks.children[first] if toks.dep[c] == "conj")]


def contrasted(toks: Tokens, m: ActorMention) -> bool:
    """Whether a mention is what something is contrasted with ("unlike Biden, Trump received ..."): it did not
    do the act ("like the UAE, Bahrain recognized Israel" says the UAE did, and stays a party)."""
    return 0 <= m.head < len(toks) and toks.preposition_of(m.head) == "unlike"


_MEANS_PREPS = frozenset({"in", "by", "from", "during", "under"})


def named_means(toks: Tokens, o: ActorMention, chain: list[int], verb: int) -> bool:
    """Whether mention `o` (its head chain `chain`) names whose means a passive verb's act was done by: a
    nationality on the noun of a phrase of means under it ("killed in Israeli strikes", "wounded by Russian
    shelling")."""
    if o.form != "adjective" or verb not in chain:
        return False
    below = chain[:chain.index(verb)]
    return any(toks.dep[w] == "prep" and toks.lower[w] in _MEANS_PREPS for w in below)


def state_doer(m: ActorMention) -> ActorMention | None:
    country = m.country
    if not country or len(country) != 3 or country in ("IGO", "NGO", "IMG", "WST"):
        return None
    return implicit_state(country, "GOV", "implicit")


_PLACE_LINKS = frozenset({"pobj", "prep"})


def placed_doer(toks: Tokens, m: ActorMention, ms: list[ActorMention], heads: list[int], verb: int
                ) -> ActorMention | None:
    """The unnamed state doer of an act (word `verb`) on `m`: the state of the place the act happened in where
    the sentence names one of another country ("a French journalist detained in Iran", "a tourist stabbed on
    a train in Berlin"), else the state of the one acted on (`state_doer`). `ms`, `heads`: the sentence's
    mentions and their head words."""
    places = [o for o, h in zip(ms, heads, strict=True)  # a border's far side is no place it happened in
              if o.country and toks.preposition_of(h) in PLACE_PREPOSITIONS and _under(toks, h, verb)]
    countries = {o.country for o in places}
    if len(countries) == 1 and m.country not in countries:  # "near the border in Zhob, Pakistan": not one place
        return state_doer(places[0])
    return state_doer(m)


def _under(toks: Tokens, w: int, verb: int) -> bool:
    """Whether word `w` hangs on word `verb` through phrases of place and of what happened there."""
    for _ in range(8):
        w = toks.head[w]
        if w == verb:
            return True
        if toks.dep[w] not in _PLACE_LINKS:
            return False
    return False


def printed_source(source: ActorMention, kind: str, root: str) -> ActorMention:
    """The source an event of a candidate of this `kind` and `root` prints: the unnamed state doer of an act
    of violence (`state_doer`: "three people were killed in a knife attack") is no government the text names
    but an unidentified armed actor of that state (sector UAF, as a bombing's in `devices`)."""
    if kind == "unnamed doer" and root in VIOLENT_ROOTS and source.form == "implicit" and source.sector == "GOV":
        return implicit_state(source.country or "", "UAF", "implicit")
    return source


def co_agents(toks: Tokens, ms: list[ActorMention], heads: list[int]) -> set[tuple[int, int]]:
    """Pairs of coordinated mentions (by id) that are co-agents rather than partners: the sentence names a
    third actor ("Ukraine, Georgia and Moldova signed agreements with the EU", "the US and the UK struck
    targets in Yemen"). With no third actor they are each other's partners ("Russia and China signed a deal").
    `heads`: each mention's head word."""
    groups = {id(m): toks.first_conjunct(h) for m, h in zip(ms, heads, strict=True)}
    out: set[tuple[int, int]] = set()
    for a in ms:
        for b in ms:
            if a is b or groups[id(a)] != groups[id(b)]:
                continue
            if _co_patients(toks, groups[id(a)]) or any(
                    groups[id(x)] != groups[id(a)] and x.code not in (a.code, b.code) for x in ms):
                out.add((id(a), id(b)))
    return out


_PARTNER_PREPS = frozenset({"with", "against"})
_ALONG = frozenset({"along", "together", "alongside"})  # "along with France": a co-doer
_BETWEEN_PREPS = frozenset({"between", "among", "amongst"})  # "talks between Serbia and Kosovo"


def _co_patients(toks: Tokens, first: int) -> bool:
    """Whether coordinated mentions whose first conjunct is word `first` undergo one act together, as its
    objects ("criticized China and Russia", "sanctions against Iran and Syria", "Iran and Syria were
    accused"): then they are never each other's partners, whoever else the sentence names."""
    dep = toks.dep[first]
    if dep in ("dobj", "dative", "nsubjpass"):
        return True
    return dep == "pobj" and toks.lower[toks.head[first]] not in _BETWEEN_PREPS


def may_pair(s: ActorMention, o: ActorMention, co_agents: set[tuple[int, int]]) -> bool:
    """Whether two mentions may be an act's source and target: not overlapping words, not one actor on both
    sides ("Algeria said it ..."), not co-agents (`co_agents`)."""
    overlap = o.tok_start < s.tok_end and s.tok_start < o.tok_end
    return not (overlap or same_referent(s, o) or (id(s), id(o)) in co_agents)


_PRESS_ROOTS = frozenset({"01", "02", "03", "04"})  # statements, appeals, offers, meetings: with the press, no act


def news_reading(source: ActorMention, target: ActorMention | None, root: str, backed: bool) -> bool:
    """Whether a reading is the news at work, no act: a news medium's report read as its own statement
    ("..., Yonhap reported"; the pattern coder's speaker statements leave out the sources of the news too,
    `component._statement`), or speaking or meeting with the press ("addressed reporters", "in an interview
    with Sputnik"; a named journalist is a person), which is how acts are made known."""
    if target is not None and target.sector == "MED" and target.kind != "person" and root in _PRESS_ROOTS:
        return True
    return root == "01" and not backed and source.sector == "MED"


_ABOUT_OWN_STATE = frozenset({"01", "17"})  # a statement about one's country, coercion in it


def own_state(source: ActorMention, target: ActorMention | None, root: str) -> bool:
    """Whether a reading has a government act on its own state as a whole, named by its name ("the Kremlin
    accused Russia", "Khamenei rejected Iran's talks", "the president warned Venezuela") or by a pronoun
    standing for it ("... would defend its territory"): one actor on both sides (its capital, "a curfew in
    Algiers", is a place of its people). A domestic act is between different actors (a government and its
    people, police and protesters), so a country's people ("Tunisian women", by adjective) stay targets, and
    so do an army's acts in its country ("retook towns in Sudan"), the country a government speaks about
    (root 01: "the vice president said the United States is in crisis") and the places of its own country
    where it coerces (17: "outlawed the largest armed group in Northern Ireland")."""
    if target is None or root in _ABOUT_OWN_STATE or source.country != target.country:
        return False
    return source.sector == "GOV" and _bare_state(target)


def _bare_state(m: ActorMention) -> bool:
    """A state named as a whole: by its name, or by a pronoun standing for it ("its")."""
    return not m.sector and ((m.kind == "state" and m.form == "name") or m.kind == "pronoun")


_LABEL_DEPS = ("oprd", "xcomp", "attr", "acomp", "ccomp")


def not_own_side(toks: Tokens, trig: int, label_words: frozenset[str], sources: list[ActorMention],
                 targets: list[ActorMention]) -> list[ActorMention]:
    """`targets` of a labelling act (a pattern with complement words: "called the strike a violation of Iraqi
    sovereignty") less the mentions of the doer's own country inside the label: the side the label says was
    wronged, not the one the act is aimed at (whoever did the act labelled, which the target search looks for)."""
    if not label_words or not targets:
        return targets
    own = {s.country for s in sources if s.country}
    label = {w for c in toks.children[trig] if toks.dep[c] in _LABEL_DEPS for w in subtree(toks, c)}
    return [t for t in targets if not (t.country in own and t.head in label and state_itself(t))]


def state_itself(m: ActorMention) -> bool:
    """A state named as itself (its name, adjective or capital), not one of its people or bodies."""
    return m.kind == "state" and not m.sector


# The parts of a mention's path (its head word up to the word that links it to another mention, `path[-1]`)
# that make it no party to the act on the linking word.

def in_aside_clause(toks: Tokens, path: tuple[int, ...]) -> bool:
    """Whether a mention's path up to the linking word passes through an adverbial clause of time ("... since
    the Russia-Ukraine war began", "visited Kyiv a week after Russian drones struck Lviv"): the mention is a
    party to that clause's acts, with the actors inside it, and to no act of the clause above it, on the
    linking word or on a word of the path."""
    return any(toks.dep[w] == "advcl" and any(toks.dep[g] == "mark" and toks.lower[g] in _ASIDE_MARKS
                                              for g in toks.children[w]) for w in path[:-1])


def in_backdrop(toks: Tokens, path: tuple[int, ...]) -> bool:
    """Whether a mention's path up to the linking word passes through a phrase of backdrop ("closed its
    airspace amid the threat of an Iranian attack on US forces"): a party to the acts named inside it, on
    the words of the path, and to none on the linking word."""
    return any(toks.dep[w] == "prep" and toks.lower[w] in BACKDROP_PREPS for w in path[:-1])


def in_occasion(toks: Tokens, path: tuple[int, ...]) -> bool:
    """Whether a source's path up to the linking word passes through a phrase of "during" ("met the Somali
    president during a visit to Ethiopia"): the occasion's parties do not do the act on the linking word."""
    return any(toks.dep[w] == "prep" and toks.lower[w] == "during" for w in path[:-1])


_RELATIVES = frozenset({"WDT", "WP", "WP$"})  # "that", "which", "who": a relative clause's subject


def clause_of_other(toks: Tokens, words: tuple[int, ...], s: ActorMention, by_head: dict[int, ActorMention]) -> bool:
    """Whether a word on the target's side of a pair's parse path (`words`: from the candidate's word up to, not
    with, the word linking the pair) has an active subject of its own: the candidate's act is that subject's
    ("Russia said Ukrainian forces shelled Donetsk", "struck Gaza after Hamas fired rockets at Sderot"), never
    the source `s`'s. A passive subject is what the act is done to ("a court ordered that he be released"); a
    relative pronoun stands for the noun its clause hangs on ("strikes that hit Syria"); a subject of the
    source's own country, or a pronoun no mention of another country resolves, may be the source again ("Russia
    said its forces shelled Kharkiv"). `by_head`: the sentence's mentions by their head word."""
    for c in (c for w in words for c in toks.children[w]):
        if toks.dep[c] != "nsubj" or toks.tag[c] in _RELATIVES:
            continue
        m = by_head.get(c)
        if (m is not None and m.country and m.country != s.country) or (m is None and toks.pos[c] != "PRON"):
            return True
    return False
