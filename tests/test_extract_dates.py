"""Finding dates in prose: precision kept, no false dates."""

from __future__ import annotations

import pytest

from quizgen.extract.dates import find_dates


def _isos(text: str) -> list[str]:
    return [mention.iso for mention in find_dates(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On April 14, 1988 the Geneva Accords were signed", ["1988-04-14"]),
        ("between 15 May 1988 and 15 February 1989", ["1988-05-15", "1989-02-15"]),
        ("Najibullah addressed the UN General Assembly on 7 June 1988.", ["1988-06-07"]),
        ("the aid was cut in February 1989.", ["1989-02"]),
        ("took place in Moscow from 28 June to 1 July 1988.", ["1988-06-28", "1988-07-01"]),
        ("In January 1989, it continued, and on January 23 Operation Typhoon began.", ["1989-01", "1989-01-23"]),
        ("A classic example was the conclusion of the [1918] Brest [-Litovsk] Peace.", ["1918"]),
        ("until its eventual withdrawal in 1988-9.", ["1988", "1989"]),
        ("Beginning in early 1987, faith began to falter; in the fall of 1988 it ended.", ["1987", "1988"]),
    ],
)
def test_dates_with_their_precision(text: str, expected: list[str]) -> None:
    assert _isos(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "This, however, may have encouraged the Soviets.",
        "We may talk about it again in March on the margins of the meeting.",
        "They decided to March on Kabul.",
        "Casualties: 523 killed, a border of 2,500 km and 95% of the people.",
        "See Adamec, Dictionary (London: Scarecrow, 1996), p. 305.",
        "(Kalinovsky 149) and (99) are page references.",
        "On February 15, the 40th Army finished.",  # no year anywhere: not guessed
    ],
)
def test_no_false_dates(text: str) -> None:
    assert _isos(text) == []


def test_a_document_date_line_is_not_an_event(sources) -> None:
    from quizgen.extract.dates import extract_dates

    document = sources.documents["1985-03-14_gorbachev-karmal-conversation"]
    items = extract_dates(document)
    assert [item.date for item in items if "document-date" in item.tags] == ["1985-03-14"]
    assert all("Kremlin" not in item.context for item in items)


def test_events_are_described_without_the_date(sources) -> None:
    from quizgen.extract.dates import extract_dates

    document = sources.documents["encyclopedia_soviet-withdrawal-from-afghanistan"]
    events = {item.date: item.event for item in extract_dates(document)}
    assert events["1989-02-15"]
    signed = [item for item in extract_dates(document) if item.date == "1988-04-14"]
    assert any(item.event.startswith("The Geneva Accords were signed") for item in signed)
    assert all("1988" not in item.event for item in signed)


def test_a_leading_time_phrase_is_taken_out_whole(sources) -> None:
    from quizgen.extract.dates import extract_dates

    document = sources.documents["encyclopedia_soviet-withdrawal-from-afghanistan"]
    [faith] = [item for item in extract_dates(document) if "faith in the Policy" in item.event]
    # "Beginning in early 1987, Soviet faith ...", not "Beginning, Soviet faith ...".
    assert faith.event.startswith("Soviet faith in the Policy of National Reconciliation")
