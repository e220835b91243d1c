"""Quizzes: one bank of questions, shown as live widgets in Jupyter and static HTML elsewhere."""
