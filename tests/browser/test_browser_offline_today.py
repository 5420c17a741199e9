"""Today offline, after a stop: the network first, the phone's copy only offline and labelled.

A server of this module's own, onboarded with "Start magnesium today" so doses are due. The
service worker keeps the last Today it fetched; a stop made meanwhile must show as soon as the
phone is online, and an offline copy must say it is one, and from when.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import PHONE, _serve
from .test_browser_flow import _onboard

pytestmark = pytest.mark.browser
WAIT = 90_000
#: The cached Today, as the service worker keeps it: its saved-at stamp and its dose buttons.
CACHED_TODAY = """async () => {
    const hit = await caches.match('/', {cacheName: 'mgcalm-pages-v1'});
    if (!hit) { return null; }
    const body = await hit.text();
    return {savedAt: hit.headers.get('x-mgcalm-saved-at'), doses: body.includes('data-planned=')};
}"""


@pytest.fixture(scope="module")
def offline_url(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[str]:
    """A fresh server with one person on magnesium from today."""
    for url in _serve(tmp_path_factory.mktemp("offline")):
        context = browser.new_context(viewport=PHONE)
        context.set_default_timeout(WAIT)  # module-scoped, so not the patient ``new_context``
        context.set_default_navigation_timeout(WAIT)
        _onboard(context.new_page(), url)
        context.close()
        yield url


def _cached_today(page: Page, doses: bool) -> None:
    """Wait until the service worker holds a stamped Today with (or without) dose buttons."""
    page.wait_for_function(
        f"""async () => {{
            const kept = await ({CACHED_TODAY})();
            return kept !== null && kept.savedAt !== null && kept.doses === {str(doses).lower()};
        }}""",
        timeout=WAIT,
        polling=250,
    )


def _taken(page: Page) -> object:
    return page.locator("#doses").get_by_role("button", name="Taken")


def test_today_is_fetched_first_and_an_offline_copy_says_so(phone: Page, offline_url: str) -> None:
    phone.goto(offline_url + "/", timeout=WAIT)
    phone.evaluate("async () => navigator.serviceWorker.ready")
    phone.reload(timeout=WAIT)  # now controlled by the service worker, which keeps Today
    expect(_taken(phone).first).to_be_visible(timeout=WAIT)  # type: ignore[attr-defined]
    _cached_today(phone, doses=True)

    # Offline, the phone's copy is shown, and it says it is an offline copy and from when.
    phone.context.set_offline(True)
    phone.reload(timeout=WAIT)
    notice = phone.locator("#offline-copy")
    expect(notice).to_contain_text("Offline — this is the page from", timeout=WAIT)
    assert notice.get_attribute("data-saved-at")
    phone.context.set_offline(False)

    # A warning sign stops magnesium (logged elsewhere: the copy on the phone still has doses).
    logged = phone.evaluate(
        """async () => {
            const r = await fetch('/api/entries/side_effect', {method: 'POST',
                headers: {'content-type': 'application/json'},
                body: JSON.stringify({symptoms: ['slow_heartbeat']})});
            return r.status;
        }"""
    )
    assert logged == 201
    phone.reload(timeout=WAIT)  # online: the network's Today, never the older copy
    expect(phone.locator("#doses #stop")).to_contain_text("No magnesium is due.", timeout=WAIT)
    expect(_taken(phone)).to_have_count(0)  # type: ignore[arg-type]
    expect(phone.locator("#offline-copy")).to_have_count(0)
    _cached_today(phone, doses=False)  # and the kept copy is now the stopped Today

    phone.context.set_offline(True)
    phone.reload(timeout=WAIT)
    expect(phone.locator("#offline-copy")).to_be_visible(timeout=WAIT)
    expect(phone.locator("#doses #stop")).to_contain_text("No magnesium is due.")
    expect(_taken(phone)).to_have_count(0)  # type: ignore[arg-type]
    phone.context.set_offline(False)
