"""On any text, parse_secret_ref returns a reference that round-trips, or
raises ValidationError; nothing else."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from opentok_studio.core.errors import ValidationError
from opentok_studio.core.secretref import RefScheme, parse_secret_ref

_PARTS = st.text("abcAZ09._-/#:%?", max_size=30)


@given(st.one_of(st.text(max_size=600), st.builds("vault:{}".format, _PARTS),
                 st.builds("env:{}".format, _PARTS)))  # fmt: skip
def test_any_text(text: str) -> None:
    try:
        ref = parse_secret_ref(text)
    except ValidationError:
        return
    assert str(ref) == text
    assert parse_secret_ref(str(ref)) == ref
    if ref.scheme is RefScheme.VAULT:
        # Nothing that could leave the entry's URL path.
        where = f"{ref.mount}/{ref.path}"
        assert ".." not in where.split("/") and not set("?#%: ") & set(where)
