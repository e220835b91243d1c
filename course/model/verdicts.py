"""The verdict scale a claim is judged on, its wording for every page, and the evidence
levels the mechanism ladder climbs."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args


class Verdict(StrEnum):
    supported = "supported"
    partly = "partly supported"
    overstated = "overstated"
    not_supported = "not supported"
    unverified = "could not be verified"
    # Not a verdict on evidence: sound advice ("talk to your doctor") that research does not
    # test as such. Labelled apart so that "could not be verified" never reads as doubt of it.
    advice = "advice"

    @property
    def symbol(self) -> str:
        """Shown with the words and the colour, so a verdict never relies on colour alone."""
        return VERDICT_SYMBOLS[self]

    @property
    def slug(self) -> str:
        return self.value.replace(" ", "-")

    @property
    def label(self) -> str:
        if self is Verdict.advice:
            return "Advice, not a research claim"
        return self.value.capitalize()


# What each verdict means, in the words lesson 00 teaches (one place for the site pages).
VERDICT_MEANINGS = {
    "supported": "The evidence says essentially what the article says.",
    "partly supported": "Part of it is true; the card says which part is missing or distorted.",
    "overstated": (
        "A real finding exists, but the article exaggerates how strong, broad or certain it is."
    ),
    "not supported": (
        "The evidence contradicts the claim, or nothing backs a claim that is unlikely "
        "on physical grounds."
    ),
    "could not be verified": (
        "We could not find or read the source the claim rests on, or any study that tests it."
    ),
    "advice": (
        "Reasonable advice rather than a claim research can test; the card says what it rests on."
    ),
}

VERDICT_SYMBOLS = {
    Verdict.supported: "✔",
    Verdict.partly: "◐",
    Verdict.overstated: "▲",
    Verdict.not_supported: "✘",
    Verdict.unverified: "?",
    Verdict.advice: "ℹ",
}


EvidenceLevel = Literal[
    "no evidence found",
    "laboratory or animal",
    "healthy volunteers",
    "patients with other conditions",
    "back-pain patients",
]
EVIDENCE_LEVELS: tuple[str, ...] = get_args(EvidenceLevel)
