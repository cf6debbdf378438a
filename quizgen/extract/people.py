"""Who is who: the registry's people that a document mentions, with their role at
the time, and the roles the documents themselves give people
("[USSR Minister of Defense] D. T. Yazov", "Vadim Kirpichenko, deputy chief of
the KGB First Directorate,", "Gromov (commander of the 40th Army)").

Names are found with one regular expression of every registry name and alias,
one pass per paragraph.
"""

from __future__ import annotations

import re

from quizgen.dates import format_date
from quizgen.extract.common import document_tag, provenance, rules, slug
from quizgen.models import Document, Item, Paragraph, Person, Role
from quizgen.people import PeopleRegistry, held

_CONNECTORS = frozenset({"of", "the", "for", "on"})
_HEADER_FIELD = re.compile(r"^[A-Z][A-Z ,]+:")


def names_pattern(people: PeopleRegistry) -> re.Pattern[str]:
    """Every name and alias of the registry (longest first), as whole words."""
    names = {alias for person in people.people for alias in (person.name, *person.aliases)}
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def extract_people(
    document: Document, people: PeopleRegistry, pattern: re.Pattern[str]
) -> list[Item]:
    """Registry items for people the document names, and its own role descriptions."""
    items: list[Item] = []
    first_mention: dict[str, tuple[Paragraph, re.Match[str]]] = {}
    described: set[str] = set()  # people the document gives a role itself
    for paragraph in document.paragraphs:
        for match in pattern.finditer(paragraph.text):
            person = people.resolve(match[0])
            if person is None or not any(role.start for role in person.roles):
                continue  # unknown, or not a person with dated roles (a body, a historian)
            first_mention.setdefault(person.id, (paragraph, match))
            # "PARTICIPANTS: The President; Secretary Shultz; ...": a list, not a description.
            role = "" if _HEADER_FIELD.match(paragraph.text) else _described_role(paragraph.text, match)
            if role:
                described.add(person.id)
                items.append(_description_item(document, paragraph, match, person, role))
    for person_id, (paragraph, match) in first_mention.items():
        person = people.get(person_id)
        assert person is not None
        if person_id in described:
            continue  # the document's own description already asks who this is
        held = _role_at(person, document.date)
        if held is not None and not _shared(held, person, people, document.date):
            items.append(_registry_item(document, paragraph, match, person, held))
    return items


def _shared(role: Role, person: Person, people: PeopleRegistry, iso_date: str | None) -> bool:
    """Whether someone else also held this role in the month the question names
    (Chernenko and Gorbachev in March 1985): then it has two right answers."""
    if not iso_date:
        return False  # undated: the question names the person's own years
    month = iso_date[:7]
    return any(
        other.id != person.id and other_role.title == role.title and held(other_role, month)
        for other in people.people
        for other_role in other.roles
    )


def _role_at(person: Person, iso_date: str | None) -> Role | None:
    """The dated role a person held at a date (the first role if the date is unknown).
    Roles without years (a historian, a body) make no who-is-who question."""
    dated = [role for role in person.roles if role.start]
    if not dated:
        return None
    if iso_date:
        return next((role for role in dated if held(role, iso_date)), None)
    return dated[0]


def _registry_item(
    document: Document, paragraph: Paragraph, match: re.Match[str], person: Person, role: Role
) -> Item:
    if document.date:
        when = f"in {format_date(document.date[:7])}" if len(document.date) >= 7 else f"in {document.date}"
    else:
        start = format_date(role.start or "")
        when = f"({start}–{format_date(role.end)})" if role.end and role.end != role.start else f"in {start}"
    return Item(
        id=f"person-{person.id}-{slug(role.title, 5)}",
        type="person",
        prompt=f"Who was {role.title} {when}?",
        answer=person.name,
        source=provenance(document, paragraph, match.start(), match.end()),
        origin="rule:people",
        person=person.name,
        context=person.description or role.title,
        tags=(document_tag(document), person.id, "person"),
    )


def _description_item(
    document: Document, paragraph: Paragraph, match: re.Match[str], person: Person, role: str
) -> Item:
    return Item(
        id=f"person-{document_tag(document)}-{person.id}-{slug(role, 5)}",
        type="person",
        prompt=f"Who does the source describe as \u201c{role}\u201d?",
        answer=person.name,
        source=provenance(document, paragraph, match.start(), match.end()),
        origin="rule:people",
        person=person.name,
        context=paragraph.text[max(0, match.start() - 200):match.end() + 200].strip(),
        tags=(document_tag(document), person.id, "person"),
    )


def _is_role(phrase: str) -> bool:
    words = {word.strip(",[]()").casefold() for word in phrase.split()}
    return bool(words & set(rules()["role_words"]))


def _described_role(text: str, match: re.Match[str]) -> str:
    """A role written next to a name: before it in brackets or as a title, or after
    it as an apposition or in parentheses. Empty if there is none."""
    before = text[max(0, match.start() - 160):match.start()].rsplit("\n", 1)[-1]
    after = text[match.end():match.end() + 160]
    # "[USSR Minister of Defense] D. T. Yazov", "[National Islamic Front leader Pir Sayyid Ahmad] Gilani"
    bracket = re.search(r"\[([^\[\]]+)\]\s*$", before)
    if bracket:
        words = bracket[1].split()
        while words and not _is_role(words[-1]):
            words.pop()  # given names after the role
        return " ".join(words) if len(words) >= 2 else ""
    # "Secretary of State George Shultz", "President of Afghanistan, General Secretary of the CC PDPA Najibullah"
    tokens = before.rstrip(" [").split(" ")
    run: list[str] = []
    for token in reversed(tokens):
        bare = token.strip(",[]")
        if not bare or not (bare[0].isupper() or bare in _CONNECTORS or _is_role(bare)):
            break
        if token.endswith((".", ":", ";")) or bare.isdigit():
            break
        run.insert(0, token)
    while run and run[0].strip(",[]") in _CONNECTORS:
        run.pop(0)
    while run and run[-1].strip(",[]") in _CONNECTORS:
        run.pop()
    phrase = " ".join(run).strip(" ,")
    if run and len(run) >= 2 and _is_role(phrase) and "[" not in phrase and "]" not in phrase:
        return phrase
    # "Vadim Kirpichenko, deputy chief of the KGB First Directorate," / "Gromov (commander of the 40th Army)"
    apposition = re.match(r",\s+([a-z][^,;:.()]{3,90}),|\s+\(([a-z][^()]{3,90})\)", after)
    if apposition:
        phrase = apposition[1] or apposition[2]
        first = phrase.split()[0]
        if first not in ("who", "which", "that", "whose", "as", "in", "and") and _is_role(phrase):
            return phrase
    return ""
