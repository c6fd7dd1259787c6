"""Writing files so that no reader ever sees half of one: a temporary file, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_MODE = 0o644  # seeds and state are ordinary files in a repository, readable by everyone


def write_atomic(path: Path, data: bytes, replace_existing: bool = True) -> None:
    """Write data to path all at once; raise FileExistsError if path exists and replace_existing is
    False (the check and the creation are one step, so two runs cannot both take a name)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, FILE_MODE)
        if replace_existing:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails when path exists, unlike a rename
    finally:
        if os.path.lexists(
            temporary
        ):  # renamed away on success; left over after a link or a failure
            os.unlink(temporary)
