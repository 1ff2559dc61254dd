"""The language of each response: Chinese unless the visitor chose another with the switch.

Django's LocaleMiddleware follows the browser's Accept-Language, so an English browser would get
the English pages. Officials read the plan in Chinese whatever their browser says; English is a
choice made on the page, kept in the language cookie that ``set_language`` writes.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    """Activate the language in the language cookie if it is one of ours, else LANGUAGE_CODE.

    The language is set per thread; the one active before the request comes back afterwards, so a
    visitor's English does not leak into whatever the same thread does next (tests, the worker).
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        # Django renders template responses (and error pages) inside get_response, so the whole
        # page is written in the chosen language before the previous one is restored.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        # A shared cache must keep the languages apart; the choice travels in a cookie.
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE
