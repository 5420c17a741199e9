"""Allow ``python -m mgcalm``."""

from mgcalm.cli.main import run

run()
