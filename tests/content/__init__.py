"""The course content and its loader: every rule checked with file, item and line
(course/content, course/loader)."""
