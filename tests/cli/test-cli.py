#!/usr/bin/env python3
"""marz-cli end to end: the real binary, a real database, the bundled corpus.

Usage: test-cli.py MARZ_CLI DATA_DIR  (TAP output)
"""
import json
import os
import subprocess
import sys
import tempfile

CLI, DATA = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(DATA, "corpus")
tmp = tempfile.mkdtemp(prefix="marz-cli-")
DB = os.path.join(tmp, "nested", "marz.db")
results = []


def run(*args, db=DB):
    cmd = [CLI] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def test_import():
    r = run("import", CORPUS)
    check("import exits 0", r.returncode == 0, r.stderr)
    check("import names each file", all(f"imported   {n}" in r.stdout for n in os.listdir(CORPUS)), r.stdout)
    check("import summary", "5 imported, 0 duplicates, 0 failed" in r.stdout, r.stdout)
    r = run("import", CORPUS)
    check("re-import is all duplicates", "0 imported, 5 duplicates, 0 failed" in r.stdout and r.returncode == 0,
          r.stdout)


def test_import_failures():
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "w").close()
    missing = os.path.join(tmp, "missing.txt")
    before = json.loads(run("articles", "--format", "json").stdout)["articles"]
    r = run("import", empty, missing)
    check("failed import exits non-zero", r.returncode == 1, r.returncode)
    check("empty file named in stderr", empty in r.stderr and "empty" in r.stderr, r.stderr)
    check("missing file named in stderr", missing in r.stderr, r.stderr)
    after = json.loads(run("articles", "--format", "json").stdout)["articles"]
    check("failures cost no stored data", len(after) == len(before) == 5, (len(before), len(after)))


def test_articles():
    r = run("articles", "--format", "json")
    arts = {a["article"]: a for a in json.loads(r.stdout)["articles"]}
    check("articles lists five", len(arts) == 5, list(arts))
    a = arts["002_953fb3cf66484f30.txt"]
    check("article fields", a["language"] == "fa" and a["date"] == "2025-11-08" and a["date_precision"] == "day"
          and a["title"], a)
    check("undated article", arts["001_2c7e0a786d366e8c.txt"]["date"] is None
          and arts["001_2c7e0a786d366e8c.txt"]["date_precision"] == "unknown")
    r = run("articles")
    check("articles text output", r.returncode == 0 and "004_bdaeba4cc2571f60.txt" in r.stdout)


def test_show():
    r = run("show", "004_bdaeba4cc2571f60")
    check("show by name without .txt", r.returncode == 0 and "رادیو آزادی" in r.stdout, r.stderr)
    r = run("show", "nope.txt")
    check("show unknown article fails clearly", r.returncode == 1 and "nope.txt" in r.stderr, r.stderr)


def test_search():
    for query in ["كابل", "کابل", "كابُل", "كـابل"]:
        r = run("search", query, "--format", "json")
        names = sorted(h["article"] for h in json.loads(r.stdout)["results"])
        check(f"search {query!r} finds the Kabul articles", "000_762ce45aa623c2ba.txt" in names
              and "004_bdaeba4cc2571f60.txt" in names, names)
    r = run("search", "آتش‌بس", "--format", "json")
    hits = json.loads(r.stdout)["results"]
    check("search with ZWNJ finds ZWNJ-less text", len(hits) >= 3, len(hits))
    check("snippet shows the original spelling", all("آتشبس" in h["snippet"] for h in hits),
          [h["snippet"] for h in hits])
    r = run("search", "Ἀθῆναι")
    check("search with no hits is not an error", r.returncode == 0 and r.stdout == "", r.stdout)


def incidents(*args):
    r = run("incidents", "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["incidents"]


def test_incidents_json():
    violent = [i for i in incidents() if i["category"] == "violence"]
    got = sorted((i["place"]["id"], i["type"], i["date"]) for i in violent)
    want = sorted([("kabul", "airstrike", "2025-10-09"), ("paktika", "airstrike", "2025-10-09"),
                   ("spin-boldak", "clash", "2025-11-07"), ("khost-province", "airstrike", "2025-11-24"),
                   ("kunar", "airstrike", "2025-11-24"), ("paktika", "airstrike", "2025-11-24")])
    check("the six violent incidents", got == want, got)
    keys = {"id", "type", "date", "date_precision", "place", "killed", "injured", "reports"}
    check("incident keys", all(keys <= set(i) for i in violent), violent[0].keys())
    report_keys = {"article", "language", "evidence", "start", "end", "killed", "injured"}
    texts = {}
    for name in os.listdir(CORPUS):
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            texts[name] = f.read()
    ok = True
    for i in violent:
        for rep in i["reports"]:
            ok &= report_keys <= set(rep) and texts[rep["article"]][rep["start"]:rep["end"]] == rep["evidence"]
    check("evidence is the original text at its character offsets", ok)
    kabul = [i for i in violent if i["place"]["id"] == "kabul"][0]
    check("Kabul place", abs(kabul["place"]["lat"] - 34.528) < 0.01 and abs(kabul["place"]["lon"] - 69.172) < 0.01
          and kabul["place"]["name"] == "Kabul", kabul["place"])
    check("Kabul reports", sorted(r["article"][:3] for r in kabul["reports"]) == ["000", "002", "004"])


def test_incidents_filters():
    check("--type", {i["type"] for i in incidents("--type", "clash")} == {"clash"})
    late = incidents("--from", "2025-11-01", "--type", "airstrike")
    check("--from", sorted(i["place"]["id"] for i in late) == ["khost-province", "kunar", "paktika"], late)
    early = incidents("--to", "2025-10-31", "--type", "airstrike")
    check("--to", sorted(i["place"]["id"] for i in early) == ["kabul", "paktika"])
    check("--place", [i["date"] for i in incidents("--place", "spin-boldak")] == ["2025-11-07"])
    check("--place includes places within", any(i["place"]["id"] == "spin-boldak"
                                                 for i in incidents("--place", "kandahar-province")))
    r = run("incidents", "--from", "yesterday")
    check("bad date is a usage error", r.returncode == 2 and "YYYY-MM-DD" in r.stderr, r.stderr)
    r = run("incidents", "--type", "picnic")
    check("bad type is a usage error", r.returncode == 2 and "type" in r.stderr, r.stderr)
    r = run("incidents", "--place", "atlantis")
    check("bad place is a usage error", r.returncode == 2 and "place" in r.stderr, r.stderr)


def test_help_and_errors():
    r = run("--help", db=None)
    check("--help", r.returncode == 0 and all(c in r.stdout for c in
                                              ["import", "articles", "show", "search", "incidents"]))
    for command in ["import", "articles", "show", "search", "incidents"]:
        r = run(command, "--help")
        check(f"{command} --help", r.returncode == 0 and f"marz-cli {command}" in r.stdout, r.stdout[:200])
    r = run("frobnicate")
    check("unknown command", r.returncode == 2 and "frobnicate" in r.stderr)
    foreign = os.path.join(tmp, "foreign.db")
    with open(foreign, "w") as f:
        f.write("this is not a database\n" * 100)
    r = run("articles", db=foreign)
    check("not a database: clear error", r.returncode == 1 and foreign in r.stderr and "not a" in r.stderr, r.stderr)
    with open(foreign) as f:
        check("not a database: file untouched", f.read() == "this is not a database\n" * 100)


for t in [test_import, test_import_failures, test_articles, test_show, test_search, test_incidents_json,
          test_incidents_filters, test_help_and_errors]:
    try:
        t()
    except Exception as e:  # a crash in one test is a failure, not the end of the run
        check(t.__name__, False, repr(e))

print(f"1..{len(results)}")
failed = 0
for n, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        print(f"# {detail}")
sys.exit(1 if failed else 0)
