"""Logging and reading entries, the day's intake, Today and what is due: the **track** use cases."""
