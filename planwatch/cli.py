"""The ``planwatch`` command. Thin: each subcommand lives beside the code it drives."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from planwatch.errors import PlanwatchError, is_english, terminal_language

#: subcommand -> module exposing ``register(subparsers)``; imported lazily so that
#: ``planwatch outline parse`` never pays for Django.
COMMANDS: dict[str, str] = {
    "outline": "planwatch.outline.cli",
    "assess": "planwatch.assess.cli",
    "report": "planwatch.reports.cli",
    "serve": "planwatch.web.cli",
    "plan": "planwatch.web.cli",
    "backup": "planwatch.web.cli",
    "restore": "planwatch.web.cli",
    "worker": "planwatch.web.cli",
    "remind": "planwatch.web.cli",
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planwatch",
        description="Read, assign, report on, assess and publish a five-year plan outline.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    seen: set[str] = set()
    for module in COMMANDS.values():
        if module in seen or (wanted and COMMANDS[wanted] != module):
            continue
        seen.add(module)
        try:
            importlib.import_module(module).register(sub)
        except ModuleNotFoundError as exc:  # a part not installed in this build
            if not exc.name or not exc.name.startswith("planwatch"):
                raise
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()
        return status
    except PlanwatchError as exc:
        language = terminal_language()
        prefix = "error" if is_english(language) else "错误"
        print(f"planwatch: {prefix}: {exc.render(language)}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # A reader that stops early (``| head``) is not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
