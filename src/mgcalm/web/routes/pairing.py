"""/pair and /settings/devices: pair a phone with a one-time code; list and revoke devices."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from mgcalm.app.devices.pairing import Paired, devices_view, make_code, pair, revoke
from mgcalm.app.devices.qr import qr_svg
from mgcalm.app.devices.served import is_loopback, pairing_required, phone_address
from mgcalm.app.sessions import TooManyAttemptsError
from mgcalm.app.settings import load_settings
from mgcalm.domain import InvalidInputError
from mgcalm.web import deps
from mgcalm.web.pairing import current_device, device_cookie
from mgcalm.web.render import page
from mgcalm.web.routes.base import api_router, page_router
from mgcalm.web.security import fresh_csrf_cookie, local_path

pages = page_router()
api = api_router("devices")


class PairRequest(BaseModel):
    """The code shown on the computer, and a name for this device."""

    code: str = Field(max_length=40, description="the eight digits shown on the computer")
    name: str = Field("", max_length=80, description="a name for this device, e.g. 'My phone'")


class Device(BaseModel):
    """A paired device as Settings lists it."""

    id: str
    name: str
    paired_at: str
    last_seen_at: str
    expires_at: str
    revoked_at: str | None
    live: bool
    this_device: bool


class Devices(BaseModel):
    """Every paired device and the recent pairing activity (from the audit log)."""

    pairing_required: bool
    devices: list[Device]
    activity: list[dict[str, str]]


class NewCode(BaseModel):
    """A one-time pairing code, its expiry and the link a phone can open."""

    code: str
    expires_at: str
    url: str


def _who(request: Request) -> str:
    device = current_device(request)
    return device.name if device else "this computer"


def _pair_link(request: Request, code: str) -> str:
    """The link to put in the QR code: this address, unless it is one a phone cannot reach."""
    host = request.url.hostname or ""
    base = str(request.base_url).rstrip("/")
    if is_loopback(host):
        base = phone_address(load_settings(), request.url.scheme)
    return f"{base}/pair?code={code}"


def _pair_page(request: Request, code: str = "", next_: str = "/", **extra: Any) -> HTMLResponse:
    status = extra.pop("status", 200)
    context = {
        "title": "Pair this device",
        "code": code,
        "next": local_path(next_, "/"),
        "device": current_device(request),
        "required": pairing_required(load_settings()),
        **extra,
    }
    return page(
        request, "pair.html", context, status_code=status, problems=extra.get("problems", ())
    )


@pages.get("/pair", response_class=HTMLResponse)
def pair_page(request: Request, code: str = "", next: str = "/") -> HTMLResponse:
    """Enter (or confirm, after scanning the QR code) the code shown on the computer."""
    return _pair_page(request, code[:40], next)


def _paired_response(request: Request, paired: Paired, response: Response) -> Response:
    settings = load_settings()
    secure = request.url.scheme == "https"
    response.headers.append("set-cookie", device_cookie(paired.token, settings.device_days, secure))
    response.headers.append("set-cookie", fresh_csrf_cookie())
    return response


def _pair(request: Request, code: str, name: str) -> Paired:
    mg = deps.services(request)
    address = request.client.host if request.client else "unknown"
    return pair(mg.store, load_settings(), code, name, address, mg.now())


@pages.post("/pair", response_class=HTMLResponse)
async def pair_submit(request: Request) -> Response:
    """Use up the code and remember this device; then go where the person was going."""
    form = await request.form()
    code, name = str(form.get("code", "")), str(form.get("name", ""))
    target = local_path(str(form.get("next", "/")), "/")
    try:
        paired = _pair(request, code, name)
    except TooManyAttemptsError as error:
        return _pair_page(request, "", target, problems=error.problems, status=429)
    except InvalidInputError as error:
        return _pair_page(request, "", target, problems=error.problems, status=422, name=name)
    return _paired_response(request, paired, RedirectResponse(target, status_code=303))


@api.post("/pair", status_code=201, response_model=Device)
def pair_json(request: Request, body: PairRequest) -> Response:
    """Pair this client with a code; the device session comes back as a cookie."""
    try:
        paired = _pair(request, body.code, body.name)
    except TooManyAttemptsError as error:
        problems = [p.as_dict() for p in error.problems]
        body_ = {"error": "Too many attempts.", "problems": problems}
        return JSONResponse(body_, status_code=429, headers={"retry-after": str(error.retry_after)})
    view = devices_view(
        deps.services(request).store, deps.services(request).now(), paired.device.id
    )
    row = next(d for d in view["devices"] if d["id"] == paired.device.id)
    return _paired_response(request, paired, JSONResponse(row, status_code=201))


def _devices(request: Request) -> dict[str, Any]:
    mg = deps.services(request)
    device = current_device(request)
    view = devices_view(mg.store, mg.now(), device.id if device else None)
    return {"pairing_required": pairing_required(load_settings()), **view}


@pages.get("/settings/devices", response_class=HTMLResponse)
def devices_page(request: Request) -> HTMLResponse:
    """Paired devices (revocable), a button for a new code, and recent pairing activity."""
    return page(request, "devices.html", {"title": "Devices", **_devices(request), "new": None})


@pages.post("/settings/devices/code", response_class=HTMLResponse)
def devices_code(request: Request) -> HTMLResponse:
    """A new one-time code with its QR code, to pair another device."""
    mg = deps.services(request)
    code = make_code(mg.store, load_settings(), mg.now(), _who(request))
    link = _pair_link(request, code.code)
    new = {
        "code": code.spaced,
        "expires_at": code.expires_at,
        "url": link,
        "qr": qr_svg(link, f"QR code for pairing code {code.spaced}"),
    }
    return page(request, "devices.html", {"title": "Devices", **_devices(request), "new": new})


@pages.post("/settings/devices/{device_id}/revoke", response_class=HTMLResponse)
def devices_revoke(request: Request, device_id: str) -> Response:
    """Revoke a device at once."""
    mg = deps.services(request)
    revoke(mg.store, device_id, _who(request), mg.now())
    return RedirectResponse("/settings/devices?revoked=1", status_code=303)


@api.get("/devices", response_model=Devices)
def devices_json(request: Request) -> dict[str, Any]:
    """Every paired device and the recent pairing activity."""
    return _devices(request)


@api.post("/devices/code", status_code=201, response_model=NewCode)
def devices_code_json(request: Request) -> dict[str, Any]:
    """A new one-time pairing code (shown once) and the link to open on the phone."""
    mg = deps.services(request)
    code = make_code(mg.store, load_settings(), mg.now(), _who(request))
    expires = code.expires_at.isoformat()
    return {"code": code.code, "expires_at": expires, "url": _pair_link(request, code.code)}


@api.delete("/devices/{device_id}", response_model=Device)
def devices_revoke_json(request: Request, device_id: str) -> dict[str, Any]:
    """Revoke a device at once; returns it as revoked."""
    mg = deps.services(request)
    revoke(mg.store, device_id, _who(request), mg.now())
    current = current_device(request)
    view = devices_view(mg.store, mg.now(), current.id if current else None)
    found: dict[str, Any] = next(d for d in view["devices"] if d["id"] == device_id)
    return found
