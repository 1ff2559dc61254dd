"""Django's management commands for planwatch: ``python -m planwatch.web.manage check --deploy``."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["planwatch-manage", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
