"""The polite HTTP client: limits, timeouts, retries, conditional requests, size cap.

* Concurrency: at most ``concurrency`` requests in flight overall and ``per_host`` per host
  name. A request holds its slots only while it runs, not while it waits to retry.
* Each attempt must finish within ``timeout`` seconds (connect, headers and body together).
* A feed has a total ``deadline`` (``Deadline``, 45 s by default) for all its requests:
  attempts, waits between retries, later pages and detail requests. It starts when the
  feed's first request gets its slot. An attempt never runs past it, and a retry that
  would start after it is not made, so one hanging host costs at most the deadline.
* Retries, up to ``retries`` times, on network errors and timeouts, on 5xx and on 429, with
  exponential backoff (``backoff``, doubled each time, at most ``max_backoff``). A
  ``Retry-After`` header (seconds or an HTTP date) is honoured instead of the backoff; when
  it asks for more than ``max_retry_after`` seconds the feed fails at once rather than
  stalling the run. Other 4xx responses are not retried.
* Bodies are streamed and abandoned past ``max_bytes`` (decoded size, so a gzip bomb is
  caught too); a ``Content-Length`` over the cap is refused before reading.
* Redirects are followed up to ``max_redirects`` (a loop fails as "too many redirects").
* ``If-None-Match``/``If-Modified-Since`` are sent when the caller has validators; a 304 is
  returned as such, without a body.
* Every request carries ``USER_AGENT``, naming the project and how to reach it.
* Connections go to public addresses only (``network.PublicTransport``): a host that is or
  resolves to a loopback, private, link-local, multicast, reserved or unique-local address
  is refused when the connection is made, for the first request and for every redirect,
  unless ``allow_private_hosts`` (local mirrors and tests).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from .network import AddressPolicy, PublicTransport, RefusedAddress, Resolver, system_resolver

USER_AGENT = ("WorkInTwenteFeedFetcher/1.0 (+https://work-in-twente.example/about/feeds; "
              "vacancy feed reader for a student job directory)")


@dataclass(frozen=True)
class FetchSettings:
    """Limits of the polite client; the CLI exposes the common ones."""

    concurrency: int = 8
    per_host: int = 2
    timeout: float = 30.0
    deadline: float = 45.0   # per feed, all attempts, retries, pages and details included
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_retry_after: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    allow_private_hosts: bool = False          # --allow-private-hosts: local mirrors and tests only
    allowed_networks: tuple[str, ...] = ()     # ranges let through although internal (tests)


class FetchError(Exception):
    """A request that failed for good (after retries where they apply)."""

    def __init__(self, url: str, message: str, status: int | None = None, attempts: int = 1,
                 deadline: bool = False):
        self.url = url
        self.status = status
        self.attempts = attempts
        self.reason = message
        self.deadline = deadline  # the feed's deadline ended it
        suffix = f" (after {attempts} attempts)" if attempts > 1 else ""
        super().__init__(f"{message}{suffix}")


class Deadline:
    """One feed's time budget, shared by all its requests; it starts with the first one."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._started: float | None = None

    def start(self) -> None:
        if self._started is None:
            self._started = self._clock()

    @property
    def elapsed(self) -> float:
        return 0.0 if self._started is None else self._clock() - self._started

    def remaining(self) -> float:
        return self.seconds - self.elapsed

    def message(self, what: str = "") -> str:
        return f"{what}stopped at the feed's {self.seconds:g} s deadline (all attempts and pages included)"


class _TooLarge(Exception):
    pass


@dataclass
class FetchResponse:
    """A 200 (with body) or 304 (without) answer."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class FetchStats:
    requests: int = 0
    retries: int = 0
    bytes_downloaded: int = 0  # bytes on the wire for bodies (compressed size)
    not_modified: int = 0


@dataclass
class _Attempt:
    response: FetchResponse | None = None
    status: int | None = None
    retry_after: float | None = None
    error: str | None = None
    retryable: bool = False
    deadline: bool = False  # the feed's deadline ended this attempt


class PoliteClient:
    """An ``httpx.AsyncClient`` wrapped with the rules above. Use as an async context manager."""

    def __init__(self, settings: FetchSettings = FetchSettings(),
                 transport: httpx.AsyncBaseTransport | None = None,
                 sleep=asyncio.sleep, resolver: Resolver = system_resolver):
        self.settings = settings
        self.stats = FetchStats()
        self._limits = httpx.Limits(max_connections=settings.concurrency,
                                    max_keepalive_connections=settings.concurrency)
        self._transport = transport or PublicTransport(
            AddressPolicy(settings.allow_private_hosts, settings.allowed_networks), self._limits, resolver)
        self._sleep = sleep
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> PoliteClient:
        self._client = httpx.AsyncClient(
            transport=self._transport,
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            timeout=httpx.Timeout(self.settings.timeout),
            limits=self._limits,
            trust_env=False,
            headers={"User-Agent": self.settings.user_agent,
                     "Accept": "application/json, application/xml, text/xml, application/rss+xml, "
                               "application/atom+xml, text/html;q=0.9, */*;q=0.5"},
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
                  deadline: Deadline | None = None) -> FetchResponse:
        """GET ``url``; raises ``FetchError`` when it fails for good or ``deadline`` runs out."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        settings = self.settings
        deadline = deadline or Deadline(settings.deadline)
        attempts = 0
        while True:
            # The host slot first: a request waiting for a busy host must not hold a global slot.
            async with self._host_slot(url), self._global:
                deadline.start()
                budget = deadline.remaining()
                if budget <= 0:
                    raise FetchError(url, deadline.message(), attempts=attempts, deadline=True)
                attempts += 1
                attempt = await self._attempt(url, headers, min(settings.timeout, budget), deadline)
            if attempt.response is not None:
                attempt.response.attempts = attempts
                return attempt.response
            if attempt.deadline:
                raise FetchError(url, attempt.error or deadline.message(), attempt.status, attempts, deadline=True)
            if not attempt.retryable or attempts > settings.retries:
                raise FetchError(url, attempt.error or "request failed", attempt.status, attempts)
            if attempt.retry_after is not None:
                if attempt.retry_after > settings.max_retry_after:
                    raise FetchError(url, f"{attempt.error}; server asks to retry after "
                                          f"{attempt.retry_after:.0f} s (more than the "
                                          f"{settings.max_retry_after:.0f} s allowed)", attempt.status, attempts)
                delay = attempt.retry_after
            else:
                delay = min(settings.backoff * 2 ** (attempts - 1), settings.max_backoff)
                delay *= 1 + random.uniform(0, 0.1)  # a little jitter against thundering herds
            if delay >= deadline.remaining():
                raise FetchError(url, deadline.message(f"{attempt.error}; no retry: "), attempt.status, attempts,
                                 deadline=True)
            self.stats.retries += 1
            await self._sleep(delay)

    async def _attempt(self, url: str, headers: dict[str, str], timeout: float, deadline: Deadline) -> _Attempt:
        assert self._client is not None, "use PoliteClient as an async context manager"
        self.stats.requests += 1
        try:
            async with asyncio.timeout(timeout):
                return await self._request(url, headers)
        except TimeoutError:
            if timeout < self.settings.timeout:  # the feed's deadline, not the attempt's own limit, ended it
                return _Attempt(error=deadline.message(f"no answer in {timeout:.3g} s: "), deadline=True)
            return _Attempt(error=f"timed out after {self.settings.timeout:g} s", retryable=True)
        except httpx.TooManyRedirects:
            return _Attempt(error=f"too many redirects (more than {self.settings.max_redirects})")
        except _TooLarge as error:
            return _Attempt(error=str(error))
        except RefusedAddress as error:
            return _Attempt(error=str(error))
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as error:
            return _Attempt(error=f"network error: {type(error).__name__}: {error or 'no details'}",
                            retryable=True)
        except httpx.HTTPError as error:
            return _Attempt(error=f"{type(error).__name__}: {error}")

    async def _request(self, url: str, headers: dict[str, str]) -> _Attempt:
        assert self._client is not None
        async with self._client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status == 304:
                self.stats.not_modified += 1
                return _Attempt(FetchResponse(str(response.url), 304,
                                              etag=response.headers.get("ETag"),
                                              last_modified=response.headers.get("Last-Modified")))
            if status != 200:
                retryable = status == 429 or status >= 500
                retry_after = _retry_after(response.headers.get("Retry-After")) if retryable else None
                reason = response.reason_phrase or ""
                return _Attempt(status=status, retry_after=retry_after, retryable=retryable,
                                error=f"HTTP {status} {reason}".strip())
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise _TooLarge(f"response too large: {int(declared):,} bytes declared, "
                                f"limit {self.settings.max_bytes:,}")
            chunks = []
            size = 0
            try:
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > self.settings.max_bytes:
                        raise _TooLarge(f"response too large: more than {self.settings.max_bytes:,} bytes")
                    chunks.append(chunk)
            finally:
                self.stats.bytes_downloaded += response.num_bytes_downloaded
            return _Attempt(FetchResponse(str(response.url), 200, b"".join(chunks),
                                          etag=response.headers.get("ETag"),
                                          last_modified=response.headers.get("Last-Modified")))


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):  # delta-seconds (a fraction is tolerated)
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
