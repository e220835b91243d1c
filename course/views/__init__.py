"""What a lesson shows: claim cards, figures, explorables, quizzes, tables, summaries.

Each view is one object with three renderings (a live widget or styled HTML in Jupyter,
static HTML for the site, pages for a deck); notebooks reach them through ``course``.
"""
