"""Fetch an article by URL, safely: timeouts, a size limit, and no requests to internal addresses.

Every address the host name resolves to must be public (not loopback, private, link-local, reserved or
multicast) unless NEWSROOM_FETCH_ALLOW_PRIVATE is set. Redirects are followed by hand so that each hop
is checked the same way. The connection goes to the checked address, so a second DNS answer cannot
swap in an internal one (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter

from .decode import InputError

MAX_REDIRECTS = 5
USER_AGENT = "NewsroomFactTracker/1.0 (+https://example.org/newsroom)"


@dataclass
class Fetched:
    url: str
    content: bytes
    content_type: str


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local)


def _loopback(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def resolve_checked(host: str, port: int, *, allow_private: bool, allow_loopback: bool = False) -> str:
    """Resolve ``host`` and return one address to connect to, refusing internal ones.

    ``allow_loopback`` lets 127.0.0.0/8 and ::1 through and nothing else that is internal (webhook tests
    deliver to a receiver on this machine; see NEWSROOM_WEBHOOK_ALLOW_LOOPBACK)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r}") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise InputError(f"cannot resolve host {host!r}")
    if not allow_private:
        bad = [str(a) for a in addresses if not _public(a) and not (allow_loopback and _loopback(a))]
        if bad:
            raise InputError(f"refusing to fetch {host!r}: it resolves to a private or local address ({bad[0]})")
    return str(addresses[0])


class _PinnedAdapter(HTTPAdapter):
    """Connect to a pre-checked IP address while keeping the host name for TLS (SNI) and the Host header."""

    def __init__(self, ip: str, host: str, **kwargs):
        self._ip, self._host = ip, host
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        netloc = self._ip if ":" not in self._ip else f"[{self._ip}]"
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
        request.url = parts._replace(netloc=netloc).geturl()
        request.headers["Host"] = parts.netloc
        if parts.scheme == "https":
            self.poolmanager.connection_pool_kw["server_hostname"] = self._host
            self.poolmanager.connection_pool_kw["assert_hostname"] = self._host
        return super().send(request, **kwargs)


def fetch_url(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False) -> Fetched:
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"only http and https URLs can be ingested, not {url!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        ip = resolve_checked(parts.hostname, port, allow_private=allow_private)
        session = requests.Session()
        session.mount(f"{parts.scheme}://", _PinnedAdapter(ip, parts.hostname))
        try:
            response = session.get(
                url, timeout=timeout, stream=True, allow_redirects=False, headers={"User-Agent": USER_AGENT}
            )
        except requests.Timeout as exc:
            raise InputError(f"fetching {url} timed out after {timeout:g} s") from exc
        except requests.RequestException as exc:
            raise InputError(f"fetching {url} failed: {exc.__class__.__name__}") from exc
        with response:
            if response.is_redirect:
                url = urljoin(url, response.headers.get("Location", ""))
                continue
            if response.status_code != 200:
                raise InputError(f"fetching {url} failed: HTTP {response.status_code}")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"the page is too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"the page is too large (over {max_bytes:,} bytes)")
                chunks.append(chunk)
            return Fetched(url=url, content=b"".join(chunks), content_type=response.headers.get("Content-Type", ""))
    raise InputError(f"too many redirects fetching {url}")
