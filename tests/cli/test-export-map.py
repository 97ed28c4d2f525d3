#!/usr/bin/env python3
"""marz-cli export-map end to end: the real binary, a store of the bundled corpus.

Usage: test-export-map.py MARZ_CLI DATA_DIR  (TAP output)

PNGs are read back with zlib (no imaging library needed); the SVG is checked
with xmllint and rasterized with rsvg-convert; the PDF is read with
pdftotext.  A tool that is missing fails the test: ./dev installs them.
"""
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

CLI, DATA = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp(prefix="marz-export-map-")
DB = os.path.join(tmp, "marz.db")
results = []

BOX = (64.0, 29.0, 72.0, 35.0)
SPIN_BOLDAK = (31.006, 66.400)       # one clash, alone on the map in BOX
CLASH_RGB = (0x8E, 0x44, 0xAD)       # marz_marker_style_type_color (clash)
TITLE = "Border clashes, autumn 2025"
ARABIC_TITLE = "الاشتباكات على الحدود الأفغانية الباكستانية"
SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def run(*args, timeout=120, env=None):
    cmd = [CLI, "--db", DB] + list(args)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **env) if env else None)


def comma_locale():
    """A locale whose decimal point is not «.», or None (./dev generates de_DE.UTF-8)."""
    names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    for want in ("de_DE.utf8", "ps_AF.utf8", "fr_FR.utf8"):
        if want in names:
            return want
    return None


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def read_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color = header[:4]
    assert depth == 8 and color in (2, 6), header
    bpp = 3 if color == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    return struct.unpack(">II", head[16:24])


def mercator(lat, lon):
    y = math.asinh(math.tan(math.radians(lat)))
    return (lon + 180) / 360, (1 - y / math.pi) / 2


def height_for_box(width, box):
    x0, y0 = mercator(box[3], box[0])
    x1, y1 = mercator(box[1], box[2])
    return round(width * (y1 - y0) / (x1 - x0))


def project(lat, lon, box, width, height):
    """The rule of `export-map --help`: the box's corners are the map's."""
    x0, y0 = mercator(box[3], box[0])
    x1, y1 = mercator(box[1], box[2])
    x, y = mercator(lat, lon)
    return width * (x - x0) / (x1 - x0), height * (y - y0) / (y1 - y0)


def near(rgb, want, tolerance=16):
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, want))


def project_fit(lat, lon, box, width, height):
    """A box of another aspect than the map: exact along the tighter side, centred along the other."""
    x0, y0 = mercator(box[3], box[0])
    x1, y1 = mercator(box[1], box[2])
    scale = min(width / (x1 - x0), height / (y1 - y0))
    x, y = mercator(lat, lon)
    return width / 2 + (x - (x0 + x1) / 2) * scale, height / 2 + (y - (y0 + y1) / 2) * scale


def bbox_arg():
    return ",".join(str(v) for v in BOX)


def test_png():
    out = os.path.join(tmp, "map.png")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800", "--title", TITLE)
    check("png export exits 0", r.returncode == 0, r.stderr)
    check("png export says what it wrote", out in r.stdout and "800×" in r.stdout, r.stdout)
    width, height, rows = read_png(out)
    check("png width as asked, height from the box", (width, height) == (800, height_for_box(800, BOX)),
          (width, height))
    x, y = project(*SPIN_BOLDAK, BOX, width, height)
    check("the clash's colour at the pixel its coordinates project to", near(rows[int(y)][int(x)], CLASH_RGB),
          (x, y, rows[int(y)][int(x)]))
    check("and not a few pixels away", not near(rows[int(y)][int(x) + 25], CLASH_RGB), rows[int(y)][int(x) + 25])
    return out, rows


def test_png_dpi():
    out = os.path.join(tmp, "a4.png")
    r = run("export-map", "--output", out, "--paper", "a4")
    check("a4 export exits 0", r.returncode == 0, r.stderr)
    # A4 landscape, 297 × 210 mm, at the default print dpi: the paper's own
    # pixels, not its rounded 96 dpi size (1123 × 794) scaled (3509 × 2481).
    check("a4 at 300 dpi", png_size(out) == (3508, 2480), png_size(out))
    check("a4: says its pixels", "3508×2480" in r.stdout, r.stdout)
    out = os.path.join(tmp, "a4-portrait.png")
    r = run("export-map", "--output", out, "--paper", "a4", "--portrait", "--dpi", "150")
    check("a4 portrait at 150 dpi", r.returncode == 0 and png_size(out) == (round(210 / 25.4 * 150), round(297 / 25.4 * 150)),
          (r.stderr, os.path.exists(out) and png_size(out)))


def test_list_frame():
    out = os.path.join(tmp, "list.png")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "1200", "--list")
    check("list export exits 0", r.returncode == 0, r.stderr)
    width, height, rows = read_png(out)
    map_width = width - width // 3
    check("with --list the height follows the map's part", height == height_for_box(map_width, BOX), (width, height))
    x, y = project(*SPIN_BOLDAK, BOX, map_width, height)
    check("with --list the marker lands in the map's frame", near(rows[int(y)][int(x)], CLASH_RGB),
          rows[int(y)][int(x)])


def test_list_frame_tall_box():
    """A tall box makes a portrait figure, the list at the bottom: the box still fills the map."""
    box = (66.0, 29.0, 67.0, 33.0)
    out = os.path.join(tmp, "list-tall.png")
    r = run("export-map", "--output", out, "--bbox", ",".join(str(v) for v in box), "--width", "600", "--list")
    check("tall list export exits 0", r.returncode == 0, r.stderr)
    if r.returncode != 0:
        return
    width, height, rows = read_png(out)
    map_height = height - height // 3
    check("tall box: a portrait figure", height > width, (width, height))
    check("tall box: the map's part has the box's aspect", abs(map_height - height_for_box(width, box)) <= 1,
          (width, height, map_height, height_for_box(width, box)))
    x, y = project(*SPIN_BOLDAK, box, width, map_height)
    check("tall box: the marker lands where the box puts it", near(rows[int(y)][int(x)], CLASH_RGB),
          (x, y, rows[int(y)][int(x)]))


def svg_texts(path):
    """The <text> elements of an SVG: (their whole text, the element)."""
    root = ET.parse(path).getroot()
    return [("".join(t.itertext()), t) for t in root.iter(SVG + "text")]


def test_svg(png, png_rows):
    out = os.path.join(tmp, "map.svg")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800", "--title", TITLE)
    check("svg export exits 0", r.returncode == 0, r.stderr)
    lint = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True)
    check("svg is well-formed XML (xmllint)", lint.returncode == 0, lint.stderr)
    raster = os.path.join(tmp, "svg.png")
    conv = subprocess.run(["rsvg-convert", "-b", "white", "-o", raster, out], capture_output=True, text=True)
    check("svg renders (rsvg-convert)", conv.returncode == 0, conv.stderr)
    width, height, rows = read_png(raster)
    check("svg has the png's size", (width, height) == (len(png_rows[0]), len(png_rows)), (width, height))
    x, y = project(*SPIN_BOLDAK, BOX, width, height)
    check("svg: the clash at the same pixel", near(rows[int(y)][int(x)], CLASH_RGB), rows[int(y)][int(x)])
    # Same content: compared on a grid, the two rasters differ only by antialiasing.
    diffs = [sum(abs(a - b) for a, b in zip(rows[j][i], png_rows[j][i])) / 3
             for j in range(0, height, 7) for i in range(0, width, 7)]
    mean = sum(diffs) / len(diffs)
    check("svg and png show the same figure", mean < 4, mean)
    # Text as text: cairo alone would write glyph outlines.
    texts = [t for t, _ in svg_texts(out)]
    for word in [TITLE, "Legend", "Airstrike (5)", "Clash (1)", "Kabul", "Kandahar", "Quetta", "Paktika", "100 km"]:
        check(f"svg has <text> {word!r}", word in texts, texts[:40])
    halos = [e for t, e in svg_texts(out) if t == "Kabul"]
    check("svg: a place name has its halo as a stroke painted first",
          halos and halos[0].get("paint-order") == "stroke" and halos[0].get("stroke") == "#ffffff",
          halos and halos[0].attrib)


def test_svg_arabic():
    out = os.path.join(tmp, "ar.svg")
    r = run("export-map", "--output", out, "--title", ARABIC_TITLE, "--language", "ar", "--list")
    check("arabic svg export exits 0", r.returncode == 0, r.stderr)
    lint = subprocess.run(["xmllint", "--noout", out], capture_output=True, text=True)
    check("arabic svg is well-formed XML (xmllint)", lint.returncode == 0, lint.stderr)
    texts = svg_texts(out)
    titles = [e for t, e in texts if t == ARABIC_TITLE]
    check("arabic svg: the title byte for byte in one <text>", len(titles) == 1, [t for t, _ in texts[:20]])
    check("arabic svg: the title is rtl, in Arabic",
          titles and titles[0].get("direction") == "rtl" and titles[0].get(XML_LANG) == "ar",
          titles and titles[0].attrib)
    names = [t for t, _ in texts]
    for word in ["أفغانستان", "باكستان", "إيران"]:
        check(f"arabic svg has <text> {word!r}", word in names, names[:40])
    check("arabic svg: the list names places in Arabic", any("Airstrike · كابل" in t for t in names), names[:40])


def test_pdf():
    out = os.path.join(tmp, "map.pdf")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "1200", "--list", "--title", TITLE)
    check("pdf export exits 0", r.returncode == 0, r.stderr)
    check("pdf magic", open(out, "rb").read(5) == b"%PDF-")
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    # Islamabad's talks are east of the box: not shown, not in the legend.
    check("pdf legend leaves out what the view does not show", "Talks" not in text, text[:400])
    for word in [TITLE, "Legend", "Airstrike", "Clash", "Natural Earth", "GeoNames", "Spin Boldak",
                 "Kabul", "Incidents shown"]:
        check(f"pdf text has {word!r}", word in text, text[:400])
    # A halo drawn as offset copies of the text extracts as «BamyanBamyanBamyan».
    for word in ["Bamyan", "Kandahar", "Quetta", "Paktika", "Ghazni"]:
        check(f"pdf text has {word!r}, each time once", word in text and word + word not in text, text[:600])


def test_arabic_title():
    out = os.path.join(tmp, "ar.pdf")
    title = "الاشتباكات على الحدود الأفغانية الباكستانية"
    r = run("export-map", "--output", out, "--title", title, "--language", "ar")
    check("arabic export exits 0", r.returncode == 0, r.stderr)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    # Shaped, so extractable: pdftotext gives the words back in logical order,
    # but writes the lam-alef ligature (in «الاشتباكات», «على») back to front.
    check("pdf text has the arabic title", all(w in text for w in ["الحدود", "الباكستانية"]), text[:300])


# The figure: the border region, every incident, the list beside it.
CORPUS_BOX = (60.0, 28.0, 75.0, 38.0)
AIRSTRIKE_RGB = (0xC0, 0x39, 0x2B)
TALKS_RGB = (0x24, 0x71, 0xA3)
CLUSTER_RGB = (0x34, 0x49, 0x5E)     # marz_marker_style_cluster_color
# (English, Persian) names of the incidents' places; Islamabad and
# Rawalpindi share a cluster, named one a line.
PLACES = [("Kabul", "کابل"), ("Paktika", "پکتیکا"), ("Spin Boldak", "سپین\u200cبولدک"), ("Khost", "خوست"),
          ("Kunar", "کنر"), ("Islamabad", "اسلام\u200cآباد"), ("Rawalpindi", "راولپندی")]
# Markers with one incident: no count over their centre.
SINGLE = [((34.528, 69.172), AIRSTRIKE_RGB), ((33.35, 69.824), AIRSTRIKE_RGB), ((34.876, 70.994), AIRSTRIKE_RGB),
          (SPIN_BOLDAK, CLASH_RGB)]


def corpus_figure(out, *extra):
    return run("export-map", "--output", out, "--width", "1600", "--height", "1000",
               "--bbox", ",".join(str(v) for v in CORPUS_BOX), *extra)


def test_marker_names():
    for lang, column in (("en", 0), ("fa", 1)):
        out = os.path.join(tmp, f"names-{lang}.svg")
        r = corpus_figure(out, "--list", "--language", lang)
        check(f"{lang}: corpus svg exits 0", r.returncode == 0, r.stderr)
        texts = [t for t, _ in svg_texts(out)]
        for names in PLACES:
            n = texts.count(names[column])
            check(f"{lang} svg: «{names[column]}» is one <text>, its marker's", n == 1, (n, texts[:60]))
    out = os.path.join(tmp, "names.pdf")
    r = corpus_figure(out)
    check("corpus pdf exits 0", r.returncode == 0, r.stderr)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    for names in PLACES:
        n = len(re.findall(r"(?<!\w)" + re.escape(names[0]) + r"(?!\w)", text))
        check(f"pdf: {names[0]!r} extracts once", n == 1, (n, text[:600]))
    out = os.path.join(tmp, "names.png")
    r = corpus_figure(out, "--list")
    width, height, rows = read_png(out)
    map_width = width - width // 3
    for (lat, lon), rgb in SINGLE:
        x, y = project_fit(lat, lon, CORPUS_BOX, map_width, height)
        check(f"no name over the marker at {lat},{lon}", near(rows[int(y)][int(x)], rgb), rows[int(y)][int(x)])


def test_comma_locale():
    """Under de_DE or ps_AF a printf'd «22,0px» font loses every word of the furniture."""
    loc = comma_locale()
    if loc is None:
        print("# no comma-decimal locale: skipping the locale checks")
        return
    env = {"LC_ALL": loc}
    out = os.path.join(tmp, "comma.svg")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800", "--title", TITLE, env=env)
    check(f"{loc}: svg export exits 0", r.returncode == 0, r.stderr)
    texts = [t for t, _ in svg_texts(out)] if r.returncode == 0 else []
    for word in [TITLE, "Legend", "Clash (1)"]:
        check(f"{loc}: svg has <text> {word!r}", word in texts, texts[:40])
    sizes = [float(e.get("font-size")) for _, e in svg_texts(out) if e.get("font-size")] if texts else []
    check(f"{loc}: svg font sizes are numbers with a point, none 0", sizes and min(sizes) >= 6, sizes[:20])
    out = os.path.join(tmp, "comma.pdf")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800", "--title", TITLE, env=env)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    for word in [TITLE, "Legend", "Clash"]:
        check(f"{loc}: pdf text has {word!r}", r.returncode == 0 and word in text, text[:300])


LEGEND_ENTRY = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)* \(\d+\)$")


def test_legend_in_view():
    """Around Spin Boldak only: Paktika's outline and the markers just outside are not in view."""
    out = os.path.join(tmp, "spin.svg")
    r = run("export-map", "--output", out, "--bbox", "65.9,30.6,66.9,31.4", "--width", "800")
    check("spin boldak svg exits 0", r.returncode == 0, r.stderr)
    texts = [t for t, _ in svg_texts(out)] if r.returncode == 0 else []
    entries = [t for t in texts if LEGEND_ENTRY.match(t)]
    check("legend of a view with only the clash: Clash alone", entries == ["Clash (1)"], texts[:40])
    check("no province outline in the legend", "Province with incidents of its own" not in texts, texts[:40])


def svg_furniture(path):
    """Which pieces of furniture an SVG's <text> shows."""
    texts = [t for t, _ in svg_texts(path)]
    return {
        "legend": "Legend" in texts or any(LEGEND_ENTRY.match(t) for t in texts),
        "filters": any(re.search(r"\d+ incidents?$", t) for t in texts),
        "scale bar": any(re.fullmatch(r"[\d.]+ k?m", t) for t in texts),
        "north arrow": "N" in texts,
        "attribution": any("Natural Earth" in t for t in texts),
    }


def test_furniture_switches():
    """Each --no-… leaves out its own piece of furniture, and only that one."""
    out = os.path.join(tmp, "furniture.svg")
    r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800")
    check("furniture: svg export exits 0", r.returncode == 0, r.stderr)
    shown = svg_furniture(out) if r.returncode == 0 else {}
    for piece, ok in shown.items():
        check(f"furniture: by default the {piece} is drawn", ok, [t for t, _ in svg_texts(out)][:40])
    for piece in shown:
        switch = "--no-" + piece.replace(" ", "-")
        out = os.path.join(tmp, f"furniture-{switch[5:]}.svg")
        r = run("export-map", "--output", out, "--bbox", bbox_arg(), "--width", "800", switch)
        without = svg_furniture(out) if r.returncode == 0 else {}
        check(f"furniture: {switch} leaves out the {piece}", r.returncode == 0 and not without[piece],
              (r.stderr, [t for t, _ in svg_texts(out)][:40] if r.returncode == 0 else None))
        check(f"furniture: {switch} keeps the rest",
              r.returncode == 0 and all(ok for p, ok in without.items() if p != piece), without)
    texts = [t for t, _ in svg_texts(os.path.join(tmp, "furniture-legend.svg"))]
    check("furniture: --no-legend leaves out the type labels too", not any(LEGEND_ENTRY.match(t) for t in texts),
          texts[:40])


def project_center(lat, lon, center, zoom, width, height):
    """Web Mercator at zoom Z, 256 px tiles, the centre in the middle of the map."""
    world = 256 * 2 ** zoom

    def pixel(lat, lon):
        y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
        return (lon + 180) / 360 * world, (1 - y / math.pi) / 2 * world

    x, y = pixel(lat, lon)
    cx, cy = pixel(*center)
    return x - cx + width / 2, y - cy + height / 2


KABUL = (34.528, 69.172)


def test_center_zoom():
    for center, zoom, (width, height) in (((33.0, 69.5), 7, (1000, 700)), ((32.2, 67.9), 7.5, (900, 900))):
        arg = f"{center[0]},{center[1]}"
        out = os.path.join(tmp, f"center-{zoom}.png")
        r = run("export-map", "--output", out, "--center", arg, "--zoom", str(zoom),
                "--width", str(width), "--height", str(height))
        check(f"--center {arg} --zoom {zoom} exits 0", r.returncode == 0, r.stderr)
        if r.returncode != 0:
            continue
        w, h, rows = read_png(out)
        check(f"--center --zoom {zoom}: the size asked for", (w, h) == (width, height), (w, h))
        for name, place, rgb in (("Spin Boldak", SPIN_BOLDAK, CLASH_RGB), ("Kabul", KABUL, AIRSTRIKE_RGB)):
            x, y = project_center(*place, center, zoom, width, height)
            inside = 0 <= x < width and 0 <= y < height
            check(f"--center --zoom {zoom}: {name}'s colour at the pixel Web Mercator gives",
                  inside and near(rows[int(y)][int(x)], rgb), (x, y, inside and rows[int(y)][int(x)]))
            check(f"--center --zoom {zoom}: and not {name}'s marker 25 px to its left",
                  inside and not near(rows[int(y)][int(x) - 25], rgb), inside and rows[int(y)][int(x) - 25])


def incident_places():
    """{place name: (lat, lon)} of the store's incidents, and how many incidents, from `incidents`."""
    r = run("incidents")
    places = {m.group(1): (float(m.group(2)), float(m.group(3)))
              for m in re.finditer(r"^#\d+\s+\S+\s+\S+\s+(.+?) \([^;]+; ([-\d.]+), ([-\d.]+)\)", r.stdout, re.M)}
    count = re.search(r"^(\d+) incidents?$", r.stdout, re.M)
    return places, int(count.group(1)) if count else 0


TAG = re.compile(r"^\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*$")


def marker_tags(path, map_width, map_height):
    """The numbers beside the markers of an SVG: [(set of numbers, x, y)].

    A cluster's count is a number too, but white, over its marker."""
    tags = []
    for text, e in svg_texts(path):
        x, y = float(e.get("x", -1)), float(e.get("y", -1))
        if TAG.match(text) and e.get("fill") != "#ffffff" and 0 <= x < map_width and 0 <= y < map_height:
            numbers = set()
            for part in text.split(", "):
                a, _, b = part.partition("–")
                numbers.update(range(int(a), int(b or a) + 1))
            tags.append((numbers, x, y))
    return tags


def map_frame(stdout):
    m = re.search(r"the map at ([\d.]+),([\d.]+) ([\d.]+)×([\d.]+)", stdout)
    return tuple(float(v) for v in m.groups()) if m else None


def test_default_view():
    """No --bbox nor --center: the view frames every incident, Istanbul and Doha included."""
    places, count = incident_places()
    check("default view: the store has incidents to frame", count > 0 and len(places) > 3, (count, places))
    out = os.path.join(tmp, "default.svg")
    r = run("export-map", "--output", out, "--list")
    check("default view: svg export exits 0", r.returncode == 0, r.stderr)
    frame = map_frame(r.stdout)
    check("default view: the map frame is reported", frame is not None, r.stdout)
    if r.returncode != 0 or frame is None:
        return
    fx, fy, fw, fh = frame
    tags = marker_tags(out, fx + fw, fy + fh)
    numbered = set().union(*(n for n, _, _ in tags)) if tags else set()
    check("default view: every incident's number is on the map", numbered == set(range(1, count + 1)),
          (sorted(numbered), count))
    check("default view: every number inside the map",
          all(fx <= x <= fx + fw and fy <= y <= fy + fh for _, x, y in tags), (frame, tags))
    xs, ys = [x for _, x, _ in tags], [y for _, _, y in tags]
    check("default view: the incidents fill the map, not a corner of it",
          xs and (max(xs) - min(xs) > fw / 2 or max(ys) - min(ys) > fh / 2), (frame, tags))
    texts = [t for t, _ in svg_texts(out)]
    check("default view: the filters line counts every incident", f"· {count} incidents" in " ".join(texts),
          texts[-12:])
    # Without the legend, its swatches cannot stand in for the markers.
    out = os.path.join(tmp, "default.png")
    r = run("export-map", "--output", out, "--no-legend")
    check("default view: png export exits 0", r.returncode == 0, r.stderr)
    if r.returncode != 0:
        return
    width, height, rows = read_png(out)
    seen = {rgb for row in rows[::2] for rgb in row[::2]}
    # Kabul's airstrikes and Doha's ceasefire join clusters at this zoom.
    for name, rgb in (("clash", CLASH_RGB), ("talks", TALKS_RGB), ("cluster", CLUSTER_RGB)):
        check(f"default view: a {name} marker is drawn", any(near(c, rgb) for c in seen), name)


def test_filters():
    """--type, --from and --to change the markers, the legend and the filters line."""
    places, _ = incident_places()
    out = os.path.join(tmp, "type.svg")
    r = corpus_figure(out, "--type", "clash")
    check("--type clash: svg exits 0", r.returncode == 0, r.stderr)
    texts = [t for t, _ in svg_texts(out)] if r.returncode == 0 else []
    check("--type clash: the legend lists Clash alone", [t for t in texts if LEGEND_ENTRY.match(t)] == ["Clash (1)"],
          texts[-15:])
    check("--type clash: Spin Boldak's marker is named", "Spin Boldak" in texts, texts[-30:])
    check("--type clash: the filters line says so", any("only Clash" in t and "1 incident" in t for t in texts),
          texts[-15:])
    for extra, gone, kept in ((["--type", "clash"], [KABUL], [(SPIN_BOLDAK, CLASH_RGB)]),
                              (["--from", "2025-11-20"], [KABUL, SPIN_BOLDAK], [(places["Kunar"], AIRSTRIKE_RGB)]),
                              (["--to", "2025-10-31"], [SPIN_BOLDAK], [(KABUL, AIRSTRIKE_RGB)])):
        label = " ".join(extra)
        out = os.path.join(tmp, "filtered.png")
        r = corpus_figure(out, *extra)
        check(f"{label}: png exits 0", r.returncode == 0, r.stderr)
        if r.returncode != 0:
            continue
        width, height, rows = read_png(out)
        for place in gone:
            x, y = project_fit(*place, CORPUS_BOX, width, height)
            rgb = rows[int(y)][int(x)]
            check(f"{label}: no marker at {place}", not near(rgb, AIRSTRIKE_RGB) and not near(rgb, CLASH_RGB),
                  (x, y, rgb))
        for place, want in kept:
            x, y = project_fit(*place, CORPUS_BOX, width, height)
            check(f"{label}: the marker at {place} stays", near(rows[int(y)][int(x)], want),
                  (x, y, rows[int(y)][int(x)]))
    out = os.path.join(tmp, "from.svg")
    r = corpus_figure(out, "--from", "2025-11-20", "--list")
    texts = [t for t, _ in svg_texts(out)] if r.returncode == 0 else []
    check("--from 2025-11-20: svg exits 0", r.returncode == 0, r.stderr)
    check("--from 2025-11-20: the 9 October strikes are not listed",
          any("24 November 2025 · Airstrike" in t for t in texts) and not any("October" in t for t in texts),
          texts[-40:])
    check("--from 2025-11-20: the filters line starts there",
          any(t.startswith("20 November 2025 – ") for t in texts), texts[-15:])


def test_list_tags():
    """Marker N's number sits beside the place of the list's entry N."""
    places, _ = incident_places()
    out = os.path.join(tmp, "tags.svg")
    r = corpus_figure(out, "--list")
    check("list tags: svg exits 0", r.returncode == 0, r.stderr)
    frame = map_frame(r.stdout)
    if r.returncode != 0 or frame is None:
        return
    _, _, map_width, height = frame
    texts = svg_texts(out)
    entries = {}
    for i, (text, e) in enumerate(texts):
        m = re.fullmatch(r"(\d+)\.", text)
        if m and i + 1 < len(texts) and texts[i + 1][1].get("y") == e.get("y"):
            entries[int(m.group(1))] = texts[i + 1][0].split(" · ")[-1]
    check("list tags: the list has its entries, numbered from 1",
          entries and sorted(entries) == list(range(1, len(entries) + 1)) and len(entries) >= 5, entries)
    tags = marker_tags(out, map_width, height)
    for n, place in sorted(entries.items()):
        beside = [(x, y) for numbers, x, y in tags if n in numbers]
        if place not in places or len(beside) != 1:
            check(f"list tags: entry {n} ({place}) has one tag", False, (place, beside, tags))
            continue
        # The marker, its name on its right, then its numbers.
        px, py = project_fit(*places[place], CORPUS_BOX, map_width, height)
        labels = sorted(((math.hypot(float(e.get("x")) - px, float(e.get("y")) - py), e)
                         for t, e in texts if t == place), key=lambda pair: pair[0])
        if not labels or labels[0][0] > 60:
            check(f"list tags: {place}'s marker has its name", False, (px, py, labels[:2]))
            continue
        label = labels[0][1]
        # Noto Sans Bold is about 0.62 em a character.
        end = float(label.get("x")) + 0.62 * float(label.get("font-size")) * len(place)
        tx, ty = beside[0]
        check(f"list tags: {n} is beside {place}'s marker and name",
              abs(tx - end) < 60 and abs(ty - float(label.get("y"))) < 20,
              (beside[0], end, label.attrib, (px, py)))

def test_failures():
    missing = os.path.join(tmp, "no-such-folder", "map.png")
    r = run("export-map", "--output", missing)
    check("unwritable path fails with 1", r.returncode == 1, r.returncode)
    check("the error names the file", missing in r.stderr, r.stderr)
    folder = os.path.join(tmp, "folder")
    os.mkdir(folder)
    target = os.path.join(folder, "sub.pdf")
    os.mkdir(target)
    r = run("export-map", "--output", target)
    check("a folder as output fails clearly", r.returncode == 1 and target in r.stderr, r.stderr)
    check("nothing is left behind", os.listdir(folder) == ["sub.pdf"] and os.listdir(target) == [],
          os.listdir(folder))
    r = run("export-map", "--output", os.path.join(tmp, "x.png"), "--bbox", "70,30,60,35")
    check("an inverted box is a usage error", r.returncode == 2 and "--bbox" in r.stderr, r.stderr)
    r = run("export-map", "--output", os.path.join(tmp, "x.png"), "--paper", "a4", "--width", "100")
    check("--paper with --width is a usage error", r.returncode == 2, r.stderr)
    check("no file after usage errors", not os.path.exists(os.path.join(tmp, "x.png")))
    r = run("export-map", "--help")
    check("--help gives the frame rule and the paper orientation",
          "landscape" in r.stdout and "floor(W/3)" in r.stdout and "--bbox" in r.stdout, r.stdout)


def main():
    r = run("import", os.path.join(DATA, "corpus"))
    check("corpus imported", r.returncode == 0, r.stderr)
    png, rows = test_png()
    test_png_dpi()
    test_list_frame()
    test_list_frame_tall_box()
    test_svg(png, rows)
    test_svg_arabic()
    test_pdf()
    test_arabic_title()
    test_marker_names()
    test_comma_locale()
    test_legend_in_view()
    test_furniture_switches()
    test_center_zoom()
    test_default_view()
    test_filters()
    test_list_tags()
    test_failures()
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            print(f"# {detail!r}"[:2000])
    sys.exit(0 if all(ok for _, ok, _ in results) else 1)


main()
