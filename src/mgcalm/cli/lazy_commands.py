"""A command group that imports a command's module only when that command is looked up.

``mgcalm plan`` should not pay for importing and building the thirty other commands (the
clinic, the web server, the exports…): with Typer each built command also costs its parameters'
converters. The group's ``commands`` is a mapping whose keys are every command's name, known
from a table without importing anything, and whose values are built the first time they are
read. Listing commands (``--help``, "did you mean …?") reads only the names; help text reads the
values, so ``mgcalm --help`` still imports everything.
"""

from __future__ import annotations

import importlib
from collections.abc import ItemsView, Iterator, Mapping, MutableMapping, ValuesView
from typing import Any

import typer
from typer.core import TyperGroup


class CommandTable(MutableMapping[str, Any]):
    """Command name → command, importing a name's modules on first read.

    ``modules`` maps each name to the ``mgcalm.cli`` modules whose ``register(app)`` builds it,
    in the order they must register (a module may add subcommands to a group another module
    made: ``export`` and ``trial`` are shared). A module registers at most once per process,
    onto one registry app, and every command the registry holds is then rebuilt from it.
    """

    def __init__(self, built: dict[str, Any], modules: dict[str, tuple[str, ...]]):
        self._built = built
        self._modules = modules
        self._order = list(modules) + [name for name in built if name not in modules]
        self._registry = typer.Typer()
        self._registered: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        # A shared group (``export``) may already be built by one of its modules but still lack
        # the subcommands another adds, so the check is on the modules, not on the name.
        self._load(self._modules.get(name, ()))
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        if name not in self._order:
            self._order.append(name)

    def __delitem__(self, name: str) -> None:
        del self._built[name]
        self._order.remove(name)

    def items(self) -> ItemsView[str, Any]:
        self.load_all()
        return super().items()

    def values(self) -> ValuesView[Any]:
        self.load_all()
        return super().values()

    def load_all(self) -> None:
        """Build every command at once (help lists them all): one rebuild, not one per module."""
        every = dict.fromkeys(m for modules in self._modules.values() for m in modules)
        self._load(tuple(every))

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def _load(self, modules: tuple[str, ...]) -> None:
        new = [name for name in modules if name not in self._registered]
        for module_name in new:
            module: Any = importlib.import_module(f"mgcalm.cli.{module_name}")
            module.register(self._registry)
            self._registered.add(module_name)
        if new:
            self._built.update(typer.main.get_group(self._registry).commands)


class LazyGroup(TyperGroup):
    """The ``mgcalm`` group; its subclass hook is how Typer lets an app choose its group."""

    command_modules: Mapping[str, tuple[str, ...]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.table = CommandTable(dict(self.commands), dict(self.command_modules))
        self.commands = self.table

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self.table.load_all()
        super().format_help(ctx, formatter)


def lazy_group(modules: Mapping[str, tuple[str, ...]]) -> type[LazyGroup]:
    """A LazyGroup class whose commands come from ``modules`` (name → registering modules)."""
    return type("MgcalmCommands", (LazyGroup,), {"command_modules": dict(modules)})
