#!/usr/bin/env python3
"""Server time of the Kanwil dashboard against a running Ledger, with the raw SQL anchor in the same run.

  bench/dashboard/dashboard.py --base http://127.0.0.1:5116 --token "$KANWIL_TOKEN" --pg "host=127.0.0.1 port=55516 user=postgres dbname=ledger_bench_dashboard" --label demo --requests 50

Asks, one request after another (so the time is the server's, on 127.0.0.1): the API's JSON
(/api/v1/regions/jawa-barat/reports/dashboard) and the page /kanwil as kanwil-jabar (a cookie session from the demo
sign-in page), for 29 September – 16 October 2025. The anchor is the dashboard's own statement, read out of
src/Ledger.Core/Reports/RegionDashboardStore.cs with the region's 8 Lapas and the period as literals, timed by pgbench
(one client, per-transaction log). Prints one markdown table row per measure: p50, p95, mean in milliseconds.
"""
import argparse, glob, http.cookiejar, os, re, statistics, subprocess, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def session(base, user):
    """A cookie session of a demo user from the sign-in page (as bench/pages/pages.py signs in)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', opener.open(base + "/masuk").read().decode()).group(1)
    form = urllib.parse.urlencode({"__RequestVerificationToken": token, "user": user, "returnUrl": "/"}).encode()
    opener.open(urllib.request.Request(base + "/sesi/masuk", data=form)).read()
    return opener

def timed(opener, url, headers=None):
    start = time.perf_counter()
    with opener.open(urllib.request.Request(url, headers=headers or {})) as r:
        r.read()
        assert r.status == 200, (url, r.status)
    return (time.perf_counter() - start) * 1000

FROM, TO = "2025-09-29", "2025-10-16"

def times(fn, n, warm=5):
    for _ in range(warm): fn()
    return [fn() for _ in range(n)]

def row(label, what, ms):
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    return f"| {label} | {what} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {statistics.fmean(ms):.1f} |"

def anchor_sql(psql_conn):
    source = open(os.path.join(ROOT, "src", "Ledger.Core", "Reports", "RegionDashboardStore.cs"), encoding="utf-8").read()
    body = source[source.index("TotalsAsync("):]
    sql = re.search(r'const string Sql = """\n(.*?)\n\s*""";', body, re.S).group(1)
    codes = subprocess.run(["psql", psql_conn, "-tAc", "select string_agg(quote_literal(code), ',' order by code) from facility where region = 'jawa-barat'"],
                           capture_output=True, text=True, check=True).stdout.strip()
    return (sql.replace("@codes", f"array[{codes}]").replace("@from", f"date '{FROM}'").replace("@to", f"date '{TO}'")
               .replace("@approved", "'approved'")) + ";\n"

def pgbench(psql_conn, sql, n):
    folder = tempfile.mkdtemp()
    script = os.path.join(folder, "dashboard.sql"); open(script, "w").write(" ".join(l.split("--")[0] for l in sql.splitlines()) + "\n")
    conn = dict(p.split("=", 1) for p in psql_conn.split())
    subprocess.run(["pgbench", "-n", "-c", "1", "-t", str(n + 5), "-f", script, "-l", "--log-prefix", os.path.join(folder, "log"),
                    "-h", conn["host"], "-p", conn["port"], "-U", conn["user"], conn["dbname"]], check=True, capture_output=True, cwd=folder)
    lines = open(glob.glob(os.path.join(folder, "log*"))[0]).read().split("\n")
    return [int(l.split()[2]) / 1000 for l in lines if l.strip()][5:]

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--base", required=True); a.add_argument("--token", required=True); a.add_argument("--pg", required=True)
    a.add_argument("--label", required=True); a.add_argument("--requests", type=int, default=50)
    args = a.parse_args()
    api_url = f"{args.base}/api/v1/regions/jawa-barat/reports/dashboard?from={FROM}&to={TO}"
    page_url = f"{args.base}/kanwil?dari={FROM}&sampai={TO}"
    plain = urllib.request.build_opener()
    api = times(lambda: timed(plain, api_url, {"Authorization": f"Bearer {args.token}"}), args.requests)
    signed_in = session(args.base, "kanwil-jabar")
    page = times(lambda: timed(signed_in, page_url), args.requests)
    sql = pgbench(args.pg, anchor_sql(args.pg), args.requests)
    print(row(args.label, "SQL anchor (pgbench, the same statement)", sql))
    print(row(args.label, "API JSON", api))
    print(row(args.label, "page /kanwil (HTML)", page))

main()
