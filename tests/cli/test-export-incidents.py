#!/usr/bin/env python3
"""marz-cli export-incidents end to end: the real binary, a real database.

GeoJSON is read back with Python's json module, CSV with its csv module (a
real RFC 4180 reader), both compared with `incidents --format json`.

Usage: test-export-incidents.py MARZ_CLI DATA_DIR  (TAP output)
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, DATA = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(DATA, "corpus")
tmp = tempfile.mkdtemp(prefix="marz-export-")
DB = os.path.join(tmp, "marz.db")
OUT = os.path.join(tmp, "out")
os.makedirs(OUT)
results = []

# Quotes and a comma inside the evidence sentence, to go through CSV quoting.
QUOTED = 'قالت "مصادر محلية", إن غارات جوية باكستانية على خوست يوم الأربعاء أسفرت عن مقتل 5 مدنيين وإصابة 3 آخرين.'


def run(*args, db=DB):
    cmd = [CLI, "--db", db] + list(args)
    return subprocess.run(cmd, capture_output=True, timeout=120)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def incidents(*filters):
    r = run("incidents", "--format", "json", *filters)
    return json.loads(r.stdout)["incidents"]


def setup():
    articles = os.path.join(tmp, "articles")
    os.makedirs(articles)
    with open(os.path.join(articles, "quoted.txt"), "w", encoding="utf-8") as f:
        f.write(" date 2025-11-20\n" + QUOTED + "\n")
    r = run("import", CORPUS, articles)
    check("import exits 0", r.returncode == 0, r.stderr)


def test_geojson_stdout():
    expected = incidents()
    r = run("export-incidents", "--format", "geojson")
    check("geojson to stdout exits 0", r.returncode == 0, r.stderr)
    doc = json.loads(r.stdout.decode("utf-8"))
    check("a FeatureCollection", doc.get("type") == "FeatureCollection" and "crs" not in doc, list(doc))
    feats = doc["features"]
    check("one feature per incident", [f["id"] for f in feats] == [i["id"] for i in expected],
          (len(feats), len(expected)))
    by_id = {i["id"]: i for i in expected}
    ok = True
    for f in feats:
        i, p, g = by_id[f["id"]], f["properties"], f["geometry"]
        ok &= f["type"] == "Feature" and set(f) <= {"type", "id", "geometry", "properties", "bbox"}
        ok &= p["type"] == i["type"] and p["date"] == i["date"] and p["date_precision"] == i["date_precision"]
        ok &= p["killed"] == i["killed"] and p["injured"] == i["injured"] and p["place_id"] == i["place"]["id"]
        ok &= [(r["article"], r["language"], r["evidence"]) for r in p["reports"]] == \
              [(r["article"], r["language"], r["evidence"]) for r in i["reports"]]
        if g["type"] == "Point":
            lon, lat = g["coordinates"]
            ok &= abs(lon - i["place"]["lon"]) < 1e-6 and abs(lat - i["place"]["lat"]) < 1e-6
        else:
            ok &= g["type"] in ("Polygon", "MultiPolygon") and p["place_kind"] == "province"
    check("features match the incidents", ok)
    kabul = [f for f in feats if f["properties"]["place_id"] == "kabul"][0]
    check("Kabul is [lon, lat]", [round(c, 1) for c in kabul["geometry"]["coordinates"]] == [69.2, 34.5],
          kabul["geometry"])
    check("unknown figures are null", kabul["properties"]["killed"] is None)


def test_geojson_file():
    path = os.path.join(OUT, "all.geojson")
    r = run("export-incidents", "--output", path)
    check("format from .geojson", r.returncode == 0, r.stderr)
    check("summary names the file", path.encode() in r.stdout and b"incidents" in r.stdout, r.stdout)
    with open(path, "rb") as f:
        data = f.read()
    check("file holds what stdout gets", data == run("export-incidents", "--format", "geojson").stdout)


def test_csv():
    path = os.path.join(OUT, "all.csv")
    r = run("export-incidents", "--format", "csv", "-o", path)
    check("csv exits 0", r.returncode == 0, r.stderr)
    with open(path, "rb") as f:
        data = f.read()
    check("csv starts with a BOM", data.startswith(b"\xef\xbb\xbf"), data[:8])
    check("csv lines end CRLF", data.endswith(b"\r\n") and b"\n" not in data.split(b"\r\n", 1)[0])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    expected = incidents()
    reports = [(i, rep) for i in expected for rep in i["reports"]]
    check("one row per report", len(rows) == len(reports), (len(rows), len(reports)))
    ok = all(row["incident_id"] == str(i["id"]) and row["evidence"] == rep["evidence"]
             and row["article"] == rep["article"] and row["language"] == rep["language"]
             and row["killed"] == ("" if i["killed"] is None else str(i["killed"]))
             for row, (i, rep) in zip(rows, reports))
    check("rows repeat their incident, evidence byte-exact", ok)
    quoted = [row for row in rows if row["article"] == "quoted.txt"]
    check("quotes and commas round-trip", len(quoted) == 1 and quoted[0]["evidence"] == QUOTED, quoted)
    check("figures as numbers", quoted and quoted[0]["killed"] == "5" and quoted[0]["injured"] == "3", quoted)
    arabic = QUOTED.encode("utf-8")
    check("Arabic bytes unchanged in the file", arabic.replace(b'"', b'""') in data)


def test_filters():
    r = run("export-incidents", "--format", "geojson", "--type", "airstrike", "--from", "2025-11", "--to", "2025-11-24")
    feats = json.loads(r.stdout)["features"]
    want = [i["id"] for i in incidents("--type", "airstrike", "--from", "2025-11", "--to", "2025-11-24")]
    check("filters: type and dates", r.returncode == 0 and [f["id"] for f in feats] == want and len(want) == 4,
          ([f["id"] for f in feats], want))
    r = run("export-incidents", "--format", "csv", "--place", "kunar")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"), newline="")))
    check("filters: place", rows and all(row["place_id"] == "kunar" for row in rows), rows)
    r = run("export-incidents", "--format", "csv", "--type", "picnic")
    check("unknown type is a usage error", r.returncode == 2 and b"type" in r.stderr, r.stderr)
    r = run("export-incidents", "--output", os.path.join(OUT, "noext"))
    check("no format and no extension is a usage error", r.returncode == 2, r.stderr)
    check("usage error writes nothing", not os.path.exists(os.path.join(OUT, "noext")))
    r = run("export-incidents", "--format", "kml")
    check("unknown format is a usage error", r.returncode == 2 and b"--format" in r.stderr, r.stderr)


def test_unwritable():
    before = sorted(os.listdir(OUT))
    missing = os.path.join(OUT, "no-such-folder", "x.csv")
    r = run("export-incidents", "--format", "csv", "-o", missing)
    check("missing folder fails", r.returncode == 1, r.returncode)
    check("message names the path", missing.encode() in r.stderr, r.stderr)
    r = run("export-incidents", "--format", "geojson", "-o", OUT)
    check("a folder as output fails, named", r.returncode == 1 and OUT.encode() in r.stderr, r.stderr)
    if os.geteuid() != 0:  # root writes anywhere
        locked = os.path.join(tmp, "locked")
        os.makedirs(locked)
        os.chmod(locked, 0o500)
        target = os.path.join(locked, "x.geojson")
        r = run("export-incidents", "-o", target)
        check("read-only folder fails, named", r.returncode == 1 and target.encode() in r.stderr, r.stderr)
        check("read-only folder stays empty", os.listdir(locked) == [])
        os.chmod(locked, 0o700)
    check("no file or temporary left", sorted(os.listdir(OUT)) == before, (before, os.listdir(OUT)))


def main():
    setup()
    for test in [test_geojson_stdout, test_geojson_file, test_csv, test_filters, test_unwritable]:
        try:
            test()
        except Exception as e:  # a crash is a failure, with its reason
            check(test.__name__, False, repr(e))
    print(f"1..{len(results)}")
    for n, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {n} - {name}")
        if not ok:
            print(f"# {detail}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if all(ok for _, ok, _ in results) else 1


sys.exit(main())
