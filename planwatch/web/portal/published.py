"""What the portal publishes: the one rule, read off the access policy as the anonymous public.

Every portal page, download and search runs its queries as ``PUBLIC`` through
``Model.objects.restrict``: items of published plans, approved figures of published rounds
(``reporting/rules.py``), verdicts of the engine on those figures only
(``reporting.services.assessment``), coordinator-written texts once ticked published. Nothing
here adds a condition of its own, so the pages, the files and the open-data API agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from planwatch.web.api.views.opendata import contribute_metadata
from planwatch.web.plans.models import MeasurableItem, Plan
from planwatch.web.portal.models import ItemMetadata, PortalBranding
from planwatch.web.reporting.models import Observation

PUBLIC = AnonymousUser()


def published_plans():
    return Plan.objects.restrict(PUBLIC, "view").filter(is_published=True).defer("source_json")


def public_items(plan: Plan):
    return MeasurableItem.objects.restrict(PUBLIC, "view").filter(plan=plan)


def published_values(plan: Plan, up_to_year: int | None, items=None):
    """The approved, published figures of ``plan`` up to the monitoring year, oldest first."""
    values = Observation.objects.restrict(PUBLIC, "view").filter(
        item__plan=plan, item__deleted_at__isnull=True, year__lte=up_to_year or 0
    )
    if items is not None:
        values = values.filter(item__in=items)
    return values.select_related("item").order_by("item__kind", "item__order", "year", "period")


def metadata_of(item: MeasurableItem) -> ItemMetadata | None:
    return ItemMetadata.objects.restrict(PUBLIC, "view").filter(item=item).first()


def metadata_by_item(plan: Plan) -> dict[int, ItemMetadata]:
    rows = ItemMetadata.objects.restrict(PUBLIC, "view").filter(item__plan=plan)
    return {m.item_id: m for m in rows}


def published_metadata(plan: Plan) -> dict[int, dict[str, str]]:
    """The published 指标说明 texts of ``plan``'s items, for the open-data API."""
    return {
        item_id: {"definition": m.definition, "caliber": m.caliber, "source": m.source}
        for item_id, m in metadata_by_item(plan).items()
    }


def register() -> None:
    contribute_metadata(published_metadata)


@dataclass(frozen=True)
class Authority:
    """Who the portal's header names: the coordinator's published choice, else the setting,
    else the plan's issuer."""

    name: str
    logo_plan_id: int | None = None


def authority_of(plan: Plan | None) -> Authority | None:
    from django.conf import settings

    if plan is not None:
        branding = PortalBranding.objects.restrict(PUBLIC, "view").filter(plan=plan).first()
        if branding is not None and (branding.authority or branding.logo):
            name = branding.authority or settings.PORTAL_AUTHORITY or plan.issuer
            return Authority(name, plan.pk if branding.logo else None)
    if settings.PORTAL_AUTHORITY:
        return Authority(settings.PORTAL_AUTHORITY)
    if plan is not None and plan.issuer:
        return Authority(plan.issuer)
    return None
