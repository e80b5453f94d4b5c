"""The `kb` command and `python -m kb`: choose the memory allocator first (kb/allocator.py), before
anything heavy is imported, then run the Typer app of kb/cli.py."""
from __future__ import annotations

import sys


def main() -> None:
    from kb import allocator
    from kb.settings import SettingsError
    try:
        allocator.run_under_chosen(sys.argv[1:])  # re-executes this command once, or returns
    except SettingsError as e:
        print(f"kb: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    from kb.cli import app
    app(prog_name="kb")


if __name__ == "__main__":
    main()
