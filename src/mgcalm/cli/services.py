"""The app for one command: opened on the configured data, closed afterwards, problems → exit 2.

Only typer and the standard library are imported at module level, so ``mgcalm --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mgcalm.cli.output import fail

if TYPE_CHECKING:
    from mgcalm.app import App


@contextmanager
def services() -> Iterator[App]:
    """The app on the configured database; any InvalidInputError becomes exit code 2."""
    from mgcalm.app import open_app
    from mgcalm.domain import InvalidInputError

    try:
        app = open_app()
        try:
            yield app
        finally:
            app.close()
    except InvalidInputError as error:
        fail(error.problems)
