"""Reporting: to-do lists, data entry, Excel templates, submission and review."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def todo(request):
    return render(request, "reporting/todo.html", {})
