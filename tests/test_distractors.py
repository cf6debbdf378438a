"""Distractors: same kind, deterministic for a seed, never a correct answer, alias or repeat."""

from __future__ import annotations

import pytest

from quizgen.distractors import COUNT, add_distractors
from quizgen.extract import extract_corpus
from quizgen.models import Item, Provenance


@pytest.fixture(scope="module")
def items(sources):
    return extract_corpus(sources.documents, sources.people)


@pytest.fixture(scope="module")
def chosen(items, sources):
    return add_distractors(items, sources.documents, sources.people, seed="class-a")


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def test_every_item_gets_distinct_wrong_options(chosen, sources) -> None:
    for item in chosen:
        assert len(item.distractors) == COUNT, item.id
        normals = [_normal(option) for option in item.distractors]
        assert len(set(normals)) == COUNT, item.id
        assert _normal(item.answer) not in normals, item.id
        answer = sources.people.resolve(item.answer)
        for option in item.distractors:
            if answer is not None:
                assert sources.people.resolve(option) is not answer, (item.id, option)


def test_deterministic_for_a_seed_and_different_for_another(items, chosen, sources) -> None:
    again = add_distractors(items, sources.documents, sources.people, seed="class-a")
    assert [item.distractors for item in again] == [item.distractors for item in chosen]
    other = add_distractors(items, sources.documents, sources.people, seed="class-b")
    assert [item.distractors for item in other] != [item.distractors for item in chosen]


def test_options_do_not_depend_on_the_order_of_the_items(items, chosen, sources) -> None:
    backwards = add_distractors(items[::-1], sources.documents, sources.people, seed="class-a")
    assert [item.distractors for item in backwards[::-1]] == [item.distractors for item in chosen]


def test_same_kind(chosen, sources) -> None:
    names = set(sources.people.names())
    for item in chosen:
        if item.type in ("quote", "person"):
            assert set(item.distractors) <= names
        if item.type == "date":
            lengths = {len(option.split()) for option in item.distractors}
            assert lengths == {len(item.answer.split())}, item.id  # same precision


def test_other_holders_of_the_role_are_not_distractors(chosen, sources) -> None:
    item = next(i for i in chosen if i.prompt == "Who was Minister of Foreign Affairs of the USSR in March 1985?")
    assert item.answer == "Andrei Gromyko"
    assert "Eduard Shevardnadze" not in item.distractors  # minister from 1985: also right
    for seed in range(10):
        [general] = add_distractors(
            [_person("Who was General Secretary of the Central Committee of the CPSU in 1985?",
                     "Mikhail Gorbachev", "Mikhail Gorbachev")],
            sources.documents, sources.people, seed=str(seed),
        )
        assert "Konstantin Chernenko" not in general.distractors  # until March 1985: also right


def _person(prompt: str, answer: str, person: str) -> Item:
    return Item(
        id="p", type="person", prompt=prompt, answer=answer, person=person,
        source=Provenance("1988-06-13_gorbachev-najibullah-conversation"),
    )


def test_a_person_is_never_a_wrong_option_about_themselves(sources) -> None:
    for seed in range(20):
        [item] = add_distractors(
            [_person("Who was Najibullah?", "President of Afghanistan", "Najibullah")],
            sources.documents, sources.people, seed=str(seed),
        )
        assert "Najibullah" not in item.distractors


def test_a_body_is_not_confused_with_its_own_officials(chosen, sources) -> None:
    # The 1979 cable went out in the CC CPSU's name; Soviet officials such as the
    # Foreign Minister may have drafted it, so naming one would also be right.
    cable = [item for item in chosen if item.type == "quote" and item.speaker == "CC CPSU"]
    assert cable
    for item in cable:
        for option in item.distractors:
            assert sources.people.resolve(option).nationality != "Soviet", (item.id, option)


def test_both_ends_of_a_range_are_not_wrong_answers(chosen) -> None:
    start = next(i for i in chosen if i.date == "1988-05-15" and "between" not in i.event
                 and i.event.startswith("Pursuant"))
    assert "15 February 1989" not in start.distractors


def test_aliases_are_never_options(sources) -> None:
    item = Item(
        id="q", type="question", prompt="Who led the withdrawal?", answer="Gromov",
        source=Provenance("encyclopedia_soviet-withdrawal-from-afghanistan"),
    )
    [done] = add_distractors([item], sources.documents, sources.people, seed="s")
    assert done.distractors and "Boris Gromov" not in done.distractors
    assert "General Gromov" not in done.distractors


def test_given_distractors_are_kept(sources) -> None:
    item = Item(
        id="q", type="question", prompt="?", answer="1988", distractors=("1987",),
        source=Provenance("encyclopedia_soviet-withdrawal-from-afghanistan"),
    )
    assert add_distractors([item], sources.documents, sources.people, seed="s")[0].distractors == ("1987",)


def test_acronyms_get_expansions_not_definitions(sources) -> None:
    def term(term: str, definition: str, tags: tuple[str, ...] = ()) -> Item:
        return Item(id=f"t-{term}", type="term", prompt=f"What does {term} stand for?",
                    answer=definition, term=term, definition=definition, tags=tags,
                    source=Provenance("1985-03-14_gorbachev-karmal-conversation"))

    items = [
        term("DRA", "Democratic Republic of Afghanistan"),  # no acronym tag: a bank item
        term("PDPA", "People's Democratic Party of Afghanistan"),
        term("CPSU", "Communist Party of the Soviet Union"),
        term("NDPA", "National Democratic Party of Afghanistan"),
        term("perestroika", "the restructuring of Soviet political and economic life"),
        term("Durand Line", "the border between Afghanistan and Pakistan"),
        term("kalym", "the compensation paid for a bride"),
    ]
    dra = next(i for i in add_distractors(items, sources.documents, sources.people, "s") if i.term == "DRA")
    assert set(dra.distractors) <= {item.answer for item in items[1:4]}
