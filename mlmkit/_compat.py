"""Old names that keep working for one release, behind a ``FutureWarning``.

When a public name changes (an argument, an attribute, a column, a module), the old
name keeps giving the same answer for a release and says what to write instead. The
helpers here do it the same way everywhere:

- :func:`warn_renamed` issues the warning;
- :func:`renamed_arguments` accepts old keyword arguments of a function;
- :func:`renamed_attribute` is a read-only property under the old attribute name;
- :class:`RenamedColumnsFrame` is a ``pandas.DataFrame`` whose old column names still
  work with ``frame["old_name"]`` (it costs no memory: nothing is copied);
- :func:`alias_module` keeps an old module path importable;
- :class:`OldShapeSeries` is the ``pandas.Series`` a ``summary()`` now returns where it
  used to return something else (a text, a readable table): what only the old value had
  (``"word" in summary``, ``summary["value"]``, ``summary.splitlines()``) still works.

It also holds the one copy-with-changes idiom, :class:`Replaceable`: every parameter
object (settings, plans, profiles) has ``.replace(**changes)``, which returns a checked copy.

Examples
--------
>>> import warnings
>>> @renamed_arguments(branching="recruits_each")
... def tree(recruits_each: int) -> int:
...     return recruits_each
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     tree(branching=3), caught[0].category.__name__
(3, 'FutureWarning')
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import sys
import types
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pandas as pd

from mlmkit._validation import fail

__all__ = [
    "OldShapeSeries",
    "Replaceable",
    "RenamedColumnsFrame",
    "RenamedKeysDict",
    "alias_module",
    "renamed_arguments",
    "renamed_attribute",
    "warn_renamed",
]

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R", bound="Replaceable")


def warn_renamed(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn (``FutureWarning``) that ``old`` is now called ``new``.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_renamed("totals()", "summary()")
    >>> str(caught[0].message)
    'totals() is now called summary(); the old name will stop working in a future release of mlmkit.'
    """
    warnings.warn(
        f"{old} is now called {new}; the old name will stop working in a future release of mlmkit.",
        FutureWarning,
        stacklevel=stacklevel,
    )


def take_old_names(changes: dict[str, Any], old_names: Mapping[str, str], describe: Callable[[str], str]) -> None:
    """Move values given under old names to their new names in ``changes``, warning once each.

    ``describe(name)`` is how a name reads in the warning. Giving both names is an error.

    Examples
    --------
    >>> import warnings
    >>> changes = {"fee_usd_per_month": 5}
    >>> with warnings.catch_warnings(record=True):
    ...     take_old_names(changes, {"fee_usd_per_month": "monthly_fee_usd"}, lambda name: f"{name}=")
    >>> changes
    {'monthly_fee_usd': 5}
    """
    for old, new in old_names.items():
        if old in changes:
            if new in changes:
                raise fail(old, changes[old], f"it is the old name of {new!r}; pass only {new}=")
            warn_renamed(describe(old), describe(new), stacklevel=4)
            changes[new] = changes.pop(old)


def renamed_arguments(**renames: str) -> Callable[[F], F]:
    """Let a function accept old keyword-argument names (``old="new"``) with a warning.

    Passing both the old and the new name is an error naming both.
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise fail(old, kwargs[old], f"it is the old name of {new!r}; pass only {new}=")
                    warn_renamed(f"the argument {old}=", f"{new}=")
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def renamed_attribute(new: str, *, old: str = "") -> property:
    """A read-only property under an old attribute name that returns ``self.<new>``.

    Examples
    --------
    >>> import warnings
    >>> class Settings:
    ...     monthly_other_costs_usd = 25.0
    ...     other_costs_usd_per_month = renamed_attribute("monthly_other_costs_usd", old="other_costs_usd_per_month")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     Settings().other_costs_usd_per_month
    25.0
    """

    def getter(self: Any) -> Any:
        warn_renamed(f"{type(self).__name__}.{old or 'this attribute'}", f"{type(self).__name__}.{new}")
        return getattr(self, new)

    return property(getter, doc=f"Old name of :attr:`{new}` (warns ``FutureWarning``).")


class Replaceable:
    """Mixin for frozen dataclasses: ``.replace(**changes)`` gives a checked copy.

    The copy runs the class's checks again (``__post_init__``), so a bad value fails
    where it is typed. An unknown field is an error listing the fields; an old field
    name (``_old_fields``, old -> new) works with a ``FutureWarning``.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Fee(Replaceable):
    ...     monthly_fee_usd: float = 10.0
    >>> Fee().replace(monthly_fee_usd=12.0)
    Fee(monthly_fee_usd=12.0)
    >>> Fee().replace(fee=12.0)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: fee = 12.0 is not allowed: Fee has no field 'fee' (its fields: monthly_fee_usd).
    """

    _old_fields: Mapping[str, str] = {}

    def replace(self: R, **changes: Any) -> R:
        """A copy with some fields changed, checked again like a new object.

        Examples
        --------
        >>> from mlmkit.plans import UnilevelPlan
        >>> UnilevelPlan().replace(level_rates=(0.2,)).level_rates
        (0.2,)
        """
        names = [f.name for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        take_old_names(changes, self._old_fields, lambda name: f"{type(self).__name__}.{name}")
        for name, value in changes.items():
            if name not in names:
                raise fail(name, value, f"{type(self).__name__} has no field {name!r} (its fields: {', '.join(names)})")
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]


_Frame = TypeVar("_Frame", bound=pd.DataFrame)


def editable_when_shared(frame: _Frame) -> _Frame:
    """``frame`` itself, made safe to edit when it holds read-only arrays it was not given a copy of.

    Result tables hold some columns without copying them: read-only arrays shared with
    the network (ids, levels, parents), where a copy would cost 8 bytes per member per
    column and a write through the table must never change the network. pandas copies a
    column before the first write only when it knows the data is shared with another pandas
    object; a read-only array it does not know about makes an edit fail ("assignment
    destination is read-only"). So the frame keeps a shallow twin of itself (no data
    copied): every column then counts as shared, and an edit copies just the column it
    changes, once.

    Examples
    --------
    >>> import numpy as np
    >>> ids = np.arange(3)
    >>> ids.flags.writeable = False
    >>> table = editable_when_shared(pd.DataFrame({"member_id": ids}, copy=False))
    >>> table.loc[0, "member_id"] = 7
    >>> table["member_id"].tolist(), ids.tolist()
    ([7, 1, 2], [0, 1, 2])
    """
    object.__setattr__(frame, "_mlmkit_shared_twin", frame.copy(deep=False))  # not a column: no pandas warning
    return frame


class RenamedColumnsFrame(pd.DataFrame):
    """A DataFrame in which ``frame["old_name"]`` still works, with a ``FutureWarning``.

    Everything derived from it (a slice, a copy, arithmetic) is a plain DataFrame. With
    ``rows_were_columns=True`` (tables that once had one *column* per thing compared and
    now have one *row*), ``frame["thing"]`` for a row label returns that row, as the old
    column did.

    Examples
    --------
    >>> import warnings
    >>> table = RenamedColumnsFrame.wrap(pd.DataFrame({"total_paid_usd": [1.0]}), {"total_pay_usd": "total_paid_usd"})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     table["total_pay_usd"].tolist()
    [1.0]
    >>> type(table[["total_paid_usd"]]).__name__
    'DataFrame'
    """

    _metadata = ["_old_names", "_rows_were_columns", "_old_computed_columns"]
    _old_names: Mapping[str, str]
    _rows_were_columns: bool
    _old_computed_columns: Mapping[str, tuple[str, Callable[[pd.DataFrame], pd.Series]]]

    @property
    def _constructor(self) -> Callable[..., pd.DataFrame]:  # derived frames are plain
        return pd.DataFrame

    @classmethod
    def wrap(
        cls,
        frame: pd.DataFrame,
        old_names: Mapping[str, str] | None = None,
        *,
        rows_were_columns: bool = False,
        old_computed: Mapping[str, tuple[str, Callable[[pd.DataFrame], pd.Series]]] | None = None,
    ) -> RenamedColumnsFrame:
        """The same data (not copied) under this class.

        ``old_names`` maps old column names to new ones; ``old_computed`` maps an old
        column that has no new twin to ``(what to use instead, function computing it)``.
        """
        wrapped = cls(frame, copy=False)
        wrapped._old_names = dict(old_names or {})
        wrapped._rows_were_columns = rows_were_columns
        wrapped._old_computed_columns = dict(old_computed or {})
        return editable_when_shared(wrapped)

    def _new_key(self, key: Any) -> Any:
        if isinstance(key, str) and key not in self.columns:
            old_names = getattr(self, "_old_names", {})
            if key in old_names:
                warn_renamed(f"the column {key!r}", repr(old_names[key]), stacklevel=4)
                return old_names[key]
        return key

    def _old_computed(self, key: Any) -> Any:
        """An old column that is now computed from new ones (``old_computed`` functions)."""
        compute = getattr(self, "_old_computed_columns", {}).get(key)
        if compute is None:
            return None
        new, function = compute
        warn_renamed(f"the column {key!r}", new, stacklevel=4)
        return function(pd.DataFrame(self))

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str) and key not in self.columns:
            if getattr(self, "_rows_were_columns", False) and key in self.index:
                warnings.warn(
                    f"this table now has one row per thing compared (it had one column each): "
                    f"use table.loc[{key!r}] instead of table[{key!r}]; the old shape will stop "
                    "working in a future release of mlmkit.",
                    FutureWarning,
                    stacklevel=2,
                )
                return self.loc[key]
            computed = self._old_computed(key)
            if computed is not None:
                return computed
            key = self._new_key(key)
        elif isinstance(key, list) and any(isinstance(k, str) and k not in self.columns for k in key):
            key = [self._new_key(k) for k in key]
        return super().__getitem__(key)


class OldShapeSeries(pd.Series):
    """A ``summary()`` Series that still answers as the value the method used to return.

    ``summary()`` returns a ``pandas.Series`` everywhere (CONTRIBUTING, Vocabulary). Where it
    used to return a text or a readable table, the Series remembers how to make that old
    value (``old``, computed only when asked) and what it is called now (``new``, e.g.
    ``"BreakEven.to_text()"``). Reading a key or attribute the Series lacks but the old
    value has, or asking ``"text" in summary`` where the old value was a text, gives the
    old answer with a ``FutureWarning``. Everything derived from it is a plain Series.

    Examples
    --------
    >>> import warnings
    >>> summary = OldShapeSeries.wrap(pd.Series({"customers_needed": 13}), lambda: "It takes 13 customers.",
    ...                               old="summary()", new="to_text()")
    >>> int(summary["customers_needed"])
    13
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     "13 customers" in summary, summary.upper(), caught[0].category.__name__
    (True, 'IT TAKES 13 CUSTOMERS.', 'FutureWarning')
    """

    _metadata = ["_make_old", "_old_call", "_new_call"]
    _make_old: Callable[[], Any]
    _old_call: str
    _new_call: str

    @property
    def _constructor(self) -> Callable[..., pd.Series]:  # derived series are plain
        return pd.Series

    @classmethod
    def wrap(cls, series: pd.Series, make_old: Callable[[], Any], *, old: str, new: str) -> OldShapeSeries:
        """The same data (not copied) under this class; ``make_old()`` gives the old value."""
        wrapped = cls(series, copy=False)
        wrapped._make_old = make_old
        wrapped._old_call = old
        wrapped._new_call = new
        return wrapped

    def _old(self, what: str) -> Any:
        warnings.warn(
            f"{self._old_call} now returns a pandas Series like every summary(); {what} belongs to the "
            f"old value, which is now {self._new_call}. The old shape will stop working in a future "
            "release of mlmkit.",
            FutureWarning,
            stacklevel=3,  # the line that used the old shape
        )
        return self._make_old()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str) and key not in self.index and "_make_old" in self.__dict__:
            old = self._make_old()
            if isinstance(old, pd.DataFrame) and key in old.columns:
                return self._old(f"[{key!r}]")[key]
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:  # type: ignore[misc]
        if isinstance(key, str) and key not in self.index and "_make_old" in self.__dict__:
            old = self._make_old()
            if isinstance(old, str):
                return key in self._old(f"'... in {self._old_call}'")
        return super().__contains__(key)

    def __getattr__(self, name: str) -> Any:  # type: ignore[misc]
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name.startswith("_") or "_make_old" not in self.__dict__:
                raise
            old = self._make_old()
            if not hasattr(old, name):
                raise
            return getattr(self._old(f".{name}"), name)


class RenamedKeysDict(dict[str, Any]):
    """A dict in which ``d["old_key"]`` still works, with a ``FutureWarning``.

    Examples
    --------
    >>> import warnings
    >>> controls = RenamedKeysDict({"recruits_each": 3}, {"branching": "recruits_each"})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     controls["branching"]
    3
    """

    def __init__(self, data: Mapping[str, Any], old_keys: Mapping[str, str]) -> None:
        super().__init__(data)
        self._old_keys = dict(old_keys)

    def __missing__(self, key: str) -> Any:
        if key in self._old_keys:
            warn_renamed(f"the key {key!r}", repr(self._old_keys[key]))
            return self[self._old_keys[key]]
        raise KeyError(key)


def alias_module(old: str, new: str) -> None:
    """Keep ``import <old>`` working: it gives module ``new``, with a ``FutureWarning``.

    Nothing is imported until the old module is used.
    """

    class _Alias(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            warn_renamed(f"the module {old}", new)
            return getattr(importlib.import_module(new), name)

        def __dir__(self) -> list[str]:
            return dir(importlib.import_module(new))

    module = _Alias(old, f"Old name of :mod:`{new}` (warns ``FutureWarning``).")
    sys.modules.setdefault(old, module)
