"""API key material: generation and verification. Only digests are stored."""

import hashlib
import hmac
import secrets

from django.conf import settings

KEY_PREFIX = "vc_"
PREFIX_LENGTH = len(KEY_PREFIX) + 8


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_prefix(key: str) -> str:
    return key[:PREFIX_LENGTH]


def key_digest(key: str) -> str:
    secret = settings.API_KEY_HMAC_SECRET.encode()
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()
