"""The command line: thin adapters that parse options, call one service and render the result.

Each module registers its commands in ``register(app)``. Modules import only Typer and the
standard library at the top; everything heavier is imported inside the command so that
``mgcalm --help`` starts quickly.
"""
