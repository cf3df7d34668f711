"""trilat-bot: answers questions about the first US-ROK-India trilateral technology meeting."""

from pathlib import Path

__version__ = "0.1.0"


def bundled_knowledge_dir() -> Path:
    """The fact base shipped with the package (installed copy first, then the source tree)."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "knowledge"
    if installed.is_dir():
        return installed
    return package_dir.parent / "knowledge"
