"""The administrator's account forms: role, department, password; versioned like every edit."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from planwatch.web.accounts.models import User
from planwatch.web.core.forms import VersionedForm
from planwatch.web.core.roles import Role


class UserForm(VersionedForm):
    """Create an account (a first password required) or change one (a new password optional)."""

    password1 = forms.CharField(
        label=_("密码"), strip=False, required=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )

    field_order = ("username", "full_name", "email", "role", "department", "password1", "password2")

    class Meta:
        model = User
        fields = ("username", "full_name", "email", "role", "department")

    def __init__(self, *args, editor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        if self.instance.pk:
            # The name people sign in with stays; their records name them by account.
            self.fields["username"].disabled = True
            self.fields["username"].help_text = ""
            self.fields["password1"].label = _("新密码（不修改请留空）")
        else:
            self.fields["password1"].required = self.fields["password2"].required = True
        self.fields["department"].help_text = _("部门填报员必须指定部门。")

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role == Role.REPORTER and not data.get("department"):
            self.add_error("department", _("部门填报员必须指定所属部门。"))
        if self.instance.pk == self.editor.pk and role and role != Role.ADMINISTRATOR:
            self.add_error("role", _("不能取消自己的系统管理员角色，以免无人管理系统。"))
        first, second = data.get("password1"), data.get("password2")
        if first or second:
            if first != second:
                self.add_error("password2", _("两次输入的密码不一致。"))
            else:
                candidate = User(
                    username=data.get("username") or self.instance.username,
                    email=data.get("email") or "",
                )
                try:
                    password_validation.validate_password(first, candidate)
                except forms.ValidationError as exc:
                    self.add_error("password1", exc)
        return data

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        # The administrator role is also Django's superuser, so /admin/ agrees with the pages.
        user.is_staff = user.is_superuser = user.role == Role.ADMINISTRATOR
        if commit:
            user.save()
        return user
