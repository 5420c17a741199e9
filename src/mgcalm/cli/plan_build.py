"""``mgcalm plan``'s glue: read and check a profile file, then plan it with the knowledge base."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mgcalm.domain import FoodPortion, InvalidInputError, Plan, Problem
from mgcalm.domain.profile_parse import parse_profile_toml
from mgcalm.knowledge import KnowledgeBase


def build_plan(path: Path) -> tuple[Plan, KnowledgeBase]:
    """Read, check and plan a profile file; raises InvalidInputError listing every problem."""
    from mgcalm.knowledge import knowledge_base
    from mgcalm.planning import make_plan

    profile, problems = parse_profile_toml(_read(path), source=str(path))
    if profile is None:
        raise InvalidInputError(problems)
    kb = knowledge_base()
    return make_plan(profile, kb, _article_foods(), today=date.today()), kb


def _read(path: Path) -> str:
    accepted = "a readable mgcalm.profile/1 TOML file (UTF-8)"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInputError([Problem(str(path), "file not found", accepted)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInputError([Problem(str(path), f"cannot read: {error}", accepted)]) from None


def _article_foods() -> tuple[FoodPortion, ...]:
    """The article's food portions, or none if the food catalogue is unavailable."""
    try:
        from mgcalm.knowledge.foods import article_portions

        return tuple(article_portions())
    except (ImportError, OSError, InvalidInputError):
        return ()
