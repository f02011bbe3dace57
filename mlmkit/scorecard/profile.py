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

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlmkit import safe_write
from mlmkit._compat import warn_renamed
from mlmkit._display import counted
from mlmkit._validation import (
    MlmkitInputError,
    check_bool,
    check_choice,
    check_instance,
    check_sequence,
    check_text,
    fail,
)
from mlmkit.regulations import LEGAL_ACTION_LOOKBACK_YEARS
from mlmkit.scorecard.facts import Facts, YearOneCost
from mlmkit.scorecard.fields import (
    FIELDS,
    FORMAT_VERSION,
    LISTS,
    MOVED_IN_FORMAT_2,
    RENAMED_FIELDS,
    RENAMED_ITEM_KEYS,
    SECTIONS,
    UNKNOWN,
    check_answer,
    clean_list,
    describe_allowed,
    is_known,
    is_unknown,
    safe_value,
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


#: Read files with renamed field names like this note says.
RENAMED_NOTE = (
    "{origin} uses field names that mlmkit has renamed ({renamed}). They were read under the new "
    "names, with the same values; saving writes the new names."
)


def _new_names(origin: str, mapping: Mapping[str, Any], renames: Mapping[str, str], found: list[str]) -> dict[str, Any]:
    """``mapping`` with renamed keys under their new names; each old name used is added to ``found``."""
    out = dict(mapping)
    for old, new in renames.items():
        if old in out:
            if new in out:
                raise fail(f"{origin}: {old}", safe_value(out[old]), f"it is the old name of {new}, which is also given; keep only {new}")
            out[new] = out.pop(old)
            found.append(f"{old} is now {new}")
    return out


def _new_item_keys(origin: str, lists: Mapping[str, Any], found: list[str]) -> dict[str, Any]:
    """``lists`` with renamed keys inside their items (e.g. a package's yearly fee)."""
    out = dict(lists)
    for path, renames in RENAMED_ITEM_KEYS.items():
        items = out.get(path)
        if isinstance(items, Mapping):
            items = [items]
        if isinstance(items, list | tuple) and any(isinstance(item, Mapping) and set(item) & set(renames) for item in items):
            here: list[str] = []
            out[path] = [
                _new_names(f"{origin}: {path}[{number}]", item, renames, here) if isinstance(item, Mapping) else item
                for number, item in enumerate(items, start=1)
            ]
            found.extend(f"{path}: {name}" for name in dict.fromkeys(here))
    return out


def _warn_old_names(found: list[str]) -> None:
    for text in found:
        old, new = text.rsplit(" is now ", 1)
        warn_renamed(f"the profile field {old}", new, stacklevel=4)


def _clean_answers(origin: str, answers: Mapping[str, Any], lists: Mapping[str, Any]) -> dict[str, Any]:
    for path in answers:
        if not isinstance(path, str):
            raise fail(f"{origin}: answers", safe_value(path), "answers are keyed by a dotted field path such as 'product.price_vs_retail'")
        if path not in FIELDS:
            raise _unknown_key(origin, path, answers[path])
    cleaned: dict[str, Any] = {}
    for path, spec in FIELDS.items():
        value = answers.get(path)
        cleaned[path] = None if value is None else check_answer(spec, value, f"{origin}: {path}")
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
        cleaned["company.legal_actions"] = Facts.of_clean(cleaned, lists).legal_summary(LEGAL_ACTION_LOOKBACK_YEARS)
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
        origin = check_text("origin", self.origin, allow_empty=False, max_length=1000)
        object.__setattr__(self, "format_version", check_choice("format_version", self.format_version, (1, 2)))
        for name in ("answers", "sources", "lists"):
            value = getattr(self, name)
            if value is None and name != "answers":
                object.__setattr__(self, name, {})
            elif not isinstance(value, Mapping):
                raise fail(
                    f"{origin}: {name}",
                    safe_value(value),
                    f"it must be a mapping ({'dotted field path' if name != 'lists' else 'list path'} -> "
                    f"{'answer' if name == 'answers' else 'note' if name == 'sources' else 'list of tables'})",
                )
        notes = () if self.notes is None else check_sequence("notes", self.notes, allowed="it must be a list of texts")
        object.__setattr__(self, "notes", tuple(check_text(f"notes[{i}]", note) for i, note in enumerate(notes)))
        found: list[str] = []  # old field names given by code (files are renamed on loading, with a note)
        lists = _new_item_keys(origin, self.lists, found)
        object.__setattr__(self, "answers", _new_names(origin, self.answers, RENAMED_FIELDS, found))
        object.__setattr__(self, "sources", _new_names(f"{origin}: sources", self.sources, RENAMED_FIELDS, []))
        _warn_old_names(found)
        for path in lists:
            if path not in LISTS:
                raise fail(f"{self.origin}: {path}", "(a list)", "known lists: " + ", ".join(LISTS))
        cleaned_lists = {
            path: None if lists.get(path) is None else clean_list(self.origin, spec, lists[path])
            for path, spec in LISTS.items()
        }
        object.__setattr__(self, "lists", cleaned_lists)
        object.__setattr__(self, "answers", _clean_answers(self.origin, dict(self.answers), cleaned_lists))
        object.__setattr__(self, "sources", _clean_sources(self.origin, dict(self.sources)))

    def __getitem__(self, path: str) -> Any:
        path = MOVED_IN_FORMAT_2.get(check_text("path", path), path)  # format 1 paths still read (code written for format 1)
        if path in RENAMED_FIELDS:
            warn_renamed(f"the profile field {path}", RENAMED_FIELDS[path])
            path = RENAMED_FIELDS[path]
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
        if changes is not None and not isinstance(changes, Mapping):
            raise fail("changes", safe_value(changes), 'it must be a mapping of dotted field path -> answer, e.g. {"pay_plan.entry_fee_usd": 49}')
        found: list[str] = []
        answers = _new_names("changes", {**(changes or {}), **more}, RENAMED_FIELDS, found)
        sources = answers.pop("sources", self.sources)
        lists = _new_item_keys("changes", {path: answers.pop(path) for path in list(answers) if path in LISTS}, found)
        _warn_old_names(found)
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
        return Facts.of_clean(self.answers, self.lists)

    def year_one_cost(self) -> YearOneCost:
        """What the first year costs: kit or package + 12 months of required purchases + renewal.

        Joins the cheapest way that can earn pay (the cheapest package known to earn pay, if
        the profile lists packages). Unknown parts leave the total open-ended and are listed
        in ``missing``. Reusable by a first-year calculator.

        Examples
        --------
        >>> cost = blank_profile("X").replace({"pay_plan.entry_fee_usd": 0,
        ...     "pay_plan.starter_kit_usd": 129, "pay_plan.monthly_purchase_usd": 120,
        ...     "pay_plan.yearly_renewal_usd": 25}).year_one_cost()
        >>> cost.total.low, cost.known, cost.describe()
        (1594.0, True, 'USD 1,594')
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
    origin = check_text("origin", origin, allow_empty=False, max_length=1000)
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
    found: list[str] = []
    answers = _new_names(origin, answers, RENAMED_FIELDS, found)
    lists = _new_item_keys(origin, lists, found)
    sources = _new_names(f"{origin}: sources", sources, RENAMED_FIELDS, [])
    if found:
        notes += (RENAMED_NOTE.format(origin=origin, renamed="; ".join(found)),)
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
    _check_path("path", path)
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
    check_instance("profile", profile, Profile, "it must be a Profile (see load_profile or blank_profile)")
    _check_path("path", path)
    overwrite = check_bool("overwrite", overwrite)
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


def _check_path(field_name: str, path: Any) -> None:
    if not isinstance(path, str | os.PathLike) or (isinstance(path, str) and not path.strip()):
        raise fail(field_name, safe_value(path), "it must be the path of a .toml file (text or pathlib.Path)")
    if "\x00" in os.fspath(path):
        raise fail(field_name, safe_value(path), "a file name cannot hold a NUL character")


def blank_profile(name: str = "New company") -> Profile:
    """A profile with every required answer ``"unknown"`` (a starting point for the form).

    Examples
    --------
    >>> len(blank_profile().unknown_fields) > 15
    True
    """
    check_text("name", name, allow_empty=False, max_length=1000)
    answers: dict[str, Any] = {path: UNKNOWN for path, spec in FIELDS.items() if spec.required}
    answers["company.name"] = name
    return Profile(answers, {}, "<blank>")
