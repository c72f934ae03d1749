"""Within-document coreference for actor mentions: surnames, titles, pronouns, appositives and anaphors.

Works on the mention dicts from `resolve.build_mentions`, in document order, copying country, sector, code
and name from the antecedent and recording `how="coreference"` (or `"context"` for appositives).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from .. import knowledge as kb
from ..model import MEMBER_KEYS, PRONOUN_KEYS, ActorMention
from ..tokens import FINITE_TAGS, Tokens
from .recognize import plain_name

__all__ = ["resolve_references", "find_pronouns"]

_PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_SUBJECTS = ("nsubj", "nsubjpass")
_FIRST_PERSON = {"we", "our", "us"}
_MAX_SENT_BACK = 3


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, str]]:
    """(region adjective or name -> region code, state code -> region code)."""
    words: dict[str, str] = {}
    for r in kb.load_regions():
        for f in [r["name"], *kb.split_values(r.get("aliases")), *kb.split_values(r.get("adjectives"))]:
            words[f.lower()] = r["code"]
    return words, {r["iso3"]: r.get("region") or "" for r in kb.load_countries()}


def _region_of_phrase(doc: Doc, tok: Any) -> str | None:
    """ "the Southeast Asian country" -> SEA (from the modifiers before the head noun)."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    if not mods:
        return None
    start = min(t.i for m in mods for t in m.subtree)
    words = _regions()[0]
    text = doc[start : tok.i].text.lower()
    return words.get(text) or next((words[m.lower_] for m in mods if m.lower_ in words), None)


_DISPOSITIONS = {"willing", "unwilling", "ready", "prepared", "determined", "committed", "eager", "keen",
                 "reluctant", "poised", "open", "opposed", "unable", "able"}


@lru_cache(maxsize=1)
def _dispositions() -> frozenset[str]:
    """`_DISPOSITIONS` and the adjectives the event patterns read as a state of their subject (the `adj`
    triggers: "it was deeply disappointed by ...", patterns/11_disapprove_attitudes.yml)."""
    return frozenset(_DISPOSITIONS) | {str(p["adj"]).lower() for p in kb.load_patterns() if "adj" in p}


def _disposed(toks: Tokens, be: int) -> bool:
    """ "it is willing to ...", "it was ready for ...": a state of an agent, not an expletive "it"."""
    return any(toks.dep[c] in ("acomp", "attr") and toks.lower[c] in _dispositions() for c in toks.children[be])


_ALL_PRONOUNS = _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS | _FIRST_PERSON


def find_pronouns(toks: Tokens) -> list[ActorMention]:
    """Third-person pronouns as candidate mentions (resolved later or dropped)."""
    out: list[ActorMention] = []
    for i in toks.with_pos("PRON"):
        low = toks.lower[i]
        if low not in _ALL_PRONOUNS:
            continue
        head = toks.head[i]
        if low == "it" and (toks.dep[i] in ("expl", "dobj", "pobj") or toks.lemma[head] == "be"
                            and not _disposed(toks, head)):
            continue  # "it was ...", "make it clear": no actor; "it is willing to ..." is one
        text, start = toks.text[i], toks.idx[i]
        out.append(ActorMention(tok_start=i, tok_end=i + 1, head=i, how="coreference", kind="pronoun", pronoun=low,
                                text=text, start=start, end=start + len(text), sent=toks.sent_start[i],
                                keys=list(PRONOUN_KEYS)))
    return out


def _copy(dst: ActorMention, src: ActorMention, how: str) -> None:
    keep_name = how == "context" and dst.kind == "person"
    if not keep_name:
        dst.name = src.name
    dst.code, dst.country, dst.sector = src.code, src.country, src.sector
    dst.how = how
    dst.antecedent = src.text
    dst.antecedent_head = src.head if src.head >= 0 else None  # None: an actor no words name
    if src.kind == "person":
        dst.kind = dst.kind if dst.kind == "pronoun" else "person"
        dst.person = True


def _take_country(m: ActorMention, other: ActorMention) -> None:
    """A role takes another mention's country and keeps its own sector ("rebels in Mali", "militants loyal
    to X")."""
    sector = m.sector
    _copy(m, other, "context")
    m.sector, m.name = sector, None
    m.code = (other.country or "") + (sector or "")


def _speaker(toks: Tokens, m: ActorMention, resolved_by_head: dict[int, ActorMention],
             reporting: set[str]) -> ActorMention | None:
    """For a pronoun subject inside "X said that he/they ...", the speaker X."""
    dep, head = toks.dep, toks.head
    if dep[m.head] not in ("nsubj", "nsubjpass"):
        return None
    verb = head[m.head]
    while dep[verb] in ("conj", "xcomp") and head[verb] != verb:
        verb = head[verb]
    if dep[verb] != "ccomp" or toks.lemma[head[verb]] not in reporting:
        return None
    for child in toks.children[head[verb]]:
        if dep[child] == "nsubj" and child in resolved_by_head:
            return resolved_by_head[child]
    return None


def resolve_references(toks: Tokens, mentions: list[ActorMention], reporting: set[str],
                       offices: dict[str, str]) -> None:
    """Resolve, in place, mentions with no country from earlier mentions of the same document: appositives,
    roles placed by a place or a lord, then the chain of earlier mentions, then "we" in a quote."""
    by_head = {m.head: m for m in mentions}
    _settle_appositives(toks, mentions, by_head)
    _settle_placed_roles(toks, mentions, by_head)
    _settle_loyal_roles(toks, mentions, by_head)
    sent_no = {start: k for k, start in enumerate(toks.sentence_starts)}  # as `doc.sents` counts
    chain = _Chain(reporting, offices, sent_no, quoted=_quoted(toks))
    for m in sorted(mentions, key=lambda x: x.tok_start):
        if m.country is None:
            ante = _antecedent(toks, m, chain)
            if ante is not None:
                _copy(m, ante, "coreference")
        elif (ante := _named_before(toks, m, chain)) is not None:
            _copy(m, ante, "coreference")  # placed or not: the context may place the person later
        chain.add(toks, m)
    for m in mentions:  # "we" in a quote is the speaker's side: "'We warn the US ...,' Pyongyang said"
        if m.pronoun in _FIRST_PERSON and m.country is None:
            speaker = _sentence_speaker(toks, m, chain.resolved_by_head, reporting)
            if speaker is not None:
                _copy(m, speaker, "coreference")


def _settle_appositives(toks: Tokens, mentions: list[ActorMention], by_head: dict[int, ActorMention]) -> None:
    """ "Miller, a State Department spokesman," and "spokesperson, Jane Roe,": one takes the other's country."""
    dep, children = toks.dep, toks.children
    for m in mentions:
        if m.country is None and not m.pronoun:
            related = [c for c in children[m.head] if dep[c] == "appos"]
            if dep[m.head] == "appos":
                related.append(toks.head[m.head])
            for i in related:
                other = by_head.get(i) or next(  # "Kenzo Oshima, the UN relief coordinator"
                    (by_head[c] for c in children[i]
                     if dep[c] in ("compound", "amod", "nmod", "poss") and c in by_head), None)
                if other and other.country:
                    _copy(m, other, "context")
                    break


def _settle_placed_roles(toks: Tokens, mentions: list[ActorMention], by_head: dict[int, ActorMention]) -> None:
    """A role with no country takes the country it is placed in or comes from: "demonstrators in Baghdad",
    "rebels in Mali", "business leaders from South Korea"."""
    dep, lower, children = toks.dep, toks.lower, toks.children
    for m in mentions:
        if m.country is None and m.title_only is not None and m.roles and not m.pronoun:
            for c in children[m.head]:
                if dep[c] == "prep" and lower[c] in ("in", "throughout", "across", "inside", "from"):
                    for g in children[c]:
                        other = by_head.get(g)
                        if dep[g] == "pobj" and other and other.country and (other.form in (
                                "name", "capital", "adjective") or (lower[c] == "from" and other.form == "city")):
                            _take_country(m, other)
                            m.origin = lower[c] == "from"


def _settle_loyal_roles(toks: Tokens, mentions: list[ActorMention], by_head: dict[int, ActorMention]) -> None:
    """ "militants loyal to X": the side of the actor they are loyal to."""
    for m in mentions:
        if m.country is None and m.roles and not m.pronoun:
            for a in toks.children[m.head]:
                if toks.dep[a] == "amod" and toks.lower[a] == "loyal":
                    lord = next((by_head[g.i] for p in toks.doc[a].children if p.dep_ == "prep" and p.lower_ == "to"
                                 for g in p.subtree if g.i in by_head and by_head[g.i].country
                                 and by_head[g.i].country not in ("IGO", "NGO", "IMG")), None)
                    if lord is not None:
                        _take_country(m, lord)


@dataclass
class _Chain:
    """The earlier mentions a mention may refer to, as the document is read in order."""

    reporting: set[str]
    offices: dict[str, str]
    sent_no: dict[int, int]  # sentence start -> its number
    history: list[ActorMention] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the sentence number of each mention of `history`
    reach: list[int] = field(default_factory=list)  # the latest of `numbers` up to each mention
    surnames: dict[str, ActorMention] = field(default_factory=dict)
    named: dict[str, ActorMention] = field(default_factory=dict)  # people named in full, placed or not
    resolved_by_head: dict[int, ActorMention] = field(default_factory=dict)
    quoted: list[bool] = field(default_factory=list)  # whether each word is inside quotation marks (`_quoted`)

    def add(self, toks: Tokens, m: ActorMention) -> None:
        if m.kind == "person" and m.name and " " in m.name and not m.pronoun and m.tok_end - m.tok_start > 1:
            self.named[m.name.split()[-1].lower()] = m  # by family name ("Judge Anna Putin of Ohio": "putin")
        if m.country is not None or m.group:  # a group ("the two leaders") can be referred to
            number = self.sent_no.get(m.sent, 0)
            self.history.append(m)
            self.numbers.append(number)
            self.reach.append(max(number, self.reach[-1]) if self.reach else number)
        if m.country is not None:
            self.resolved_by_head[m.head] = m
            if m.kind == "person" and m.name:
                self.surnames[plain_name(m.name.split()[-1])] = m  # accents aside: "Brudziński", "Brudzinski"
                self.surnames[plain_name(toks.lower[m.tok_end - 1])] = m

    def recent(self, here: int) -> list[ActorMention]:
        """The mentions of `history` at most `_MAX_SENT_BACK` sentences before sentence `here`, latest first;
        the walk back stops where no earlier mention is that near (`reach`)."""
        out: list[ActorMention] = []
        history, numbers, reach = self.history, self.numbers, self.reach
        for j in range(len(history) - 1, -1, -1):
            if here - reach[j] > _MAX_SENT_BACK:
                break
            if here - numbers[j] <= _MAX_SENT_BACK:
                out.append(history[j])
        return out


def _sentence_speaker(toks: Tokens, m: ActorMention, resolved_by_head: dict[int, ActorMention],
                      reporting: set[str]) -> ActorMention | None:
    """The speaker of the quote a first-person pronoun is in: this sentence's reporting verb, else the
    next sentence's (a quote, then "the ministry said"), else the previous one's."""
    starts = toks.sentence_starts
    here = bisect_right(starts, m.head) - 1
    lemma, dep, children = toks.lemma, toks.dep, toks.children
    for k in (here, here + 1, here - 1):
        if not 0 <= k < len(starts):
            continue
        for i in range(starts[k], starts[k + 1] if k + 1 < len(starts) else len(toks)):
            if lemma[i] in reporting and i != m.head:
                for c in children[i]:
                    other = resolved_by_head.get(c)
                    if dep[c] == "nsubj" and other is not None and other.pronoun not in _FIRST_PERSON:
                        return other
    return None


def _pair(m: ActorMention, recent: list[ActorMention], accept: Any) -> None:
    """Make `m` stand for the last two actors of two countries named before it (`m.group`)."""
    pair: list[ActorMention] = []
    for h in recent:
        if accept(h) and h.country and h.country not in {x.country for x in pair} \
                and h.tok_end <= m.tok_start:
            pair.append(h)
        if len(pair) == 2:
            m.group = [x.view(MEMBER_KEYS) for x in pair]
            m.how = "coreference"
            return


def _named_before(toks: Tokens, m: ActorMention, chain: _Chain) -> ActorMention | None:
    """The person of the document a bare family name stands for, where the dictionary read it as someone else:
    "Andrew Johnson was impeached in 1868 ... Johnson was acquitted" is no Boris Johnson, "Judge Gray Miller ...
    Judge Miller" no Leszek Miller."""
    if m.kind != "person" or m.pronoun or not (m.how or "").startswith("dictionary"):
        return None
    ante = chain.named.get(toks.lower[m.tok_end - 1])
    if ante is None or ante.name == m.name:
        return None
    words, full = toks.lower[m.tok_start:m.tok_end], toks.lower[ante.tok_start:ante.tok_end]
    # every word of it is one of the full mention's ("Judge Gray Miller ... Judge Miller")
    return ante if len(words) < len(full) and set(words) <= set(full) else None


def _antecedent(toks: Tokens, m: ActorMention, chain: _Chain) -> ActorMention | None:
    """The earlier mention `m` stands for, if any: a pronoun's, a surname's, an anaphor's or a bare title's."""
    if m.pronoun in _FIRST_PERSON:
        return None  # resolved after the pass, once the speaker (often later in the sentence) is known
    if not m.pronoun and m.kind == "person":
        return chain.surnames.get(plain_name(toks.lower[m.tok_end - 1]))
    if not (m.pronoun or m.anaphor or m.title_only):
        return None
    here = chain.sent_no.get(m.sent, 0)
    recent = chain.recent(here)
    groups = [h for h in recent if h.country is None]  # "the two leaders": only plural pronouns take them
    recent = [h for h in recent if h.country is not None]
    if m.pronoun:
        return _pronoun_antecedent(toks, m, chain, recent, groups, here)
    if m.anaphor:
        return _anaphor_antecedent(toks, m, chain, recent)
    return _title_antecedent(toks, m, chain, recent)


def _same_head_antecedent(toks: Tokens, m: ActorMention, recent: list[ActorMention]) -> ActorMention | None:
    """ "The Iraqi parliament voted ... the Parliament's decision": a body named again by its bare noun after
    "the" is the last one named with that noun and a country (not the country its own sentence names)."""
    if m.kind != "role" or toks.lower[m.tok_start] != "the" or m.tok_end - m.tok_start != 2:
        return None
    noun = toks.lemma_lower[m.head]
    return next((h for h in recent if h.tok_end <= m.tok_start and h.head >= 0 and h.kind in ("institution", "role")
                 and toks.lemma_lower[h.head] == noun), None)


def _pronoun_antecedent(toks: Tokens, m: ActorMention, chain: _Chain, recent: list[ActorMention],
                        groups: list[ActorMention], here: int) -> ActorMention | None:
    """He, she, it, they: the speaker of the quote it is in, else the last fitting actor before it."""
    pron = m.pronoun
    sp = _speaker(toks, m, chain.resolved_by_head, chain.reporting)
    if sp is not None:
        if pron in _PERSON_PRONOUNS and sp.kind == "person":
            return sp
        if pron in _PLURAL_PRONOUNS:
            return sp
    if pron in _PERSON_PRONOUNS:
        subject = _continued_subject(toks, m, recent)
        return subject or next((h for h in recent if h.kind == "person"), None)
    if pron in _THING_PRONOUNS:
        if pron == "it" and toks.dep[m.head] in ("nsubj", "nsubjpass") and _thing_subject(toks, m, chain):
            return None  # "A fire swept the market. Officials said it killed nine": it is the fire
        quoted = chain.quoted
        before = [h for h in recent if h.kind != "person" and h.tok_end <= m.tok_start and not _plural(toks, h)
                  and not (h.sent == m.sent and quoted[h.head] and not quoted[m.head])]  # "'We warn the US', it said"
        if pron == "it" and toks.dep[m.head] in ("nsubj", "nsubjpass"):
            # a subject "it" continues the last subject: "when India engages with Russia, it will ..."
            subj = next((h for h in before if h.sent == m.sent
                         and toks.dep[h.head] in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if before and before[0].sent != m.sent and toks.lemma[toks.head[m.head]] in chain.reporting:
                return _centre(toks, [h for h in before if h.sent == before[0].sent])
        return before[0] if before else None
    same = [h for h in recent if h.sent == m.sent and h.tok_end <= m.tok_start
            and toks.dep[h.head] in ("nsubj", "nsubjpass", "pobj") and not h.pronoun]
    if same:
        return same[0]
    group = next((h for h in groups if h.tok_end <= m.tok_start), None)
    if group is not None and chain.sent_no.get(group.sent, 0) >= here - 1:
        m.group, m.how = group.group, "coreference"  # "the two leaders ... as they met"
    return None


def _centre(toks: Tokens, mentions: list[ActorMention]) -> ActorMention:
    """Of one earlier sentence's mentions, the one a later speaker "it" ("..., it said") continues: the subject
    of its main verb, else the first named ("Using its official name, Pyongyang lashed out at the US. ... it
    said")."""
    head, dep = toks.head, toks.dep
    main = next((h for h in mentions if dep[h.head] in ("nsubj", "nsubjpass") and dep[head[h.head]] == "ROOT"), None)
    named = [h for h in mentions if not h.pronoun] or mentions
    return main or min(named, key=lambda h: h.tok_start)


def _continued_subject(toks: Tokens, m: ActorMention, recent: list[ActorMention]) -> ActorMention | None:
    """The person a subject pronoun continues as subject: the subject of the clause that the pronoun's clause
    hangs on or is joined to ("Mitsotakis met with the IMF, then with President Trump, where he denounced the
    deal" is Mitsotakis), not one of its reported words ("Miller said they would review Modi's remarks to see
    what he discussed": no clause of speech is walked)."""
    if toks.dep[m.head] not in _SUBJECTS:
        return None
    subjects = {h.head: h for h in recent if h.kind == "person" and h.sent == m.sent and h.tok_end <= m.tok_start
                and toks.dep[h.head] in _SUBJECTS}
    i, head, dep = toks.head[m.head], toks.head, toks.dep
    while head[i] != i and (dep[i] in ("advcl", "conj") or (dep[i] == "relcl" and any(
            dep[c] == "advmod" and toks.lower[c] in ("where", "when") for c in toks.children[i]))):
        i = head[i]
        while dep[i] in ("pobj", "prep", "dobj", "appos") and head[i] != i:  # "..., then with Trump, where he"
            i = head[i]
        for c in toks.children[i]:
            if c in subjects:
                return subjects[c]
    return None


_QUOTE_MARKS = {'"': None, "“": True, "”": False, "«": True, "»": False}  # None: opens or closes


def _quoted(toks: Tokens) -> list[bool]:
    """Whether each word is inside quotation marks (a straight mark opens or closes; each sentence starts
    outside, so an unclosed mark spills no further). A closing mark with none open before it in the sentence
    ends a quote whose opening mark is lost or in an earlier paragraph (`We warn them," it said`): the words
    from the sentence's start up to it are quoted; a straight mark closes so after a comma or a full stop."""
    out, inside, start, starts = [False] * len(toks), False, 0, set(toks.sentence_starts)
    for i, t in enumerate(toks.text):
        if i in starts:
            inside, start = False, i
        mark = _QUOTE_MARKS.get(t, 0)
        if mark == 0:
            out[i] = inside
        elif not inside and (mark is False or (mark is None and i > start and toks.text[i - 1] in _QUOTE_ENDS)):
            out[start:i] = [True] * (i - start)
        else:
            inside = (not inside) if mark is None else bool(mark)
    return out


_QUOTE_ENDS = frozenset({",", ".", "?", "!"})


def _plural(toks: Tokens, h: ActorMention) -> bool:
    """A mention that "it" cannot stand for: one named by a plural noun ("officials", "the rebels"), but not a
    state, whatever its name ("the United States", "the Philippines")."""
    return h.kind != "state" and toks.tag[h.head] in ("NNS", "NNPS")


def _thing_subject(toks: Tokens, m: ActorMention, chain: _Chain) -> bool:
    """Whether the subject "it" continues is no actor: the last singular noun subject before it, in its sentence
    or the one before, is a common noun no mention holds ("the fire", "the plan", "the company"), other than a
    statement, which speaks for whoever made it ("a statement from the government says ... It demands")."""
    bounds, sent_of = toks.sentence_bounds, toks.sentence_of
    here = sent_of[m.head]
    start = bounds[here - 1][0] if here > 0 else bounds[here][0]
    for w in range(m.tok_start - 1, start - 1, -1):
        # the subject of a clause with a tense ("with his schedule unchanged" has none), or a noun root (a
        # subject the parser lost its verb for: "A fire swept through ...")
        subject = (toks.dep[w] in ("nsubj", "nsubjpass") and toks.tag[toks.head[w]] in FINITE_TAGS) or (
            toks.dep[w] == "ROOT" and toks.pos[w] == "NOUN")
        if not subject or toks.tag[w] in ("NNS", "NNPS"):
            continue
        if toks.pos[w] != "NOUN" or toks.capitalised[w] or toks.lemma_lower[w] in kb.lexicon_words("reporting_nouns"):
            return False  # a pronoun, a name or a title: the chain follows it; a statement speaks for its author
        return not any(h.tok_start <= w < h.tok_end for h in chain.history)
    return False


def _anaphor_antecedent(toks: Tokens, m: ActorMention, chain: _Chain, recent: list[ActorMention]
                        ) -> ActorMention | None:
    """ "the two countries", "his country", "the Southeast Asian country", "the country"."""
    lower, children = toks.lower, toks.children[m.head]
    word = lower[m.head]
    if word in ("countries", "nations", "sides") and any(lower[c] in ("two", "both") for c in children):
        # "the two countries", "both sides": the last two states named
        _pair(m, recent, lambda h: h.form in ("name", "capital", "adjective"))
        return None
    owner = next((chain.resolved_by_head.get(c) for c in children if toks.dep[c] == "poss"), None)
    if owner is not None and word in ("country", "nation"):  # "his country", "its nation"
        return ActorMention(code=owner.country, country=owner.country, text=owner.text, kind="state",
                            keys=["name", "code", "country", "sector", "text", "kind"])
    if word in ("country", "nation") and any(lower[c] in ("the", "this") for c in children):
        region = _region_of_phrase(toks.doc, toks.doc[m.head])
        if region is not None:  # "the Southeast Asian country": the last state named from that region
            by_region = _regions()[1]
            return next((h for h in recent if h.form in ("name", "capital", "adjective", "city")
                         and by_region.get(h.country or "") == region), None)
        return next((h for h in recent if h.kind not in ("region", "igo", "group")
                     and h.sector in (None, "GOV") and h.country and len(h.country) == 3
                     and h.country != "IGO"), None)
    return None


def _title_antecedent(toks: Tokens, m: ActorMention, chain: _Chain, recent: list[ActorMention]
                      ) -> ActorMention | None:
    """ "the two leaders", "the minister", "the government": the last holder of that office (or state)."""
    lower = toks.lower
    if toks.tag[m.head] in ("NNS", "NNPS") and any(lower[c] in ("two", "both") for c in toks.children[m.head]):
        # "the two leaders", "both presidents": the last two leaders or states named
        _pair(m, recent, lambda h: h.kind == "person" or h.form in ("name", "capital"))
        return None
    offices = chain.offices
    role = m.roles[-1]
    office = offices.get(role, role)
    for h in recent:
        if h.tok_end <= m.tok_start and (h.office == office or any(
                offices.get(r, r) == office for r in h.roles)):
            return h
    det = lower[m.tok_start] == "the"
    if det and role in ("government", "administration", "ministry", "foreign ministry", "regime",
                        "authorities", "cabinet", "leadership"):
        return next((h for h in recent if h.kind == "state"), None)
    return _same_head_antecedent(toks, m, recent)
