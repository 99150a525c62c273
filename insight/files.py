"""Writing report files (exports, briefs, rejected rows) without surprises.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some treat a leading tab or
carriage return the same way) as a formula — CSV injection. Every text cell of a CSV or XLSX file Earshot
writes goes through :func:`escape_formula`.

A report is written to a new temporary file in the target's folder and renamed over the target when
complete: a symbolic link at the target is *replaced*, never followed (so a planted link cannot make
Earshot overwrite another file), a reader never sees half a file, and a failure leaves the old file
as it was. A target that is a folder, or a folder that does not exist, is a clear error up front.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from insight.errors import EarshotError

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def check_target(path: Path | str, what: str = "the output") -> Path:
    """Raise a clear :class:`EarshotError` if ``path`` cannot be written as a file; return it as a Path."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise EarshotError(
            f"{path} is a folder, so {what} cannot be written there. Remove or rename the folder, or give a file name.",
            title="Cannot write the file",
        )
    parent = path.parent
    if not parent.exists():
        raise EarshotError(
            f"The folder {parent} does not exist, so {what} cannot be written to {path}. Create the folder "
            "first, or choose another path.",
            title="Folder not found",
        )
    if not parent.is_dir():
        raise EarshotError(
            f"{parent} is a file, not a folder, so {what} cannot be written to {path}. Choose another path.",
            title="Cannot write the file",
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise EarshotError(
            f"The folder {parent} is not writable, so {what} cannot be written there. Choose another path.",
            title="Cannot write the file",
        )
    return path


@contextmanager
def replacing_file(path: Path | str, mode: str = "w", what: str = "the output", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file next to ``path``; on success it replaces ``path`` (links are replaced, not followed).

    Args:
        path: the target.
        mode: ``"w"`` (text; pass ``encoding`` / ``newline`` in kwargs) or ``"wb"``.
        what: how messages name the file ("the brief", "the rejected rows").
    """
    target = check_target(path, what)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def write_report(path: Path | str, data: bytes | str, what: str = "the output") -> None:
    """Write a whole report file safely (see the module docstring)."""
    if isinstance(data, str):
        with replacing_file(path, "w", what, encoding="utf-8", newline="") as handle:
            handle.write(data)
    else:
        with replacing_file(path, "wb", what) as handle:
            handle.write(data)


_SIGNED_NUMBER = re.compile(r"[+-][0-9]{1,12}(?:\.[0-9]{1,6})?%?")


def escape_formula(value: Any) -> Any:
    """``'=1+1`` for ``=1+1``: a text cell a spreadsheet would run as a formula gets a leading quote.

    A plain signed number or percentage ("+157%", "-12%", "-3.5") is left as it is: it runs nothing, and a
    quote in front of it is what a reader of the export would see.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value
