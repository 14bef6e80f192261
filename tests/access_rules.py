"""Shapes of the access-matrix rules, shared by tests/test_access_matrix.py and tool modules.

A tool app lists its URLs in tests/<app>/matrix*.py as `RULES` (and `OPEN` for public links);
the matrix test merges them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sel_planner.districts.access import Need


def _district(cast):
    return {"district": cast.district.slug}


def _cycle(cast):
    return {"district": cast.district.slug, "cycle": cast.cycle.slug}


@dataclass(frozen=True)
class Rule:
    kwargs: Callable = _district
    get: Need | None = None
    post: Need | None = None


@dataclass(frozen=True)
class Open:
    """Reachable without logging in (login, password reset, invitation links, health check).

    `expect` maps each method the URL answers to the status an anonymous visitor gets with
    the rule's kwargs (a bad token's 404 is as much a decision as a form's 200).
    """

    kwargs: Callable = lambda cast: {}
    expect: dict = field(default_factory=lambda: {"GET": 200})

    @property
    def methods(self) -> tuple:
        return tuple(self.expect)


@dataclass(frozen=True)
class SignedIn:
    """Needs a login but no district (district picker, password change, logout)."""

    methods: tuple = ("GET",)
    kwargs: Callable = field(default=lambda cast: {})
