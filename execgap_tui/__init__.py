"""execgap: one tiny next action, a short start timer, and the gap between planning and doing."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("execgap")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
