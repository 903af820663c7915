"""Hypothesis strategies several property tests share."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def json_values(
    scalars: st.SearchStrategy[Any], *, max_size: int, max_leaves: int
) -> st.SearchStrategy[Any]:
    """Any JSON-like value: ``scalars`` nested in lists and objects."""
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=max_size)
            | st.dictionaries(st.text(max_size=8), children, max_size=max_size)
        ),
        max_leaves=max_leaves,
    )
