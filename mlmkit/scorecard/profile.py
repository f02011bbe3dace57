"""A company profile: load it from TOML (format 1 or 2), check every answer, save it back safely.

A format 2 profile file starts with ``format = 2`` and has the tables ``[company]``,
``[product]``, ``[pay_plan]``, ``[revenue]``, ``[safeguards]`` and ``[income_disclosure]``,
whose fields are listed in :data:`mlmkit.scorecard.fields.FIELDS`; the lists
``[[pay_plan.packages]]``, ``[[legal_actions]]`` and ``[[income_disclosure.brackets]]``
(:data:`mlmkit.scorecard.fields.LISTS`); and an optional ``[sources]`` table saying where
each answer came from, keyed by the field's dotted path::

    [sources]
    "product.price_vs_retail" = "Company price list, March 2026, vs. a supermarket brand"

Everything is documented in ``data/companies/README.md``. A file without a ``format``
line is read as format 1 and upgraded in memory, with a note in ``Profile.notes``.

Loading checks everything: a wrong type, an out-of-range number, an unknown key or a
missing required answer is an error naming the file, the field (dotted path, with the
item number inside a list), the value and what is allowed. ``"unknown"`` is a legal
answer; hostile files (nesting thousands deep, integers with thousands of digits) get
the same kind of error. Loading never runs code (``tomllib`` only).

Saving never loses an earlier file: :func:`save_profile` refuses to replace an
existing file unless ``overwrite=True``, and then first keeps the old file as a numbered
backup (``name.toml.~1~``, ``name.toml.~2~``, ...). The new text is written to a
temporary file, read back and checked, and only then renamed into place.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> profile = load_profile(data_path("companies", "evergreen_pantry.toml"))
>>> profile.name
'Evergreen Pantry'
>>> profile["pay_plan.buyback_share"]
0.9
>>> profile.replace({"product.price_vs_retail": "unknown"})["product.price_vs_retail"]
'unknown'
>>> profile.replace({"product.price_vs_retail": -2})
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: evergreen_pantry.toml: product.price_vs_retail = -2 is not allowed: it must be a number between 0 and 20 ...
"""

from __future__ import annotations

import datetime
import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from mlmkit import safe_write
from mlmkit._compat import warn_renamed
from mlmkit._display import counted
from mlmkit._validation import MlmkitInputError, fail
from mlmkit.regulations import LEGAL_ACTION_LOOKBACK_YEARS
from mlmkit.scorecard.facts import Facts, YearOneCost
from mlmkit.scorecard.fields import (
    FIELDS,
    FORMAT_VERSION,
    LISTS,
    MOVED_IN_FORMAT_2,
    SECTIONS,
    UNKNOWN,
    Field,
    ListSpec,
    Range,
    describe_allowed,
    is_known,
    is_unknown,
)
from mlmkit.scorecard.toml_writer import dumps

__all__ = [
    "MAX_FILE_BYTES",
    "Profile",
    "blank_profile",
    "load_profile",
    "profile_from_dict",
    "save_profile",
]

FILE_HEADER = (
    "mlmkit company profile, format 2 (documented in data/companies/README.md).\n"
    'Any answer except company.name may be "unknown"; a number may be a range { low = 1, high = 2 }.'
)

#: Profile files larger than this are refused (a real profile is a few kilobytes).
MAX_FILE_BYTES = 1_000_000

#: Read format 1 files like this note says.
FORMAT_1_NOTE = (
    "{origin} is a format 1 profile (it has no 'format = 2' line). It was read into format 2: "
    "the income disclosure answers moved to [income_disclosure]; everything format 1 could not "
    "say (packages, renewal fees, where the revenue comes from, safeguards, refunds, legal "
    "actions, the disclosure's own figures) is unknown. Save it to write format 2."
)


def safe_value(value: Any) -> Any:
    """A value as error messages may show it, without printing something huge or deep.

    Examples
    --------
    >>> safe_value(10**500)
    '<a whole number with 501 digits>'
    >>> safe_value([[[1]]])
    '<a list>'
    >>> safe_value(0.5)
    0.5
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, Integral) and abs(int(value)) >= 10**30:
        digits = len(str(abs(int(value)))) if int(value).bit_length() < 13_000 else int(int(value).bit_length() * 0.30103) + 1
        return f"<a whole number with {digits} digits>"
    if isinstance(value, list | tuple):
        return "<a list>" if any(isinstance(item, list | tuple | dict) for item in value) or len(value) > 20 else list(value)
    if isinstance(value, dict):
        return "<a table>"
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "..."
    return value


def _check_answer(origin: str, spec: Field, value: Any, where: str | None = None) -> Any:
    """Return the cleaned answer for ``spec`` or raise a clear error."""
    where = where or f"{origin}: {spec.path}"

    def bad(extra: str = "") -> MlmkitInputError:
        return fail(where, safe_value(value), f"it must be {describe_allowed(spec)}{extra}")

    if is_unknown(value):
        if not spec.unknown_allowed:
            raise bad()
        return UNKNOWN
    if spec.kind == "text":
        if not isinstance(value, str) or (spec.path in ("company.name", "name", "citation") and not value.strip()):
            raise bad()
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise bad()
        return value
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            raise bad()
        return value
    if spec.kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                raise bad() from None
        raise bad()
    if spec.kind == "rates":
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            raise bad()
        rates = []
        for position, rate in enumerate(value, start=1):
            if isinstance(rate, bool) or not isinstance(rate, Real) or not _finite(rate) or not 0 <= float(rate) <= 1:
                raise fail(f"{where}[{position}]", safe_value(rate), "each rate must be a number between 0 and 1")
            rates.append(float(rate))
        if sum(rates) > 1 + 1e-12:
            raise fail(where, safe_value(value), "the rates add up to more than 100% of a sale")
        return tuple(rates)
    if spec.kind == "number" and isinstance(value, Range):
        return _check_range(spec, {"low": value.low, "high": value.high}, where)
    if spec.kind == "number" and isinstance(value, Mapping):
        return _check_range(spec, value, where)
    return _check_number(spec, value, bad)


def _finite(value: Any) -> bool:
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError):
        return False
    return number == number and number not in (float("inf"), float("-inf"))


def _check_number(spec: Field, value: Any, bad: Any) -> float | int:
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise bad()
        number: float | int = int(value)
    else:
        if isinstance(value, bool) or not isinstance(value, Real) or not _finite(value):
            raise bad()
        number = float(value)
    if (spec.low is not None and number < spec.low) or (spec.high is not None and number > spec.high):
        raise bad()
    return number


def _check_range(spec: Field, value: Mapping[str, Any], where: str) -> Range | float:
    allowed = "a range is written { low = NUMBER, high = NUMBER } with low at most high"
    if set(value) != {"low", "high"}:
        raise fail(where, safe_value(dict(value)) if len(value) < 5 else "<a table>", allowed)
    ends = []
    for end in ("low", "high"):
        item = value[end]

        def bad(extra: str = "", item: Any = item, end: str = end) -> MlmkitInputError:
            return fail(f"{where}.{end}", safe_value(item), f"it must be {describe_allowed(spec)}")

        ends.append(float(_check_number(spec, item, bad)))
    low, high = ends
    if low > high:
        raise fail(where, f"{{ low = {low:g}, high = {high:g} }}", allowed)
    return low if low == high else Range(low, high)


def _clean_list(origin: str, spec: ListSpec, items: Any) -> tuple[dict[str, Any], ...]:
    where = f"{origin}: {spec.path}"
    if isinstance(items, Mapping):
        items = [items]
    if not isinstance(items, list | tuple):
        raise fail(where, safe_value(items), f"it must be a list of tables, each written {spec.toml_header}")
    if len(items) > 200:
        raise fail(where, f"<{len(items)} items>", "a profile holds at most 200 items in a list")
    fields_by_key = {item.path: item for item in spec.items}
    cleaned = []
    for number, item in enumerate(items, start=1):
        here = f"{where}[{number}]"
        if not isinstance(item, Mapping):
            raise fail(here, safe_value(item), f"each item must be a table written {spec.toml_header}")
        out: dict[str, Any] = {}
        for key, value in item.items():
            if key not in fields_by_key:
                close = difflib.get_close_matches(str(key), list(fields_by_key), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise fail(f"{here}.{key}", safe_value(value), f"it is not a field of {spec.toml_header}{hint}; known: {', '.join(fields_by_key)}")
            out[key] = _check_answer(origin, fields_by_key[key], value, where=f"{here}.{key}")
        for key, item_spec in fields_by_key.items():
            if item_spec.required and key not in out:
                raise fail(f"{here}.{key}", "(missing)", f"this is required: give {describe_allowed(item_spec)}")
        cleaned.append(out)
    return tuple(cleaned)


def _clean_answers(origin: str, answers: Mapping[str, Any], lists: Mapping[str, Any]) -> dict[str, Any]:
    for path in answers:
        if path not in FIELDS:
            raise _unknown_key(origin, path, answers[path])
    cleaned: dict[str, Any] = {}
    for path, spec in FIELDS.items():
        value = answers.get(path)
        cleaned[path] = None if value is None else _check_answer(origin, spec, value)
    rates = cleaned["pay_plan.level_rates"]
    if cleaned["pay_plan.paid_levels"] is None and isinstance(rates, tuple):
        cleaned["pay_plan.paid_levels"] = len(rates)
    levels = cleaned["pay_plan.paid_levels"]
    if isinstance(rates, tuple) and isinstance(levels, int) and levels < len(rates):
        raise fail(
            f"{origin}: pay_plan.paid_levels",
            levels,
            f"it must be at least the {counted(len(rates), 'level')} listed in pay_plan.level_rates",
        )
    personal = cleaned["pay_plan.personal_rate"]
    if isinstance(rates, tuple) and isinstance(personal, float) and personal + sum(rates) > 1 + 1e-9:
        raise fail(
            f"{origin}: pay_plan.personal_rate",
            personal,
            "it plus the level rates may not exceed 100% of a sale",
        )
    if cleaned["company.legal_actions"] is None and lists.get("legal_actions") is not None:
        cleaned["company.legal_actions"] = Facts(cleaned, lists).legal_summary(LEGAL_ACTION_LOOKBACK_YEARS)
    for path, spec in FIELDS.items():
        if spec.required and cleaned[path] is None:
            raise fail(
                f"{origin}: {path}",
                "(missing)",
                f'this answer is required: give {describe_allowed(spec)} (write "unknown" '
                "if you do not know)",
            )
    return cleaned


def _unknown_key(origin: str, path: str, value: Any) -> MlmkitInputError:
    section = path.split(".", 1)[0]
    if path in MOVED_IN_FORMAT_2:
        return fail(f"{origin}: {path}", safe_value(value), f"format 2 moved it to {MOVED_IN_FORMAT_2[path]}")
    known = [p for p in FIELDS if p.startswith(section + ".")]
    if not known:
        allowed = "it is not a table of the profile format; the tables are " + ", ".join(
            f"[{name}]" for name in (*SECTIONS, "sources")
        ) + ", and the list [[legal_actions]]"
        return fail(f"{origin}: {section}", safe_value(value), allowed)
    close = difflib.get_close_matches(path, known + [p for p in LISTS if p.startswith(section + ".")], n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    listed = ", ".join(p.split(".", 1)[1] for p in known)
    return fail(f"{origin}: {path}", safe_value(value), f"it is not a field of [{section}]{hint}; known: {listed}")


def _clean_sources(origin: str, sources: Mapping[str, Any]) -> dict[str, str]:
    cleaned = {}
    for path, note in sources.items():
        if path not in FIELDS and path not in LISTS:
            raise fail(
                f"{origin}: sources.{path}",
                safe_value(note),
                "[sources] keys must be field paths such as \"product.price_vs_retail\" (or a list: "
                "\"pay_plan.packages\", \"legal_actions\", \"income_disclosure.brackets\")",
            )
        if not isinstance(note, str):
            raise fail(f"{origin}: sources.{path}", safe_value(note), "it must be text saying where the answer came from")
        cleaned[path] = note
    return cleaned


@dataclass(frozen=True)
class Profile:
    """One opportunity, described by answers to the fields of the profile format.

    Parameters
    ----------
    answers : mapping
        Dotted field path -> answer (``"unknown"`` allowed; a number may be a
        :class:`~mlmkit.scorecard.fields.Range`). Optional fields that were not given are
        ``None``. Checked and cleaned when the profile is made.
    sources : mapping, optional
        Dotted field path (or list path) -> where that answer came from.
    origin : str
        The file name (or ``"<dict>"``) used in error messages. Not compared.
    lists : mapping, optional
        List path (see :data:`~mlmkit.scorecard.fields.LISTS`) -> list of item tables;
        a list not given is ``None``.
    notes : tuple of str
        Messages from loading (e.g. that a format 1 file was read into format 2). Not compared.
    format_version : int
        The format the profile was read from (1 or 2). Not compared; saving writes format 2.

    Use :func:`load_profile` or :func:`profile_from_dict` rather than building one by hand.

    Examples
    --------
    >>> profile = blank_profile("Acme").replace({"pay_plan.entry_fee_usd": 49})
    >>> profile.name, profile["pay_plan.entry_fee_usd"], profile["product.claims"]
    ('Acme', 49.0, 'unknown')
    >>> profile.to_dict()["pay_plan"]["entry_fee_usd"]
    49.0
    """

    answers: Mapping[str, Any]
    sources: Mapping[str, str] = field(default_factory=dict)
    origin: str = field(default="<profile>", compare=False)
    lists: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = field(default=(), compare=False)
    format_version: int = field(default=FORMAT_VERSION, compare=False)

    def __post_init__(self) -> None:
        lists = dict(self.lists or {})
        for path in lists:
            if path not in LISTS:
                raise fail(f"{self.origin}: {path}", "(a list)", "known lists: " + ", ".join(LISTS))
        cleaned_lists = {
            path: None if lists.get(path) is None else _clean_list(self.origin, spec, lists[path])
            for path, spec in LISTS.items()
        }
        object.__setattr__(self, "lists", cleaned_lists)
        object.__setattr__(self, "answers", _clean_answers(self.origin, dict(self.answers), cleaned_lists))
        object.__setattr__(self, "sources", _clean_sources(self.origin, dict(self.sources)))
        object.__setattr__(self, "notes", tuple(self.notes))

    def __getitem__(self, path: str) -> Any:
        path = MOVED_IN_FORMAT_2.get(path, path)  # format 1 paths still read (code written for format 1)
        if path in LISTS:
            return self.lists[path]
        if path not in FIELDS:
            raise _unknown_key(self.origin, path, "?")
        return self.answers[path]

    @property
    def name(self) -> str:
        """The company's name."""
        return str(self.answers["company.name"])

    @property
    def unknown_fields(self) -> list[str]:
        """Paths of the answers given as ``"unknown"``, in file order."""
        return [path for path, value in self.answers.items() if is_unknown(value)]

    @property
    def open_fields(self) -> list[str]:
        """Paths of scored answers that are unknown or not given (each is a question to ask)."""
        return [
            path
            for path, value in self.answers.items()
            if not is_known(value) and (FIELDS[path].better or FIELDS[path].required) and FIELDS[path].question
        ]

    def replace(self, changes: Mapping[str, Any] | None = None, /, **more: Any) -> Profile:
        """A copy with some answers changed, checked like a loaded file.

        Answers are named by their dotted field path, given as a mapping or as keyword
        arguments (``**{"pay_plan.entry_fee_usd": 49}``); ``sources=`` replaces the sources,
        and a list path (``"pay_plan.packages"``) replaces that list.

        Examples
        --------
        >>> blank_profile("Acme").replace({"pay_plan.entry_fee_usd": 49})["pay_plan.entry_fee_usd"]
        49.0
        """
        answers = {**(changes or {}), **more}
        sources = answers.pop("sources", self.sources)
        lists = {path: answers.pop(path) for path in list(answers) if path in LISTS}
        return Profile(
            {**self.answers, **answers},
            sources,
            self.origin,
            {**self.lists, **lists},
            self.notes,
            self.format_version,
        )

    def with_answers(self, changes: Mapping[str, Any]) -> Profile:
        """Old name of :meth:`replace` (warns ``FutureWarning``)."""
        warn_renamed("Profile.with_answers(...)", "Profile.replace(...)")
        return self.replace(changes)

    def facts(self) -> Facts:
        """The answers as intervals and sets (see :mod:`mlmkit.scorecard.facts`)."""
        return Facts(self.answers, self.lists)

    def year_one_cost(self) -> YearOneCost:
        """What the first year costs: kit or package + 12 months of required purchases + renewal.

        Joins the cheapest way that can earn pay (the cheapest package known to earn pay, if
        the profile lists packages). Unknown parts leave the total open-ended and are listed
        in ``missing``. Reusable by a first-year calculator.

        Examples
        --------
        >>> cost = blank_profile("X").replace({"pay_plan.entry_fee_usd": 0,
        ...     "pay_plan.starter_kit_usd": 129, "pay_plan.monthly_purchase_usd": 120,
        ...     "pay_plan.annual_renewal_usd": 25}).year_one_cost()
        >>> cost.total.low, cost.known, cost.describe()
        (1594.0, True, '1,594 USD')
        """
        return self.facts().year_one_cost()

    def to_dict(self) -> dict[str, Any]:
        """The profile as nested tables, as in a format 2 TOML file (``None`` answers left out)."""
        tables: dict[str, Any] = {"format": FORMAT_VERSION}
        tables.update({name: {} for name in SECTIONS})
        for path, value in self.answers.items():
            if value is None:
                continue
            spec = FIELDS[path]
            tables[spec.section][spec.key] = list(value) if isinstance(value, tuple) else value
        for path, items in self.lists.items():
            if items is None:
                continue
            rows = [dict(item) for item in items]
            if "." in path:
                section, key = path.split(".", 1)
                tables[section][key] = rows
            else:
                tables[path] = rows
        if self.sources:
            tables["sources"] = dict(self.sources)
        # an empty top-level list must come before the tables in TOML
        ordered = {key: value for key, value in tables.items() if not isinstance(value, dict)}
        ordered.update({key: value for key, value in tables.items() if isinstance(value, dict)})
        return ordered

    def to_toml(self) -> str:
        """The profile as format 2 TOML text (what :func:`save_profile` writes)."""
        return dumps(self.to_dict(), header=FILE_HEADER)


def profile_from_dict(data: Mapping[str, Any], *, origin: str = "<dict>") -> Profile:
    """Check nested tables (as read from TOML) and make a :class:`Profile`.

    A mapping with ``format = 2`` is read as format 2. Without a ``format`` key it is read
    as format 1 (the first format had none): its moved answers are read into their format 2
    places and ``Profile.notes`` says so.

    Examples
    --------
    >>> profile_from_dict({"format": 2, "company": {"name": "X"}})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: <dict>: company.years_operating = '(missing)' is not allowed: this answer is required: ...
    >>> profile_from_dict({"format": 3})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: <dict>: format = 3 is not allowed: this version of mlmkit reads profile formats 1 and 2.
    """
    if not isinstance(data, Mapping):
        raise fail(origin, safe_value(data), "a profile must be a table of tables")
    version = data.get("format", 1)
    if isinstance(version, bool) or version not in (1, 2) or not isinstance(version, int):
        raise fail(f"{origin}: format", safe_value(version), "this version of mlmkit reads profile formats 1 and 2")
    answers: dict[str, Any] = {}
    sources: Mapping[str, Any] = {}
    lists: dict[str, Any] = {}
    for section, table in data.items():
        if section == "format":
            continue
        if section == "sources":
            if not isinstance(table, Mapping):
                raise fail(f"{origin}: sources", safe_value(table), "it must be a table: field path = \"note\"")
            sources = table
            continue
        if section in LISTS:
            lists[section] = table
            continue
        if section not in SECTIONS:
            raise _unknown_key(origin, f"{section}.", table)
        if not isinstance(table, Mapping):
            raise fail(f"{origin}: {section}", safe_value(table), f"it must be a table, written [{section}]")
        for key, value in table.items():
            path = f"{section}.{key}"
            if path in LISTS:
                lists[path] = value
            elif version == 1 and path in MOVED_IN_FORMAT_2:
                answers[MOVED_IN_FORMAT_2[path]] = value
            else:
                answers[path] = value
    notes: tuple[str, ...] = ()
    if version == 1:
        moved = {old: new for old, new in MOVED_IN_FORMAT_2.items()}
        sources = {moved.get(path, path): note for path, note in sources.items()}
        notes = (FORMAT_1_NOTE.format(origin=origin),)
    return Profile(answers, sources, origin, lists, notes, version)


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Read and check a company profile file (TOML, format 1 or 2).

    Parameters
    ----------
    path : str or path-like
        A ``.toml`` file, e.g. ``mlmkit.datasets.data_path("companies", "name.toml")``.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If the file is missing, too large, not valid TOML (including nesting too deep or
        numbers too long to read), or any answer is not allowed (the message names the
        file, the field, the value and what is allowed).

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> profile = load_profile(data_path("companies", "brightstart_wellness.toml"))
    >>> profile["product.price_vs_retail"], profile.format_version
    ('unknown', 2)
    """
    file = Path(path)
    if file.is_dir():
        raise fail("profile file", str(file), "it is a folder; give a .toml file")
    if not file.is_file():
        raise fail("profile file", str(file), "it must be an existing .toml file")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise fail(file.name, f"{file.stat().st_size:,} bytes", f"a profile file may hold at most {MAX_FILE_BYTES:,} bytes")
    try:
        text = file.read_bytes().decode("utf-8-sig")  # tolerate a BOM (Notepad)
    except UnicodeDecodeError:
        raise fail(file.name, "not UTF-8 text", "a profile must be a UTF-8 text file") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise fail(file.name, "not valid TOML", f"fix the file's syntax ({error})") from None
    except RecursionError:
        raise fail(file.name, "nested too deeply", "a profile's tables and lists nest only a few levels deep") from None
    except (ValueError, OverflowError, MemoryError):  # e.g. an integer with thousands of digits
        raise fail(file.name, "a value too large to read", "numbers in a profile have at most a few dozen digits") from None
    try:
        return profile_from_dict(data, origin=file.name)
    except RecursionError:
        raise fail(file.name, "nested too deeply", "a profile's tables and lists nest only a few levels deep") from None


def save_profile(
    profile: Profile, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path | None:
    """Write ``profile`` as TOML without ever losing a previously saved file.

    Parameters
    ----------
    profile : Profile
        What to save.
    path : str or path-like
        Where to save it (``.toml``).
    overwrite : bool, default False
        If the file exists: ``False`` refuses (error); ``True`` first moves the old file
        to a numbered backup next to it (``name.toml.~1~``, then ``~2~``, ...).

    Returns
    -------
    pathlib.Path or None
        The backup of the previous file, or ``None`` if there was none.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from mlmkit.datasets import data_path
    >>> profile = load_profile(data_path("companies", "evergreen_pantry.toml"))
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> save_profile(profile, folder / "mine.toml") is None
    True
    >>> load_profile(folder / "mine.toml") == profile
    True
    >>> save_profile(profile, folder / "mine.toml").name
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: path = 'mine.toml' is not allowed: the file already exists; pass overwrite=True ...
    >>> save_profile(profile, folder / "mine.toml", overwrite=True).name
    'mine.toml.~1~'
    """
    file = Path(path)
    if file.suffix != ".toml":
        raise fail("path", file.name, "a profile file name must end in .toml")
    if file.is_dir():
        raise fail("path", str(file), "it is a folder; give a file name ending in .toml")
    if file.exists() and not overwrite:
        raise fail(
            "path",
            file.name,
            "the file already exists; pass overwrite=True to replace it (the old file is kept "
            "as a numbered backup)",
        )
    if not file.parent.is_dir():
        raise fail("path", str(file), "its folder must exist")
    text = profile.to_toml()

    def check(temp: Path) -> None:
        if load_profile(temp) != profile:  # never replace a good file with a bad one
            raise RuntimeError("the saved profile did not read back the same; nothing replaced")

    with safe_write.locked(file):
        if file.exists() and not overwrite:  # checked again under the lock: a second writer may have won
            raise fail("path", file.name, "the file already exists; pass overwrite=True to replace it")
        backup = safe_write.write_text(file, text, backups=None, backup_style="tilde", check=check)
    return backup


def blank_profile(name: str = "New company") -> Profile:
    """A profile with every required answer ``"unknown"`` (a starting point for the form).

    Examples
    --------
    >>> len(blank_profile().unknown_fields) > 15
    True
    """
    answers: dict[str, Any] = {path: UNKNOWN for path, spec in FIELDS.items() if spec.required}
    answers["company.name"] = name
    return Profile(answers, {}, "<blank>")
