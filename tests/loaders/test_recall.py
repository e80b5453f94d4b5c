"""Issue 2's bar over the whole pipeline: for every seed, at least 99% of the facts its golden files
state (each field of each row) are extracted with the golden value, and no amount is wrong."""
from __future__ import annotations

import pytest

from tests.loaders.golden import GOLDEN, KEYS, PREFIXES, Comparison, compare


def seed_recall(prefix: str) -> tuple[Comparison, dict[str, Comparison]]:
    """The seed's comparison over all its golden files, and per file."""
    total, per_file = Comparison(), {}
    for path in sorted((GOLDEN / prefix).glob("*.json")):
        assert path.stem in KEYS, f"{path}: no comparison known for this golden file"
        per_file[path.stem] = compare(prefix, path.stem)
        total += per_file[path.stem]
    return total, per_file


@pytest.mark.parametrize("prefix", PREFIXES)
def test_recall_at_least_99_percent_and_no_wrong_amount(prefix: str) -> None:
    total, per_file = seed_recall(prefix)
    detail = ", ".join(f"{name} {c.found}/{c.total}" for name, c in per_file.items())
    print(f"{prefix}: recall {total.found}/{total.total} = {total.recall:.2%}, "
          f"wrong amounts {len(total.wrong_amounts)} ({detail})")
    assert len(per_file) >= 9, f"{prefix}: golden files missing"
    assert total.total > 0 and total.recall >= 0.99, total.wrong[:5]
    assert total.wrong_amounts == []
