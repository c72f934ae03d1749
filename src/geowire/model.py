"""Plain records that flow between stages: Article in, ActorMention and Event out, Reject for bad input."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from operator import attrgetter
from typing import Any

__all__ = ["Article", "Reject", "ActorMention", "Event", "MENTION_KEYS", "PRONOUN_KEYS", "MEMBER_KEYS",
           "EVENT_ACTOR_KEYS", "ACTOR_RECORDS"]


@dataclass
class Article:
    """One document as geowire reads it. `text` is kept exactly as given: offsets point into it."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Reject:
    """An input (or one record of it) that could not be read, and why."""

    origin: str
    reason: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def message(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line is not None else self.origin
        return f"{where}: {self.reason}"


# The keys of an actor mention's plain dict, in the order the Doc has always carried them.
MENTION_KEYS = ("tok_start", "tok_end", "head", "name", "code", "country", "sector", "how", "kind", "roles",
                "title_only", "anaphor", "form", "office", "text", "start", "end", "sent")
PRONOUN_KEYS = ("tok_start", "tok_end", "head", "name", "code", "country", "sector", "how", "kind", "roles",
                "title_only", "anaphor", "pronoun", "text", "start", "end", "sent")
# a member of a group ("the two countries" stands for two mentions named before)
MEMBER_KEYS = ("text", "start", "end", "name", "code", "country", "sector", "how", "tok_start", "tok_end", "head",
               "sent", "kind", "roles", "form")
# an actor as an event record names it (source, target, attributed_to)
EVENT_ACTOR_KEYS = ("text", "start", "end", "name", "code", "country", "sector", "how")
# The per-Doc memo key (`sentences.doc_memo`) under which the actor stage hands its resolved mentions to the
# event stages: `(doc._.geowire_actors as written, the records those dicts were made from)`.
ACTOR_RECORDS = "actor records"
# what coreference and context add, in the order they are added, only to the mentions they concern
_ADDED_KEYS = frozenset({"pronoun", "antecedent", "antecedent_head", "person", "origin", "group"})


_FRESH: Any = object()  # an argument left out: a new list
_GETTERS: dict[tuple[str, ...], Any] = {}  # a layout of keys -> the getter of those fields, as a tuple


def _values_getter(keys: tuple[str, ...]) -> Any:
    """A function giving the values of fields `keys` of a mention as a tuple, made once per layout (a
    mention's dict has one of a handful of layouts)."""
    get = _GETTERS.get(keys)
    if get is None:
        if len(keys) > 1:
            get = attrgetter(*keys)
        else:  # `attrgetter` of one name gives the value itself, of none fails
            def get(obj: Any) -> tuple[Any, ...]:
                return tuple(getattr(obj, k) for k in keys)
        _GETTERS[keys] = get
    return get


_DICT_MAKERS: dict[tuple[str, ...], Any] = {}  # a layout of keys -> the function making that plain dict


def _dict_maker(keys: tuple[str, ...]) -> Any:
    """A function giving the plain dict of fields `keys` of a mention, made once per layout: a dict display
    (`lambda m: {"tok_start": m.tok_start, ...}`) builds the dict in one step, where `dict(zip(...))` of the
    values makes a tuple and an iterator per mention. The names are the class's fields, checked."""
    make = _DICT_MAKERS.get(keys)
    if make is None:
        unknown = [k for k in keys if k not in _FIELDS]
        if unknown:
            raise AttributeError(f"no ActorMention field {unknown[0]!r}")
        make = _DICT_MAKERS[keys] = eval("lambda m: {" + ", ".join(f"{k!r}: m.{k}" for k in keys) + "}")  # noqa: S307
    return make


@dataclass(slots=True, eq=False, init=False)
class ActorMention:
    """An actor as mentioned in a document, resolved to a CAMEO actor code (`country` None: unresolved).

    The actor stage builds these, coreference and context complete them in place, the event stages read
    them; the Doc carries them as plain dicts (`to_dict`, `from_dict`). `keys` is the layout of that dict:
    a mention, a pronoun, a group member or an event's actor, plus what coreference added to it, so that
    the dicts are exactly those the Doc has always carried (and two records are equal when their dicts
    are). Token offsets are -1 for an actor no words name (a state's implicit government)."""

    tok_start: int = -1
    tok_end: int = -1
    head: int = -1
    name: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    how: str | None = None
    kind: str | None = None
    roles: list[str] = field(default_factory=list)
    title_only: bool = False
    anaphor: bool = False
    form: str | None = None
    office: str | None = None
    text: str | None = None
    start: int | None = None  # character offsets
    end: int | None = None
    sent: int = -1  # the first token of the mention's sentence
    pronoun: str | None = None
    antecedent: str | None = None  # the text of the mention this one was resolved from
    antecedent_head: int | None = None
    person: bool = False
    origin: bool = False  # placed by where it comes from ("business leaders from South Korea")
    group: list[ActorMention] | None = None  # the actors a phrase stands for ("the two countries")
    keys: list[str] = field(default_factory=lambda: list(MENTION_KEYS), repr=False)

    def __init__(self, tok_start: int = -1, tok_end: int = -1, head: int = -1, name: str | None = None,
                 code: str | None = None, country: str | None = None, sector: str | None = None,
                 how: str | None = None, kind: str | None = None, roles: list[str] = _FRESH,
                 title_only: bool = False, anaphor: bool = False, form: str | None = None,
                 office: str | None = None, text: str | None = None, start: int | None = None,
                 end: int | None = None, sent: int = -1, pronoun: str | None = None, antecedent: str | None = None,
                 antecedent_head: int | None = None, person: bool = False, origin: bool = False,
                 group: list[ActorMention] | None = None, keys: list[str] = _FRESH) -> None:
        """The fields as the dataclass declares them. What coreference adds is stored straight in its slot
        (`_SLOTS`): set later, it joins `keys` (`_added_key`), set here it is part of the layout given."""
        self.tok_start, self.tok_end, self.head, self.name, self.code = tok_start, tok_end, head, name, code
        self.country, self.sector, self.how, self.kind = country, sector, how, kind
        self.roles = [] if roles is _FRESH else roles
        self.title_only, self.anaphor, self.form, self.office = title_only, anaphor, form, office
        self.text, self.start, self.end, self.sent = text, start, end, sent
        _SLOTS["pronoun"](self, pronoun)
        _SLOTS["antecedent"](self, antecedent)
        _SLOTS["antecedent_head"](self, antecedent_head)
        _SLOTS["person"](self, person)
        _SLOTS["origin"](self, origin)
        _SLOTS["group"](self, group)
        self.keys = list(MENTION_KEYS) if keys is _FRESH else keys

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ActorMention):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _dict_maker(tuple(self.keys))(self)
        if self.group is not None and "group" in out:
            out["group"] = [g.to_dict() for g in self.group]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorMention:
        if "group" not in d:
            return cls(**d, keys=list(d))
        m = cls(**{k: v for k, v in d.items() if k != "group"}, keys=list(d))
        m.group = [cls.from_dict(g) for g in d["group"]]
        return m

    def view(self, keys: tuple[str, ...]) -> ActorMention:
        """A copy with only `keys` of this mention (the others at their defaults)."""
        return ActorMention(**dict(zip(keys, _values_getter(keys)(self), strict=True)), keys=list(keys))


def _added_key(name: str, slot: Any) -> property:
    """A field coreference or context adds to the mentions it concerns: setting it (after the mention is
    built) puts its name in the mention's `keys`, so that the plain dict carries it. Reading it is the slot's
    own read (no Python call); the other fields are plain slots."""

    def put(obj: Any, value: Any) -> None:
        slot.__set__(obj, value)
        keys = getattr(obj, "keys", None)  # None while a copy is being filled in: its layout comes last
        if keys is not None and name not in keys:
            keys.append(name)

    return property(slot.__get__, put, doc=f"`{name}`, added to `keys` when set")


_FIELDS = frozenset(f for f in ActorMention.__slots__ if f != "keys")  # the names a mention's dict may carry
# the slots of the added fields, set directly while a mention is built
_SLOTS: dict[str, Any] = {name: ActorMention.__dict__[name].__set__ for name in _ADDED_KEYS}
for _name in _ADDED_KEYS:
    setattr(ActorMention, _name, _added_key(_name, ActorMention.__dict__[_name]))


@dataclass
class Event:
    """One coded event: who did what to whom, with its evidence. Field names follow the event contract."""

    id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    trigger: dict[str, Any]
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: dict[str, Any]
    negated: bool
    modality: str
    attributed_to: dict[str, Any] | None
    date: str | None
    confidence: float
    tone: float = 0.0
    mentions: int = 1
    # where the act happened: {text, start, end, name, country, adm1, lat, lon, geonames_id, precision}
    location: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("extra")
        return d

    @property
    def asserted(self) -> bool:
        return not self.negated and self.modality != "hypothetical"

    @property
    def confident(self) -> bool:
        """At or above the confidence bar of the run that coded it (stored as the `confident` flag)."""
        return bool(self.extra.get("confident", True))

    @property
    def pattern_backed(self) -> bool:
        """Coded by a dictionary pattern and verified by the model (not the model's proposal alone)."""
        explain = self.explain or {}
        return bool(explain.get("backed", explain.get("pattern")))

    def meets(self, min_confidence: float | None = None) -> bool:
        """At or above `min_confidence`, or, when none is given, the default bar of its kind
        (`knowledge.meets_bar`)."""
        from .knowledge import meets_bar

        return meets_bar(self.confidence, self.pattern_backed, min_confidence)

    @property
    def explain(self) -> dict[str, Any] | None:
        """Why the event was printed: the rule and candidate, actor resolution, cues, the features behind its
        score (`geowire explain`)."""
        value = self.extra.get("explain")
        return value if isinstance(value, dict) else None
