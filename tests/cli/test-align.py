#!/usr/bin/env python3
"""marz-cli align and stories: the real binary, a real database, the bundled corpus.

Usage: test-align.py MARZ_CLI DATA_DIR  (TAP output)
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CLI, DATA = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(DATA, "corpus")
tmp = tempfile.mkdtemp(prefix="marz-align-")
DB = os.path.join(tmp, "marz.db")
A, B = "000_762ce45aa623c2ba", "002_953fb3cf66484f30"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
results = []


def run(*args):
    return subprocess.run([CLI, "--db", DB] + list(args), capture_output=True, text=True, timeout=120)


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def original(name):
    with open(os.path.join(CORPUS, name + ".txt"), encoding="utf-8") as f:
        return f.read()


def test_json():
    r = run("align", A, B)
    check("align exits 0", r.returncode == 0, r.stderr)
    data = json.loads(r.stdout)
    check("top level is pairs and discrepancies", set(data) == {"pairs", "discrepancies"}, list(data))
    check("pairs found", len(data["pairs"]) >= 3, len(data["pairs"]))
    ta, tb = original(A), original(B)
    for p in data["pairs"]:
        ok = (set(p) >= {"a", "b", "score", "anchors"} and isinstance(p["score"], float)
              and ta[p["a"]["start"]:p["a"]["end"]] == p["a"]["text"]
              and tb[p["b"]["start"]:p["b"]["end"]] == p["b"]["text"] and p["anchors"])
        check("pair's texts are the originals sliced by their offsets", ok, p["a"]["text"][:30])
        for anchor in p["anchors"]:
            check("anchor's texts are the originals sliced",
                  ta[anchor["a"]["start"]:anchor["a"]["end"]] == anchor["a"]["text"]
                  and tb[anchor["b"]["start"]:anchor["b"]["end"]] == anchor["b"]["text"], anchor["key"])
    details = [d["detail"] for d in data["discrepancies"]]
    check("447 vs about 450 is flagged", "injured: 447 vs about 450" in details, details)
    d = data["discrepancies"][0]
    check("discrepancy shape", set(d) >= {"a", "b", "kind", "detail"} and d["kind"] == "figure", d)
    check("discrepancy figures sliced", ta[d["a_anchor"]["start"]:d["a_anchor"]["end"]] == "447"
          and tb[d["b_anchor"]["start"]:d["b_anchor"]["end"]] == "۴۵۰", d)


def test_tmx():
    path = os.path.join(tmp, "pairs.tmx")
    r = run("align", A, B, "--format", "tmx", "--output", path)
    check("tmx exits 0", r.returncode == 0, r.stderr)
    lint = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
    check("xmllint accepts the TMX", lint.returncode == 0, lint.stderr)
    root = ET.parse(path).getroot()
    check("root is tmx 1.4", root.tag == "tmx" and root.get("version") == "1.4", root.attrib)
    header = root.find("header")
    need = {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"}
    check("header has the required attributes", header is not None and need <= set(header.attrib), header.attrib)
    check("header values", header.get("srclang") == "ar" and header.get("segtype") == "sentence"
          and header.get("datatype") == "plaintext", header.attrib)
    tus = root.findall("body/tu")
    check("one tu per pair (none confirmed: all)", len(tus) == len(json.loads(run("align", A, B).stdout)["pairs"]),
          len(tus))
    langs = {tuple(t.get(XML_LANG) for t in tu.findall("tuv")) for tu in tus}
    # 002 is Iranian Persian as the store identifies it; 004 is Dari.
    check("tuv xml:lang ar then fa", langs == {("ar", "fa")}, langs)
    dari = ET.fromstring(run("align", B, "004_bdaeba4cc2571f60", "--format", "tmx", "--all").stdout)
    langs = {tuple(t.get(XML_LANG) for t in tu.findall("tuv")) for tu in dari.findall("body/tu")}
    check("Dari is fa-AF", langs == {("fa", "fa-AF")}, langs)
    check("every tuv has a seg", all(t.find("seg") is not None and t.find("seg").text for tu in tus
                                     for t in tu.findall("tuv")))


def test_tsv_and_decisions():
    first = json.loads(run("align", A, B).stdout)["pairs"][0]
    r = run("align", A, B, "--format", "tsv", "--confirm", f"{first['a']['start']}:{first['b']['start']}")
    check("tsv exits 0", r.returncode == 0, r.stderr)
    rows = list(csv.reader(io.StringIO(r.stdout), delimiter="\t", quoting=csv.QUOTE_NONE))
    check("tsv header is the language codes", rows[0] == ["ar", "fa"], rows[0])
    check("tsv has the confirmed pair only", len(rows) == 2 and all(len(x) == 2 for x in rows), len(rows))
    check("tsv cells are the sentences", rows[1] == [first["a"]["text"], first["b"]["text"]], rows[1:])
    r = run("align", B, A, "--format", "json")
    statuses = [p["status"] for p in json.loads(r.stdout)["pairs"]]
    check("decision holds the other way round", statuses.count("confirmed") == 1, statuses)
    r = run("align", A, B, "--format", "tsv", "--all")
    check("--all exports every pair", len(r.stdout.strip().split("\n")) > 2, r.stdout)
    # Re-pairing: the first pair's A sentence with the second pair's B one.
    pairs = json.loads(run("align", A, B).stdout)["pairs"]
    a_start, b_start = pairs[0]["a"]["start"], pairs[1]["b"]["start"]
    r = run("align", A, B, "--pair", f"{a_start}:{b_start}")
    check("--pair exits 0", r.returncode == 0, r.stderr)
    got = [(p["a"]["start"], p["b"]["start"], p["status"]) for p in json.loads(r.stdout)["pairs"]]
    check("--pair makes that pair, marked paired", (a_start, b_start, "paired") in got, got)
    r = run("align", B, A)
    got = [(p["b"]["start"], p["a"]["start"], p["status"]) for p in json.loads(r.stdout)["pairs"]]
    check("the pair is stored, and holds the other way round", (a_start, b_start, "paired") in got, got)
    run("align", A, B, "--forget", f"{a_start}:{b_start}")


def test_errors():
    check("unknown article fails", run("align", A, "nope").returncode == 1)
    check("bad format is a usage error", run("align", A, B, "--format", "xml").returncode == 2)
    check("bad decision fails", run("align", A, B, "--reject", "x").returncode == 1)


def test_stories():
    r = run("stories", "--format", "json")
    check("stories exits 0", r.returncode == 0, r.stderr)
    stories = json.loads(r.stdout)["stories"]
    names = sorted(a["article"] for s in stories for a in s["articles"])
    check("every article in one story", len(names) == 5 and len(set(names)) == 5, names)
    first = stories[0]
    check("000 and 002 share a story", any({A + ".txt", B + ".txt"} <= {a["article"] for a in s["articles"]}
                                           for s in stories), stories)
    check("a story lists its languages", "ar" in first["languages"], first["languages"])


def test_offsets_crlf_bom():
    """Offsets count characters of the text as stored (no BOM, LF line ends),
    which is what `marz-cli show --format json` gives as "text"."""
    src = os.path.join(tmp, "crlf")
    os.makedirs(src, exist_ok=True)
    texts = {
        "crlf_a.txt": " date 2025-11-08\nخبر أول عن الطقس.\nوأعلنت بعثة الأمم المتحدة مقتل 50 مدنياً و447 جريحاً في كابل في 9 أكتوبر.\n",
        "crlf_b.txt": " date 2025-11-08\nخبری دربارهٔ هوا.\nیوناما گفت ۵۰ غیرنظامی در کابل در ۹ اکتبر کشته شدند و ۴۵۰ نفر زخمی شدند.\n",
    }
    for name, text in texts.items():
        with open(os.path.join(src, name), "wb") as f:
            f.write(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    db = ["--db", os.path.join(tmp, "crlf.db")]
    r = subprocess.run([CLI] + db + ["import", src], capture_output=True, text=True, timeout=120)
    check("CRLF/BOM import exits 0", r.returncode == 0, r.stderr)
    stored = {}
    for name in texts:
        r = subprocess.run([CLI] + db + ["show", name, "--format", "json"], capture_output=True, text=True)
        stored[name] = json.loads(r.stdout)["text"]
        check("stored text has no BOM and no CR", "\r" not in stored[name] and not stored[name].startswith("\ufeff"),
              stored[name][:20])
    r = subprocess.run([CLI] + db + ["align", "crlf_a.txt", "crlf_b.txt"], capture_output=True, text=True)
    pairs = json.loads(r.stdout)["pairs"]
    check("CRLF/BOM articles pair", len(pairs) == 1, r.stdout[:300])
    for p in pairs:
        ta, tb = stored["crlf_a.txt"], stored["crlf_b.txt"]
        check("offsets slice the text `show` gives",
              ta[p["a"]["start"]:p["a"]["end"]] == p["a"]["text"] and tb[p["b"]["start"]:p["b"]["end"]] == p["b"]["text"],
              p)
        raw = open(os.path.join(src, "crlf_a.txt"), encoding="utf-8", newline="").read()
        check("(the raw file's characters would not do)", raw[p["a"]["start"]:p["a"]["end"]] != p["a"]["text"])
    r = subprocess.run([CLI, "align", "--help"], capture_output=True, text=True)
    check("--help says what offsets count", "line ends as LF" in r.stdout and "show --format json" in r.stdout,
          r.stdout)


def main():
    r = run("import", CORPUS)
    check("import exits 0", r.returncode == 0, r.stderr)
    for t in (test_json, test_tmx, test_tsv_and_decisions, test_errors, test_stories, test_offsets_crlf_bom):
        t()
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            failed += 1
            print(f"# {detail!r}"[:2000])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
