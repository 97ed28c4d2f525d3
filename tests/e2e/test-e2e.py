#!/usr/bin/python3
"""End-to-end test: the real `marz`, driven through its accessibility tree.

Starts marz on an empty store (so it imports the bundled corpus), finds the
map's markers as AT-SPI buttons, activates Spin Boldak's, checks that its
popover lists the incident the store holds, opens the report's article and
checks that the evidence sentence is shown, highlighted.  Then, from the
keyboard, it selects on the timeline a range of days that ends before the
24 November strikes and checks that their markers leave the map, and come
back when Escape clears the range.  The expectations come from
`marz-cli incidents --format json` on the same database, so the test follows
the extractor instead of hard-coding what it found.

Run it under a display and a private session bus, as meson does:

  xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' \\
      dbus-run-session -- /usr/bin/python3 tests/e2e/test-e2e.py \\
      --marz _build/app/marz --cli _build/app/cli/marz-cli \\
      --datadir data --schemadir _build/data

-noreset: at-spi-bus-launcher opens the display only to set a property and
closes it again; if it was the only client, Xvfb resets, and marz, connecting
in that moment, gets "cannot open display".

pyatspi, not dogtail's tree: dogtail refuses to start unless the GNOME
setting toolkit-accessibility is on, which the memory GSettings backend of
the test environment never is.  pyatspi is what dogtail drives underneath.

Keys and clicks go through AT-SPI too (pyatspi.Registry.generate*Event: the
registry daemon fakes them with XTest, so no xdotool is needed).  GTK 4.8
does not implement Component.GrabFocus (it answers NOT_SUPPORTED): the test
focuses the timeline as a user would, with a click on it.

Exit status: 0 passed, 1 failed, 77 skipped (no display, no session bus, no
pyatspi), 99 the harness broke (marz could not open the display).
"""
import argparse
import datetime
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77
HARNESS_ERROR = 99   # meson reports it as ERROR, not FAIL

# The marker names at the default view (zoom 6, centre 32.5 N 68.5 E).
PLACE = 'spin-boldak'
MARKER = 'Spin Boldak: 1 incident'
OTHER_MARKERS = ['Kabul: 1 incident', 'Paktika: 2 incidents',
                 'Khost: 1 incident', 'Kunar: 1 incident']

# Issue 4: a timeline range that ends the day before the strikes on Khost
# leaves out all of that day's strikes (Khost, Kunar, one of Paktika's two).
STRIKE_PLACE = 'khost-province'
RANGE_GONE = ['Khost: 1 incident', 'Kunar: 1 incident', 'Paktika: 2 incidents']
RANGE_KEPT = ['Kabul: 1 incident', 'Spin Boldak: 1 incident', 'Paktika: 1 incident']
TIMELINE = 'Timeline'

# X keysyms, and the modifier mask of Shift.
KEY_HOME, KEY_LEFT, KEY_END, KEY_ESCAPE = 0xff50, 0xff51, 0xff57, 0xff1b
SHIFT_MASK = 1 << 0

# What the UI calls the CLI's codes (app/ui/marz-labels.c, app/core/marz-language.c).
TYPE_LABELS = {
    'airstrike': 'Airstrike', 'shelling': 'Shelling', 'clash': 'Clash',
    'attack': 'Attack', 'explosion': 'Explosion', 'ceasefire': 'Ceasefire',
    'talks': 'Talks', 'closure': 'Border closure', 'statement': 'Statement',
}
LANGUAGE_NAMES = {'ar': 'Arabic', 'fa': 'Persian', 'ps': 'Pashto',
                  'ur': 'Urdu', 'en': 'English'}
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']


class Failure(Exception):
    pass


class HarnessError(Failure):
    """Not marz's fault: the display or the session the test runs in."""


def log(message):
    print(message, flush=True)


def skip(why):
    log(f'SKIP: {why}')
    sys.exit(SKIP)


# Expected labels ------------------------------------------------------------

def day_label(day):
    """A datetime.date -> '7 November 2025' (marz_labels_date, day precision)."""
    return f'{day.day} {MONTHS[day.month - 1]} {day.year}'


def date_label(incident):
    """'2025-11-07' at day precision -> '7 November 2025' (marz_labels_date)."""
    if not incident.get('date'):
        return 'Date unknown'
    parts = [int(p) for p in incident['date'].split('-')]
    if incident.get('date_precision') == 'day':
        return day_label(datetime.date(*parts))
    return f'{MONTHS[parts[1] - 1]} {parts[0]}'


def incident_day(incident):
    """The day of a day-precision incident, else None."""
    if not incident.get('date') or incident.get('date_precision') != 'day':
        return None
    return datetime.date.fromisoformat(incident['date'])


def figures_label(incident):
    """The popover's casualty line (marz_labels_casualties), own figures only."""
    killed, injured = incident.get('killed'), incident.get('injured')
    parts = []
    if killed is not None:
        parts.append(f'{killed} killed')
    if injured is not None:
        parts.append(f'{injured} injured')
    return ', '.join(parts) if parts else 'No casualty figures'


def report_button_name(report):
    language = LANGUAGE_NAMES.get(report['language'], 'Unknown')
    return f'Open {report["article"]} ({language}) at the evidence'


# The accessibility tree ----------------------------------------------------

def descendants(root):
    """Depth-first, tolerating objects that vanish while we walk."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        try:
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue
        stack.extend(c for c in reversed(children) if c is not None)


def matches(node, role, name):
    try:
        return node.getRoleName() == role and (name is None or node.name == name)
    except Exception:
        return False


def find(root, role, name=None):
    return next((n for n in descendants(root) if matches(n, role, name)), None)


def find_all(root, role):
    return [n for n in descendants(root) if matches(n, role, None)]


def names(nodes):
    return sorted(n.name for n in nodes)


def do_action(node, action):
    """Like dogtail's doActionNamed: by the action's name, not a coordinate."""
    iface = node.queryAction()
    for i in range(iface.nActions):
        if iface.getName(i) == action:
            if not iface.doAction(i):
                raise Failure(f'{node.getRoleName()} "{node.name}": action "{action}" refused')
            return
    available = [iface.getName(i) for i in range(iface.nActions)]
    raise Failure(f'{node.getRoleName()} "{node.name}" has no action "{action}" ({available})')


def has_state(node, state):
    return node.getState().contains(state)


def press(keysym, shift=False):
    """A key as X sees it: press and release @keysym, Shift held down
    (locked, then unlocked: no keycode to look up) if @shift."""
    import pyatspi
    registry = pyatspi.Registry
    if shift:
        registry.generateKeyboardEvent(SHIFT_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    finally:
        if shift:
            registry.generateKeyboardEvent(SHIFT_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)


def fresh(node):
    """@node, its cached children forgotten: GTK 4.8 keeps no AT-SPI cache
    of its own, and pyatspi's may lag behind the widgets."""
    node.clear_cache()
    return node


# The app --------------------------------------------------------------------

class Marz:
    def __init__(self, args, tmp):
        self.db = os.path.join(tmp, 'marz.db')
        self.log_path = os.path.join(tmp, 'marz.log')
        env = dict(os.environ)
        for var in ('GTK_A11Y', 'NO_AT_BRIDGE'):
            env.pop(var, None)
        env.update({
            'XDG_DATA_HOME': os.path.join(tmp, 'data'),
            'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
            'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
            'GSETTINGS_SCHEMA_DIR': args.schemadir,
            'GSETTINGS_BACKEND': 'memory',
            'MARZ_DATADIR': args.datadir,
            'GSK_RENDERER': 'cairo',
            'GDK_BACKEND': 'x11',
            # The labels checked are the untranslated ones.
            'LC_ALL': 'C.UTF-8',
            'LANGUAGE': '',
        })
        self.cli = args.cli
        self.env = env
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen([args.marz, '--db', self.db], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def check_running(self):
        code = self.proc.poll()
        if code is None:
            return
        if 'cannot open display' in self.tail_log():
            raise HarnessError(f'marz cannot open the display {os.environ["DISPLAY"]}: '
                               'was Xvfb resetting? Run it with -noreset (see the top of '
                               'this file)')
        raise Failure(f'marz exited early with status {code}')

    def incidents(self, place=None):
        """Those at @place, or all of them."""
        out = subprocess.run([self.cli, '--db', self.db, 'incidents', '--format', 'json']
                             + (['--place', place] if place else []),
                             env=self.env, capture_output=True, text=True, timeout=30)
        if out.returncode != 0:
            raise Failure(f'marz-cli incidents failed ({out.returncode}): {out.stderr.strip()}')
        return json.loads(out.stdout)['incidents']

    def stop(self, timeout=10):
        """If still running: SIGTERM, then SIGKILL."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log(f'marz ignored SIGTERM for {timeout} s: killing it')
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def tail_log(self, lines=40):
        with open(self.log_path, errors='replace') as f:
            return ''.join(f.readlines()[-lines:])


class Steps:
    """Each step polls until it holds or its timeout runs out."""

    def __init__(self, marz):
        self.marz = marz
        self.start = time.monotonic()

    def wait(self, what, probe, timeout, explain=lambda: ''):
        """Returns probe()'s first truthy result; fails after @timeout s."""
        deadline = time.monotonic() + timeout
        while True:
            self.marz.check_running()
            result = probe()
            if result:
                log(f'ok   {what}  ({time.monotonic() - self.start:.1f} s)')
                return result
            if time.monotonic() > deadline:
                detail = explain()
                raise Failure(f'{what}: not after {timeout} s'
                              + (f'\n     {detail}' if detail else ''))
            time.sleep(0.25)


def find_app(pid):
    import pyatspi
    desktop = pyatspi.Registry.getDesktop(0)
    for app in (desktop.getChildAtIndex(i) for i in range(desktop.childCount)):
        try:
            if app is not None and app.get_process_id() == pid:
                return fresh(app)
        except Exception:
            pass
    return None


def run(args, marz):
    import pyatspi
    steps = Steps(marz)

    app = steps.wait('marz is in the accessibility tree',
                     lambda: find_app(marz.proc.pid), 30)

    def marker_names():
        return names(find_all(fresh(app), 'push button'))

    window = steps.wait('its window "Marz" is shown',
                        lambda: find(fresh(app), 'frame', 'Marz'), 30)
    # GTK 4.8 gives the role GROUP to AT-SPI as "panel".
    timeline = steps.wait(f'the timeline is in the accessibility tree, named "{TIMELINE}"',
                          lambda: find(fresh(window), 'panel', TIMELINE), 10)
    if not has_state(timeline, pyatspi.STATE_FOCUSABLE):
        raise Failure(f'the timeline is not focusable: {timeline.getState().getStates()}')
    steps.wait(f'the marker "{MARKER}" appears (the bundled corpus is imported)',
               lambda: find(fresh(app), 'push button', MARKER), 60,
               lambda: f'buttons: {marker_names()}')
    steps.wait('the other markers are there',
               lambda: set(OTHER_MARKERS) <= set(marker_names()), 10,
               lambda: f'missing: {sorted(set(OTHER_MARKERS) - set(marker_names()))}; '
                       f'buttons: {marker_names()}')

    # The map swaps its markers for new ones when an import ends: act on one
    # that has stayed put for a second.
    stable = {'path': None, 'since': 0.0}

    def settled_marker():
        marker = find(fresh(app), 'push button', MARKER)
        path = marker.path if marker is not None else None
        if path != stable['path']:
            stable.update(path=path, since=time.monotonic())
        return marker if path and time.monotonic() - stable['since'] >= 1.0 else None
    marker = steps.wait('the markers have settled', settled_marker, 30)

    incidents = steps.wait(f'marz-cli lists the incidents at {PLACE}',
                           lambda: marz.incidents(PLACE), 30)
    if len(incidents) != 1 or not incidents[0]['reports']:
        raise Failure(f'expected one reported incident at {PLACE}, marz-cli gave {incidents}')
    incident = incidents[0]
    report = incident['reports'][0]

    do_action(marker, 'click')
    # The popover is the marker's child, named after the place.
    popover = steps.wait('activating the marker opens its popover',
                         lambda: find(fresh(marker), 'filler', 'Spin Boldak'), 10)
    labels = names(find_all(popover, 'label'))
    heading = f'{date_label(incident)} · {TYPE_LABELS[incident["type"]]}'
    for expected in (heading, figures_label(incident)):
        if expected not in labels:
            raise Failure(f'the popover has no label "{expected}"; its labels: {labels}')
    log(f'ok   the popover shows "{heading}" and "{figures_label(incident)}"')
    buttons = names(find_all(popover, 'push button'))
    wanted = sorted(report_button_name(r) for r in incident['reports'])
    if buttons != wanted:
        raise Failure(f'the popover\'s report buttons are {buttons}, expected {wanted}')
    log(f'ok   the popover has the button "{wanted[0]}"')

    do_action(find(popover, 'push button', report_button_name(report)), 'click')
    view = steps.wait('the report button opens the article pane',
                      lambda: find(fresh(app), 'text', 'Article text'), 10)
    if not has_state(view, pyatspi.STATE_VISIBLE):
        raise Failure('the text view "Article text" is in the tree but not visible')

    evidence = report['evidence']
    text_iface = view.queryText()
    text = steps.wait('the article text is there',
                      lambda: text_iface.getText(0, -1), 10)
    at = text.find(evidence)
    if at < 0:
        raise Failure(f'the article text ({len(text)} characters, starting "{text[:60]}") '
                      f'does not contain the evidence "{evidence[:60]}…"')
    log(f'ok   the article text contains the evidence ({len(evidence)} characters at {at})')
    # Bold over exactly the evidence.  Places, dates and figures marked inside
    # it split it into several runs of attributes, all of them bold.
    end = at + len(evidence)
    offset = at
    while offset < end:
        attributes, run_start, run_end = text_iface.getAttributeRun(offset, False)
        if 'weight:700' not in attributes or run_end <= offset:
            raise Failure(f'the evidence [{at}, {end}) is not highlighted at {offset}: '
                          f'the run there is [{run_start}, {run_end}) with {attributes}')
        offset = run_end
    before, _, _ = text_iface.getAttributeRun(at - 1, False) if at > 0 else ([], 0, 0)
    after, _, _ = text_iface.getAttributeRun(end, False)
    if 'weight:700' in before or 'weight:700' in after or offset != end:
        raise Failure(f'the highlight spills over the evidence [{at}, {end}): ends at {offset}, '
                      f'before {before}, after {after}')
    log('ok   the evidence, and only the evidence, is highlighted (bold)')

    # Here, not after the list of places: choosing Kabul there flies the map
    # to Kabul, and Khost's marker leaves the view whatever the range.
    check_timeline_range(app, timeline, marz, steps)

    places = find(window, 'push button', 'Places')
    if places is None:
        raise Failure('no "Places" button in the header bar')
    do_action(places, 'click')
    entry = steps.wait('the "Places" sidebar opens and lists Spin Boldak',
                       lambda: has_state(places, pyatspi.STATE_PRESSED)
                       and find(find(fresh(app), 'list', 'Places with incidents'), 'push button',
                                'Kabul: 1 incident'),
                       10)
    # Each place in the list is a button: a screen reader can choose it.
    do_action(entry, 'click')
    steps.wait('choosing Kabul in the list opens its popover',
               lambda: find(fresh(app), 'filler', 'Kabul'), 10)
    log('ok   the list of places leads to Kabul\'s incidents')

    # As a user would, popover and article open (marz_window_close_request()
    # pops the popover down first: GTK 4.8 would ask a dead surface for the
    # pointer).
    screenshot(args.screenshot)
    do_action(window, 'window.close')
    try:
        status = marz.proc.wait(10)
    except subprocess.TimeoutExpired:
        raise Failure('closing the window did not quit marz within 10 s')
    if status != 0:
        raise Failure(f'closing the window quit marz with status {status}')
    log(f'ok   closing the window quits marz  ({time.monotonic() - steps.start:.1f} s)')


def check_timeline_range(app, timeline, marz, steps):
    """Issue 4: Home, Shift+End, then Shift+Left back to the day before the
    strikes of 24 November: their markers leave the map; Escape clears the
    range and brings them back.  The map must be at its first view."""
    import pyatspi

    strikes = marz.incidents(STRIKE_PLACE)
    days = sorted(d for d in map(incident_day, marz.incidents()) if d is not None)
    if len(strikes) != 1 or incident_day(strikes[0]) is None or not days:
        raise Failure(f'expected one incident, with its day, at {STRIKE_PLACE}; '
                      f'marz-cli gave {strikes}')
    strike_day = incident_day(strikes[0])
    range_end = strike_day - datetime.timedelta(days=1)

    def map_markers():
        layer = find(fresh(app), 'filler', 'Map of incidents')
        return set(names(find_all(layer, 'push button'))) if layer is not None else set()

    # The accessible description is the day under the cursor and its incidents.
    def cursor_on(day):
        return lambda: (fresh(timeline).description or '').startswith(f'{day_label(day)}:')

    def cursor_explain():
        return f'the timeline\'s description is "{fresh(timeline).description}"'

    # A click on the timeline's date axis, above its marks: it gives the
    # focus and moves the cursor, selecting nothing.  The extents are in the
    # window's coordinates (GTK 4.8 has no screen coordinates), the click in
    # the screen's: without a window manager the window is at 0, 0, and only
    # its client-side border (5 px) lies between the two; 12 px down stays
    # on the axis labels (about 25 px high) for any border up to 10 px.
    extents = timeline.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = extents.x + extents.width // 2, extents.y + 12

    def focused():
        if not has_state(fresh(timeline), pyatspi.STATE_FOCUSED):
            # The first click only closes Spin Boldak's popover.
            pyatspi.Registry.generateMouseEvent(x, y, 'b1c')
            time.sleep(0.5)
        return has_state(fresh(timeline), pyatspi.STATE_FOCUSED)
    steps.wait(f'a click on the timeline at ({x}, {y}) focuses it', focused, 10,
               lambda: f'its states: {timeline.getState().getStates()}')

    press(KEY_HOME)
    steps.wait(f'Home puts the timeline\'s cursor on the first incident ({day_label(days[0])})',
               cursor_on(days[0]), 5, cursor_explain)
    press(KEY_END, shift=True)
    steps.wait(f'Shift+End extends it to the last one ({day_label(days[-1])})',
               cursor_on(days[-1]), 5, cursor_explain)
    day = days[-1]
    while day > range_end:
        day -= datetime.timedelta(days=1)
        press(KEY_LEFT, shift=True)
        steps.wait(f'Shift+Left takes the range back to {day_label(day)}',
                   cursor_on(day), 5, cursor_explain)

    steps.wait(f'the range {days[0]} … {range_end} takes the markers of {strike_day} '
               f'off the map: no {", ".join(RANGE_GONE)}; still {", ".join(RANGE_KEPT)}',
               lambda: not (map_markers() & set(RANGE_GONE))
               and set(RANGE_KEPT) <= map_markers(), 10,
               lambda: f'markers: {sorted(map_markers())}')

    press(KEY_ESCAPE)
    steps.wait('Escape clears the range: the Khost, Kunar and Paktika markers are back',
               lambda: {'Khost: 1 incident', 'Kunar: 1 incident', 'Paktika: 2 incidents'}
               <= map_markers(), 10,
               lambda: f'markers: {sorted(map_markers())}')


def screenshot(path):
    if not path or not shutil.which('import'):
        return
    result = subprocess.run(['import', '-window', 'root', path], capture_output=True, timeout=30)
    if result.returncode == 0:
        log(f'screenshot: {path}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--marz', help='the marz executable')
    parser.add_argument('--cli', help='the marz-cli executable')
    parser.add_argument('--datadir', help='the source tree\'s data/')
    parser.add_argument('--schemadir', help='where gschemas.compiled is')
    parser.add_argument('--screenshot', help='where to save a screenshot at the end '
                        '(default: e2e-screenshot.png in the build tree)')
    parser.add_argument('--skip', metavar='REASON', help='skip at once (meson: tools missing)')
    args = parser.parse_args()
    if args.skip:
        skip(args.skip)
    missing = [f'--{a}' for a in ('marz', 'cli', 'datadir', 'schemadir') if not getattr(args, a)]
    if missing:
        parser.error(f'missing {", ".join(missing)}')
    if not os.environ.get('DISPLAY'):
        skip('no X display: run under xvfb-run -a')
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        skip('no session bus: run under dbus-run-session')
    # Only look: importing pyatspi starts the accessibility bus, which would
    # be one more X client coming and going before marz connects.
    if importlib.util.find_spec('pyatspi') is None:
        skip(f'no pyatspi for {sys.executable}: apt-get install python3-dogtail')
    if args.screenshot is None:
        build_root = os.path.dirname(os.path.dirname(os.path.abspath(args.marz)))
        args.screenshot = os.path.join(build_root, 'e2e-screenshot.png')

    # meson's timeout sends SIGTERM: leave through `finally`, stopping marz.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit('test-e2e: terminated'))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='marz-e2e-') as tmp:
        marz = Marz(args, tmp)
        failure, status = None, 1
        try:
            run(args, marz)
        except Failure as e:
            failure = str(e)
            status = HARNESS_ERROR if isinstance(e, HarnessError) else 1
        except Exception:
            failure = traceback.format_exc()
        finally:
            if marz.proc.poll() is None:
                screenshot(args.screenshot)
            marz.stop()
        if failure:
            log(f'FAIL {failure}')
            log(f'---- the end of marz\'s output ----\n{marz.tail_log() or "(nothing)"}')
            return status
    log(f'PASS in {time.monotonic() - started:.1f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
