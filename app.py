"""The Flask application: ``flask --app app ...`` and ``gunicorn "app:create_app()"``."""

from semak.factory import create_app

__all__ = ["create_app"]
