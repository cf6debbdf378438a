"""The teacher's YAML question bank -> items, with every mistake located to its line.

The bank is read with PyYAML's composer (not its constructor) so that every key
and value keeps its line and column; each problem points at the exact place to
fix. All problems of a file are collected in one run. The file is only ever
opened for reading.

The tables `DECK_FIELDS`, `COMMON_FIELDS` and `TYPE_FIELDS` are the one list of
what a bank may contain: the validator reads them, and `json_schema()` builds
the shipped JSON Schema (quizgen/schema/bank.schema.json) from them.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.dates import format_date, iso, parse_date
from quizgen.extract import RULE_FAMILIES
from quizgen.models import ITEM_TYPES, DeckInfo, Item, Location, Problem, Provenance
from quizgen.people import PeopleRegistry

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "bank.schema.json"

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Field:
    """One key a bank may hold: its kind of value and the help an editor shows for it."""

    kind: str  # text, slug, tag-list, text-list, slug-list, date, bool, count, index, choice, mapping, list
    help: str
    choices: tuple[str, ...] = ()


# --- the format: the one table the validator, the schema and the docs follow ----------

TOP_FIELDS: dict[str, Field] = {
    "deck": Field("mapping", "The deck's identity: id, title and description."),
    "extract": Field("mapping", "Which extraction rule families feed the deck, e.g. {quotes: true}."),
    "exclude": Field("slug-list", "Ids of items to leave out (extracted items, usually)."),
    "questions": Field("list", "The hand-written items."),
}
TOP_REQUIRED = ("deck",)

DECK_FIELDS: dict[str, Field] = {
    "id": Field("slug", "Stable forever: it seeds the Anki deck id and note ids."),
    "title": Field("text", "The deck's name, shown in Anki and on quizzes."),
    "description": Field("text", "Shown in Anki's deck overview: say where the material comes from."),
}
DECK_REQUIRED = ("id", "title")

EXTRACT_FIELDS: dict[str, Field] = {
    family: Field("bool", f"Add the items the '{family}' rules extract from the sources.")
    for family in RULE_FAMILIES
}

COMMON_FIELDS: dict[str, Field] = {
    "id": Field("slug", "Stable id (lowercase words joined by hyphens): the Anki note keeps it."),
    "type": Field("choice", "The kind of item.", ITEM_TYPES),
    "source": Field("text", "The id of the cited document (its file name in seeds/ without .txt)."),
    "paragraph": Field("index", "Paragraph number in the cited document (as `quizgen show` counts)."),
    "prompt": Field("text", "The question as shown; by default it is made from the item's fields."),
    "distractors": Field("text-list", "Wrong options for multiple choice."),
    "context": Field("text", "A sentence or two around the quote or event, shown on the answer side."),
    "tags": Field("tag-list", "Tags (no spaces), e.g. [geneva, 1988]."),
    "difficulty": Field("choice", "How hard the question is.", DIFFICULTIES),
    "points": Field("count", "Points on a printed quiz (default 1)."),
    "fixed_position": Field("bool", "Keep this question in place when a quiz is shuffled."),
    "override": Field("bool", "Replaces the extracted item with the same id; a problem if there is none."),
}

TYPE_FIELDS: dict[str, dict[str, Field]] = {
    "quote": {
        "quote": Field("text", "The words, exactly as the source gives them."),
        "speaker": Field("text", "Who said or wrote them (a name or alias from the people registry)."),
    },
    "date": {
        "answer": Field("date", "The date as ISO 8601, as precise as the source: 1988, 1988-04 or 1988-04-14."),
        "event": Field("text", "What happened, e.g. 'The Geneva Accords were signed'."),
    },
    "term": {
        "term": Field("text", "The key term or abbreviation."),
        "definition": Field("text", "Its definition, in the source's own words."),
        "gloss": Field("bool", "The definition is your own wording, not the source's (allowed, marked)."),
    },
    "person": {
        "person": Field("text", "The person (a name or alias from the people registry)."),
        "answer": Field("text", "Who they were: their role at the time."),
    },
    "question": {
        "answer": Field("text", "The correct answer."),
    },
}

TYPE_REQUIRED: dict[str, tuple[str, ...]] = {
    "quote": ("quote", "speaker"),
    "date": ("answer",),
    "term": ("term", "definition"),
    "person": ("person", "answer"),
    "question": ("prompt", "answer"),
}
ITEM_REQUIRED = ("id", "type", "source")
# A date item needs something to ask about: its own prompt or an event.
ONE_OF: dict[str, tuple[str, ...]] = {"date": ("prompt", "event")}


def item_fields(item_type: str) -> dict[str, Field]:
    """Every key an item of this type may have."""
    return {**COMMON_FIELDS, **TYPE_FIELDS[item_type]}


# --- the result --------------------------------------------------------------------


@dataclass
class Bank:
    """A loaded bank: its deck metadata, its items, and every problem found reading it."""

    info: DeckInfo
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where each item's keys are, by (item id, key): verification points there too.
    locations: dict[tuple[str, str], Location] = field(default_factory=dict)
    exclude_locations: dict[str, Location] = field(default_factory=dict)
    overrides: dict[str, Location] = field(default_factory=dict)  # ids with override: true


# --- reading -------------------------------------------------------------------------


def load_bank(
    path: Path, known_documents: set[str], people: PeopleRegistry | None = None
) -> Bank:
    """Read a bank file; never raises for a mistake in it, never writes to it.

    With `people`, speaker and person names are replaced by their canonical
    form (an unknown name is left as written for the verifier to report).
    """
    path = Path(path)
    info = DeckInfo(id=path.stem, title=path.stem, path=str(path))
    reader = _Reader(str(path), known_documents, people)
    text = reader.read(path)
    if text is None:
        return Bank(info, problems=reader.problems)
    root = reader.compose(text)
    if root is not None:
        info = reader.bank(root, info)
    bank = Bank(
        info,
        reader.items,
        sorted(reader.problems, key=_order),
        reader.locations,
        reader.exclude_locations,
        reader.overrides,
    )
    return bank


def _order(problem: Problem) -> tuple[int, int, str]:
    where = problem.location
    return (where.line, where.column, problem.message) if where else (0, 0, problem.message)


def _suggestion(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else ""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = _suggestion(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


EMPTY = "the bank is empty: it needs at least a 'deck:' with an id and a title (see docs/bank.md)"

# The indentation of a line, including the '- ' of list entries: a tab there is a mistake.
_INDENTATION = re.compile(r"[ \t]*(?:-[ \t]+)*")


def _tabs_after_indentation(text: str) -> str:
    """Tabs inside or after a value made spaces, one for one, so columns stay right.

    YAML allows a tab inside a value (a quote pasted from a document, a tab before a
    comment, on a blank line), but PyYAML rejects it; a tab in the indentation of
    a key or list entry stays, for the parser to report.
    """
    if "\t" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "\t" in line:
            rest = line.lstrip(" \t")
            blank = not rest.strip() or rest.startswith("#")
            indent = 0 if blank else _INDENTATION.match(line).end()  # type: ignore[union-attr]
            lines[number] = line[:indent] + line[indent:].replace("\t", " ")
    return "\n".join(lines)


# What PyYAML says, and what a teacher should be told about it.
_YAML_HINTS = [
    ("\\t", "a tab character: indent with spaces, not tabs"),
    ("mapping values are not allowed", ("check the indentation of this line, "
     "or put quotes around a value that contains ': '")),
    ("expected <block end>", "wrong indentation: this line does not line up with the lines above it"),
    ("did not find expected key", "wrong indentation: this line does not line up with the lines above it"),
    ("did not find expected '-'", "wrong indentation: this list entry does not line up with the ones above it"),
    ("found undefined alias", "'*' starts an alias in YAML: put quotes around the value"),
    ("found character '@'", "put quotes around a value that starts with '@'"),
    ("found character '`'", "put quotes around a value that starts with '`'"),
    ("could not find expected ':'", "a key is missing its ':' or a quoted value is not closed"),
    ("found unexpected end of stream", "a quoted value is not closed"),
    ("expected a single document", "only one YAML document per bank: remove the second '---'"),
]


class _Reader:
    """Walks the composed YAML tree, collecting items and problems."""

    def __init__(self, path: str, known_documents: set[str], people: PeopleRegistry | None) -> None:
        self.path = path
        self.known_documents = known_documents
        self.people = people
        self.problems: list[Problem] = []
        self.items: list[Item] = []
        self.locations: dict[tuple[str, str], Location] = {}
        self.exclude_locations: dict[str, Location] = {}
        self.overrides: dict[str, Location] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    # -- locations and problems

    def at(self, node: Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: Node | Location | None, message: str, item_id: str = "") -> None:
        where = node if isinstance(node, Location) or node is None else self.at(node)
        self.problems.append(Problem(message, where or Location(self.path, 1, 1), item_id))

    # -- the file

    def read(self, path: Path) -> str | None:
        try:
            with open(path, "rb") as handle:  # read-only, always
                data = handle.read()
        except FileNotFoundError:
            self.problem(Location(self.path, 1, 1), "no such file")
            return None
        except OSError as error:
            self.problem(Location(self.path, 1, 1), f"cannot read the file: {error.strerror}")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            before = data[: error.start]
            line = before.count(b"\n") + 1
            column = len(before) - (before.rfind(b"\n") + 1) + 1
            self.problem(
                Location(self.path, line, column),
                f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as UTF-8",
            )
            return None

    def compose(self, text: str) -> Node | None:
        if not text.strip() or all(
            not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
        ):
            self.problem(Location(self.path, 1, 1), EMPTY)
            return None
        try:
            root = yaml.compose(_tabs_after_indentation(text), Loader=yaml.SafeLoader)
        except RecursionError:
            self.problem(Location(self.path, 1, 1), "the file nests lists or mappings too deeply to read")
            return None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if error.context and "quoted scalar" in error.context and error.context_mark:
                # An unclosed quote is found only at the end of the file; the fix is
                # where the quote opened.
                mark = error.context_mark
                message = "YAML syntax error: this quoted value is never closed (add the closing quote)"
            else:
                what = " ".join(filter(None, [error.context, error.problem]))
                hint = next((h for key, h in _YAML_HINTS if key in what), "")
                message = f"YAML syntax error: {what}" + (f" ({hint})" if hint else "")
            where = Location(self.path, mark.line + 1, mark.column + 1) if mark else None
            self.problem(where, message)
        except yaml.reader.ReaderError as error:  # a control character in the text
            before = text[: error.position]
            where = Location(self.path, before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1)
            self.problem(where, f"the file contains a control character (U+{error.character:04X}) "
                         "that YAML does not allow: delete it")
        except yaml.YAMLError as error:  # none known; still a message, never a traceback
            self.problem(Location(self.path, 1, 1), f"YAML error: {' '.join(str(error).split())}")
        else:
            if root is not None and not _is_null(root):
                return root
            self.problem(Location(self.path, 1, 1), EMPTY)
        return None

    # -- generic checks

    def mapping(
        self,
        node: MappingNode,
        fields: dict[str, Field],
        what: str,
        item_id: str = "",
    ) -> dict[str, tuple[Node, Node]]:
        """Keys of a mapping -> (key node, value node), reporting unknown and duplicate keys."""
        found: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, f"a key in {what} must be a plain word", item_id)
                continue
            key = key_node.value
            if key in found:
                first = self.at(found[key][0])
                # A second id in one question: most likely the next question lost its '- '.
                hint = ": if it starts the next question, put '- ' before it" if (
                    key == "id" and what == "this question") else ""
                self.problem(key_node, f"'{key}' appears twice in {what} (first on line {first.line}){hint}",
                             item_id)
                continue
            if key not in fields:
                self.problem(key_node, f"unknown key '{key}' in {what}{did_you_mean(key, list(fields))}",
                             item_id)
                continue
            found[key] = (key_node, value_node)
        return found

    def value(self, node: Node, name: str, spec: Field, item_id: str = "") -> Any:
        """The value of a key checked against its kind, or None (and a problem) if wrong."""
        kind = spec.kind
        if kind in ("mapping",):
            if isinstance(node, MappingNode):
                return node
            self.problem(node, f"'{name}' must be a mapping of keys and values", item_id)
            return None
        if kind == "list":
            if isinstance(node, SequenceNode):
                return node
            if _is_null(node):
                return SequenceNode("tag:yaml.org,2002:seq", [], node.start_mark, node.end_mark)
            self.problem(node, f"'{name}' must be a list (entries starting with '- ')", item_id)
            return None
        if kind.endswith("-list"):
            return self.list_value(node, name, spec, item_id)
        if not isinstance(node, ScalarNode) or _is_null(node):
            shape = "nothing" if _is_null(node) else ("a list" if isinstance(node, SequenceNode) else "a mapping")
            self.problem(node, f"'{name}' must be {_KIND_WORDS[kind]}, not {shape}", item_id)
            return None
        return self.scalar(node, name, spec, item_id)

    def scalar(self, node: ScalarNode, name: str, spec: Field, item_id: str) -> Any:
        kind, text = spec.kind, node.value
        if kind == "text":
            if not text.strip():
                self.problem(node, f"'{name}' is empty", item_id)
                return None
            return " ".join(text.split()) if "\n" in text else text.strip()
        if kind in ("slug", "tag"):
            pattern = SLUG if kind == "slug" else r"^\S+$"
            # As written: `tags: [geneva, 1988]` is two tags, not a tag and a number.
            if re.match(pattern, text):
                if node.tag not in _YAML_KINDS:
                    return text
                read_as = _YAML_KINDS.get(node.tag, f"a value tagged {node.tag}")
                self.problem(node, f"'{name}': YAML reads {text} as {read_as}, not as a word: "
                             "put quotes around it", item_id)
            elif kind == "slug":
                hint = f"; try '{_slugify(text)}'" if _slugify(text) else ""
                self.problem(node, f"'{name}' must be lowercase letters, digits and hyphens, "
                             f"not {text!r}{hint}", item_id)
            else:
                self.problem(node, f"'{name}': a tag cannot contain spaces: {text!r}", item_id)
            return None
        if kind == "choice":
            if text in spec.choices:
                return text
            self.problem(node, f"'{name}' must be one of {', '.join(spec.choices)}, not {text!r}"
                         f"{did_you_mean(text, spec.choices)}", item_id)
            return None
        if kind == "bool":
            if node.tag == "tag:yaml.org,2002:bool":
                return self.constructor.construct_object(node)
            self.problem(node, f"'{name}' must be true or false, not {text!r}", item_id)
            return None
        if kind in ("count", "index"):
            lowest = 1 if kind == "count" else 0
            if node.tag == "tag:yaml.org,2002:int":
                number = self.constructor.construct_object(node)
                if number >= lowest:
                    return number
            self.problem(node, f"'{name}' must be a whole number of at least {lowest}, not {text!r}",
                         item_id)
            return None
        if kind == "date":
            return self.date(node, name, item_id)
        raise AssertionError(f"unknown field kind {kind}")

    def date(self, node: ScalarNode, name: str, item_id: str) -> str | None:
        text = node.value.strip()
        if re.match(ISO_DATE, text):
            parts = [int(part) for part in text.split("-")]
            valid = iso(*parts)  # type: ignore[arg-type]
            if valid:
                return valid
            self.problem(node, f"'{name}': {text} is not a real date", item_id)
            return None
        written = parse_date(text)
        hint = f"; write {written}" if written else ": write 1988, 1988-04 or 1988-04-14"
        self.problem(node, f"'{name}' must be an ISO date as precise as the source{hint} "
                     f"(not {text!r})", item_id)
        return None

    def list_value(self, node: Node, name: str, spec: Field, item_id: str) -> tuple[str, ...] | None:
        if _is_null(node):
            return ()
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'{name}' must be a list, like [a, b]", item_id)
            return None
        entry = Field(spec.kind.removesuffix("-list"), spec.help)
        values = []
        for child in node.value:
            if not isinstance(child, ScalarNode) or _is_null(child):
                self.problem(child, f"each entry of '{name}' must be a single value", item_id)
                continue
            value = self.scalar(child, name, entry, item_id)
            if value is not None:
                values.append(value)
        return tuple(values)

    # -- the bank

    def bank(self, root: Node, info: DeckInfo) -> DeckInfo:
        if not isinstance(root, MappingNode):
            shape = "a list" if isinstance(root, SequenceNode) else "a single value"
            self.problem(root, f"the bank must be a mapping with 'deck:' and 'questions:' keys, not {shape}")
            return info
        top = self.mapping(root, TOP_FIELDS, "the bank")
        for name in TOP_REQUIRED:
            if name not in top:
                self.problem(root, f"missing '{name}:' (the deck's id and title)")
        if "deck" in top:
            info = self.deck(top["deck"][1], info)
        if "extract" in top:
            node = self.value(top["extract"][1], "extract", TOP_FIELDS["extract"])
            if node is not None:
                found = self.mapping(node, EXTRACT_FIELDS, "'extract'")
                families = {}
                for name, (_, value) in found.items():
                    enabled = self.value(value, name, EXTRACT_FIELDS[name])
                    if enabled is not None:
                        families[name] = enabled
                info = replace(info, extract=families)
        if "exclude" in top:
            excluded = self.value(top["exclude"][1], "exclude", TOP_FIELDS["exclude"])
            if excluded:
                entries = [child for child in top["exclude"][1].value if isinstance(child, ScalarNode)]
                for child in entries:
                    self.exclude_locations.setdefault(child.value, self.at(child))
                info = replace(info, exclude=tuple(dict.fromkeys(excluded)))
        if "questions" in top:
            questions = self.value(top["questions"][1], "questions", TOP_FIELDS["questions"])
            if questions is not None:
                self.questions(questions)
        return info

    def deck(self, node: Node, info: DeckInfo) -> DeckInfo:
        node = self.value(node, "deck", TOP_FIELDS["deck"])
        if node is None:
            return info
        found = self.mapping(node, DECK_FIELDS, "'deck'")
        values = {}
        for name, (_, value) in found.items():
            checked = self.value(value, name, DECK_FIELDS[name])
            if checked is not None:
                values[name] = checked
        for name in DECK_REQUIRED:
            if name not in found:
                self.problem(node, f"'deck' is missing '{name}:'")
        return replace(info, **values)

    def questions(self, node: SequenceNode) -> None:
        first_seen: dict[str, Location] = {}
        for entry in node.value:
            if not isinstance(entry, MappingNode):
                self.problem(entry, "each question must be a mapping of keys and values "
                             "(check the indentation under '- ')")
                continue
            item = self.item(entry, first_seen)
            if item is not None:
                self.items.append(item)

    def item(self, node: MappingNode, first_seen: dict[str, Location]) -> Item | None:
        raw: dict[str, Node] = {}
        for key, value in node.value:  # the first of a repeated key counts, as in `mapping`
            if isinstance(key, ScalarNode):
                raw.setdefault(key.value, value)
        id_node = raw.get("id")
        item_id = id_node.value if isinstance(id_node, ScalarNode) else ""
        type_node = raw.get("type")
        item_type = type_node.value if isinstance(type_node, ScalarNode) else ""
        fields = item_fields(item_type) if item_type in ITEM_TYPES else {
            **COMMON_FIELDS, **{k: v for spec in TYPE_FIELDS.values() for k, v in spec.items()}
        }
        found = self.mapping(node, fields, "this question", item_id)
        values: dict[str, Any] = {}
        for name, (_, value) in found.items():
            checked = self.value(value, name, fields[name], item_id)
            if item_id:
                self.locations[(item_id, name)] = self.at(value)
            if checked is not None:
                values[name] = checked
        required = ITEM_REQUIRED + TYPE_REQUIRED.get(item_type, ())
        missing = [name for name in required if name not in found]
        misspelt = {_suggestion(key.value, list(fields)) for key, _ in node.value
                    if isinstance(key, ScalarNode) and key.value not in fields}
        for name in missing:
            if name in misspelt:
                continue  # "unknown key 'anwser' (did you mean 'answer'?)" already says it
            self.problem(node, f"missing '{name}:'" + (
                f" (one of {', '.join(ITEM_TYPES)})" if name == "type" else ""), item_id)
        one_of = ONE_OF.get(item_type, ())
        lacks_one_of = bool(one_of) and not any(name in found for name in one_of)
        if lacks_one_of:
            self.problem(node, f"needs '{one_of[0]}:' or '{one_of[1]}:' (what to ask about)", item_id)
        if "id" in values:
            if values["id"] in first_seen:
                self.problem(found["id"][1], f"duplicate id (first used on line "
                             f"{first_seen[values['id']].line})", item_id)
                return None
            first_seen[values["id"]] = self.at(found["id"][1])
        source = values.get("source")
        if source is not None and source not in self.known_documents:
            self.problem(found["source"][1], f"unknown source document '{source}'"
                         f"{did_you_mean(source, sorted(self.known_documents))}", item_id)
            return None
        if len(values) < len(found) or missing or lacks_one_of:
            return None  # already reported; an item built from half its fields would mislead
        if values.get("override"):
            self.overrides[values["id"]] = self.at(found["override"][0])
        return _make_item(values, self.at(node), self.people)


# Plain values that are not words to YAML (`id: 1988` or `id: 1988-04-14` are, as written).
_YAML_KINDS = {"tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:float": "a number"}


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _slugify(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


_KIND_WORDS = {
    "text": "some text",
    "slug": "an id (lowercase letters, digits and hyphens)",
    "tag": "a tag",
    "choice": "one of the listed words",
    "bool": "true or false",
    "count": "a whole number",
    "index": "a whole number",
    "date": "an ISO date such as 1988-04-14",
}


def _canonical(name: str, people: PeopleRegistry | None) -> str:
    person = people.resolve(name) if people is not None else None
    return person.name if person is not None else name


def _strip_end(text: str) -> str:
    return text.rstrip(" .?")


def default_prompt(item_type: str, values: dict[str, Any]) -> str:
    """The question shown when the bank gives no `prompt`."""
    if item_type == "quote":
        return f"Who said: “{values['quote']}”"
    if item_type == "date":
        return f"When? {_strip_end(values['event'])}."
    if item_type == "term":
        return f"What does “{values['term']}” mean?"
    if item_type == "person":
        return f"Who was {values['person']}?"
    return str(values.get("prompt", ""))


def _make_item(values: dict[str, Any], location: Location, people: PeopleRegistry | None) -> Item:
    item_type = values["type"]
    typed: dict[str, Any] = {}
    if item_type == "quote":
        speaker = _canonical(values["speaker"], people)
        typed = {"quote": values["quote"], "speaker": speaker, "answer": speaker}
    elif item_type == "date":
        typed = {"date": values["answer"], "event": values.get("event") or values["prompt"],
                 "answer": format_date(values["answer"])}
    elif item_type == "term":
        typed = {"term": values["term"], "definition": values["definition"],
                 "answer": values["definition"], "gloss": values.get("gloss", False)}
    elif item_type == "person":
        typed = {"person": _canonical(values["person"], people), "answer": values["answer"]}
    else:
        typed = {"answer": values["answer"]}
    prompt = values.get("prompt") or default_prompt(item_type, {**values, **typed})
    return Item(
        id=values["id"],
        type=item_type,
        prompt=prompt,
        source=Provenance(values["source"], values.get("paragraph")),
        origin="bank",
        distractors=values.get("distractors", ()),
        context=values.get("context", ""),
        tags=values.get("tags", ()),
        difficulty=values.get("difficulty", ""),
        points=values.get("points", 1),
        fixed_position=values.get("fixed_position", False),
        location=location,
        **typed,
    )


# --- merging with the extracted items --------------------------------------------------


@functools.lru_cache(maxsize=16384)
def _normal(text: str) -> str:
    """`verify.normalise`, remembered: merging compares every bank item with every extracted one."""
    from quizgen.verify import normalise  # verify reads bank's messages; import late

    return normalise(text)


def covers(mine: Item, theirs: Item) -> bool:
    """Whether a bank item asks what an extracted item asks, so both would make one card twice:
    a quote containing or contained in the other (same document), the same date in the
    same document, the same term, the same person."""
    if mine.type != theirs.type:
        return False
    same_document = mine.source.document == theirs.source.document
    if mine.type == "quote":
        if not same_document:
            return False
        a, b = _normal(mine.quote).rstrip(" ."), _normal(theirs.quote).rstrip(" .")
        return bool(a and b) and (a in b or b in a)
    if mine.type == "date":
        return same_document and mine.date == theirs.date
    if mine.type == "term":
        return _normal(mine.term) == _normal(theirs.term)
    if mine.type == "person":
        return mine.person == theirs.person
    return False


def merge(bank: Bank, extracted: list[Item]) -> tuple[list[Item], list[Problem]]:
    """The deck's items: the bank's, then the extracted ones it does not replace or exclude.

    A bank item replaces the extracted item with the same id, and any extracted
    item asking the same thing (see `covers`), so a teacher's version of a
    question never appears next to the rules' version. `override: true`
    says the item is meant to replace one, so it is a problem if none has that id
    (the rule was changed or switched off). An `exclude` naming no item at all is
    a problem too: a stale exclusion would silently stop doing anything.
    """
    problems: list[Problem] = []
    extracted_ids = {item.id for item in extracted}
    for item_id, where in bank.overrides.items():
        if item_id not in extracted_ids:
            problems.append(Problem("'override: true' but no extracted item has this id "
                                    "(remove 'override' to keep it as a new item)", where, item_id))
    bank_ids = {item.id for item in bank.items}
    excluded = set(bank.info.exclude)
    known = extracted_ids | bank_ids
    for item_id in bank.info.exclude:
        if item_id not in known:
            where = bank.exclude_locations.get(item_id, Location(bank.info.path, 1, 1))
            problems.append(Problem(f"exclude: no item has the id '{item_id}'"
                                    f"{did_you_mean(item_id, sorted(known))}", where))
    items = [item for item in bank.items if item.id not in excluded]
    items += [
        item for item in extracted
        if item.id not in bank_ids and item.id not in excluded
        and not any(covers(mine, item) for mine in bank.items)
    ]
    return items, problems


# --- items -> YAML, for `quizgen extract` ---------------------------------------------


def item_to_record(item: Item) -> dict[str, Any]:
    """An item as a bank entry: only the keys the bank needs to rebuild it."""
    record: dict[str, Any] = {"id": item.id, "type": item.type}
    if item.type == "quote":
        record.update(quote=item.quote, speaker=item.speaker)
    elif item.type == "date":
        record.update(answer=item.date, event=item.event)
    elif item.type == "term":
        record.update(term=item.term, definition=item.definition)
        if item.gloss:
            record["gloss"] = True
    elif item.type == "person":
        record.update(person=item.person, answer=item.answer)
    else:
        record.update(prompt=item.prompt, answer=item.answer)
    if item.type != "question" and item.prompt != default_prompt(item.type, record):
        record["prompt"] = item.prompt
    record["source"] = item.source.document
    if item.source.paragraph is not None:
        record["paragraph"] = item.source.paragraph
    for name in ("context", "difficulty"):
        if getattr(item, name):
            record[name] = getattr(item, name)
    if item.distractors:
        record["distractors"] = list(item.distractors)
    if item.tags:
        record["tags"] = list(item.tags)
    if item.points != 1:
        record["points"] = item.points
    if item.fixed_position:
        record["fixed_position"] = True
    return record


def items_to_yaml(items: list[Item]) -> str:
    """Items as YAML list entries, ready to paste under a bank's `questions:`."""
    if not items:
        return "# no items\n"
    chunks = []
    for item in items:
        comment = f"# from {item.origin}" if item.origin != "bank" else ""
        body = yaml.safe_dump([item_to_record(item)], sort_keys=False, allow_unicode=True, width=100)
        chunks.append((comment + "\n" if comment else "") + body)
    return "\n".join(chunks)


# --- the JSON Schema -----------------------------------------------------------------

_SCHEMA_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": ["string", "number", "boolean"]},
    "slug": {"type": ["string", "integer"], "pattern": SLUG, "minimum": 0},
    "tag": {"type": ["string", "integer"], "pattern": r"^\S+$"},
    "bool": {"type": "boolean"},
    "count": {"type": "integer", "minimum": 1},
    "index": {"type": "integer", "minimum": 0},
    "date": {"type": ["string", "integer"], "pattern": ISO_DATE},
    "mapping": {"type": "object"},
    "list": {"type": "array"},
}


def _field_schema(spec: Field) -> dict[str, Any]:
    if spec.kind == "choice":
        schema: dict[str, Any] = {"enum": list(spec.choices)}
    elif spec.kind.endswith("-list"):
        schema = {"type": "array", "items": _SCHEMA_TYPES[spec.kind.removesuffix("-list")]}
    else:
        schema = dict(_SCHEMA_TYPES[spec.kind])
    return {"description": spec.help, **schema}


def _object(fields: dict[str, Field], required: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _field_schema(spec) for name, spec in fields.items()},
        "required": list(required),
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank, built from the same tables the validator reads."""
    by_type = []
    for item_type in ITEM_TYPES:
        then = _object(item_fields(item_type), ITEM_REQUIRED + TYPE_REQUIRED[item_type])
        if item_type in ONE_OF:
            then["anyOf"] = [{"required": [name]} for name in ONE_OF[item_type]]
        by_type.append({"if": {"properties": {"type": {"const": item_type}}}, "then": then})
    question = {
        "type": "object",
        "required": ["type"],
        "properties": {"type": _field_schema(COMMON_FIELDS["type"])},
        "allOf": by_type,
    }
    top = _object(TOP_FIELDS, TOP_REQUIRED)
    top["properties"]["deck"].update(_object(DECK_FIELDS, DECK_REQUIRED))
    top["properties"]["extract"].update(_object(EXTRACT_FIELDS, ()))
    top["properties"]["questions"]["items"] = question
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "quizgen question bank",
        "description": "A deck of questions checked against primary sources (see docs/bank.md).",
        **top,
    }


def schema_text() -> str:
    """The schema file's exact contents (a test keeps the shipped file equal to it)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m quizgen.bank > quizgen/schema/bank.schema.json
    print(schema_text(), end="")
