"""Domain errors: raised in core and storage, turned into one line at the edges."""


class ExecGapError(Exception):
    """Something the user can act on; the message is shown to them as it is."""

    notices: tuple[str, ...] = ()
    """What happened before it was raised and must be told with it, first: a damaged file
    the refused save set aside (it stays aside, and the user must hear where it went)."""


class InvalidTextError(ExecGapError):
    """Text the user typed cannot be used (empty, blank or too long)."""


class NoNextActionError(ExecGapError):
    """A session cannot start without a next action."""


class SessionRunningError(ExecGapError):
    """The step needs no session to be running."""


class NoSessionError(ExecGapError):
    """The step needs a running session."""


class UnknownItemError(ExecGapError):
    """The plan item is not (or no longer) open."""


class DataFileError(ExecGapError):
    """A data file cannot be read or written."""


class StorageBusyError(ExecGapError):
    """Another process held the data folder's lock for too long."""


class InvalidTimeError(ExecGapError):
    """A time or duration the user gave cannot be used."""


class InvalidFormatError(ExecGapError):
    """A --format template has a placeholder execgap does not know."""


class DamagedFileError(DataFileError):
    """A data file is truncated, empty, not JSON, or another program's."""

    def __init__(self, path: str, reason: str) -> None:
        """Say which file and what is wrong with it."""
        super().__init__(f"{path} {reason}.")
        self.path = path
        self.reason = reason


class NewerFileError(DataFileError):
    """A data file was written by a newer execgap: left as it is, never replaced."""


class LinkedFileError(DataFileError):
    """A symbolic link stands where a file or folder of the data folder belongs."""
