"""The site's addresses, from the URL resolver, with their path parameters filled in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("anonymous", "reporter", "leader", "evaluator", "coordinator", "admin")


@dataclass(frozen=True)
class Address:
    name: str
    template: str  # "plans/{pk}/items/{code}/edit/"
    params: tuple[tuple[str, str], ...]  # (name, previous segment)


def addresses() -> list[Address]:
    found: list[Address] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue  # Django's admin: visited through reverse() below
                ns = ":".join(filter(None, (namespace, p.namespace)))
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "format" in route:
                    continue  # DRF's ".json" twins of the same views
                template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
                template = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", template)
                template = template.replace("^", "").replace("$", "").replace("\\", "")
                params = tuple(
                    (m.group(1), template[: m.start()].rstrip("/").rsplit("/", 1)[-1])
                    for m in re.finditer(r"\{(\w+)\}", template)
                )
                found.append(Address(f"{namespace}:{p.name}", template, params))

    walk(get_resolver().url_patterns, "/", "")
    return found


def fill(address: Address, ids: dict, codes: dict, replace: tuple[str, str] | None = None):
    values = {}
    for name, segment in address.params:
        if name in ("code", "kind"):
            value = codes.get(segment, "T1")
        elif name == "ext":
            value = "docx"
        elif name == "model":
            value = ids["history"]
        elif segment in ids:
            value = ids[segment]
        else:
            value = ids.get("plans")  # <pk> of plans/…, <plan_pk> of reporting/plans/…
            if name == "pk" and segment.isdigit():
                value = ids["plans"]
        values[name] = value
    if address.name == "history:object":
        values["pk"] = ids["plans"]
    if replace:
        values[replace[0]] = replace[1]
    return address.template.format(**values)


def admin_addresses(ids_by_model: dict) -> list[str]:
    paths = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        paths.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._base_manager.order_by("pk").first()
        if first is not None:
            paths.append(
                reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
            )
    return paths
