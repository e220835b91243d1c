"""Warning signs (red flags) as data: tiers, each an action heading over one sign per item.

The signs were once typed by hand in six places, and the copies drifted apart until one
list sent a reader who had had cancer down the wait-and-see route. Every list the course
shows now renders from ``course/content/red_flags.yml``; ``match`` holds the words that
find a sign written anywhere else by hand (course.builder.sign_check).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from course.model.base import Id, RefId, RuleError, Strict, Text

# The NHS writes one symptom per bullet, in a few plain words; a sign longer than this is
# two signs or a sentence of explanation. No sentence about warning signs may be longer
# than SENTENCE_WORDS (issue 23: a 105-word sentence was the most important list).
ITEM_WORDS = 20
SENTENCE_WORDS = 25

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    """Sentences (and list-like clauses after ':' or ';') a reader takes in one go."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def longest_sentence(text: str) -> int:
    return max((words(s) for s in sentences(text)), default=0)


class Level(StrEnum):
    """How urgent a tier is, most urgent first; the order lists are shown in."""

    EMERGENCY = "emergency"  # 999 / A&E now
    SAME_DAY = "same-day"  # a doctor today
    URGENT = "urgent"  # an urgent GP appointment or NHS 111
    ROUTINE = "routine"  # see a GP if it is not improving


LEVEL_ORDER = list(Level)


def _short_sentences(value: str) -> str:
    if (n := longest_sentence(value)) > SENTENCE_WORDS:
        raise RuleError(
            f"a sentence of {n} words: warning signs keep every sentence to "
            f"{SENTENCE_WORDS} words or fewer"
        )
    return value


# Warning-sign text a reader takes in at a glance: no sentence over SENTENCE_WORDS.
ShortText = Annotated[Text, AfterValidator(_short_sentences)]


class Sign(Strict):
    """One symptom, in the words a reader would use for it."""

    id: Id
    text: Text
    # What it may point to, in plain words: shown in lesson 00 and in the deck's notes.
    why: ShortText | None = None
    # Words (lower case, matched at a word's start) that find this sign in other text: a
    # list that names several signs outside this file is a hand-written copy.
    match: list[Text] = Field(min_length=1)
    references: list[RefId] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _one_symptom(cls, value: str) -> str:
        if (n := words(value)) > ITEM_WORDS:
            raise RuleError(
                f"{n} words: one symptom per item, in {ITEM_WORDS} words or fewer "
                "(split it, or move the explanation to 'why')"
            )
        return value

    @field_validator("match")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        if bad := [m for m in value if m != m.lower()]:
            raise RuleError(f"match words are written in lower case: {', '.join(bad)}")
        return value


class Tier(Strict):
    """One action and the signs that call for it, as the NHS lists them."""

    id: Id
    level: Level
    label: Text  # a word or two that tells the tiers apart without colour ("Emergency")
    heading: ShortText  # the action, ending in a colon: "Call 999 or go to A&E if you have …:"
    note: ShortText | None = None  # a short line under the list ("Outside the UK, call …")
    items: list[Sign] = Field(min_length=1)
    references: list[RefId] = Field(min_length=1)

    @field_validator("heading")
    @classmethod
    def _action(cls, value: str) -> str:
        if not value.endswith(":"):
            raise RuleError("a tier's heading is the action, ending in ':' before its signs")
        return value

    def sources(self) -> list[str]:
        """The references behind the tier and its signs, in order of first use, once each."""
        return list(
            dict.fromkeys([*self.references, *(r for s in self.items for r in s.references)])
        )


class SignList(Strict):
    """A set of tiers for one situation (back pain; after a needling session)."""

    id: Id
    title: Text
    intro: ShortText | None = None  # one line before the tiers
    unsure: ShortText | None = None  # what to do if unsure which tier applies
    tiers: list[Tier] = Field(min_length=1)

    @model_validator(mode="after")
    def _in_order(self) -> SignList:
        levels = [LEVEL_ORDER.index(t.level) for t in self.tiers]
        if levels != sorted(set(levels)):
            raise RuleError(
                "tiers go from most to least urgent, one of each level: "
                + ", ".join(level.value for level in LEVEL_ORDER)
            )
        seen: set[str] = set()
        for tier in self.tiers:
            for sign in tier.items:
                if sign.id in seen:
                    raise RuleError(f"sign id {sign.id!r} is used twice")
                seen.add(sign.id)
        return self

    def signs(self) -> list[Sign]:
        return [sign for tier in self.tiers for sign in tier.items]

    def sources(self) -> list[str]:
        """Every reference the list rests on, in order of first use, once each."""
        return list(dict.fromkeys(r for tier in self.tiers for r in tier.sources()))

    def texts(self) -> list[str]:
        """Every sentence of warning-sign text this list shows (for the length check)."""
        out = [self.title, self.intro or "", self.unsure or ""]
        for tier in self.tiers:
            out += [tier.heading, tier.note or ""]
            out += [t for sign in tier.items for t in (sign.text, sign.why or "")]
        return [t for t in out if t]


# -- finding copies written by hand ----------------------------------------------
# A block of text that names several signs is a list of warning signs, whatever its
# form: a bullet list or table with two or more lines naming signs, or a paragraph naming
# three or more. Outside red_flags.yml such a block is a copy that can drift.
LIST_LINE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
PROSE_SIGNS = 3
LIST_LINES = 2


@dataclass(frozen=True)
class Copy:
    """A block that lists warning signs by hand: its first line (0-based, within the text
    scanned) and the signs it names."""

    line: int
    signs: tuple[str, ...]

    def message(self) -> str:
        return (
            f"lists warning signs by hand ({', '.join(self.signs)}): show them with "
            "red_flags() from course/content/red_flags.yml, the one source every list "
            "renders from (or name fewer signs and point to lesson 00)"
        )


class SignMatcher:
    """Finds the signs of every list in a text by their ``match`` words."""

    def __init__(self, lists: Iterable[SignList]) -> None:
        self._patterns = [
            (sign.id, re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, sign.match)) + ")"))
            for signs in lists
            for sign in signs.signs()
        ]

    def signs_in(self, text: str) -> list[str]:
        lower = text.lower()
        return [sign for sign, pattern in self._patterns if pattern.search(lower)]

    def copies(self, text: str) -> list[Copy]:
        found: list[Copy] = []
        lines = text.splitlines()
        start = 0
        while start < len(lines):
            if not lines[start].strip():
                start += 1
                continue
            end = start
            while end < len(lines) and lines[end].strip():
                end += 1
            block = lines[start:end]
            listed = [ln for ln in block if LIST_LINE.match(ln)]
            named = self.signs_in("\n".join(block))
            per_line = [s for ln in listed if (s := self.signs_in(ln))]
            if (len(per_line) >= LIST_LINES and len(named) >= LIST_LINES) or (
                len(named) >= PROSE_SIGNS
            ):
                found.append(Copy(start, tuple(named)))
            start = end
        return found


def summary(lists: Iterable[SignList]) -> str:
    """One line for ``course check``: what the warning signs hold and their longest
    sentence, so a reviewer sees the limit kept without reading the file."""
    lists = list(lists)
    texts = [t for signs in lists for t in signs.texts()]
    longest = max(texts, key=longest_sentence, default="")
    tiers = sum(len(s.tiers) for s in lists)
    signs = sum(len(s.signs()) for s in lists)
    return (
        f"Warning signs: {len(lists)} list(s), {tiers} tiers, {signs} signs, rendered from "
        f"course/content/red_flags.yml; longest sentence {longest_sentence(longest)} words "
        f"(limit {SENTENCE_WORDS}): {longest!r}"
    )
