"""Verification against the sources: quotes, speakers, dates, terms and people."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quizgen.build import Sources
from quizgen.models import Item, Provenance
from quizgen.verify import closest_passage, find_quote, normalise, stated_dates, verify_items

CABLE = "1979-12-27_soviet-circular-cable-on-afghanistan"
KARMAL = "1985-03-14_gorbachev-karmal-conversation"
REAGAN = "1987-12-09_gorbachev-reagan-on-afghanistan"
NAJIBULLAH = "1988-06-13_gorbachev-najibullah-conversation"
ENCYCLOPEDIA = "encyclopedia_soviet-withdrawal-from-afghanistan"


def quote(text: str, speaker: str, document: str, paragraph: int | None = None) -> Item:
    return Item(id="q", type="quote", prompt="?", answer=speaker, quote=text, speaker=speaker,
                source=Provenance(document, paragraph))


def messages(items: list[Item], sources: Sources) -> list[str]:
    return [problem.message for problem in verify_items(items, sources.documents, sources.people)]


def test_normalise_forgives_typography_not_words() -> None:
    assert normalise("Lenin’s  “thought” — that…") == normalise('lenin\'s "thought" -- that...')
    assert normalise("issues—Afghanistan") == normalise("issues - Afghanistan")
    assert normalise("Lenin's thought") != normalise("Lenin's idea")


@pytest.mark.parametrize("text, speaker, document", [
    ("Soviet troops cannot stay in Afghanistan forever.", "Mikhail Gorbachev", KARMAL),
    ("Of course you remember Lenin's thought that one criterion", "M. S. Gorbachev", KARMAL),  # straight apostrophe
    ("first among them--Afghanistan", "Reagan", REAGAN),  # a dash typed as two hyphens
    ("American imperialism and the CIA, and also the Beijing leadership have acted", "CC CPSU", CABLE),  # page break
    ("the policy of national reconciliation in Afghanistan developed jointly", "Najibullah", NAJIBULLAH),  # page break
    ("Faith in Najibullah . . . delayed the withdrawal of Soviet troops by several years.",
     "Vadim Kirpichenko", ENCYCLOPEDIA),  # elided, attributed in the paragraph before
    ("We weren't thinking only of Afghanistan", "Zagladin", ENCYCLOPEDIA),
    ("Najibullah's policy of \"national reconciliation\" went just far enough", "Diego Cordovez", ENCYCLOPEDIA),
])
def test_true_quotes_pass(sources: Sources, text: str, speaker: str, document: str) -> None:
    assert messages([quote(text, speaker, document)], sources) == []


def test_a_changed_word_is_found_with_its_closest_passage(sources: Sources) -> None:
    assert messages([quote("Soviet troops cannot remain in Afghanistan forever.", "Mikhail Gorbachev", KARMAL)],
                    sources) == [
        (f"quote not found in {KARMAL} (closest: \"You, comrade Karmal, naturally, understand, as other members "
        "of the Afghan leadership obviously do, that Soviet troops cannot stay in Afghanistan forever.\", paragraph 16)")
    ]


def test_the_real_speaker_is_named(sources: Sources) -> None:
    assert messages([quote("Defense of the borders is one of the most important tasks indeed.",
                           "Babrak Karmal", KARMAL)], sources) == [
        "said by Andrei Gromyko, not Babrak Karmal (paragraph 27)"]


def test_prose_must_name_the_speaker(sources: Sources) -> None:
    (message,) = messages([quote("We weren't thinking only of Afghanistan", "Boris Gromov", ENCYCLOPEDIA)], sources)
    assert message.startswith("paragraph 14 does not attribute the quote to Boris Gromov (it names ")
    assert "Vadim Zagladin" in message


def test_a_wrong_paragraph_and_an_unknown_speaker(sources: Sources) -> None:
    assert messages([quote("Thank you very much.", "Karmal", KARMAL, paragraph=3)], sources) == [
        "the quote is in paragraph 13, not 3"]
    assert messages([quote("Thank you very much.", "Karmall", KARMAL)], sources) == [
        "unknown speaker 'Karmall': not in the people registry (did you mean 'Karmal'?)"]


def test_closest_passage_is_quick_and_local(sources: Sources) -> None:
    found = closest_passage(sources.documents[NAJIBULLAH], "a fish rots from the tail")
    assert found is not None and "a fish rots from the head" in found[0]


def test_find_quote_gives_the_paragraph_and_span(sources: Sources) -> None:
    document = sources.documents[NAJIBULLAH]
    ((paragraph, (start, end)),) = find_quote(document, 'the Conference is “doomed” to success')
    assert paragraph.text[start:end] == 'the Conference is "doomed" to success'


def date(iso: str, document: str, event: str = "") -> Item:
    return Item(id="d", type="date", prompt="When?", answer=iso, date=iso, event=event,
                source=Provenance(document))


@pytest.mark.parametrize("iso, document, event", [
    ("1988-04-14", ENCYCLOPEDIA, "The Geneva Accords are signed"),  # "On April 14, 1988"
    ("1989-02", ENCYCLOPEDIA, "The last Soviet troops leave Afghanistan"),  # month of "15 February 1989"
    ("1991-12", ENCYCLOPEDIA, "The Soviet Union is dissolved"),  # "in December 1991"
    ("1989-01-23", ENCYCLOPEDIA, "Operation Typhoon begins"),  # "In January 1989, ... on January 23"
    ("1978-12-05", CABLE, "The treaty of friendship between the USSR and Afghanistan"),  # "5 December 1978"
    ("1985-03-14", KARMAL, ""),  # the document's own date
    ("1988-06-07", NAJIBULLAH, "Najibullah addressed the UN General Assembly"),  # a footnote
])
def test_stated_dates_pass(sources: Sources, iso: str, document: str, event: str) -> None:
    assert iso in stated_dates(sources.documents[document])
    assert messages([date(iso, document, event)], sources) == []


def test_a_date_stated_for_another_event_is_reported(sources: Sources) -> None:
    # 15 May 1988 is in the article, but as the start of the withdrawal.
    (message,) = messages([date("1988-05-15", ENCYCLOPEDIA, "The Geneva Accords are signed")], sources)
    assert message.startswith("15 May 1988 is not the date the source gives for this event (it gives ")
    assert "14 April 1988" in message
    (message,) = messages([date("1988-05-15", ENCYCLOPEDIA, "Something else entirely")], sources)
    assert "but not beside this event" in message


def test_a_date_not_stated_is_reported_with_the_nearest(sources: Sources) -> None:
    assert messages([date("1988-05-16", ENCYCLOPEDIA)], sources) == [
        f"16 May 1988 is not stated in {ENCYCLOPEDIA} (it gives 15 May 1988)"]
    assert messages([date("1987-12-10", REAGAN)], sources) == [
        f"10 December 1987 is not stated in {REAGAN} (it gives 9 December 1987)"]


def term(name: str, definition: str, document: str, gloss: bool = False) -> Item:
    return Item(id="t", type="term", prompt="?", answer=definition, term=name, definition=definition,
                gloss=gloss, source=Provenance(document))


def test_terms_need_the_sources_wording_unless_glossed(sources: Sources) -> None:
    assert messages([term("DRA", "democratic republic of afghanistan", KARMAL)], sources) == []
    assert messages([term("Brest-Litovsk Peace", "compromise and maneuver", NAJIBULLAH)], sources) == []
    assert messages([term("DRA", "the Afghan state", KARMAL, gloss=True)], sources) == []
    (message,) = messages([term("DRA", "Democratic Republik of Afghanistan", KARMAL)], sources)
    assert message.startswith(f"definition not found in {KARMAL} (closest: \"[Democratic Republic of Afghanistan]\"")
    assert messages([term("KHAD", "the Afghan secret police", KARMAL, gloss=True)], sources) == [
        f"the term 'KHAD' does not occur in {KARMAL}"]


def test_people_must_be_known_and_named_in_the_source(sources: Sources) -> None:
    person = Item(id="p", type="person", prompt="?", answer="x", person="Boris Gromov",
                  source=Provenance(KARMAL))
    assert messages([person], sources) == [f"Boris Gromov is not named in {KARMAL}"]


def test_duplicate_ids_and_unknown_documents(sources: Sources) -> None:
    one = quote("Thank you very much.", "Karmal", KARMAL)
    lost = quote("Thank you very much.", "Karmal", "1985-03-14_gorbachev-karmal")
    assert messages([one, one], sources) == ["duplicate id: another item already has it"]
    assert messages([lost], sources) == [
        f"unknown source document '1985-03-14_gorbachev-karmal' (did you mean '{KARMAL}'?)"]


def test_a_cited_paragraph_must_hold_what_the_item_asks(sources: Sources) -> None:
    withdrawal_began = "The withdrawal of the Soviet military began"
    right = next(p.index for p in sources.documents[ENCYCLOPEDIA].paragraphs
                 if p.text.startswith(withdrawal_began))
    item = date("1988-05-15", ENCYCLOPEDIA, withdrawal_began)
    assert messages([replace(item, source=Provenance(ENCYCLOPEDIA, right))], sources) == []
    (message,) = messages([replace(item, source=Provenance(ENCYCLOPEDIA, 5))], sources)
    assert message.startswith("paragraph 5 does not date this event; paragraph ")
    assert str(right) in message.split(";")[1]

    dra = term("DRA", "Democratic Republic of Afghanistan", KARMAL)
    assert messages([replace(dra, source=Provenance(KARMAL, 30))], sources) == [
        "paragraph 30 mentions neither 'DRA' nor its definition"]

    person = Item(id="p", type="person", prompt="Who was Najibullah?", answer="President",
                  person="Najibullah", source=Provenance(KARMAL, 12))
    assert messages([person], sources) != []  # Najibullah is not named in the 1985 record at all
    names_him = next(p.index for p in sources.documents[ENCYCLOPEDIA].paragraphs
                     if "Najibullah" in p.text)
    person = replace(person, source=Provenance(ENCYCLOPEDIA, names_him))
    assert messages([person], sources) == []
    person = replace(person, source=Provenance(ENCYCLOPEDIA, 0))
    assert messages([person], sources) == ["paragraph 0 does not name Najibullah"]


def test_items_naming_only_their_document_are_located(sources: Sources) -> None:
    from quizgen.verify import locate_items

    quote = Item(id="q", type="quote", prompt="?", answer="Mikhail Gorbachev", speaker="Mikhail Gorbachev",
                 quote='the Conference is "doomed" to success', source=Provenance(NAJIBULLAH))
    geneva = date("1988-04-14", ENCYCLOPEDIA, "The Geneva Accords are signed")
    located_quote, located_date = locate_items([quote, geneva], sources.documents, sources.people)
    document = sources.documents[NAJIBULLAH]
    start, end = located_quote.source.span
    assert document.text[start:end] == 'the Conference is "doomed" to success'
    assert 'doomed' in document.paragraphs[located_quote.source.paragraph].text
    assert "14 April 1988" in sources.documents[ENCYCLOPEDIA].paragraphs[located_date.source.paragraph].text \
        or "April 14, 1988" in sources.documents[ENCYCLOPEDIA].paragraphs[located_date.source.paragraph].text
