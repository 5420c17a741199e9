"""Clinic-mode tables and queries: accounts, sessions, grants, audit and the dashboard."""
