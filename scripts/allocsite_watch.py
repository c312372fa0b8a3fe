"""allocsite_watch.py - `allocsite watch PID` and `allocsite run --watch`: a terminal view of a
running program's memory, refreshed every second (memray's live mode is the model).

The program must run with ALLOCSITE_OPTIONS=dump_interval_ms=N (allocsite run --watch sets it) or
dump_signal=SIG. With an interval, each refresh takes the newest dump the runtime's own thread
wrote (dump_path, read from the process's environment): nothing is sent to the program. With only
a signal, each refresh sends it and waits for the dump; a handled signal interrupts a sleep() or a
poll() of the program, as any signal does. The dump is read with the CLI's strict reader and
deleted, and the screen redrawn: totals, peak, the top sites with their growth since the previous
refresh. It ends when the process exits or on q (or Ctrl-C). Installed next to the CLI, which
passes itself in as `cli`.
"""
import glob
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import termios
import time
import tty

DEFAULT_DUMP_PATH = "allocsite.%p.%n.json"
SIGNALS = {name[3:]: int(getattr(signal, name)) for name in dir(signal)
           if name.startswith("SIG") and not name.startswith("SIG_") and name[3:].isalnum()}


class WatchError(Exception):
    pass


def process_options(pid):
    """The ALLOCSITE_OPTIONS of a running process, as a dict."""
    try:
        with open("/proc/%d/environ" % pid, "rb") as f:
            environ = f.read().split(b"\0")
    except FileNotFoundError:
        raise WatchError("no process %d" % pid)
    except PermissionError:
        raise WatchError("cannot read the environment of process %d (not yours?)" % pid)
    options = {}
    for entry in environ:
        if entry.startswith(b"ALLOCSITE_OPTIONS="):
            for pair in entry[len(b"ALLOCSITE_OPTIONS="):].decode(errors="replace").split(":"):
                key, _, value = pair.partition("=")
                options[key] = value
    return options


def dump_signal_of(options, pid):
    """The signal to send for each refresh, or None when the process dumps on an interval."""
    interval = options.get("dump_interval_ms", "")
    if interval.isdigit() and int(interval) > 0:
        return None
    text = options.get("dump_signal", "")
    if not text:
        raise WatchError("process %d was not started with ALLOCSITE_OPTIONS=dump_signal=SIGUSR2 or "
                         "dump_interval_ms=1000 (start it that way, or with 'allocsite run --watch')"
                         % pid)
    if text.isdigit():
        return int(text)
    name = text[3:] if text.startswith("SIG") else text
    if name not in SIGNALS:
        raise WatchError("process %d has dump_signal=%s, which names no signal" % (pid, text))
    return SIGNALS[name]


def dump_pattern(options, pid):
    """dump_path as a glob and a regex for %n, relative paths taken from the process's cwd."""
    path = options.get("dump_path") or DEFAULT_DUMP_PATH
    if not os.path.isabs(path):
        try:
            path = os.path.join(os.readlink("/proc/%d/cwd" % pid), path)
        except OSError:
            raise WatchError("cannot read the working directory of process %d" % pid)
    path = path.replace("%p", str(pid))
    if "%n" not in path:
        raise WatchError("process %d's dump_path has no %%n: every dump overwrites the last" % pid)
    before, _, after = path.partition("%n")
    return (glob.escape(before) + "*" + glob.escape(after),
            re.compile(re.escape(before) + r"([0-9]+)" + re.escape(after) + r"\Z"))


def newest_dump(pattern):
    files_glob, number = pattern
    best = (0, None)
    for path in glob.glob(files_glob):
        m = number.match(path)
        if m and int(m.group(1)) > best[0]:
            best = (int(m.group(1)), path)
    return best


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (our own child not yet reaped) is gone for this purpose
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def request_dump(pid, sig, pattern, last_number, timeout=10.0):
    """Sends the signal (if any) and waits for a dump newer than last_number: (number, path) or
    None when the process is gone."""
    if sig is not None:
        os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        number, path = newest_dump(pattern)
        if number > last_number and path and not os.path.exists(path + ".tmp"):
            return number, path
        if not alive(pid):
            return None
        time.sleep(0.02)
    raise WatchError("process %d wrote no dump within %.0f s of the signal" % (pid, timeout))


def frame(cli, report, previous, pid, command, interval, top, group_by, note):
    """The lines of one refresh."""
    totals = report["totals"]
    lines = ["allocsite watch: pid %d%s   every %.1f s   q quits" % (
        pid, (" (%s)" % command) if command else "", interval)]
    if note:
        lines.append(note)
    peak = report.get("peak")
    peak_bytes = peak["bytes"] if isinstance(peak, dict) else totals.get("peak_bytes", 0)
    lines.append("live: %s in %s   peak: %s   calls: %s, %s" % (
        cli.format_size(totals["live_bytes"]), cli.plural(totals["live_blocks"], "block"),
        cli.format_size(peak_bytes), cli.plural(totals["alloc_calls"], "allocation"),
        cli.plural(totals["free_calls"], "free")))
    lines.append("")
    lines.append("top sites by live memory (grouped by %s), change since the last refresh:" % group_by)
    groups = [g for g in cli.sorted_groups(cli.group_sites(report["sites"], group_by).values()) if g.live()]
    for i, group in enumerate(groups[:top], 1):
        before = previous.get(group.key, 0) if previous is not None else group.live_bytes
        lines.append("#%d: %s: %s in %s (%s)" % (
            i, cli.printable(cli.site_location(group.site, group_by)), cli.format_size(group.live_bytes),
            cli.plural(group.live_blocks, "block"), cli.format_size(group.live_bytes - before, sign=True)))
    if len(groups) > top:
        lines.append("%s: %s" % (cli.plural(len(groups) - top, "other site"),
                                  cli.format_size(sum(g.live_bytes for g in groups[top:]))))
    return lines, {g.key: g.live_bytes for g in groups}


class Screen:
    """Redraws in place on a terminal (and reads q without Enter); frames one after another
    otherwise."""

    def __init__(self):
        self.tty = sys.stdout.isatty()
        self.saved = None
        if sys.stdin.isatty():
            try:
                self.saved = termios.tcgetattr(sys.stdin.fileno())
                tty.setcbreak(sys.stdin.fileno())
            except termios.error:
                self.saved = None

    def show(self, lines):
        if self.tty:
            sys.stdout.write("\x1b[H\x1b[2J" + "\n".join(lines) + "\n")
        else:
            sys.stdout.write("\n".join(lines) + "\n\n")
        sys.stdout.flush()

    def quit_pressed(self, seconds):
        """Waits up to `seconds`; True when q was typed."""
        if self.saved is None:
            time.sleep(seconds)
            return False
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([sys.stdin], [], [], left)
            if ready:
                key = os.read(sys.stdin.fileno(), 1)
                if key in (b"q", b"Q", b""):
                    return True

    def close(self):
        if self.saved is not None:
            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self.saved)


def settled_options(pid, seconds):
    """process_options, asked again for a while: a process that has just started may still be
    in execve (the runtime re-executes a program once with itself preloaded), and its environment
    reads empty meanwhile."""
    deadline = time.monotonic() + seconds
    while True:
        options = process_options(pid)
        try:
            dump_signal_of(options, pid)
            return options
        except WatchError:
            if time.monotonic() >= deadline or not alive(pid):
                raise
        time.sleep(0.02)


def watch(cli, pid, interval, top, group_by, command=None, note=None, child=None):
    """Refreshes until the process exits or q; returns 0."""
    options = settled_options(pid, 5.0 if child is not None else 2.0)
    sig = dump_signal_of(options, pid)
    pattern = dump_pattern(options, pid)
    last_number, _ = newest_dump(pattern)
    screen = Screen()
    previous = None
    try:
        while True:
            got = request_dump(pid, sig, pattern, last_number) if alive(pid) else None
            if got is None:
                break
            last_number, path = got
            for older in glob.glob(pattern[0]):  # dumps written while the screen was redrawn
                m = pattern[1].match(older)
                if m and int(m.group(1)) < last_number:
                    try:
                        os.unlink(older)
                    except OSError:
                        pass
            try:
                report = cli.load_report(path)
            except cli.InputError as e:
                raise WatchError(str(e))
            finally:
                for stale in (path, path + ".tmp"):
                    try:
                        os.unlink(stale)
                    except OSError:
                        pass
            lines, previous = frame(cli, report, previous, pid, command, interval, top, group_by, note)
            screen.show(lines)
            if child is not None and child.poll() is not None:
                break
            if screen.quit_pressed(interval):
                return 0
    finally:
        screen.close()
    print("process %d exited" % pid)
    return 0


def cmd_watch(cli, args):
    if args.interval <= 0:
        cli.fail("--interval must be more than 0 seconds")
    try:
        return watch(cli, args.pid, args.interval, args.top, args.group_by)
    except WatchError as e:
        cli.fail(str(e))
    except KeyboardInterrupt:
        return 0


def run_watched(cli, args, command):
    """allocsite run --watch: the program dumping every refresh interval (no signal disturbs it),
    its output to a log file, watched until it exits; then its report, as `allocsite run` prints
    it."""
    with tempfile.TemporaryDirectory(prefix="allocsite-watch-") as tmp:
        env = dict(os.environ)
        options = env.get("ALLOCSITE_OPTIONS", "")
        env["ALLOCSITE_OPTIONS"] = ":".join(
            p for p in (options, "dump_interval_ms=%d" % max(1, int(args.interval * 1000)),
                        "dump_path=" + os.path.join(tmp, "dump.%n.json")) if p)
        env["ALLOCSITE_REPORT"] = os.path.join(tmp, "report.json")
        if args.preload:
            runtime = cli.find_runtime()
            env["LD_PRELOAD"] = runtime + (" " + env["LD_PRELOAD"] if env.get("LD_PRELOAD") else "")
        log_path = args.log or os.path.join(tmp, "output.log")
        with open(log_path, "wb") as log:
            try:
                child = subprocess.Popen(command, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL)
            except OSError as e:
                cli.fail("%s: %s" % (command[0], e.strerror or e), status=127)
            try:
                if child.poll() is None:
                    watch(cli, child.pid, args.interval, args.top, args.group_by,
                          command=os.path.basename(command[0]),
                          note="program output: " + (log_path if args.log else "(shown when it exits)"),
                          child=child)
            except WatchError as e:
                child.kill()
                cli.fail(str(e))
            except KeyboardInterrupt:
                child.send_signal(signal.SIGINT)
            status = child.wait()
        if not args.log:
            with open(log_path, "rb") as f:
                sys.stdout.buffer.write(f.read())
        if os.path.exists(env["ALLOCSITE_REPORT"]):
            try:
                report = cli.load_report(env["ALLOCSITE_REPORT"])
            except cli.InputError as e:
                cli.fail(str(e))
            sys.stdout.flush()
            cli.print_top(report, args.top, args.group_by, [os.getcwd()], args.min_size, args.source,
                          metric=args.metric)
        return 128 - status if status < 0 else status
