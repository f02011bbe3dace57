"""Speed and memory of the pay-plan engine (``make bench``; not a unit test).

Workload W1 (issue 3): a seeded random recruiting tree in which each new member is
sponsored by a uniformly chosen earlier member of level 7 or less (depth at most 8), one
purchase of USD 100 by every member. The tree is built once and kept in
``build/bench-cache`` (not timed); each run loads it in a fresh process.

Every plan is measured with ``payouts()`` (checks, the member table and the money check
included) and, beside it, a *floor*: a minimal numpy pass doing the same sums on the same
tree with no checks and no table (see :func:`floor_unilevel` and friends). The report
prints each plan's ratio to its floor (goal: 1.3 or less at 1,000,000 and 10,000,000).

The goal is judged on *back-to-back* rows (as the CSV comparison in ``bench_w1.py``): at
those sizes each fresh process times the floor and the payout in turn, :data:`PAIRS` times,
in alternating order (floor first, then payout first, ...); the row reports the payout's
median time, and the ratio is the median, over the row's processes, of each process's own
ratio of the two medians. The separate rows (one call per fresh process) measured a floor's own time
moving by up to 45% between quiet runs at 10,000,000 members, enough to swing a ratio
across 1.3 while the payout and the floor, timed side by side, moved together. Before
each payout call the network drops what the previous call cached on it (its sponsor and id
columns), so every call does the work of a first call. The ratios of the separate rows are
printed too, without a goal.

With the optional numba extra installed, binary and matrix placement of 100,000 members or
more runs compiled, and so does the binary legs' sweep; importing numba and loading that
compiled code (about 0.5-1 s per process, once; the first run ever also compiles it, about
10 s, and caches it on disk) happens before the clock. Goals at 10,000,000 members: every plan, placement included, in 5 s or less, using at
most 100 bytes per member of memory beyond the network and its inputs; the four goal rows run
twice, with all volume from members' own purchases and again with retail sales
(:data:`RETAIL_MAX_USD`), which cost more memory.

Growth: the report fits time ~ size^k from 100,000 to 10,000,000 members for every plan's
payout, placement included (:data:`SCALING`), and judges it as the issue asks (linear; the
project's tolerance is size^1.05, :data:`GROWTH_GOAL`): a row over it says NO. It also fits, and
prints without a goal, the payouts with placement cached, placement alone and the floors
(:data:`INFO_SCALING`). On this shared machine time's growth measures the machine's memory as
much as the code (which is why the floors are printed beside it). A loop
whose work is linear by construction (the floor, :func:`floor_placement`: each member only
reads its sponsor's record) measured size^1.01 to size^1.16 between quiet runs, and the
binary payout on an already placed tree, whole-array numpy, size^0.91 in one run and
size^1.12 in another: a fixed threshold on time can call a linear loop non-linear depending
on the host's load, and the report then says so rather than hide the row. Placement reads
records scattered as the sponsors are, which fit the processor's caches at 100,000 members
and not at 10,000,000, so its time per member grows although its work per member does not.
Two yardsticks are printed beside it: the very records binary placement reads, traced and
read again in the same order with no read waiting on another (:func:`floor_replay`: 14 / 23 /
32 ns per member, size^1.17, where placement itself grew as size^1.19, before the binary loop's
walks ahead; 19 / 43 / 51 ns, size^1.21, and placement size^1.09 with walks 16 members ahead;
13 / 31 / 60 ns, size^1.33, and placement size^1.12 with walks 32 ahead), and the issue's
own floor, the minimal numpy unilevel pass. A third shows the machine itself
(:func:`floor_chase`): one read per member, each waiting on the one before, over records of
the same size; its time per read is the memory's latency at that size (33 / 130 / 164 ns per
read at 100,000 / 1,000,000 / 10,000,000 members on a quiet machine, size^1.35; 53 / 141 /
180 ns, size^1.27, on a loaded one). A fourth (:func:`floor_fresh_memory`) writes binary
placement's records once, nothing more: the machine's cost of memory a process has just been
given. On the project's machine (a virtual machine whose host takes back the memory it frees)
binary placement at 10,000,000 members took 334 ns per member with its records in such memory
and 184 ns with them written beforehand (median of 3 each, alternating in one process; 109 and
112 ns at 100,000 members, 163 and 148 at 1,000,000); written beforehand it still grew as
size^1.11, the caches' part.

The work is judged too, counted (:data:`WORK_COUNTED`): the records of other
members the placement loop reads, per member, at every size
(``mlmkit.plans._placement_kernel.place_counted``), its growth fitted the same way, with the
goal size^1.05 or less (counts do not vary between runs). The payouts are whole-array passes,
a fixed number per level paid, so their work is linear by construction.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
from harness import CACHE, Case, in_turn  # type: ignore[import-not-found]

SEED = 2026
PURCHASE_USD = 100.0
LEVEL_RATES = (0.10, 0.05, 0.05, 0.03, 0.03, 0.02, 0.02)
MATRIX_RATES = (0.05,) * 7
PAIRING_RATE = 0.10
GOAL_SECONDS_10M = 5.0
GOAL_BYTES_PER_MEMBER = 100.0
#: Sizes at which the ratio to the floor is checked (issue 12).
RATIO_SIZES = (1_000_000, 10_000_000)
#: Goal for payouts() / floor.
GOAL_RATIO = 1.3
#: Back-to-back (floor, payout) pairs timed in each process of the ratio rows (fewer at 10^7).
PAIRS = 3


def w1_parent(size: int) -> np.ndarray:
    """The W1 tree's parent array (sentinel layout), built once and cached on disk."""
    from mlmkit.network import random_tree

    path = CACHE / f"w1-{size}.npy"
    if path.exists():
        return np.load(path)
    parent = random_tree(size, seed=SEED, max_sponsor_level=7).parent
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{__import__('os').getpid()}.tmp.npy")
    np.save(partial, parent)
    Path(partial).replace(path)
    return parent


def w1_network(size: int) -> Any:
    """The W1 network with the level index every plan uses already built (not timed)."""
    from mlmkit.network import Network

    network = Network(w1_parent(size))
    network._by_level  # noqa: B018  (levels and the level index: part of the network)
    return network


def _warm_kernel() -> None:
    """Load the optional compiled placement loops and binary legs sweep before the clock
    (about 0.5-1 s per process; the legs sweep about 0.02 s of it; compiled once ever)."""
    try:
        from mlmkit.plans import _legs_kernel as legs
        from mlmkit.plans import _placement_kernel as kernel
    except ImportError:
        return
    if kernel.available():
        parent = np.array([4, 0, 0, 0, 4], dtype=np.int32)
        kernel.place(parent, None, 2)  # loads the compiled loops (cached on disk)
        placed = kernel.place(parent, None, 2)[0]
        legs.binary_leg_sums(placed, np.ones(4))
        legs.binary_legs_table(placed, np.ones(4), np.ones(4))  # (the payout's one sweep)


#: The retail rows: every member also sells to outside customers, USD 0-50 a month (uniform,
#: fixed seed). Pay from retail sales is what a legitimate plan runs on, and it costs memory
#: the all-own-purchases rows do not show (the legs' retail sums, the share paid from retail):
#: before the payouts freed those as soon as used, binary at 10,000,000 members took 114 bytes
#: per member beyond the network with retail sales against 99 without, stair-step 104 against 89.
RETAIL_MAX_USD = 50.0


def _inputs_with_retail(size: int) -> dict[str, Any]:
    """:func:`_inputs` plus retail sales for every member (see :data:`RETAIL_MAX_USD`)."""
    state = _inputs(size)
    state["retail"] = np.random.default_rng(SEED).uniform(0.0, RETAIL_MAX_USD, size).round(2)
    return state


def _inputs(size: int) -> dict[str, Any]:
    from mlmkit.plans.placement import KERNEL_MIN_MEMBERS

    if size >= KERNEL_MIN_MEMBERS:
        _warm_kernel()
    network = w1_network(size)
    return {
        "network": network,
        "retail": np.zeros(size),
        "own": np.full(size, PURCHASE_USD),
        "plans": _plans(),  # (building the plan objects is not what a payout row measures)
    }


# ------------------------------------------------------------------------- floors
def floor_unilevel(parent: np.ndarray, retail: np.ndarray, own: np.ndarray, rates: tuple[float, ...]) -> dict:
    """Minimal numpy unilevel pass: volume, one gather and one bincount per level."""
    size = len(parent) - 1
    volume = retail + own
    pay = np.zeros(size + 1)
    ancestor = parent[:-1]
    for depth, rate in enumerate(rates, start=1):
        pay += rate * np.bincount(ancestor, weights=volume, minlength=size + 1)
        if depth < len(rates):
            ancestor = parent[ancestor]
    return {"paid_usd": float(pay[:-1].sum()), "unpaid_usd": float(pay[-1])}


def floor_binary(tree: Any, retail: np.ndarray, own: np.ndarray, rate: float) -> dict:
    """Minimal binary pass on a placed tree: group volumes by level, legs, weaker leg x rate.

    Whole-array numpy, as the issue defines the floor. With the optional numba extra the
    payout finds the legs in one compiled sweep instead (:mod:`mlmkit.plans._legs_kernel`),
    so its ratio to this floor can fall below 1; the row "binary payout (placement cached,
    numpy path)" measures the payout without it, against the same floor.
    """
    size = tree.size
    volume = retail + own
    group = tree.sum_down(volume)
    above = tree.parent[:-1]
    left = np.full(size + 1, size, dtype=np.int64)
    right = np.full(size + 1, size, dtype=np.int64)
    members = np.arange(size)
    placed = above != size
    # the left leg is the member placed first (the smaller number) below each member
    np.minimum.at(left, above[placed], members[placed])
    np.maximum.at(right, above[placed], members[placed])
    right = np.where(right == left, size, right)
    padded = np.append(group, 0.0)
    pay = rate * np.minimum(padded[left[:-1]], padded[right[:-1]])
    return {"paid_usd": float(pay.sum())}


def floor_stairstep(network: Any, retail: np.ndarray, own: np.ndarray) -> dict:
    """The stair-step engine's own core (ranks, group volumes, histogram walk), no checks or table."""
    from mlmkit.plans import StairStepPlan
    from mlmkit.plans.stairstep import _histogram_walk, breakaway_group_volume

    plan = StairStepPlan()
    volume = retail + own
    rank, _ = breakaway_group_volume(network, volume, plan.ranks, plan.breakaway_index)
    rate = np.array([r.rate for r in plan.ranks])[rank]
    differential, generation = _histogram_walk(
        network, volume, rate, rank >= plan.breakaway_index, plan.generation_rates
    )
    return {"paid_usd": float((rate * volume).sum() + differential.sum() + generation.sum())}


def _placement_floor_loop(parent: np.ndarray, records: np.ndarray) -> None:
    """Members in joining order: each reads its sponsor's record and writes its own."""
    size = len(parent) - 1
    for member in range(size):
        sponsor = parent[member]
        records[member, 1] = sponsor
        records[member, 0] = 0 if sponsor == size else records[sponsor, 0] + 1


def _compiled(loop: Any, *example: Any) -> Any:
    """``loop`` compiled with the optional numba extra (as the placement loops are) and run once
    on ``example``, so it is compiled before the clock; plain Python without numba (the quick
    run only: the full run installs the extra)."""
    try:
        import numba
    except ImportError:
        return loop
    compiled = numba.njit(cache=True, nogil=True)(loop)
    compiled(*example)
    return compiled


@functools.lru_cache(maxsize=1)
def _placement_floor_compiled() -> Any:
    """The floor's loop, compiled (see :func:`_compiled`)."""
    return _compiled(_placement_floor_loop, np.array([2, 0, 2], dtype=np.int32), np.empty((2, 2), dtype=np.int32))


def _replay_loop(records: np.ndarray, rows: np.ndarray) -> int:
    """Read ``records[row]`` for each row in turn; no read waits on another's value."""
    total = 0
    for row in rows:
        total += records[row, 0]
    return total


@functools.lru_cache(maxsize=1)
def _replay_compiled() -> Any:
    """The replay loop, compiled (see :func:`_compiled`)."""
    return _compiled(_replay_loop, np.zeros((2, 2), dtype=np.int32), np.array([1, 0], dtype=np.int64))


def floor_replay(state: dict) -> dict:
    """The records binary placement reads (``place_traced``: every sponsor's, cursor's,
    candidate's and walk record, in the loop's order), read again in that order on records of
    the same size, none waiting for the one before.

    The same reads as the placement loop, the same count per member at every size, only
    without the dependence (the loop learns where its next read is from the one before).
    How its time per member grows from 100,000 to 10,000,000 members is what the memory
    alone does to exactly these reads: printed beside placement's growth.
    """
    return {"sum": int(_replay_compiled()(state["records"], state["rows"]))}


def floor_chase(state: dict) -> dict:
    """The machine's memory latency at this size: one read per member over records of the
    size binary placement uses (8 int32, one per member), each read's row learnt from the one
    before (a single random cycle through all the records, fixed seed).

    No loop that has to wait on a read can beat this per read; placement's walks do wait,
    though far less than once per member. On the project's machine the records fit the
    processor's second-level cache (4 MB) at 100,000 members and no cache at 1,000,000 (a
    pointer chase measured about 10-40 ns per read up to 4 MB, 120-170 ns from 8 MB to
    512 MB): its growth from 100,000 to 10,000,000 members, printed beside placement's, is
    how far this machine's memory alone bends a linear loop that waits on its reads.
    """
    return {"last": int(_chase_compiled()(state["records"], len(state["records"])))}


def _chase_loop(records: np.ndarray, steps: int) -> int:
    """Follow the records' first column ``steps`` times from row 0; each read waits on the one before."""
    row = 0
    for _ in range(steps):
        row = records[row, 0]
    return row


@functools.lru_cache(maxsize=1)
def _chase_compiled() -> Any:
    """The chase loop, compiled (see :func:`_compiled`)."""
    return _compiled(_chase_loop, np.zeros((2, 8), dtype=np.int32), 2)


def floor_fresh_memory(state: dict) -> dict:
    """The machine's cost of memory a process has just been given: binary placement's records
    (8 int32 per member, :func:`mlmkit.plans._placement_kernel._records`) allocated and written
    once, nothing else.

    Placement writes each member's record when it places the member, so its loop pays this
    too. On a virtual machine whose host takes back the memory the guest frees (as on the
    project's machine; ``harness.memory_write_speed``) the first write of each page costs the
    host's work as well: a few MB are mostly pages just freed by the process itself, hundreds
    of MB are not. Its growth from 100,000 to 10,000,000 members, printed beside placement's,
    is how far that alone bends a linear loop.
    """
    records = state["allocate"](state["size"], state["columns"])
    return {"rows": len(records)}


def _fresh_inputs(size: int) -> dict[str, Any]:
    """The record allocator, imported before the clock (its module loads numba when installed)."""
    from mlmkit.plans._placement_kernel import _columns, _records

    _records(16, _columns(2, False))
    return {"size": size, "allocate": _records, "columns": _columns(2, False)}


def _chase_inputs(size: int) -> dict[str, Any]:
    """Records of ``size`` members linked into one random cycle (built before the clock)."""
    from mlmkit.plans._placement_kernel import _columns, _records

    _chase_compiled()
    records = _records(size, _columns(2, False))
    order = np.random.default_rng(SEED).permutation(size).astype(np.int32)
    records[order, 0] = np.roll(order, -1)
    return {"records": records}


def _replay_inputs(size: int) -> dict[str, Any]:
    """The rows binary placement reads on the W1 tree (traced, not timed) and records to read."""
    from mlmkit.plans._placement_kernel import _columns, _records, place_traced

    state = _inputs(size)
    _replay_compiled()
    state["rows"] = place_traced(state["network"].parent, 2)
    state["records"] = _records(size, _columns(2, False))
    return state


def floor_placement(parent: np.ndarray, width: int) -> dict:
    """The least work any placement in joining order does: one compiled pass in which each
    member reads its sponsor's record and writes its own (its level), on records of the size
    the placement loop uses for ``width`` places (8 int32 binary, 9 for a 3-wide matrix).

    Its work per member is constant by construction, so the growth of its time per member
    from 100,000 to 10,000,000 members is what the machine's memory does to a linear pass
    that reads records scattered as the sponsors are (they fit the processor's caches at
    100,000 members, not at 10,000,000): the yardstick printed beside the placement rows' growth.
    """
    from mlmkit.plans._placement_kernel import _columns

    parent32 = np.asarray(parent, dtype=np.int32)
    records = np.empty((len(parent32) - 1, _columns(width, False)), dtype=np.int32)
    _placement_floor_compiled()(parent32, records)
    return {"deepest_level": int(records[:, 0].max())}


def _counted(width: int) -> Any:
    """The placement loop's work counted (records read per member), not its time."""

    def work(state: dict) -> dict:
        from mlmkit.plans._placement_kernel import place_counted

        return place_counted(state["network"].parent, width)

    return work


def _placement_floor_inputs(size: int) -> dict[str, Any]:
    """The W1 network, and the floor's loop compiled (loaded from numba's cache) before the clock."""
    state = _inputs(size)
    _placement_floor_compiled()
    return state


#: Binary placement's own reads, replayed without waiting on each other (:func:`floor_replay`).
REPLAY_FLOOR = "floor: binary placement's own reads, replayed in order, none waiting on another"
CHASE_FLOOR = "machine: one read per member, each waiting on the one before, 8-int32 records"
FRESH_FLOOR = "machine: first write of memory, 8-int32 records (32 bytes per member)"

#: The floor of each placement row (records of the same size).
PLACEMENT_FLOORS = {
    "binary placement (left_first)": "floor: placement's least work (read the sponsor's record), 8-int32 records",
    "matrix 3x7 placement": "floor: placement's least work (read the sponsor's record), 9-int32 records",
}


# -------------------------------------------------------------------------- cases
def _plans() -> dict[str, Any]:
    from mlmkit.plans import BinaryPlan, MatrixPlan, StairStepPlan, UnilevelPlan

    return {
        "unilevel": UnilevelPlan(level_rates=LEVEL_RATES),
        "stairstep": StairStepPlan(),
        "binary": BinaryPlan(pairing_rate=PAIRING_RATE, pairing_cap_usd=5_000),
        "matrix": MatrixPlan(width=3, level_rates=MATRIX_RATES),
    }


def _pay(kind: str) -> Any:
    def work(state: dict) -> dict:
        from mlmkit.plans import payouts

        plan = state["plans"][kind] if "plans" in state else _plans()[kind]  # an input: built before the clock
        result = payouts(plan, state["network"], state["retail"], state["own"])
        return {"paid_usd": result.paid_usd, "columns": result.members.shape[1]}

    return work


#: Each plan's floor, as a function of a row's inputs.
FLOORS: dict[str, Any] = {
    "unilevel": lambda s: floor_unilevel(s["network"].parent, s["retail"], s["own"], LEVEL_RATES),
    "stairstep": lambda s: floor_stairstep(s["network"], s["retail"], s["own"]),
    "binary": lambda s: floor_binary(s["tree"], s["retail"], s["own"], PAIRING_RATE),
    "matrix": lambda s: floor_unilevel(s["tree"].parent, s["retail"], s["own"], MATRIX_RATES),
}


def _back_to_back(kind: str) -> Any:
    """Time the floor and the payout of ``kind`` in this process, in turn and in alternating
    order; report the payout's median (wall and CPU), the floor's, and their ratio in this
    process (the report's ratio is the median of these over the row's runs)."""
    pay = _pay(kind)
    floor = FLOORS[kind]

    def work(state: dict) -> dict:
        built = [(thing, set(vars(thing))) for thing in (state["network"], state.get("tree")) if thing is not None]

        def forget() -> None:  # what a payout cached on the network: gone (every call a first call)
            for thing, attributes in built:
                for attribute in set(vars(thing)) - attributes:
                    del vars(thing)[attribute]  # (cached properties of a frozen dataclass)

        pairs = PAIRS if state["network"].size < 10_000_000 else 2
        timed = in_turn({"floor": lambda: floor(state), "payout": lambda: pay(state)}, pairs, forget)
        (floor_s, floor_cpu), (payout_s, payout_cpu) = timed["floor"], timed["payout"]
        return {
            "timed_seconds": payout_s,
            "timed_cpu_seconds": payout_cpu,
            "floor_s": floor_s,
            "pair_ratio": payout_s / floor_s,  # this process's ratio: the report's median of these
            "pair_cpu_ratio": payout_cpu / floor_cpu,
            "pairs": pairs,
        }

    return work


def _placed(width: int, placement: str = "left_first") -> Any:
    """Setup for the placement-cached rows: the placement tree computed once, kept on disk."""

    def setup_placed(size: int) -> dict:
        from mlmkit.network import Network
        from mlmkit.plans import placement as placing

        state = _inputs(size)
        network = state["network"]
        path = CACHE / f"w1-{size}-placed-{width}-{placement}.npy"
        if path.exists():
            tree = Network(np.load(path))
            placing._CACHE.setdefault(network, {})[(width, placement)] = tree  # as placement_network would
        else:
            tree = placing.placement_network(network, width=width, placement=placement)
            partial = path.with_suffix(f".{__import__('os').getpid()}.tmp.npy")
            np.save(partial, tree.parent)
            Path(partial).replace(path)
        tree._by_level  # noqa: B018
        state["tree"] = tree
        return state

    return setup_placed


def _numpy_path(setup: Any) -> Any:
    """``setup``, then the compiled legs sweep switched off (``MLMKIT_PLACEMENT=python``)."""

    def setup_numpy(size: int) -> dict:
        import os

        state = setup(size)
        os.environ["MLMKIT_PLACEMENT"] = "python"  # read at call time: this process only
        return state

    return setup_numpy


def _place(width: int, placement: str = "left_first") -> Any:
    def work(state: dict) -> dict:
        from mlmkit.plans.placement import place_members

        placed = place_members(state["network"], width=width, placement=placement)
        return {"placed": int((placed >= 0).sum())}

    return work


#: The goal rows run again at 10,000,000 members with retail sales.
RETAIL_ROWS = {
    "unilevel": "unilevel payout, 7 levels, with retail sales",
    "stairstep": "stair-step breakaway payout, with retail sales",
    "binary": "binary payout, placement included, with retail sales",
    "matrix": "matrix 3x7 payout, placement included, with retail sales",
}


def cases(quick: bool = False) -> list[Case]:
    """Every row of the pay-plan benchmark (quick: the smallest size only)."""
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    rows: list[Case] = []
    for size in sizes:
        big = size >= 10_000_000
        goal_s = GOAL_SECONDS_10M if big else None
        goal_b = GOAL_BYTES_PER_MEMBER if big else None
        # five fresh processes up to 100,000 members (steps of milliseconds: the widest spread,
        # and where the growth fit starts), three above
        runs = 1 if quick else (5 if size <= 100_000 else 3)

        def inputs(size: int = size) -> dict:
            return _inputs(size)

        rows += [
            Case("floor: minimal numpy unilevel pass, 7 levels", size, FLOORS["unilevel"], inputs, runs=runs),
            Case("unilevel payout, 7 levels", size, _pay("unilevel"), inputs, goal_s, goal_b, runs),
            Case("floor: stair-step core (ranks, groups, histogram walk)", size, FLOORS["stairstep"], inputs,
                 runs=runs),
            Case("stair-step breakaway payout", size, _pay("stairstep"), inputs, goal_s, goal_b, runs),
            Case(PLACEMENT_FLOORS["binary placement (left_first)"], size,
                 lambda state: floor_placement(state["network"].parent, 2),
                 lambda size=size: _placement_floor_inputs(size), runs=runs),
            Case("binary placement (left_first)", size, _place(2), inputs, runs=runs),
            Case(REPLAY_FLOOR, size, floor_replay, lambda size=size: _replay_inputs(size), runs=runs,
                 note="the placement's own reads, replayed"),
            Case(CHASE_FLOOR, size, floor_chase, lambda size=size: _chase_inputs(size), runs=runs,
                 note="the machine's memory latency"),
            Case(FRESH_FLOOR, size, floor_fresh_memory, lambda size=size: _fresh_inputs(size), runs=runs,
                 note="the machine's first write of memory"),
            Case(WORK_COUNTED["binary placement (left_first)"], size, _counted(2), inputs, runs=1,
                 note="work counted, not timed"),
            Case("binary payout, placement included", size, _pay("binary"), inputs, goal_s, goal_b, runs),
            Case("floor: binary legs pass on the placed tree", size, FLOORS["binary"],
                 lambda size=size: _placed(2)(size), runs=runs),
            Case("binary payout (placement cached)", size, _pay("binary"),
                 lambda size=size: _placed(2)(size), runs=runs),
        ]
        if size in RATIO_SIZES:
            rows.append(Case("binary payout (placement cached, numpy path)", size, _pay("binary"),
                             lambda size=size: _numpy_path(_placed(2))(size), runs=runs,
                             note="the compiled legs sweep switched off"))
        rows += [
            Case(PLACEMENT_FLOORS["matrix 3x7 placement"], size,
                 lambda state: floor_placement(state["network"].parent, 3),
                 lambda size=size: _placement_floor_inputs(size), runs=runs),
            Case("matrix 3x7 placement", size, _place(3), inputs, runs=runs),
            Case(WORK_COUNTED["matrix 3x7 placement"], size, _counted(3), inputs, runs=1,
                 note="work counted, not timed"),
            Case("matrix 3x7 payout, placement included", size, _pay("matrix"), inputs, goal_s, goal_b, runs),
            Case("floor: minimal numpy matrix 3x7 pass on the placed tree", size, FLOORS["matrix"],
                 lambda size=size: _placed(3)(size), runs=runs),
            Case("matrix 3x7 payout (placement cached)", size, _pay("matrix"),
                 lambda size=size: _placed(3)(size), runs=runs),
        ]
        if size in RATIO_SIZES or quick:  # the ratio goal's rows: floor and payout back to back
            setups = {"unilevel": inputs, "stairstep": inputs, "binary": lambda size=size: _placed(2)(size),
                      "matrix": lambda size=size: _placed(3)(size)}
            for kind, row in BACK_TO_BACK.items():
                rows.append(Case(row, size, _back_to_back(kind), setups[kind], runs=runs,
                                 note="seconds: the payout's; its floor timed in turn in the same process"))
        if big:  # the goals again with retail sales (see RETAIL_MAX_USD)
            for kind, label in RETAIL_ROWS.items():
                rows.append(Case(label, size, _pay(kind), lambda size=size: _inputs_with_retail(size),
                                 goal_s, goal_b, runs))
        if size <= 1_000_000:
            rows.append(Case("binary placement (weaker_leg)", size, _place(2, "weaker_leg"), inputs, runs=runs))
        if size <= 100_000:
            rows.append(Case("stair-step payout on a chain where nobody breaks away", size, _pay("stairstep"),
                             lambda size=size: _chain(size), runs=runs,
                             note="was 216 s at 100,000 (quadratic walk)"))
        if 100_000 <= size <= 1_000_000:
            rows.append(Case("binary placement (weaker_leg) on a chain of single recruits", size,
                             _place(2, "weaker_leg"), lambda size=size: _chain(size), runs=runs,
                             note="was 204 s at 200,000 (quadratic walk of leg counts)"))
    return rows


def _chain(size: int) -> dict:
    """One long line of members, each recruited by the one before (depth = size - 1)."""
    from mlmkit.network import from_sponsors

    network = from_sponsors(np.arange(-1, size - 1))
    network._by_level  # noqa: B018
    return {"network": network, "retail": np.zeros(size), "own": np.full(size, PURCHASE_USD)}


#: Each plan's row timing its payout and its floor back to back in the same processes.
BACK_TO_BACK = {
    kind: f"ratio check: {name}, back to back with its floor"
    for kind, name in (("unilevel", "unilevel payout"), ("stairstep", "stair-step payout"),
                       ("binary", "binary payout (placement cached)"), ("matrix", "matrix 3x7 payout (placement cached)"))
}
#: (plan row, floor row) pairs whose ratio has the goal: the back-to-back rows, each its own
#: floor (the ratio is the median over the row's processes of each process's own ratio).
RATIOS = [(row, row) for row in BACK_TO_BACK.values()]
#: Ratios printed for information, without a goal: the separate rows (one call per fresh
#: process; at every size), and the binary payout with its optional compiled sweep switched
#: off against the same numpy floor (what a user without numba gets).
INFO_RATIOS = [
    ("unilevel payout, 7 levels", "floor: minimal numpy unilevel pass, 7 levels"),
    ("stair-step breakaway payout", "floor: stair-step core (ranks, groups, histogram walk)"),
    ("binary payout (placement cached)", "floor: binary legs pass on the placed tree"),
    ("matrix 3x7 payout (placement cached)", "floor: minimal numpy matrix 3x7 pass on the placed tree"),
    ("binary payout (placement cached, numpy path)", "floor: binary legs pass on the placed tree"),
]
#: Rows whose growth from 100,000 to 10,000,000 members the report fits (time ~ size^k) and
#: judges: every plan's payout, placement included. The issue asks for time "growing linearly"
#: and sets no number; 1.05 is the project's own tolerance (a fitted exponent is never exactly 1:
#: the same row moved by 0.03-0.10 between runs on this machine). A row over it says NO.
GROWTH_GOAL = 1.05
GROWTH_GOAL_LABEL = "linear, the issue's goal; 1.05 is the project's tolerance"
GROWTH_JUDGED_NOTE = ("time, judged as the issue asks (the work counted is in rows 'work: ...'; "
                      "the machine's memory bends time's growth, see the floors)")
GROWTH_YARDSTICK = "floor: minimal numpy unilevel pass, 7 levels"
SCALING = [
    "unilevel payout, 7 levels",
    "stair-step breakaway payout",
    "binary payout, placement included",
    "matrix 3x7 payout, placement included",
]
_CACHED_NOTE = "placement cached before the clock, printed without a goal (the goal is on the row with placement)"
_PLACEMENT_NOTE = ("placement alone, printed without a goal: the same work per member at every size "
                   "(rows 'work: ...'), its records outgrow the processor's caches")
_FLOOR_NOTE = ("each member only reads its sponsor's record (linear work by construction): "
               "what the machine's memory alone does to such a loop, printed without a goal")
#: Each placement row's work, counted (records of other members read, per member): the
#: report fits its growth too; linear work is the goal there (size^1.05 or less).
WORK_COUNTED = {
    "binary placement (left_first)": "binary placement (left_first): records read, counted",
    "matrix 3x7 placement": "matrix 3x7 placement: records read, counted",
}
_REPLAY_NOTE = ("the same records binary placement reads, in its order, each read without waiting "
                "for the one before: what the machine's memory alone does to exactly these reads, "
                "printed without a goal")
_CHASE_NOTE = ("each read's row comes from the one before (ns per member = ns per read): how this machine's "
               "memory latency grows as records outgrow its caches, printed without a goal")
_FRESH_NOTE = ("records allocated and written once, nothing read: what this machine charges for memory a "
               "process has just been given (placement pays it for its records), printed without a goal")
_NUMPY_FLOOR_NOTE = ("the issue's own floor (whole-array numpy, a gather and a bincount per level: linear "
                     "work by construction): how time grows for a linear pass on this machine, printed without a goal")
#: Growth printed with a note and no goal: placement alone, its floors, and the numpy floor.
INFO_SCALING = {
    "binary payout (placement cached)": _CACHED_NOTE,
    "matrix 3x7 payout (placement cached)": _CACHED_NOTE,
    "floor: minimal numpy unilevel pass, 7 levels": _NUMPY_FLOOR_NOTE,
    "binary placement (left_first)": _PLACEMENT_NOTE,
    PLACEMENT_FLOORS["binary placement (left_first)"]: _FLOOR_NOTE,
    REPLAY_FLOOR: _REPLAY_NOTE,
    CHASE_FLOOR: _CHASE_NOTE,
    FRESH_FLOOR: _FRESH_NOTE,
    "matrix 3x7 placement": _PLACEMENT_NOTE,
    PLACEMENT_FLOORS["matrix 3x7 placement"]: _FLOOR_NOTE,
}
