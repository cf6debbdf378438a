"""The bank format: loading, merging with extracted items, YAML output, and the JSON Schema."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizgen.bank import (
    SCHEMA_PATH,
    TYPE_FIELDS,
    Bank,
    items_to_yaml,
    json_schema,
    load_bank,
    merge,
    schema_text,
)
from quizgen.build import Sources
from quizgen.models import DeckInfo, Item, Location, Provenance

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "decks" / "soviet-withdrawal-afghanistan.yaml"
NAJIBULLAH = "1988-06-13_gorbachev-najibullah-conversation"
ENCYCLOPEDIA = "encyclopedia_soviet-withdrawal-from-afghanistan"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_item_type_becomes_an_item(tmp_path: Path, sources: Sources) -> None:
    path = write(tmp_path, f"""\
deck: {{id: example, title: Example, description: Five items}}
extract: {{quotes: true, dates: false}}
exclude: [some-rule-item]
questions:
  - id: doomed
    type: quote
    quote: That is why it can be said that the Conference is "doomed" to success.
    speaker: M. S. Gorbachev
    source: {NAJIBULLAH}
    tags: [perestroika]
    difficulty: hard
    points: 2
  - id: geneva
    type: date
    event: The Geneva Accords are signed
    answer: 1988-04
    source: {ENCYCLOPEDIA}
  - id: pdpa
    type: term
    term: PDPA
    definition: People's Democratic Party of Afghanistan
    source: {ENCYCLOPEDIA}
    paragraph: 2
  - id: gromov
    type: person
    person: General Gromov
    answer: Commander of the 40th Army
    source: {ENCYCLOPEDIA}
  - id: casualties
    type: question
    prompt: How many Soviet soldiers died during the withdrawal?
    answer: 523
    distractors: [15, "2,500"]
    source: {ENCYCLOPEDIA}
    fixed_position: true
""")
    bank = load_bank(path, set(sources.documents), sources.people)
    assert bank.problems == []
    assert bank.info == DeckInfo("example", "Example", "Five items", str(path),
                                 {"quotes": True, "dates": False}, ("some-rule-item",))
    doomed, geneva, pdpa, gromov, casualties = bank.items
    assert doomed.speaker == doomed.answer == "Mikhail Gorbachev"  # the alias resolved
    assert doomed.prompt.startswith("Who said: “That is why")
    assert (doomed.tags, doomed.difficulty, doomed.points, doomed.origin) == (("perestroika",), "hard", 2, "bank")
    assert doomed.location == Location(str(path), 5, 5)
    assert (geneva.date, geneva.answer, geneva.event) == ("1988-04", "April 1988", "The Geneva Accords are signed")
    assert pdpa.source == Provenance(ENCYCLOPEDIA, 2) and pdpa.answer == pdpa.definition
    assert (gromov.person, gromov.prompt) == ("Boris Gromov", "Who was Boris Gromov?")
    assert (casualties.answer, casualties.distractors, casualties.fixed_position) == ("523", ("15", "2,500"), True)


def test_a_bank_is_read_but_never_written(tmp_path: Path, sources: Sources) -> None:
    path = write(tmp_path, "deck: {id: x, title: X}\nquestions:\n  - id: a\n    type: term\n")
    path.chmod(0o444)
    before = path.read_bytes()
    bank = load_bank(path, set(sources.documents))
    assert [str(p) for p in bank.problems] == [
        f"{path}:3:5: item 'a': missing 'definition:'",
        f"{path}:3:5: item 'a': missing 'source:'",
        f"{path}:3:5: item 'a': missing 'term:'",
    ]
    assert path.read_bytes() == before


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffdeck: {id: bom, title: Ünïcode}\n".encode())
    bank = load_bank(path, set())
    assert bank.problems == [] and bank.info.title == "Ünïcode"


def test_numbers_are_words_where_a_word_is_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "deck: {id: 1988, title: T}\nquestions:\n"
                 "  - {id: 42, type: question, prompt: P, answer: A, source: s, tags: [geneva, 1988]}\n"
                 "  - {id: q, type: question, prompt: P, answer: A, source: s, tags: [1.5, yes]}\n")
    bank = load_bank(path, {"s"})
    assert bank.info.id == "1988" and bank.items[0].id == "42" and bank.items[0].tags == ("geneva", "1988")
    assert [str(p) for p in bank.problems] == [
        f"{path}:4:69: item 'q': 'tags': YAML reads 1.5 as a number, not as a word: put quotes around it",
        f"{path}:4:74: item 'q': 'tags': YAML reads yes as true or false, not as a word: put quotes around it",
    ]


def test_nesting_too_deep_for_the_parser_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "deck: {id: x, title: X}\nquestions: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [str(p) for p in load_bank(path, set()).problems] == [
        f"{path}:1:1: the file nests lists or mappings too deeply to read"]


def test_a_missing_deck_and_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, "qestions: []\n")
    messages = [str(p) for p in load_bank(path, set()).problems]
    assert messages == [
        f"{path}:1:1: missing 'deck:' (the deck's id and title)",
        f"{path}:1:1: unknown key 'qestions' in the bank (did you mean 'questions'?)",
    ]


def item(item_id: str, **fields: object) -> Item:
    base: dict = {"type": "quote", "prompt": "?", "answer": "!", "source": Provenance(NAJIBULLAH)}
    base.update(fields)
    return Item(id=item_id, origin=str(base.pop("origin", "rule:quotes")), **base)


def test_merge_overrides_excludes_and_reports_stale_names() -> None:
    info = DeckInfo("d", "D", path="d.yaml", exclude=("rule-b", "gone"))
    mine = item("rule-a", origin="bank", quote="Mine.")
    bank = Bank(info, [mine, item("new", origin="bank", quote="New words here.")],
                exclude_locations={"gone": Location("d.yaml", 3, 12)},
                overrides={"new": Location("d.yaml", 9, 5)})
    extracted = [item("rule-a", quote="Theirs."), item("rule-b", quote="B."), item("rule-c", quote="C.")]
    items, problems = merge(bank, extracted)
    assert [(i.id, i.origin) for i in items] == [("rule-a", "bank"), ("new", "bank"), ("rule-c", "rule:quotes")]
    assert [str(p) for p in problems] == [
        ("d.yaml:9:5: item 'new': 'override: true' but no extracted item has this id "
        "(remove 'override' to keep it as a new item)"),
        "d.yaml:3:12: exclude: no item has the id 'gone'",
    ]


def test_a_bank_item_replaces_extracted_items_asking_the_same() -> None:
    mine = item("short", origin="bank", quote="the troops will be withdrawn")
    longer = item("rule-long", quote="But however we help you, no matter how much we support you, "
                                     "the troops will be withdrawn.")
    elsewhere = item("rule-other", quote="the troops will be withdrawn",
                     source=Provenance(ENCYCLOPEDIA))
    items, problems = merge(Bank(DeckInfo("d", "D"), [mine]), [longer, elsewhere])
    assert [i.id for i in items] == ["short", "rule-other"] and problems == []


def test_items_to_yaml_round_trips_through_the_bank(tmp_path: Path, sources: Sources) -> None:
    bank = load_bank(BUNDLED, set(sources.documents), sources.people)
    extracted = [i.__class__(**{**i.__dict__, "origin": "rule:x", "location": None}) for i in bank.items]
    text = items_to_yaml(extracted)
    assert "# from rule:x" in text
    indented = "\n".join("  " + line if line else line for line in text.splitlines())
    again = load_bank(write(tmp_path, "deck: {id: t, title: T}\nquestions:\n" + indented + "\n"),
                      set(sources.documents), sources.people)
    assert again.problems == []
    strip = lambda i: (i.id, i.type, i.prompt, i.answer, i.quote, i.speaker, i.date, i.event,
                       i.term, i.definition, i.person, i.tags, i.difficulty, i.points, i.gloss,
                       i.distractors, i.source)
    assert [strip(i) for i in again.items] == [strip(i) for i in bank.items]


# --- the JSON Schema ---------------------------------------------------------------


class _Yaml12Loader(yaml.SafeLoader):
    """Reads dates as strings, as YAML 1.2 and editors' language servers do."""


_Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def test_the_shipped_schema_is_generated_from_the_validator_tables() -> None:
    # Regenerate with: python -m quizgen.bank > quizgen/schema/bank.schema.json
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    schema = json.loads(schema_text())
    jsonschema.Draft7Validator.check_schema(schema)
    branches = schema["properties"]["questions"]["items"]["allOf"]
    for branch in branches:
        kind = branch["if"]["properties"]["type"]["const"]
        assert set(TYPE_FIELDS[kind]) <= set(branch["then"]["properties"])


def test_the_schema_accepts_the_bundled_deck() -> None:
    data = yaml.load(BUNDLED.read_text(encoding="utf-8"), Loader=_Yaml12Loader)
    jsonschema.validate(data, json_schema())


@pytest.mark.parametrize("broken, complaint", [
    ({"deck": {"id": "x", "title": "X"}, "questions": [{"id": "a", "type": "date", "anwser": "1988",
                                                       "event": "e", "source": "s"}]}, "anwser"),
    ({"deck": {"id": "Not A Slug", "title": "X"}}, "Not A Slug"),
    ({"deck": {"id": "x", "title": "X"}, "questions": [{"id": "a", "type": "term", "term": "t",
                                                       "source": "s"}]}, "definition"),
])
def test_the_schema_rejects_what_the_validator_rejects(broken: dict, complaint: str) -> None:
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.validate(broken, json_schema())


def test_the_schema_accepts_numbers_as_words_like_the_validator() -> None:
    jsonschema.validate({"deck": {"id": 1988, "title": "T"}, "questions": [
        {"id": 42, "type": "question", "prompt": "P", "answer": "A", "source": "s", "tags": ["geneva", 1988]}
    ]}, json_schema())


def test_bundled_deck_meets_the_counts_from_its_own_items(sources: Sources) -> None:
    bank = load_bank(BUNDLED, set(sources.documents), sources.people)
    assert bank.problems == []
    assert bank.info.id == "soviet-withdrawal-afghanistan"
    assert bank.info.title == "The Soviet Withdrawal from Afghanistan, 1979–1989"
    assert "Wilson Center Digital Archive" in bank.info.description
    assert "CC BY-SA 4.0" in bank.info.description
    types = Counter(i.type for i in bank.items)
    assert len(bank.items) >= 80
    assert types["quote"] >= 30 and types["date"] >= 20 and types["term"] >= 20 and types["person"] >= 10
    assert len({i.speaker for i in bank.items if i.type == "quote"}) >= 7
    assert {i.source.document for i in bank.items} == set(sources.documents)


# --- the documentation agrees with the format ------------------------------------------

DOCS = REPO / "docs" / "bank.md"


def docs_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("## A complete example")
    return text[text.index("```yaml\n", start) + 8: text.index("```\n", text.index("```yaml\n", start) + 8)]


def test_the_documented_example_is_a_valid_bank(tmp_path: Path, sources: Sources) -> None:
    example = docs_example()
    bank = load_bank(write(tmp_path, example), set(sources.documents), sources.people)
    assert bank.problems == []
    assert {item.type for item in bank.items} == set(TYPE_FIELDS)
    jsonschema.validate(yaml.load(example, Loader=_Yaml12Loader), json_schema())
    from quizgen.verify import verify_items
    assert verify_items(bank.items, sources.documents, sources.people) == []


def test_the_documentation_names_every_key() -> None:
    from quizgen.bank import COMMON_FIELDS, DECK_FIELDS, TOP_FIELDS

    text = DOCS.read_text(encoding="utf-8")
    keys = {*TOP_FIELDS, *(f"deck.{k}" for k in DECK_FIELDS), *COMMON_FIELDS,
            *(k for fields in TYPE_FIELDS.values() for k in fields)}
    assert [key for key in sorted(keys) if f"`{key}`" not in text] == []
