"""What every content model shares: strict, frozen models, ids, and the cross-reference
rules (an id naming an item in another file is checked against the ids loaded before it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
    ValidationInfo,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=2)]


# -- cross-references -----------------------------------------------------------
# An id that names an item in another content file is declared here, by its type, once.
# The loader validates each file with a context holding the ids loaded before it
# ({"ids": {"references": ..., "claims": ...}, "seeds": ...}); a model built without that
# context (a test, a kernel) is not cross-checked. Each rule raises a RuleError, whose
# sentence the loader prints as it is, with the file, item and line.


class RuleError(ValueError):
    """A content rule broken: its sentence is the whole message."""


def rule_error(message: str, **values: str) -> RuleError:
    return RuleError(message.format(**values))


def context_of(info: ValidationInfo) -> dict[str, Any]:
    return info.context if isinstance(info.context, dict) else {}


def _known(*tables: str) -> Callable[[str, ValidationInfo], str]:
    def check(value: str, info: ValidationInfo) -> str:
        ids = context_of(info).get("ids")
        if ids is None or any(value in (ids.get(table) or ()) for table in tables):
            return value
        if any(table in ids and ids[table] is None for table in tables):
            return value  # that file could not be read: its own problem is reported
        what = "concept" if tables == ("concepts",) else "reference or claim"
        raise rule_error("unknown {what} id '{id}'", what=what, id=value)

    check.names = tables  # type: ignore[attr-defined] # what the id may name (for tests)
    return check


def a_study(value: str, info: ValidationInfo) -> str:
    if value in context_of(info).get("seeds", ()):
        raise rule_error("a data row must name the study or document its numbers come from")
    return value


# A reference in references.yml; a reference or a claim (what a quiz question rests on);
# the study or document a row of numbers comes from (never one of the articles).
RefId = Annotated[Id, AfterValidator(_known("references"))]
# An Informed Health Choices Key Concept in concepts.yml (what a claim or question practises).
ConceptId = Annotated[Id, AfterValidator(_known("concepts"))]
SourceId = Annotated[Id, AfterValidator(_known("references", "claims"))]
StudyRefId = Annotated[RefId, AfterValidator(a_study)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
ArticleId = Literal["000", "001", "002", "003", "004"]


PERSON_NAME = re.compile(r"[A-Z][\w'-]+ [A-Z]{1,3}")  # "Han JS"

# Wording that marks a detail as unchecked. A reference a learner sees must be either
# verified or left out, so these are content errors, not notes.
PLACEHOLDER_WORDING = re.compile(
    r"paraphrased|not (?:been )?confirmed|unconfirmed|not retrieved"
    r"|could not be (?:confirmed|found)|excerpt read|seen only|not seen|not checked|unverified"
    r"|\bTODO\b|\bTBD\b|\bFIXME\b",
    re.IGNORECASE,
)


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a field name must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
