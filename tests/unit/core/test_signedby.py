"""core/signedby.py: which credentials verify a token, in one wording."""

from __future__ import annotations

from opentok_studio.core import (
    ApplicationCredentials,
    ProjectCredentials,
    Signature,
    TokenRequest,
    decode,
    make_token,
)
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


def test_with_signer_judges_again_with_the_signers_credentials(now) -> None:
    # Walk-through: "signature unchecked" printed beside "signed by other".
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    other = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)
    token = make_token(TokenRequest(vectors.SID), mine, now=now)
    decoded = decode(token, None, now=now, expected_session_id=vectors.OTHER_SID)
    assert decoded.signature is Signature.UNCHECKED
    result = signed_by(token, [("other", other), ("mine", mine)], now=now)
    judged = with_signer(decoded, result)
    assert judged.signature is Signature.VALID and judged.signed_by == "mine"
    # The session the client tried to join is still checked.
    assert "session_mismatch" in judged.problem_codes
    # Credentials given by the user are kept: only "unchecked" is judged again.
    given = decode(token, other, now=now)
    assert with_signer(given, result).signature is given.signature


def test_only_profiles_of_the_tokens_kind_are_counted(now) -> None:
    # Walk-through: an HS256 token "none of the 5 saved profiles signed it"
    # with 2 of them Vonage applications.
    mine = ProjectCredentials(vectors.API_KEY, vectors.API_SECRET)
    other = ProjectCredentials(vectors.OTHER_KEY, vectors.OTHER_SECRET)
    app = ApplicationCredentials(vectors.APP_ID, vectors.private_key())
    token = make_token(TokenRequest(vectors.SID), mine, now=now)
    cands = [("o1", other), ("o2", other), ("o3", other), ("a1", app), ("a2", app)]
    none = signed_by(token, cands, now=now)
    assert (none.checked, none.other_kind) == (3, 2)
    assert none.text == (
        "none of the 3 saved OpenTok project profiles signed it (2 Vonage "
        "application profiles not tried: they cannot sign OpenTok project tokens)"
    )
    one = signed_by(token, [("o1", other), ("a1", app)], now=now)
    assert one.text == (
        "the only saved OpenTok project profile did not sign it (1 Vonage "
        "application profile not tried: it cannot sign OpenTok project tokens)"
    )
    apps_only = signed_by(token, [("a1", app)], now=now)
    assert apps_only.checked == 0
    assert apps_only.text.startswith("no saved OpenTok project profile to check it")
    rs256 = make_token(TokenRequest(vectors.APP_SID), app, now=now)
    found = signed_by(rs256, [("o1", other), ("a1", app)], now=now)
    assert (found.names, found.checked, found.other_kind) == (("a1",), 1, 1)
