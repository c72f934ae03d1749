"""Is the event asserted? Negation, modality (actual, future, hypothetical) and attribution of a trigger.

Cues come from `data/lexicon.yml`: negation words on the trigger or its auxiliaries, "neither ... nor",
governors that negate ("refused to sign"), modal auxiliaries, governors of intent and of wish ("plans to",
"hopes that"), conditional clauses, and reporting verbs whose subject the event is attributed to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from ..model import ActorMention
from .roles import is_purpose
from .triggers import verb_lemmas

__all__ = ["Assertion", "assess", "cue_lexicon"]

Kids = Callable[[Token], Sequence[Token]]  # a word's children (`RoleFinder.children`)
_CLAUSE_UP = ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "csubj")


@dataclass
class Assertion:
    negated: bool
    modality: str
    attributed_to: ActorMention | None
    reporter_verb: Token | None
    attempted: bool = False  # under a plain past "tried to" / "attempted to" (an attack attempted is made)


def _negated_here(tok: Token, lex: dict[str, Any], kids: Kids) -> bool:
    neg = lex["_neg"]
    for c in kids(tok):
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "preconj", "det") and c.lower_ in neg and c.lower_ != "nor"):
            return True
    if tok.dep_ == "conj":
        head = tok.head
        if any(c.lower_ == "nor" for c in kids(head)) or any(c.lower_ == "nor" for c in kids(tok)):
            if any(c.lower_ == "neither" for c in kids(head)) or _negated_here(head, lex, kids):
                return True
    return False


def _aux_modality(verb: Token, lex: dict[str, Any], reported: bool, kids: Kids) -> str | None:
    for c in kids(verb):
        if c.dep_ in ("aux", "auxpass"):
            low = c.lower_
            if low in lex["_future"]:
                return "future"
            if low in lex["_hypo"]:
                if low == "would" and reported:
                    return "future"
                if low in ("can", "must") :
                    continue
                return "hypothetical"
    return None


def _negative_subject(verb: Token, kids: Kids) -> bool:
    """ "No Western government has ...", "Neither Britain nor France has ..." """
    for c in kids(verb):
        if c.dep_ in ("nsubj", "nsubjpass"):
            if any(g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in kids(c)):
                return True
            if c.lower_ in ("nobody", "none", "neither", "nothing"):
                return True
    return False


def _noun_status(noun: Token, lex: dict[str, Any], kids: Kids) -> tuple[bool, str | None]:
    """A nominal event's own status: "a possible visit", "the planned summit", "the visit was postponed",
    "an attack on X would trigger ..." -> (negated, modality or None)."""
    modality = None
    for c in kids(noun):
        if c.dep_ in ("amod", "compound") and c.lower_ in lex["_hypo_mod"]:
            modality = "hypothetical"
        elif c.dep_ in ("amod", "compound") and c.lower_ in lex["_future_mod"]:
            modality = modality or "future"
    negated = False
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass"):
        if head.lemma_.lower() in lex["_cancel"]:
            negated = True
        if any(a.dep_ in ("aux", "auxpass") and a.lower_ in lex["_hypo"] for a in kids(head)):
            modality = "hypothetical"
    elif noun.dep_ == "dobj" and head.lemma_.lower() in lex["_cancel"] and (
            head.lemma_.lower() != "call" or any(c.dep_ == "prt" and c.lower_ == "off" for c in kids(head))):
        negated = True  # "suspended aid deliveries", "postponed the visit": the act named is not happening
    return negated, modality


_TIME_MARKS = {"after", "before", "when", "while", "since", "as", "once", "until", "because", "although", "though"}


def _finite_clause(clause: Token, kids: Kids) -> bool:
    """A complement clause with its own tense ("that it has called off", "that it is cutting ties")."""
    if clause.dep_ != "ccomp":
        return False
    if clause.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") and c.lower_ not in ("do", "does")
               for c in kids(clause))


def _inverted_main(clause: Token, head: Token, kids: Kids) -> bool:
    """ "Weeks after the US claimed X, North Korea denied Y": the small model may hang the main clause under
    the subordinate one as its complement; a complement after a comma, under a verb that has a temporal or
    causal subordinator, is the main clause, and the subordinate verb governs nothing."""
    if clause.dep_ != "ccomp" or clause.i < head.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in kids(head)):
        return False
    return any(t.text == "," for t in clause.doc[head.i + 1: clause.left_edge.i])


@dataclass
class _Walk:
    """What the clauses above a trigger have said so far, while `assess` walks up the chain."""

    negated: bool
    modality: str
    attributed: ActorMention | None = None
    reporter: Token | None = None
    reported: bool = False
    attempted: bool = False


def assess(trig: Token, verb: Token | None, finder: Any, lex: dict[str, Any]) -> Assertion:
    """Negation, modality and attribution of the event whose trigger is `trig` (its clause verb `verb`):
    the cues on the trigger and its own clause, then those of the clauses it is embedded in, then its
    auxiliaries."""
    node = verb if verb is not None else trig
    kids = finder.children  # each word's children, read once per document (`RoleFinder.children`)
    w = _Walk(*_own_status(trig, verb, node, lex, finder.sentence(trig.i), kids))
    cur = node
    for _ in range(8):  # walk up the clause chain
        if cur.dep_ in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in lex["_cond"] for c in kids(cur)):
            w.modality = "hypothetical"
        head = cur.head
        if head.i == cur.i or cur.dep_ not in _CLAUSE_UP or _inverted_main(cur, head, kids):
            break
        _governed(cur, head, finder, lex, w)
        cur = head
    aux = _aux_modality(node, lex, w.reported, kids)
    if aux == "hypothetical" or (aux == "future" and w.modality == "actual"):
        w.modality = aux
    if node.dep_ == "conj" and aux is None:
        head_aux = _aux_modality(node.head, lex, w.reported, kids)
        if head_aux and w.modality == "actual":
            w.modality = head_aux
    return Assertion(w.negated, w.modality, w.attributed, w.reporter, w.attempted)


def _own_status(trig: Token, verb: Token | None, node: Token, lex: dict[str, Any], sent: Span, kids: Kids
                ) -> tuple[bool, str]:
    """(negated, modality) from the trigger, its verb and its sentence `sent`: negation words, a negative subject,
    a nominal's modifiers, an inverted condition ("Were Saudi Arabia to ..."), a question."""
    negated = _negated_here(trig, lex, kids) or (verb is not None and verb is not trig and _negated_here(verb, lex, kids))
    negated = negated or (verb is not None and _negative_subject(verb, kids))
    modality = "actual"
    if trig.pos_ in ("NOUN", "PROPN"):
        noun_negated, noun_modality = _noun_status(trig, lex, kids)
        negated = negated or noun_negated
        modality = noun_modality or modality
    first = sent[0]
    if first.lower_ in ("were", "had", "should") and first.dep_ in ("aux", "auxpass", "advcl"):
        anchor = first if first.dep_ == "advcl" else first.head
        if anchor in [trig, *trig.ancestors] or (verb is not None and anchor in [verb, *verb.ancestors]):
            modality = "hypothetical"  # "Were Saudi Arabia to normalize ties, ..."
    if _asks(sent):  # a question (node is in the sentence of trig)
        modality = "hypothetical"
    return negated, modality


def _asks(sent: Span) -> bool:
    """Whether the sentence's text ends in a question mark (trailing space aside)."""
    for tok in reversed(sent):
        if not tok.is_space:
            return tok.text.endswith("?")
    return False


def _governed(cur: Token, head: Token, finder: Any, lex: dict[str, Any], w: _Walk) -> None:
    """What the word governing a clause says of it: reported (and by whom), denied, negated, attempted,
    hoped for, planned, or a purpose."""
    lemma = head.lemma_.lower()
    if head.pos_ in ("VERB", "AUX"):  # the lemmatizer's slips: "hopes" -> "hop", "staged" -> "stag"
        lemma = next((x for x in sorted(verb_lemmas(head)) if x in lex["_known_governors"]), lemma)
    if cur.dep_ in ("ccomp", "xcomp") and lemma in lex["_reporting"]:
        if w.attributed is None:
            subj = finder.subjects(head)
            w.attributed = subj[0] if subj else None
            w.reporter = head
        w.reported = True
        if lemma in lex["_denial"]:
            w.negated = True
    if cur.dep_ == "pcomp" and (head.lower_ == "without" or (head.lower_ == "of" and (
            head.head.lower_ == "instead" or any(c.lower_ == "instead" for c in finder.children(head))))):
        w.negated = True  # "without consulting Kyiv", "instead of imposing sanctions"
    purpose = is_purpose(cur)
    if purpose and w.modality == "actual":
        w.modality = "future"  # "sent troops to stop ...": the purpose is intended, not yet done
    # "threatened with sanctions", "refrained from criticizing"
    argument = cur.dep_ == "prep" and cur.lower_ in ("with", "of", "for", "from")
    if cur.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "acl") or purpose or argument:
        _governor_cues(cur, head, lemma, lex, w, finder.children)


def _governor_cues(cur: Token, head: Token, lemma: str, lex: dict[str, Any], w: _Walk, kids: Kids) -> None:
    if lemma in lex["_negating"]:
        w.negated = True
    elif lemma in lex["_attempt"] or lemma in lex["_hypo_gov"]:
        w.modality = "hypothetical"
        w.attempted = lemma in ("try", "attempt") and head.tag_ in ("VBD", "VBN") \
            and _aux_modality(head, lex, w.reported, kids) is None
    elif lemma in lex["_future_gov"] and w.modality == "actual" and not _finite_clause(cur, kids):
        w.modality = "future"  # "plans to visit"; not "announced that it has called off the strike"
    if cur.dep_ == "xcomp" and lemma not in lex["_reporting"] and _negated_here(head, lex, kids):
        w.negated = True
    if cur.dep_ == "xcomp" and lemma == "have" and any(c.lower_ == "yet" for c in kids(head)):
        w.negated = True  # "has yet to visit"


def cue_lexicon(raw: dict[str, Any]) -> dict[str, Any]:
    """The lexicon with its cue lists as sets, the form `negation.assess` reads."""
    lex = dict(raw)
    lex["_neg"] = set(raw["negation_words"])
    lex["_future"] = set(raw["future_aux"])
    lex["_hypo"] = set(raw["hypothetical_aux"])
    lex["_cond"] = set(raw["conditional_marks"])
    lex["_reporting"] = set(raw["reporting_verbs"])
    lex["_reporting_ids"] = frozenset(get_string_id(w) for w in lex["_reporting"])  # as `Doc.to_array(LEMMA)` has them
    lex["_denial"] = set(raw["denial_verbs"])
    lex["_negating"] = set(raw["negating_governors"])
    lex["_attempt"] = set(raw["attempt_governors"])
    lex["_hypo_gov"] = set(raw["hypothetical_governors"])
    lex["_future_gov"] = set(raw["future_governors"])
    lex["_hypo_mod"] = set(raw.get("hypothetical_modifiers") or [])
    lex["_future_mod"] = set(raw.get("future_modifiers") or [])
    lex["_cancel"] = set(raw.get("cancelling_verbs") or [])
    lex["_sports"] = set(raw.get("sports_words") or [])
    lex["_sports_ids"] = frozenset(get_string_id(w) for w in lex["_sports"])  # as `Doc.to_array(LOWER)` has them
    lex["_known_governors"] = (lex["_reporting"] | lex["_negating"] | lex["_attempt"] | lex["_hypo_gov"]
                               | lex["_future_gov"])
    return lex
