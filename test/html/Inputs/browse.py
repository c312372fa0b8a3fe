#!/usr/bin/env python3
"""browse.py - open a page in headless Chromium and act on it, for the HTML report tests.

  browse.py [--timeout S] [--chromium PATH] [--screenshot OUT.png --width W] PAGE OP...

OP is one of, run in order after the page loaded:
  text:SELECTOR    print the element's innerText
  table:SELECTOR   print each row of a table, cells' text (whitespace collapsed) joined by " | "
  click:SELECTOR   a real mouse click (press and release) at the element's centre
  eval:EXPR        print the value of a JavaScript expression: a string as it is, an array one
                   item a line, anything else as JSON
Then it prints every request the page made other than file: and data: URLs ("network request:
URL"; "network requests: none" when there was none), and every console message, uncaught
exception and browser log entry of level error or warning ("page error: ..."). Speaks the
DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out): no dependency but Chromium.
Exits 1 on a timeout (Chromium killed) or a failed operation.
"""

import argparse
import base64
import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, chromium, deadline):
        self.deadline = deadline
        self.profile = tempfile.TemporaryDirectory(prefix="allocsite-chromium-")
        to_child, self.to_browser = os.pipe()
        self.from_browser, from_child = os.pipe()
        hi_in = fcntl.fcntl(to_child, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_out = fcntl.fcntl(from_child, fcntl.F_DUPFD_CLOEXEC, 10)

        def child_fds():
            os.dup2(hi_in, 3)
            os.dup2(hi_out, 4)

        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile.name, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=child_fds, start_new_session=True)
        for fd in (to_child, from_child, hi_in, hi_out):
            os.close(fd)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
            self.proc.wait(timeout=5)
        except Exception:
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.profile.cleanup()

    def _read_message(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timed out")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe (exit status %s)"
                                       % self.proc.poll())
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, wait=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        if not wait:
            return None
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method):
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read_message()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("%s: %s" % (expression, result["exceptionDetails"].get("text")))
        return result["result"].get("value")


def select_js(selector):
    return "document.querySelector(%s)" % json.dumps(selector)


def run(args):
    browser = Browser(args.chromium, time.monotonic() + args.timeout)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        browser.session = browser.send("Target.attachToTarget",
                                       {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.send(domain + ".enable")
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": args.width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
        url = args.page if "://" in args.page else "file://" + os.path.abspath(args.page)
        browser.send("Page.navigate", {"url": url})
        browser.wait_event("Page.loadEventFired")
        for op in args.ops:
            kind, _, arg = op.partition(":")
            if kind == "text":
                print("== text %s" % arg)
                print(browser.evaluate("%s.innerText" % select_js(arg)))
            elif kind == "table":
                print("== table %s" % arg)
                rows = browser.evaluate(
                    "Array.from(%s.rows).map(r => Array.from(r.cells).map("
                    "c => c.innerText.replace(/\\s+/g, ' ').trim()).join(' | '))" % select_js(arg))
                for row in rows:
                    print(row)
            elif kind == "click":
                print("== click %s" % arg)
                box = browser.evaluate(
                    "(e => { e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                    " return [r.left + r.width / 2, r.top + r.height / 2]; })(%s)" % select_js(arg))
                for event in ("mousePressed", "mouseReleased"):
                    browser.send("Input.dispatchMouseEvent", {"type": event, "x": box[0], "y": box[1],
                                                              "button": "left", "clickCount": 1})
            elif kind == "eval":
                print("== eval %s" % arg)
                value = browser.evaluate(arg)
                for item in value if isinstance(value, list) else [value]:
                    print(item if isinstance(item, str) else json.dumps(item))
            else:
                raise RuntimeError("unknown operation %r" % op)
        if args.screenshot:
            height = browser.evaluate("document.documentElement.scrollHeight")
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": args.width, "height": height, "deviceScaleFactor": 1,
                          "mobile": False})
            shot = browser.send("Page.captureScreenshot", {"format": "png"})
            with open(args.screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        browser.evaluate("1")  # lets pending events arrive
        requests, problems = [], []
        for event in browser.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                request_url = params["request"]["url"]
                if not request_url.startswith(("file:", "data:")):
                    requests.append(request_url)
            elif method == "Runtime.exceptionThrown":
                problems.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning"):
                problems.append(" ".join(str(a.get("value", a.get("description")))
                                         for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                problems.append(params["entry"]["text"])
        for request_url in requests:
            print("network request: %s" % request_url)
        if not requests:
            print("network requests: none")
        for problem in problems:
            print("page error: %s" % problem)
        return 0
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshot", metavar="OUT.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("page")
    parser.add_argument("ops", nargs="*")
    args = parser.parse_args()
    try:
        return run(args)
    except (TimeoutError, RuntimeError, OSError) as e:
        print("browse: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
