"""Realistic quiz items of every type, citing real paragraphs of the seed documents.

Built in code (not read from a bank) so the quiz tests do not depend on the
bank's contents; `sources()` parses the repository's own seeds.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quizgen.build import Sources, load_sources
from quizgen.models import Item, Provenance
from quizgen.project import Project

REPO = Path(__file__).resolve().parent.parent
KARMAL = "1985-03-14_gorbachev-karmal-conversation"
REAGAN = "1987-12-09_gorbachev-reagan-on-afghanistan"
NAJIB = "1988-06-13_gorbachev-najibullah-conversation"
CABLE = "1979-12-27_soviet-circular-cable-on-afghanistan"
WIKI = "encyclopedia_soviet-withdrawal-from-afghanistan"


def sources() -> Sources:
    return load_sources(Project(REPO))


def quote(id_: str, words: str, speaker: str, document: str, paragraph: int, **extra: object) -> Item:
    return Item(
        id=id_, type="quote", prompt=f"Who said: “{words}”", answer=speaker,
        source=Provenance(document, paragraph), quote=words, speaker=speaker, **extra,  # type: ignore[arg-type]
    )


def date(id_: str, prompt: str, event: str, iso: str, paragraph: int, **extra: object) -> Item:
    return Item(
        id=id_, type="date", prompt=prompt, answer=iso, source=Provenance(WIKI, paragraph),
        date=iso, event=event, **extra,  # type: ignore[arg-type]
    )


def term(id_: str, name: str, definition: str, document: str, paragraph: int) -> Item:
    return Item(
        id=id_, type="term", prompt=f"What does {name} stand for?", answer=definition,
        source=Provenance(document, paragraph), term=name, definition=definition,
    )


def quiz_items() -> list[Item]:
    """About thirty items: enough for every section of the default quiz."""
    return [
        quote("najib-perestroika", "We consider the policy of national reconciliation to be part of the policy of perestroika of which you, Mikhail Sergeevich, are the initiator.", "Najibullah", NAJIB, 88),
        quote("gorb-doomed", "That is why it can be said that the Conference is \"doomed\" to success.", "Mikhail Gorbachev", NAJIB, 21, points=2),
        quote("reagan-regional", "The regional issues relate primarily to other issues, first among them—Afghanistan.", "Ronald Reagan", REAGAN, 11),
        quote("gromyko-borders", "Defense of the borders is one of the most important tasks indeed.", "Andrei Gromyko", KARMAL, 27),
        quote("gorb-squander", "But again I insistently call to your attention that you not squander our aid.", "Mikhail Gorbachev", NAJIB, 83),
        quote("shev-disavowed", "This was not the opinion of the Soviet leadership and we have disavowed them.", "Eduard Shevardnadze", NAJIB, 80),
        quote("reagan-army", "However, the president of Afghanistan has an army, and the opposition does not.", "Ronald Reagan", REAGAN, 15),
        quote("gorb-preconditions", "I think that there are real preconditions to solving this problem.", "Mikhail Gorbachev", REAGAN, 16),
        quote("najib-pakistan", "In present circumstances the policy of exerting appropriate pressure on Pakistan seems important.", "Najibullah", NAJIB, 84),
        quote("dobrynin-reagan", "Reagan has also repeatedly stressed his interest in the upcoming Party Conference.", "Anatoly Dobrynin", NAJIB, 23),
        quote("gorb-extremist", "The armed formations which are operating inside Afghanistan are less extremist.", "Mikhail Gorbachev", NAJIB, 70),
        quote("najib-commander", "As Supreme Commander of the Armed Forces I will strive to keep all military matters under personal control.", "Najibullah", NAJIB, 82),
        quote("gorb-priorities", "Our order of priorities coincides with yours.", "Mikhail Gorbachev", REAGAN, 12),
        date("geneva-accords", "When were the Geneva Accords signed?", "The Geneva Accords are signed", "1988-04-14", 1),
        date("withdrawal-begins", "When did the Soviet withdrawal begin?", "The Soviet withdrawal begins", "1988-05-15", 16),
        date("withdrawal-ends", "When did the last Soviet troops leave Afghanistan?", "The last Soviet troops leave Afghanistan", "1989-02-15", 1),
        date("gorbachev-general-secretary", "When did Gorbachev become General Secretary?", "Gorbachev becomes General Secretary of the CPSU", "1985-03", 2),
        date("faith-falters", "When did Soviet faith in National Reconciliation begin to falter?", "Soviet faith in the Policy of National Reconciliation begins to falter", "1987", 12),
        date("intervention", "When did Soviet troops enter Afghanistan?", "Soviet troops enter Afghanistan", "1979-12", 1),
        date("summit", "When did Gorbachev and Reagan discuss Afghanistan at the Washington summit?", "Gorbachev and Reagan discuss Afghanistan in Washington", "1987-12-09", 1),
        date("brezhnev-death", "When did Leonid Brezhnev die?", "Leonid Brezhnev dies", "1982-11", 5),
        term("pdpa", "PDPA", "People's Democratic Party of Afghanistan", WIKI, 2),
        term("cpsu", "CPSU", "Communist Party of the Soviet Union", WIKI, 2),
        term("dra", "DRA", "Democratic Republic of Afghanistan", KARMAL, 0),
        term("khad", "KHAD", "the Afghan state security service", WIKI, 7),
        term("national-reconciliation", "National Reconciliation", "Najibullah's policy of drawing the opposition into a coalition government", WIKI, 6),
        term("40th-army", "40th Army", "the Soviet army formation that fought in Afghanistan and withdrew under Gromov", WIKI, 1),
        term("mujahideen", "mujahideen", "the Afghan rebel fighters who opposed the Soviet-backed government", WIKI, 1),
        Item(id="gromov", type="person", prompt="Who commanded the 40th Army during the withdrawal?", answer="Boris Gromov", source=Provenance(WIKI, 1), person="Boris Gromov"),
        Item(id="why-withdraw", type="question", prompt="Name one reason the Soviet Union decided to withdraw from Afghanistan.", answer="The war was costly and could not be won; it complicated the Soviet economic and international situation.", source=Provenance(WIKI, 4), points=3),
        Item(id="geneva-parties", type="question", prompt="Which two states signed the Geneva Accords as principal parties?", answer="Afghanistan and Pakistan", source=Provenance(WIKI, 1), distractors=("the USSR and the USA", "Afghanistan and Iran", "Pakistan and India")),
    ]


def hostile_item() -> Item:
    """An item whose text must print as text, never as markup."""
    base = quiz_items()[0]
    return replace(
        base, id="hostile", type="question", prompt='Is <script>alert("x")</script> & “quoted” \'text\' shown as text?',
        answer='Yes: <b>not bold</b> & "quotes" kept', distractors=(),
    )
