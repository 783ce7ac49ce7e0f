"""All HTTP for fetching sources lives here, so timeouts and limits are in one place.

Never call these inside `transaction.atomic()`: a slow list server must not
hold database locks.
"""

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass

import requests
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

logger = logging.getLogger(__name__)

# Worth another try: the server or the network may recover within seconds.
RETRY_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "venue-check source refresh (+https://github.com/)"


class SourceFetchError(Exception):
    """The source could not be fetched; the live version stays as it was."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


class _Retryable(SourceFetchError):
    pass


class _Deadline:
    """The overall time one attempt may take, headers and body together.

    The socket timeout only bounds each read, so a server trickling a byte
    every few seconds would hold a fetch for ever; when the deadline passes,
    a timer shuts down every socket the attempt opened, which ends whatever
    read is under way (plain or TLS) at once.
    """

    _current = threading.local()

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        _Deadline._current.active = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()
        _Deadline._current.active = None

    @classmethod
    def watch(cls, sock: socket.socket) -> None:
        deadline = getattr(cls._current, "active", None)
        if deadline is not None:
            with deadline._lock:
                deadline._sockets.append(sock)
                if deadline.expired:
                    _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _WatchedConnectionMixin(HTTPConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        _Deadline.watch(sock)
        return sock


class _WatchedHTTPConnection(_WatchedConnectionMixin, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnectionMixin, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _session() -> requests.Session:
    session = requests.Session()
    session.mount("http://", _WatchedAdapter())
    session.mount("https://", _WatchedAdapter())
    return session


@dataclass(frozen=True)
class FetchResult:
    status: int
    content: bytes  # empty when not modified
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
    """GET a source file with a conditional request, retrying transient failures.

    Sends If-None-Match / If-Modified-Since when given, so an unchanged list
    costs a 304. Retries connection errors, timeouts, 429 and 5xx with
    exponential backoff; refuses bodies over SOURCE_MAX_BYTES. An attempt
    that takes longer than SOURCE_DEADLINE in all fails at once, without
    retrying: a server that slow will not be quicker a second later.
    """
    attempts = max(1, getattr(settings, "SOURCE_FETCH_ATTEMPTS", 3))
    backoff = getattr(settings, "SOURCE_RETRY_BACKOFF", 2.0)
    for attempt in range(1, attempts + 1):
        try:
            return _fetch_once(url, etag=etag, last_modified=last_modified)
        except _Retryable as exc:
            if attempt == attempts:
                raise SourceFetchError(f"{exc} (after {attempts} attempts)", status=exc.status) from exc
            delay = backoff * 2 ** (attempt - 1)
            logger.warning("fetch %s failed (%s); retrying in %.1fs", url, exc, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def fetch_bytes(url: str) -> bytes:
    """The body of a URL, unconditionally."""
    return fetch(url).content


def fetch_json(url: str):
    try:
        return json.loads(fetch(url).content)
    except ValueError as exc:
        raise SourceFetchError(f"{url}: not JSON ({exc})") from exc


def _fetch_once(url: str, *, etag: str, last_modified: str) -> FetchResult:
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seconds = source_deadline()
    with _Deadline(seconds) as deadline, _session() as session:
        try:
            with session.get(url, headers=headers, timeout=settings.SOURCE_TIMEOUT, stream=True) as response:
                _check_status(url, response)
                content = b"" if response.status_code == 304 else _read_capped(url, response)
                result = FetchResult(
                    status=response.status_code,
                    content=content,
                    etag=response.headers.get("ETag", ""),
                    last_modified=response.headers.get("Last-Modified", ""),
                )
        except (requests.RequestException, OSError) as exc:
            if deadline.expired:
                raise SourceFetchError(
                    f"{url}: no complete response within the {seconds:g} s deadline"
                ) from exc
            if isinstance(exc, requests.ConnectionError | requests.Timeout):
                raise _Retryable(f"{url}: {exc.__class__.__name__}: {exc}") from exc
            raise SourceFetchError(f"{url}: {exc}") from exc
        if deadline.expired:  # the shutdown can look like a short, complete body
            raise SourceFetchError(f"{url}: no complete response within the {seconds:g} s deadline")
        return result


def source_deadline() -> float:
    """Seconds one fetch attempt may take in all (SOURCE_DEADLINE; by default SOURCE_TIMEOUT)."""
    return float(settings.SOURCE_DEADLINE)


def _check_status(url: str, response: requests.Response) -> None:
    status = response.status_code
    if status in RETRY_STATUSES:
        raise _Retryable(f"{url}: HTTP {status}", status=status)
    if status >= 400:
        raise SourceFetchError(f"{url}: HTTP {status}", status=status)


def _read_capped(url: str, response: requests.Response) -> bytes:
    limit = settings.SOURCE_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise SourceFetchError(f"{url}: body of {declared} bytes is over the {limit}-byte limit")
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=1 << 16):
        size += len(chunk)
        if size > limit:
            raise SourceFetchError(f"{url}: body over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)
