"""What the coordinator writes for the portal: an indicator's metadata, the authority's name
and logo. Tracked records (versioned, in the change log); shown only once ticked published."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.web.core.access import only_roles
from planwatch.web.core.editing import save_form
from planwatch.web.core.forms import VersionedForm
from planwatch.web.core.roles import MANAGE
from planwatch.web.core.rules import RULES, allowed, decide
from planwatch.web.core.uploads import JPEG, PNG, sniff
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.portal.models import ItemMetadata, PortalBranding
from planwatch.web.portal.models.branding import LOGO_MAX_BYTES
from planwatch.web.portal.published import PUBLIC


class MetadataForm(VersionedForm):
    class Meta:
        model = ItemMetadata
        fields = ("definition", "caliber", "source", "is_published")
        widgets = {  # noqa: RUF012  (Django reads Meta as it is declared)
            "definition": forms.Textarea(attrs={"rows": 4}),
            "caliber": forms.Textarea(attrs={"rows": 4}),
        }


class BrandingForm(VersionedForm):
    class Meta:
        model = PortalBranding
        fields = ("authority", "logo", "is_published")
        help_texts = {  # noqa: RUF012
            "logo": gettext_lazy("PNG 或 JPEG，不超过 200 KB；显示在公开网站页头。"),
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or not hasattr(logo, "content_type"):  # unchanged or cleared
            return logo
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError(
                _("标志图片过大（%(size)d KB），上限为 %(limit)d KB。")
                % {"size": logo.size // 1000, "limit": LOGO_MAX_BYTES // 1000}
            )
        head = logo.read(16)
        logo.seek(0)
        kind = sniff(head)
        if kind not in (PNG, JPEG):
            raise ValidationError(_("标志图片须为 PNG 或 JPEG 格式。"))
        self.instance.logo_type = kind.content_type
        return logo


def can_change(user, obj) -> bool:
    """The access rule's answer for ``obj``, also before its first save (a new record)."""
    if obj.pk:
        return allowed(user, "change", obj)
    return decide(RULES[obj._meta.label_lower], user, "change") is True


def _edit(request, obj, form_class, *, template: str, success_url: str, context: dict):
    """Like core.editing.edit_page, for a record that may not exist yet; with files."""
    if not can_change(request.user, obj):
        raise PermissionDenied(only_roles(MANAGE))
    form = form_class(request.POST or None, request.FILES or None, instance=obj)
    if request.method == "POST" and form.is_valid() and save_form(request, form):
        messages.success(request, _("已保存。"))
        return redirect(success_url)
    return render(request, template, {**context, "form": form})


@login_required
def edit_metadata(request, pk: int):
    item = get_object_or_404(MeasurableItem.objects.restrict(request.user, "view"), pk=pk)
    metadata = ItemMetadata.objects.filter(item=item).first() or ItemMetadata(item=item)
    return _edit(
        request,
        metadata,
        MetadataForm,
        template="portal/edit_metadata.html",
        success_url=reverse("portal:item", args=[item.pk]),
        context={"item": item},
    )


@login_required
def edit_branding(request, pk: int):
    plan = get_object_or_404(Plan.objects.restrict(request.user, "view"), pk=pk)
    branding = PortalBranding.objects.filter(plan=plan).first() or PortalBranding(plan=plan)
    return _edit(
        request,
        branding,
        BrandingForm,
        template="portal/edit_branding.html",
        success_url=reverse("portal:plan", args=[plan.pk]),
        context={"plan": plan},
    )


def logo(request, pk: int):
    """The published logo of a plan's portal, as the coordinator uploaded it."""
    if pk >= 2**63:  # no such row: a number no database column holds
        raise Http404
    branding = (
        PortalBranding.objects.restrict(PUBLIC, "view").filter(plan_id=pk).exclude(logo="").first()
    )
    if branding is None:
        raise Http404
    with branding.logo.open("rb") as fh:
        response = HttpResponse(fh.read(), content_type=branding.logo_type or PNG.content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
