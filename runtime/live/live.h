// runtime/live/live.h - the live view: dumps on a signal or an interval, and the timeline, from one
// background thread (live.cpp). Started at start-up when ALLOCSITE_OPTIONS asks for it.
#ifndef ALLOCSITE_RUNTIME_LIVE_LIVE_H
#define ALLOCSITE_RUNTIME_LIVE_LIVE_H

#include "../base/base.h"

namespace allocsite {

// Samples kept (then thinned to half, the interval doubled) and sites per sample.
constexpr size_t kTimelineSamples = 1024;
constexpr size_t kTimelineSites = 10;

// Whether dump_signal, dump_interval_ms, timeline_interval_ms or metrics_path is set.
bool live_wanted();
// Installs the dump signal's handler and starts the thread (once; after options_init).
void live_start();
// At exit, before the report: waits for a dump under way, takes the timeline's last sample and
// stops further dumps.
void live_stop_for_exit();
// metrics.cpp: whether metrics_path is set; writes it (Prometheus text exposition, temp file +
// rename). Called by the live thread every metrics_interval_ms and by live_stop_for_exit.
bool metrics_wanted();
void metrics_start(); // checks metrics_labels (one line when bad), from live_start
void metrics_write();
// Writes `path` whole or not at all: `write` fills path.tmp, which is then renamed over it.
// 0; the errno of opening path.tmp; or -1 when `write`, close or rename failed.
int write_replacing(const char *path, bool (*write)(int fd));
// The report's "timeline" member (", \"timeline\": [...]", on one line), when a timeline is kept.
void live_write_timeline(Writer &w);

} // namespace allocsite

#endif
