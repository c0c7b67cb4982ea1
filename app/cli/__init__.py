"""The ``bizdesk`` command line: part of the composition root.

The command tree is fixed by contract (IT staff and outside tests rely on it). Each
group lives in its own module; this module owns global options and the single place
where errors become one sentence on stderr with the contract's exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from typer._click import exceptions as click_errors  # typer >= 0.2x vendors click

from app.cli import admin_cmds, case_cmds, ops_cmds, platform_cmds, release_cmds, run_cmd
from app.cli.context import CliContext
from app.errors import EXIT_FAILURE, EXIT_USAGE, BizdeskError, describe, exit_code_for

cli = typer.Typer(
    name="bizdesk",
    help="bizdesk 企业开办专区桌面端 — the business-opening desk.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        from app import __version__

        print(f"bizdesk {__version__}")
        raise typer.Exit(0)


@cli.callback()
def _global_options(
    ctx: typer.Context,
    _version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the app version and exit."
    ),
    training: bool = typer.Option(
        False, "--training", help="Use the training profile (培训模式): fictitious data, sandbox only."
    ),
    lang: str = typer.Option("zh", "--lang", help="Language of messages: zh or en.", hidden=True),
) -> None:
    """bizdesk 企业开办专区: one case, seven services, offline-first."""
    ctx.obj = CliContext(training=training, language="en" if lang == "en" else "zh")


run_cmd.register(cli)
case_cmds.register(cli)
platform_cmds.register(cli)
admin_cmds.register(cli)
ops_cmds.register(cli)
release_cmds.register(cli)


def _report(error: BaseException) -> int:
    message = describe(error)
    print(message.sentence(), file=sys.stderr)
    for detail in message.details:
        print(f"  - {detail}", file=sys.stderr)
    return exit_code_for(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m app``; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli(args=args, prog_name="bizdesk", standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.Abort:
        print("已取消。(Cancelled.)", file=sys.stderr)
        return EXIT_FAILURE
    except click_errors.NoArgsIsHelpError as bare:
        print(bare.format_message(), file=sys.stderr)
        return EXIT_USAGE
    except click_errors.UsageError as wrong:
        hint = f" ({wrong.ctx.command_path} --help)" if wrong.ctx is not None else ""
        print(f"用法有误：{wrong.format_message()}{hint} (Usage error.)", file=sys.stderr)
        return EXIT_USAGE
    except click_errors.ClickException as failed:
        print(failed.format_message(), file=sys.stderr)
        return failed.exit_code
    except BizdeskError as failure:
        return _report(failure)
    except KeyboardInterrupt:
        print("已中断。(Interrupted.)", file=sys.stderr)
        return 130
    except Exception as unexpected:  # the last line of defence: never a traceback
        from app.crashlog import record_crash

        record_crash(unexpected)
        return _report(unexpected)
    return int(result) if isinstance(result, int) else 0
