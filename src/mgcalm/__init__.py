"""mgcalm: a safe, cited magnesium plan and an honest personal trial for people living with PTSD.

Layers (imports flow downward only; ``lint-imports`` enforces it):

    interfaces   mgcalm.cli, mgcalm.web
    services     mgcalm.app
    core         mgcalm.knowledge, mgcalm.planning, mgcalm.instruments,
                 mgcalm.evaluation, mgcalm.interop      (pure: no database, clock or network)
    models       mgcalm.domain
    storage      mgcalm.store                            (beside the core)
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
