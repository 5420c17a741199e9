"""Rules the knowledge records state beside their fields, applied when the data files are loaded.

The records in ``models`` are plain frozen dataclasses, so importing them (and planning with
them) never imports pydantic. Only the loader validates, with pydantic, and pydantic reads these
rules through the protocols it offers for them. What they need of pydantic or annotated-types
they import themselves, when the loader builds its validators: until then the records'
annotations are strings that nothing reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Handler = Callable[[Any], Any]  # pydantic's GetCoreSchemaHandler: a type → its core schema


class Bounds:
    """Limits on a field's value or length, written ``Annotated[float, Bounds(gt=0)]``.

    Each limit means what pydantic's ``Field`` argument of the same name means, and a value
    outside it is reported in pydantic's words ("Input should be greater than 0"). pydantic
    reads it as annotated-types "grouped metadata": the limits it stands for, made on demand.
    A plain class: a dataclass compiles its methods when it is made, which every import pays.
    """

    __slots__ = ("ge", "gt", "le", "min_length")

    def __init__(
        self,
        *,
        gt: float | None = None,
        ge: float | None = None,
        le: float | None = None,
        min_length: int | None = None,
    ) -> None:
        self.gt = gt
        self.ge = ge
        self.le = le
        self.min_length = min_length

    @property
    def __is_annotated_types_grouped_metadata__(self) -> bool:
        """Marks this as grouped metadata, which pydantic unpacks with ``__iter__``."""
        return True

    def __iter__(self) -> Iterator[object]:
        """The annotated-types limits these stand for, as ``Field(gt=…, …)`` would give."""
        import annotated_types as at

        if self.gt is not None:
            yield at.Gt(self.gt)
        if self.ge is not None:
            yield at.Ge(self.ge)
        if self.le is not None:
            yield at.Le(self.le)
        if self.min_length is not None:
            yield at.MinLen(self.min_length)


def check_input_first(check: Callable[[Any], Any], source: Any, handler: Handler) -> Any:
    """The schema of ``source`` with ``check`` run on the raw input before validation.

    ``check`` returns the input to validate, or raises ``ValueError`` to refuse it; the error
    is located at the record, like a pydantic ``model_validator(mode="before")``.
    """
    from pydantic_core import core_schema

    return core_schema.no_info_before_validator_function(check, handler(source))
