from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The batch tracking task, called as a worker runs it, would wait for more articles to arrive: none do in a test.
NEWSROOM_TRACK_GATHER_SECONDS = 0.0
