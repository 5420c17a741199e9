"""Using mgcalm from a phone: which host names the server answers for, and paired devices.

:mod:`.served` decides which ``Host`` headers are this server's and when pairing is required;
:mod:`.pairing` makes one-time pairing codes and turns one into a long-lived, revocable device
session (kept as a digest, audited).
"""
