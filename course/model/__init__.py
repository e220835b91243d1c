"""The course's content model: typed items, the rules they keep (cross-references
included), quiz grading, and the order options are shown in. Pure Python: no I/O, no
widgets, no rendering."""
