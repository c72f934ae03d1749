"""The actor dictionary: every surface form from the data files, compiled into spaCy PhraseMatchers.

An `Entry` says what a surface form denotes (a state, region, IGO, armed group, institution, role word or
person). Forms written in capitals of up to five characters ("US", "UN") match case-sensitively, all
others case-insensitively; an organisation's acronym of four or five letters also matches written as a word
("Nato", "Opec"); names (anything but role words) must start with a capital letter in the text.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .. import knowledge as kb

__all__ = ["Entry", "Gazetteer", "get_gazetteer", "names_tokenizer"]

KINDS_NEEDING_CAPITAL = {"state", "region", "igo", "group", "institution", "person"}
_MATCHED_MAX = 100_000  # phrases `Gazetteer.matched` remembers at most (then it starts over)


@dataclass(frozen=True)
class Entry:
    kind: str  # state | region | igo | group | institution | role | person
    code: str  # CAMEO actor code (country + sector, IGO code, region code); for roles the sector
    country: str | None
    sector: str | None
    name: str
    form: str = ""  # state forms: name | adjective | capital
    title: bool = False  # role words that can stand before a person's name
    holders: tuple[kb.OfficeHolder, ...] = field(default=(), compare=False)


def _norm(form: str) -> str:
    form = form.strip()
    form = re.sub(r"^(the|The)\s+", "", form)
    return form


class Gazetteer:
    """Surface form -> entries, and the matchers that find them in a Doc."""

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc]) -> None:
        self.table: dict[str, list[Entry]] = defaultdict(list)
        self.exact: set[str] = set()
        # heads of country-led body names ("the Kenya Anti-Corruption Commission") and their sectors
        lex = kb.load_lexicon()
        self.body_heads = {str(k): str(v) for k, v in (lex.get("body_heads") or {}).items()}
        self.ngo_heads = set(lex.get("ngo_heads") or [])  # "the ... Forum", "the Association of ..."
        self.not_people = {str(w).lower() for w in lex.get("not_people") or []}  # "Covid", "Ebola": no one
        self._load()
        self.lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.orth_matcher = PhraseMatcher(vocab, attr="ORTH")
        tokenizer = make_doc
        lower_forms = [f for f in self.table if f not in self.exact]
        for i in range(0, len(lower_forms), 2000):
            chunk = lower_forms[i : i + 2000]
            self.lower_matcher.add("L", [tokenizer(f) for f in chunk])
        self.orth_matcher.add("O", [tokenizer(f) for f in sorted(self.exact)])
        # Fuzzy pools: country names and demonyms (not cities or capitals: "Samarra" is no "Samara"), and
        # the full names and surnames of office holders, by first letter.
        self._fuzzy_pool: dict[tuple[str, str], list[str]] = defaultdict(list)
        for form, entries in self.table.items():
            if len(form) < 5 or form in self.exact:
                continue
            for kind in ("state", "person"):
                if any(e.kind == kind and (kind == "person" or e.form in ("name", "adjective")) for e in entries):
                    self._fuzzy_pool[(kind, form[0])].append(form)
        self._near: dict[tuple[str, str], list[Entry]] = {}
        self._matched: dict[str, list[Entry]] = {}

    def near(self, text: str, kind: str) -> list[Entry]:
        """Entries of a misspelt name ("Ethopia", "Mitterand"): the closest country name or demonym
        (kind "state"), or office holder's name (kind "person"), at a similarity of at least 0.9."""
        key = text.lower()
        if len(key) < 5:
            return []
        if (key, kind) not in self._near:
            pool = self._fuzzy_pool.get((kind, key[0]), [])
            best = difflib.get_close_matches(key, pool, n=1, cutoff=0.9)
            self._near[(key, kind)] = [e for e in self.table[best[0]] if e.kind == kind and (
                kind == "person" or e.form in ("name", "adjective"))] if best else []
        return self._near[(key, kind)]

    def lookup(self, text: str) -> list[Entry]:
        key = text if text in self.exact else text.lower()
        return self.table.get(key, [])

    def matched(self, phrase: str) -> list[Entry] | None:
        """What a phrase the matchers found in a text may denote: its entries (`lookup`), less the names where
        it is not capitalised (names need a capital); None where no form is written so. Remembered per
        phrase: the same names come back in every document."""
        entries = self._matched.get(phrase)
        if entries is None:
            entries = self.lookup(phrase)
            if not entries:
                return None
            if not (phrase[:1].isupper() or phrase[:1].isdigit()):
                entries = [x for x in entries if x.kind not in KINDS_NEEDING_CAPITAL]
            if len(self._matched) >= _MATCHED_MAX:
                self._matched.clear()
            self._matched[phrase] = entries
        return entries

    def _add(self, form: str, entry: Entry) -> None:
        form = _norm(form)
        if not form:
            return
        if len(form) <= 5 and form.isupper() and any(c.isalpha() for c in form):
            key = form
            self.exact.add(form)
            if entry.kind == "igo" and len(form) >= 4 and form.isalpha():
                # "Nato", "Opec", "Asean": organisations' acronyms written as words keep their case too
                self._add_exact(form.title(), entry)
        else:
            key = form.lower()
        if entry not in self.table[key]:
            self.table[key].append(entry)

    def _add_exact(self, form: str, entry: Entry) -> None:
        self.exact.add(form)
        if entry not in self.table[form]:
            self.table[form].append(entry)

    def _load(self) -> None:
        """Every surface form of the data files: states, regions and bodies first, then office holders, then
        cities (which never displace an actor's form, save a bare surname)."""
        self._load_states_and_regions()
        self._load_bodies_and_roles()
        self._load_office_holders()
        self._load_cities()

    def _load_states_and_regions(self) -> None:
        for r in kb.load_countries():
            iso = r["iso3"]
            e_name = Entry("state", iso, iso, None, r["name"], "name")
            for f in [r["name"], *kb.split_values(r.get("aliases"))]:
                self._add(f, e_name)
            e_adj = Entry("state", iso, iso, None, r["name"], "adjective")
            for f in kb.split_values(r.get("adjectives")):
                self._add(f, e_adj)
            e_cap = Entry("state", iso, iso, None, r["name"], "capital")
            for f in kb.split_values(r.get("capitals")):
                self._add(f, e_cap)
        for r in kb.load_regions():
            e = Entry("region", r["code"], r["code"], None, r["name"], "name")
            for f in [r["name"], *kb.split_values(r.get("aliases"))]:
                self._add(f, e)
            e_adj = Entry("region", r["code"], r["code"], None, r["name"], "adjective")
            for f in kb.split_values(r.get("adjectives")):
                self._add(f, e_adj)

    def _load_bodies_and_roles(self) -> None:
        for r in kb.load_igos():
            e = Entry("igo", r["code"], "IGO", r.get("sector") or None, r["name"])
            for f in [r["name"], *kb.split_values(r.get("aliases"))]:
                self._add(f, e)
        for r in kb.load_groups():
            e = Entry("group", r["code"], r.get("country") or None, r.get("sector") or "REB", r["name"])
            for f in [r["name"], *kb.split_values(r.get("aliases"))]:
                self._add(f, e)
        for r in kb.load_institutions():
            for f in kb.split_values(r["text"]):
                e = Entry("institution", r["country"] + (r.get("sector") or ""), r["country"],
                          r.get("sector") or None, f)
                self._add(f, e)
        for r in kb.load_sectors():
            for f in kb.split_values(r["text"]):
                e = Entry("role", r["sector"], r.get("country") or None, r["sector"], f.lower(),
                          title=r.get("title") == "yes")
                self._add(f, e)

    def _load_office_holders(self) -> None:
        by_form: dict[str, list[kb.OfficeHolder]] = defaultdict(list)
        for h in kb.load_office_holders():
            for f in {h.name, *h.aliases}:
                by_form[f].append(h)
        for f, holders in by_form.items():
            self._add(f, Entry("person", "", None, None, f, holders=tuple(holders)))

    def _load_cities(self) -> None:
        names = {r["iso3"]: r["name"] for r in kb.load_countries()}
        for r in kb.load_cities():
            e_city = Entry("state", r["iso3"], r["iso3"], None, names.get(r["iso3"], r["iso3"]), "city")
            for f in [r["name"], *kb.split_values(r.get("aliases"))]:
                key = f if f in self.table else f.lower()
                if key not in self.table:
                    self._add(f, e_city)
                elif " " not in f and all(e.kind == "person" for e in self.table[key]):
                    self.table[key] = [e_city]  # a bare surname that is also a city ("Lagos") reads as the city


_CACHE: dict[int, Gazetteer] = {}


def names_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """A copy of the pipeline's tokenizer for the gazetteer's names: the same tokens in the same vocabulary,
    with a cache of its own. spaCy's tokenizer caches at most 10,000 chunks and keeps the first it meets;
    tens of thousands of names put through the pipeline's own tokenizer at load would fill that cache, and
    the words of the news would never be cached. A tokenizer that is not spaCy's is used as it is."""
    own = nlp.tokenizer
    if not isinstance(own, Tokenizer) or type(own) is not Tokenizer:
        return nlp.make_doc
    copy = Tokenizer(nlp.vocab)
    copy.from_bytes(own.to_bytes(exclude=["vocab"]))
    return copy


def get_gazetteer(vocab: Vocab, make_doc: Callable[[str], Doc]) -> Gazetteer:
    """The gazetteer for this vocabulary, built once per process."""
    if id(vocab) not in _CACHE:
        _CACHE[id(vocab)] = Gazetteer(vocab, make_doc)
    return _CACHE[id(vocab)]
