"""Use cases that the CLI and the web app call; the only layer that joins the core and the store."""
