"""Django's PostgreSQL backend, with the persistent connection's health check skipped right after a success
(see base.py). Set as ENGINE by newsroom/settings/base.py when DATABASE_URL names PostgreSQL."""
