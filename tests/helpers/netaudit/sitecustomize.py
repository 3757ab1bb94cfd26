"""Put on PYTHONPATH of a process under test: every attempt to resolve or reach a host other than this machine
(loopback) is appended to the file named by BYDELSTEAM_NET_AUDIT, through Python's audit hooks (PEP 578).
Nothing is blocked; the test reads the file. Child processes inherit PYTHONPATH and are audited too."""

from __future__ import annotations

import os
import sys

LOG = os.environ.get("BYDELSTEAM_NET_AUDIT", "")
LOOPBACK = ("127.", "::1", "localhost")


def _host(event: str, args: tuple[object, ...]) -> str | None:
    """The host a socket event is about, if it is one that names a host."""
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event in ("socket.connect", "socket.sendto"):
        address = args[1]
        host = address[0] if isinstance(address, tuple) and address else None  # a Unix socket is a path
    else:
        return None
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host if isinstance(host, str) and host else None


def _audit(event: str, args: tuple[object, ...]) -> None:
    host = _host(event, args)
    if host is not None and not host.startswith(LOOPBACK):
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {host}\n")


if LOG:
    sys.addaudithook(_audit)
