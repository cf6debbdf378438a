"""The people registry: labels and aliases -> one canonical person, with roles.

The registry is curated data (seeds/people.yaml). A label the registry does not
know resolves to None: quizgen never invents a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from quizgen.errors import QuizgenError
from quizgen.models import Person, Role


def _key(label: str) -> str:
    """Compare labels ignoring case, spacing, dots and typographic apostrophes."""
    label = label.replace("’", "'").replace(".", ". ")
    return " ".join(label.casefold().split()).replace(" .", ".")


def _initials_and_surname(label: str) -> tuple[str, str]:
    """("ms", "gorbachev") from "M. S. GORBACHEV"; ("e", "shevardnadze") from "Eh. A. SHEVARDNADZE"."""
    words = label.replace(".", ". ").split()
    initials = "".join(w[0].casefold() for w in words[:-1] if w.endswith("."))
    return initials, words[-1].casefold() if words else ""


@dataclass(frozen=True)
class PeopleRegistry:
    """Canonical people and every way the documents name them."""

    people: tuple[Person, ...]

    def __post_init__(self) -> None:
        by_alias: dict[str, Person] = {}
        for person in self.people:
            for alias in (person.name, *person.aliases):
                by_alias[_key(alias)] = person
        object.__setattr__(self, "_by_alias", by_alias)

    def resolve(self, label: str) -> Person | None:
        """The person a label or name refers to, or None if unknown or ambiguous."""
        by_alias: dict[str, Person] = self._by_alias  # type: ignore[attr-defined]
        exact = by_alias.get(_key(label))
        if exact is not None:
            return exact
        initials, surname = _initials_and_surname(label)
        if not initials or len(surname) < 3:
            return None
        # "A. GROMYKO" style: a known surname whose first initial agrees.
        matches = {
            person.id: person
            for person in self.people
            for name in (person.name, *person.aliases)
            if name.split()[-1].casefold() == surname
            and name.split()[0][0].casefold() == initials[0]
        }
        return next(iter(matches.values())) if len(matches) == 1 else None

    def get(self, name: str) -> Person | None:
        """A person by canonical name or id."""
        for person in self.people:
            if name in (person.name, person.id):
                return person
        return None

    def names(self) -> list[str]:
        return [person.name for person in self.people]


def held(role: Role, iso_date: str) -> bool:
    """Whether a role may have been held at a date. Role bounds and the date are ISO
    dates of any precision ("1988", "1988-05"), compared at the coarser of the two:
    a role that ends in May 1988 is held "in 1988" but not "in June 1988"."""

    def not_after(first: str, second: str) -> bool:
        length = min(len(first), len(second))
        return first[:length] <= second[:length]

    return not_after(role.start or "0000", iso_date) and not_after(iso_date, role.end or "9999")


def role_at(person: Person, iso_date: str | None) -> str:
    """The person's role at a date, or their first role if the date is unknown."""
    if not person.roles:
        return person.description
    if iso_date:
        for role in person.roles:
            if held(role, iso_date):
                return role.title
    return person.roles[0].title


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_people(path: Path) -> PeopleRegistry:
    """Read the registry, failing with the file and entry on a malformed one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise QuizgenError(f"{path}: no such file (the people registry)") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise QuizgenError(f"{path}: cannot read the people registry: {error}") from None
    if not isinstance(data, list):
        raise QuizgenError(f"{path}: expected a list of people")
    people = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("id"):
            raise QuizgenError(f"{path}: entry {number} needs at least an id and a name")
        if not _ID.match(str(entry["id"])):
            raise QuizgenError(f"{path}: entry {number}: id '{entry['id']}' must be lowercase-with-dashes")
        roles = tuple(
            Role(
                str(role["title"]),
                str(role["start"]) if role.get("start") else None,
                str(role["end"]) if role.get("end") else None,
            )
            for role in entry.get("roles") or []
        )
        people.append(
            Person(
                id=str(entry["id"]),
                name=str(entry["name"]),
                aliases=tuple(str(alias) for alias in entry.get("aliases") or []),
                roles=roles,
                description=str(entry.get("description") or ""),
                nationality=str(entry.get("nationality") or ""),
            )
        )
    return PeopleRegistry(tuple(people))
