#!/usr/bin/env python3
"""Server time and page weight of the staff pages, against a running Ledger (./run.sh), Python's standard library only.

  bench/pages/pages.py --base http://127.0.0.1:5080 --pages /warga-binaan --users 20 --requests 25 --out bench/results/pages.md

Each of --users threads signs in on the demo sign-in page as a demo user (its own cookie session) and asks each page
--requests times, one after another; the time is from sending the request to the last byte of the answer (on
127.0.0.1 that is the server's time). In the same run, as anchors: the pages' stylesheet (a static file, the floor of
any answer) and, with --token, the API's JSON list of the same people. Page weight: the HTML, stylesheet and scripts
the page loads, as transferred with Accept-Encoding: br, gzip.
"""
import argparse, html.parser, http.cookiejar, statistics, threading, time, urllib.parse, urllib.request

class Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.urls = []; self.token = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet": self.urls.append(a["href"])
        if tag == "script" and a.get("src"): self.urls.append(a["src"])
        if tag == "input" and a.get("name") == "__RequestVerificationToken" and self.token is None: self.token = a["value"]

def session(base, user):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = Assets(); page.feed(opener.open(base + "/masuk").read().decode())
    form = urllib.parse.urlencode({"__RequestVerificationToken": page.token, "user": user, "returnUrl": "/"}).encode()
    opener.open(urllib.request.Request(base + "/sesi/masuk", data=form)).read()
    return opener

def timed(opener, url, headers=None):
    start = time.perf_counter()
    with opener.open(urllib.request.Request(url, headers=headers or {})) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - start) * 1000

def weight(opener, base, path):
    def get(url):
        with opener.open(urllib.request.Request(base + url if url.startswith("/") else base + "/" + url, headers={"Accept-Encoding": "br, gzip"})) as r:
            return r.read(), r.headers.get("Content-Encoding") or "none"
    body, enc = get(path)
    parser = Assets(); parser.feed(body.decode("utf-8", "replace") if enc == "none" else "")
    if enc != "none":  # the HTML came compressed: read it once more uncompressed to find its assets
        with opener.open(base + path) as r: parser.feed(r.read().decode())
    parts = [(path, len(body), enc)] + [(u, *(lambda b, e: (len(b), e))(*get(u))) for u in parser.urls]
    return parts

def pct(values, p):
    values = sorted(values); return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://127.0.0.1:5080")
    ap.add_argument("--pages", default="/warga-binaan", help="comma-separated page addresses")
    ap.add_argument("--user", default="bimker-cirebon")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--requests", type=int, default=25)
    ap.add_argument("--token", help="a bearer token for the API anchor (./run.sh prints one)")
    ap.add_argument("--api", default="/api/v1/facilities/lapas-cirebon/inmates?pageSize=25")
    ap.add_argument("--out")
    a = ap.parse_args()
    pages = [p for p in a.pages.split(",") if p]
    probe = session(a.base, a.user)
    css = next(u for u in weight(probe, a.base, pages[0])[1:] if u[0].endswith(".css"))[0]
    targets = [(p, p, {}) for p in pages] + [("static file " + css, "/" + css.lstrip("/"), {})]
    if a.token: targets.append(("API JSON " + a.api, a.api, {"Authorization": "Bearer " + a.token}))
    for _, url, h in targets: timed(probe, a.base + url, h)  # warm-up
    results = {name: [] for name, _, _ in targets}
    openers = [session(a.base, a.user) for _ in range(a.users)]
    lock = threading.Lock()
    def run(opener):
        mine = {name: [] for name, _, _ in targets}
        for _ in range(a.requests):
            for name, url, h in targets: mine[name].append(timed(opener, a.base + url, h))
        with lock:
            for k, v in mine.items(): results[k].extend(v)
    threads = [threading.Thread(target=run, args=(o,)) for o in openers]
    started = time.perf_counter(); [t.start() for t in threads]; [t.join() for t in threads]; wall = time.perf_counter() - started
    lines = [f"# Staff pages: server time and weight", "",
             f"{a.users} signed-in users ({a.user}) at once, each asking every address {a.requests} times in turn; "
             f"{sum(len(v) for v in results.values())} requests in {wall:.1f} s against {a.base}.", "",
             "| address | requests | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|---:|"]
    for name, v in results.items():
        lines.append(f"| {name} | {len(v)} | {statistics.median(v):.1f} | {pct(v, 95):.1f} | {max(v):.1f} |")
    lines += ["", "Page weight as transferred (Accept-Encoding: br, gzip):", "", "| page | part | bytes | encoding |", "|---|---|---:|---|"]
    for p in pages:
        parts = weight(probe, a.base, p)
        for part, size, enc in parts: lines.append(f"| {p} | {part} | {size:,} | {enc} |")
        lines.append(f"| {p} | **total** | **{sum(s for _, s, _ in parts):,}** | |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        open(a.out, "w").write(text)

main()
