#!/usr/bin/env python3
"""The national benchmark of issue 13: every measurement of the issue's table with its raw anchor in the same run.
Started by bench/national/run.sh (which publishes the API and starts the cluster); see bench/README.md.

Stages, each printed with its time and the load average:
 1. import into an empty table: a Lapas of --people people in its own database, cloned fresh for each repetition;
    1,000,000 rows (--import-rows) by HTTP, then the same rows by binary COPY into a copy of training_entry with its
    indexes (the anchor);
 2. the national data set: a fresh database, generate.py through the API;
 3. 200,000 rows into the full table (a new programme each repetition, so a rerun never collides);
 4. worklist of a Lapas in a fresh API process (time, peak RSS) and the idle RSS before it;
 5. readiness summary of random people of the report region with wrk at 32 and 8 connections;
 6. region programme report, a year and a month;
 7. premi draft and approval of a month's 1,000 workers;
 8. 16 concurrent withdrawals on one account;
and the anchors: the statements each request sent, captured from the cluster's log (log_min_duration_statement = 0
for that one request), replayed by pgbench: reads as they are, writes in a transaction rolled back at its end. The
EXPLAIN (ANALYZE, BUFFERS) of every captured statement goes to bench/results/national-explain/.
"""
import argparse, datetime as dt, json, os, re, shutil, statistics, subprocess, sys, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "national")
sys.path.insert(0, HERE)
import generate  # noqa: E402

A = None  # the arguments
WORK = os.path.join(ROOT, ".data", "national")
DLL = os.path.join(ROOT, ".data", "bench-api", "Ledger.Api.dll")
PGLOG = os.path.join(ROOT, ".data", "pg.log")
EXPLAIN = os.path.join(ROOT, "bench", "results", "national-explain")


def log(msg):
    print(f"{time.strftime('%H:%M:%S')} {msg}", flush=True)


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def conn(db, user="postgres"):
    return f"host=127.0.0.1 port={A.pg_port} user={user} dbname={db}"


def psql(db, sql, quiet=True):
    r = subprocess.run(["psql", conn(db), "-qtAX", "-v", "ON_ERROR_STOP=1"], input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql: {r.stderr[-3000:]}")
    return r.stdout


def url(db, role):
    return subprocess.run([os.path.join(ROOT, "scripts", "pg.sh"), "url", db, role], capture_output=True, text=True, check=True).stdout.strip()


# ---------------------------------------------------------------- the API process
class Server:
    def __init__(self):
        self.proc = None

    def start(self, db):
        self.stop()
        env = dict(os.environ, LEDGER_DB=url(db, "app"), LEDGER_MIGRATION_DB=url(db, "owner"))
        self.out = open(os.path.join(WORK, "api.log"), "a")
        self.proc = subprocess.Popen(["dotnet", DLL, "--urls", f"http://127.0.0.1:{A.port}", "--contentRoot", os.path.dirname(DLL)],
                                     env=env, stdout=self.out, stderr=subprocess.STDOUT)
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{A.port}/health", timeout=2).read()
                return
            except Exception:
                time.sleep(0.5)
        raise RuntimeError("the API did not start")

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()
            self.proc = None

    def mb(self, field):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024)


SERVER = Server()


def migrate(db):
    psql("postgres", f"drop database if exists {db} with (force)")
    env = dict(os.environ, LEDGER_DB=url(db, "app"), LEDGER_MIGRATION_DB=url(db, "owner"))
    subprocess.run(["dotnet", DLL, "migrate"], env=env, check=True, capture_output=True)


def curl(method, path, token, body=None, content_type="application/json"):
    """One request timed as a client sees it: (seconds, status, body)."""
    cmd = ["curl", "-s", "-o", os.path.join(WORK, "last.json"), "-w", "%{time_total} %{http_code}", "-X", method,
           "-H", f"Authorization: Bearer {token}", "-H", "Accept-Language: id", f"http://127.0.0.1:{A.port}/api/v1{path}"]
    if body is not None:
        if isinstance(body, str) and body.startswith("@"):
            cmd += ["-H", f"Content-Type: {content_type}", "--data-binary", body]
        else:
            cmd += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    text = open(os.path.join(WORK, "last.json"), encoding="utf-8", errors="replace").read()
    return float(out[0]), int(out[1]), text


def ok(result, what):
    if result[1] not in (200, 201):
        raise RuntimeError(f"{what}: {result[1]} {result[2][:2000]}")
    return result


# ---------------------------------------------------------------- capturing the statements of one request
def logging_on(on):
    setting = "alter system set log_min_duration_statement = 0" if on else "alter system reset log_min_duration_statement"
    psql("postgres", f"{setting};\nselect pg_reload_conf();")
    time.sleep(0.3)


PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \w+ \[(\d+)\] (\w+):  (.*)$")
class Statements(list):
    """The statements of one request, and `since`: ids (UUIDv7, ms) stamped after it were made by that request."""
    since = 0


UUID = re.compile(r"\b([0-9a-f]{8})-([0-9a-f]{4})-(7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12})\b")
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def typed(value):
    """A parameter as a typed literal where PostgreSQL could not tell its type from the context (the log does not
    give the types): an array by its items (NULL items aside; all NULL: uuid, the only type our statements send as
    all-NULL arrays, and assignable to text), a date (extract(year from '2026-01-01') is ambiguous untyped); other
    values stay untyped literals, which PostgreSQL resolves from their context."""
    if re.fullmatch(r"'\d{4}-\d\d-\d\d'", value):
        return f"{value}::date"
    if not value.startswith("'{") or value == "'{}'":
        return value
    items = [x for x in value[2:-2].split(",") if x != "NULL"]
    if not items:
        return f"{value}::uuid[]"  # a first guess; retyped() corrects it from the column it is written to
    for pattern, kind in ((r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "uuid"), (r"-?\d+", "bigint"), (r"\d{4}-\d\d-\d\d", "date")):
        if all(re.fullmatch(pattern, x) for x in items):
            return f"{value}::{kind}[]"
    return f"{value}::text[]"


def capture(request, db=None):
    """Runs request() with every statement logged; returns the statements the API sent, parameters filled in (and,
    given the database, all-NULL arrays typed by their columns, see retyped)."""
    time.sleep(1.0)  # requests a load run left behind (cancelled when wrk stopped) finish before the capture begins
    start = os.path.getsize(PGLOG)
    since = int(time.time() * 1000) - 2000
    logging_on(True)
    try:
        request()
    finally:
        logging_on(False)
    with open(PGLOG, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        text = f.read()
    records = []  # [kind, message]
    for line in text.split("\n"):
        m = PREFIX.match(line)
        if m:
            records.append([m.group(2), m.group(3)])
        elif records:
            records[-1][1] += "\n" + line
    statements = Statements()
    statements.since = since
    for i, (kind, msg) in enumerate(records):
        if kind != "LOG":
            continue
        m = re.match(r"duration: [\d.]+ ms  (?:execute [^:]*|statement): (.*)", msg, re.S)
        if not m:
            continue
        sql = m.group(1).strip()
        if sql.lower().startswith(("discard all", "alter system", "select pg_reload_conf")) or "pg_reload_conf" in sql:
            continue
        params = {}
        if i + 1 < len(records) and records[i + 1][0] == "DETAIL" and records[i + 1][1].lower().startswith("parameters:"):
            params = {int(n): v for n, v in PARAM.findall(records[i + 1][1])}
        sql = re.sub(r"\$(\d+)\b", lambda p: typed(params.get(int(p.group(1)), p.group(0))), sql)
        if sql.lower().startswith("insert") and "'{}'" in sql:
            continue  # an INSERT ... FROM unnest of empty arrays writes nothing (and its types cannot be told)
        statements.append(retyped(db, sql.rstrip(";")) if db and "'{NULL" in sql else sql.rstrip(";"))
    return statements


def split_top(text):
    """Splits a list at its top-level commas (not those inside brackets or quotes)."""
    parts, depth, quote, start = [], 0, False, 0
    for i, c in enumerate(text):
        if c == "'":
            quote = not quote
        elif not quote and c in "([":
            depth += 1
        elif not quote and c in ")]":
            depth -= 1
        elif not quote and depth == 0 and c == ",":
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def retyped(db, sql):
    """An all-NULL array parameter cannot be typed from its value (typed() guesses uuid). PostgreSQL names the column
    it does not fit ("column "line_no" is of type integer but expression is of type uuid"): the column is followed to
    the unnest argument that feeds it (insert column -> select item t.alias -> unnest(...) as t(aliases)), which is
    retyped, and the statement planned again."""
    for _ in range(12):
        r = subprocess.run(["psql", conn(db), "-qtAX"], input=f"begin;\nexplain {sql};\nrollback;\n", capture_output=True, text=True)
        m = re.search(r'column "(\w+)" is of type ([\w ]+?) but expression is of type', r.stderr)
        if not m:
            return sql
        column, kind = m.group(1), m.group(2)
        alias = None
        ins = re.match(r"\s*insert\s+into\s+\w+\s*\(([^)]*)\)\s*select\s+(.*?)\s+from\s+unnest\(", sql, re.S | re.I)
        if ins:
            columns, items = split_top(ins.group(1)), split_top(ins.group(2))
            if column in columns and columns.index(column) < len(items):
                alias = re.sub(r"^\w+\.", "", items[columns.index(column)])
        upd = re.search(rf"\b{column} = \w+\.(\w+)", sql)
        if alias is None and upd:
            alias = upd.group(1)
        un = re.search(r"unnest\((.*?)\)\s+as\s+\w+\s*\(([^)]*)\)", sql, re.S)
        if not alias or not un:
            return sql
        args, aliases = split_top(un.group(1)), split_top(un.group(2))
        if alias not in aliases or aliases.index(alias) >= len(args):
            return sql
        arg = args[aliases.index(alias)]
        fixed = re.sub(r"::\w+\[\]$", f"::{kind}[]", arg)
        if fixed == arg:
            return sql
        args[aliases.index(alias)] = fixed
        sql = sql[:un.start(1)] + ", ".join(args) + sql[un.end(1):]
    return sql


def pgbench_script(name, statements, rollback=False, person=None):
    """A pgbench script of the captured statements. With person = (uuid, facility) the person's id and facility are
    drawn at random from bench_people for each transaction (one small lookup added). Writes end in ROLLBACK."""
    lines = []
    if person:
        lines += ["\\set n random(1, :people)", "select id as pid, facility_code as fac from bench_people where n = :n \\gset"]
    body = []
    for sql in statements:
        one = " ".join(l.split("--")[0].strip() for l in sql.split("\n"))
        if person:
            pid, fac = person
            one = one.replace("'{" + pid + "}'", "array[:pid::uuid]").replace(f"'{pid}'", ":pid::uuid").replace(f"'{fac}'", ":fac")
        body.append(one)
    if rollback:
        # Fresh ids (fresh_ids), and the transaction is rolled back.
        body = [fresh_ids(statements, s) for s in body]
        body = [s for s in body if s.lower() not in ("commit", "rollback")]
        if not any(s.lower().startswith(("begin", "start transaction")) for s in body):
            body.insert(0, "begin")
        body.append("rollback")
    lines += [s + ";" for s in body]
    path = os.path.join(WORK, f"{name}.sql")
    open(path, "w").write("\n".join(lines) + "\n")
    return path


def pgbench(script, db, clients, seconds=None, transactions=None, mode="extended", people=None):
    cmd = ["pgbench", "-n", "-M", mode, "-c", str(clients), "-j", str(min(clients, 2)), "-f", script, "-h", "127.0.0.1", "-p", str(A.pg_port), "-U", "postgres", "-r"]
    cmd += ["-T", str(seconds)] if seconds else ["-t", str(transactions)]
    if people:
        cmd += ["-D", f"people={people}"]
    out = subprocess.run(cmd + [db], capture_output=True, text=True)
    if out.returncode != 0 or "failed" in out.stdout and "number of failed transactions: 0" not in out.stdout:
        log(f"pgbench {os.path.basename(script)} FAILED: {out.stderr.strip().splitlines()[-2:] if out.stderr.strip() else out.stdout[-300:]}")
        R.setdefault("failures", []).append(f"anchor {os.path.basename(script)}: {' '.join(out.stderr.split())[:400]}")
        return float("nan"), float("nan")
    tps = float(re.search(r"tps = ([\d.]+)", out.stdout).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", out.stdout).group(1))
    return tps, latency


def fresh_ids(statements, sql):
    """The ids the request made (UUIDv7 stamped after the capture began) get another first part, so a replay writes
    new rows instead of colliding with the ones the request wrote."""
    fresh = lambda m: ("fffffffe" if int(m.group(1) + m.group(2), 16) >= statements.since else m.group(1)) + "-" + m.group(2) + "-" + m.group(3)
    return UUID.sub(fresh, sql)


def explain(name, db, statements, rollback=False):
    """EXPLAIN (ANALYZE, BUFFERS) of each captured statement that reads or writes rows, into national-explain/NAME.txt.
    With rollback (a write), the statements run in order in one transaction, each seeing what the ones before wrote,
    with fresh ids, and the transaction is rolled back."""
    os.makedirs(EXPLAIN, exist_ok=True)
    out = [f"-- {name}: the statements one request sent (captured {dt.datetime.utcnow():%Y-%m-%d %H:%M} UTC), each with its plan.\n"]
    shown = lambda sql: re.sub(r"'\{([0-9a-f-]{36},){20,}[0-9a-f-]{36}\}'", lambda m: "'{…%d ids…}'" % (m.group(0).count(",") + 1), sql)
    if rollback:
        marker, script = "-- ledger-bench-statement ", ["begin;"]
        for k, sql in enumerate(statements, start=1):
            head = sql.lstrip().split(None, 1)[0].lower() if sql.strip() else ""
            if head in ("select", "with", "insert", "update", "delete"):
                script += [f"\\echo '{marker}{k}'", f"explain (analyze, buffers) {fresh_ids(statements, sql)};"]
            elif head not in ("begin", "start", "commit"):
                script.append(fresh_ids(statements, sql) + ";")
        script.append("rollback;")
        r = subprocess.run(["psql", conn(db), "-qtAX"], input="\n".join(script) + "\n", capture_output=True, text=True)
        parts = (r.stdout + r.stderr).split(marker)
        for part in parts[1:]:
            k, _, plan = part.partition("\n")
            out.append(f"-- statement {k}\n{shown(statements[int(k) - 1])}\n\n{plan}\n")
    else:
        for k, sql in enumerate(statements, start=1):
            head = sql.lstrip().split(None, 1)[0].lower() if sql.strip() else ""
            if head not in ("select", "with", "insert", "update", "delete"):
                continue
            r = subprocess.run(["psql", conn(db), "-qtAX"], input=f"begin;\nexplain (analyze, buffers) {sql};\nrollback;\n", capture_output=True, text=True)
            # A list of thousands of ids says nothing a reader needs; its length does.
            out.append(f"-- statement {k}\n{shown(sql)}\n\n{r.stdout}{r.stderr}\n")
    open(os.path.join(EXPLAIN, f"{name}.txt"), "w").write("\n".join(out))


# ---------------------------------------------------------------- wrk
def wrk(script, connections, seconds, lua_args):
    lua = os.path.join(HERE, script)
    cmd = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", lua, f"http://127.0.0.1:{A.port}", "--"] + lua_args
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if bad or errors:
        log(f"wrk: {bad.group(0) if bad else ''} {errors.group(0) if errors else ''}")
    return rps, pct(50), pct(99), int(bad.group(1)) if bad else 0


# ---------------------------------------------------------------- the stages
R = {}  # results, for the report


def stage(name):
    log(f"== {name} (load {load()})")
    R.setdefault("loads", []).append((name, load()))


def import_empty():
    """1M rows by HTTP into an empty training_entry, each repetition in a fresh clone; the anchor is binary COPY of
    the same rows into a copy of the table with the same indexes."""
    stage("import into an empty table")
    template, db = "ledger_bench_national_empty", "ledger_bench_national_empty_run"
    migrate(template)
    SERVER.start(template)
    code = generate.facility_code(1)
    psql(template, f"insert into facility (code, name, region, time_zone, created_at) values ('{code}', 'Lapas Nusantara 001', 'jawa-barat', 'Asia/Jakarta', now())")
    admin = generate.token(DLL, "--sub", "admin-bench", "--role", "admin", "--region", "jawa-barat")
    bimker = generate.token(DLL, "--sub", "bimker-bench", "--role", "bimker", "--facility", code)
    today = dt.date.fromisoformat(A.today)
    people, remisi = generate.registry_files(1, A.people, today)
    api = generate.Api(f"http://127.0.0.1:{A.port}")
    api.multipart(f"/facilities/{code}/imports/registry?dryRun=false", admin, [("people", people), ("remisi", remisi)])
    starts = (today - dt.timedelta(days=400)).isoformat()
    for slug, name in generate.PROGRAMMES[:2]:
        api.call("POST", f"/facilities/{code}/programmes", bimker, {"code": slug, "name": name, "kind": "training", "startsOn": starts})
    SERVER.stop()
    # A year of every day in two programmes, person after person, cut at --import-rows.
    path = os.path.join(WORK, "import-1m.csv")
    rows = generate.training_rows(1, A.people, today, generate.PROGRAMMES[:2], every=1, minutes=(60, 45), limit=A.import_rows)
    open(path, "wb").write(rows)
    binary = os.path.join(WORK, "import-1m.bin")
    http, copy = [], []
    for rep in range(3):
        psql("postgres", f"drop database if exists {db} with (force);\ncreate database {db} template {template};")
        SERVER.start(db)
        # A server runs for days: the first file a fresh process reads runs its parsing loop in unoptimised code
        # (tiered compilation) at half speed. A dry run of the same file, untimed, warms it as a day's first import would.
        ok(curl("POST", f"/facilities/{code}/imports/training?dryRun=true", bimker, "@" + path, "text/csv"), "warm-up (dry run)")
        t = ok(curl("POST", f"/facilities/{code}/imports/training", bimker, "@" + path, "text/csv"), "import 1M")[0]
        SERVER.stop()
        http.append(A.import_rows / t)
        if rep == 0:
            psql(db, f"\\copy (select * from training_entry) to '{binary}' (format binary)")
        psql(db, "drop table if exists anchor_training_entry; create table anchor_training_entry (like training_entry including all);")
        t0 = time.perf_counter()
        psql(db, f"\\copy anchor_training_entry from '{binary}' (format binary)")
        copy.append(A.import_rows / (time.perf_counter() - t0))
        log(f"import {rep + 1}: HTTP {http[-1]:,.0f} rows/s, binary COPY {copy[-1]:,.0f} rows/s")
    psql("postgres", f"drop database if exists {db} with (force);\ndrop database if exists {template} with (force);")
    R["import_empty"] = (http, copy)


def build(db):
    stage("national data set")
    migrate(db)
    SERVER.start(db)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--base", f"http://127.0.0.1:{A.port}", "--pg", conn(db),
                    "--api-dll", DLL, "--lapas", str(A.lapas), "--people", str(A.people), "--workers", str(A.workers),
                    "--certificates", str(A.certificates), "--today", A.today, "--work", WORK], check=True)
    R["generate_seconds"] = time.perf_counter() - t0
    psql(db, "vacuum analyze")
    g = json.load(open(os.path.join(WORK, "generated.json")))
    R["generated"] = g
    R["sizes"] = psql(db, """select (select count(*) from inmate), (select count(*) from training_entry), (select count(*) from work_record),
                                    (select count(*) from certificate), pg_size_pretty(pg_database_size(current_database()))""").strip()
    # The people of the report region, for wrk and pgbench to draw from.
    psql(db, f"""drop table if exists bench_people;
                 create table bench_people as select row_number() over (order by id) as n, id, facility_code from inmate
                   where facility_code in (select code from facility where region = '{g['region']}');
                 create unique index on bench_people (n); analyze bench_people;""")
    ids = psql(db, "select id from bench_people order by n").split()
    open(os.path.join(WORK, "people.txt"), "w").write("\n".join(ids) + "\n")
    return g


def import_full(db, g):
    """200,000 rows into the full table: a new programme of the first Lapas each repetition, a person's day in
    it every fifth day (--import-full-rows rows)."""
    stage("import into the full table")
    api = generate.Api(f"http://127.0.0.1:{A.port}")
    today = dt.date.fromisoformat(A.today)
    rates = []
    code = g["codes"][len(g["codes"]) // 2]
    index = g["codes"].index(code) + 1
    for rep in range(3):
        slug = f"bench-{int(time.time())}-{rep}"
        api.call("POST", f"/facilities/{code}/programmes", g["tokens"]["bimker"],
                 {"code": slug, "name": f"Kelas Bench {rep + 1}", "kind": "training", "startsOn": (today - dt.timedelta(days=400)).isoformat()})
        path = os.path.join(WORK, "import-200k.csv")
        open(path, "wb").write(generate.training_rows(index, A.people, today, [(slug, "")], every=5, offset=rep, minutes=(30,), limit=A.import_full_rows))
        t = ok(curl("POST", f"/facilities/{code}/imports/training", g["tokens"]["bimker"], "@" + path, "text/csv"), "import 200k")[0]
        rows = json.loads(open(os.path.join(WORK, "last.json")).read())["rows"]
        rates.append(rows / t)
        log(f"import {rep + 1} into the full table: {rows} rows in {t:.2f} s = {rates[-1]:,.0f} rows/s")
    R["import_full"] = rates


def person_of(db, n=1):
    return psql(db, f"select id, facility_code from bench_people where n = {n}").strip().split("|")


def worklist(db, g):
    stage("worklist")
    SERVER.start(db)
    time.sleep(2)
    R["rss_idle"] = SERVER.mb("VmRSS")
    code = psql(db, "select facility_code from bench_people where n = 1").strip()
    path = f"/facilities/{code}/releases?withinDays=90"
    times = [ok(curl("GET", path, g["tokens"]["kanwil"]), "worklist")[0] for _ in range(3)]
    R["rss_worklist"] = SERVER.mb("VmHWM")
    items = len(json.loads(open(os.path.join(WORK, "last.json")).read())["items"])
    statements = capture(lambda: curl("GET", path, g["tokens"]["kanwil"]))
    script = pgbench_script("worklist", statements)
    anchor = [pgbench(script, db, 1, transactions=1)[1] / 1000 for _ in range(3)]
    explain("worklist", db, statements)
    R["worklist"] = (times, anchor, items, code, len(statements))
    log(f"worklist of {code}: {items} items, {median(times):.2f} s (anchor {median(anchor):.2f} s), RSS idle {R['rss_idle']} MB, peak {R['rss_worklist']} MB")


def readiness(db, g):
    stage("readiness")
    token = g["tokens"]["kanwil"]
    people = os.path.join(WORK, "people.txt")
    count = int(psql(db, "select count(*) from bench_people").strip())
    wrk("readiness.lua", 8, 3, [token, people])  # warm-up
    runs = {}
    for c in (32, 8):
        runs[c] = [wrk("readiness.lua", c, A.seconds, [token, people]) for _ in range(3)]
        log(f"readiness at {c} connections: {[round(r[0]) for r in runs[c]]} req/s, p99 {[round(r[2], 1) for r in runs[c]]} ms")
    pid, fac = person_of(db, 1)
    statements = capture(lambda: curl("GET", f"/inmates/{pid}/release-readiness", token))
    script = pgbench_script("readiness", statements, person=(pid, fac))
    anchor = {}
    for mode in ("extended", "prepared"):
        anchor[mode] = [pgbench(script, db, 32, seconds=A.seconds, mode=mode, people=count)[0] for _ in range(3)]
        log(f"readiness anchor ({mode}): {[round(x) for x in anchor[mode]]} tps")
    explain("readiness", db, statements)
    R["readiness"] = (runs, anchor, len(statements), R["server_connections"] if "server_connections" in R else None)


def reports(db, g):
    stage("region report")
    token = g["tokens"]["kanwil"]
    today = dt.date.fromisoformat(A.today)
    periods = {"year": ((today - dt.timedelta(days=365)).isoformat(), (today - dt.timedelta(days=1)).isoformat()),
               "month": ((today - dt.timedelta(days=30)).isoformat(), (today - dt.timedelta(days=1)).isoformat())}
    out = {}
    for name, (a, b) in periods.items():
        path = f"/regions/{g['region']}/reports/programmes?from={a}&to={b}"
        times = [ok(curl("GET", path, token), "report")[0] for _ in range(3)]
        statements = capture(lambda: curl("GET", path, token))
        script = pgbench_script(f"report-{name}", statements)
        anchor = [pgbench(script, db, 1, transactions=1)[1] / 1000 for _ in range(3)]
        explain(f"region-report-{name}", db, statements)
        out[name] = (times, anchor, len(statements))
        log(f"region report, {name}: {median(times):.2f} s (anchor {median(anchor):.2f} s)")
    R["rss_reports"] = SERVER.mb("VmHWM")
    R["reports"] = out


def premi(db, g):
    stage("premi")
    t = g["tokens"]
    drafts, approvals, captured = [], [], {}
    for k, order in enumerate(g["orders"]):
        body = {"schemeId": g["schemeId"], "workOrderId": order["id"], "from": order["from"], "to": order["to"]}
        last = k == len(g["orders"]) - 1  # the last month is captured for the anchors, not timed
        draft = lambda: ok(curl("POST", f"/facilities/{g['first']}/premi-runs", t["finance-a"], body), "premi draft")
        if last:
            captured["draft"] = capture(draft, db)
        else:
            drafts.append(draft()[0])
        run = json.loads(open(os.path.join(WORK, "last.json")).read())
        approve = lambda: ok(curl("POST", f"/premi-runs/{run['id']}/approval", t["finance-b"], {"expectedTotal": run["total"]}), "premi approval")
        if last:
            captured["approval"] = capture(approve, db)
        else:
            approvals.append(approve()[0])
            log(f"premi {order['from']}: {len(run['lines'])} lines, draft {drafts[-1]:.2f} s, approval {approvals[-1]:.2f} s")
    anchors = {}
    for name, statements in captured.items():
        script = pgbench_script(f"premi-{name}", statements, rollback=True)
        anchors[name] = [pgbench(script, db, 1, transactions=1)[1] / 1000 for _ in range(3)]
        log(f"premi {name} anchor: {anchors[name]} s ({len(statements)} statements)")
        explain(f"premi-{name}", db, statements, rollback=True)
    R["premi"] = (drafts, approvals, anchors, {k: len(v) for k, v in captured.items()})


def next_version(statements):
    """The captured withdrawal wrote the account's version V over V - 1 and committed; a replay of the same values
    would collide with it. The replay writes the next withdrawal instead (V + 1 over V, one rupiah less), as the API
    would, and is rolled back, so every replay finds the account as the capture left it."""
    update = next((x for x in statements if x.lstrip().lower().startswith("update premi_account")), None)
    un = update and re.search(r"unnest\((.*?)\)\s+as\s+\w+\s*\(([^)]*)\)", update, re.S)
    if not un:
        return statements
    args, aliases = split_top(un.group(1)), split_top(un.group(2))
    value = lambda alias: int(re.match(r"'\{(-?\d+)\}'", args[aliases.index(alias)]).group(1))
    version, previous, spendable = value("version"), value("previous"), value("spendable")
    # The withdrawal of 1 rupiah from the spendable part: the next one leaves one rupiah less.
    bump = lambda x: (x.replace(f"'{{{version}}}'::bigint[]", f"'{{{version + 1}}}'::bigint[]").replace(f"'{{{previous}}}'::bigint[]", f"'{{{version}}}'::bigint[]")
                      .replace(f"'{{{spendable}}}'::bigint[]", f"'{{{spendable - 1}}}'::bigint[]"))
    bumped = Statements(bump(x) for x in statements)
    bumped.since = statements.since
    return bumped


def withdrawals(db, g):
    stage("withdrawals")
    token, person = g["tokens"]["finance-a"], g["richWorker"]
    runs = [wrk("withdrawal.lua", 16, A.seconds, [token, person]) for _ in range(3)]
    log(f"withdrawals: {[round(r[0]) for r in runs]} req/s, non-2xx {[r[3] for r in runs]}")
    statements = capture(lambda: ok(curl("POST", f"/inmates/{person}/premi/withdrawals", token,
                                         {"part": "spendable", "amount": 1, "purpose": "basic-needs", "note": "bench"}), "withdrawal"), db)
    statements = next_version(statements)
    script = pgbench_script("withdrawal", statements, rollback=True)
    anchor = [pgbench(script, db, 16, seconds=A.seconds)[0] for _ in range(3)]
    explain("withdrawal", db, statements, rollback=True)
    R["withdrawals"] = (runs, anchor, len(statements))
    R["rss_peak"] = SERVER.mb("VmHWM")
    log(f"withdrawal anchor: {[round(x) for x in anchor]} tps")


# ---------------------------------------------------------------- the report
def write_report(path):
    g = R.get("generated", {})
    f = lambda x, d=0: f"{x:,.{d}f}"
    lines = ["# National benchmark (issue 13)", "",
             f"`bench/national/run.sh{' --scale ' + A.scale if A.scale != 'full' else ''}` on {A.today} ({os.cpu_count()} cores), "
             f"{A.lapas} Lapas × {A.people:,} people. Data set: {R.get('sizes', '?').replace('|', ' / ')} "
             "(people / training entries / work records / certificates / database size), built through the API by "
             f"`generate.py` in {f(R.get('generate_seconds', 0))} s.", "",
             "Medians of 3; runs in brackets. Load average (1, 5, 15 min) at the start of each stage: "
             + "; ".join(f"{n}: {l}" for n, l in R.get("loads", [])) + ".", "",
             "| what | measured | raw anchor, same run | target |", "|---|---|---|---|"]
    if "import_empty" in R:
        http, copy = R["import_empty"]
        lines.append(f"| CSV import, {A.import_rows:,} rows into an empty table (HTTP) | {f(median(http))} rows/s ({', '.join(f(x) for x in http)}) "
                     f"| binary COPY into a copy of the table with its indexes: {f(median(copy))} rows/s ({', '.join(f(x) for x in copy)}); "
                     f"ratio {median(http) / median(copy):.2f} | ≥ 0.8 × raw |")
    if "import_full" in R:
        rates = R["import_full"]
        lines.append(f"| CSV import, {A.import_full_rows:,} rows when the table already holds {R['sizes'].split('|')[1]} | {f(median(rates))} rows/s "
                     f"({', '.join(f(x) for x in rates)}) | — | ≥ 0.8 × raw |")
    if "readiness" in R:
        runs, anchor, n, _ = R["readiness"]
        for c in (32, 8):
            rs = runs[c]
            lines.append(f"| readiness summary, random people of {g.get('region')}, {c} connections (wrk, {A.seconds} s) | {f(median([r[0] for r in rs]))} req/s, "
                         f"p50 {median([r[1] for r in rs]):.1f} ms, p99 {median([r[2] for r in rs]):.1f} ms (req/s {', '.join(f(r[0]) for r in rs)}; "
                         f"p99 {', '.join(f'{r[2]:.1f}' for r in rs)}) | "
                         + (f"its {n} statements by pgbench, 32 clients: {f(median(anchor['extended']))} tps extended, {f(median(anchor['prepared']))} tps prepared"
                            if c == 32 else "(as above)") + " | ≥ 1,500 req/s, p99 ≤ 25 ms at 32 |")
    if "worklist" in R:
        times, anchor, items, code, n = R["worklist"]
        lines.append(f"| release worklist of {code} ({A.people:,} people, {items} items, withinDays=90) | {median(times):.2f} s ({', '.join(f'{x:.2f}' for x in times)}); "
                     f"API peak RSS {R['rss_worklist']} MB | its {n} statements by pgbench: {median(anchor):.2f} s | ≤ 150 ms, RSS ≤ 300 MB |")
    if "reports" in R:
        for name, (times, anchor, n) in R["reports"].items():
            lines.append(f"| region programme report, a {name} ({g.get('region')}) | {median(times):.2f} s ({', '.join(f'{x:.2f}' for x in times)}) "
                         f"| its {n} statements by pgbench: {median(anchor):.2f} s | ≤ 200 ms |")
    if "premi" in R:
        drafts, approvals, anchors, counts = R["premi"]
        lines.append(f"| premi draft, {g.get('workers'):,} workers, one month | {median(drafts):.2f} s ({', '.join(f'{x:.2f}' for x in drafts)}) "
                     f"| its {counts.get('draft')} statements by pgbench (rolled back): {median(anchors['draft']):.2f} s | ≤ 0.5 s |")
        lines.append(f"| premi approval, the same | {median(approvals):.2f} s ({', '.join(f'{x:.2f}' for x in approvals)}) "
                     f"| its {counts.get('approval')} statements by pgbench (rolled back): {median(anchors['approval']):.2f} s | ≤ 0.5 s |")
    if "withdrawals" in R:
        runs, anchor, n = R["withdrawals"]
        lines.append(f"| 16 concurrent withdrawals on one account (wrk, {A.seconds} s) | {f(median([r[0] for r in runs]))} req/s ({', '.join(f(r[0]) for r in runs)}), "
                     f"p99 {median([r[2] for r in runs]):.1f} ms, non-2xx {sum(r[3] for r in runs)} | its {n} statements by pgbench, 16 clients (rolled back): "
                     f"{f(median(anchor))} tps | ≥ 0.8 × raw |")
    if "rss_idle" in R:
        lines.append(f"| API memory | idle {R['rss_idle']} MB; peak {R.get('rss_worklist')} MB after the worklist, {R.get('rss_reports', '?')} MB after the reports, "
                     f"{R.get('rss_peak', '?')} MB at the end (VmHWM, one process from the worklist on) | — | ≤ 300 MB peak |")
    if R.get("failures"):
        lines += ["", "## Stages that failed", ""] + [f"- {x.splitlines()[0]}" for x in R["failures"]]
    lines += ["", "## Generator stages (s)", "", "| stage | seconds |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in g.get("seconds", {}).items()]
    lines += ["", "How each line is measured, and the anchors: [bench/README.md](../README.md#national-benchmark-benchnationalrunsh). "
              "The plans of the captured statements: [national-explain/](national-explain/)."]
    open(path, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    global A
    p = argparse.ArgumentParser()
    p.add_argument("--scale", choices=["full", "small"], default="full")
    p.add_argument("--port", type=int, default=5115)
    p.add_argument("--pg-port", type=int, default=int(os.environ.get("LEDGER_PG_PORT", "55432")))
    p.add_argument("--today", default=dt.date.today().isoformat())
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--stages", default="import,build,full,worklist,readiness,reports,premi,withdrawals")
    p.add_argument("--out", default=None)
    A = p.parse_args()
    small = A.scale == "small"
    A.lapas, A.people, A.workers, A.certificates = (5, 3000, 1000, 20) if small else (100, 3000, 1000, 60)
    A.import_rows, A.import_full_rows = (200000, 50000) if small else (1000000, 200000)
    A.out = A.out or os.path.join(ROOT, "bench", "results", "national-small.md" if small else "national.md")
    os.makedirs(WORK, exist_ok=True)
    stages = A.stages.split(",")
    db = "ledger_bench_national"
    try:
        if "import" in stages:
            import_empty()
        if "build" in stages:
            g = build(db)
        elif set(stages) - {"import"}:
            g = R["generated"] = json.load(open(os.path.join(WORK, "generated.json")))
            R["sizes"] = psql(db, "select (select count(*) from inmate), (select count(*) from training_entry), (select count(*) from work_record), (select count(*) from certificate), pg_size_pretty(pg_database_size(current_database()))").strip()
            SERVER.start(db)
        if "full" in stages:
            import_full(db, g)
        for name in ("worklist", "readiness", "reports", "premi", "withdrawals"):
            if name in stages:
                try:
                    globals()[name](db, g)
                except Exception as e:  # one stage's failure is reported; the others still run
                    log(f"{name} FAILED: {e}")
                    R.setdefault("failures", []).append(f"{name}: {str(e)[:600]}")
        R["loads"].append(("end", load()))
    finally:
        SERVER.stop()
        json.dump({k: v for k, v in R.items()}, open(os.path.join(WORK, "results.json"), "w"), indent=1, default=str)
        write_report(A.out)


if __name__ == "__main__":
    main()
