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
    "prepare": "planwatch.web.cli",
}


#: argparse's own messages (usage lines, "the following arguments are required") in Chinese.
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选项 %(value)r（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r（应为 %(type)s）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知的子命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
DESCRIPTION = {
    "zh-hans": "读取、分解、填报、评估和公开五年规划纲要。",
    "en": "Read, assign, report on, assess and publish a five-year plan outline.",
}


_ARGPARSE_OWN = (argparse._, argparse.ngettext)


def speak(language: str) -> None:
    """argparse in the terminal's language: its messages are looked up in ARGPARSE_ZH.

    argparse translates through the ``_`` and ``ngettext`` of its own module (gettext without
    a catalogue); a Chinese terminal gets the table above, an English one argparse's own text.
    """
    if is_english(language):
        argparse._, argparse.ngettext = _ARGPARSE_OWN
        return
    argparse._ = lambda message: ARGPARSE_ZH.get(message, message)
    argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many, many)


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    language = terminal_language()
    speak(language)
    parser = argparse.ArgumentParser(
        prog="planwatch",
        description=DESCRIPTION["en" if is_english(language) else "zh-hans"],
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
