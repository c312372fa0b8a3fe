"""timeline-summary.py REPORT: what timeline.c checks of a report's "timeline"."""
import json
import sys

report = json.load(open(sys.argv[1]))
timeline = report["timeline"]
sites = {str(s["id"]): s for s in report["sites"]}
print("peak_bytes %d" % report["totals"]["peak_bytes"])
top = max(timeline, key=lambda s: s["live_bytes"])
times = [s["t_ms"] for s in timeline]
print("timeline maximum %d, at least 10 samples: %s, times increasing: %s"
      % (top["live_bytes"], "yes" if len(timeline) >= 10 else "no",
         "yes" if times == sorted(times) else "no"))
site_id, site_bytes = max(top["sites"].items(), key=lambda item: item[1])
print("top site at the maximum: line %d, %d bytes" % (sites[site_id]["line"], site_bytes))
print("last sample %d" % timeline[-1]["live_bytes"])
