"""The bad inputs issue 8 lists, each answered by MlmkitInputError (or accepted correctly)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.network import (
    first_level_exceeding,
    from_sponsor_table,
    from_sponsors,
    full_tree,
    random_tree,
)
from mlmkit.plans import PayRules, UnilevelPlan, Volumes, make_volumes, payouts

NET = full_tree(2, 2)


def test_volumes_are_checked() -> None:
    with pytest.raises(MlmkitInputError, match="retail_sales_usd"):
        payouts(UnilevelPlan(), NET, Volumes(np.array([np.nan] + [1.0] * 6), np.zeros(7)))
    with pytest.raises(MlmkitInputError, match="own_purchases_usd"):
        payouts(UnilevelPlan(), NET, make_volumes(NET, 100.0), own_purchases_usd=50.0)
    with pytest.raises(MlmkitInputError, match="network"):
        payouts(UnilevelPlan(), None, 1)  # type: ignore[arg-type]
    with pytest.raises(MlmkitInputError, match="retail_sales_usd"):
        payouts(UnilevelPlan(), NET, True)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: first_level_exceeding(6, float("inf")), "population"),
        (lambda: full_tree(10**9, 10**9), "depth"),
        (lambda: full_tree(10**5, 10**6), "full_tree"),
        (lambda: UnilevelPlan(level_rates={0.1, 0.05}), "level_rates"),  # type: ignore[arg-type]
        (lambda: from_sponsors([-1, 0, 0], member_ids=pd.Index(["a", "b", "a"])), "member_ids"),
        (lambda: random_tree(10, seed=-1), "seed"),
        (lambda: random_tree(10, seed=1.5), "seed"),  # type: ignore[arg-type]
        (lambda: random_tree(10, seed="abc"), "seed"),  # type: ignore[arg-type]
    ],
)
def test_clear_errors(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MlmkitInputError, match=field):
        call()


def test_numpy_scalars_are_accepted() -> None:
    assert full_tree(np.int64(2), np.int64(2)).size == 7
    assert payouts(UnilevelPlan(), NET, np.int64(5)).paid_usd > 0
    assert PayRules(compression=np.bool_(True)).compression is True


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "members.csv"
    path.write_bytes(data)
    return path


def test_sponsor_files(tmp_path: Path) -> None:
    names = from_sponsor_table(_write(tmp_path, b"member_id,sponsor_id\nNA,\nNone,NA\n"))
    assert names.ids.tolist() == ["NA", "None"]
    with pytest.raises(MlmkitInputError, match="line 3.*2 fields"):
        from_sponsor_table(_write(tmp_path, b"member_id,sponsor_id\nana,\nben,ana,x\n"))
    with pytest.raises(MlmkitInputError, match="empty"):
        from_sponsor_table(_write(tmp_path, b""))
    with pytest.raises(MlmkitInputError, match="UTF-8"):
        from_sponsor_table(_write(tmp_path, b"member_id,sponsor_id\n\xff\xfe,\n"))
    with pytest.raises(MlmkitInputError, match="well-formed"):
        from_sponsor_table(_write(tmp_path, b'member_id,sponsor_id\n"ana,\n'))
    with pytest.raises(MlmkitInputError, match="no rows"):
        from_sponsor_table(pd.DataFrame({"member_id": [], "sponsor_id": []}))
