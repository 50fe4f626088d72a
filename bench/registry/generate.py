#!/usr/bin/env python3
"""Writes an invented SDP registry export for the registry import benchmark.

  generate.py --people 3000 --remisi-per-person 2 --prefix B1 --today 2026-12-01 --out DIR [--xlsx] [--changed 300 --from DIR0]

CSV files as an Indonesian spreadsheet writes them (semicolons, BOM, CRLF, dates dd/MM/yyyy): DIR/warga-binaan.csv and
DIR/remisi.csv; with --xlsx also DIR/registrasi.xlsx, one workbook with the sheets "Warga Binaan" and "Remisi" (dates
as date cells), written here with the standard library so the reader meets a workbook no .NET library produced.
Every value is random but fixed by --seed, and valid: detention within the last six years, fixed sentences of 2 to
12 years, remisi of one month granted between six months after detention and today, never longer than the sentence.
--changed N rewrites the names and sentences of N people (a correction file for the re-import measurement).
"""
import argparse, datetime as dt, os, random, zipfile
from xml.sax.saxutils import escape

FIRST = ["Asep", "Dadang", "Ujang", "Cecep", "Deden", "Iwan", "Yayan", "Maman", "Ade", "Engkos", "Rudi", "Wawan", "Agus", "Dedi", "Iis"]
LAST = ["Suryana", "Hidayat", "Kurniawan", "Permana", "Saputra", "Gunawan", "Sopandi", "Rahmat", "Mulyana", "Nugraha", "Setiawan", "Wijaya"]
PEOPLE_HEADER = ["No. Registrasi", "Nama", "Tanggal Lahir", "Tanggal Penahanan", "Pidana Tahun", "Pidana Bulan", "Pidana Hari", "Jenis Pidana", "Tanggal Bebas"]
REMISI_HEADER = ["No. Registrasi", "Jenis", "Tanggal SK", "Nomor SK", "Bulan", "Hari"]


def rows(args):
    rnd = random.Random(args.seed)
    today = dt.date.fromisoformat(args.today)
    people, remisi = [], []
    for n in range(1, args.people + 1):
        number = f"{args.prefix}-{n:06d}"
        detention = today - dt.timedelta(days=rnd.randint(200, 6 * 365))
        birth = detention - dt.timedelta(days=rnd.randint(20 * 365, 60 * 365))
        years = rnd.randint(2, 12)
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        if n <= args.changed:
            name, years = name + " Alias", years + 1
        people.append([number, name, birth, detention, years, 0, 0, "sementara", None])
        for k in range(args.remisi_per_person):
            earliest = detention + dt.timedelta(days=183)
            granted = earliest + dt.timedelta(days=rnd.randint(0, max(0, (today - earliest).days)))
            remisi.append([number, rnd.choice(["umum", "khusus"]), min(granted, today), f"W11.PAS-{args.prefix}-{n:06d}-{k + 1}", 1, 0])
    return people, remisi


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def write_csv(path, header, data):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(header) + "\r\n")
        for row in data:
            f.write(";".join(cell_text(v) for v in row) + "\r\n")


def sheet_xml(header, data):
    def col(i):
        return chr(ord("A") + i)

    def cell(ref, value):
        if value is None:
            return ""
        if isinstance(value, dt.date):  # a date cell: days since 1899-12-30, with the date style (1)
            return f'<c r="{ref}" s="1"><v>{(value - dt.date(1899, 12, 30)).days}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate([header] + data, start=1):
        out.append(f'<row r="{r}">' + "".join(cell(f"{col(i)}{r}", v) for i, v in enumerate(row)) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path, sheets):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                             for i in range(1, len(sheets) + 1)) + "</Types>")
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns}><sheets>'
                   + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _, _) in enumerate(sheets, start=1)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
                   + f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
                   '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
                   '<cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
        for i, (_, header, data) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheet_xml(header, data))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--people", type=int, default=3000)
    p.add_argument("--remisi-per-person", type=int, default=2)
    p.add_argument("--prefix", default="BEN")
    p.add_argument("--today", default=dt.date.today().isoformat())
    p.add_argument("--changed", type=int, default=0)
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--out", required=True)
    p.add_argument("--xlsx", action="store_true")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    people, remisi = rows(args)
    write_csv(os.path.join(args.out, "warga-binaan.csv"), PEOPLE_HEADER, people)
    write_csv(os.path.join(args.out, "remisi.csv"), REMISI_HEADER, remisi)
    if args.xlsx:
        write_xlsx(os.path.join(args.out, "registrasi.xlsx"), [("Warga Binaan", PEOPLE_HEADER, people), ("Remisi", REMISI_HEADER, remisi)])


if __name__ == "__main__":
    main()
