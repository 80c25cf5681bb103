"""Typed readers for settings that come from the environment.

Each raises ImproperlyConfigured with the variable's name when its value cannot be used, so a
misconfigured server refuses to start instead of running with a surprise.
"""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# EMAIL_URL schemes: the backend, whether to use STARTTLS or implicit TLS, the default port.
_EMAIL_SCHEMES = {
    "smtp": (False, False, 25),
    "smtp+tls": (True, False, 587),
    "smtp+ssl": (False, True, 465),
}
_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


def email_settings(url: str, *, name: str = "EMAIL_URL") -> dict:
    """Django's e-mail settings from one address: `smtp://user:pass@host:port`,
    `smtp+tls://...` (STARTTLS), `smtp+ssl://...` (implicit TLS) or `console://` (printed)."""
    parts = urlsplit(url.strip())
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": _CONSOLE_BACKEND}
    if parts.scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with smtp://, smtp+tls://, smtp+ssl:// or console://; "
            f"got {parts.scheme or 'no scheme'!r}"
        )
    use_tls, use_ssl, default_port = _EMAIL_SCHEMES[parts.scheme]
    try:
        port = parts.port or default_port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has a port that is not a number 1-65535") from None
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name} must name the mail server: smtp://host:port")
    return {
        "EMAIL_BACKEND": _SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
    }


def env_url(name: str, default: str) -> str:
    """An absolute http(s) address without a trailing slash, e.g. https://monitor.example.org."""
    raw = os.environ.get(name, default).strip().rstrip("/")
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
        raise ImproperlyConfigured(
            f"{name} must be an address such as https://monitor.example.org; got {raw!r}"
        )
    return raw
