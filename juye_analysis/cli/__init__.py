"""The command line, ``python -m juye_analysis``: one module per group of subcommands
(:mod:`.build`, :mod:`.report`, :mod:`.compare`, :mod:`.add`), registered in :data:`.main.GROUPS`."""
from .main import main  # noqa: F401
