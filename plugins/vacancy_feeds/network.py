"""The fetcher's network layer: it connects to public addresses only.

Feed URLs come from company profiles, which anyone can propose in a pull request, and the
nightly job that fetches them holds a write token. So every connection is checked where it
is made: ``PublicNetworkBackend`` (an httpcore network backend) resolves the host itself,
refuses the connection when *any* address the name resolves to is internal (see
``content_model.addresses``), and then connects to the checked address, so a DNS answer that
changes between check and connect (DNS rebinding) cannot slip through. A redirect opens a new
connection, which is checked the same way; TLS still verifies the certificate against the
host name. ``--allow-private-hosts`` (``FetchSettings.allow_private_hosts``) switches the check
off for local mirrors and tests; production never sets it. ``allowed_networks`` lets one
range through while everything else stays refused (tests use it to prove a redirect from an
allowed server to an internal one is refused).

Proxies from the environment are not used (``trust_env=False``): a proxy would make the
connection on the fetcher's behalf, out of reach of the check.
"""

from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import anyio
import httpcore
import httpx
from httpcore import AnyIOBackend, AsyncNetworkBackend, AsyncNetworkStream

from content_model.addresses import Address, literal_address, refusal

Resolver = Callable[[str, int], Awaitable[list[str]]]


class RefusedAddress(Exception):
    """A feed host that is, or resolves to, an internal address."""

    def __init__(self, host: str, address: str, reason: str, literal: bool = False):
        self.host, self.address, self.reason = host, address, reason
        if literal:  # the URL names the address itself, perhaps in another notation
            what = f"{host} is" if host == address else f"{host} ({address}) is"
        else:
            what = f"{host} resolves to {address}, which is"
        super().__init__(f"refused: {what} {reason}; feeds are only fetched from public addresses "
                         "(--allow-private-hosts allows internal ones, for local mirrors and tests)")


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses the fetcher may connect to."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()

    def refusal(self, address: Address) -> str | None:
        if self.allow_private:
            return None
        if any(address in ipaddress.ip_network(network, strict=False) for network in self.allowed_networks):
            return None
        return refusal(address)


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without duplicates."""
    try:
        answers = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error.strerror or error}") from error
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in answers:
        address = str(sockaddr[0]).split("%", 1)[0]
        if address not in addresses:
            addresses.append(address)
    return addresses


class PublicNetworkBackend(AsyncNetworkBackend):
    """Resolves, checks every address against the policy, then connects to a checked address."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = system_resolver,
                 inner: AsyncNetworkBackend | None = None):
        self.policy = policy
        self.resolver = resolver
        self.inner = inner or AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: typing.Iterable[typing.Any] | None = None) -> AsyncNetworkStream:
        literal = literal_address(host)
        addresses = [str(literal)] if literal is not None else await self.resolver(host.strip("[]"), port)
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        for address in addresses:
            reason = self.policy.refusal(ipaddress.ip_address(address))
            if reason:
                raise RefusedAddress(host.strip("[]"), address, reason, literal=literal is not None)
        error: Exception | None = None
        for address in addresses:  # like a browser: the next address when one does not answer
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except httpcore.ConnectError as failed:
                error = failed
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: typing.Iterable[typing.Any] | None = None) -> AsyncNetworkStream:
        raise httpcore.ConnectError("the fetcher does not connect to Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PublicTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, with its connection pool on ``PublicNetworkBackend``."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits, resolver: Resolver = system_resolver):
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PublicNetworkBackend(policy, resolver),
        )
