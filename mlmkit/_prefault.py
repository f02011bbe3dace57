"""Asking the operating system for a big array's memory on the other core, while a loop runs.

The first write to each page of a new array costs the operating system's work: it finds a
page and clears it, and on a virtual machine whose host takes back the memory its guest
frees (as on the project's machine: virtio-balloon free page reporting) the host's work
too. There, memory a process has just been given was written at 0.29-0.38 GB/s, against
4-10 GB/s for memory written before (``make bench`` prints both). A compiled loop that fills
a 320 MB array as it goes (binary placement's records at 10,000,000 members) then stops at
every new page and waits.

:func:`pages_ready_in_background` hands that work to a second thread while the loop runs: the
thread asks the kernel to make the arrays' pages present (``madvise(MADV_POPULATE_WRITE)``,
Linux 5.14 and later), a block at a time from the start. It writes no data: a page already
present is left as it is, and one not present yet becomes a cleared page, as it would at
the loop's own first write, so the loop's results cannot change. Measured on the project's
machine (binary placement, 4 runs each, alternating, 5 s apart so that freed memory went
back to the host): 297 ns per member alone and 205 with the thread at 10,000,000 members;
at 100,000 and 1,000,000 members no gain (135 and 140, 167 and 181, within the runs'
spread), hence :data:`MIN_BYTES`.

Nothing happens where the call is not available (another operating system, an older
kernel, arrays smaller than :data:`MIN_BYTES`): the loop then writes its pages itself.
"""

from __future__ import annotations

import ctypes
import functools
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

__all__ = ["MIN_BYTES", "pages_ready_in_background"]

#: Arrays smaller than this in all (64 MB: binary placement's records at 2,000,000 members)
#: are left to the loop: a thread costs more than it saves there.
MIN_BYTES = 64 * 2**20

_MADV_POPULATE_WRITE = 23  # linux/mman.h
_PAGE = 4096
_BLOCK = 16 * 2**20  # asked for 16 MB at a time, from the start (where the loop begins)


@functools.cache
def _madvise() -> Callable[[int, int, int], int] | None:
    """libc's ``madvise`` (Linux only, looked up once), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).madvise
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def _populate(arrays: tuple[np.ndarray, ...], madvise: Callable[[int, int, int], int]) -> None:
    """Make every whole page of ``arrays`` present, a block at a time; stop at the first refusal."""
    for array in arrays:
        start = array.ctypes.data
        end = start + array.nbytes
        page = -(-start // _PAGE) * _PAGE  # the first whole page (the partial one: the loop's)
        while page + _PAGE <= end:
            length = min(_BLOCK, (end - page) // _PAGE * _PAGE)
            if madvise(page, length, _MADV_POPULATE_WRITE) != 0:
                return  # not supported here (kernel before 5.14): the loop writes its own pages
            page += length


@contextmanager
def pages_ready_in_background(*arrays: np.ndarray, min_bytes: int = MIN_BYTES) -> Iterator[bool]:
    """While the ``with`` block runs, a second thread makes the arrays' memory present.

    Parameters
    ----------
    *arrays : numpy.ndarray
        Contiguous arrays the block will write (e.g. new ``np.empty`` arrays a compiled loop fills).
    min_bytes : int
        Below this many bytes in all, no thread is started.

    Yields
    ------
    bool
        True when the thread was started. The block must not free the arrays; the thread is
        waited for when the block ends.

    Examples
    --------
    >>> import numpy as np
    >>> values = np.empty(1000)
    >>> with pages_ready_in_background(values) as started:
    ...     values[:] = 1.0
    >>> started, float(values.sum())  # a thousand floats: too small for a thread
    (False, 1000.0)
    """
    madvise = _madvise()
    if madvise is None or sum(array.nbytes for array in arrays) < min_bytes:
        yield False
        return
    helper = threading.Thread(target=_populate, args=(arrays, madvise), name="mlmkit-pages", daemon=True)
    helper.start()
    try:
        yield True
    finally:
        helper.join()
