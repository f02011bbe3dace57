"""The fast reader of sponsor CSVs with plain whole-number ids, against the careful text reader."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from mlmkit import _sponsor_csv as sponsor_csv
from mlmkit import network as nw
from mlmkit._validation import MlmkitInputError

PLAIN = [
    b"member_id,sponsor_id\n1,\n2,1\n3,1\n",
    b"member_id,sponsor_id\n0,\n1,0\n10,1\n",
    b"member_id,sponsor_id,own_purchases_usd\n0,,100.0\n1,0,100.0\n2,1,0.5\n",
    b"member_id,sponsor_id\n-5,\n7,-5",  # no newline at the end; a negative id written plainly
    b"sponsor_id,name,member_id\n,Ana,10\n10,Bo,20\n",  # other order, more columns (no letter e: see the reader)
]

NOT_PLAIN = [
    b"member_id,sponsor_id\n007,\n7,007\n",  # leading zero
    b"member_id,sponsor_id\n1,\n2,+1\n",  # sign
    b"member_id,sponsor_id\n1,\n2, 1\n",  # space before
    b"member_id,sponsor_id\n1,\n2,1 \n",  # space after
    b"member_id,sponsor_id\n1,\n2,1.0\n",  # a float's text
    b"member_id,sponsor_id\n1,\n100,1e2\n",  # as long as its number's plain text
    b"member_id,sponsor_id\n1,\n2,NA\n",  # a name, not a missing value
    b"member_id,sponsor_id\n1,\n2,-0\n",
    b"member_id,sponsor_id\n1,\n2,1,5\n",  # a field too many
    b"member_id,sponsor_id,x\n1,,a\n2,1\n",  # a field too few (in a column not read)
    b"member_id,sponsor_id\n1,\n\n2,1\n",  # a blank line
    b"member_id,sponsor_id\r\n1,\r\n2,1\r\n",  # Windows line ends: the careful reader takes them
    b'member_id,sponsor_id\n1,\n2,"1"\n',  # quotes
    b"member_id,sponsor_id\n1,\n9007199254740993,1\n2,9007199254740993\n",  # beyond float64's whole numbers
]


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "downline.csv"
    path.write_bytes(data)
    return path


def _careful(path: Path) -> tuple:
    """What the loader makes of a file without the fast reader: the ids and tree, or the error."""
    fast = sponsor_csv.read_plain_number_ids
    sponsor_csv.read_plain_number_ids = lambda *args, **kwargs: None
    try:
        return _public(path)
    finally:
        sponsor_csv.read_plain_number_ids = fast


def _public(path: Path) -> tuple:
    try:
        network = nw.from_sponsor_table(path)
    except MlmkitInputError:
        return ("error",)
    return ("tree", [str(i) for i in network.ids.tolist()], network.parent.tolist())


@pytest.mark.parametrize("data", PLAIN)
def test_plain_files_take_the_fast_reader_and_build_the_same_tree(tmp_path, data):
    path = _write(tmp_path, data)
    assert sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id") is not None
    assert _public(path) == _careful(path)


@pytest.mark.parametrize("data", NOT_PLAIN)
def test_files_whose_ids_a_number_would_change_go_to_the_careful_readers(tmp_path, data):
    path = _write(tmp_path, data)
    assert sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id") is None
    assert _public(path) == _careful(path)


@pytest.mark.parametrize("block", [1, 2, 5, 64, 1 << 22])
def test_the_byte_check_gives_the_same_answer_in_any_block_size(tmp_path, block):
    for data in PLAIN[:3]:
        path = _write(tmp_path, data)
        assert sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id", chunk_bytes=block) is not None
    for data in NOT_PLAIN[:10]:
        path = _write(tmp_path, data)
        assert sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id", chunk_bytes=block) is None


def test_random_small_files_read_as_the_careful_reader_reads_them(tmp_path):
    tokens = ["0", "1", "2", "10", "007", "+1", " 1", "1 ", "1.0", "1e0", "1e1", "NA", "", "-1", "-0", "x", "01"]
    rng = random.Random(7)
    fast = 0
    for _ in range(400):
        size = rng.randint(1, 4)
        columns = rng.choice([2, 3])
        lines = ["member_id,sponsor_id" + (",note" if columns == 3 else "")]
        for member in range(size):
            row = [rng.choice(tokens[:5] + [str(member)] * 6)]
            row.append(rng.choice(tokens + [str(rng.randint(0, size))] * 6) if member else rng.choice(["", "", "0"]))
            row += ["x"] if columns == 3 else []
            if rng.random() < 0.05:
                row.append("9")
            if rng.random() < 0.05:
                row = row[:-1]
            lines.append(",".join(row))
        path = _write(tmp_path, ("\n".join(lines) + rng.choice(["\n", ""])).encode())
        fast += sponsor_csv.read_plain_number_ids(path, "member_id", "sponsor_id") is not None
        assert _public(path) == _careful(path), path.read_text()
    assert fast > 40  # the fast reader was really exercised


def test_plain_lengths_match_python():
    values = np.array([0, 9, 10, 99, 100, -1, -10, 10**18, 2**62, -(2**62), 2**63 - 1])
    assert sponsor_csv._plain_lengths(values).tolist() == [len(str(v)) for v in values.tolist()]
