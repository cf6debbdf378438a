"""The Anki package writer, checked with Anki's own backend (the `anki` package).

A student imports the deck, studies, and later re-imports a rebuilt deck: their
notes must update in place, never duplicate, and keep their review history.
Every check here imports into a fresh collection the way Anki's import dialog
does (default options: update notes and note types when newer).
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note
from click.testing import CliRunner

from quizgen.build import LoadedDeck, Sources, load_deck
from quizgen.cli import main
from quizgen.errors import QuizgenError
from quizgen.models import DeckInfo, Item, Provenance
from quizgen.project import Project
from quizgen.render.anki import ZIP_DATE, cloze_words, write_apkg

NAJIBULLAH = "1988-06-13_gorbachev-najibullah-conversation"
KARMAL = "1985-03-14_gorbachev-karmal-conversation"
REAGAN = "1987-12-09_gorbachev-reagan-on-afghanistan"
ARTICLE = "encyclopedia_soviet-withdrawal-from-afghanistan"

T1 = 1_700_000_000  # first build
T2 = T1 + 3600  # rebuild after the teacher's edit: newer inputs, later timestamp

INFO = DeckInfo(
    id="test-soviet-withdrawal",
    title="Soviet Withdrawal (test)",
    description="A deck for the tests & nothing <else>.",
)
NAMESPACE = f"quizgen:{INFO.id}"
NASTY = "Is 1 < 2 & \"quoted\" 'text' <script>alert('x')</script> safe?"

# What each note type is called in Anki, and the cards one note of it makes.
MODEL_NAMES = {
    "who-said-it": "quizgen: Who said it",
    "when": "quizgen: When",
    "key-term": "quizgen: Key term",
    "person": "quizgen: Person and role",
    "cloze": "quizgen: Quote cloze",
    "question": "quizgen: Question",
}
SUBDECKS = {
    "who-said-it": "Who said it",
    "when": "When",
    "key-term": "Key terms",
    "person": "People",
    "cloze": "Cloze",
    "question": "Questions",
}


def make_items() -> list[Item]:
    """One or more items of every type, citing real places in the seed documents."""
    return [
        Item(
            id="advertisement-for-perestroika",
            type="quote",
            prompt="Who said it?",
            answer="Mikhail Gorbachev",
            source=Provenance(NAJIBULLAH, 24),
            quote=(
                "American editors have been giving this advertisement for my book about "
                'perestroika: "Reagan read this book from cover to cover."'
            ),
            speaker="Mikhail Gorbachev",
            context="Gorbachev and Najibullah on American opinion before the Party Conference.",
            tags=("perestroika", "United States"),
        ),
        Item(
            id="shamir-talked-about-this",
            type="quote",
            prompt="Who said it?",
            answer="Eduard Shevardnadze",
            source=Provenance(NAJIBULLAH, 22),
            quote="Israeli Prime Minister [Yitzhak] Shamir, too, talked about this.",
            speaker="Eduard Shevardnadze",
        ),
        Item(
            id="geneva-accords-signed",
            type="date",
            prompt="When were the Geneva Accords signed?",
            answer="1988-04-14",
            source=Provenance(ARTICLE, 1),
            date="1988-04-14",
            event="The Geneva Accords are signed",
            tags=("geneva",),
        ),
        Item(
            id="pdpa",
            type="term",
            prompt="PDPA",
            answer="People's Democratic Party of Afghanistan",
            source=Provenance(ARTICLE, 5),
            term="PDPA",
            definition="People's Democratic Party of Afghanistan",
            gloss=True,
            tags=("party",),
        ),
        Item(
            id="karmal-role-1985",
            type="person",
            prompt="Babrak Karmal, March 1985",
            answer="General Secretary of the PDPA",
            source=Provenance(KARMAL, 13),
            person="Babrak Karmal",
            date="1985-03-14",
        ),
        Item(
            id="reagan-summit",
            type="question",
            prompt="At which summit did Reagan and Gorbachev discuss Afghanistan in December 1987?",
            answer="The Washington summit",
            source=Provenance(REAGAN, 12),
            tags=("summit",),
        ),
        Item(
            id="escaping",
            type="question",
            prompt=NASTY,
            answer="Yes: <b>bold</b> & {{c1::braces}} stay text",
            source=Provenance(NAJIBULLAH, 12),
        ),
    ]


def edited_items() -> list[Item]:
    """The teacher's edit: reword one question, change one tag, add one item, remove one."""
    items = {item.id: item for item in make_items()}
    items["reagan-summit"] = replace(
        items["reagan-summit"],
        prompt="Where did Reagan and Gorbachev meet in December 1987, and talk about Afghanistan?",
    )
    items["pdpa"] = replace(items["pdpa"], tags=("political-party",))
    del items["karmal-role-1985"]
    items["withdrawal-complete"] = Item(
        id="withdrawal-complete",
        type="date",
        prompt="When did the last Soviet troops leave Afghanistan?",
        answer="1989-02-15",
        source=Provenance(ARTICLE, 1),
        date="1989-02-15",
        event="The Soviet withdrawal is complete",
    )
    return list(items.values())


# Notes and cards the fixture items must become, by note type. The long quote
# has two cloze deletions, the short one one; a key term has two cards.
EXPECTED_NOTES = {
    "who-said-it": 2,
    "cloze": 2,
    "when": 1,
    "key-term": 1,
    "person": 1,
    "question": 2,
}
EXPECTED_CARDS = {
    "who-said-it": 2,
    "cloze": 3,
    "when": 1,
    "key-term": 2,
    "person": 1,
    "question": 2,
}


@pytest.fixture(scope="module")
def packages(
    tmp_path_factory: pytest.TempPathFactory, sources: Sources, project: Project
) -> dict[str, Path]:
    """The packages every test shares: v1, v1 built again elsewhere, the edited v2."""
    folder = tmp_path_factory.mktemp("apkg")
    dirs = project.template_dirs
    return {
        "v1": write_apkg(INFO, make_items(), sources, folder / "v1" / "deck.apkg", T1, dirs),
        "v1-again": write_apkg(
            INFO, list(reversed(make_items())), sources, folder / "again" / "deck.apkg", T1, dirs
        ),
        "v2": write_apkg(INFO, edited_items(), sources, folder / "v2" / "deck.apkg", T2, dirs),
    }


@pytest.fixture
def col(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty Anki collection."""
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def import_package(col: Collection, path: Path):  # type: ignore[no-untyped-def]
    """Import like Anki's import dialog with its default options; return the log."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def visible_text(rendered: str) -> str:
    """What a student sees of a rendered side: no style block, no tags."""
    without_style = re.sub(r"<style>.*?</style>", "", rendered, flags=re.DOTALL)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", without_style).split()))


def note_by_item(col: Collection, item_id: str, cloze: bool = False) -> Note:
    guid = (
        genanki.guid_for(NAMESPACE, item_id, "cloze")
        if cloze
        else genanki.guid_for(NAMESPACE, item_id)
    )
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        if note.guid == guid:
            return note
    raise AssertionError(f"no note for item {item_id} (guid {guid})")


def counts_by_type(col: Collection) -> tuple[dict[str, int], dict[str, int]]:
    key_of = {name: key for key, name in MODEL_NAMES.items()}
    notes: dict[str, int] = {}
    cards: dict[str, int] = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        key = key_of[note.note_type()["name"]]
        notes[key] = notes.get(key, 0) + 1
        cards[key] = cards.get(key, 0) + len(note.card_ids())
    return notes, cards


# --- a first import --------------------------------------------------------------


def test_first_import_makes_the_expected_notes_and_cards(
    col: Collection, packages: dict[str, Path]
) -> None:
    log = import_package(col, packages["v1"])
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (
        9,
        0,
        0,
        0,
    )
    assert counts_by_type(col) == (EXPECTED_NOTES, EXPECTED_CARDS)
    for item in make_items():
        note = note_by_item(col, item.id)
        assert note["Item"] == item.id
        if item.type == "quote":
            assert (
                note_by_item(col, item.id, cloze=True).note_type()["name"] == MODEL_NAMES["cloze"]
            )


def test_cards_go_to_subdecks_by_type(col: Collection, packages: dict[str, Path]) -> None:
    import_package(col, packages["v1"])
    key_of = {name: key for key, name in MODEL_NAMES.items()}
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        key = key_of[card.note_type()["name"]]
        assert col.decks.name(card.did) == f"{INFO.title}::{SUBDECKS[key]}"
    parent = col.decks.by_name(INFO.title)
    assert parent is not None
    assert "Anki never deletes notes on import" in parent["desc"]
    assert "nothing &lt;else&gt;" in parent["desc"]
    assert "CC BY-SA 4.0" in parent["desc"]  # the article's licence is credited


def test_every_card_renders_both_sides_with_its_citation(
    col: Collection, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v1"])
    card_ids = col.find_cards("")
    assert len(card_ids) == sum(EXPECTED_CARDS.values())
    for card_id in card_ids:
        card = col.get_card(card_id)
        question, answer = card.question(), card.answer()
        for side in (question, answer):
            assert visible_text(side), f"empty side on {card.note_type()['name']}"
            assert "{{" not in side and "}}" not in side
            assert "unknown field" not in side.casefold()
        assert "Source" in visible_text(answer)
        document = col.get_note(card.nid)["Document"]
        assert document and document in answer
        assert "Licence:" in answer
        if "encyclopedia" in col.get_note(card.nid)["Source"]:
            assert "CC BY-SA 4.0" in answer and "Wikipedia" in answer
        assert ".nightMode" in question and "@media (max-width" in question


def test_sides_show_what_the_note_type_promises(col: Collection, packages: dict[str, Path]) -> None:
    import_package(col, packages["v1"])

    def sides(item_id: str, cloze: bool = False) -> list[tuple[str, str]]:
        note = note_by_item(col, item_id, cloze)
        return [(visible_text(c.question()), visible_text(c.answer())) for c in note.cards()]

    [(front, back)] = sides("advertisement-for-perestroika")
    assert "advertisement for my book" in front and "Gorbachev" not in front
    assert "Mikhail Gorbachev" in back and "13 June 1988" in back
    assert "General Secretary" in back  # his role at the time
    assert "Record of a Conversation" in back and "American opinion" in back
    cloze_sides = sides("advertisement-for-perestroika", cloze=True)
    assert [front.count("[...]") for front, _ in cloze_sides] == [1, 1]
    assert all("[...]" not in back for _, back in cloze_sides)
    [(front, back)] = sides("geneva-accords-signed")
    assert "When were the Geneva Accords signed?" in front and "14 April 1988" in back
    assert "14 April 1988" not in front
    (term_front, term_back), (definition_front, definition_back) = sides("pdpa")
    assert "PDPA" in term_front and "People's Democratic Party" not in term_front
    assert "People's Democratic Party of Afghanistan" in term_back
    assert (
        "People's Democratic Party of Afghanistan" in definition_front
        and "PDPA" not in definition_front
    )
    assert "PDPA" in definition_back
    assert "the teacher's wording, not the source's" in term_back
    [(front, back)] = sides("karmal-role-1985")
    assert "Babrak Karmal" in front and "General Secretary of the PDPA" in back


def test_text_from_the_bank_renders_as_text(col: Collection, packages: dict[str, Path]) -> None:
    import_package(col, packages["v1"])
    [card] = note_by_item(col, "escaping").cards()
    question, answer = card.question(), card.answer()
    assert "<script" not in question.casefold() and "<script" not in answer.casefold()
    assert "&lt;script&gt;alert(" in question
    assert "1 &lt; 2 &amp; &quot;quoted&quot; &#x27;text&#x27;" in question
    assert "&lt;b&gt;bold&lt;/b&gt;" in answer and "<b>" not in answer
    assert "&#123;&#123;c1::braces&#125;&#125;" in answer


# --- re-importing -----------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(
    col: Collection, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v1"])
    before = {nid: (col.get_note(nid).fields, col.get_note(nid).mod) for nid in col.find_notes("")}
    cards_before = sorted(col.find_cards(""))
    log = import_package(col, packages["v1"])
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 0)
    after = {nid: (col.get_note(nid).fields, col.get_note(nid).mod) for nid in col.find_notes("")}
    assert after == before
    assert sorted(col.find_cards("")) == cards_before


def test_reimport_after_an_edit_updates_in_place_and_keeps_reviews(
    col: Collection, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v1"])
    reworded = note_by_item(col, "reagan-summit")
    retagged = note_by_item(col, "pdpa")
    removed = note_by_item(col, "karmal-role-1985")
    note_count = len(col.find_notes(""))
    unedited = {
        note_id: col.get_note(note_id).fields
        for note_id in col.find_notes("")
        if note_id not in (reworded.id, retagged.id)
    }

    # The student studies: answer one card through the scheduler, and give
    # another a mature review state by hand.
    [studied] = reworded.cards()
    studied.start_timer()
    col.sched.answerCard(studied, 3)
    studied.load()
    matured = retagged.cards()[0]
    matured.type, matured.queue, matured.ivl, matured.due = 2, 2, 30, col.sched.today + 12
    matured.factor, matured.reps = 2650, 7
    col.update_card(matured)
    studied_state = _review_state(col, studied.id)
    matured_state = _review_state(col, matured.id)
    reviews = col.db.scalar("select count() from revlog where cid = ?", studied.id)
    assert reviews == 1 and studied_state[0] != 0  # really studied

    log = import_package(col, packages["v2"])

    assert [n.fields[-1] for n in log.new] == ["withdrawal-complete"]
    # Every note of the newer build is newer, so Anki counts each one it already
    # had as updated; only the edited ones change.
    carried = [n["Item"] for n in map(col.get_note, col.find_notes("")) if n.id != removed.id]
    carried.remove("withdrawal-complete")
    assert sorted(n.fields[-1] for n in log.updated) == sorted(carried)
    assert len(log.conflicting) == 0 and len(log.missing_notetype) == 0
    assert len(col.find_notes("")) == note_count + 1  # nothing duplicated, nothing deleted

    after = col.get_note(reworded.id)  # same note id: updated in place
    assert after.guid == reworded.guid
    assert after["Question"].startswith("Where did Reagan and Gorbachev meet")
    assert "political-party" in col.get_note(retagged.id).tags
    assert "party" not in col.get_note(retagged.id).tags
    assert _review_state(col, studied.id) == studied_state
    assert _review_state(col, matured.id) == matured_state
    assert col.db.scalar("select count() from revlog where cid = ?", studied.id) == 1
    for note_id, fields in unedited.items():
        assert col.get_note(note_id).fields == fields
    # A removed question stays in the student's collection, untouched.
    kept = col.get_note(removed.id)
    assert kept["Item"] == "karmal-role-1985" and kept.fields == removed.fields


def _review_state(col: Collection, card_id: int) -> tuple[int, int, int, int, int, int]:
    card = col.get_card(card_id)
    return (card.type, card.queue, card.ivl, card.due, card.factor, card.reps)


def test_reimporting_an_older_build_does_not_undo_an_edit(
    col: Collection, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v2"])
    log = import_package(col, packages["v1"])
    assert len(log.updated) == 0 and len(log.conflicting) == 0
    assert note_by_item(col, "reagan-summit")["Question"].startswith("Where did")


# --- identity and reproducibility ----------------------------------------------------


def test_same_inputs_give_identical_bytes_and_an_edit_does_not(packages: dict[str, Path]) -> None:
    v1 = packages["v1"].read_bytes()
    assert packages["v1-again"].read_bytes() == v1  # other folder, items in other order
    assert packages["v2"].read_bytes() != v1


def test_a_later_timestamp_changes_the_bytes(
    tmp_path: Path, sources: Sources, project: Project, packages: dict[str, Path]
) -> None:
    later = write_apkg(
        INFO, make_items(), sources, tmp_path / "later.apkg", T1 + 1, project.template_dirs
    )
    assert later.read_bytes() != packages["v1"].read_bytes()


def test_package_carries_the_build_timestamp_and_fixed_zip_entries(
    tmp_path: Path, packages: dict[str, Path]
) -> None:
    with zipfile.ZipFile(packages["v1"]) as archive:
        assert [entry.filename for entry in archive.infolist()] == ["collection.anki2", "media"]
        assert all(entry.date_time == ZIP_DATE for entry in archive.infolist())
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
        assert json.loads(archive.read("media")) == {}
    db = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        assert {row[0] for row in db.execute("select mod from notes")} == {T1}
        assert {row[0] for row in db.execute("select mod from cards")} == {T1}
        models = json.loads(db.execute("select models from col").fetchone()[0])
        assert {model["mod"] for model in models.values()} == {T1}
        guids = {row[0] for row in db.execute("select guid from notes")}
    finally:
        db.close()
    expected = {genanki.guid_for(NAMESPACE, item.id) for item in make_items()}
    expected |= {
        genanki.guid_for(NAMESPACE, item.id, "cloze")
        for item in make_items()
        if item.type == "quote"
    }
    assert guids == expected


def test_note_type_ids_never_change(packages: dict[str, Path], tmp_path: Path) -> None:
    # These ids live in every student's collection: changing one orphans their notes.
    with zipfile.ZipFile(packages["v1"]) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(tmp_path / "c.anki2")
    try:
        models = json.loads(db.execute("select models from col").fetchone()[0])
    finally:
        db.close()
    assert {model["name"]: int(model["id"]) for model in models.values()} == {
        "quizgen: Who said it": 1851758732,
        "quizgen: When": 1424222962,
        "quizgen: Key term": 1232915632,
        "quizgen: Person and role": 1074366563,
        "quizgen: Quote cloze": 1289382385,
        "quizgen: Question": 1917331698,
    }


def test_tags_have_no_spaces_and_name_type_document_person(
    col: Collection, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v1"])
    tags = note_by_item(col, "advertisement-for-perestroika").tags
    assert all(" " not in tag for tag in tags)
    assert {
        "quizgen::type::quote",
        f"quizgen::doc::{NAJIBULLAH}",
        "quizgen::person::Mikhail_Gorbachev",
        "perestroika",
        "United_States",
    } <= set(tags)


def test_cloze_words_are_long_content_words_chosen_deterministically() -> None:
    quote = make_items()[0].quote
    assert [quote[start:end] for start, end in cloze_words(quote)] == [
        "advertisement",
        "perestroika",
    ]
    short = "It was doomed to success."
    assert [short[start:end] for start, end in cloze_words(short)] == ["success"]
    assert cloze_words("Yes, it is.") == []


# --- templates ----------------------------------------------------------------------


def test_a_projects_own_template_overrides_the_default(
    tmp_path: Path, col: Collection, sources: Sources, project: Project
) -> None:
    own = tmp_path / "templates"
    (own / "anki").mkdir(parents=True)
    (own / "anki" / "question.front.html").write_text(
        '<div class="mine">Think first: {{Question}}</div>', encoding="utf-8"
    )
    path = write_apkg(
        INFO, make_items(), sources, tmp_path / "own.apkg", T1, [own, *project.template_dirs]
    )
    import_package(col, path)
    [card] = note_by_item(col, "reagan-summit").cards()
    assert "Think first: At which summit" in visible_text(card.question())


def test_a_template_naming_an_unknown_field_is_a_clear_error(
    tmp_path: Path, sources: Sources, project: Project
) -> None:
    own = tmp_path / "templates"
    (own / "anki").mkdir(parents=True)
    (own / "anki" / "when.front.html").write_text("{{Prompt}} {{Year}}", encoding="utf-8")
    out = tmp_path / "out" / "deck.apkg"
    with pytest.raises(QuizgenError, match=r"anki/when.front.html: unknown field \{\{Year\}\}"):
        write_apkg(INFO, make_items(), sources, out, T1, [own, *project.template_dirs])
    assert not out.parent.exists() or not any(out.parent.iterdir())  # nothing half-written


# --- the bundled deck, through the real pipeline ---------------------------------------

BUNDLED = Path(__file__).resolve().parent.parent / "decks" / "soviet-withdrawal-afghanistan.yaml"
MODEL_OF_TYPE = {
    "quote": "who-said-it",
    "date": "when",
    "term": "key-term",
    "person": "person",
    "question": "question",
}


@pytest.fixture(scope="module")
def bundled(project: Project, sources: Sources) -> LoadedDeck:
    """The bundled deck after rules, bank and verification: it must have no problem."""
    assert BUNDLED.is_file(), f"{BUNDLED} is missing: the bundled deck is needed for this test"
    deck = load_deck(project, BUNDLED, sources)
    assert not deck.problems, "\n".join(str(problem) for problem in deck.problems)
    return deck


def build_with_cli(project: Project, out: Path) -> Path:
    args = ["build", "--project", str(project.root), "--format", "apkg", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [path] = out.glob("*.apkg")
    return path


def test_the_bundled_deck_builds_and_imports(
    tmp_path: Path, col: Collection, project: Project, bundled: LoadedDeck
) -> None:
    path = build_with_cli(project, tmp_path / "out")
    assert path.name == f"{bundled.info.id}.apkg"
    assert build_with_cli(project, tmp_path / "again").read_bytes() == path.read_bytes()
    log = import_package(col, path)
    assert len(log.conflicting) == 0 and len(log.duplicate) == 0
    quotes = [item for item in bundled.items if item.type == "quote"]
    cloze_notes = col.find_notes(f'"note:{MODEL_NAMES["cloze"]}"')
    assert len(log.new) == len(bundled.items) + len(cloze_notes)
    assert 0 < len(cloze_notes) <= len(quotes)
    namespace = f"quizgen:{bundled.info.id}"
    by_guid = {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}
    for item in bundled.items:
        note = by_guid[genanki.guid_for(namespace, item.id)]
        assert note.note_type()["name"] == MODEL_NAMES[MODEL_OF_TYPE[item.type]], item.id
        assert len(note.cards()) == (2 if item.type == "term" else 1), item.id
        assert col.decks.name(note.cards()[0].did).startswith(f"{bundled.info.title}::")
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for side in (card.question(), card.answer()):
            assert visible_text(side) and "{{" not in side, card.note()["Item"]
        assert "Licence:" in card.answer(), card.note()["Item"]
        if card.note_type()["name"] in (MODEL_NAMES["who-said-it"], MODEL_NAMES["cloze"]):
            # A bank quote may name only its document; where its words are tells the student where to read.
            assert re.search(r"paragraph \d+", visible_text(card.answer())), card.note()["Item"]
    again = import_package(col, path)
    assert (len(again.new), len(again.updated)) == (0, 0)  # a second import changes nothing


def test_the_bundled_deck_updates_in_place_after_an_edit(
    tmp_path: Path, col: Collection, project: Project, sources: Sources, bundled: LoadedDeck
) -> None:
    items = list(bundled.items)
    dirs = project.template_dirs
    first = write_apkg(bundled.info, items, sources, tmp_path / "1.apkg", T1, dirs)
    import_package(col, first)
    question = next(i for i, item in enumerate(items) if item.type == "question")
    tagged = next(i for i, item in enumerate(items) if item.type == "date" and i != question)
    edited = list(items)
    edited[question] = replace(items[question], prompt=items[question].prompt + " (reworded)")
    edited[tagged] = replace(items[tagged], tags=(*items[tagged].tags, "edited-tag"))
    edited.append(replace(make_items()[5], id="an-added-question"))
    namespace = f"quizgen:{bundled.info.id}"
    before = col.find_notes("")
    by_guid = {col.get_note(nid).guid: nid for nid in before}
    note_id = by_guid[genanki.guid_for(namespace, items[question].id)]
    [card] = col.get_note(note_id).cards()
    card.type, card.queue, card.ivl, card.due, card.reps = 2, 2, 9, col.sched.today + 4, 3
    col.update_card(card)

    log = import_package(
        col, write_apkg(bundled.info, edited, sources, tmp_path / "2.apkg", T2, dirs)
    )

    assert [note.fields[-1] for note in log.new] == ["an-added-question"]
    assert len(log.conflicting) == 0 and len(log.duplicate) == 0
    assert len(col.find_notes("")) == len(before) + 1
    assert col.get_note(note_id)["Question"].endswith("(reworded)")
    tagged_id = by_guid[genanki.guid_for(namespace, items[tagged].id)]
    assert "edited-tag" in col.get_note(tagged_id).tags
    card.load()
    assert (card.type, card.queue, card.ivl, card.reps) == (2, 2, 9, 3)


def test_a_template_change_reaches_students_on_the_next_import(
    tmp_path: Path, col: Collection, sources: Sources, project: Project, packages: dict[str, Path]
) -> None:
    import_package(col, packages["v1"])
    own = tmp_path / "templates"
    (own / "anki").mkdir(parents=True)
    (own / "anki" / "question.css").write_text(".qz-question { color: teal; }", encoding="utf-8")
    restyled = write_apkg(
        INFO, make_items(), sources, tmp_path / "r.apkg", T2, [own, *project.template_dirs]
    )
    log = import_package(col, restyled)
    assert len(log.new) == 0 and len(log.conflicting) == 0
    [card] = note_by_item(col, "reagan-summit").cards()
    assert "color: teal" in card.question()


def test_a_front_without_a_field_is_a_clear_error(
    tmp_path: Path, sources: Sources, project: Project
) -> None:
    own = tmp_path / "templates"
    (own / "anki").mkdir(parents=True)
    (own / "anki" / "person.front.html").write_text("Who was this?", encoding="utf-8")
    with pytest.raises(
        QuizgenError, match=r"anki/person.front.html: the front of a card must show a field"
    ):
        write_apkg(
            INFO, make_items(), sources, tmp_path / "d.apkg", T1, [own, *project.template_dirs]
        )


def test_an_item_with_nothing_to_ask_is_a_clear_error(
    tmp_path: Path, sources: Sources, project: Project
) -> None:
    empty = replace(make_items()[5], prompt="")
    with pytest.raises(
        QuizgenError, match=r"item 'reagan-summit': nothing to ask: its question is empty"
    ):
        write_apkg(INFO, [empty], sources, tmp_path / "d.apkg", T1, project.template_dirs)
    assert not (tmp_path / "d.apkg").exists()
