"""Optional compiled placement loops (numba): the placement rules of placement, lean.

Placement in joining order is sequential by nature (each placement changes the open
places), so :mod:`mlmkit.plans.placement` runs it as a tight Python loop. When the optional
``numba`` package is installed (``pip install mlmkit[fast]``), the loops here run compiled;
the Python loops stay the reference and the tests compare the two on random trees.

The loops here place exactly like the reference but keep far less state, which is what
makes them fast at ten million members (the time goes to cache misses, not arithmetic):

- one ``int32`` record per member holds everything a step reads about it: its places
  (children), its placement parent, its spillover cursor, its placement level, its
  right-hand neighbour on its level once known, the first and last member of its cursor's
  level (and, for ``weaker_leg``, how many members sit below it), so a step touches a
  member once; the records start on a cache line (binary: 8 x 4 bytes, one line each);
- no queue of candidate places. A spilling sponsor's candidates are its placement
  downline in breadth-first order, and every candidate already passed over is full, so
  that part of the downline is a complete tree: the next candidate is the passed one's
  right-hand neighbour on its level, found once from the parent links (the next place of
  its parent, or the first place of the parent's neighbour, known by then; climbing further
  and coming back down the first places only where it is not) and then kept (the places
  between two neighbours are all taken, so it never changes).
  Only the cursor and the first and last member of its level are stored per sponsor
  (the next level starts below the first: no walk down from the sponsor);
- members join in order, so the loop knows which records it will need: 64 members ahead
  it asks the CPU to fetch the sponsor's record, 32 ahead the record under that sponsor's
  spillover cursor (an LLVM prefetch hint: no effect on the result). For ``left_first`` in a
  binary plan it also starts *walks ahead* 32 members ahead: a full sponsor's cursor is moved
  on, one place per member placed, past places already full, before that sponsor's recruit joins, with
  the CPU asked for each record a step before it is read (:func:`_place_left_first`). The
  walks' reads then overlap instead of waiting on each other; the placement is the same
  (a full place stays full). Measured against the loop before the walks (which had a third
  hint stage instead), in one process, alternating, 11 runs each, load about 1: binary
  placement 10% faster at 1,000,000 members and 17% at 10,000,000 (306 to 254 ns per member,
  medians), with walks started 16 members ahead. Three changes then took another 17% off at
  10,000,000 members (222 to 185 ns per member, medians of 7 runs alternating in one process;
  1,000,000 unchanged, 100,000 about 10% slower, 88 to 98 ns): a walk starts after the
  step's other walks have moved (it used to be moved in the step it started, so its first
  read waited for the record it had just asked for: 0.27 reads per member that no hint
  covered, traced at 200,000 members), a sponsor's first spill starts a walk too, and walks
  start 32 members ahead instead of 16 (a member whose walk had not reached an open place
  when the member joined passed 0.35 places per member in the loop itself, each a wait;
  0.22 with 32). A 3-wide matrix was no faster with walks (within 3% either way) while reading more
  records (counted, 2.9 / 3.6 / 3.9 per member at 100,000 / 1,000,000 / 10,000,000 against
  1.9 / 2.2 / 2.3), so a matrix keeps the third hint stage instead: 16 members ahead, the first
  record the walk past a full cursor reads (about 7% faster for a 3-wide matrix).
  The work per member is nearly constant from 100,000 to 10,000,000 members (counted by
  :func:`place_counted`, every record of another member read, the walks ahead's included:
  6.7 / 7.2 / 7.3 binary, 1.9 / 2.2 / 2.3 for a 3-wide matrix, size^1.02 and 1.04); the time per
  member still grows with size because the records outgrow the caches: the same reads,
  traced (:func:`place_traced`) and replayed in order with none waiting on another, grow
  about as fast (``make bench``). Before the walks ahead, counted at 10,000,000 members
  (binary), about 2.9 of a member's 3.7 reads of other records were not touched in the
  previous 100,000 steps (1.0 at 1,000,000, none at 100,000): those far reads, not more
  work, are the growth.

For ``left_first`` the records are not filled beforehand (a member's record is written whole
when it is placed, and no record is read before), and the loop writes each member's
placement parent and level straight into the two result arrays, in joining order: two
passes over the records fewer (at 10,000,000 binary members the fill and picking the two
columns took about 0.2-0.3 s of CPU time, the loop about 3 s).

The records, and the two result arrays, are new memory whose pages the operating system
supplies at the loop's first write to each; from 64 MB on, a second thread asks for them
while the loop runs (:func:`mlmkit._prefault.pages_ready_in_background`; on the project's
machine binary placement at 10,000,000 members went from 2.35-2.50 s to 1.84-1.96 s,
medians of 3 fresh processes, two rounds alternating with the loop alone).

Nothing here is imported unless numba is present; the functions also run as plain Python
(slowly), which the tests use to compare them with the reference loops on small trees.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np

from mlmkit._prefault import pages_ready_in_background
from mlmkit.plans import _downline_counts as counts

numba: Any
try:  # an optional extra: everything works without it (imported by name: mypy-clean with or without it)
    numba = importlib.import_module("numba")
    importlib.import_module("numba.extending")  # intrinsic / overload for the prefetch hint
except ImportError:  # pragma: no cover - depends on the installation
    numba = None

__all__ = ["available", "place", "place_counted", "place_traced"]


def available() -> bool:
    """True when the compiled placement loops can be used (numba is installed)."""
    return numba is not None


def _read(work: np.ndarray, kind: int, row: int) -> None:
    """Count a read of another member's record (``work[kind]``) and, when ``work`` has room
    beyond its five counters and the trace's length (:func:`place_traced`), note which record:
    ``work[5]`` records noted so far, the rows from ``work[6]`` on. Only the counted and traced
    loops call it."""
    work[kind] += 1
    if len(work) > 6:
        work[6 + work[5]] = row
        work[5] += 1


def _next_candidate(state: np.ndarray, node: int, spill: int, width: int, work: Any = None) -> int:
    """The place after ``node`` in ``spill``'s placement downline, breadth first.

    Every member before ``node`` in that order (and ``node`` itself) is full, so the
    downline down to ``node``'s level is complete. Columns: ``width`` placement parent,
    ``width + 3`` the member's right-hand neighbour on its level once known (it never
    changes: the places between are all taken), ``width + 4`` and ``width + 5`` (of the
    spilling member) the last and the first member of the level its cursor is on.
    When ``node`` is the last place of its parent, the next place is the first place of the
    parent's right-hand neighbour, known once the cursor has passed the parent's level (it
    has: breadth first); only when it is not known yet does the walk climb further.
    ``work`` (optional, for :func:`place_counted` and :func:`place_traced`): ``work[2]``
    counts the records read here besides ``node``'s (the level's first member, the climb and
    the way back down; see :func:`_read`).
    """
    if width == 1:
        return state[node, 0]
    up, right, end, first = width, width + 3, width + 4, width + 5
    if node == state[spill, end]:  # the end of this level: the first place one level deeper
        state[spill, end] = state[node, width - 1]
        level_first = state[spill, first]
        node = state[level_first, 0]
        state[spill, first] = node
        if work is not None:
            _read(work, 2, level_first)
        return node
    known = state[node, right]
    if known >= 0:
        return known
    start = node
    climbs = 0
    while True:  # climb while the member is the last of its parent's places, step right
        above = state[node, up]
        slot = 0
        while state[above, slot] != node:
            slot += 1
        if work is not None:
            _read(work, 2, above)
        if slot < width - 1:
            node = state[above, slot + 1]
            break
        climbs += 1
        beside = state[above, right]
        if beside >= 0:  # the parent's right-hand neighbour is known (its level was passed): no higher
            node = beside
            break
        node = above
    for _ in range(climbs):  # and come back down the first places
        if work is not None:
            _read(work, 2, node)
        node = state[node, 0]
    state[start, right] = node
    return node


#: How many members ahead the joining-order loop asks the CPU for the records it will need.
_AHEAD = 64


def _prefetch(state: np.ndarray, row: int) -> None:
    """Ask the CPU to start loading ``state[row]`` (compiled: a prefetch hint; plain Python: nothing)."""


def _prefetch_rows(parent: np.ndarray, state: np.ndarray, position: int, width: int) -> None:
    """Prefetch the sponsor's record of the member ``_AHEAD`` steps later, and the spillover
    cursor's record of the member half as far ahead (its sponsor's record is in cache by then).

    Only hints: a record that changes in between is simply read again when needed.
    """
    size = len(parent) - 1
    later = parent[position + _AHEAD]
    if later < size:
        _prefetch(state, later)
    soon = parent[position + _AHEAD // 2]
    if soon < position and state[soon, width - 1] >= 0:  # (a record is read only once its member is placed)
        target = state[soon, width + 1]
        if target < 0:  # the first spill starts at the sponsor's first place
            target = state[soon, 0]
        _prefetch(state, target)


#: ``left_first``: how many members ahead the loop starts walking a full sponsor's spillover
#: cursor forward (the walks ahead, see :func:`_place_left_first`), and how many such walks
#: may be under way at once.
_WALK_AHEAD = 32
_WALKS = 32


def _prefetch_walk(parent: np.ndarray, state: np.ndarray, position: int, width: int) -> None:
    """A third stage for ``left_first`` in a matrix (width 3 or more; a binary plan runs the walks
    ahead instead, see :func:`_place_left_first`): the first record the spillover walk of the
    member ``_AHEAD // 4`` steps later reads past its sponsor's cursor.

    By then the sponsor's and the cursor's records are in cache (the two stages of
    :func:`_prefetch_rows`), so reading them here does not wait; the hint names the cursor's
    right-hand neighbour when it is known and the cursor is full, the first member of the
    cursor's level when the cursor ends that level, or the cursor's placement parent (where a
    climb starts) otherwise. Only a hint: a record that changes in between is read again.
    """
    sponsor = parent[position + _AHEAD // 4]
    if sponsor >= position or state[sponsor, width - 1] < 0:  # not placed yet (or the founder's sentinel)
        return
    target = state[sponsor, width + 1]
    if target < 0 or state[target, width - 1] < 0:  # no cursor yet, or the cursor still has a place
        return
    if target == state[sponsor, width + 4]:
        row = state[sponsor, width + 5]
    else:
        row = state[target, width + 3]
        if row < 0:
            row = state[target, width]
    if row >= 0:
        _prefetch(state, row)


def _records(size: int, columns: int, fill: bool = True) -> np.ndarray:
    """``size`` x ``columns`` int32 records, all -1, starting on a 64-byte cache line.

    With 8 columns (binary) a record then never straddles two cache lines. ``fill=False``
    leaves them unset, for :func:`_place_left_first`, which writes a member's whole record
    when it places the member (and reads no record before): one pass over the memory fewer.
    """
    flat = np.empty(size * columns + 16, dtype=np.int32)
    skip = (-flat.ctypes.data % 64) // 4
    records = flat[skip : skip + size * columns].reshape(size, columns)
    if fill:
        records.fill(-1)
    return records


def _columns(width: int, weaker_leg: bool) -> int:
    """Columns of a state record (see :func:`_place`)."""
    return width + (7 if weaker_leg else 6)


def _place_left_first(
    parent: np.ndarray, order: np.ndarray, width: int, state: np.ndarray, placed: np.ndarray, levels: np.ndarray,
    work: Any = None,
) -> np.ndarray:
    """:func:`_place` for ``left_first``: the same loop without the weaker leg's counts.

    Kept apart because the weaker leg's extra state (the link-cut arrays) made the compiled
    loop about 1.5-2x slower for ``left_first`` too (measured at 1,000,000 members).
    ``state`` need not be filled: a member's record is written whole when the member is
    placed, and only placed members' records are read. Each member's placement parent
    (``size`` for the founder) and level also go straight to ``placed`` and ``levels``
    (written in joining order: no second pass over the records to pick those columns).
    In joining order in a binary plan (``width`` 2) the loop also runs *walks ahead*: the
    member ``_WALK_AHEAD`` places later, whose sponsor is full, gets a walk (started after the
    step's other walks have moved, from the sponsor's cursor or, at the sponsor's first spill,
    from its first place), and every member placed moves every walk one candidate on, past a place already
    full, asking the CPU for the record the next step reads. The walks' reads then overlap
    with each other and with the placing, instead of each waiting for the one before. That
    changes nothing placed: a full place stays full, so a cursor moved past full places
    earlier is where the member's own walk would have moved it (to the first open place
    after them). A walk ends at an open place or once its member is placed; a step that needs
    a record not asked for yet (the first member of the next level, or a parent to climb to)
    asks for it and waits one member. (Written out in the loop: as a separate compiled
    function the same steps ran about 1.7x slower.) A matrix (``width`` 3 or more) gets the
    third hint stage instead (:func:`_prefetch_walk`; see the module's notes).

    ``work`` (optional, for :func:`place_counted` and :func:`place_traced`; compiled apart,
    so the timed loop carries no counting): ``work[0]`` members placed below a full sponsor
    (its cursor's record read), ``work[1]`` candidate places passed over, ``work[2]`` see
    :func:`_next_candidate`, ``work[3]`` sponsors' records read, ``work[4]`` the walks
    ahead's reads of the sponsor's and the cursor's records (see :func:`_read`).
    """
    size = len(parent) - 1
    up, cursor, level, end, first = width, width + 1, width + 2, width + 4, width + 5  # see _place
    joining = len(order) == 0
    walk_sponsor = np.empty(_WALKS, dtype=np.int64)  # the walks ahead (see above)
    walk_member = np.empty(_WALKS, dtype=np.int64)
    walk_waited = np.zeros(_WALKS, dtype=np.int64)
    walks = 0
    for position in range(size):
        if joining:
            if position + _AHEAD < size:  # ask for the records later steps will need
                _prefetch_rows(parent, state, position, width)
                if width > 2:
                    _prefetch_walk(parent, state, position, width)
            index = 0
            while index < walks:
                ahead = walk_sponsor[index]
                done = walk_member[index] <= position
                if not done:
                    spot = state[ahead, cursor]
                    if work is not None:
                        _read(work, 4, ahead)
                        _read(work, 4, spot)
                    if state[spot, width - 1] < 0:
                        done = True
                    else:
                        needed = -1
                        if walk_waited[index] == 0:
                            if spot == state[ahead, end]:
                                needed = state[ahead, first]
                            elif state[spot, width + 3] < 0:
                                needed = state[spot, up]
                        if needed >= 0:
                            _prefetch(state, needed)
                            walk_waited[index] = 1
                        else:
                            if work is None:
                                spot = _next_candidate(state, spot, ahead, width)
                            else:
                                spot = _next_candidate(state, spot, ahead, width, work)
                            state[ahead, cursor] = spot
                            _prefetch(state, spot)
                            walk_waited[index] = 0
                if done:
                    walks -= 1
                    walk_sponsor[index] = walk_sponsor[walks]
                    walk_member[index] = walk_member[walks]
                    walk_waited[index] = walk_waited[walks]
                else:
                    index += 1
            # a walk ahead for a coming member (see above), started after this step's walks
            # moved: its first record, asked for now, is read one member later
            coming = position + _WALK_AHEAD
            if width == 2 and coming < size and walks < _WALKS:
                ahead = parent[coming]
                if ahead < position and state[ahead, width - 1] >= 0:
                    spot = state[ahead, cursor]
                    if spot < 0:  # its first spill: start where the member's own step would
                        # (the main loop's first-spill steps, written out again: as one small compiled
                        # function called from both places, binary placement ran about 10% slower)
                        spot = state[ahead, 0]
                        state[ahead, end] = state[ahead, width - 1]
                        state[ahead, first] = spot
                        state[ahead, cursor] = spot
                    walk_sponsor[walks] = ahead
                    walk_member[walks] = coming
                    walk_waited[walks] = 0
                    walks += 1
                    _prefetch(state, spot)
        member = position if joining else order[position]
        sponsor = parent[member]
        for column in range(width + 6):  # the member's own record, written whole
            state[member, column] = -1
        if sponsor == size:
            state[member, level] = 0
            placed[member] = size
            levels[member] = 0
            continue
        if work is not None:
            _read(work, 3, sponsor)
        if state[sponsor, width - 1] < 0:  # an open place directly below the sponsor
            target = sponsor
        else:
            target = state[sponsor, cursor]
            if target < 0:  # first spill: the first level below is full
                target = state[sponsor, 0]
                state[sponsor, end] = state[sponsor, width - 1]
                state[sponsor, first] = target
            if work is not None:
                _read(work, 0, target)
            while state[target, width - 1] >= 0:  # full: the next place breadth first
                if work is None:
                    target = _next_candidate(state, target, sponsor, width)
                else:
                    target = _next_candidate(state, target, sponsor, width, work)
                    _read(work, 1, target)
            state[sponsor, cursor] = target
        slot = 0
        while state[target, slot] >= 0:
            slot += 1
        state[target, slot] = member
        state[member, up] = target
        depth = state[target, level] + 1
        state[member, level] = depth
        placed[member] = target
        levels[member] = depth
    return state


def _place(parent: np.ndarray, order: np.ndarray, width: int, weaker_leg: bool, state: np.ndarray) -> np.ndarray:
    """Place every member in ``state`` (from :func:`_records`) and return it.

    ``parent`` is the sponsor tree in sentinel layout (``parent[m] == len(parent) - 1`` for
    the founder); ``order`` lists members in placement order, or is empty for ``0, 1, ...``.
    Columns of the result: ``0 .. width-1`` places (``-1`` open), ``width`` placement parent
    (``-1`` for the founder), ``width + 1`` spillover cursor, ``width + 2`` placement level,
    ``width + 3`` right-hand neighbour, ``width + 4`` and ``width + 5`` the last and first
    member of the cursor's level, ``width + 6`` (weaker leg only) members below.
    """
    if not weaker_leg:
        size = len(parent) - 1
        placed = np.empty(size, dtype=np.int32)
        levels = np.empty(size, dtype=np.int32)
        return _place_left_first(parent, order, width, state, placed, levels)
    size = len(parent) - 1
    up, cursor, level, end, first = width, width + 1, width + 2, width + 4, width + 5  # see above
    below = width + 6
    joining = len(order) == 0
    # weaker leg: the counts of members below walk up while that is cheap, then move into
    # a link-cut tree (mlmkit.plans._downline_counts), so a long line is never quadratic
    budget = _WALK_BUDGET * size
    walked = 0
    linked = False
    links_up = np.empty(0, dtype=np.int64)
    lower = np.empty(0, dtype=np.int64)
    upper = np.empty(0, dtype=np.int64)
    pending = np.empty(0, dtype=np.int64)
    stack = np.empty(0, dtype=np.int64)
    below_count = np.empty(0, dtype=np.int64)
    for position in range(size):
        if joining and position + _AHEAD < size:  # ask for the records a later step will need
            _prefetch_rows(parent, state, position, width)
        member = position if joining else order[position]
        sponsor = parent[member]
        if sponsor == size:
            state[member, level] = 0
            if weaker_leg:
                state[member, below] = 0
            continue
        if state[sponsor, width - 1] < 0:  # an open place directly below the sponsor
            target = sponsor
        else:
            spill = sponsor
            if weaker_leg:
                left = state[sponsor, 0]
                right = state[sponsor, 1]
                if linked:
                    on_left = _count_value(left, links_up, lower, upper, below_count, pending, stack)
                    on_right = _count_value(right, links_up, lower, upper, below_count, pending, stack)
                else:
                    on_left = state[left, below]
                    on_right = state[right, below]
                spill = left if on_left <= on_right else right
            if weaker_leg and state[spill, width - 1] < 0:
                target = spill
            else:
                target = state[spill, cursor]
                if target < 0:  # first spill: the first level below is full
                    target = state[spill, 0]
                    state[spill, end] = state[spill, width - 1]
                    state[spill, first] = target
                while state[target, width - 1] >= 0:  # full: the next place breadth first
                    target = _next_candidate(state, target, spill, width)
                state[spill, cursor] = target
        slot = 0
        while state[target, slot] >= 0:
            slot += 1
        state[target, slot] = member
        state[member, up] = target
        state[member, level] = state[target, level] + 1
        if weaker_leg:
            state[member, below] = 0
            if linked:
                links_up[member] = target
                _count_add_path(target, links_up, lower, upper, below_count, pending, stack)
                continue
            node = target
            while node >= 0:
                state[node, below] += 1
                node = state[node, up]
                walked += 1
            if walked > budget:  # switch: every member placed so far points at its parent
                linked = True
                links_up = state[:, up].astype(np.int64)
                below_count = state[:, below].astype(np.int64)
                lower = np.full(size, -1, dtype=np.int64)
                upper = np.full(size, -1, dtype=np.int64)
                pending = np.zeros(size, dtype=np.int64)
                stack = np.zeros(size, dtype=np.int64)
    return state  # (once linked, the below column is no longer kept: only the placement is returned)


_WALK_BUDGET = counts.WALK_BUDGET
_count_value = counts.value
_count_add_path = counts.add_path
if numba is not None:
    _twins = counts.compiled(numba.njit(cache=True, nogil=True))
    _count_value = _twins.value
    _count_add_path = _twins.add_path

    @numba.extending.intrinsic
    def _prefetch_hint(typingctx: Any, records: Any, row: Any) -> Any:
        """LLVM's prefetch of ``records[row, 0]`` (read, keep in all cache levels)."""
        ir = importlib.import_module("llvmlite.ir")  # numba's own dependency
        cgutils = importlib.import_module("numba.core.cgutils")

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            array_type, row_type = signature.args
            array = context.make_array(array_type)(context, builder, args[0])
            index = context.cast(builder, args[1], row_type, numba.types.intp)
            zero = context.get_constant(numba.types.intp, 0)
            pointer = cgutils.get_item_pointer2(
                context, builder, data=array.data, shape=cgutils.unpack_tuple(builder, array.shape),
                strides=cgutils.unpack_tuple(builder, array.strides), layout=array_type.layout,
                inds=[index, zero], wraparound=False, boundscheck=False,
            )
            byte_pointer = ir.IntType(8).as_pointer()
            int32 = ir.IntType(32)
            hint = cgutils.get_or_insert_function(
                builder.module, ir.FunctionType(ir.VoidType(), [byte_pointer, int32, int32, int32]),
                "llvm.prefetch.p0i8",
            )
            builder.call(hint, [builder.bitcast(pointer, byte_pointer), int32(0), int32(3), int32(1)])
            return context.get_dummy_value()

        return numba.types.void(records, row), codegen

    @numba.extending.overload(_prefetch)
    def _prefetch_compiled(state: Any, row: Any) -> Any:
        def implementation(state: Any, row: Any) -> Any:  # the same signature, as numba requires
            _prefetch_hint(state, row)

        return implementation

    _read = numba.njit(cache=True, nogil=True)(_read)
    _prefetch_rows = numba.njit(cache=True, nogil=True)(_prefetch_rows)
    _prefetch_walk = numba.njit(cache=True, nogil=True)(_prefetch_walk)
    _next_candidate = numba.njit(cache=True, nogil=True)(_next_candidate)
    _place_left_first = numba.njit(cache=True, nogil=True)(_place_left_first)
    _place_jit = numba.njit(cache=True, nogil=True)(_place)
else:  # the functions above still run as plain Python (slowly), e.g. for a test of the twins
    _place_jit = _place


def place(parent: Any, order: Any, width: int, weaker_leg: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Compiled placement: the placement tree's parent array (sentinel layout) and levels.

    Parameters
    ----------
    parent : numpy.ndarray
        The sponsor tree in the sentinel layout of :attr:`mlmkit.network.Network.parent`.
    order : numpy.ndarray or None
        Members in placement order (a sponsor before a recruit), None for joining order.
    width : int
        Places below each member.
    weaker_leg : bool
        The ``weaker_leg`` rule (``width`` 2) instead of ``left_first``.

    Returns
    -------
    tuple of numpy.ndarray
        ``int32`` placement parents of length ``size + 1`` (founder and sentinel hold
        ``size``), and ``int32`` placement levels (founder 0).
    """
    parent = np.asarray(parent, dtype=np.int32)
    size = len(parent) - 1
    members = np.empty(0, dtype=np.int32) if order is None else np.asarray(order, dtype=np.int32)
    if not weaker_leg:  # the loop writes the two results itself (and each record whole)
        placed = np.empty(size + 1, dtype=np.int32)
        level = np.empty(size, dtype=np.int32)
        records = _records(size, _columns(int(width), False), fill=False)
        # new memory: its pages are made present on another thread while the loop runs (mlmkit._prefault)
        with pages_ready_in_background(records, placed, level):
            _place_left_first(parent, members, int(width), records, placed, level)
        del records
        placed[-1] = size
        return placed, level
    state = _records(size, _columns(int(width), True))
    state = _place_jit(parent, members, int(width), True, state)
    placed = np.empty(size + 1, dtype=np.int32)
    placed[:-1] = state[:, width]
    placed[placed < 0] = size
    placed[-1] = size
    level = state[:, width + 2].copy()
    return placed, level


def place_counted(parent: Any, width: int) -> dict[str, float]:
    """The work of :func:`place` (``left_first``, joining order), counted, per member.

    Reads of other members' records per member: the sponsor's, the cursor's when the
    sponsor is full, one per candidate place passed over, and those the walk to the next
    candidate reads (:func:`_next_candidate`), and the walks ahead's reads of the sponsor's
    and the cursor's records (:func:`_place_left_first`). Constant per member at every size
    if the loop's work is linear (the benchmarks print it beside the time: ``make bench``).

    Parameters
    ----------
    parent : numpy.ndarray
        The sponsor tree in the sentinel layout, members numbered in joining order.
    width : int
        Places below each member.

    Returns
    -------
    dict
        ``records_read_per_member`` and its parts: ``spilled``, ``candidates_passed``,
        ``walk_reads`` and ``read_ahead`` (each per member).

    Examples
    --------
    >>> import numpy as np
    >>> counted = place_counted(np.array([5, 0, 0, 0, 0, 5], dtype=np.int32), 2)  # a founder and 4 recruits
    >>> counted["spilled"], counted["candidates_passed"]  # the 3rd and 4th go below the 1st
    (0.4, 0.0)
    >>> counted["records_read_per_member"]  # 4 sponsors' records + 2 cursors', over 5 members
    1.2
    """
    parent = np.asarray(parent, dtype=np.int32)
    size = len(parent) - 1
    work = _run_counted(parent, int(width), np.zeros(6, dtype=np.int64))
    spilled, passed, walked, sponsored, ahead = (int(count) for count in work[:5])
    return {
        "records_read_per_member": (sponsored + spilled + passed + walked + ahead) / size,
        "spilled": spilled / size,
        "candidates_passed": passed / size,
        "walk_reads": walked / size,
        "read_ahead": ahead / size,
    }


def place_traced(parent: Any, width: int) -> np.ndarray:
    """The records of other members :func:`place` reads (``left_first``, joining order), in order.

    The same reads :func:`place_counted` counts: for each member its sponsor's record, then,
    when the sponsor is full, the cursor's record, each candidate place passed over and the
    records the walk to the next candidate reads, and the walks ahead's reads. The benchmarks
    read these rows again in the same order with no read waiting on another (``make bench``:
    what the loop would cost if its reads did not depend on each other, at each size).

    Parameters
    ----------
    parent : numpy.ndarray
        The sponsor tree in the sentinel layout, members numbered in joining order.
    width : int
        Places below each member.

    Returns
    -------
    numpy.ndarray
        ``int64`` member numbers, one per record read.

    Examples
    --------
    >>> import numpy as np
    >>> parent = np.array([5, 0, 0, 0, 0, 5], dtype=np.int32)  # a founder and 4 recruits
    >>> place_traced(parent, 2).tolist()  # 4 sponsor reads; the 3rd and 4th also read member 1
    [0, 0, 0, 1, 0, 1]
    >>> len(place_traced(parent, 2)) == round(place_counted(parent, 2)["records_read_per_member"] * 5)
    True
    """
    parent = np.asarray(parent, dtype=np.int32)
    counted = _run_counted(parent, int(width), np.zeros(6, dtype=np.int64))
    reads = int(counted[:5].sum())  # every read counted: the trace's length
    work = _run_counted(parent, int(width), np.zeros(6 + reads, dtype=np.int64))
    return work[6 : 6 + int(work[5])].copy()


def _run_counted(parent: np.ndarray, width: int, work: np.ndarray) -> np.ndarray:
    """Run the counted loop (joining order) with ``work`` (see :func:`_read`) and return it."""
    size = len(parent) - 1
    placed = np.empty(size, dtype=np.int32)
    levels = np.empty(size, dtype=np.int32)
    _place_left_first(parent, np.empty(0, dtype=np.int32), width, _records(size, _columns(width, False), fill=False),
                      placed, levels, work)
    return work
