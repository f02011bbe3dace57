"""A company profile: load it from TOML, check every answer, save it back safely.

A profile file has three tables, ``[company]``, ``[product]`` and ``[pay_plan]``, whose
fields are listed in :data:`mlmkit.scorecard.fields.FIELDS` (and documented in
``data/companies/README.md``), plus an optional ``[sources]`` table saying where each
answer came from, keyed by the field's dotted path::

    [sources]
    "product.price_vs_retail" = "Company price list, March 2026, vs. a supermarket brand"

Loading checks everything: a wrong type, an out-of-range number, an unknown key or a
missing required answer is an error naming the file, the field, the value and what is
allowed. ``"unknown"`` is a legal answer. Loading never runs code (``tomllib`` only).

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
from numbers import Integral, Real
from pathlib import Path
from typing import Any

from mlmkit import safe_write
from mlmkit._compat import warn_renamed
from mlmkit._validation import MlmkitInputError, fail
from mlmkit.scorecard.fields import FIELDS, SECTIONS, UNKNOWN, Field, describe_allowed, is_unknown
from mlmkit.scorecard.toml_writer import dumps

__all__ = [
    "Profile",
    "blank_profile",
    "load_profile",
    "profile_from_dict",
    "save_profile",
]

FILE_HEADER = (
    "mlmkit company profile (format documented in data/companies/README.md).\n"
    'Any answer except company.name may be "unknown".'
)


def _check_answer(origin: str, spec: Field, value: Any) -> Any:
    """Return the cleaned answer for ``spec`` or raise a clear error."""
    where = f"{origin}: {spec.path}"

    def bad() -> MlmkitInputError:
        return fail(where, value, f"it must be {describe_allowed(spec)}")

    if is_unknown(value):
        if not spec.unknown_allowed:
            raise bad()
        return UNKNOWN
    if spec.kind == "text":
        if not isinstance(value, str) or (spec.path == "company.name" and not value.strip()):
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
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, Integral):
            raise bad()
        number: float = int(value)
    elif spec.kind == "number":
        if isinstance(value, bool) or not isinstance(value, Real):
            raise bad()
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise bad()
    else:  # rates
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            raise bad()
        rates = []
        for position, rate in enumerate(value, start=1):
            if isinstance(rate, bool) or not isinstance(rate, Real) or not 0 <= rate <= 1:
                raise fail(f"{where}[{position}]", rate, "each rate must be a number between 0 and 1")
            rates.append(float(rate))
        if sum(rates) > 1 + 1e-12:
            raise fail(where, value, "the rates add up to more than 100% of a sale")
        return tuple(rates)
    if (spec.low is not None and number < spec.low) or (spec.high is not None and number > spec.high):
        raise bad()
    return number


def _clean_answers(origin: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    for path in answers:
        if path not in FIELDS:
            raise _unknown_key(origin, path, answers[path])
    cleaned: dict[str, Any] = {}
    for path, spec in FIELDS.items():
        value = answers.get(path)
        if value is None:
            cleaned[path] = None
            continue
        cleaned[path] = _check_answer(origin, spec, value)
    rates = cleaned["pay_plan.level_rates"]
    if cleaned["pay_plan.paid_levels"] is None and isinstance(rates, tuple):
        cleaned["pay_plan.paid_levels"] = len(rates)
    levels = cleaned["pay_plan.paid_levels"]
    if isinstance(rates, tuple) and isinstance(levels, int) and levels < len(rates):
        raise fail(
            f"{origin}: pay_plan.paid_levels",
            levels,
            f"it must be at least the {len(rates)} levels listed in pay_plan.level_rates",
        )
    personal = cleaned["pay_plan.personal_rate"]
    if isinstance(rates, tuple) and isinstance(personal, float) and personal + sum(rates) > 1 + 1e-9:
        raise fail(
            f"{origin}: pay_plan.personal_rate",
            personal,
            "it plus the level rates may not exceed 100% of a sale",
        )
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
    known = [p for p in FIELDS if p.startswith(section + ".")]
    if not known:
        allowed = "it is not a table of the profile format; the tables are " + ", ".join(
            f"[{name}]" for name in (*SECTIONS, "sources")
        )
        return fail(f"{origin}: {section}", value, allowed)
    close = difflib.get_close_matches(path, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    listed = ", ".join(p.split(".", 1)[1] for p in known)
    return fail(f"{origin}: {path}", value, f"it is not a field of [{section}]{hint}; known: {listed}")


def _clean_sources(origin: str, sources: Mapping[str, Any]) -> dict[str, str]:
    cleaned = {}
    for path, note in sources.items():
        if path not in FIELDS:
            raise fail(
                f"{origin}: sources.{path}",
                note,
                "[sources] keys must be field paths such as \"product.price_vs_retail\"",
            )
        if not isinstance(note, str):
            raise fail(f"{origin}: sources.{path}", note, "it must be text saying where the answer came from")
        cleaned[path] = note
    return cleaned


@dataclass(frozen=True)
class Profile:
    """One opportunity, described by answers to the fields of the profile format.

    Parameters
    ----------
    answers : mapping
        Dotted field path -> answer (``"unknown"`` allowed). Optional fields that were not
        given are ``None``. Checked and cleaned when the profile is made.
    sources : mapping, optional
        Dotted field path -> where that answer came from.
    origin : str
        The file name (or ``"<dict>"``) used in error messages. Not compared.

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

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", _clean_answers(self.origin, dict(self.answers)))
        object.__setattr__(self, "sources", _clean_sources(self.origin, dict(self.sources)))

    def __getitem__(self, path: str) -> Any:
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

    def replace(self, changes: Mapping[str, Any] | None = None, /, **more: Any) -> Profile:
        """A copy with some answers changed, checked like a loaded file.

        Answers are named by their dotted field path, given as a mapping or as keyword
        arguments (``**{"pay_plan.entry_fee_usd": 49}``); ``sources=`` replaces the sources.

        Examples
        --------
        >>> blank_profile("Acme").replace({"pay_plan.entry_fee_usd": 49})["pay_plan.entry_fee_usd"]
        49.0
        """
        answers = {**(changes or {}), **more}
        sources = answers.pop("sources", self.sources)
        return Profile({**self.answers, **answers}, sources, self.origin)

    def with_answers(self, changes: Mapping[str, Any]) -> Profile:
        """Old name of :meth:`replace` (warns ``FutureWarning``)."""
        warn_renamed("Profile.with_answers(...)", "Profile.replace(...)")
        return self.replace(changes)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The profile as nested tables, as in the TOML file (``None`` answers left out)."""
        tables: dict[str, dict[str, Any]] = {name: {} for name in SECTIONS}
        for path, value in self.answers.items():
            if value is None:
                continue
            spec = FIELDS[path]
            tables[spec.section][spec.key] = list(value) if isinstance(value, tuple) else value
        if self.sources:
            tables["sources"] = dict(self.sources)
        return tables

    def to_toml(self) -> str:
        """The profile as TOML text (what :func:`save_profile` writes)."""
        return dumps(self.to_dict(), header=FILE_HEADER)


def profile_from_dict(data: Mapping[str, Any], *, origin: str = "<dict>") -> Profile:
    """Check nested tables (as read from TOML) and make a :class:`Profile`.

    Examples
    --------
    >>> profile_from_dict({"company": {"name": "X"}})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: <dict>: company.years_operating = '(missing)' is not allowed: this answer is required: ...
    """
    if not isinstance(data, Mapping):
        raise fail(origin, data, "a profile must be a table of tables")
    answers: dict[str, Any] = {}
    sources: Mapping[str, Any] = {}
    for section, table in data.items():
        if section == "sources":
            if not isinstance(table, Mapping):
                raise fail(f"{origin}: sources", table, "it must be a table: field path = \"note\"")
            sources = table
            continue
        if section not in SECTIONS:
            raise _unknown_key(origin, f"{section}.", table)
        if not isinstance(table, Mapping):
            raise fail(f"{origin}: {section}", table, f"it must be a table, written [{section}]")
        for key, value in table.items():
            answers[f"{section}.{key}"] = value
    return Profile(answers, sources, origin)


def load_profile(path: str | os.PathLike[str]) -> Profile:
    """Read and check a company profile file (TOML).

    Parameters
    ----------
    path : str or path-like
        A ``.toml`` file, e.g. ``mlmkit.datasets.data_path("companies", "name.toml")``.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If the file is missing, is not valid TOML, or any answer is not allowed
        (the message names the file, the field, the value and what is allowed).

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> profile = load_profile(data_path("companies", "brightstart_wellness.toml"))
    >>> profile["product.price_vs_retail"], len(profile.unknown_fields)
    ('unknown', 15)
    """
    file = Path(path)
    if not file.is_file():
        raise fail("profile file", str(file), "it must be an existing .toml file")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8-sig"))  # tolerate a BOM (Notepad)
    except tomllib.TOMLDecodeError as error:
        raise fail(file.name, "not valid TOML", f"fix the file's syntax ({error})") from None
    except UnicodeDecodeError:
        raise fail(file.name, "not UTF-8 text", "a profile must be a UTF-8 text file") from None
    return profile_from_dict(data, origin=file.name)


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
