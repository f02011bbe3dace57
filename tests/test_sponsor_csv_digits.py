"""The one-pass reader of sponsor CSVs whose ids are plain digits, and the files it leaves to others.

Every file is also read with the fast readers switched off (the careful text reader):
the tree, the ids and any error message must be the same either way.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from mlmkit import _sponsor_csv as sponsor_csv
from mlmkit import network as nw
from mlmkit._validation import MlmkitInputError


def _write(tmp_path: Path, data: bytes, name: str = "downline.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _outcome(path: Path) -> tuple:
    """The ids (as text) and parents the loader builds, or its error message.

    (Plain ids are read as numbers, which the message shows as ``[2, 3]``; the careful
    reader keeps them as text, ``['2', '3']``: quotes are dropped for the comparison.)
    """
    try:
        network = nw.from_sponsor_table(path)
    except MlmkitInputError as error:
        return ("error", str(error).replace("'", "").replace('"', ""))
    return ("tree", [str(i) for i in network.ids.tolist()], network.parent.tolist())


def _careful_outcome(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(sponsor_csv, "read_plain_number_ids", lambda *args, **kwargs: None)
        return _outcome(path)


def _digits(path: Path, chunk_bytes: int = 1 << 18) -> tuple | None:
    """What the digit reader alone makes of a file with a member_id and a sponsor_id column."""
    with open(path, "rb") as handle:
        header = handle.readline()
    names = header.decode().rstrip("\r\n").split(",")
    return sponsor_csv._read_digit_id_columns(
        path, len(header), len(names), names.index("member_id"), names.index("sponsor_id"), chunk_bytes
    )


DIGIT_FILES = [
    b"member_id,sponsor_id\n1,\n2,1\n3,1\n",
    b"member_id,sponsor_id,own_purchases_usd\n0,,100.0\n1,0,1e2\n2,1,0.5\n",  # an exponent outside the ids
    b"sponsor_id,name,member_id\n,Renee Lee,10\n10,Bo,20\n",  # letters e, a space, other order
    b"member_id,name,sponsor_id\n1,=HYPERLINK(x),\n2,+1-2,1\n",  # formula text in another column
    "member_id,sponsor_id,name\n1,,Zoë\n2,1,Çağla\n".encode(),  # UTF-8 text in another column
    b"member_id,sponsor_id\n100000000,\n123456789012345,100000000\n99999999,123456789012345\n",  # 9-15 digits
    b"member_id,sponsor_id\n5,\n7,5",  # no newline at the end
    b"member_id,sponsor_id\n0,\n",  # only the founder
]

NOT_DIGIT_FILES = [
    b"member_id,sponsor_id\n-5,\n7,-5\n",  # a sign: the pandas-number reader's case
    b"member_id,sponsor_id\n1,\n1234567890123456,1\n",  # 16 digits
    b"member_id,sponsor_id\n007,\n7,007\n",
    b"member_id,sponsor_id\n1,\n2,+1\n",
    b"member_id,sponsor_id\n1,\n2, 1\n",
    b"member_id,sponsor_id\n1,\n2,1.0\n",
    b"member_id,sponsor_id\n1,\n100,1e2\n",
    b"member_id,sponsor_id\n1,\n2,NA\n",
    b"member_id,sponsor_id\n1,\n2,-0\n",
    b"member_id,sponsor_id\n1,\n2,1,5\n",  # a field too many
    b"member_id,sponsor_id,x\n1,,a\n2,1\n",  # a field too few
    b"member_id,sponsor_id\n1,\n\n2,1\n",  # a blank line
    b"member_id,sponsor_id\r\n1,\r\n2,1\r\n",
    b'member_id,sponsor_id\n1,\n2,"1"\n',
    b"member_id,sponsor_id\n,\n2,1\n",  # a member without an id
    "member_id,sponsor_id\n1,\n2,١\n".encode(),  # an Arabic-Indic digit is not a plain number
    b"member_id,sponsor_id,name\n1,,a\x00b\n2,1,c\n",  # a NUL byte (left to the readers that judge text)
    b"member_id,sponsor_id,name\n1,,\xff\n2,1,c\n",  # not UTF-8 (likewise)
]


@pytest.mark.parametrize("data", DIGIT_FILES)
def test_digit_files_are_read_in_one_pass_and_build_the_careful_tree(tmp_path, monkeypatch, data):
    path = _write(tmp_path, data)
    read = _digits(path)
    assert read is not None
    members, sponsors, has_sponsor = read
    text = data.decode().splitlines()
    names = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    assert members.tolist() == [int(row[names.index("member_id")]) for row in rows]
    expected_sponsors = [row[names.index("sponsor_id")] for row in rows]
    assert has_sponsor.tolist() == [bool(value) for value in expected_sponsors]
    assert sponsors[has_sponsor].tolist() == [int(value) for value in expected_sponsors if value]
    assert _outcome(path) == _careful_outcome(path, monkeypatch)


@pytest.mark.parametrize("data", NOT_DIGIT_FILES)
def test_other_files_go_to_the_other_readers_with_the_same_outcome(tmp_path, monkeypatch, data):
    path = _write(tmp_path, data)
    assert _digits(path) is None
    assert _outcome(path) == _careful_outcome(path, monkeypatch)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 18])
def test_any_block_size_reads_the_same(tmp_path, block):
    for data in DIGIT_FILES:
        path = _write(tmp_path, data)
        whole, in_blocks = _digits(path), _digits(path, chunk_bytes=block)
        assert in_blocks is not None
        for left, right in zip(whole, in_blocks, strict=True):
            assert left.tolist() == right.tolist()
    for data in NOT_DIGIT_FILES:
        assert _digits(_write(tmp_path, data), chunk_bytes=block) is None


def test_a_bad_id_in_the_last_block_sends_the_whole_file_to_the_careful_reader(tmp_path, monkeypatch):
    size = 30_000
    lines = ["member_id,sponsor_id,own_purchases_usd", "1,,100.0"]
    lines += [f"{member},{member // 2},100.0" for member in range(2, size)]
    good = ("\n".join(lines) + "\n").encode()
    path = _write(tmp_path, good)
    assert _digits(path, chunk_bytes=4096) is not None
    bad = good + f"{size},0{size // 2},100.0\n".encode()  # "015000" is no plain number
    path = _write(tmp_path, bad)
    assert _digits(path, chunk_bytes=4096) is None
    outcome = _outcome(path)
    assert outcome == _careful_outcome(path, monkeypatch)
    assert outcome[0] == "error" and f"0{size // 2}" in outcome[1]


@pytest.mark.parametrize(
    "body",
    [
        "3,\n1,3\n2,1\n",  # ids not in order
        "1,\n2,1\n3,3\n",  # a member who is their own sponsor
        "1,\n2,3\n3,2\n",  # a cycle of two
        "1,\n2,\n3,1\n",  # two founders
        "1,2\n2,1\n",  # no founder
        "1,\n2,9\n",  # a sponsor who is not a member
        "1,\n2,1\n2,1\n",  # an id twice
        "5,\n7,5\n",  # ids not k..k+n-1
    ],
)
def test_the_direct_tree_and_the_general_checks_agree(tmp_path, monkeypatch, body):
    path = _write(tmp_path, ("member_id,sponsor_id\n" + body).encode())
    assert _digits(path) is not None
    assert _outcome(path) == _careful_outcome(path, monkeypatch)


def test_random_files_read_as_the_careful_reader_reads_them(tmp_path, monkeypatch):
    id_tokens = ["0", "7", "10", "007", "+1", " 1", "1 ", "1.0", "1e1", "NA", "", "-1", "x", "01", "١", "99999999999"]
    other_tokens = ["", "100.0", "1e2", "Renee", "a b", "=1+1", "Zoë", "-", "+"]
    rng = random.Random(12)
    fast = 0
    for _ in range(300):
        size = rng.randint(1, 6)
        columns = rng.choice([2, 3])
        lines = ["member_id,sponsor_id" + (",note" if columns == 3 else "")]
        for member in range(size):
            row = [rng.choice(id_tokens[:4] + [str(member + 1)] * 8)]
            sponsor = str(rng.randint(1, size)) if member else ""
            row.append(rng.choice([*id_tokens, *[sponsor] * 10]))
            row += [rng.choice(other_tokens)] if columns == 3 else []
            if rng.random() < 0.03:
                row.append("9")
            lines.append(",".join(row))
        path = _write(tmp_path, ("\n".join(lines) + rng.choice(["\n", ""])).encode())
        fast += _digits(path) is not None
        assert _outcome(path) == _careful_outcome(path, monkeypatch), path.read_text()
    assert fast > 40  # the digit reader was really exercised


def test_eight_digit_numbers_match_python_on_random_bytes():
    rng = np.random.default_rng(5)
    alphabet = np.frombuffer(b"0123456789,-+ .e\n\xff/:", dtype=np.uint8)
    raw = rng.choice(alphabet, size=(4000, 8), p=[0.08] * 10 + [0.2 / 10] * 10)
    lengths = rng.integers(0, 9, size=4000)
    words = np.ascontiguousarray(raw).view("<u8").ravel().copy()
    numbers, all_digits = sponsor_csv._eight_digit_numbers(words.copy(), lengths)
    texts = [bytes(row[8 - length :]) for row, length in zip(raw.tolist(), lengths.tolist(), strict=True)]
    assert all_digits == all(text.isdigit() for text in texts)
    for index, text in enumerate(texts):
        if text.isdigit() or not text:
            assert numbers[index] == int(text or b"0")
        single, ok = sponsor_csv._eight_digit_numbers(words[index : index + 1].copy(), lengths[index : index + 1])
        assert ok == (text.isdigit() or not text)


def test_the_joining_order_shortcut_finds_the_same_cycles_as_pointer_doubling():
    rng = np.random.default_rng(3)
    shortcut_taken = 0
    for _ in range(300):
        size = int(rng.integers(1, 40))
        sponsor = np.array([size] + [int(rng.integers(0, member)) for member in range(1, size)], dtype=np.int32)
        if rng.random() < 0.5 and size > 2:  # renumber the members: sponsors may come later
            order = rng.permutation(size)
            place = np.empty(size, dtype=np.int32)
            place[order] = np.arange(size, dtype=np.int32)
            renumbered = np.empty(size, dtype=np.int32)
            renumbered[place] = np.where(sponsor == size, size, place[np.minimum(sponsor, size - 1)])
            sponsor = renumbered
        if rng.random() < 0.3 and size > 2:  # a member sponsored by someone in their own downline
            member = int(rng.integers(1, size)) if sponsor[0] == size else int(rng.integers(0, size))
            if sponsor[member] != size:
                sponsor[member] = member
        parent = np.append(sponsor, size).astype(np.int32)
        _, reached = nw._levels_by_doubling(parent)
        expected = np.flatnonzero(reached[:size] != size).tolist()
        assert nw._members_off_the_founders_chain(parent).tolist() == expected
        shortcut_taken += bool(((parent[:size] < np.arange(size)) | (parent[:size] == size)).all())
    assert 50 < shortcut_taken < 300  # both ways were exercised


@pytest.mark.parametrize(
    ("data", "numbers_reader_takes_it"),
    [
        (b"member_id,sponsor_id,name\n-5,,Renee\n7,-5,Eve\n", True),  # words with e beside the ids
        (b"name,member_id,sponsor_id\nRenee,-5,\nEve,7,-5\n", True),  # (the general layout)
        (b"member_id,sponsor_id,name\n-5,,Renee\n100,1e2,Eve\n", False),  # an exponent in an id
        (b"name,member_id,sponsor_id\nRenee,-5,\nEve,100,1E2\n", False),
        (b"member_id,sponsor_id,name\n-5,,x\n-50,-5e1,y\n", False),
    ],
)
def test_the_pandas_number_reader_refuses_an_e_only_in_the_id_fields(tmp_path, monkeypatch, data, numbers_reader_takes_it):
    path = _write(tmp_path, data)
    assert _digits(path) is None  # (signs: not the digit reader's)
    taken = sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id") is not None
    assert taken == numbers_reader_takes_it
    assert _outcome(path) == _careful_outcome(path, monkeypatch)
