"""The rules file of `geowire alerts` and `geowire monitor`: TOML (`.toml`) or YAML (`.yml`, `.yaml`).

    [webhook]                       # optional: POST every new alert as JSON
    url = "https://hooks.example.org/geowire"
    timeout = 5                     # seconds per attempt (default 5)
    retries = 3                     # attempts after the first (default 3), with backoff 1 s, 2 s, 4 s ...

    [[rule]]
    name = "russia-ukraine-fighting"
    dyad = "RUS-UKR"                # or country = "IRN" (either side), or actor = "USAGOV" (code prefix)
    quad = 4                        # or cameo = "19" (a CAMEO root or longer prefix); optional
    min_events = 5                  # fires at 5 asserted events or more ...
    window = "2d"                   # ... dated within the last 2 days (days "Nd" or weeks "Nw"; default 1d)

    [[rule]]
    name = "iran-conflict-spike"
    country = "IRN"
    min_z = 2.5                     # fires when `spikes` scores a dyad of IRN at z >= 2.5 ...
    by = "week"                     # ... in the current week (day, week, month, year; default week)
    min_history = 4                 # earlier periods the dyad needs (default 4)
    measure = "conflict"            # or goldstein (default conflict)

Every mistake is one line naming the file and the rule (an unknown key, a missing threshold, a bad code).
Rules are typed records (`Rule`, `RuleSet`); the rest of the package reads only those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GeowireError

__all__ = ["Rule", "RuleSet", "WebhookConfig", "load_rules", "parse_rules", "parse_window"]

_COUNT_KEYS = {"name", "dyad", "country", "actor", "cameo", "quad", "min_events", "window"}
_Z_KEYS = {"name", "dyad", "country", "actor", "min_z", "by", "min_history", "measure"}
_CODE = re.compile(r"[A-Z]{3}[A-Z0-9]{0,15}")
_PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Rule:
    """One rule. `kind` is `count` (`min_events` in `window_days`) or `zscore` (`min_z` of `spikes`)."""

    name: str
    kind: str
    dyad: tuple[str, str] | None = None
    country: str | None = None
    actor: str | None = None
    cameo: str | None = None
    quad: int | None = None
    min_events: int = 0
    window_days: int = 1
    min_z: float = 0.0
    by: str = "week"
    min_history: int = 4
    measure: str = "conflict"

    @property
    def subject(self) -> str:
        """What the rule watches: `RUS-UKR`, `IRN` or `USAGOV`."""
        return "-".join(self.dyad) if self.dyad else (self.country or self.actor or "")

    @property
    def threshold(self) -> float:
        return float(self.min_events) if self.kind == "count" else self.min_z


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    timeout: float = 5.0
    retries: int = 3


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    webhook: WebhookConfig | None = None


def parse_window(value: Any) -> int:
    """Days in a window: "1d", "7d", "2w" (or a whole number of days)."""
    m = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", str(value))
    if not m or int(m.group(1)) < 1:
        raise ValueError(f"invalid window {value!r}: use days or weeks, e.g. 1d, 7d, 2w")
    return int(m.group(1)) * (7 if m.group(2) == "w" else 1)


def _code(value: Any, what: str) -> str:
    code = str(value).strip().upper()
    if not _CODE.fullmatch(code):
        raise ValueError(f"invalid {what} {value!r}: use a country code (IRN) or a CAMEO actor code (USAGOV)")
    return code


def _who(raw: dict[str, Any]) -> dict[str, Any]:
    given = [k for k in ("dyad", "country", "actor") if raw.get(k) not in (None, "")]
    if len(given) != 1:
        raise ValueError("give exactly one of dyad, country or actor")
    if given[0] == "dyad":
        parts = str(raw["dyad"]).split("-")
        if len(parts) != 2:
            raise ValueError(f"invalid dyad {raw['dyad']!r}: use two codes joined by a dash, e.g. RUS-UKR")
        return {"dyad": (_code(parts[0], "dyad side"), _code(parts[1], "dyad side"))}
    return {given[0]: _code(raw[given[0]], given[0])}


def _what(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if raw.get("cameo") not in (None, ""):
        cameo = str(raw["cameo"]).strip()
        if not re.fullmatch(r"\d{2,4}", cameo) or not 1 <= int(cameo[:2]) <= 20:
            raise ValueError(f"invalid cameo {raw['cameo']!r}: use a CAMEO root (01-20) or a longer code prefix")
        out["cameo"] = cameo
    if raw.get("quad") not in (None, ""):
        if str(raw["quad"]) not in ("1", "2", "3", "4"):
            raise ValueError(f"invalid quad {raw['quad']!r}: use a quad class 1-4")
        out["quad"] = int(raw["quad"])
    return out


def _number(raw: dict[str, Any], key: str, cast: type, low: float) -> Any:
    try:
        value = cast(raw[key])
    except (TypeError, ValueError):
        raise ValueError(f"invalid {key} {raw[key]!r}: give a number") from None
    if value < low or isinstance(raw[key], bool):
        raise ValueError(f"invalid {key} {raw[key]!r}: give a number of at least {low:g}")
    return value


def _rule(raw: Any) -> Rule:
    if not isinstance(raw, dict):
        raise ValueError("a rule is a table of keys (name, dyad or country, min_events or min_z, ...)")
    if ("min_events" in raw) == ("min_z" in raw):
        raise ValueError("give one threshold: min_events (a count in a window) or min_z (a spikes z-score)")
    kind = "count" if "min_events" in raw else "zscore"
    allowed = _COUNT_KEYS if kind == "count" else _Z_KEYS
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} for a {kind} rule (keys: {', '.join(sorted(allowed))})")
    common = {"name": str(raw.get("name") or "").strip(), "kind": kind, **_who(raw)}
    if not common["name"]:
        raise ValueError("a rule needs a name")
    if kind == "count":
        return Rule(**common, **_what(raw), min_events=_number(raw, "min_events", int, 1),
                    window_days=parse_window(raw.get("window", "1d")))
    by, measure = raw.get("by", "week"), raw.get("measure", "conflict")
    if by not in _PERIODS:
        raise ValueError(f"invalid by {by!r}: use one of {', '.join(_PERIODS)}")
    if measure not in ("conflict", "goldstein"):
        raise ValueError(f"invalid measure {measure!r}: use conflict or goldstein")
    return Rule(**common, min_z=_number(raw, "min_z", float, -1000), by=by, measure=measure,
                min_history=_number({"min_history": raw.get("min_history", 4)}, "min_history", int, 1))


def _webhook(raw: Any) -> WebhookConfig | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not str(raw.get("url", "")).lower().startswith(("http://", "https://")):
        raise ValueError("webhook: give url = \"http(s)://...\"")
    unknown = sorted(set(raw) - {"url", "timeout", "retries"})
    if unknown:
        raise ValueError(f"webhook: unknown key {unknown[0]!r} (keys: retries, timeout, url)")
    return WebhookConfig(url=str(raw["url"]), timeout=_number({"timeout": raw.get("timeout", 5)}, "timeout", float, 0.1),
                         retries=_number({"retries": raw.get("retries", 3)}, "retries", int, 0))


def parse_rules(data: Any, where: str = "rules") -> RuleSet:
    """A RuleSet from the parsed file (`{"rule": [...], "webhook": {...}}`); GeowireError naming `where`."""
    items = data.get("rule", data.get("rules")) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(items, list):
        raise GeowireError(f"{where}: no rules (a list of [[rule]] tables, each with a name)")
    unknown = sorted(set(data) - {"rule", "rules", "webhook"})
    if unknown:
        raise GeowireError(f"{where}: unknown section {unknown[0]!r} (sections: rule, webhook)")
    rules: list[Rule] = []
    for n, raw in enumerate(items, 1):
        label = raw.get("name") if isinstance(raw, dict) and raw.get("name") else f"#{n}"
        try:
            rules.append(_rule(raw))
        except ValueError as exc:
            raise GeowireError(f"{where}: rule {label}: {exc}") from None
    names = [r.name for r in rules]
    dup = next((x for x in names if names.count(x) > 1), None)
    if dup:
        raise GeowireError(f"{where}: two rules are named {dup!r} (names must be unique)")
    try:
        webhook = _webhook(data.get("webhook"))
    except ValueError as exc:
        raise GeowireError(f"{where}: {exc}") from None
    return RuleSet(tuple(rules), webhook)


def load_rules(path: str | Path) -> RuleSet:
    """The rules of a TOML or YAML file."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise GeowireError(f"cannot read rules file {p}: {exc.strerror or exc}") from None
    try:
        if p.suffix.lower() in (".yml", ".yaml"):
            import yaml

            data = yaml.safe_load(raw)
        else:
            import tomllib

            data = tomllib.loads(raw)
    except Exception as exc:  # noqa: BLE001 - any parse error is one line about the file
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise GeowireError(f"{p}: not valid {'YAML' if p.suffix.lower() in ('.yml', '.yaml') else 'TOML'}: "
                           f"{first}") from None
    return parse_rules(data, str(p))
