"""Reading a sponsor table from a CSV file: the bytes to two id columns, as data only.

:func:`mlmkit.network.from_sponsor_table` calls these readers when it is given a path; they
return ids (arrays or a text table), never a network, and never run anything from the file.
Plain whole-number ids (the usual export) are read in one pass over the file's bytes,
eight digits at a time (:func:`read_plain_number_ids`); signed ids go through pandas' number
parser (:func:`read_sponsor_csv`); anything else is read as text, every id kept as written
(:func:`read_sponsor_text`), which is also the reader that names the exact line and field of
a bad file. Kept apart from :mod:`mlmkit.network` so that each module has one job.
"""

from __future__ import annotations

import sys
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from mlmkit._validation import (
    check_file_text,
    read_csv_text,
)

#: Reading plain ids eight digits at a time (see :func:`_eight_digit_numbers`): for a
#: field of ``n`` digits, the bytes of the little-endian 8-byte word that ends at the
#: field's end which belong to it.
_WORD_KEEP = np.array([0] + [(2**64 - 1) ^ ((1 << (8 * (8 - n))) - 1) for n in range(1, 9)], dtype=np.uint64)


#: The longest id the digit reader takes: numbers below 10**15 are exact as int64 and float64.
_LONGEST_DIGIT_ID = 15


#: ``_SMALLEST_PLAIN[n]``: the smallest number whose plain text has ``n`` digits (0 for 0 and 1).
_SMALLEST_PLAIN = np.array([0, 0] + [10 ** (n - 1) for n in range(2, _LONGEST_DIGIT_ID + 1)], dtype=np.uint64)


_EIGHT_BYTES = np.uint64(0x0101010101010101)


#: Digits to number, eight at a time: pairs of digits, then pairs of pairs, then halves.
_PAIRING_STEPS = (
    (None, np.uint64(10 * 256 + 1), np.uint64(8)),  # (the bytes hold 0..9 already: no mask)
    (np.uint64(0x00FF00FF00FF00FF), np.uint64(100 * 65536 + 1), np.uint64(16)),
    (np.uint64(0x0000FFFF0000FFFF), np.uint64(10000 * 2**32 + 1), np.uint64(32)),
)


def _eight_digit_numbers(words: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, bool]:
    """The numbers written by the last ``lengths[i]`` (0 to 8) bytes of each 8-byte word.

    ``words[i]`` holds the 8 bytes that end where a field ends (little-endian: its last
    byte is the most significant). XOR with ``0`` characters turns digits into 0..9 and
    anything else into a byte above 9; the bytes before the field are masked to 0; then
    one test finds any byte above 9, and three multiply-and-shift steps combine the digits
    pairwise (SWAR: a few whole-array operations, no pass per byte). ``words`` is reused.
    Returns the numbers and whether every kept byte was a digit (an empty field is 0).

    Examples
    --------
    >>> words = np.frombuffer(b"xx,12345,,,,,,,7", dtype="<u8").copy()
    >>> numbers, all_digits = _eight_digit_numbers(words, np.array([5, 1]))
    >>> numbers.tolist(), all_digits
    ([12345, 7], True)
    >>> words = np.frombuffer(b"xx,12345,,,,,,,7", dtype="<u8").copy()
    >>> _eight_digit_numbers(words, np.array([6, 1]))[1]  # the comma is no digit
    False
    """
    value = words
    value ^= np.uint64(0x30) * _EIGHT_BYTES
    value &= _WORD_KEEP[lengths]
    # a byte above 9 has its high bit set, or gets it when 0x76 is added (bytes above 0x89
    # may carry into the next byte, but their own high bit already tells)
    above_nine = value + np.uint64(0x76) * _EIGHT_BYTES
    above_nine |= value
    above_nine &= np.uint64(0x80) * _EIGHT_BYTES
    all_digits = not above_nine.any()
    del above_nine
    for mask, multiplier, shift in _PAIRING_STEPS:
        if mask is not None:
            value &= mask
        value *= multiplier
        value >>= shift
    return value, all_digits


def _plain_numbers(words: np.ndarray, end: np.ndarray, length: np.ndarray) -> np.ndarray | None:
    """The whole numbers written plainly in the fields that end at ``end``, of ``length`` bytes.

    ``words[k]`` is the 8 bytes ending just before byte ``k`` of the block. Plainly: only
    digits, no leading zero (``007`` is not the number 7), at most 15 of them. An empty
    field reads 0. None when a field is not so.
    """
    if len(length) == 0:
        return np.zeros(0, dtype=np.int64)
    longest = int(length.max())
    if longest > _LONGEST_DIGIT_ID:
        return None
    if longest <= 8:
        value, all_digits = _eight_digit_numbers(words[end], length)
    else:
        low_length = np.minimum(length, 8)
        value, all_digits = _eight_digit_numbers(words[end], low_length)
        high, high_digits = _eight_digit_numbers(words[np.maximum(end - 8, 0)], length - low_length)
        all_digits &= high_digits
        high *= np.uint64(10**8)
        value += high
    if not all_digits or not (value >= _SMALLEST_PLAIN[length]).all():
        return None
    return value.view(np.int64)


def _read_digit_id_columns(
    path: str | PathLike[str], skip_bytes: int, fields: int, member_at: int, sponsor_at: int, chunk_bytes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    r"""Read the two id columns of a sponsor CSV whose ids are plain whole numbers, in one pass.

    The careful and general readers' rules, checked on the bytes themselves, a block of
    whole lines at a time: every line has exactly ``fields`` fields (commas and newlines
    are found once, in one whole-array pass per block); the file has no quote, carriage
    return or NUL byte and is UTF-8; every member id is 1 to 15 digits without a leading
    zero; every sponsor id is so, or empty (the founder). Anything else in the id columns
    (a sign, a space, a decimal point, an exponent, a letter) answers None and the other
    readers take the file, while other columns may hold any text. Nothing in the file is run.

    Returns ``(member ids, sponsor ids, has_sponsor)``, or None.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "t.csv")
    >>> _ = open(path, "wb").write(b"member_id,note,sponsor_id\n10,Anne e.,\n7,=1+1,10\n")
    >>> members, sponsors, has_sponsor = _read_digit_id_columns(path, 26, 3, 0, 2, 1 << 20)
    >>> members.tolist(), sponsors[has_sponsor].tolist(), has_sponsor.tolist()
    ([10, 7], [10], [False, True])
    >>> _ = open(path, "wb").write(b"member_id,note,sponsor_id\n10,Anne e.,\n7,=1+1,010\n")
    >>> _read_digit_id_columns(path, 26, 3, 0, 2, 1 << 20) is None
    True
    """
    if sys.byteorder != "little":  # the digits are combined as little-endian words
        return None
    pad = 8  # '0' characters before the block, so every field has 8 bytes before its end
    buffer = bytearray(pad + 2 * chunk_bytes + 1)  # room for a block and the line it cut
    buffer[:pad] = b"0" * pad
    kept = 0  # bytes of an unfinished line carried to the next block
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    with open(path, "rb") as handle:
        handle.seek(skip_bytes)
        while True:
            if pad + kept + chunk_bytes + 1 > len(buffer):  # a line longer than a block
                buffer = buffer[: pad + kept] + bytearray(chunk_bytes + 1 + kept)
            with memoryview(buffer) as view:
                got = handle.readinto(view[pad + kept : pad + kept + chunk_bytes])
            end = pad + kept + got
            final = not got
            if final:
                if not kept:
                    break
                if buffer[end - 1] != ord("\n"):  # the last line, without its newline
                    buffer[end] = ord("\n")
                    end += 1
                stop = end
            else:
                stop = buffer.rfind(b"\n", pad + kept, end) + 1
                if not stop:
                    kept = end - pad
                    continue
            read = _digit_id_block(buffer, pad, stop, fields, member_at, sponsor_at)
            if read is None:
                return None
            parts.append(read)
            if final:
                break
            kept = end - stop
            buffer[pad : pad + kept] = buffer[stop:end]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    members, sponsors, has_sponsor = (np.concatenate(column) for column in zip(*parts, strict=True))
    return members, sponsors, has_sponsor


def _digit_id_block(
    buffer: bytearray, pad: int, stop: int, fields: int, member_at: int, sponsor_at: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """One block of whole lines (``buffer[pad:stop]``) for :func:`_read_digit_id_columns`."""
    if any(buffer.find(mark, pad, stop) >= 0 for mark in (b'"', b"\r", b"\x00")):  # (memchr: quick)
        return None
    block = np.frombuffer(buffer, dtype=np.uint8, count=stop)
    data = block[pad:]
    if data.view(np.int8).min() < 0:  # bytes above 127: the careful reader takes only UTF-8
        try:
            bytes(buffer[pad:stop]).decode("utf-8")
        except UnicodeDecodeError:
            return None
    found = _line_grid(data, None, fields)
    if found is None:
        return None
    grid, line_start = found
    # words[k]: the 8 bytes just before byte k of `data` (the pad stands in before the first line)
    words = np.ndarray((stop - 7,), dtype="<u8", buffer=buffer, strides=(1,))
    read = []
    for column in (member_at, sponsor_at):
        end = grid[:, column]
        length = end - (line_start if column == 0 else grid[:, column - 1] + 1)
        numbers = _plain_numbers(words, end, length)
        if numbers is None:
            return None
        read.append((numbers, length))
    (members, member_length), (sponsors, sponsor_length) = read
    if not member_length.min() > 0:  # every member has an id
        return None
    return members, sponsors, sponsor_length > 0


def _line_grid(data: np.ndarray, lines: int | None, fields: int) -> tuple[np.ndarray, np.ndarray] | None:
    r"""Where each field of ``lines`` whole lines (None: count them) ends, if every line has exactly ``fields``
    fields: ``(grid, line_start)``, ``grid[i, k]`` the comma (or, for the last field, the
    newline) after field ``k`` of line ``i``, ``line_start[i]`` the line's first byte; None if
    any line has another number of fields.

    Examples
    --------
    >>> grid, start = _line_grid(np.frombuffer(b"1,\n2,1\n", dtype=np.uint8), 2, 2)
    >>> grid.tolist(), start.tolist()
    ([[1, 2], [4, 6]], [0, 3])
    >>> _line_grid(np.frombuffer(b"1,2,3\n", dtype=np.uint8), None, 2) is None
    True
    """
    newline = data == ord("\n")
    if lines is None:
        lines = int(np.count_nonzero(newline))
    separator = data == ord(",")
    separator |= newline
    del newline
    at = np.flatnonzero(separator)  # every comma and newline, in order
    del separator
    if len(at) != lines * fields:
        return None
    grid = at.reshape(lines, fields)
    # each line's last separator is its newline (and there are no others: `lines` of them)
    if not (data[grid[:, -1]] == ord("\n")).all():
        return None
    line_start = np.empty(lines, dtype=at.dtype)
    line_start[0] = 0
    line_start[1:] = grid[:-1, -1]
    line_start[1:] += 1
    return grid, line_start


#: ``10, 100, ... 10**18``: how many digits a whole number has (see :func:`_plain_lengths`).
_POWERS_OF_TEN = 10 ** np.arange(1, 19, dtype=np.int64)


def _plain_lengths(values: np.ndarray) -> np.ndarray:
    """Characters in the plain text of each whole number: no sign but ``-``, no leading zero.

    Examples
    --------
    >>> _plain_lengths(np.array([0, 7, 10, 999, -12])).tolist()
    [1, 1, 2, 3, 3]
    """
    lengths = np.ones(len(values), dtype=np.int8)
    if not len(values):
        return lengths
    magnitude = np.abs(values) if values.min() < 0 else values
    largest = int(magnitude.max())
    for power in _POWERS_OF_TEN[_POWERS_OF_TEN <= largest]:  # one comparison per digit beyond the first
        lengths += magnitude >= power
    lengths += values < 0
    return lengths


def read_plain_number_ids(
    path: str | PathLike[str], member_column: str, sponsor_column: str, chunk_bytes: int = 1 << 18
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The fast reader of a sponsor CSV whose ids are all whole numbers written plainly.

    Returns ``(member ids, sponsor ids, has_sponsor)`` as arrays, or None when the file is
    anything else (text ids, quotes, Windows line ends, blank or ragged lines, an id such
    as ``007``, ``+7``, `` 7`` or ``7.0`` whose text a number would not keep): the careful
    readers then take it and keep every id as written, or name the problem.

    pandas' C reader parses the two id columns as numbers; then one pass over the file's
    bytes, a block of whole lines at a time, checks that every line has exactly the
    header's number of fields and that each id field is exactly as long as the plain text
    of the number read from it (so ``007`` or `` 7`` cannot pass as ``7``). Only an empty
    sponsor field is missing. Nothing in the file is run.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.readline()
        if not header.endswith(b"\n") or not header.isascii() or b'"' in header or b"\r" in header:
            return None
        names = header[:-1].decode("ascii").split(",")
        if len(set(names)) != len(names) or member_column not in names or sponsor_column not in names:
            return None
        if member_column == sponsor_column:
            return None
        member_at, sponsor_at = names.index(member_column), names.index(sponsor_column)
        digits = _read_digit_id_columns(path, len(header), len(names), member_at, sponsor_at, chunk_bytes)
        if digits is not None:  # the usual export: ids of digits only, read in one pass
            return digits
        table = pd.read_csv(
            path,
            usecols=[member_column, sponsor_column],
            dtype={member_column: np.int64, sponsor_column: np.float64},
            keep_default_na=False,
            na_values={sponsor_column: [""]},
            engine="c",
        )
    except (ValueError, TypeError, OverflowError, OSError, UnicodeError):
        return None  # not whole numbers, or not readable so: the careful readers explain
    members = table[member_column].to_numpy()
    sponsor_values = table[sponsor_column].to_numpy()
    del table
    if len(members) == 0:
        return None
    has_sponsor = ~np.isnan(sponsor_values)
    filled = np.where(has_sponsor, sponsor_values, 0.0)
    del sponsor_values
    # whole numbers that float64 holds exactly (up to 2**53; inf is no whole number here)
    if not (-(2.0**53) < filled.min() and filled.max() < 2.0**53):
        return None
    sponsors = filled.astype(np.int64)
    if not np.array_equal(sponsors, filled):
        return None
    del filled
    member_lengths = _plain_lengths(members)
    sponsor_lengths = _plain_lengths(sponsors)
    sponsor_lengths[~has_sponsor] = 0  # the founder's empty field
    fields = len(names)
    checks = ((names.index(member_column), member_lengths), (names.index(sponsor_column), sponsor_lengths))
    if not _fields_as_long_as(path, len(header), fields, checks, len(members), chunk_bytes):
        return None
    return members, sponsors, has_sponsor


def _fields_as_long_as(
    path: str | PathLike[str],
    skip_bytes: int,
    fields: int,
    checks: tuple[tuple[int, np.ndarray], ...],
    rows: int,
    chunk_bytes: int,
) -> bool:
    r"""Whether every line after ``skip_bytes`` has ``fields`` fields and, for each
    ``(column, lengths)`` of ``checks``, field ``column`` of row ``i`` has ``lengths[i]`` bytes.

    A quote or a carriage return anywhere answers False, and so does an ``e`` or ``E`` in a
    checked field (a number such as ``1e2`` could be as long as its plain text); other
    fields may hold words. (Bytes above 127 are no separators: they can only be inside
    fields, where the number reader refuses them in an id.)
    One pass, a block of whole lines at a time. When the checked columns are the first two
    of at most three, each block costs one ``flatnonzero`` of its newlines, a count of its
    commas and a look at the byte after each id field; otherwise every comma and newline of
    the block is laid out as one row of separators per line.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "t.csv")
    >>> _ = open(path, "wb").write(b"a,b\n10,\n7,10\n")
    >>> _fields_as_long_as(path, 4, 2, ((0, np.array([2, 1])), (1, np.array([0, 2]))), 2, 1 << 20)
    True
    >>> _fields_as_long_as(path, 4, 2, ((0, np.array([2, 2])), (1, np.array([0, 2]))), 2, 1 << 20)
    False
    """
    row = 0
    carry = b""
    columns = dict(checks)
    # the usual layout (the two id columns first, at most one more): checked without
    # finding every comma (the general way below lays out every separator of every line)
    leading = (columns[0], columns[1]) if set(columns) == {0, 1} and fields <= 3 else None
    with open(path, "rb") as handle:
        handle.seek(skip_bytes)
        while True:
            block = handle.read(chunk_bytes)
            final = not block
            text = carry + block
            if final:
                if not text:
                    break
                if not text.endswith(b"\n"):
                    text += b"\n"
            else:
                cut = text.rfind(b"\n") + 1
                text, carry = text[:cut], text[cut:]
                if not text:
                    continue
            if any(mark in text for mark in (b'"', b"\r")):  # (memchr: quick)
                return False
            data = np.frombuffer(text, dtype=np.uint8)
            # an exponent (``1e2``) in an id field: where any e or E is (other fields may hold words)
            letter_e = np.flatnonzero((data | 0x20) == ord("e")) if b"e" in text or b"E" in text else None
            if leading is not None:  # the id columns come first: checked at their ends only
                newline = np.flatnonzero(data == ord("\n"))
                lines = len(newline)
                if row + lines > rows or np.count_nonzero(data == ord(",")) != lines * (fields - 1):
                    return False
                first_end = np.empty(lines, dtype=newline.dtype)
                first_end[0] = 0
                first_end[1:] = newline[:-1] + 1  # where each line starts
                first_end += leading[0][row : row + lines]
                second_end = first_end + 1
                second_end += leading[1][row : row + lines]
                # each line has a comma right after its first field, and a comma (or its end)
                # right after its second: at least `fields - 1` commas per line, and exactly
                # that many in all, so every line has exactly `fields` fields
                if fields == 2:
                    ends_right = np.array_equal(second_end, newline)
                else:
                    ends_right = bool((second_end < newline).all()) and bool((data[second_end] == ord(",")).all())
                if not (ends_right and (data[first_end] == ord(",")).all()):
                    return False
                # an e in the id fields: before the end of the second field of its line
                if letter_e is not None and (letter_e < second_end[np.searchsorted(newline, letter_e)]).any():
                    return False
                row += lines
                if final:
                    break
                continue
            lines = text.count(b"\n")
            if row + lines > rows:
                return False
            found = _line_grid(data, lines, fields)
            if found is None:
                return False
            grid, line_start = found
            line_of_e = None if letter_e is None else np.searchsorted(grid[:, -1], letter_e)
            for column, lengths in checks:
                begin = line_start if column == 0 else grid[:, column - 1] + 1
                if not np.array_equal(grid[:, column] - begin, lengths[row : row + lines]):
                    return False
                if (
                    letter_e is not None
                    and line_of_e is not None
                    and ((begin[line_of_e] <= letter_e) & (letter_e < grid[line_of_e, column])).any()
                ):
                    return False
            row += lines
            if final:
                break
    return row == rows


def scan_sponsor_csv(path: str | PathLike[str], chunk_bytes: int = 1 << 24) -> tuple[bool, bool]:
    """One pass over a CSV's bytes, in blocks of whole lines: ``(same_field_count, ids_can_be_numbers)``.

    ``same_field_count``: the file has no quotes and every non-blank line has as many commas
    as the first (the fast reader of the two id columns would otherwise skip a row with a
    field too many without a word). ``ids_can_be_numbers``: no field starts with ``0`` and a
    digit, a sign, a space or a quote, so no id's text could change when read as a number
    (``"007"``, ``"+7"``); the check is over every column, so it may say False for a file
    whose other columns hold such fields: the ids are then simply read as text.

    A few whole-array passes per block (no per-byte running count), so it costs a fraction
    of the parse itself and a few bytes per byte of one block.
    """
    is_digit = np.zeros(256, dtype=bool)
    is_digit[ord("0") : ord("9") + 1] = True
    fields: int | None = None
    numbers = True
    carry = b""
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(chunk_bytes)
                final = not block
                text = carry + block
                if not final:
                    cut = text.rfind(b"\n") + 1
                    text, carry = text[:cut], text[cut:]
                    if not text:
                        continue
                data = np.frombuffer(text + b"\n\n", dtype=np.uint8)
                size = len(text)
                body = data[:size]
                if (body == ord('"')).any():
                    return False, False
                separator = body == ord(",")
                separator |= body == ord("\n")
                at = np.flatnonzero(separator)  # every comma and newline, in order
                is_newline = data[at] == ord("\n")
                line_end = np.flatnonzero(is_newline)  # the newlines' places among the separators
                # commas before the k-th newline: its place among the separators minus k
                commas_before = line_end - np.arange(len(line_end))
                stops = at[line_end]
                if size and text[-1:] != b"\n":  # the last line of the file, without its newline
                    stops = np.append(stops, size)
                    commas_before = np.append(commas_before, len(at) - len(line_end))
                per_line = np.diff(commas_before, prepend=0)
                starts = np.concatenate(([0], stops[:-1] + 1))
                carriage = (data[np.maximum(stops - 1, 0)] == ord("\r")) & (stops > starts)
                counts = per_line[(stops - starts) - carriage > 0]
                if len(counts):
                    fields = int(counts[0]) if fields is None else fields
                    if (counts != fields).any():
                        return False, False
                if numbers and any(bad in text for bad in (b"+", b"-", b" ", b"\t")):  # (memchr: quick)
                    # a field (at the start, after a comma or a newline) starting with one of them
                    starts_badly = body[1:] == ord("+")
                    for bad in b"- \t":
                        starts_badly |= body[1:] == bad
                    starts_badly &= separator[:-1]  # the byte before it is a comma or a newline
                    numbers = not (starts_badly.any() or text[:1] in (b"+", b"-", b" ", b"\t"))
                    del starts_badly
                if numbers and (text.startswith(b"0") or b",0" in text or b"\n0" in text):
                    leading_zero = body[1:] == ord("0")  # "0" then a digit, at a field's start
                    leading_zero &= data[2 : size + 1] >= ord("0")
                    leading_zero &= data[2 : size + 1] <= ord("9")
                    leading_zero &= separator[:-1]
                    numbers = not (leading_zero.any() or bool(is_digit[data[1]] and text.startswith(b"0")))
                del separator
                if final:
                    return True, numbers
    except (OSError, TypeError):  # the reader that follows names the problem
        return True, False


def read_sponsor_text(path: str | PathLike[str]) -> pd.DataFrame:
    """Every column of a sponsor CSV as text, checked line by line (slower, exact errors)."""
    read = read_csv_text(Path(path).name, check_file_text("table", path))
    read = read.apply(lambda column: column.str.strip())
    return read.mask(read == "")


def read_sponsor_csv(
    path: str | PathLike[str], member_column: str, sponsor_column: str, ids_can_be_numbers: bool
) -> pd.DataFrame:
    """Read the two id columns of a sponsor CSV: as whole numbers when that loses nothing.

    Ids are text: ``"007"`` and ``"7"`` are different members, and ``"NA"`` is an id, not a
    missing value. Reading them as text is slow, so when a quick scan of the file's bytes
    finds no field that reading as a number could change (a leading zero, a sign, a space,
    quotes) and both columns parse as whole numbers, they are read as numbers (several times
    faster); otherwise, or if that fails, as text. Only an empty sponsor cell is missing.
    """
    columns = [member_column, sponsor_column]
    if ids_can_be_numbers:  # from scan_sponsor_csv
        try:
            table = pd.read_csv(
                path,
                usecols=columns,
                dtype={member_column: np.int64, sponsor_column: np.float64},
                keep_default_na=False,
                na_values={sponsor_column: [""]},
            )
        except (ValueError, TypeError, OverflowError):
            table = None
        if table is not None:
            members = table[member_column].to_numpy()
            sponsors = table[sponsor_column].to_numpy()
            missing = np.isnan(sponsors)
            whole = np.where(missing, 0.0, sponsors)
            # float64 holds whole numbers exactly up to 2**53; beyond that, read text
            if len(members) == 0 or (
                np.abs(members).max() < 2**53 and np.abs(whole).max() < 2**53 and (whole == np.floor(whole)).all()
            ):
                return pd.DataFrame(
                    {
                        member_column: members,
                        sponsor_column: pd.arrays.IntegerArray(whole.astype(np.int64), missing),
                    }
                )
    try:
        return pd.read_csv(path, usecols=columns, dtype=str, keep_default_na=False, na_values=[""])
    except ValueError:  # a column is missing: read all, and the caller names what is missing
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], nrows=0)
