"""An address with a NUL byte is refused before any view reads it.

No address of the site contains one, and PostgreSQL refuses it in a text parameter
("PostgreSQL text fields cannot contain NUL (0x00) bytes"), so ``/plans/1/items/%00/edit/``
would reach the database and fail there with a 500. Forms refuse NUL in posted text already
(Django's ProhibitNullCharactersValidator); this covers the path and the query string.
"""

from __future__ import annotations

from planwatch.web.core.error_pages import bad_request, page_not_found


class RefuseNulMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return page_not_found(request)
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            return bad_request(request)
        return self.get_response(request)
