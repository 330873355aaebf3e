"""Which network addresses a feed may be fetched from: public ones only.

One rule for the validator (literal addresses in a company profile's ``feeds:``) and the
fetcher (every address a feed host resolves to, checked when it connects and again on every
redirect). Refused: loopback, private, link-local (the cloud metadata service at
169.254.169.254 lives there), multicast, unspecified, shared (carrier-grade NAT), reserved
and documentation ranges, and IPv6 unique-local addresses; an IPv4 address embedded in an
IPv6 one (``::ffff:127.0.0.1``, 6to4, NAT64) is judged by the IPv4 address it carries.
"""

from __future__ import annotations

import ipaddress
import re
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_SHARED = ipaddress.ip_network("100.64.0.0/10")
_LEGACY_IPV4 = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.I)


def literal_address(host: str) -> Address | None:
    """The address a URL host names literally, or None for a host name.

    Accepts what resolvers accept too: ``[::1]``, ``fe80::1%eth0``, and the old IPv4 forms
    ``2130706433``, ``0x7f.1`` and ``017700000001`` (all 127.0.0.1).
    """
    host = host.strip().strip("[]").split("%", 1)[0].rstrip(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _LEGACY_IPV4.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def embedded_ipv4(address: Address) -> Address:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), else the address itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def refusal(address: Address) -> str | None:
    """What kind of internal address ``address`` is ("a loopback address"), or None if public."""
    inner = embedded_ipv4(address)
    if inner != address:
        reason = refusal(inner)
        return f"{reason} (IPv4 {inner} inside IPv6)" if reason else None
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address in _UNIQUE_LOCAL:
        return "a unique-local address"
    if address in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if address.is_private:
        return "a private address"
    if address.is_reserved or not address.is_global:
        return "a reserved address"
    return None
