"""Webhook secrets: made by the service, never typed by a person.

A venue's receiver checks every delivery's HMAC under this secret, so a short
or empty one lets anyone forge deliveries. The raw secret must be stored (HMAC
needs the key itself, unlike an API key, which only has to be recognised), but
it is shown once, when made, and never rendered again.
"""

import secrets

SECRET_BYTES = 32
# token_urlsafe(32) is 43 characters; anything shorter was not made here.
MIN_SECRET_LENGTH = 43


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def webhook_secret_is_strong(secret: str) -> bool:
    return len(secret.strip()) >= MIN_SECRET_LENGTH
