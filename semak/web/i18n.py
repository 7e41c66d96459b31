"""Language choice: Malay and English, switchable; the choice follows the person."""

from __future__ import annotations

from flask import request, session
from flask_login import current_user

LANGUAGES = ("ms", "en")
DEFAULT = "en"


def select_locale() -> str:
    lang = session.get("lang")
    if lang in LANGUAGES:
        return str(lang)
    if current_user and current_user.is_authenticated:
        locale = getattr(current_user, "locale", None)
        if locale in LANGUAGES:
            return str(locale)
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT
