"""quizgen: turn historical primary sources into Anki decks, printable quizzes and a verified question bank."""

__version__ = "0.1.0"
