#!/usr/bin/env python3
"""Builds the national data set of issue 13 through the API's own bulk paths, on a migrated empty database.

  generate.py --base http://127.0.0.1:5115 --pg "host=... dbname=..." --api-dll .data/bench-api/Ledger.Api.dll \
              --lapas 100 --people 3000 --today 2026-12-01 --work DIR

What it writes, all invented (names from a short list, numbers from the Lapas's index):
- facilities: --lapas Lapas in three regions (jawa-barat, jawa-tengah, jawa-timur; the middle one is the region of
  the region report), inserted by SQL as db/seed/0001_facilities.sql does (there is no bulk path for them);
- people: --people per Lapas by the registry import (multipart: people and remisi CSVs as SDP writes them), held
  for 400 days to 8 years with fixed sentences that end after today, 0–3 remisi of one month each;
- programmes: 8 training programmes per Lapas (JSON), plus one production programme in the first Lapas;
- training: a year of entries up to yesterday, each person in two programmes on about one day in 11 each
  (~66 entries a person: 3,000 people x 100 Lapas = 20 million), one CSV import per Lapas;
- certificates: --certificates per Lapas (JSON, one request each);
- work and premi, in the first Lapas: a piece-rate scheme and, for each of the five whole months before --today,
  a work order with records for --workers people on every weekday (work-record imports of at most 10,000 rows);
  the first month is drafted and approved here (so the workers have premi accounts with balances), the other
  four are left for run.sh (three timed, the last captured for the anchors).
Prints the time of each stage and writes DIR/generated.json (what run.sh needs: tokens, ids, counts, seconds).
"""
import argparse, calendar, concurrent.futures as cf, datetime as dt, json, os, random, subprocess, time, urllib.error, urllib.request, uuid

FIRST = ["Asep", "Dadang", "Ujang", "Cecep", "Deden", "Iwan", "Yayan", "Maman", "Ade", "Engkos", "Rudi", "Wawan", "Agus", "Dedi", "Iis",
         "Bambang", "Joko", "Slamet", "Sutrisno", "Heru", "Eko", "Budi", "Made", "Ketut", "Andi", "Rahmat", "Yusuf", "Hendra"]
LAST = ["Suryana", "Hidayat", "Kurniawan", "Permana", "Saputra", "Gunawan", "Sopandi", "Rahmat", "Mulyana", "Nugraha", "Setiawan", "Wijaya",
        "Santoso", "Prasetyo", "Wibowo", "Susanto", "Hartono", "Purnomo", "Siregar", "Nasution", "Lubis", "Simanjuntak"]
PROGRAMMES = [("las", "Pengelasan"), ("menjahit", "Menjahit"), ("kayu", "Pertukangan Kayu"), ("tata-boga", "Tata Boga"),
              ("pertanian", "Pertanian Hortikultura"), ("perikanan", "Budidaya Ikan"), ("komputer", "Operator Komputer"), ("sablon", "Sablon Kaos")]
PRODUCTION = "produksi-mebel"
REGIONS = ["jawa-barat", "jawa-tengah", "jawa-timur"]


def log(msg):
    print(f"{time.strftime('%H:%M:%S')} {msg}", flush=True)


class Api:
    def __init__(self, base):
        self.base = base.rstrip("/") + "/api/v1"

    def call(self, method, path, token, body=None, content_type="application/json", ok=(200, 201)):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": content_type, "Accept-Language": "id"})
        try:
            with urllib.request.urlopen(req, timeout=3600) as r:
                text = r.read()
                status = r.status
        except urllib.error.HTTPError as e:
            text, status = e.read(), e.code
        if status not in ok:
            raise RuntimeError(f"{method} {path}: {status} {text[:2000].decode(errors='replace')}")
        return json.loads(text) if text else None

    def multipart(self, path, token, parts):
        boundary = uuid.uuid4().hex
        body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}.csv"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                        + content + b"\r\n" for name, content in parts) + f"--{boundary}--\r\n".encode()
        return self.call("POST", path, token, body, f"multipart/form-data; boundary={boundary}")


def psql(conn, sql):
    return subprocess.run(["psql", conn, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=True).stdout


def token(dll, *args):
    return subprocess.run(["dotnet", dll, "token", *args], capture_output=True, text=True, check=True).stdout.strip()


def facility_code(i):
    return f"lapas-n{i:03d}"


def region_of(i, lapas):
    return REGIONS[min(2, (i - 1) * 3 // lapas)]


def registry_files(i, people, today):
    """The people and remisi CSVs of Lapas i, as SDP's spreadsheet writes them (BOM, semicolons, dd/MM/yyyy)."""
    rnd = random.Random(i)
    d = lambda day: day.strftime("%d/%m/%Y")
    rows = ["No. Registrasi;Nama;Tanggal Lahir;Tanggal Penahanan;Pidana Tahun;Pidana Bulan;Pidana Hari;Jenis Pidana;Tanggal Bebas"]
    remisi = ["No. Registrasi;Jenis;Tanggal SK;Nomor SK;Bulan;Hari"]
    for n in range(1, people + 1):
        number = f"N{i:03d}-{n:06d}"
        detention = today - dt.timedelta(days=rnd.randint(400, 8 * 365))
        birth = detention - dt.timedelta(days=rnd.randint(19 * 365, 60 * 365))
        served_years = (today - detention).days // 365 + 1
        years = rnd.randint(served_years, served_years + rnd.choice([0, 1, 2, 5, 10]))
        months = rnd.choice([0, 0, 3, 6])
        rows.append(f"{number};{rnd.choice(FIRST)} {rnd.choice(LAST)};{d(birth)};{d(detention)};{years};{months};0;sementara;")
        earliest = detention + dt.timedelta(days=183)
        for k in range(rnd.choice([0, 1, 1, 2, 3]) if earliest < today else 0):
            granted = earliest + dt.timedelta(days=rnd.randint(0, (today - earliest).days))
            remisi.append(f"{number};{rnd.choice(['umum', 'khusus'])};{d(granted)};W{i:03d}.PAS-{n:06d}-{k + 1};1;0")
    return ("\ufeff" + "\r\n".join(rows) + "\r\n").encode(), ("\ufeff" + "\r\n".join(remisi) + "\r\n").encode()


def training_csv(i, people, today, period):
    """A year of training up to yesterday: person n in programmes a and b, on the days d with (d + n) % period = 0
    (a) or = period // 2 (b), 120 and 90 minutes."""
    start = today - dt.timedelta(days=365)
    days = [(start + dt.timedelta(days=k)).isoformat() for k in range(365)]
    out = ["registrationNumber;programmeCode;date;minutes"]
    half = period // 2
    for n in range(1, people + 1):
        number = f"N{i:03d}-{n:06d}"
        a = n % len(PROGRAMMES)
        b = (n * 3 + 1) % len(PROGRAMMES)
        if b == a:
            b = (a + 1) % len(PROGRAMMES)
        ca, cb = PROGRAMMES[a][0], PROGRAMMES[b][0]
        for k in range((period - n % period) % period, 365, period):
            out.append(f"{number};{ca};{days[k]};120")
        for k in range((half - n % period) % period, 365, period):
            out.append(f"{number};{cb};{days[k]};90")
    return ("\n".join(out) + "\n").encode(), len(out) - 1


def training_rows(i, people, today, programmes, every, minutes, limit, offset=0):
    """Rows for the import measurements: person after person of Lapas i, each programme on the days k of the year
    up to yesterday with k % every == offset, cut at `limit` rows."""
    start = today - dt.timedelta(days=365)
    days = [(start + dt.timedelta(days=k)).isoformat() for k in range(offset, 365, every)]
    out = ["registrationNumber;programmeCode;date;minutes"]
    for n in range(1, people + 1):
        for (code, _), m in zip(programmes, minutes):
            out.extend(f"N{i:03d}-{n:06d};{code};{day};{m}" for day in days)
        if len(out) > limit:
            break
    return ("\n".join(out[:limit + 1]) + "\n").encode()


def months_before(today, count):
    """The `count` whole calendar months before today's month, oldest first, as (first day, last day)."""
    first = today.replace(day=1)
    out = []
    for _ in range(count):
        last = first - dt.timedelta(days=1)
        first = last.replace(day=1)
        out.append((first, last))
    return out[::-1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--pg", required=True)
    p.add_argument("--api-dll", required=True)
    p.add_argument("--lapas", type=int, default=100)
    p.add_argument("--people", type=int, default=3000)
    p.add_argument("--period", type=int, default=11, help="a person trains in each of two programmes one day in PERIOD")
    p.add_argument("--workers", type=int, default=1000)
    p.add_argument("--certificates", type=int, default=60, help="per Lapas")
    p.add_argument("--today", default=dt.date.today().isoformat())
    p.add_argument("--parallel", type=int, default=2, help="imports at the same time (different Lapas)")
    p.add_argument("--work", required=True)
    args = p.parse_args()
    today = dt.date.fromisoformat(args.today)
    api = Api(args.base)
    os.makedirs(args.work, exist_ok=True)
    seconds = {}
    t_all = time.perf_counter()

    # Facilities, by SQL as the demo seed does, and the users' tokens.
    t = time.perf_counter()
    values = ",".join(f"('{facility_code(i)}', 'Lapas Nusantara {i:03d}', '{region_of(i, args.lapas)}', 'Asia/Jakarta', now())" for i in range(1, args.lapas + 1))
    psql(args.pg, f"insert into facility (code, name, region, time_zone, created_at) values {values}")
    codes = [facility_code(i) for i in range(1, args.lapas + 1)]
    first = codes[0]
    report_region = REGIONS[1]
    tokens = {
        **{f"admin-{r}": token(args.api_dll, "--sub", f"admin-{r}", "--role", "admin", "--region", r) for r in REGIONS},
        "bimker": token(args.api_dll, "--sub", "bimker-nasional", "--role", "bimker", *[x for c in codes for x in ("--facility", c)]),
        "bimker-first": token(args.api_dll, "--sub", "bimker-n001", "--role", "bimker", "--facility", first),
        "finance-a": token(args.api_dll, "--sub", "keuangan-a", "--role", "finance", "--facility", first),
        "finance-b": token(args.api_dll, "--sub", "keuangan-b", "--role", "finance", "--facility", first),
        "kanwil": token(args.api_dll, "--sub", f"kanwil-{report_region}", "--role", "kanwil", "--region", report_region),
    }
    seconds["facilities and tokens"] = time.perf_counter() - t
    log(f"{args.lapas} facilities, tokens: {seconds['facilities and tokens']:.1f} s")

    # Registry: one import per Lapas.
    t = time.perf_counter()
    def registry(i):
        people, remisi = registry_files(i, args.people, today)
        r = api.multipart(f"/facilities/{facility_code(i)}/imports/registry?dryRun=false", tokens[f"admin-{region_of(i, args.lapas)}"],
                          [("people", people), ("remisi", remisi)])
        return r["counts"]["new"], r["counts"]["remisiNew"]
    with cf.ThreadPoolExecutor(args.parallel) as pool:
        done = list(pool.map(registry, range(1, args.lapas + 1)))
    seconds["registry"] = time.perf_counter() - t
    log(f"registry: {sum(a for a, _ in done)} people, {sum(b for _, b in done)} remisi in {seconds['registry']:.1f} s")

    # Programmes.
    t = time.perf_counter()
    starts = (today - dt.timedelta(days=400)).isoformat()
    def programmes(code):
        for slug, name in PROGRAMMES:
            api.call("POST", f"/facilities/{code}/programmes", tokens["bimker"],
                     {"code": slug, "name": name, "kind": "training", "requiredMinutes": 6000, "startsOn": starts})
    with cf.ThreadPoolExecutor(4) as pool:
        list(pool.map(programmes, codes))
    api.call("POST", f"/facilities/{first}/programmes", tokens["bimker"],
             {"code": PRODUCTION, "name": "Produksi Mebel", "kind": "production", "partner": "CV Kayu Jati Lestari", "startsOn": starts})
    seconds["programmes"] = time.perf_counter() - t
    log(f"programmes: {len(codes) * len(PROGRAMMES) + 1} in {seconds['programmes']:.1f} s")

    # Training: one CSV import per Lapas (the file is built while the previous one is imported).
    t = time.perf_counter()
    def training(i):
        body, rows = training_csv(i, args.people, today, args.period)
        api.call("POST", f"/facilities/{facility_code(i)}/imports/training", tokens["bimker"], body, "text/csv")
        return rows
    total = 0
    with cf.ThreadPoolExecutor(args.parallel) as pool:
        for k, rows in enumerate(pool.map(training, range(1, args.lapas + 1)), start=1):
            total += rows
            if k % 10 == 0 or k == args.lapas:
                log(f"training: {k} Lapas, {total} entries, {time.perf_counter() - t:.0f} s")
    seconds["training"] = time.perf_counter() - t
    entries = total

    # Certificates.
    t = time.perf_counter()
    ids = psql(args.pg, f"""select i.id, i.facility_code from inmate i
                            where i.registration_number like any (array[{','.join(f"'N{i:03d}-%'" for i in range(1, args.lapas + 1))}])
                              and right(i.registration_number, 6)::int <= {args.certificates}""").split()
    def certificate(line):
        person, code = line.split("|")
        api.call("POST", f"/inmates/{person}/certificates", tokens["bimker"],
                 {"title": "Sertifikat Kompetensi Pengelasan", "issuer": "LSP Logam Nusantara", "issuerKind": "lsp-bnsp",
                  "number": f"LSP-{code}-{person}", "result": "competent", "issuedOn": (today - dt.timedelta(days=30)).isoformat(),
                  "programmeCode": "las"})
    with cf.ThreadPoolExecutor(4) as pool:
        list(pool.map(certificate, ids))
    seconds["certificates"] = time.perf_counter() - t
    log(f"certificates: {len(ids)} in {seconds['certificates']:.1f} s")

    # Work and premi in the first Lapas.
    t = time.perf_counter()
    months = months_before(today, 5)
    scheme = api.call("POST", f"/facilities/{first}/premi-schemes", tokens["finance-a"],
                      {"name": "Premi Borongan Mebel", "kind": "piece-rate", "rate": 2500, "savingsPercent": 50,
                       "validFrom": months[0][0].isoformat()})
    orders = []
    workers = min(args.workers, args.people)
    for m_first, m_last in months:
        order = api.call("POST", f"/facilities/{first}/work-orders", tokens["bimker"],
                         {"programmeCode": PRODUCTION, "description": f"Kursi tamu jati {m_first:%m/%Y}", "partner": "CV Kayu Jati Lestari",
                          "buyer": "Toko Mebel Sejahtera", "quantity": 250000, "unitName": "buah", "unitPrice": 150000,
                          "startsOn": m_first.isoformat(), "endsOn": m_last.isoformat()})
        weekdays = [m_first + dt.timedelta(days=k) for k in range((m_last - m_first).days + 1) if (m_first + dt.timedelta(days=k)).weekday() < 5]
        lines = [f"N001-{n:06d};{day.isoformat()};300;10;9" for n in range(1, workers + 1) for day in weekdays]
        for c in range(0, len(lines), 10000):
            body = ("No. Registrasi;Tanggal;Menit;Unit Diproduksi;Unit Lolos QC\n" + "\n".join(lines[c:c + 10000]) + "\n").encode()
            api.call("POST", f"/work-orders/{order['id']}/imports/records", tokens["bimker"], body, "text/csv")
        orders.append({"id": order["id"], "from": m_first.isoformat(), "to": m_last.isoformat(), "records": len(lines)})
    run = api.call("POST", f"/facilities/{first}/premi-runs", tokens["finance-a"],
                   {"schemeId": scheme["id"], "workOrderId": orders[0]["id"], "from": orders[0]["from"], "to": orders[0]["to"]})
    api.call("POST", f"/premi-runs/{run['id']}/approval", tokens["finance-b"], {"expectedTotal": run["total"]})
    seconds["work and premi"] = time.perf_counter() - t
    log(f"work: {len(orders)} orders, {sum(o['records'] for o in orders)} records; first month approved (Rp{run['total']:,}) in {seconds['work and premi']:.1f} s")

    seconds["total"] = time.perf_counter() - t_all
    result = {"today": today.isoformat(), "lapas": args.lapas, "people": args.people, "entries": entries, "codes": codes,
              "first": first, "region": report_region, "schemeId": scheme["id"], "orders": orders[1:], "workers": workers,
              "richWorker": psql(args.pg, f"select id from inmate where facility_code = '{first}' and registration_number = 'N001-000001'").strip(),
              "tokens": tokens, "seconds": {k: round(v, 1) for k, v in seconds.items()}}
    with open(os.path.join(args.work, "generated.json"), "w") as f:
        json.dump(result, f, indent=1)
    log(f"generated in {seconds['total']:.0f} s")


if __name__ == "__main__":
    main()
