"""allocsite_html - `allocsite html REPORT.json -o report.html`: one self-contained HTML page.

The page has the totals and the RSS reconciliation ("memory"), the timeline as a stacked chart of
the top sites (Chart.js, inlined), the sites grouped by line in a table sortable by every metric,
with their source lines, and an icicle of inlined-into callers -> user line -> library frames
(via). Everything is inlined: a Content-Security-Policy of default-src 'none' keeps the page from
fetching anything at view time. Imported by scripts/allocsite, which passes itself as `cli` (its
reader, grouping and size formatting are used as they are).
"""

import html
import json
import os

# Chart.js's UMD bundle: from the npm install of web/ (scripts/setup --install). The build tree's
# copy of this file has the source tree's web/node_modules filled in; an installed tree has the
# bundle in share/allocsite/.
CHARTJS = "chart.umd.js"
_SOURCE_NODE_MODULES = "@ALLOCSITE_WEB_NODE_MODULES@"
METRICS = (  # (key, column title)
    ("live_bytes", "Live bytes"),
    ("live_blocks", "Live blocks"),
    ("peak_bytes", "Peak bytes (at the peak)"),
    ("alloc_bytes", "Alloc bytes"),
    ("alloc_calls", "Alloc calls"),
)
MAX_ROWS = 500
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")


def chartjs_path():
    here = os.path.dirname(os.path.realpath(__file__))
    candidates = [os.path.join(here, "..", "share", "allocsite", CHARTJS)]
    if _SOURCE_NODE_MODULES and not _SOURCE_NODE_MODULES.startswith("@"):
        candidates.append(os.path.join(_SOURCE_NODE_MODULES, "chart.js", "dist", CHARTJS))
    for path in candidates:
        if os.path.isfile(path):
            return path
    return None


def _str(obj, key):
    value = obj.get(key)
    return value if isinstance(value, str) else None


def _function(name):
    return "%s()" % (name if name is not None else "<unknown>")


def _function_name(cli, name):
    """The CLI's own rule when it has one (a C++ name keeps its parameter list)."""
    return cli.function_name(name) if hasattr(cli, "function_name") else _function(name)


def _location(cli, site):
    """LOCATION as the text report names a line group (docs/report-format.md)."""
    if hasattr(cli, "site_location"):
        return cli.printable(cli.site_location(site, "line"))
    file, function, line = _str(site, "file"), _str(site, "function"), cli._int(site, "line")
    text = ("%s:%d: " % (file, line) if line else "%s: " % file) if file else ""
    text += _function_name(cli, function)
    if site.get("instrumented") is False:
        module, offset = _str(site, "module"), _str(site, "module_offset") or "0x0"
        address = "%s+%s" % (os.path.basename(module) if module else "<unknown module>", offset)
        if not file and not line:
            text = address + (" (%s)" % function if function else "")
        else:
            text += " [uninstrumented: %s]" % address
    return cli.printable(text)


def _source_line(cli, site, base_dirs, cache):
    file, line = _str(site, "file"), cli._int(site, "line")
    if not file or line <= 0:
        return None
    for path in [file] if os.path.isabs(file) else [os.path.join(d, file) for d in base_dirs]:
        if path not in cache:
            try:
                with open(path, "rb") as f:
                    cache[path] = f.read(64 << 20).split(b"\n")
            except OSError:
                cache[path] = None
        lines = cache[path]
        if lines is not None:
            if line > len(lines):
                return None
            text = lines[line - 1].strip(b" \t\r").decode("utf-8", errors="replace")
            return cli.printable(text) if text else None
    return None


def _group(cli, sites):
    """[(line key, first site, {metric: sum})] in first-appearance order (the text report's line
    grouping; the first site of a group, the largest, names it)."""
    groups = {}
    for site in sites:
        key = cli.site_key(site, "line")
        if key not in groups:
            groups[key] = (key, site, dict.fromkeys(("live_bytes", "live_blocks", "alloc_bytes",
                                                      "alloc_calls"), 0))
        sums = groups[key][2]
        for metric in sums:
            sums[metric] += cli._int(site, metric)
    return groups


def _e(text):
    return html.escape(text if isinstance(text, str) else str(text), quote=True)


def _script_text(text):
    """Text safe inside <script>...</script>."""
    return text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _frame_label(cli, frame):
    where = ""
    file = _str(frame, "file")
    if file:
        where = file
        if cli._int(frame, "line"):
            where += ":%d" % cli._int(frame, "line")
        where += ": "
    return cli.printable(where + _function_name(cli, _str(frame, "function")))


# --- Sections ------------------------------------------------------------------------------------

def _size_cell(cli, value):
    """The size as the text report prints it, and the exact byte count when that rounds."""
    exact = ' <span class="exact">%d B</span>' % value if abs(value) >= 1024 else ""
    return '<td class="num" data-value="%d">%s%s</td>' % (value, _e(cli.format_size(value)), exact)


def totals_section(cli, report):
    t = report["totals"]
    rows = [("Live", cli._int(t, "live_bytes")), ("Peak", cli._int(t, "peak_bytes"))
            if "peak_bytes" in t else None, ("Allocated", cli._int(t, "alloc_bytes"))]
    out = ['<section id="totals"><h2>Totals</h2><table class="kv">']
    for row in rows:
        if row:
            out.append("<tr><th>%s</th>%s</tr>" % (row[0], _size_cell(cli, row[1])))
    for label, key in (("Live blocks", "live_blocks"), ("Allocation calls", "alloc_calls"),
                       ("Free calls", "free_calls")):
        out.append('<tr><th>%s</th><td class="num">%d</td></tr>' % (label, cli._int(t, key)))
    out.append("</table></section>")
    return "".join(out)


MEMORY_ROWS = (("traced (requested)", "traced_bytes", None),
               ("+ block headers", "header_bytes", None),
               ("+ allocator overhead", "allocator_overhead", True),
               ("= allocator in use", "allocator_in_use", True),
               ("+ allocator free, kept", "allocator_free_kept", True),
               ("+ runtime's own memory", "runtime_bytes", None),
               ("+ code, stacks, data", "other_rss", True),
               ("+ allocator, code, stacks", "other_rss", False),
               ("= RSS", "rss_bytes", None))


def memory_section(cli, report):
    """The text report's "memory (why traced != RSS)" sum, one row per term."""
    head = '<section id="memory"><h2>Memory: why traced != RSS</h2>'
    memory = report.get("memory")
    glibc = memory.get("have_mallinfo") if isinstance(memory, dict) else None
    if not isinstance(glibc, bool) or not all(
            cli._is_int(memory.get(key)) for _, key, _ in MEMORY_ROWS):
        return head + "<p>No memory figures in this file (a dumped snapshot has none).</p></section>"
    rows = []
    for label, key, with_glibc in MEMORY_ROWS:
        if with_glibc is not None and with_glibc != glibc:
            if label == "+ allocator overhead":
                rows.append('<tr><td colspan="2">(no allocator figures: malloc is not glibc\'s)'
                            "</td></tr>")
            continue
        cell = _size_cell(cli, memory[key])
        if memory[key] < 0:
            cell = cell[:-len("</td>")] + " (heap pages not resident)</td>"
        rows.append("<tr><th>%s</th>%s</tr>" % (_e(label), cell))
    return head + '<table class="kv">%s</table></section>' % "".join(rows)


def _peak_by_group(cli, report):
    """{line key: (live bytes, live blocks)} at the peak, or None without a "peak" section."""
    peak = report.get("peak")
    if not isinstance(peak, dict):
        return None
    result = {}
    for site in peak.get("sites") or []:
        key = cli.site_key(site, "line")
        b, n = result.get(key, (0, 0))
        result[key] = (b + cli._int(site, "live_bytes"), n + cli._int(site, "live_blocks"))
    return result


def _details(cli, site):
    lines = ["inlined at " + _frame_label(cli, f) for f in site.get("inlined_at") or []]
    lines += ["via " + _frame_label(cli, f) for f in site.get("via") or []]
    return "".join('<div class="frame">%s</div>' % _e(line) for line in lines)


def sites_section(cli, report, base_dirs):
    groups = _group(cli, report["sites"])
    peaks = _peak_by_group(cli, report)
    for site in (report.get("peak") or {}).get("sites") or []:
        key = cli.site_key(site, "line")  # live at the peak, yet not in "sites": named from here
        if key not in groups:
            groups[key] = (key, site, dict.fromkeys(("live_bytes", "live_blocks", "alloc_bytes",
                                                      "alloc_calls"), 0))
    rows = list(groups.values())
    peak_of = lambda key: peaks.get(key, (0, 0))[0] if peaks is not None else 0
    rows.sort(key=lambda r: (-r[2]["live_bytes"], -peak_of(r[0]), -r[2]["alloc_bytes"],
                             -r[2]["alloc_calls"], _location(cli, r[1])))
    cache = {}
    out = ['<section id="sites"><h2>Sites, grouped by line</h2>']
    if peaks is None:
        out.append('<p class="note" id="no-peak">This report has no "peak" section: no peak per '
                   "line (n/a); the whole-process peak is in Totals.</p>")
    out.append('<p class="note">Click a column title to sort by it (again to reverse).</p>')
    out.append('<table class="sortable" id="site-table"><thead><tr><th>#</th>'
               '<th>Location</th><th>Source line</th>')
    for key, title in METRICS:
        sort = ' aria-sort="descending"' if key == "live_bytes" else ""
        out.append('<th class="num sort" data-key="%s"%s>%s</th>' % (key, sort, _e(title)))
    out.append("</tr></thead><tbody>")
    for rank, (key, site, sums) in enumerate(rows[:MAX_ROWS], 1):
        source = _source_line(cli, site, base_dirs, cache)
        values = dict(sums, peak_bytes=peak_of(key) if peaks is not None else None)
        out.append('<tr data-rank="%d">' % rank)
        out.append('<td class="num">%d</td><td class="loc">%s%s</td><td><code>%s</code></td>' % (
            rank, _e(_location(cli, site)), _details(cli, site), _e(source) if source else ""))
        for metric, _ in METRICS:
            value = values[metric]
            if value is None:
                out.append('<td class="num na" data-value="-1" title="no &quot;peak&quot; section">'
                           "n/a</td>")
            elif metric.endswith("_bytes"):
                out.append(_size_cell(cli, value))
            else:
                out.append('<td class="num" data-value="%d">%d</td>' % (value, value))
        out.append("</tr>")
    out.append("</tbody></table>")
    if len(rows) > MAX_ROWS:
        out.append('<p class="note">%d more lines not shown.</p>' % (len(rows) - MAX_ROWS))
    out.append("</section>")
    return "".join(out)


def _timeline_series(cli, report):
    """[(site id, label)] of the sites the timeline names, largest maximum first."""
    timeline = report["timeline"]
    names = {}
    for site in list(report["sites"]) + list((report.get("peak") or {}).get("sites") or []):
        if cli._is_int(site.get("id")) and str(site["id"]) not in names:
            names[str(site["id"])] = _location(cli, site)
    highest = {}
    for sample in timeline:
        for sid, value in sample["sites"].items():
            highest[sid] = max(highest.get(sid, 0), value)
    order = sorted(highest, key=lambda sid: (-highest[sid], int(sid)))
    return [(sid, names.get(sid, "site %s" % sid), highest[sid]) for sid in order]


def timeline_section(cli, report):
    timeline = report.get("timeline")
    if not isinstance(timeline, list) or not timeline:
        return ('<section id="timeline"><h2>Timeline</h2><p id="no-timeline">No timeline in this '
                "report. Run the program with ALLOCSITE_OPTIONS=timeline_interval_ms=N (for "
                "example N=10) to record one.</p></section>", None)
    series = _timeline_series(cli, report)
    top = max(timeline, key=lambda s: s["live_bytes"])
    out = ['<section id="timeline"><h2>Timeline</h2>',
           '<p id="timeline-summary">%d samples over %d ms; highest: %s (%d B) at %d ms.</p>' % (
               len(timeline), timeline[-1]["t_ms"], _e(cli.format_size(top["live_bytes"])),
               top["live_bytes"], top["t_ms"]),
           '<div class="chart"><canvas id="timeline-chart"></canvas></div>',
           '<table id="timeline-legend"><thead><tr><th></th><th>Site</th>'
           '<th class="num">Highest in the timeline</th></tr></thead><tbody>']
    for i, (sid, label, highest) in enumerate(series):
        out.append('<tr><td><span class="swatch" style="background:%s"></span></td><td>%s</td>%s'
                   "</tr>" % (PALETTE[i % len(PALETTE)], _e(label), _size_cell(cli, highest)))
    out.append("</tbody></table></section>")
    data = {"t": [s["t_ms"] for s in timeline], "total": [s["live_bytes"] for s in timeline],
            "series": [{"label": label, "color": PALETTE[i % len(PALETTE)],
                        "values": [s["sites"].get(sid, 0) for s in timeline]}
                       for i, (sid, label, _) in enumerate(series)]}
    return "".join(out), data


# --- Icicle: root -> inlined-into callers (outermost first) -> the user line -> via frames -------

class _Node:
    __slots__ = ("label", "value", "children")

    def __init__(self, label):
        self.label, self.value, self.children = label, 0, {}


def _icicle_tree(cli, report):
    live = sum(cli._int(s, "live_bytes") for s in report["sites"])
    peak = report.get("peak")
    if isinstance(peak, dict) and any(cli._int(s, "live_bytes") for s in peak.get("sites") or []):
        metric, sites, what = "live_bytes", peak["sites"], "live bytes at the peak"
    elif live:
        metric, sites, what = "live_bytes", report["sites"], "live bytes at exit"
    else:
        metric, sites, what = "alloc_bytes", report["sites"], "bytes allocated (nothing is live)"
    root = _Node("all")
    for site in sites:
        value = cli._int(site, metric)
        if not value:
            continue
        path = [_frame_label(cli, f) for f in reversed(site.get("inlined_at") or [])]
        path.append(_location(cli, site))
        path += [_frame_label(cli, f) for f in reversed(site.get("via") or [])]
        node = root
        node.value += value
        for label in path:
            node = node.children.setdefault(label, _Node(label))
            node.value += value
    return root, what


def icicle_section(cli, report):
    root, what = _icicle_tree(cli, report)
    width, row = 1200.0, 22
    rects = []

    def depth(node):
        return 1 + max((depth(c) for c in node.children.values()), default=0)

    def walk(node, x, level, scale):
        w = node.value * scale
        color = "#d9d9d9" if level == 0 else PALETTE[(level - 1) % len(PALETTE)]
        label = "all: %s" % cli.format_size(node.value) if level == 0 else node.label
        title = "%s: %s" % (node.label if level else "all", cli.format_size(node.value))
        if node.value >= 1024:
            title += " (%d B)" % node.value
        text = ""
        if w > 40:
            text = ('<text x="%.1f" y="%d" clip-path="url(#c%d)">%s</text>'
                    % (x + 3, level * row + 15, len(rects), _e(label)))
        rects.append('<g class="cell" data-depth="%d"><title>%s</title><clipPath id="c%d"><rect '
                     'x="%.1f" y="%d" width="%.1f" height="%d"/></clipPath><rect x="%.1f" y="%d" '
                     'width="%.1f" height="%d" fill="%s"/>%s</g>'
                     % (level, _e(title), len(rects), x, level * row, max(w - 4, 0), row, x,
                        level * row, max(w - 1, 0.5), row - 1, color, text))
        cx = x
        for child in sorted(node.children.values(), key=lambda c: (-c.value, c.label)):
            walk(child, cx, level + 1, scale)
            cx += child.value * scale

    out = ['<section id="icicle"><h2>Where it comes from</h2><p class="note">Each column is a '
           "line's calling chain, outermost at the top: the callers it was inlined into, the line "
           "the memory is charged to, then the library frames it went through (via). Width: %s."
           "</p>" % _e(what)]
    if not root.value:
        out.append("<p>Nothing to show.</p></section>")
        return "".join(out)
    levels = depth(root)
    walk(root, 0.0, 0, width / root.value)
    out.append('<svg id="icicle-svg" viewBox="0 0 %d %d" width="100%%" '
               'xmlns="http://www.w3.org/2000/svg">%s</svg></section>'
               % (width, levels * row, "".join(rects)))
    return "".join(out)


# --- The page ------------------------------------------------------------------------------------

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;vertical-align:top}
.num{text-align:right;white-space:nowrap}.na{color:#999}.exact{color:#888;font-size:.85em}
table.kv th{font-weight:normal;color:#555}
#site-table{width:100%}#site-table tbody tr:nth-child(odd){background:#f6f6f6}
#site-table th{border-bottom:1px solid #aaa;white-space:nowrap}
th.sort{cursor:pointer;user-select:none}th.sort:hover{background:#eee}
th[aria-sort=descending]::after{content:" \\25BC"}th[aria-sort=ascending]::after{content:" \\25B2"}
.loc{font-family:monospace;overflow-wrap:anywhere;min-width:16em}#site-table code{display:block;min-width:14em}.frame{color:#666;font-size:.9em}
code{white-space:pre-wrap}.note{color:#666}
.chart{position:relative;height:320px;max-width:1200px}
.swatch{display:inline-block;width:12px;height:12px}
#icicle-svg text{font:12px monospace;fill:#000}#icicle-svg .cell:hover rect{opacity:.8}
"""

SCRIPT = r"""
(function () {
  function sortBy(th) {
    var table = th.closest("table"), key = th.dataset.key;
    var dir = th.getAttribute("aria-sort") === "descending" ? "ascending" : "descending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = Number(a.cells[index].dataset.value), y = Number(b.cells[index].dataset.value);
      var d = dir === "descending" ? y - x : x - y;
      return d || Number(a.dataset.rank) - Number(b.dataset.rank);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("th.sort").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  var node = document.getElementById("allocsite-timeline");
  if (!node || typeof Chart === "undefined") return;
  var data = JSON.parse(node.textContent);
  function size(b) {
    var u = ["B", "KiB", "MiB", "GiB", "TiB"], i = 0;
    while (b >= 1024 && i < 4) { b /= 1024; i++; }
    return i ? b.toFixed(1) + " " + u[i] : b + " B";
  }
  var datasets = data.series.map(function (s, i) {
    return {label: s.label, backgroundColor: s.color + "cc", borderColor: s.color, borderWidth: 1,
            pointRadius: 0, fill: i ? "-1" : "origin",
            data: s.values.map(function (v, j) { return {x: data.t[j], y: v}; })};
  });
  datasets.push({label: "other sites", backgroundColor: "#cccccc99", borderColor: "#999",
                 borderWidth: 1, pointRadius: 0, fill: datasets.length ? "-1" : "origin",
                 data: data.total.map(function (total, j) {
                   var top = data.series.reduce(function (a, s) { return a + s.values[j]; }, 0);
                   return {x: data.t[j], y: Math.max(total - top, 0)};
                 })});
  var chart = new Chart(document.getElementById("timeline-chart"), {
    type: "line", data: {datasets: datasets},
    options: {animation: false, maintainAspectRatio: false, parsing: false, normalized: true,
              interaction: {mode: "index", intersect: false},
              scales: {x: {type: "linear", title: {display: true, text: "ms"}},
                       y: {stacked: true, beginAtZero: true,
                           ticks: {callback: function (v) { return size(v); }}}},
              plugins: {tooltip: {callbacks: {label: function (c) {
                return c.dataset.label + ": " + size(c.parsed.y); }}}}}
  });
  document.getElementById("timeline").dataset.chart = "stacked, " + chart.data.datasets.length + " series";
})();
"""


def render(cli, report, report_path, chartjs, base_dirs):
    timeline_html, timeline_data = timeline_section(cli, report)
    pid = report.get("pid")
    title = "AllocSite report" + (" (pid %d)" % pid if cli._is_int(pid) else "")
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        # Nothing may be fetched: every script and style is in this file.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">",
        "<title>%s</title><style>%s</style></head><body>" % (_e(title), STYLE),
        "<h1>%s</h1><p class=\"note\">%s</p>" % (_e(title), _e(cli.printable(report_path))),
        totals_section(cli, report), memory_section(cli, report), timeline_html,
        sites_section(cli, report, base_dirs), icicle_section(cli, report),
    ]
    if timeline_data is not None:
        parts.append('<script type="application/json" id="allocsite-timeline">%s</script>'
                     % _script_text(json.dumps(timeline_data)))
        parts.append("<script>%s</script>" % _script_text(chartjs))
    parts.append("<script>%s</script></body></html>\n" % SCRIPT)
    return "".join(parts)


def cmd_html(cli, args):
    report = cli.load_or_exit(args.file)
    chartjs = ""
    if isinstance(report.get("timeline"), list) and report["timeline"]:
        path = chartjs_path()
        if path is None:
            cli.fail("Chart.js is not installed (web/node_modules): run scripts/setup --install "
                     "(or npm ci --prefix web), then rebuild")
        try:
            with open(path, encoding="utf-8") as f:
                chartjs = f.read()
        except (OSError, UnicodeDecodeError) as e:
            cli.fail("cannot read %s: %s" % (cli.printable(path), e))
    page = render(cli, report, args.file, chartjs, cli.source_dirs(args.file))
    try:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(page)
    except OSError as e:
        cli.fail("cannot write '%s': %s" % (cli.printable(args.output), e.strerror or e))
    return 0
