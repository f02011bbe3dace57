"""Friendly argument checks shared by every mlmkit module.

Every check raises :class:`MlmkitInputError` (a ``ValueError``) whose message names
the field, the value that was given and what is allowed, so a learner can fix the
input without reading a traceback.

Examples
--------
>>> check_probability("join_probability", 0.2)
0.2
>>> check_probability("join_probability", 1.5)
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: join_probability = 1.5 is not allowed: it must be a probability between 0 and 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from numbers import Integral, Real
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mlmkit._display import counted, format_usd

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_USD",
    "MlmkitInputError",
    "check_amounts",
    "check_bool",
    "check_choice",
    "check_columns",
    "check_file_text",
    "check_instance",
    "check_int",
    "check_non_negative",
    "check_pixels",
    "check_number",
    "check_path",
    "check_probability",
    "check_rates",
    "check_seed",
    "check_sequence",
    "check_text",
    "fail",
    "is_single",
    "make_rng",
    "read_csv_text",
]

#: Largest amount of money one entry may hold (10^15 USD, far above any real sale): sums
#: over the largest network stay finite and exact enough for the money checks.
MAX_USD = 1e15

#: Largest file mlmkit reads (a ledger, a sponsor table, a profile): 2 GB.
MAX_FILE_BYTES = 2_000_000_000


class MlmkitInputError(ValueError):
    """Bad input to an mlmkit function.

    The message always names the field, the value given and what is allowed.

    Attributes
    ----------
    field : str
        Name of the parameter or column that was wrong.
    value : Any
        The offending value (shortened for long inputs).
    """

    def __init__(self, field: str, value: Any, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} = {_short(value)} is not allowed: {allowed}.")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fail(field: str, value: Any, allowed: str) -> MlmkitInputError:
    """Build (not raise) the standard error, for ``raise fail(...)``.

    Examples
    --------
    >>> str(fail("market_size", -3, "it must be at least 1"))
    'market_size = -3 is not allowed: it must be at least 1.'
    """
    return MlmkitInputError(field, value, allowed)


def check_number(
    field: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> float:
    """Return ``value`` as a float if it is a finite real number within ``[low, high]``.

    Examples
    --------
    >>> check_number("sale_usd", 12, low=0)
    12.0
    >>> check_number("sale_usd", -1, low=0, unit="USD")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: sale_usd = -1 is not allowed: it must be a number of at least USD 0.
    """
    bounds = _describe_bounds(low, high, unit)
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise fail(field, value, f"it must be a number{bounds}")
    try:
        number = float(value)
    except (OverflowError, ValueError):
        raise fail(field, value, f"it must be a finite number{bounds}") from None
    if not math.isfinite(number):
        raise fail(field, value, f"it must be a finite number{bounds}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise fail(field, value, f"it must be a number{bounds}")
    return number


def _describe_bounds(low: float | None, high: float | None, unit: str) -> str:
    show: Callable[[float], str]
    if unit.startswith("USD"):  # money reads "USD 1,200" (mlmkit._display.format_usd)
        show, suffix = format_usd, unit[3:]
    else:
        show, suffix = _plain, f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f" between {show(low)} and {show(high)}{suffix}"
    if low is not None:
        return f" of at least {show(low)}{suffix}"
    if high is not None:
        return f" of at most {show(high)}{suffix}"
    return ""


def _plain(number: float) -> str:
    """A bound as other messages write it (``:g``)."""
    return f"{number:g}"


def check_non_negative(field: str, value: Any, *, unit: str = "") -> float:
    """Return ``value`` as a float if it is a finite number >= 0.

    Examples
    --------
    >>> check_non_negative("entry_fee_usd", 49.0)
    49.0
    """
    return check_number(field, value, low=0.0, unit=unit)


def check_probability(field: str, value: Any) -> float:
    """Return ``value`` as a float if it lies in [0, 1] (NaN, booleans and text are refused).

    Examples
    --------
    >>> check_probability("join_probability", float("nan"))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: join_probability = nan is not allowed: it must be a probability between 0 and 1.
    """
    allowed = "it must be a probability between 0 and 1"
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise fail(field, value, allowed)
    try:
        number = float(value)
    except (OverflowError, ValueError):
        raise fail(field, value, allowed) from None
    if not 0.0 <= number <= 1.0:
        raise fail(field, value, allowed)
    return number


def check_int(field: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number within ``[low, high]``.

    Examples
    --------
    >>> check_int("depth", 3, low=0, high=30)
    3
    >>> check_int("depth", 2.5, low=0)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: depth = 2.5 is not allowed: it must be a whole number of at least 0.
    """
    bounds = _describe_bounds(low, high, "")
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral):
        raise fail(field, value, f"it must be a whole number{bounds}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise fail(field, value, f"it must be a whole number{bounds}")
    return number


def check_choice(field: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``.

    Examples
    --------
    >>> check_choice("placement", "weaker_leg", ["weaker_leg", "left_first"])
    'weaker_leg'
    """
    options = list(choices)
    for option in options:
        if _same_choice(value, option):
            return option
    listed = ", ".join(repr(option) for option in options)
    raise fail(field, value, f"it must be one of {listed}")


def _same_choice(value: Any, option: Any) -> bool:
    """``value == option`` without True matching 1, and False for arrays or odd objects."""
    if isinstance(value, np.ndarray) or isinstance(value, bool | np.bool_) != isinstance(option, bool | np.bool_):
        return False
    try:
        return bool(value == option)
    except (TypeError, ValueError):
        return False


def check_rates(field: str, rates: Sequence[Any], *, max_total: float = 1.0) -> tuple[float, ...]:
    """Check a list of commission rates: each in [0, 1] and together at most ``max_total``.

    Examples
    --------
    >>> check_rates("level_rates", [0.1, 0.05])
    (0.1, 0.05)
    >>> check_rates("level_rates", [0.6, 0.5])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: level_rates = (0.6, 0.5) is not allowed: the rates add up to 110%, more than the 100% of the sale there is to pay out.
    """
    values = check_sequence(field, rates, allowed="it must be a list of rates between 0 and 1, in level order")
    for position, rate in enumerate(values, start=1):
        check_probability(f"{field}[level {position}]", rate)
    checked = tuple(float(rate) for rate in values)
    total = sum(checked)
    if total > max_total + 1e-12:
        raise fail(
            field,
            checked,
            f"the rates add up to {total:.0%}, more than the {max_total:.0%} of the sale "
            "there is to pay out",
        )
    return checked


def check_bool(field: str, value: Any) -> bool:
    """Return ``value`` as a bool if it is ``True`` or ``False`` (numpy booleans too).

    Examples
    --------
    >>> check_bool("track_members", np.bool_(True))
    True
    >>> check_bool("track_members", 1)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: track_members = 1 is not allowed: it must be True or False.
    """
    if not isinstance(value, bool | np.bool_):
        raise fail(field, value, "it must be True or False")
    return bool(value)


def check_text(field: str, value: Any, *, allow_empty: bool = True, max_length: int = 100_000) -> str:
    """Return ``value`` if it is a string (of at most ``max_length`` characters).

    Examples
    --------
    >>> check_text("note", "kit")
    'kit'
    >>> check_text("name", "", allow_empty=False)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: name = '' is not allowed: it must be a non-empty text.
    """
    kind = "a text" if allow_empty else "a non-empty text"
    if not isinstance(value, str) or (not allow_empty and not value.strip()):
        raise fail(field, value, f"it must be {kind}")
    if len(value) > max_length:
        raise fail(field, value, f"it must be {kind} of at most {counted(max_length, 'character')}")
    return str(value)


def check_sequence(
    field: str,
    value: Any,
    *,
    allowed: str = "it must be a list or tuple (in order)",
    min_length: int = 0,
    max_length: int | None = None,
) -> tuple[Any, ...]:
    """Return the items of an *ordered* collection (list, tuple, range, 1-d array, Series).

    Sets and dicts are refused because their order is not the order a person wrote
    (a set of level rates would be paid in a scrambled order), and so are text,
    generators and single values.

    Examples
    --------
    >>> check_sequence("level_rates", [0.1, 0.05])
    (0.1, 0.05)
    >>> check_sequence("level_rates", {0.1, 0.05})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: level_rates = {0.1, 0.05} is not allowed: it must be a list or tuple (in order).
    """
    if max_length is not None and isinstance(value, np.ndarray | Sequence) and len(value) > max_length:
        # refused before copying: range(10**9) is cheap to hold but not to list
        raise fail(field, value, f"{allowed}, with {min_length} to {max_length} items")
    if isinstance(value, np.ndarray):
        if value.ndim != 1:
            raise fail(field, f"an array of shape {value.shape}", allowed)
        items: tuple[Any, ...] = tuple(value.tolist())
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray):
        items = tuple(value)
    elif type(value).__name__ in ("Series", "Index") and hasattr(value, "tolist"):
        items = tuple(value.tolist())
    else:
        raise fail(field, value, allowed)
    if len(items) < min_length or (max_length is not None and len(items) > max_length):
        if max_length is not None:
            limit = f"{min_length} to {max_length} items"
        else:
            limit = "at least one item" if min_length == 1 else f"at least {min_length} items"
        raise fail(field, value, f"{allowed}, with {limit}")
    return items


def check_seed(field: str, value: Any) -> int | np.random.Generator | None:
    """Check a ``seed=``: None, a whole number of at least 0, or a ``numpy.random.Generator``.

    Examples
    --------
    >>> check_seed("seed", np.int64(7))
    7
    >>> check_seed("seed", -1)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: seed = -1 is not allowed: it must be None, a whole number of at least 0 or a numpy.random.Generator.
    """
    if value is None or isinstance(value, np.random.Generator):
        return value
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral) or int(value) < 0:
        raise fail(field, value, "it must be None, a whole number of at least 0 or a numpy.random.Generator")
    return int(value)


def make_rng(seed: Any, field: str = "seed") -> np.random.Generator:
    """The random generator for a checked ``seed`` (a Generator is used as it is).

    Examples
    --------
    >>> float(make_rng(1).random()) == float(make_rng(1).random())
    True
    """
    return np.random.default_rng(check_seed(field, seed))


def check_file_text(
    field: str, path: Any, *, max_bytes: int = MAX_FILE_BYTES, allow_empty: bool = False, read: bool = True
) -> str:
    """Read a text file safely: it must exist, be UTF-8 text and not be empty.

    Returns the text (a UTF-8 byte-order mark is dropped). Nothing in the file is run.
    With ``read=False`` only the path is checked (a file, not empty, not too big) and
    ``""`` is returned, for readers that stream the file themselves.

    Examples
    --------
    >>> check_file_text("path", "no/such/file.csv")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: path = 'no/such/file.csv' is not allowed: no such file.
    """
    if not isinstance(path, str | PathLike) or (isinstance(path, str) and not path.strip()):
        raise fail(field, path, "it must be the path of a file (text or pathlib.Path)")
    file = Path(path)
    shown = str(path)
    if not file.exists():
        raise fail(field, shown, "no such file")
    if not file.is_file():
        raise fail(field, shown, "it must be a file, not a folder or device")
    try:
        size = file.stat().st_size
        if size > max_bytes:
            raise fail(field, shown, f"the file has {size:,} bytes; mlmkit reads files of at most {max_bytes:,}")
        if not read:
            if size == 0 and not allow_empty:
                raise fail(field, shown, "the file is empty")
            return ""
        data = file.read_bytes()
    except OSError as error:
        raise fail(field, shown, f"the file cannot be read ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(
            field, shown,
            f"it must be UTF-8 text (byte {error.start:,} is not; save the file as UTF-8)",
        ) from None
    if "\x00" in text:
        raise fail(field, shown, "it must be a text file (it holds binary data)")
    if not allow_empty and not text.strip():
        raise fail(field, shown, "the file is empty")
    return text


def read_csv_text(field: str, text: str) -> pd.DataFrame:
    r"""Parse CSV text into a table of strings, every row as wide as the header.

    Every value stays text exactly as written: ``NA``, ``None`` or ``null`` are ids like
    any other, and an empty cell is the empty string ``""``. A row with more or fewer
    fields than the header is an error naming its line, so no value lands under the
    wrong column.

    Examples
    --------
    >>> read_csv_text("members.csv", "member_id,sponsor_id\nNA,\nNone,NA\n")["member_id"].tolist()
    ['NA', 'None']
    >>> read_csv_text("m.csv", "id,sponsor\nana,\nben,ana,x\n")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: m.csv line 3 = ['ben', 'ana', 'x'] is not allowed: every row needs the 2 fields of the header (id, sponsor); this row has 3.
    """
    import csv
    import io

    import pandas as pd

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    header: list[str] | None = None
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip() and header is not None and len(header) > 1):
                continue  # blank line
            if header is None:
                header = [name.strip() for name in row]
                if any(not name for name in header):
                    raise fail(f"{field} header", row, "every column needs a name")
                repeated = sorted({name for name in header if header.count(name) > 1})
                if repeated:
                    raise fail(f"{field} header", row, f"each column name may appear once ({repeated} repeat)")
                continue
            if len(row) != len(header):
                raise fail(
                    f"{field} line {reader.line_num}",
                    row,
                    f"every row needs the {counted(len(header), 'field')} of the header ({', '.join(header)}); "
                    f"this row has {len(row)}",
                )
            rows.append(row)
    except csv.Error as error:
        raise fail(f"{field} line {reader.line_num}", str(error), "it must be well-formed CSV") from None
    if header is None:
        raise fail(field, "no header row", "a CSV file starts with a row of column names")
    return pd.DataFrame(rows, columns=header, dtype=object).astype(str) if rows else pd.DataFrame(
        {name: pd.Series([], dtype=object) for name in header}
    )


def is_single(value: Any) -> bool:
    """True for one value (a number, text, None...), False for anything that holds several.

    Examples
    --------
    >>> is_single(3.0), is_single("abc"), is_single([3.0]), is_single(np.array(3.0))
    (True, True, False, False)
    """
    if isinstance(value, np.ndarray | set | frozenset | dict | list | tuple):
        return False
    return not hasattr(value, "__len__") or isinstance(value, str | bytes)


def check_amounts(
    name: str, values: Any, size: int | None, *, low: float | None = 0.0, high: float = MAX_USD
) -> np.ndarray:
    """``values`` as a float array of ``size`` finite amounts (USD) within ``[low, high]``.

    One number is spread to every member (when ``size`` is known; ``size=None`` takes
    any length of at least one). Booleans and text are refused, even inside a list:
    ``True`` is not one dollar. Sets and dicts are refused: their order is not the members'.

    Examples
    --------
    >>> check_amounts("retail_sales_usd", 5, 3).tolist()
    [5.0, 5.0, 5.0]
    >>> check_amounts("retail_sales_usd", [1.0, True], 2)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: retail_sales_usd = [1.0, True] is not allowed: it must be numbers in USD, one per member (not True/False or text).
    """
    if is_single(values):
        number = check_number(name, values, low=low, high=high, unit="USD")
        if size is None:
            raise fail(name, values, "it must be one amount per member, in USD")
        return np.full(size, number, dtype=np.float64)
    if isinstance(values, set | frozenset | dict | str | bytes):
        raise fail(name, values, "it must be numbers in USD, one per member, in member order (a list or array)")
    if isinstance(values, list | tuple) and any(
        issubclass(kind, bool | np.bool_ | str | bytes) for kind in set(map(type, values))
    ):
        raise fail(name, values, "it must be numbers in USD, one per member (not True/False or text)")
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError):
        raise fail(name, values, "it must be numbers in USD, one per member") from None
    if raw.dtype.kind not in "iuf" and not (raw.dtype.kind == "O" and raw.ndim == 1):
        raise fail(name, values, "it must be numbers in USD, one per member (not True/False or text)")
    try:
        array = np.asarray(raw, dtype=np.float64)  # no copy when it already is float64
    except (TypeError, ValueError, OverflowError):
        raise fail(name, values, "it must be numbers in USD, one per member") from None
    if array.ndim != 1 or (size is not None and array.shape != (size,)) or array.size == 0:
        wanted = f"each of the {counted(size, 'member')}" if size is not None else "each member"
        raise fail(name, counted(array.size, "value"), f"it needs one amount for {wanted}")
    # Fast path, two reductions and no temporary arrays: NaN fails every comparison.
    smallest, largest = array.min(), array.max()
    if (smallest >= low if low is not None else smallest > -np.inf) and largest <= high:
        return array
    if not np.isfinite(array).all():
        where = int(np.flatnonzero(~np.isfinite(array))[0])
        raise fail(name, float(array[where]), f"every amount must be a finite number of USD (member {where} is not)")
    too_big = np.flatnonzero(array > high)
    if len(too_big):
        raise fail(name, float(array[too_big[0]]), f"amounts must be at most {format_usd(high)} (member {int(too_big[0])})")
    negative = np.flatnonzero(array < low) if low is not None else np.empty(0, dtype=np.int64)
    if len(negative):
        raise fail(
            name,
            float(array[negative[0]]),
            f"amounts must be {_plain(low or 0)} or more (member {int(negative[0])} has a negative "
            f"{'sale' if 'sales' in name else 'amount'})",
        )
    return array


def check_instance(field: str, value: Any, kind: type | tuple[type, ...], allowed: str) -> Any:
    """Return ``value`` if it is a ``kind`` (a Network, a SimulationResult...).

    Examples
    --------
    >>> check_instance("width", 3, int, "it must be a whole number")
    3
    >>> check_instance("network", None, int, "it must be a Network (see mlmkit.network.full_tree)")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: network = None is not allowed: it must be a Network (see mlmkit.network.full_tree).
    """
    if not isinstance(value, kind):
        raise fail(field, value, allowed)
    return value


def check_path(field: str, value: Any) -> Path:
    """Return ``value`` as a ``pathlib.Path`` if it names a file: non-empty text or a path-like object.

    Examples
    --------
    >>> check_path("save_path", "my_company.toml").name
    'my_company.toml'
    >>> check_path("save_path", float("nan"))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: save_path = nan is not allowed: it must be the path of a file (text or pathlib.Path).
    """
    allowed = "it must be the path of a file (text or pathlib.Path)"
    if not isinstance(value, str | PathLike):
        raise fail(field, value, allowed)
    text = value if isinstance(value, str) else value.__fspath__()
    if not isinstance(text, str) or not text.strip() or "\x00" in text:
        raise fail(field, value, allowed)
    return Path(text)


def check_pixels(field: str, value: Any) -> int:
    """A chart's width or height: a whole number of pixels from 20 to 5,000.

    Examples
    --------
    >>> check_pixels("width", np.int64(360))
    360
    """
    return check_int(field, value, low=20, high=5000)


def check_columns(field: str, table: Any, columns: Iterable[str], allowed: str) -> pd.DataFrame:
    """Return ``table`` if it is a DataFrame holding every one of ``columns``.

    Examples
    --------
    >>> import pandas as pd
    >>> check_columns("ledger", pd.DataFrame({"date": []}), ["date", "amount_usd"], "it must be a ledger")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: ledger = 'a table without amount_usd' is not allowed: it must be a ledger.
    """
    import pandas as pd

    if not isinstance(table, pd.DataFrame):
        raise fail(field, table, allowed)
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise fail(field, f"a table without {', '.join(missing)}", allowed)
    return table
