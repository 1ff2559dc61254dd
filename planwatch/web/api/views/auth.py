"""Getting an API token with a password, throttled like the sign-in page."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from planwatch.web.accounts import throttle
from planwatch.web.api.errors import api_exception_handler
from planwatch.web.api.throttling import AnonThrottle


class ObtainTokenView(APIView):
    """``POST username, password`` → the user's token (created on first use).

    Failures count toward the same lock-out as the sign-in page, so the API is no side door
    for guessing passwords.
    """

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (AnonThrottle,)
    serializer_class = AuthTokenSerializer

    def get_exception_handler(self):
        return api_exception_handler

    @extend_schema(
        request=AuthTokenSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
    )
    def post(self, request):
        data = request.data if hasattr(request.data, "get") else {}  # a JSON array: refused below
        username = str(data.get("username") or "").strip()
        address = throttle.client_address(request)
        if username and throttle.is_locked(username, address):
            return Response(
                {
                    "detail": _("登录失败次数过多，请 %(minutes)s 分钟后再试。")
                    % {"minutes": settings.LOGIN_LOCK_MINUTES}
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(settings.LOGIN_LOCK_MINUTES * 60)},
            )
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if username:
                throttle.record_failure(username, address)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        throttle.clear_failures(username, address)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
