"""core/signedby.py: which credentials verify a token, in one wording."""

from __future__ import annotations

from opentok_studio.core import ProjectCredentials, TokenRequest, decode, make_token
from opentok_studio.core.signedby import SignedBy, signed_by, signers, with_signer
from tests.helpers import vectors


def test_who_signed(now) -> None:
    token = make_token(TokenRequest(vectors.SID), ProjectCredentials(
        vectors.API_KEY, vectors.API_SECRET), now=now)  # fmt: skip
    other = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    twin = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    assert signers(token, [("other", other), ("mine", mine)], now=now) == ["mine"]
    assert signers(token, [("other", other)], now=now) == []
    assert signers(token, [("mine", mine), ("twin", twin)], now=now) == ["mine", "twin"]


def test_signed_by_words_each_outcome(now) -> None:
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    other = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)
    token = make_token(TokenRequest(vectors.SID), mine, now=now)
    one = signed_by(token, [("other", other), ("mine", mine)], now=now)
    assert (one.names, one.checked, one.signer) == (("mine",), 2, "mine")
    assert one.text == "signed by profile mine" and one.notes == ()
    none = signed_by(token, [("other", other)], now=now, skipped=["x skipped"])
    assert none.signer is None and none.skipped == ("x skipped",)
    assert none.notes == ("the only saved profile did not sign it",)
    twins = signed_by(token, [("mine", mine), ("twin", mine)], now=now)
    assert twins.signer == "mine"
    assert twins.notes == ("profiles with the same secret: mine, twin",)


def test_with_signer_sets_signed_by_and_adds_notes(now) -> None:
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    token = make_token(TokenRequest(vectors.SID), mine, now=now)
    decoded = decode(token, None, now=now)
    named = with_signer(decoded, SignedBy(("mine",), 1))
    assert named.signed_by == "mine" and named.notes == decoded.notes
    nobody = with_signer(decoded, SignedBy((), 3))
    assert nobody.signed_by is None
    assert nobody.notes[-1] == "none of the 3 saved profiles signed it"


def test_no_saved_profile_is_not_none_of_0(now) -> None:
    # Walk-through: "None of the 0 saved profiles signed it."
    token = make_token(TokenRequest(vectors.SID), ProjectCredentials(
        vectors.API_KEY, vectors.API_SECRET), now=now)  # fmt: skip
    empty = signed_by(token, [], now=now)
    assert (empty.checked, empty.signer) == (0, None)
    assert empty.notes == ("no saved profiles to check",)
    unread = signed_by(token, [], now=now, skipped=["profile 'a' skipped: no secret"])
    assert unread.notes == ("no saved profile could be checked",)
