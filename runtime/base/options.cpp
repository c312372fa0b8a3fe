// runtime/base/options.cpp - ALLOCSITE_OPTIONS: defaults, parser and help=1, all generated from
// options.def (compiler-rt's flags.inc pattern), without allocating.
//
// Parsing may run before libc is fully up (preinit) and from inside malloc, so the environment
// string is copied into arena memory once and split in place: STR values point into that copy.
#include "base/base.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

namespace allocsite {

namespace {

#define ALLOCSITE_OPTION(type, name, def, accepted, desc) def,
constexpr Options kDefaults = {
#include "options.def"
};
#undef ALLOCSITE_OPTION

enum class Type { BOOL, INT, STR, CHOICE };

struct OptionInfo {
  const char *name;
  Type type;
  const char *accepted;
  const char *desc;
  void *field;
  const void *def;
};

#define ALLOCSITE_OPTION(type, name, def, accepted, desc)                                          \
  {#name, Type::type, accepted, desc, &g_options.name, &kDefaults.name},
const OptionInfo kOptions[] = {
#include "options.def"
};
#undef ALLOCSITE_OPTION
constexpr size_t kOptionCount = sizeof(kOptions) / sizeof(kOptions[0]);

// A line built in a stack buffer and written with one diag() call (messages have more than the
// four parts diag takes).
class Line {
public:
  Line &add(const char *s) {
    for (; s && *s && n_ < sizeof(buf_) - 1; ++s)
      buf_[n_++] = *s;
    buf_[n_] = '\0';
    return *this;
  }
  // Text from the user (a key or a value, any length): its middle is elided to keep the line's
  // end, which says what is wrong, within the buffer.
  Line &add_quoted(const char *s) {
    char shortened[kQuotedMax + 1];
    return add(elide_middle(s, shortened, sizeof(shortened)));
  }
  const char *c_str() const { return buf_; }

private:
  static constexpr size_t kQuotedMax = 200;
  char buf_[768] = {};
  size_t n_ = 0;
};

bool parse_bool(const char *v, bool *out) {
  static const char *const kTrue[] = {"1", "true", "yes"};
  static const char *const kFalse[] = {"0", "false", "no"};
  for (const char *t : kTrue)
    if (strcmp(v, t) == 0)
      return *out = true, true;
  for (const char *f : kFalse)
    if (strcmp(v, f) == 0)
      return *out = false, true;
  return false;
}

// The largest INT value: the fields are int64_t.
constexpr uint64_t kIntMax = static_cast<uint64_t>(INT64_MAX);

enum class IntParse { Ok, Bad, TooLarge };

// Non-negative decimal with an optional K/M/G (1024-based) suffix, at most kIntMax. Each step is
// checked before it is taken, so no digit string wraps around to a small number.
IntParse parse_int(const char *v, int64_t *out) {
  if (*v < '0' || *v > '9')
    return IntParse::Bad;
  uint64_t n = 0;
  bool too_large = false;
  for (; *v >= '0' && *v <= '9'; ++v) {
    uint64_t d = static_cast<uint64_t>(*v - '0');
    if (n > (kIntMax - d) / 10)
      too_large = true;
    else
      n = n * 10 + d;
  }
  unsigned shift = 0;
  switch (*v) {
  case '\0':
    break;
  case 'k':
  case 'K':
    shift = 10;
    ++v;
    break;
  case 'm':
  case 'M':
    shift = 20;
    ++v;
    break;
  case 'g':
  case 'G':
    shift = 30;
    ++v;
    break;
  default:
    return IntParse::Bad;
  }
  if (*v != '\0')
    return IntParse::Bad;
  if (too_large || n > (kIntMax >> shift))
    return IntParse::TooLarge;
  *out = static_cast<int64_t>(n << shift);
  return IntParse::Ok;
}

// v is one of the '|'-separated words of `accepted`.
bool parse_choice(const char *v, const char *accepted) {
  size_t len = strlen(v);
  for (const char *p = accepted;;) {
    const char *bar = strchr(p, '|');
    size_t n = bar ? static_cast<size_t>(bar - p) : strlen(p);
    if (n == len && strncmp(p, v, n) == 0)
      return true;
    if (!bar)
      return false;
    p = bar + 1;
  }
}

const OptionInfo *find_option(const char *name) {
  for (const OptionInfo &o : kOptions)
    if (strcmp(o.name, name) == 0)
      return &o;
  return nullptr;
}

void report_unknown(const char *key) {
  Line l;
  l.add("unknown option '").add_quoted(key).add("' in ALLOCSITE_OPTIONS (known: ");
  for (size_t i = 0; i < kOptionCount; ++i)
    l.add(i ? ", " : "").add(kOptions[i].name);
  diag(l.add(")").c_str());
}

void report_bad_value(const OptionInfo &o, const char *value, const char *note = nullptr) {
  Line l;
  l.add("bad value '").add_quoted(value).add("' for option '").add(o.name);
  l.add("' in ALLOCSITE_OPTIONS (accepted: ").add(o.accepted).add(note).add(")");
  diag(l.c_str());
}

// One `key=value` item, NUL-terminated in the arena copy. A bare BOOL key means key=1.
void parse_item(char *item) {
  char *eq = strchr(item, '=');
  const char *value = "";
  if (eq) {
    *eq = '\0';
    value = eq + 1;
  }
  const OptionInfo *o = find_option(item);
  if (!o) {
    report_unknown(item);
    return;
  }
  if (!eq && o->type == Type::BOOL)
    value = "1";
  bool ok = true;
  const char *note = nullptr;
  switch (o->type) {
  case Type::BOOL: {
    bool b;
    if ((ok = parse_bool(value, &b)))
      *static_cast<bool *>(o->field) = b;
    break;
  }
  case Type::INT: {
    int64_t n;
    IntParse r = parse_int(value, &n);
    if ((ok = r == IntParse::Ok))
      *static_cast<int64_t *>(o->field) = n;
    else if (r == IntParse::TooLarge)
      note = ", at most 9223372036854775807";
    break;
  }
  case Type::STR:
    ok = eq != nullptr;
    if (ok)
      *static_cast<const char **>(o->field) = value;
    break;
  case Type::CHOICE:
    if ((ok = parse_choice(value, o->accepted)))
      *static_cast<const char **>(o->field) = value;
    break;
  }
  if (!ok)
    report_bad_value(*o, value, note);
}

void write_value(Writer &w, const OptionInfo &o, const void *field) {
  switch (o.type) {
  case Type::BOOL:
    w.str(*static_cast<const bool *>(field) ? "1" : "0");
    break;
  case Type::INT:
    w.i64(*static_cast<const int64_t *>(field));
    break;
  case Type::STR:
  case Type::CHOICE: {
    const char *s = *static_cast<const char *const *>(field);
    w.str(s && *s ? s : "\"\"");
    break;
  }
  }
}

// Pads the current column to `width` after printing `printed` characters.
void pad(Writer &w, size_t printed, size_t width) {
  for (; printed < width; ++printed)
    w.chr(' ');
  w.chr(' ');
}

size_t value_width(const OptionInfo &o, const void *field) {
  switch (o.type) {
  case Type::BOOL:
    return 1;
  case Type::INT: {
    int64_t v = *static_cast<const int64_t *>(field);
    size_t n = v < 0 ? 2 : 1;
    for (uint64_t u = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); u >= 10;
         u /= 10)
      ++n;
    return n;
  }
  default: {
    const char *s = *static_cast<const char *const *>(field);
    return s && *s ? strlen(s) : 2;
  }
  }
}

int g_initialized = 0;

} // namespace

// The value of the variable `name` (non-empty), copied into arena memory. The static runtime
// starts from .preinit_array, before libc has set `environ` up, so getenv would miss it there:
// then the variable is read from /proc/self/environ (the initial environment, which is what it
// needs).
char *value_from_environment(const char *name) {
  if (environ) {
    const char *v = getenv(name);
    return v && *v ? const_cast<char *>(arena_strdup(v)) : nullptr;
  }
  size_t name_len = strlen(name);
  int fd = open("/proc/self/environ", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return nullptr;
  char value[4096];
  size_t matched = 0, len = 0; // matched: chars of "name=" seen at this entry's start
  bool in_value = false, found = false, skip = false;
  char buf[4096];
  ssize_t got;
  while (!found && (got = read(fd, buf, sizeof(buf))) > 0) {
    for (ssize_t i = 0; i < got && !found; ++i) {
      char c = buf[i];
      if (c == '\0') {
        found = in_value;
        matched = 0;
        skip = false;
        continue;
      }
      if (in_value) {
        if (len < sizeof(value) - 1)
          value[len++] = c;
      } else if (!skip) {
        if (matched < name_len ? c == name[matched] : c == '=') {
          in_value = ++matched == name_len + 1;
        } else {
          skip = true;
        }
      }
    }
  }
  close(fd);
  if (!in_value || len == 0)
    return nullptr;
  value[len] = '\0';
  return const_cast<char *>(arena_strdup(value));
}

#define ALLOCSITE_OPTION(type, name, def, accepted, desc) def,
Options g_options = {
#include "options.def"
};
#undef ALLOCSITE_OPTION

void options_init() {
  if (__atomic_exchange_n(&g_initialized, 1, __ATOMIC_ACQ_REL))
    return;
  char *copy = value_from_environment("ALLOCSITE_OPTIONS");
  if (!copy)
    return;
  options_parse(copy);
  if (g_options.help)
    options_print_help(2);
}

void options_parse(char *text) {
  // Split on ':' in place; empty items (a trailing ':', "a::b") are skipped.
  for (char *item = text; item;) {
    char *colon = strchr(item, ':');
    if (colon)
      *colon = '\0';
    if (*item)
      parse_item(item);
    item = colon ? colon + 1 : nullptr;
  }
}

void options_print_help(int fd) {
  Writer w(fd);
  size_t name_w = 6, def_w = 7, acc_w = 8;
  for (const OptionInfo &o : kOptions) {
    size_t n = strlen(o.name), d = value_width(o, o.def), a = strlen(o.accepted);
    name_w = n > name_w ? n : name_w;
    def_w = d > def_w ? d : def_w;
    acc_w = a > acc_w ? a : acc_w;
  }
  w.str("allocsite: ALLOCSITE_OPTIONS=key=value:key=value... (current value in brackets when "
        "changed)\n");
  w.str("  option");
  pad(w, 6, name_w);
  w.str("default");
  pad(w, 7, def_w);
  w.str("accepted");
  pad(w, 8, acc_w);
  w.str("description\n");
  for (const OptionInfo &o : kOptions) {
    w.str("  ").str(o.name);
    pad(w, strlen(o.name), name_w);
    write_value(w, o, o.def);
    pad(w, value_width(o, o.def), def_w);
    w.str(o.accepted);
    pad(w, strlen(o.accepted), acc_w);
    w.str(o.desc);
    // Show what ALLOCSITE_OPTIONS changed, so a typo'd value is visible in the table too.
    bool changed;
    switch (o.type) {
    case Type::BOOL:
      changed = *static_cast<const bool *>(o.field) != *static_cast<const bool *>(o.def);
      break;
    case Type::INT:
      changed = *static_cast<const int64_t *>(o.field) != *static_cast<const int64_t *>(o.def);
      break;
    default:
      changed = strcmp(*static_cast<const char *const *>(o.field),
                       *static_cast<const char *const *>(o.def)) != 0;
    }
    if (changed && o.field != &g_options.help) {
      w.str(" [");
      write_value(w, o, o.field);
      w.chr(']');
    }
    w.chr('\n');
  }
}

} // namespace allocsite
