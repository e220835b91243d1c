"""`course present`: a live room for a class deck. The presenter's laptop serves the deck,
an audience page for phones and its API; the room answers the deck's questions (quizzes
and claims' verdicts) and the deck shows their answers as they come. Answers live in
SQLite on the laptop and nowhere else."""
