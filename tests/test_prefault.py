"""mlmkit._prefault: a big new array's pages made present on a second thread, data untouched."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

from mlmkit._prefault import MIN_BYTES, pages_ready_in_background


def _resident_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _kernel_at_least(major: int, minor: int) -> bool:
    release = os.uname().release.split(".")
    try:
        return (int(release[0]), int(release[1].split("-")[0])) >= (major, minor)
    except (ValueError, IndexError):
        return False


linux_5_14 = pytest.mark.skipif(not sys.platform.startswith("linux") or not _kernel_at_least(5, 14),
                                reason="MADV_POPULATE_WRITE needs Linux 5.14 or later")


@linux_5_14
def test_the_thread_makes_the_pages_present_without_the_loop_writing_them():
    values = np.empty(48 * 2**20 // 8)  # 48 MB, never written here
    before = _resident_kb()
    with pages_ready_in_background(values, min_bytes=0) as started:
        pass
    assert started
    assert _resident_kb() - before > 40 * 1024  # the pages are there (about 48 MB more resident)


@linux_5_14
@pytest.mark.parametrize("megabytes", [1, 17, 40])
def test_what_the_loop_writes_meanwhile_is_kept(megabytes):
    count = megabytes * 2**20 // 4
    records = np.empty(count, dtype=np.int32)
    levels = np.empty(count // 3 + 5, dtype=np.int32)
    with pages_ready_in_background(records, levels, min_bytes=0) as started:
        records[:] = np.arange(count, dtype=np.int32)  # written while the thread works
        levels[::2] = -7
        levels[1::2] = 3
    assert started
    assert np.array_equal(records, np.arange(count, dtype=np.int32))
    assert (levels[::2] == -7).all() and (levels[1::2] == 3).all()


def test_small_arrays_start_no_thread():
    values = np.empty(1000)
    with pages_ready_in_background(values) as started:
        values[:] = 2.0
    assert started is False and MIN_BYTES >= 2**20
    assert values.sum() == 2000.0
