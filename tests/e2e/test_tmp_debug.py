import collections
import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("path", ["/", "/territoires/?q=saint+etienne", "/territoires/communes/42218/"])
def test_dbg(browser, live_server, live_territories, path):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(live_server.url + path, wait_until="load")
    page.wait_for_function("() => window.dsfr !== undefined")
    r = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]})
    print("\n###", path)
    for v in r.response["incomplete"]:
        c = collections.Counter()
        for n in v["nodes"]:
            for item in n["any"] + n["all"] + n["none"]:
                c[(item["id"], (item.get("data") or {}).get("messageKey") if isinstance(item.get("data"), dict) else None)] += 1
        print("INCOMPLETE", v["id"], v["impact"], len(v["nodes"]), dict(c))
        print("  ", v["nodes"][0]["any"][0]["message"] if v["nodes"][0]["any"] else "")
    print(page.evaluate("document.fonts.status"), page.evaluate("[...document.fonts].map(f=>f.family+':'+f.status).join(',')"))
    ctx.close()
