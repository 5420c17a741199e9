"""The article's claims with their evidence grades and sources, and the reference list."""

from __future__ import annotations

from typing import Any

from mgcalm.knowledge import GRADES, knowledge_base


def references() -> dict[str, dict[str, Any]]:
    """Every knowledge-base reference by id: citation, link and whether it was verified."""
    kb = knowledge_base()
    return {
        r.id: {"id": r.id, "citation": r.citation, "url": r.url, "verified": r.verified}
        for r in kb.references.values()
    }


def learn() -> dict[str, Any]:
    """Each claim of the source article with its evidence grade, honest wording and sources."""
    kb = knowledge_base()
    refs = references()
    claims = [
        {
            "id": c.id,
            "topic": c.topic,
            "article_says": c.article_says,
            "article_citation": c.article_citation,
            "citation_found": c.citation_found,
            "citation_state": c.citation_state,
            "grade": c.grade,
            "grade_note": c.grade_note,
            "honest_wording": c.honest_wording,
            "sources": [
                refs.get(s, {"id": s, "citation": s, "url": "", "verified": False})
                for s in c.sources
            ],
        }
        for c in kb.claims
    ]
    return {"claims": claims, "grades": list(GRADES)}
