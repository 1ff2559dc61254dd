"""``planwatch serve``, ``prepare``, ``worker``, ``remind``, ``plan import|reimport|list`` and
``backup|restore``: the web system from the command line."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from planwatch.errors import PlanwatchError, Text, for_terminal, terminal_language, text


def _say(zh: str, en: str, **params) -> None:
    """Print one line in the terminal's language."""
    print(Text(zh=zh, en=en, params=params).render(terminal_language()), flush=True)


#: What ``pip install 'planwatch[web]'`` adds to the core (pyproject.toml, the web extra).
WEB_MODULES = (
    "django",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "gunicorn",
    "django_tasks",
    "django_tasks_db",
)


def register(subparsers) -> None:
    serve = subparsers.add_parser(
        "serve",
        help=for_terminal(
            "运行网页系统（gunicorn，2 个进程 × 4 个线程）",
            "run the web system (gunicorn, 2 workers × 4 threads)",
        ),
        description=for_terminal(
            "迁移数据库，然后用 gunicorn 提供 planwatch 服务。",
            "Migrate the database, then serve planwatch with gunicorn.",
        ),
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2)
    serve.add_argument(
        "--demo",
        action="store_true",
        help=for_terminal(
            "先载入自带的纲要、演示账号和示例数据（可重复运行）",
            "first load the bundled outline with demo users and 示例数据 (idempotent)",
        ),
    )
    serve.add_argument(
        "--task-workers",
        type=int,
        default=1,
        help=for_terminal(
            "随 gunicorn 启动的后台任务进程数（通知、提醒；默认 1）",
            "background workers started beside gunicorn (notifications, reminders; 1)",
        ),
    )
    serve.set_defaults(handler=serve_command)

    prepare = subparsers.add_parser(
        "prepare",
        help=for_terminal(
            "安装时预先完成首次启动的准备（压缩静态文件、迁移好的数据库模板）",
            "do a first start's preparation at install time (compressed static files, "
            "the migrated database template)",
        ),
        description=for_terminal(
            "在本安装的缓存（PLANWATCH_STATIC_CACHE、PLANWATCH_SCHEMA_CACHE）中放入收集并压缩好的"
            "静态文件和迁移好的空数据库，首次启动时复制即可；已完成时很快且不做任何改动。"
            "不读写任何数据目录或数据库。",
            "Put the collected, compressed static files and a migrated empty database into this "
            "installation's caches (PLANWATCH_STATIC_CACHE, PLANWATCH_SCHEMA_CACHE), for first "
            "starts to copy; quick and changing nothing when already done. Reads and writes no "
            "data directory and no database.",
        ),
    )
    prepare.set_defaults(handler=prepare_command)

    worker = subparsers.add_parser(
        "worker",
        help=for_terminal(
            "运行一个后台任务进程（供与网页服务并列的 systemd 单元使用）",
            "run one background worker (for a systemd unit beside the web server)",
        ),
        description=for_terminal(
            "运行网页服务排入的任务（通知、邮件），直到停止。",
            "Run the tasks the web servers enqueue (notices, e-mails) until stopped.",
        ),
    )
    worker.set_defaults(handler=worker_command)
    remind = subparsers.add_parser(
        "remind",
        help=for_terminal(
            "排入今天的截止和逾期提醒（由定时器或 cron 每天运行）",
            "queue today's deadline and overdue reminders (run daily by a timer or cron)",
        ),
    )
    remind.add_argument(
        "--date",
        help=for_terminal(
            "提醒针对的日期，YYYY-MM-DD（默认今天）",
            "the day to remind for, YYYY-MM-DD (default: today)",
        ),
    )
    remind.add_argument(
        "--now",
        action="store_true",
        help=for_terminal(
            "在本进程中发送，不交给后台任务进程", "send them in this process instead of the worker"
        ),
    )
    remind.set_defaults(handler=remind_command)

    plan = subparsers.add_parser(
        "plan", help=for_terminal("导入和列出已存的规划", "import and list stored plans")
    )
    plan_sub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    imp = plan_sub.add_parser(
        "import", help=for_terminal("读取纲要并存为规划", "read an outline and store it as a plan")
    )
    imp.add_argument("path", type=Path)
    imp.add_argument(
        "--confirm",
        action="store_true",
        help=for_terminal(
            "立即标记为已核对（否则由统筹部门在网页上核对）",
            "mark the plan as reviewed at once (otherwise a coordinator reviews it on the web)",
        ),
    )
    imp.set_defaults(handler=import_command)
    again = plan_sub.add_parser(
        "reimport",
        help=for_terminal(
            "将修订后的纲要读入已存规划，保留编号、分工和数据",
            "read a corrected outline into a stored plan, keeping codes, 分工 and figures",
        ),
        description=for_terminal(
            "列出新增、修改和移除的内容；加 --apply 执行。",
            "Lists what is new, changed and removed; --apply carries it out.",
        ),
    )
    again.add_argument("plan_id", type=int, metavar="PLAN")
    again.add_argument("path", type=Path)
    again.add_argument(
        "--apply",
        action="store_true",
        help=for_terminal("执行列出的修改", "carry out the listed changes"),
    )
    again.set_defaults(handler=reimport_command)
    lst = plan_sub.add_parser("list", help=for_terminal("列出已存的规划", "list stored plans"))
    lst.set_defaults(handler=list_command)

    back = subparsers.add_parser(
        "backup",
        help=for_terminal(
            "在服务运行时将整个数据库复制到 FILE",
            "copy the whole database into FILE while the server runs",
        ),
        description=for_terminal(
            "SQLite：在线备份；PostgreSQL（DATABASE_URL）：pg_dump -Fc。",
            "SQLite: online backup API; PostgreSQL (DATABASE_URL): pg_dump -Fc.",
        ),
    )
    back.add_argument("path", type=Path, metavar="FILE")
    back.set_defaults(handler=backup_command)
    rest = subparsers.add_parser(
        "restore",
        help=for_terminal(
            "用 planwatch backup 生成的备份替换数据库",
            "replace the database with a backup made by planwatch backup",
        ),
        description=for_terminal(
            "恢复、迁移数据库，并更新数据版本，使运行中的服务立即弃用所有缓存页面。",
            "Restores, migrates, and renews the data revision so that running servers "
            "drop every cached page at once.",
        ),
    )
    rest.add_argument("path", type=Path, metavar="FILE")
    rest.set_defaults(handler=restore_command)


def require_web_extra() -> None:
    """The web system needs the ``web`` extra; without it say how to install it, in Chinese."""
    missing = [name for name in WEB_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise PlanwatchError(
            text(
                "web.not_installed",
                "未安装网页系统（缺少 {missing}）。请运行：pip install 'planwatch[web]'"
                "（在源码目录中：pip install -e '.[web]'）。",
                "the web system is not installed (missing {missing}). Run: "
                "pip install 'planwatch[web]' (in a source checkout: pip install -e '.[web]').",
                missing=", ".join(missing),
            )
        )


def setup_django(*, allowed_host: str | None = None) -> None:
    require_web_extra()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    if allowed_host and not os.environ.get("PLANWATCH_ALLOWED_HOSTS"):
        wildcard = allowed_host in ("0.0.0.0", "::", "")
        hosts = "*" if wildcard else f"{allowed_host},localhost,127.0.0.1,[::1]"
        os.environ["PLANWATCH_ALLOWED_HOSTS"] = hosts
    import django

    django.setup()


def migrate() -> str:
    """Apply what is unapplied. A database already up to date costs only the reading of the
    migration files (no command, no post-migrate signals: a second start's share); a new SQLite
    file is copied from the installation's migrated template when there is one
    (planwatch.web.schema_template), and the first one migrated from empty becomes it.

    Returns what was done: ``"current"`` (nothing), ``"copied"`` (the template, nothing left
    to apply) or ``"migrated"`` (``migrate`` ran)."""
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    from planwatch.web import schema_template

    def pending():
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return bool(executor.loader.applied_migrations), plan

    new = schema_template.new_database_path()
    name = schema_template.digest() if new is not None else None
    copied = new is not None and schema_template.copy_template(new, name)
    try:
        applied, plan = pending()
    except DatabaseError:
        if not copied:
            raise
        schema_template.discard(new, name)  # not a database after all: migrate from empty
        copied = False
        applied, plan = pending()
    if copied:
        schema_template.stamp_applied()
    if applied and not plan:
        return "copied" if copied else "current"
    call_command("migrate", interactive=False, verbosity=0)
    if new is not None and not copied:
        schema_template.keep(name)
    return "migrated"


def collect_static() -> str | None:
    """What a production start does with its static files (static_stamp.refresh); None in
    DEBUG, where they are served straight from the source tree."""
    from django.conf import settings

    if settings.DEBUG:
        return None
    from planwatch.web.static_stamp import refresh

    return refresh()


def served_url(host: str, port: int) -> str:
    """The address a browser on this machine reaches ``planwatch serve`` at."""
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve_command(args: argparse.Namespace) -> int:
    # The start builds a heap that lives as long as the server (Django, the app): collector
    # passes over it free next to nothing. Off until the app is loaded and frozen (wsgi.py).
    gc.disable()
    phases = Phases()
    # Links in e-mail (written by the workers this starts, which inherit it) point at this server
    # unless the deployment names its public address.
    os.environ.setdefault("PLANWATCH_SITE_URL", served_url(args.host, args.port))
    setup_django(allowed_host=args.host)
    phases.done("django")
    migrate()
    phases.done("migrate")
    if collect_static() is not None:  # a warm start finds them unchanged and skips it
        phases.done("static files")
    if args.demo:
        from planwatch.web.demo import DEMO_PASSWORD, load_demo

        logins = load_demo()
        phases.done("demo")
        _say(
            "示例数据已载入。演示账号，密码：{password}",
            "示例数据 (demo data) loaded. Demo logins, password: {password}",
            password=DEMO_PASSWORD,
        )
        for login in logins:
            print(f"  {login.username:<12} {login.role:<10} {login.department}")
    from planwatch.web.wsgi import application

    phases.done("app")
    _say("启动用时：{phases}", "start-up: {phases}", phases=phases)
    _say(
        "planwatch 已在 {url}/ 提供服务（按 Ctrl+C 停止）",
        "planwatch is serving on {url}/  (Ctrl+C to stop)",
        url=served_url(args.host, args.port),
    )
    from django.db import connections

    connections.close_all()  # the task workers and gunicorn's workers open their own
    task_workers = start_task_workers(args.task_workers)
    try:
        run_gunicorn(application, args.host, args.port, args.workers)
    finally:
        stop_task_workers(task_workers)
    return 0


def prepare_command(args: argparse.Namespace) -> int:
    """A first start's installation-wide work, done in a scratch data directory that is then
    removed: ``migrate`` of a new SQLite file and the static files' collection, as ``serve``
    does them (migrate, collect_static), leave the template and the collection in the caches."""
    import shutil
    import tempfile

    scratch = tempfile.mkdtemp(prefix="planwatch-prepare-")
    # Never the deployment's own data directory or database (PostgreSQL included): the
    # template is of a new SQLite file, and what either cache holds depends on neither.
    os.environ["PLANWATCH_DATA_DIR"] = scratch
    os.environ.pop("DATABASE_URL", None)
    try:
        setup_django()
        return max(_prepare_schema(), _prepare_static())
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(scratch, ignore_errors=True)


def _prepare_schema() -> int:
    from planwatch.web import schema_template

    cache = schema_template.cache_dir()
    if cache is None:
        _say(
            "数据库模板：缓存已关闭（PLANWATCH_SCHEMA_CACHE 为空），首次启动将从空库迁移",
            "database template: cache turned off (PLANWATCH_SCHEMA_CACHE is empty); "
            "first starts migrate from empty",
        )
        return 0
    done = migrate()
    template = schema_template.template_path(schema_template.digest())
    if not template.is_file():
        _say(
            "数据库模板：无法写入 {path}，首次启动将从空库迁移",
            "database template: could not write {path}; first starts migrate from empty",
            path=cache,
        )
        return 1
    if done == "copied":
        _say(
            "数据库模板：已就绪 {path}", "database template: already in place {path}", path=template
        )
    else:
        _say("数据库模板：已生成 {path}", "database template: made {path}", path=template)
    return 0


def _prepare_static() -> int:
    from planwatch.web import static_stamp

    if not static_stamp.cache_enabled():
        _say(
            "静态文件：缓存已关闭（PLANWATCH_STATIC_CACHE 为空），首次启动将收集并压缩",
            "static files: cache turned off (PLANWATCH_STATIC_CACHE is empty); "
            "first starts collect and compress them",
        )
        return 0
    done = collect_static()
    if done is None:
        _say(
            "静态文件：调试模式（PLANWATCH_DEBUG）直接使用源文件，无需收集",
            "static files: DEBUG (PLANWATCH_DEBUG) serves the sources; nothing to collect",
        )
        return 0
    shared = static_stamp.cached()
    if shared is None:
        _say(
            "静态文件：无法写入缓存，首次启动将收集并压缩",
            "static files: could not write the cache; first starts collect and compress them",
        )
        return 1
    if done == "copied":
        _say("静态文件：已就绪 {path}", "static files: already in place {path}", path=shared)
    else:
        _say(
            "静态文件：已收集并压缩到 {path}",
            "static files: collected and compressed into {path}",
            path=shared,
        )
    return 0


class Phases:
    """Seconds spent in each start-up step, for the ``start-up:`` line (bench/startup.py)."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.spent: list[tuple[str, float]] = []
        started = _process_age()
        if started is not None:  # the interpreter and planwatch's own imports
            self.spent.append(("python", started))

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.spent.append((name, now - self.last))
        self.last = now

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.spent)


def _process_age() -> float | None:
    """Seconds since this process started (Linux: /proc), or None where that is not known."""
    try:
        stat = Path("/proc/self/stat").read_text()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except OSError:
        return None
    ticks = int(stat[stat.rindex(")") + 2 :].split()[19])
    return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))


def start_task_workers(count: int) -> list:
    """Background workers beside gunicorn, forked from this process once Django and the app
    are loaded (as gunicorn forks its own workers): no second interpreter loads Django again
    while the server starts. Each dies with this one (SIGTERM)."""
    if not hasattr(os, "fork"):  # no fork (Windows): a ``planwatch worker`` process each
        command = [sys.executable, "-m", "planwatch", "worker"]
        workers = [subprocess.Popen(command) for _ in range(count)]
    else:
        workers = [_fork_task_worker() for _ in range(count)]
    for proc in workers:
        _say(
            "后台任务进程已启动（pid {pid}）", "background worker started (pid {pid})", pid=proc.pid
        )
    return workers


def _fork_task_worker() -> ForkedWorker:
    sys.stdout.flush()  # what is buffered now is the parent's to write, not the child's too
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return ForkedWorker(pid)
    status = 1
    try:
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PDEATHSIG
        except (OSError, AttributeError):  # not Linux: stop_task_workers still stops them
            pass
        run_task_worker()
        status = 0
    except SystemExit as exc:  # the worker's own way to stop on SIGTERM
        status = exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        status = 130
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


class ForkedWorker:
    """A forked child as much of subprocess.Popen as stop_task_workers uses."""

    def __init__(self, pid: int) -> None:
        self.pid, self.returncode = pid, None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped already (gunicorn's arbiter reaps every child)
                self.returncode = 0
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"task worker {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)


def stop_task_workers(workers: list) -> None:
    """Let each finish its current task (SIGTERM), then make sure it is gone."""
    for proc in workers:
        if proc.poll() is None:
            proc.terminate()
    for proc in workers:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def worker_command(args: argparse.Namespace) -> int:
    setup_django()
    run_task_worker()
    return 0


def run_task_worker() -> None:
    """One background worker in this process, until stopped."""
    from django.core.management import call_command

    from planwatch.web.core.background import requeue_abandoned

    _requeued(requeue_abandoned())
    # No migrate here: the web server (or the operator, on upgrade) does it, never two at once.
    call_command("db_worker", reload=False, interval=1.0, verbosity=1)


def remind_command(args: argparse.Namespace) -> int:
    day = _parse_day(args.date)
    setup_django()
    migrate()
    from django.utils import timezone

    from planwatch.web.core.background import requeue_abandoned

    _requeued(requeue_abandoned())
    day = day or timezone.localdate()
    if args.now:
        from planwatch.web.notifications.reminders import send_reminders

        _say(
            "已为 {day} 写入 {count} 条通知",
            "{count} notices written for {day}",
            count=send_reminders(day),
            day=day.isoformat(),
        )
    else:
        from planwatch.web.notifications.tasks import send_reminders

        result = send_reminders.enqueue(day.isoformat())
        _say(
            "{day} 的提醒已排入队列（任务 {task}）",
            "reminders for {day} queued (task {task})",
            day=day.isoformat(),
            task=result.id,
        )
    return 0


def _requeued(count: int) -> None:
    if count:
        _say(
            "{count} 个中断的后台任务已重新排入队列",
            "{count} interrupted background tasks queued again",
            count=count,
        )


def _parse_day(raw: str | None):
    import datetime as dt

    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise PlanwatchError(
            text(
                "web.bad_date",
                "日期“{raw}”无效，应为 YYYY-MM-DD，如 2024-03-31。",
                "the date “{raw}” is not valid; expected YYYY-MM-DD, e.g. 2024-03-31.",
                raw=raw,
            )
        ) from None


def run_gunicorn(application, host: str, port: int, workers: int) -> None:
    """Serve the WSGI app with gunicorn in this process (the app is loaded before forking)."""
    from gunicorn.app.base import BaseApplication

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class PlanwatchServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            # Threads: one slow request (a large upload) holds one thread, not a worker; the
            # readers keep their own time budget (planwatch.limits), the timeout restarts a
            # worker that stops answering altogether.
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", int(os.environ.get("PLANWATCH_THREADS", "4")))
            self.cfg.set("timeout", int(os.environ.get("PLANWATCH_REQUEST_TIMEOUT", "30")))
            self.cfg.set("graceful_timeout", 30)
            self.cfg.set("accesslog", os.environ.get("PLANWATCH_ACCESS_LOG") or None)
            self.cfg.set("preload_app", True)

        def load(self):
            return application

    PlanwatchServer().run()


def import_command(args: argparse.Namespace) -> int:
    from planwatch.outline import parse_outline

    parsed = parse_outline(args.path)  # InputError → one line, exit 2
    setup_django()
    migrate()
    from django.utils import timezone

    from planwatch.web.history.services import save_tracked
    from planwatch.web.plans.services.importer import import_plan

    plan = import_plan(parsed, source_name=args.path.name, reason="planwatch plan import")
    if args.confirm:
        plan.confirmed_at = timezone.now()
        save_tracked(plan, reason="planwatch plan import --confirm")
    zh_state = "已核对" if args.confirm else "草稿：使用前请在网页上核对"
    en_state = "confirmed" if args.confirm else "draft: review it on the web before use"
    _say(
        "规划 {id}：{title}（{items} 个指标和目标，{tasks} 项任务；" + zh_state + "）",
        "plan {id}: {title} ({items} items, {tasks} tasks; " + en_state + ")",
        id=plan.pk,
        title=plan.title,
        items=plan.items.count(),
        tasks=plan.tasks.count(),
    )
    return 0


def reimport_command(args: argparse.Namespace) -> int:
    from planwatch.outline import parse_outline

    parsed = parse_outline(args.path)  # InputError → one line, exit 2
    setup_django()
    migrate()
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.services import reimport

    plan = Plan.objects.filter(pk=args.plan_id).first()
    if plan is None:
        raise PlanwatchError(
            text("web.no_plan", "没有编号为 {id} 的规划", "no plan {id}", id=args.plan_id)
        )
    comparison = reimport.compare(plan, parsed, source_name=args.path.name)
    for change in comparison.added:
        _say(
            "新增  {code:<6} {label}",
            "added    {code:<6} {label}",
            code=change.code,
            label=change.label,
        )
    for change in comparison.changed:
        _say(
            "修改  {code:<6} {label}（{fields}）",
            "changed  {code:<6} {label}  ({fields})",
            code=change.code,
            label=change.label,
            fields=", ".join(change.fields),
        )
    for change in comparison.removed:
        records = change.records if change.archived else 0
        _say(
            "移除  {code:<6} {label}"
            + ("（已归档：保留 {records} 条报送记录）" if records else ""),
            "removed  {code:<6} {label}"
            + (" (archived: {records} reported records kept)" if records else ""),
            code=change.code,
            label=change.label,
            records=records,
        )
    hint = not args.apply and comparison.has_changes
    _say(
        "规划 {id}：新增 {added}，修改 {changed}，移除 {removed}，未变 {unchanged}"
        + ("——加 --apply 再运行一次以执行" if hint else ""),
        "plan {id}: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged"
        + (" — run again with --apply" if hint else ""),
        id=plan.pk,
        added=len(comparison.added),
        changed=len(comparison.changed),
        removed=len(comparison.removed),
        unchanged=comparison.unchanged,
    )
    if args.apply and comparison.has_changes:
        reimport.apply(comparison, reason=f"planwatch plan reimport {args.path.name}")
        _say("已执行", "applied")
    return 0


def list_command(args: argparse.Namespace) -> int:
    setup_django()
    migrate()
    from planwatch.web.plans.models import Plan

    plans = Plan.objects.order_by("pk")
    if not plans:
        _say(
            "尚无规划；用 planwatch plan import 路径 导入一个",
            "no plans stored; add one with: planwatch plan import PATH",
        )
    for plan in plans:
        flags = [
            for_terminal("已核对", "confirmed")
            if plan.confirmed_at
            else for_terminal("草稿", "draft"),
            for_terminal("已公开", "published") if plan.is_published else "",
            "示例数据" if plan.is_demo else "",
        ]
        years = f"{plan.base_year or '?'}–{plan.target_year or '?'}"
        print(f"{plan.pk:>4}  {years}  {plan.title}  [{', '.join(f for f in flags if f)}]")
    return 0


def backup_command(args: argparse.Namespace) -> int:
    setup_django()
    from planwatch.web.backup import backup

    kind = backup(args.path)
    _say("{kind} 备份已写入 {path}", "{kind} backup written to {path}", kind=kind, path=args.path)
    return 0


def restore_command(args: argparse.Namespace) -> int:
    setup_django()
    from planwatch.web.backup import restore

    kind = restore(args.path)
    _say(
        "已从 {path} 恢复 {kind} 数据库",
        "{kind} database restored from {path}",
        kind=kind,
        path=args.path,
    )
    return 0
