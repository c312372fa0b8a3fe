"""tmux-watch.py ALLOCSITE PROGRAM DIR: drives `allocsite run --watch` in a detached tmux session
as a user would, and prints what the screen showed at each step (pids left out)."""
import os
import re
import subprocess
import sys
import time

allocsite, program, work = sys.argv[1:4]
socket = "allocsite-watch-%d" % os.getpid()
go, stop = os.path.join(work, "go"), os.path.join(work, "stop")


def tmux(*args):
    return subprocess.run(["tmux", "-L", socket] + list(args), capture_output=True, text=True,
                          timeout=20).stdout


def wait_for_screen(pattern, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "watch", "-S", "-200")
        if re.search(pattern, screen, re.M):
            return screen
        time.sleep(0.05)
    print("timed out waiting for /%s/; the screen was:\n%s" % (pattern, screen))
    tmux("kill-server")
    sys.exit(1)


def show(title, screen, keep):
    print(title)
    for line in screen.splitlines():
        if re.match(keep, line):
            print(re.sub(r"pid [0-9]+", "pid N", line.rstrip()))


command = "%s run --watch --no-source -- %s %s %s; echo watch-ended-status-$?; sleep 60" % (
    allocsite, program, go, stop)
tmux("new-session", "-d", "-s", "watch", "-x", "150", "-y", "40", command)
try:
    screen = wait_for_screen(r"watched\.c:18: main\(\): 9\.8 KiB in 10 blocks")
    show("phase 1:", screen, r"allocsite watch|live:|#")
    open(go, "w").close()
    screen = wait_for_screen(r"\(\+78\.1 KiB\)")
    show("phase 2:", screen, r"allocsite watch|live:|#")
    tmux("send-keys", "-t", "watch", "q")
    time.sleep(0.5)
    open(stop, "w").close()
    screen = wait_for_screen(r"watch-ended-status-")
    show("after q:", screen, r"watched program done|Total live|watch-ended")
finally:
    tmux("kill-server")
