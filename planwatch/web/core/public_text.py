"""Text shown to the public loses invisible control characters.

A right-to-left override (U+202E) makes "gnp.exe" read "exe.png"; other bidi controls, zero-width
characters and C0/C1 controls hide or reorder what a reader sees. None belongs in a Chinese plan,
a comment or a name. Line breaks and tabs stay where a text may have several lines.
"""

from __future__ import annotations

import re

#: C0 and C1 controls but tab and line breaks; bidi embeddings, overrides, isolates and marks;
#: zero-width spaces and joiners, word joiner, soft hyphen and the byte-order mark.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_LINE_BREAKS = re.compile("[\r\n\t\u2028\u2029]+")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """``value`` without invisible controls; one line unless ``multiline``."""
    value = _INVISIBLE.sub("", value)
    if not multiline:
        value = _LINE_BREAKS.sub(" ", value)
    return value


def has_invisible(value: str) -> bool:
    return bool(_INVISIBLE.search(value))


class PublicPagesMiddleware:
    """The portal's pages pass through :func:`clean_text` whole.

    Forms clean what people type, but names also come from imported outlines and older rows;
    cleaning the public page itself covers every one of them.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and "portal" in match.namespaces
            and not response.streaming
            and not getattr(response, "text_cleaned", False)  # core.responses: cleaned once
            and response.get("Content-Type", "").startswith("text/html")
        ):
            charset = response.charset or "utf-8"
            html = response.content.decode(charset)
            if has_invisible(html):
                response.content = clean_text(html).encode(charset)
        return response
