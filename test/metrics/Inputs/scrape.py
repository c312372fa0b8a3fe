"""test/metrics/Inputs/scrape.py - runs Debian's prometheus-node-exporter on 127.0.0.1 with only
the textfile collector over DIR, scrapes /metrics once it serves DIR's allocsite series, and
prints the allocsite_ lines and the textfile collector's error gauge (sorted, as served).

  scrape.py DIR

The exporter never outlives this script: it is killed on every way out (its parent's death
included: PR_SET_PDEATHSIG), and the whole run is bounded (20 s, on top of lit's `timeout`)."""
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

DEADLINE = time.monotonic() + 20


def exporter_binary():
    for name in ("prometheus-node-exporter", "node_exporter"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("scrape.py: no prometheus-node-exporter on PATH")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def scrape(port):
    url = "http://127.0.0.1:%d/metrics" % port
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def main():
    directory = sys.argv[1]
    # A term from lit's `timeout` ends the script through `finally`, which kills the exporter.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("scrape.py: terminated"))
    binary = exporter_binary()
    for _ in range(3):  # another process may take the free port between bind and listen
        port = free_port()
        exporter = subprocess.Popen(
            [binary, "--web.listen-address=127.0.0.1:%d" % port, "--collector.disable-defaults",
             "--collector.textfile", "--collector.textfile.directory=" + directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=die_with_parent)
        try:
            while time.monotonic() < DEADLINE and exporter.poll() is None:
                try:
                    text = scrape(port)
                except OSError:
                    time.sleep(0.05)
                    continue
                if "allocsite_live_bytes" in text:
                    for line in text.splitlines():
                        if line.startswith(("allocsite_", "# HELP allocsite_", "# TYPE allocsite_",
                                            "node_textfile_scrape_error")):
                            print(line)
                    return 0
                time.sleep(0.05)
        finally:
            exporter.kill()
            _, err = exporter.communicate(timeout=10)
        if time.monotonic() >= DEADLINE:
            break
        if b"address already in use" not in err:
            sys.stderr.write(err.decode("utf-8", "replace"))
            break
    sys.exit("scrape.py: no allocsite metrics served from " + directory)


if __name__ == "__main__":
    sys.exit(main())
