"""Clinic mode's use cases, one call per page or command, over the :class:`~mgcalm.app.App`.

The web pages (``mgcalm.web.clinic``) and the CLI (``mgcalm clinic …``) call these; the rules
live in :mod:`.clinic_auth` (accounts, logins, sessions), :mod:`.clinic_access` (invitations,
grants, audit) and :mod:`.clinic_dashboard` (the clinician's overview).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from mgcalm.app.clinic import access as clinic_access
from mgcalm.app.clinic import auth as clinic_auth
from mgcalm.app.clinic.auth import AccessDeniedError, Login, TooManyAttemptsError
from mgcalm.app.clinic.dashboard import dashboard as _dashboard
from mgcalm.app.clinic.dashboard_query import DashboardQuery
from mgcalm.app.clinic.pooling import pooled_view, pooling_choice, set_pooling
from mgcalm.app.clinic.settings import load_clinic_settings
from mgcalm.app.core import App
from mgcalm.domain.problems import InvalidInputError
from mgcalm.store.clinic.accounts import AccountRecord

__all__ = [
    "AccessDeniedError",
    "AccountRecord",
    "Login",
    "TooManyAttemptsError",
    "account_view",
    "admin_view",
    "audit_read_after_reset",
    "change_password",
    "create_account",
    "dashboard",
    "delete_my_data",
    "invite",
    "load_report_modules",
    "log_in",
    "log_out",
    "person_report",
    "person_report_json",
    "pooled_view",
    "pooling_choice",
    "redeem",
    "reset_password",
    "revoke",
    "schema_revision",
    "seed_benchmark",
    "set_pooling",
    "shown_code",
]


def schema_revision(mg: App) -> str | None:
    """The database's schema revision (opening the app has already migrated it)."""
    from mgcalm.store.migrate import current_revision

    return current_revision(mg.store.engine)


def log_in(
    mg: App, username: str, password: str, address: str, previous_token: str | None
) -> Login:
    """Check the password (rate limited) and open a new session, ending the previous one."""
    settings = load_clinic_settings()
    return clinic_auth.login(
        mg.store, settings, username, password, address, mg.now(), previous_token
    )


def log_out(mg: App, token: str | None) -> None:
    """End the session (nothing to do without one)."""
    if token:
        clinic_auth.logout(mg.store, token)


def seed_benchmark(mg: App, *, people: int, days: int, clinician: str, password: str) -> Any:
    """Load a made-up clinic (one clinician, ``people`` people, ``days`` days each) in bulk."""
    from mgcalm.app.clinic.seed import seed_clinic
    from mgcalm.app.core import default_planner
    from mgcalm.app.demo import PROFILE
    from mgcalm.domain.profile_parse import profile_from_mapping

    clinic_auth.check_username(clinician)
    clinic_auth.check_password(password)
    profile, problems = profile_from_mapping(PROFILE)
    if profile is None:
        raise InvalidInputError(problems)
    plan = default_planner()(profile)
    return seed_clinic(
        mg.store,
        load_clinic_settings(),
        profile,
        plan,
        people=people,
        days=days,
        clinician=clinician,
        password=password,
        today=mg.today(),
        now=mg.now(),
    )


def create_account(
    mg: App,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    by: AccountRecord | None = None,
) -> AccountRecord:
    """A new account; from the web only an admin may make one (``by``), the CLI is trusted."""
    if by is not None and by.role != "admin":
        raise AccessDeniedError("only an admin can create accounts")
    settings = load_clinic_settings()
    return clinic_auth.create_account(
        mg.store, settings, username, password, role, mg.now(), display_name
    )


def reset_password(mg: App, admin: AccountRecord, username: str, password: str) -> None:
    """An admin sets a new password for an account and ends its sessions (audited)."""
    clinic_auth.reset_password(
        mg.store, load_clinic_settings(), admin, username, password, mg.now()
    )


def dashboard(
    mg: App, account: AccountRecord, params: Mapping[str, str] | None = None, *, paged: bool = False
) -> dict[str, Any]:
    """The clinician's people as ``params`` ask (counts over all); every row shown is audited."""
    query = DashboardQuery.from_params(params or {})
    found = _dashboard(mg.store, account, mg.today(), mg.now(), query, paged=paged)
    rows = found["people"]
    view: dict[str, Any] = {
        "today": mg.today().isoformat(),
        "people": rows,
        "counts": found["counts"],
        "total": found["total"],
        "matching": found["matching"],
        "page": min(query.page, found["pages"]) if paged else 1,
        "pages": found["pages"],
        "query": query.params(page=1),
    }
    from mgcalm.app.preferences import preferences
    from mgcalm.app.safety.support import crisis_support

    # Read on every view, so the page costs the same statements whoever is on it.
    region = preferences(mg)["region"]
    if any(flag["urgent"] for row in rows for flag in row["flags"]):
        # Item 9 or a crisis is on the page: the crisis lines go with it, ready to share.
        view["crisis_support"] = crisis_support(None, region)
    return view


def _granted_report(mg: App, account: AccountRecord, person_id: str) -> Any:
    """The analysed report of a granted person (audited), or problems saying why there is none."""
    from mgcalm.app.trial.reports import stored_report_input
    from mgcalm.evaluation.report import build_report

    clinic_access.require_grant(mg.store, account, person_id, "report_view", mg.now())
    try:
        return build_report(stored_report_input(mg, person_id, mg.today()))
    except InvalidInputError as error:
        return {"person_id": person_id, "problems": [p.as_dict() for p in error.problems]}


#: What a clinician's report needs, the intervals' root search (imported on first use) included.
REPORT_MODULES = (
    "scipy.optimize",
    "mgcalm.app.trial.reports",
    "mgcalm.evaluation.report",
    "mgcalm.evaluation.report_clinician",
)


def load_report_modules() -> None:
    """Import the analysis and report modules now (SciPy's among them, most of a second), so a
    clinician's first report after the server starts does not wait for them."""
    for name in REPORT_MODULES:
        importlib.import_module(name)


def person_report(mg: App, account: AccountRecord, person_id: str) -> Any:
    """The clinician report document for one granted person, or a note why there is none."""
    from mgcalm.evaluation.report_clinician import clinician_document

    report = _granted_report(mg, account, person_id)
    return report if isinstance(report, dict) else clinician_document(report, chart=True)


def person_report_json(mg: App, account: AccountRecord, person_id: str) -> dict[str, Any]:
    """The same report as JSON (``mgcalm report --json``'s shape)."""
    from mgcalm.evaluation.report_json import report_json

    report = _granted_report(mg, account, person_id)
    return report if isinstance(report, dict) else report_json(report)


def account_view(mg: App, account: AccountRecord) -> dict[str, Any]:
    """The account page: grants (a person's or a clinician's), and a person's audit log."""
    person = account.role == "person" and bool(account.person_id)
    audit = clinic_access.audit_view(mg.store, account) if account.role == "person" else []
    return {
        "pooled": pooling_choice(mg, account)["pooled"] if person else None,
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role,
        "password_reset_by": account.password_reset_by,
        "grants": [_grant(g) for g in clinic_access.my_grants(mg.store, account)],
        "audit": [_audit(a) for a in audit],
    }


def shown_code(mg: App, account: AccountRecord, code: str) -> str:
    """An invitation code to show on the account page: only one of the person's live ones."""
    return clinic_access.shown_code(mg.store, account, code, mg.now())


def change_password(mg: App, account: AccountRecord, current: str, new: str) -> None:
    """The account's owner sets their own password (ends auditing after an admin reset)."""
    settings = load_clinic_settings()
    clinic_auth.change_password(mg.store, settings, account, current, new, mg.now())


def audit_read_after_reset(mg: App, account: AccountRecord, what: str) -> None:
    """Audit a request made with a password an admin set, until the person sets their own."""
    clinic_auth.audit_read_after_reset(mg.store, account, what, mg.now())


def invite(mg: App, account: AccountRecord) -> str:
    """A new invitation code for the person's own data."""
    return clinic_access.create_invitation(mg.store, load_clinic_settings(), account, mg.now())


def redeem(mg: App, account: AccountRecord, code: str) -> str:
    """A clinician redeems an invitation code; returns the person id now visible to them."""
    return clinic_access.redeem_invitation(mg.store, account, code, mg.now())


def delete_my_data(mg: App, account: AccountRecord, confirm: str) -> int:
    """A person deletes everything stored about them (they typed the confirm word)."""
    return clinic_access.delete_own_data(mg.store, account, confirm, mg.now())


def revoke(mg: App, account: AccountRecord, grant_id: str) -> None:
    """The person revokes one of their grants."""
    clinic_access.revoke(mg.store, account, grant_id, mg.now())


def admin_view(mg: App, account: AccountRecord) -> dict[str, Any]:
    """Every account and the newest audit entries (admins only)."""
    if account.role != "admin":
        raise AccessDeniedError("this page is for admins")
    return {
        "accounts": [
            {"username": a.username, "display_name": a.display_name, "role": a.role}
            for a in clinic_auth.accounts(mg.store)
        ],
        "audit": [_audit(a) for a in clinic_access.audit_view(mg.store, account)],
    }


def _grant(g: Any) -> dict[str, Any]:
    return {
        "id": g.id,
        "person_id": g.person_id,
        "clinician": g.clinician_name,
        "created_at": g.created_at.isoformat(timespec="minutes"),
        "revoked_at": g.revoked_at.isoformat(timespec="minutes") if g.revoked_at else None,
    }


def _audit(a: Any) -> dict[str, Any]:
    return {
        "at": a.at.isoformat(timespec="seconds"),
        "who": a.actor_username,
        "role": a.actor_role,
        "person_id": a.person_id,
        "action": a.action,
        "detail": a.detail,
    }
