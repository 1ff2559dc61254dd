"""``load_demo`` at start-up: one transaction, one revision bump, one password hash, and the
same notices as record-by-record loading gives."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planwatch.web.history import revision
from planwatch.web.history.models import ChangeRecord, Revision

PRODUCTION_HASHER = "django.contrib.auth.hashers.PBKDF2PasswordHasher"


class Stronger(PBKDF2PasswordHasher):
    """What a later Django's production hasher may be: more iterations."""

    iterations = PBKDF2PasswordHasher.iterations + 1


def revision_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "history_revision" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_demo_bumps_each_revision_once_and_caches_still_change(db):
    from planwatch.web.demo import load_demo
    from planwatch.web.plans.models import Plan

    with CaptureQueriesContext(connection) as queries:
        load_demo()
    plan = Plan.objects.get(is_demo=True)
    # ~1,300 tracked records, each logged …
    assert ChangeRecord.objects.filter(plan_id=plan.pk).count() > 1000
    # … and each token written once: the plan's two ("every", "judged") and the global one
    # (departments belong to no plan). A first write is an UPDATE that finds no row, an
    # INSERT, an UPDATE (revision.bump): three statements a key, none per record.
    writes = revision_writes(queries.captured_queries)
    keys = {f"plan:{plan.pk}", f"plan:{plan.pk}:judged", "global"}
    # (Each key is kept in shards, "plan:5" or "plan:5#3": this worker writes its own.)
    written = {key for key in keys for sql in writes if re.search(f"'{key}(#\\d)?'", sql)}
    assert written == keys
    assert len(writes) <= 3 * len(keys)
    after = revision.current(plan.pk)
    assert "-" not in after.every.split(".")[0] and "-" not in after.judged.split(".")[0]

    cached_under = revision.current(plan.pk)
    load_demo()  # a second start: the plan exists, nothing is written, the caches stay valid
    assert revision.current(plan.pk) == cached_under


def test_deferred_bumps_happen_once_at_the_end_and_not_when_the_block_fails(db):
    revision.bump(7)
    start = revision.current(7)
    with revision.deferred():
        revision.bump(7, judged=False)
        revision.bump(7, judged=True)
        revision.bump(7, judged=False)
        assert revision.current(7) == start  # nothing yet
    end = revision.current(7)
    assert end.every != start.every and end.judged != start.judged  # judged once → both

    with pytest.raises(RuntimeError), revision.deferred():
        revision.bump(7)
        raise RuntimeError("the load failed")
    assert revision.current(7) == end
    assert Revision.objects.filter(key__regex=r"^plan:7(#\d)?$").count() == 1  # this worker's


def test_demo_accounts_share_one_production_hash_real_accounts_get_their_own(db, settings):
    from django.contrib.auth.hashers import identify_hasher

    from planwatch.web.accounts.models import User
    from planwatch.web.core.roles import Role
    from planwatch.web.demo import DEMO_PASSWORD, DEMO_PASSWORD_HASH, load_demo

    settings.PASSWORD_HASHERS = [PRODUCTION_HASHER]
    load_demo()
    demo = User.objects.filter(email__endswith="@demo.invalid")
    hashes = set(demo.values_list("password", flat=True))
    assert demo.count() >= 5 and len(hashes) == 1
    assert identify_hasher(hashes.pop()).algorithm == "pbkdf2_sha256"
    assert demo.get(username="reporter1").check_password(DEMO_PASSWORD)
    assert not demo.get(username="admin").check_password("planwatch-dem0")

    # That one hash was made once, not at this load: the stored one, valid for the password.
    assert demo.first().password == DEMO_PASSWORD_HASH

    real = User(username="zhang.wei", role=Role.LEADER)
    real.set_password(DEMO_PASSWORD)
    real.save()
    assert real.password not in set(demo.values_list("password", flat=True))
    assert identify_hasher(real.password).algorithm == "pbkdf2_sha256"


def test_loading_the_demo_queues_one_batch_with_the_open_round_and_the_course(
    db, django_capture_on_commit_callbacks
):
    from planwatch.web.demo import load_demo
    from planwatch.web.notifications.events import Batch
    from planwatch.web.plans.models import Plan
    from planwatch.web.reporting.models import ReportingRound

    with django_capture_on_commit_callbacks() as callbacks:
        load_demo()
    batches = [c.__self__ for c in callbacks if isinstance(getattr(c, "__self__", None), Batch)]
    assert len(batches) == 1
    plan = Plan.objects.get(is_demo=True)
    opened = ReportingRound.objects.get(plan=plan, status="open")
    kinds = sorted((e["kind"], e.get("round") or e.get("plan")) for e in batches[0].events)
    # Only the open round tells anyone something (reporter1's 2023 notice); every approved
    # figure comes down to one "course" event for the plan.
    assert kinds == [("course", plan.pk), ("round_opened", opened.pk)]


def test_demo_figures_of_a_rank_are_whole_positions(db):
    from planwatch.assess.plausibility import value_kind
    from planwatch.web.demo import load_demo
    from planwatch.web.reporting.models import Observation

    load_demo()
    ranks = [
        o.value
        for o in Observation.objects.select_related("item")
        if value_kind(o.item.name, o.item.unit) == "rank"
    ]
    assert ranks and all(v == int(v) and v >= 1 for v in ranks)


def test_the_stored_demo_hash_is_not_used_by_another_hasher_or_iteration_count(db, settings):
    from django.contrib.auth.hashers import check_password, identify_hasher

    from planwatch.web.demo import DEMO_PASSWORD, DEMO_PASSWORD_HASH, demo_password_hash

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    made = demo_password_hash()
    assert identify_hasher(made).algorithm == "md5" and check_password(DEMO_PASSWORD, made)

    settings.PASSWORD_HASHERS = [f"{__name__}.Stronger"]
    made = demo_password_hash()
    assert made != DEMO_PASSWORD_HASH and check_password(DEMO_PASSWORD, made)
    assert made.split("$")[1] == str(Stronger.iterations)
