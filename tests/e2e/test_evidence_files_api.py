"""HTTP: uploading an evidence file to a dispute and downloading it."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx

from domain.actor import Role
from tests.e2e.conftest import Api
from tests.e2e.dispute_bodies import open_dispute

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x11" * 200
DESCRIPTION = "工伤现场照片"


def send(
    api: Api, dispute_id: str, content: bytes, role: Role = Role.MEDIATOR, **headers: str
) -> httpx.Response:
    return api.client.post(
        f"/api/v1/disputes/{dispute_id}/evidence-files",
        data={"description": DESCRIPTION, "occurred_on": "2026-01-09"},
        # The client's name and type are ignored: the bytes say what the file is.
        files={"file": ("photo.pdf", content, "application/pdf")},
        headers=api.headers(role, **headers),
    )


def evidence(api: Api, dispute_id: str) -> list[dict[str, Any]]:
    return list(api.get(f"/disputes/{dispute_id}", Role.MEDIATOR).json()["evidence"])


def test_an_uploaded_file_is_evidence_with_its_hash_type_and_size(api: Api) -> None:
    dispute_id = open_dispute(api)

    answer = send(api, dispute_id, JPEG)

    assert answer.status_code == 200, answer.text
    assert answer.headers["etag"] == '"2"'
    (item,) = answer.json()["evidence"]
    digest = hashlib.sha256(JPEG).hexdigest()
    assert item["sha256"] == digest
    assert (item["media_type"], item["size"]) == ("image/jpeg", len(JPEG))
    assert item["description"] == DESCRIPTION and item["added_on"] == "2026-01-09"

    again = send(api, dispute_id, JPEG)
    assert again.status_code == 200 and again.headers["etag"] == '"2"'  # recorded nothing
    assert len(evidence(api, dispute_id)) == 1


def test_the_file_downloads_for_mediators_and_auditors_as_a_sandboxed_attachment(
    api: Api,
) -> None:
    dispute_id = open_dispute(api)
    send(api, dispute_id, JPEG)
    path = f"/disputes/{dispute_id}/evidence/{hashlib.sha256(JPEG).hexdigest()}"

    for role in (Role.MEDIATOR, Role.AUDITOR):
        answer = api.get(path, role)
        assert answer.status_code == 200
        assert answer.content == JPEG
        assert answer.headers["content-type"] == "image/jpeg"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["content-disposition"].startswith("attachment;")
        assert "sandbox" in answer.headers["content-security-policy"]
    assert api.get(path, Role.CASEWORKER).status_code == 403


def test_a_hash_that_is_not_this_disputes_evidence_is_404(api: Api) -> None:
    mine, other = open_dispute(api), open_dispute(api)
    send(api, mine, JPEG)
    digest = hashlib.sha256(JPEG).hexdigest()
    assert api.get(f"/disputes/{other}/evidence/{digest}", Role.MEDIATOR).status_code == 404
    assert api.get(f"/disputes/{mine}/evidence/{'a' * 64}", Role.MEDIATOR).status_code == 404


def test_a_wrong_type_is_422_on_file_in_the_callers_language(api: Api) -> None:
    dispute_id = open_dispute(api)

    answer = send(api, dispute_id, b"<svg onload=alert(1)>", **{"Accept-Language": "zh-CN"})

    assert answer.status_code == 422
    (error,) = answer.json()["errors"]
    assert error["field"] == "file"
    assert "PDF" in error["message"] and "只接受" in error["message"]
    assert evidence(api, dispute_id) == []


def test_only_mediators_upload_and_if_match_is_honoured(api: Api) -> None:
    dispute_id = open_dispute(api)
    assert send(api, dispute_id, JPEG, Role.CASEWORKER).status_code == 403
    assert send(api, dispute_id, JPEG, Role.AUDITOR).status_code == 403
    stale = send(api, dispute_id, JPEG, **{"If-Match": '"7"'})
    assert stale.status_code in (409, 412), stale.text
    assert evidence(api, dispute_id) == []


def test_an_upload_may_be_bigger_than_other_bodies_but_not_than_the_evidence_limit(
    api: Api,
) -> None:
    dispute_id = open_dispute(api)
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)  # over the 1 MiB of other routes
    assert send(api, dispute_id, big).status_code == 200
    over = b"%PDF-1.4\n" + b"0" * api.settings.evidence_max_bytes
    answer = send(api, dispute_id, over)
    assert answer.status_code in (413, 422)
    assert len(evidence(api, dispute_id)) == 1
    too_big_json = api.client.post(
        "/api/v1/disputes",
        content=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        headers=api.headers(Role.MEDIATOR, **{"Content-Type": "application/json"}),
    )
    assert too_big_json.status_code == 413
