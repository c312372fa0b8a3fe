"""watch-pid.py ALLOCSITE PROGRAM DIR: starts PROGRAM with dump_signal=SIGUSR2, runs
`allocsite watch PID` on it (no terminal: frames one after another) and prints the frames' lines
that matter at each step (pids left out)."""
import os
import re
import subprocess
import sys

allocsite, program, work = sys.argv[1:4]
go, stop = os.path.join(work, "go"), os.path.join(work, "stop")
env = dict(os.environ, ALLOCSITE_OPTIONS="dump_signal=SIGUSR2:dump_path=%s/d.%%n.json" % work)
child = subprocess.Popen([program, go, stop], env=env)
# The runtime catches the signal from its start-up on; watch must not signal it before that.
while True:
    with open("/proc/%d/status" % child.pid) as f:
        caught = int(next(l for l in f if l.startswith("SigCgt:")).split()[1], 16)
    if caught & (1 << 11):  # SIGUSR2 is 12
        break
watch = subprocess.Popen([allocsite, "watch", str(child.pid), "--interval", "0.2"],
                         stdout=subprocess.PIPE, text=True)


def read_until(pattern):
    for line in watch.stdout:
        if re.search(pattern, line):
            print(re.sub(r"pid [0-9]+|process [0-9]+", "pid N", line.rstrip()))
            return
    print("watch ended before /%s/" % pattern)
    sys.exit(1)


read_until(r"watched\.c:18: main\(\): 9\.8 KiB in 10 blocks")
open(go, "w").close()
read_until(r"\(\+78\.1 KiB\)")
open(stop, "w").close()
read_until(r"exited")
print("watch status %d, program status %d" % (watch.wait(), child.wait()))
print("dumps left: %d" % len([f for f in os.listdir(work) if f.startswith("d.")]))
