"""Printable quizzes: shuffled versions -> one quiz HTML file and one answer-key HTML file.

Both files are self-contained (CSS inline, no script, nothing fetched), so they
print the same from any browser. The quiz sheet and the key are rendered from
the same `QuizVersion` objects, so their letters always agree. This module only
turns those objects into plain template data (numbers, letters, citations); the
wording and layout live in templates/quiz/, which a teacher can override.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from quizgen.build import Sources
from quizgen.dates import format_date
from quizgen.errors import QuizgenError
from quizgen.models import DeckInfo, Document, Item
from quizgen.output import write_atomically
from quizgen.render import environment, render_template
from quizgen.select import Question, QuizVersion, Selection, make_versions, selection_options

QUIZ_TEMPLATE = "quiz/quiz.html.j2"
KEY_TEMPLATE = "quiz/key.html.j2"
BLANK = "__________"
SHORT_OPTION = 28  # characters: longer options get a line each


def write_quiz(
    info: DeckInfo,
    items: list[Item],
    sources: Sources,
    out_dir: Path,
    versions: int,
    seed: str,
    template_dirs: list[Path],
    selection: Selection = Selection(),
) -> list[Path]:
    """Write `<deck-id>.quiz.html` (every version) and `<deck-id>.key.html` (every key).

    `selection` is what the teacher chose the items by, printed on the key so the
    same paper can be built again.
    """
    if not items:
        raise QuizgenError(f"deck '{info.id}': no items to put on the quiz")
    if versions < 1:
        raise QuizgenError(f"--versions must be at least 1, not {versions}")
    quiz_versions = make_versions(items, versions, seed)
    context = quiz_context(info, quiz_versions, sources, selection)
    env = environment(template_dirs)
    quiz = render_template(env, QUIZ_TEMPLATE, **context)
    key = render_template(env, KEY_TEMPLATE, **context)
    # Render both before writing either, so a template error leaves no half a set.
    return [
        write_atomically(out_dir / f"{info.id}.quiz.html", quiz.encode("utf-8")),
        write_atomically(out_dir / f"{info.id}.key.html", key.encode("utf-8")),
    ]


def quiz_context(
    info: DeckInfo, versions: list[QuizVersion], sources: Sources, selection: Selection = Selection()
) -> dict[str, Any]:
    """Everything the quiz and key templates print, as plain data."""
    cited = sorted(
        {
            item.source.document
            for version in versions[:1]
            for section in version.sections
            for question in section.questions
            for item in question.items
        }
    )
    documents = [sources.documents[doc_id] for doc_id in cited if doc_id in sources.documents]
    return {
        "deck": {"id": info.id, "title": info.title, "description": info.description},
        "versions": [version_data(version, sources, selection) for version in versions],
        "version_count": len(versions),
        "sources": [source_credit(document) for document in documents],
        "short_credits": list(dict.fromkeys(short_credit(document) for document in documents)),
    }


def version_data(version: QuizVersion, sources: Sources, selection: Selection) -> dict[str, Any]:
    number = 0
    sections = []
    for section in version.sections:
        questions = []
        for question in section.questions:
            data = question_data(question, number, sources)
            number = data["last_number"]
            questions.append(data)
        sections.append({"kind": section.kind, "questions": questions})
    return {
        "code": version.code,
        "seed": version.seed,
        # The options that print this version again: the seed and the selection.
        "rebuild": shlex.join(["--seed", version.seed, *selection_options(selection)]),
        "points": version.points,
        "points_label": points_label(version.points),
        "question_count": number,
        "sections": sections,
    }


def question_data(question: Question, before: int, sources: Sources) -> dict[str, Any]:
    """One question (or block) with its printed numbers, lettered options and answers."""
    item = question.items[0]
    data: dict[str, Any] = {
        "kind": question.kind,
        "number": before + 1,
        "last_number": before + 1,
        "points": question.points,
        "points_label": points_label(question.points),
        "prompt": item.prompt,
        "quote": item.quote,
        "speaker": item.speaker,
        "options": [
            {"letter": letter(index), "text": text} for index, text in enumerate(question.options)
        ],
        # Short options go in two columns (choices) or on one line (a matching bank).
        "short_options": all(len(text) <= SHORT_OPTION for text in question.options),
        "answer": "",
        "answer_letter": "",
        "citation": citation(item, sources),
        "rows": [],
        "events": [],
        "order": [],
        "before": question.blank[0],
        "blank": BLANK,
        "after": question.blank[2],
    }
    if question.kind in ("who", "when", "choice"):
        data["answer_letter"] = letter(question.answers[0])
        data["answer"] = question.options[question.answers[0]]
        if question.kind == "when" and not item.prompt:
            data["prompt"] = f"When did this happen: {item.event}?"
    elif question.kind in ("match-quotes", "match-terms"):
        data["rows"] = [
            {
                "number": before + 1 + index,
                "text": row.quote if question.kind == "match-quotes" else row.term,
                "answer_letter": letter(answer),
                "answer": question.options[answer],
                "points_label": points_label(row.points),
                "citation": citation(row, sources),
            }
            for index, (row, answer) in enumerate(zip(question.items, question.answers))
        ]
        data["last_number"] = before + len(question.items)
    elif question.kind == "timeline":
        data["events"] = [
            {"letter": letter(index), "text": event.event} for index, event in enumerate(question.items)
        ]
        data["order"] = [
            {
                "letter": letter(index),
                "text": question.items[index].event,
                "date": format_date(question.items[index].date),
                "citation": citation(question.items[index], sources),
            }
            for index in question.answers
        ]
        data["answer"] = ", ".join(entry["letter"] for entry in data["order"])
    elif question.kind == "blank":
        data["answer"] = question.blank[1]
    else:  # short answer
        data["answer"] = item.answer
    return data


def letter(index: int) -> str:
    return chr(ord("A") + index)


def points_label(points: int) -> str:
    return f"{points} point" if points == 1 else f"{points} points"


def citation(item: Item, sources: Sources) -> str:
    """Where an answer comes from: document, date, paragraph (and section), collection."""
    document = sources.documents.get(item.source.document)
    if document is None:
        return item.source.document
    parts = [document.title]
    if document.date:
        parts.append(format_date(document.date))
    paragraph = item.source.paragraph
    if paragraph is not None and paragraph < len(document.paragraphs):
        if document.paragraphs[paragraph].section:
            parts.append(f"section “{document.paragraphs[paragraph].section}”")
        parts.append(f"¶ {paragraph}")
    cited = ", ".join(parts + [short_credit(document)])
    # A glossed definition is the teacher's: the key must not pass it off as the source's.
    return f"{cited} (definition in the teacher's words)" if item.gloss else cited


def short_credit(document: Document) -> str:
    """The collection a document comes from, with its licence when reuse requires credit."""
    collection = document.archive.split(";")[0].strip() or document.author or document.title
    if document.licence.startswith("CC "):
        return f"{collection}, {licence_name(document)}"
    return collection


def licence_name(document: Document) -> str:
    """"CC BY-SA 4.0 (https://...)" -> "CC BY-SA 4.0"."""
    return document.licence.split(" (")[0].strip()


def source_credit(document: Document) -> dict[str, str]:
    """A full credit for the key's list of sources: citation, author, collection, link, licence."""
    citation = document.citation or document.title
    parts = [citation.rstrip(".") + "."]
    if document.author and document.author not in citation:
        parts.append(f"Author: {document.author}.")
    collection = document.archive.split(";")[0].strip()
    if collection and collection not in citation:
        parts.append(f"{collection}.")
    if document.url and document.url not in citation:
        parts.append(document.url)
    if document.licence:
        parts.append(f"Licence: {document.licence}.")
    return {"id": document.id, "title": document.title, "credit": " ".join(parts)}
