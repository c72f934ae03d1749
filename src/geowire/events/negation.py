"""Is the event asserted? Negation, modality (actual, future, hypothetical) and attribution of a trigger.

Cues come from `data/lexicon.yml`: negation words on the trigger or its auxiliaries, "neither ... nor",
governors that negate ("refused to sign"), modal auxiliaries, governors of intent and of wish ("plans to",
"hopes that"), conditional clauses, and reporting verbs whose subject the event is attributed to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import ActorMention
from ..tokens import Tokens
from .fallbacks import is_purpose_at
from .triggers import verb_lemmas_at

__all__ = ["Assertion", "assess_at", "cue_lexicon", "negated_target", "news_source", "TIME_SUBORDINATORS"]

_CLAUSE_UP = ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "csubj")


@dataclass
class Assertion:
    negated: bool
    modality: str
    attributed_to: ActorMention | None
    reporter: int | None  # the word index of the reporting verb
    attempted: bool = False  # under a plain past "tried to" / "attempted to" (an attack attempted is made)


# The cues are read by word index from the document's token table (`tokens.doc_tokens`, the finder's `toks`):
# `toks.children[i]` are the indices of `doc[i].children`, `toks.head[i]` is `doc[i].head.i`.

def _negated_here(toks: Tokens, i: int, lex: dict[str, Any]) -> bool:
    neg, dep, lower, kids = lex["_neg"], toks.dep, toks.lower, toks.children
    for c in kids[i]:
        if dep[c] == "neg" or (dep[c] in ("advmod", "preconj", "det") and lower[c] in neg and lower[c] != "nor"):
            return True
        if dep[c] in ("dobj", "nsubjpass", "nsubj") and any(dep[g] == "det" and lower[g] in neg for g in kids[c]):
            return True  # "sent no troops", "no sanctions were imposed": nothing was done
    if dep[i] == "conj":
        head = toks.head[i]
        if any(lower[c] == "nor" for c in kids[head]) or any(lower[c] == "nor" for c in kids[i]):
            if any(lower[c] == "neither" for c in kids[head]) or _negated_here(toks, head, lex):
                return True
    return False


def _aux_modality(toks: Tokens, verb: int, lex: dict[str, Any], reported: bool) -> str | None:
    dep, lower = toks.dep, toks.lower
    for c in toks.children[verb]:
        if dep[c] in ("aux", "auxpass"):
            low = lower[c]
            if low in lex["_future"]:
                return "future"
            if low in lex["_hypo"]:
                if low == "would" and reported:
                    return "future"
                if low in ("can", "must") :
                    continue
                return "hypothetical"
    return None


def _negative_subject(toks: Tokens, verb: int) -> bool:
    """ "No Western government has ...", "Neither Britain nor France has ..." """
    dep, lower, kids = toks.dep, toks.lower, toks.children
    for c in kids[verb]:
        if dep[c] in ("nsubj", "nsubjpass"):
            if any(dep[g] in ("det", "preconj") and lower[g] in ("no", "neither") for g in kids[c]):
                return True
            if lower[c] in ("nobody", "none", "neither", "nothing"):
                return True
    return False


def _noun_status(toks: Tokens, noun: int, lex: dict[str, Any]) -> tuple[bool, str | None]:
    """A nominal event's own status: "a possible visit", "the planned summit", "the visit was postponed",
    "an attack on X would trigger ..." -> (negated, modality or None)."""
    dep, lower, kids = toks.dep, toks.lower, toks.children
    modality = None
    for c in kids[noun]:
        if dep[c] in ("amod", "compound") and lower[c] in lex["_hypo_mod"]:
            modality = "hypothetical"
        elif dep[c] in ("amod", "compound") and lower[c] in lex["_future_mod"]:
            modality = modality or "future"
    negated = False
    head = toks.head[noun]
    head_lemma = toks.lemma[head].lower()
    if dep[noun] in ("nsubj", "nsubjpass"):
        if head_lemma in lex["_cancel"]:
            negated = True
        if any(dep[a] in ("aux", "auxpass") and lower[a] in lex["_hypo"] for a in kids[head]):
            modality = "hypothetical"
    elif dep[noun] == "dobj" and head_lemma in lex["_cancel"] and (
            head_lemma != "call" or any(dep[c] == "prt" and lower[c] == "off" for c in kids[head])):
        negated = True  # "suspended aid deliveries", "postponed the visit": the act named is not happening
    return negated, modality


# The subordinators of a clause of time ("after Iran seized a tanker"), and with those of cause and concession
# the marks of a clause that is not the sentence's main one.
TIME_SUBORDINATORS = frozenset({"after", "before", "when", "while", "since", "once", "until"})
_TIME_MARKS = TIME_SUBORDINATORS | {"as", "because", "although", "though"}


def _finite_clause(toks: Tokens, clause: int) -> bool:
    """A complement clause with its own tense ("that it has called off", "that it is cutting ties")."""
    if toks.dep[clause] != "ccomp":
        return False
    tag = toks.tag
    if tag[clause] in ("VBD", "VBZ", "VBP"):
        return True
    return any(toks.dep[c] in ("aux", "auxpass") and tag[c] in ("VBD", "VBZ", "VBP")
               and toks.lower[c] not in ("do", "does") for c in toks.children[clause])


def _inverted_main(toks: Tokens, clause: int, head: int) -> bool:
    """ "Weeks after the US claimed X, North Korea denied Y": the small model may hang the main clause under
    the subordinate one as its complement; a complement after a comma, under a verb that has a temporal or
    causal subordinator, is the main clause, and the subordinate verb governs nothing."""
    if toks.dep[clause] != "ccomp" or clause < head:
        return False
    if not any(toks.dep[c] == "mark" and toks.lower[c] in _TIME_MARKS for c in toks.children[head]):
        return False
    left_edge = toks.doc[clause].left_edge.i
    return "," in toks.text[head + 1: left_edge]


@dataclass
class _Walk:
    """What the clauses above a trigger have said so far, while `assess` walks up the chain."""

    negated: bool
    modality: str
    attributed: ActorMention | None = None
    reporter: int | None = None
    reported: bool = False
    attempted: bool = False


def assess_at(t: int, v: int | None, finder: Any, lex: dict[str, Any]) -> Assertion:
    """Negation, modality and attribution of the event whose trigger is word `t` (its clause verb word `v`):
    the cues on the trigger and its own clause, then those of the clauses it is embedded in, then its
    auxiliaries. `finder` (a `RoleFinder`) gives the token table, the sentences and the subjects."""
    toks: Tokens = finder.toks
    dep, head_of = toks.dep, toks.head
    node = v if v is not None else t
    si = finder.sentence_of[t]
    w = _Walk(*_own_status(toks, t, v, lex, finder.sentence_bounds[si], finder.questions[si]))
    cur = node
    for _ in range(8):  # walk up the clause chain
        if dep[cur] == "advcl" and any(dep[c] == "mark" and toks.lower[c] in lex["_cond"]
                                       for c in toks.children[cur]):
            w.modality = "hypothetical"
        head = head_of[cur]
        if head == cur or dep[cur] not in _CLAUSE_UP or _inverted_main(toks, cur, head):
            break
        _governed(toks, cur, head, finder, lex, w)
        cur = head
    aux = _aux_modality(toks, node, lex, w.reported)
    if aux == "hypothetical" or (aux == "future" and w.modality == "actual"):
        w.modality = aux
    if aux is not None and _conditioned(toks, node, lex):
        w.modality = "hypothetical"  # "if the talks fail, Pakistan will declare war": a consequence, not an act
    if dep[node] == "conj" and aux is None:
        head_aux = _aux_modality(toks, head_of[node], lex, w.reported)
        if head_aux and w.modality == "actual":
            w.modality = head_aux
    return Assertion(w.negated, w.modality, w.attributed, w.reporter, w.attempted)


def _conditioned(toks: Tokens, node: int, lex: dict[str, Any]) -> bool:
    """Whether the clause of word `node` has a conditional clause of its own ("if ...", "unless ...")."""
    return any(toks.dep[c] == "advcl" and any(toks.dep[m] == "mark" and toks.lower[m] in lex["_cond"]
                                               for m in toks.children[c]) for c in toks.children[node])


def _own_status(toks: Tokens, trig: int, verb: int | None, lex: dict[str, Any], sent: tuple[int, int],
                question: bool) -> tuple[bool, str]:
    """(negated, modality) from the trigger, its verb and its sentence `sent`: negation words, a negative subject,
    a nominal's modifiers, an inverted condition ("Were Saudi Arabia to ..."), a question. `sent`: the
    sentence's (start, end) words; `question`: whether it is a question (`RoleFinder.questions`)."""
    negated = _negated_here(toks, trig, lex) or (verb is not None and verb != trig and _negated_here(toks, verb, lex))
    negated = negated or (verb is not None and _negative_subject(toks, verb))
    modality = "actual"
    if toks.pos[trig] in ("NOUN", "PROPN"):
        noun_negated, noun_modality = _noun_status(toks, trig, lex)
        negated = negated or noun_negated
        modality = noun_modality or modality
    start = sent[0]
    if toks.lower[start] in ("were", "had", "should") and toks.dep[start] in ("aux", "auxpass", "advcl"):
        anchor = start if toks.dep[start] == "advcl" else toks.head[start]
        if anchor == trig or anchor in toks.ancestors(trig) or (
                verb is not None and (anchor == verb or anchor in toks.ancestors(verb))):
            modality = "hypothetical"  # "Were Saudi Arabia to normalize ties, ..."
    if question:  # a question (node is in the sentence of trig)
        modality = "hypothetical"
    return negated, modality


def _governed(toks: Tokens, cur: int, head: int, finder: Any, lex: dict[str, Any], w: _Walk) -> None:
    """What the word governing a clause says of it: reported (and by whom), denied, negated, attempted,
    hoped for, planned, or a purpose."""
    dep, lower = toks.dep, toks.lower
    lemma = toks.lemma[head].lower()
    if toks.pos[head] in ("VERB", "AUX"):  # the lemmatizer's slips: "hopes" -> "hop", "staged" -> "stag"
        lemma = next((x for x in sorted(verb_lemmas_at(toks, head)) if x in lex["_known_governors"]), lemma)
    if dep[cur] in ("ccomp", "xcomp") and lemma in lex["_reporting"]:
        if w.attributed is None:
            subj = finder.subjects_at(head)
            w.attributed = subj[0] if subj else None
            w.reporter = head
        w.reported = True
        if lemma in lex["_denial"]:
            w.negated = True
    if dep[cur] == "dobj" and lemma in lex["_proposal"]:
        w.modality = "hypothetical"  # "proposed an amendment to allow China to extradite ..."
    if dep[cur] == "ccomp" and lemma in lex["_consequence"] and _aux_modality(toks, head, lex, False):
        w.modality = "hypothetical"  # "this will mean that the alliance is at war with Russia"
    if dep[cur] == "pcomp" and (lower[head] == "without" or (lower[head] == "of" and (
            lower[toks.head[head]] == "instead" or any(lower[c] == "instead" for c in toks.children[head])))):
        w.negated = True  # "without consulting Kyiv", "instead of imposing sanctions"
    purpose = is_purpose_at(toks, cur)
    if purpose and w.modality == "actual":
        w.modality = "future"  # "sent troops to stop ...": the purpose is intended, not yet done
    # "threatened with sanctions", "refrained from criticizing"
    argument = dep[cur] == "prep" and lower[cur] in ("with", "of", "for", "from")
    if dep[cur] in ("xcomp", "ccomp", "pcomp", "pobj", "acl") or purpose or argument:
        _governor_cues(toks, cur, head, lemma, lex, w)


def _governor_cues(toks: Tokens, cur: int, head: int, lemma: str, lex: dict[str, Any], w: _Walk) -> None:
    if lemma in lex["_negating"]:
        w.negated = True
    elif lemma in lex["_attempt"] or lemma in lex["_hypo_gov"]:
        w.modality = "hypothetical"
        w.attempted = lemma in ("try", "attempt") and toks.tag[head] in ("VBD", "VBN") \
            and _aux_modality(toks, head, lex, w.reported) is None
    elif lemma in lex["_future_gov"] and w.modality == "actual" and not _finite_clause(toks, cur):
        w.modality = "future"  # "plans to visit"; not "announced that it has called off the strike"
    xcomp = toks.dep[cur] == "xcomp"
    if xcomp and lemma not in lex["_reporting"] and _negated_here(toks, head, lex):
        w.negated = True
    if xcomp and lemma == "have" and any(toks.lower[c] == "yet" for c in toks.children[head]):
        w.negated = True  # "has yet to visit"


def cue_lexicon(raw: dict[str, Any]) -> dict[str, Any]:
    """The lexicon with its cue lists as sets, the form `negation.assess_at` reads."""
    lex = dict(raw)
    lex["_neg"] = set(raw["negation_words"])
    lex["_future"] = set(raw["future_aux"])
    lex["_hypo"] = set(raw["hypothetical_aux"])
    lex["_cond"] = set(raw["conditional_marks"])
    lex["_reporting"] = set(raw["reporting_verbs"])
    lex["_denial"] = set(raw["denial_verbs"])
    lex["_negating"] = set(raw["negating_governors"])
    lex["_attempt"] = set(raw["attempt_governors"])
    lex["_hypo_gov"] = set(raw["hypothetical_governors"])
    lex["_consequence"] = set(raw.get("consequence_governors") or [])
    lex["_proposal"] = set(raw.get("proposal_governors") or [])
    lex["_future_gov"] = set(raw["future_governors"])
    lex["_hypo_mod"] = set(raw.get("hypothetical_modifiers") or [])
    lex["_future_mod"] = set(raw.get("future_modifiers") or [])
    lex["_cancel"] = set(raw.get("cancelling_verbs") or [])
    lex["_sports"] = set(raw.get("sports_words") or [])
    lex["_known_governors"] = (lex["_reporting"] | lex["_negating"] | lex["_attempt"] | lex["_hypo_gov"]
                               | lex["_future_gov"] | lex["_consequence"] | lex["_proposal"])
    return lex


def news_source(toks: Tokens, m: ActorMention, words: set[str]) -> bool:
    """A speaker that only sources the news: police, media, anonymous officials, witnesses (`toks`: the
    Doc's token table)."""
    if m.sector in ("MED", "COP"):
        return True
    head = m.head
    if not 0 <= head < len(toks):
        return False
    if toks.dep[head] in ("compound", "amod", "nmod") and toks.head[head] > head:  # "Thai military sources said"
        head = toks.head[head]
    return toks.lemma[head].lower() in words


def negated_target(toks: Tokens, target: int, trigger: int) -> bool:
    """ "... to Sudan and Chad, but not to Libya": whether the target (its head word `target`; -1 where no words
    name it) is in a phrase that is itself negated, below the act's word `trigger`."""
    if not 0 <= target < len(toks):
        return False
    dep, head, i = toks.dep, toks.head, target
    for _ in range(3):
        if any(dep[ch] == "neg" for ch in toks.children[i]):
            return True
        if dep[i] not in ("pobj", "prep", "conj", "appos") or head[i] == trigger:
            return False
        i = head[i]
    return False
