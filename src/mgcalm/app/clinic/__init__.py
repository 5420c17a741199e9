"""Clinic mode: accounts, sessions, grants, the audit log and the clinician dashboard."""
