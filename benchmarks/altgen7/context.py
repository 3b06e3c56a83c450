"""Shared state of one generation run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .records import Sink
from .world import Enterprises, Geo, People, Workers, to_date


@dataclass
class Truth:
    incidents: list[dict[str, Any]] = field(default_factory=list)
    incident_person: list[dict[str, Any]] = field(default_factory=list)
    deaths: list[dict[str, Any]] = field(default_factory=list)          # incident deaths
    bg_death_person: list[np.ndarray] = field(default_factory=list)     # background deaths
    bg_death_class: list[str] = field(default_factory=list)


@dataclass
class Ctx:
    rng: np.random.Generator
    scale: float
    geo: Geo
    people: People
    ent: Enterprises
    workers: Workers
    sink: Sink = field(default_factory=Sink)
    truth: Truth = field(default_factory=Truth)
    dead: set[int] = field(default_factory=set)
    notes: dict[str, int] = field(default_factory=dict)
    retired_miners: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def note(self, key: str, k: int = 1) -> None:
        self.notes[key] = self.notes.get(key, 0) + k

    def birth(self, person: int) -> dt.date:
        return to_date(self.people.value("birth", person))

    def hukou(self, person: int) -> int:
        return self.people.value("hukou", person)

    def male(self, person: int) -> bool:
        return bool(self.people.value("male", person))

    def age(self, person: int, on: dt.date) -> int:
        b = self.birth(person)
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))
