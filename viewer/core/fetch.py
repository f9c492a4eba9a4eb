"""A web page by its URL: fetched with a time limit, a size limit and redirects followed.

May import: the standard library, ``urllib3`` (the HTTP client trafilatura itself uses),
``viewer`` (its version, for the user agent) and ``viewer.core.model``. Must not import: Qt.

``fetch_url`` raises ``LoadError`` with a message a reader understands for each way a fetch
fails: no network or no such host, no answer in time, an HTTP error (404, 500...), a page that
is not a web page (an image, a zip file), a page over the size limit, too many redirects. The
loader (``viewer.core.loading.load_url``) turns the page into a ``Document``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from viewer.core.model import LoadError

TIMEOUT_SECONDS = 20.0  # to connect, and then between two pieces of the answer
MAX_REDIRECTS = 10
CHUNK_BYTES = 64 * 1024
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) SourceCompare/{version} (article comparison)"
# What the loader can read; anything else is "not a web page".
READABLE_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "application/pdf": "pdf",
}
_REASONS = {
    401: "the page needs a login",
    403: "the site refused access",
    404: "the page was not found",
    410: "the page was removed",
    429: "the site asks to wait before trying again",
}


@dataclass(frozen=True)
class Fetched:
    """A page as it arrived: the address after redirects, the bytes and what they are."""

    url: str  # the final address, after redirects
    data: bytes
    format: str  # "html", "txt", "md" or "pdf"
    charset: str | None  # from the Content-Type header, when it names one


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address (what the app fetches)."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    main, _, rest = header.partition(";")
    charset = None
    for parameter in rest.split(";"):
        key, _, value = parameter.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return main.strip().lower(), charset


def fetch_url(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT_SECONDS,
    cancel: Callable[[], bool] | None = None,
) -> Fetched:
    """The page at ``url``; raises ``LoadError`` naming the address and what went wrong."""
    import urllib3
    from urllib3.exceptions import (
        ConnectTimeoutError,
        HTTPError,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ReadTimeoutError,
        SSLError,
    )

    import viewer

    shown = url.strip()
    if not is_url(shown):
        raise LoadError(shown, "not a web address (it must start with http:// or https://)")
    host = urlsplit(shown).hostname or shown
    pool = urllib3.PoolManager(
        headers={
            "User-Agent": USER_AGENT.format(version=viewer.__version__),
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8",
        },
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        retries=urllib3.Retry(
            total=MAX_REDIRECTS,
            connect=0,
            read=0,
            redirect=MAX_REDIRECTS,
            status=0,
            raise_on_redirect=True,
            raise_on_status=False,
        ),
    )
    with pool:  # closes every connection, also those of redirects and failures
        try:
            response = pool.request("GET", shown, preload_content=False, redirect=True)
        except MaxRetryError as exc:
            reason = exc.reason
            if isinstance(reason, NameResolutionError):
                raise LoadError(
                    shown, f"could not find the site {host} (no network, or no such site)"
                ) from None
            if isinstance(reason, NewConnectionError):  # (a subclass of ConnectTimeoutError)
                raise LoadError(
                    shown, f"could not connect to {host} (no network, or the site is down)"
                ) from None
            if isinstance(reason, ConnectTimeoutError):
                raise LoadError(shown, f"{host} did not answer within {timeout:g} s") from None
            if isinstance(reason, SSLError):
                raise LoadError(shown, f"the secure connection to {host} failed") from None
            if isinstance(reason, ReadTimeoutError):
                raise LoadError(shown, f"{host} did not answer within {timeout:g} s") from None
            if reason is None or "redirect" in str(reason).lower():
                raise LoadError(shown, f"too many redirects (more than {MAX_REDIRECTS})") from None
            raise LoadError(shown, f"could not be fetched from {host}") from None
        except (ReadTimeoutError, ConnectTimeoutError):
            raise LoadError(shown, f"{host} did not answer within {timeout:g} s") from None
        except (HTTPError, OSError) as exc:
            raise LoadError(
                shown, f"could not be fetched from {host} ({type(exc).__name__})"
            ) from None
        try:
            final = urljoin(shown, response.geturl() or shown)
            if response.status >= 400:
                meaning = _REASONS.get(response.status, "the site answered with an error")
                raise LoadError(shown, f"{meaning} (HTTP {response.status})")
            media, charset = _media_type(response.headers.get("Content-Type"))
            fmt = READABLE_TYPES.get(media)
            if fmt is None:
                what = media or "no content type"
                raise LoadError(shown, f"not a web page ({what})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and len(declared) > 18:
                # More digits than any real length has (and than int() reads by default).
                raise LoadError(shown, _too_large(max_bytes, max_bytes, more=True))
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise LoadError(shown, _too_large(int(declared), max_bytes))
            chunks: list[bytes] = []
            received = 0
            for chunk in response.stream(CHUNK_BYTES, decode_content=True):
                received += len(chunk)
                if received > max_bytes:
                    raise LoadError(shown, _too_large(received, max_bytes, more=True))
                if cancel is not None and cancel():
                    raise LoadError(shown, "the download was cancelled")
                chunks.append(chunk)
        except (ReadTimeoutError, ProtocolError) as exc:
            if isinstance(exc, ReadTimeoutError) or "timed out" in str(exc):
                raise LoadError(shown, f"{host} stopped answering for {timeout:g} s") from None
            raise LoadError(shown, f"the connection to {host} broke off") from None
        finally:
            response.close()  # an unread body is not wanted: no reuse of the connection
    data = b"".join(chunks)
    if not data:
        raise LoadError(shown, "the page is empty")
    return Fetched(url=str(final), data=data, format=fmt, charset=charset)


def _too_large(size: int, limit: int, more: bool = False) -> str:
    mb = 1024 * 1024
    amount = f"more than {limit // mb} MB" if more else f"{max(1, size // mb)} MB"
    return f"too large ({amount}; the limit is {limit // mb} MB)"
