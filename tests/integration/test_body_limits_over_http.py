"""Over a real socket: the server refuses big bodies without reading them, and
refuses unknown callers before reading any body at all."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import database_url_for
from tests.support.server import Server, running_server

MIB = 1024 * 1024


@pytest.fixture(params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    url = database_url_for(request.param, request, tmp_path)
    with running_server(url, tmp_path / "server.log") as running:
        yield running


def _connect(server: Server) -> socket.socket:
    parts = urlsplit(server.base_url)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def _head(token: str, length: int | None) -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        "POST /api/v1/workers HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\n{framing}\r\n\r\n"
    ).encode()


def _status(connection: socket.socket) -> int:
    answer = b""
    while b"\r\n" not in answer:
        chunk = connection.recv(4096)
        if not chunk:
            break
        answer += chunk
    return int(answer.split(b" ", 2)[1])


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def test_a_declared_50_mb_body_is_refused_before_a_byte_of_it_is_sent(server: Server) -> None:
    token = server.create_token("caseworker")
    for caller in (token, "lb_not-a-token"):
        with _connect(server) as connection:
            connection.sendall(_head(caller, 50 * MIB))
            assert _status(connection) == 413


def test_an_unknown_caller_is_answered_before_its_body_is_sent(server: Server) -> None:
    with _connect(server) as connection:
        connection.sendall(_head("lb_not-a-token", 200_000))
        assert _status(connection) == 401


def _stream_50_mb(server: Server, token: str, statuses: list[int]) -> None:
    chunk = b"%x\r\n%s\r\n" % (MIB, b" " * MIB)
    with _connect(server) as connection:
        try:
            connection.sendall(_head(token, None))
            for _ in range(50):
                connection.sendall(chunk)
        except OSError:  # the server answered and closed: what we want
            pass
        statuses.append(_status(connection))


def test_eight_streamed_50_mb_bodies_leave_the_server_s_memory_flat(server: Server) -> None:
    token = server.create_token("caseworker")
    before = _rss(server.pid)
    for caller in (token, "lb_not-a-token"):
        statuses: list[int] = []
        senders = [
            threading.Thread(target=_stream_50_mb, args=(server, caller, statuses))
            for _ in range(8)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=60)
        assert sorted(set(statuses)) == ([413] if caller == token else [401])
    grown = _rss(server.pid) - before
    assert grown < 64 * MIB, f"the server grew by {grown // MIB} MiB for 800 MB offered"
