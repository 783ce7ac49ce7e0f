from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process so a test sees their effect; durability is tested separately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Each screening that notices a new live version builds the index itself, inside the
# test's transaction (a background thread could not see the test's rows); the tests
# of the background build run with "background" on a committed database.
SCREENING_INDEX_REBUILD = "inline"
