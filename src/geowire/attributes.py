"""The model's attribute rules (tag to part of speech and morphology, lemma exceptions) at the cost of a table
lookup: `geowire_attribute_ruler`, spaCy's `AttributeRuler` with a faster `match`.

spaCy's attribute ruler runs a `Matcher` of some 180 patterns over every token; in the small English model it
costs about a tenth of the whole parse. Almost all of its patterns look at one token only, and then only at
its tag, dependency label, whether it is a space and, for a few listed words, its lower-case form. Which of
them match a token is therefore a function of those four values: this ruler asks spaCy's own `Matcher` once
per distinct set of values (on the token itself) and remembers the answer. Patterns of several tokens, or one-
token patterns that read anything else, still go through a `Matcher` over the whole document. The matches and
their order are exactly those of the original ruler, so the annotations are the same (a test compares them).
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_KEY_ATTRS = [TAG, DEP, IS_SPACE, LOWER]
_TOKEN_KEYS = {"TAG", "DEP", "IS_SPACE", "LOWER"}


def _listed_words(token_pattern: dict[str, Any]) -> list[str] | None:
    """The lower-case words a one-token pattern names (equality or IN), [] when it reads no word, None when
    it reads the word some other way (a regular expression, NOT_IN) or reads other attributes."""
    if not set(token_pattern) <= _TOKEN_KEYS:
        return None
    value = token_pattern.get("LOWER")
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [str(v) for v in value["IN"]]
    return None


class TokenAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose one-token patterns are answered from a table keyed by the token's tag,
    dependency label, space flag and (for listed words only) lower-case form."""

    def _split(self) -> None:
        """Sort the patterns into those the table answers and those a document `Matcher` runs."""
        self._one_token = Matcher(self.vocab, validate=False)
        self._whole_doc = Matcher(self.vocab, validate=False)
        self._words: set[int] = set()
        for rule in range(len(self.attrs)):  # each rule's patterns are in the matcher under its number
            label = str(rule)
            for pattern in self.matcher.get(label)[1]:
                words = _listed_words(pattern[0]) if len(pattern) == 1 else None
                if words is None:
                    self._whole_doc.add(label, [pattern])
                else:
                    self._one_token.add(label, [pattern])
                    self._words.update(self.vocab.strings.add(w) for w in words)
        self._table: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}
        self._split_for = len(self.attrs)

    def _token_matches(self, doc: Doc, i: int) -> list[tuple[int, int]]:
        """(rule number, match id) of the one-token patterns that match `doc[i]`."""
        if not len(self._one_token):  # no patterns: nothing to ask (and no warning from an empty Matcher)
            return []
        found = self._one_token(doc[i:i + 1], allow_missing=True, as_spans=False)
        return [(int(self.vocab.strings[m_id]), m_id) for m_id, _, _ in found]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The matches of spaCy's `AttributeRuler.match`, in its order (rule number, then position)."""
        if getattr(self, "_split_for", None) != len(self.attrs):
            self._split()
        found = self._whole_doc(doc, allow_missing=True, as_spans=False) if len(self._whole_doc) else []
        out = [(int(self.vocab.strings[m_id]), m_id, s, e) for m_id, s, e in found]
        if len(doc) and len(self._one_token):
            rows = doc.to_array(_KEY_ATTRS)  # uint64: hashes as the string store gives them
            table, words = self._table, self._words
            for i, (tag, dep, space, lower) in enumerate(rows.tolist()):
                key = (tag, dep, space, lower if lower in words else 0)
                hits = table.get(key)
                if hits is None:
                    hits = table[key] = self._token_matches(doc, i)
                out.extend((rule, m_id, i, i + 1) for rule, m_id in hits)
        out.sort()
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """spaCy's `AttributeRuler.set_annotations`, in its order, without a Span object per match: the rule's
        token is found by its index within the match (an index outside the match raises spaCy's own error)."""
        for match in matches:
            rule, _, start, end = match
            index = self.indices[rule]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                super().set_annotations(doc, [match])  # raises spaCy's error for this pattern
            set_token_attrs(doc[i], self.attrs[rule])


@Language.factory("geowire_attribute_ruler",
                  default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
                  requires=["token.tag", "token.dep"], assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> TokenAttributeRuler:
    """spaCy's attribute ruler with table lookups for one-token patterns (`TokenAttributeRuler`)."""
    return TokenAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_token_attribute_ruler(nlp: Language) -> None:
    """Swap the pipeline's `attribute_ruler` for a `TokenAttributeRuler` with the same patterns (same name,
    same place); a pipeline without one, or with one already swapped, is left as it is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, TokenAttributeRuler) or not isinstance(ruler, AttributeRuler):
        return
    patterns = ruler.patterns
    swapped = nlp.replace_pipe("attribute_ruler", "geowire_attribute_ruler")
    assert isinstance(swapped, TokenAttributeRuler)
    swapped.add_patterns(patterns)
