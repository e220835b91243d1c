"""The content model: quiz grading, option order, cross-reference types (course/model)."""
