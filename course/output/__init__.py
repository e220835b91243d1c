"""Output helpers shared by the three renderings: HTML fragments and the display base
(render), which sources a lesson cites (citations), and how a reference is labelled and
listed (references)."""
