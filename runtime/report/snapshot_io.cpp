// runtime/report/snapshot_io.cpp - Snapshot.dump and Snapshot.load (SPEC §7): a snapshot saved in
// the report's JSON schema (docs/report-format.md) with "kind": "snapshot", and read back from
// either a dump or an ALLOCSITE_REPORT=x.json report.
//
// Loading enforces the rule of docs/report-format.md ("Validity"), the same the CLI's reader
// enforces (test/validity checks both on the same files). It reads a regular file of at most
// 64 MiB into os_map'd memory a piece at a time, stopping at a piece with a byte no valid file
// has; parses it into a small tree (in a Scratch that dies with the call) with a recursive-descent
// parser that accepts exactly RFC 8259 JSON in strict UTF-8, without duplicate keys, "\u0000" or
// unpaired surrogates, at most 64 levels deep; then checks the keys it knows (counters and their
// relations) and ignores the rest. Anything else is one diagnostic line with the line and column,
// and NULL. No malloc, no stdio: the runtime may be inside the allocator of the very program
// calling this.
#define ALLOCSITE_RUNTIME_BUILD 1
#include "allocsite/allocsite.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "report/report.h"

using namespace allocsite;

namespace {

// ---------------------------------------------------------------------------------------------
// Dump

void field(Writer &w, const char *name, int64_t v, bool comma = true) {
  w.chr('"').str(name).str("\": ").i64(v);
  if (comma)
    w.str(", ");
}

// The report's layout: header and totals on their own lines, then one site per line. Sites stay
// in snapshot order (id order, or the order they were loaded in). There is no peak_bytes: a
// snapshot holds counters, not history.
void write_snapshot(Writer &w, const allocsite_snapshot *s) {
  int64_t live_bytes = 0, live_blocks = 0, alloc_calls = 0, alloc_bytes = 0;
  uint32_t n = s ? s->count : 0;
  for (uint32_t i = 0; i < n; i++) {
    live_bytes += s->sites[i].c.live_bytes;
    live_blocks += s->sites[i].c.live_blocks;
    alloc_calls += s->sites[i].c.alloc_calls;
    alloc_bytes += s->sites[i].c.alloc_bytes;
  }
  w.str("{\"format\": \"allocsite\", \"version\": 1, \"kind\": \"snapshot\",\n \"totals\": {");
  field(w, "live_bytes", live_bytes);
  field(w, "live_blocks", live_blocks);
  field(w, "alloc_calls", alloc_calls);
  field(w, "free_calls", alloc_calls - live_blocks);
  field(w, "alloc_bytes", alloc_bytes, false);
  w.str("},\n \"sites\": [");
  for (uint32_t i = 0; i < n; i++) {
    w.str(i ? ",\n" : "\n");
    write_json_site(w, s->sites[i]);
  }
  w.str(n ? "\n ]}\n" : "]}\n");
}

// ---------------------------------------------------------------------------------------------
// Messages: a fixed buffer, filled by hand (no snprintf).

struct Message {
  char text[256] = {};
  size_t n = 0;

  Message &add(const char *s, size_t len) {
    for (size_t i = 0; i < len && n < sizeof(text) - 1; i++)
      text[n++] = s[i];
    text[n] = '\0';
    return *this;
  }
  Message &add(const char *s) { return s ? add(s, strlen(s)) : *this; }
  Message &num(uint64_t v) {
    char tmp[24];
    char *p = tmp + sizeof(tmp);
    do {
      *--p = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    return add(p, static_cast<size_t>(tmp + sizeof(tmp) - p));
  }
};

// ---------------------------------------------------------------------------------------------
// Reading the file

struct FileData {
  char *data = nullptr;
  size_t size = 0;
  size_t mapped = 0;
  ~FileData() { os_unmap(data, mapped); }
};

// The largest file the loader reads (docs/report-format.md, "Validity"): 64 MiB holds some
// 200,000 sites. The CLI has the same limit.
constexpr size_t kMaxFileBytes = size_t(64) << 20;
// Bytes read at a time; each piece is checked before the next is read.
constexpr size_t kReadPiece = size_t(1) << 20;

// The length of the UTF-8 sequence at s[0..n) (1 to 4); 0 when it is not well-formed UTF-8 (RFC
// 3629: no overlong forms, no surrogates, nothing above U+10FFFF); -1 when the n bytes are a good
// start cut short.
int utf8_length(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80)
    return 1;
  size_t k;
  unsigned char lo = 0x80, hi = 0xBF; // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    k = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    k = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    k = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (n >= 2 && (s[1] < lo || s[1] > hi))
    return 0;
  for (size_t i = 2; i < k && i < n; i++)
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return n < k ? -1 : int(k);
}

// Whether s[from..to) holds a byte that no valid file has anywhere: a control character other
// than JSON's whitespace (inside strings they must be escaped, outside only whitespace is
// allowed), or a byte that is not well-formed UTF-8. *resume: where the next check starts (a
// UTF-8 sequence cut by the end of what was read so far is checked again with more bytes).
bool has_bad_byte(const char *buf, size_t from, size_t to, bool at_end, size_t *resume) {
  const unsigned char *s = reinterpret_cast<const unsigned char *>(buf);
  size_t i = from;
  while (i < to) {
    unsigned char c = s[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      return true;
    if (c < 0x80) {
      i++;
      continue;
    }
    int k = utf8_length(s + i, to - i);
    if (k < 0 && !at_end)
      break; // cut by the end of what was read so far
    if (k <= 0)
      return true;
    i += size_t(k);
  }
  *resume = i;
  return false;
}

// The file in f, for parsing; errno's value in *err, or a message in *why, on failure. Only
// regular files up to kMaxFileBytes are read (opened without blocking, so that a FIFO cannot hang
// the caller), a piece at a time: a piece with a byte that no valid file has stops the reading,
// and the parser then reports that byte (or an earlier error) without the rest being read.
bool read_file(const char *path, FileData *f, int *err, const char **why) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    *err = errno;
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *err = errno;
    close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode))
      *err = EISDIR;
    else
      *why = "not a regular file";
    close(fd);
    return false;
  }
  if (st.st_size < 0 || uint64_t(st.st_size) > kMaxFileBytes) {
    *why = "larger than the 64 MiB limit for snapshot files";
    close(fd);
    return false;
  }
  // One byte more than the size, so that the end is seen without growing; files whose size
  // says 0 (/proc) or that grow while read get more room, up to the limit.
  size_t want = size_t(st.st_size) + 1;
  size_t checked = 0;
  for (;;) {
    if (f->size == f->mapped) {
      if (f->mapped > kMaxFileBytes) {
        *why = "larger than the 64 MiB limit for snapshot files";
        close(fd);
        return false;
      }
      size_t cap = page_round(f->mapped ? f->mapped * 2 : want);
      if (cap > kMaxFileBytes + 1)
        cap = kMaxFileBytes + 1;
      char *bigger = static_cast<char *>(os_map(cap));
      if (!bigger) {
        *err = ENOMEM;
        close(fd);
        return false;
      }
      if (f->size)
        memcpy(bigger, f->data, f->size);
      os_unmap(f->data, f->mapped);
      f->data = bigger;
      f->mapped = cap;
    }
    size_t room = f->mapped - f->size;
    ssize_t got = read(fd, f->data + f->size, room < kReadPiece ? room : kReadPiece);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    if (got < 0) {
      *err = errno;
      close(fd);
      return false;
    }
    f->size += size_t(got);
    if (has_bad_byte(f->data, checked, f->size, got == 0, &checked) || got == 0)
      break;
  }
  close(fd);
  return true;
}

// ---------------------------------------------------------------------------------------------
// The JSON tree

enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };

struct Value {
  Type type;
  bool boolean;
  bool integer;  // Number: no fraction, no exponent
  bool in_range; // Number: an integer that fits int64_t
  bool escaped;  // String: has backslash escapes, so the raw bytes are not the text
  size_t at;     // offset of the value's first byte, for messages
  size_t len;    // String: raw bytes between the quotes; Number: length of its text
  int64_t number;
  const char *key; // as a member of an object: its name (decoded), key_len bytes
  size_t key_len;
  Value *first; // Array, Object: the elements / members, linked by next
  Value *next;
};

// Arrays and objects nest at most this deep. The schema needs 5; the limit keeps the recursion
// from running off the end of a small thread stack.
constexpr unsigned kMaxDepth = 64;

enum class StrError { None, Unterminated, Control, BadUtf8, BadEscape, BadUnicode, Surrogate, Nul };

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Four hex digits at s[i..i+4) of s[0..n), or -1.
long hex4(const char *s, size_t n, size_t i) {
  if (n - i < 4)
    return -1;
  long v = 0;
  for (size_t k = 0; k < 4; k++) {
    int d = hex_digit(s[i + k]);
    if (d < 0)
      return -1;
    v = v * 16 + d;
  }
  return v;
}

// The string whose opening quote is s[i], in s[0..n). One function both validates (out ==
// nullptr) and decodes (out has room for the raw length: no escape decodes to more bytes than
// it is written with), so the parser and the loader cannot disagree. *stop: the offset after the
// closing quote, or of the offending byte. *escaped: whether there was any backslash.
StrError read_string(const char *s, size_t n, size_t i, char *out, size_t *out_len, size_t *stop,
                     bool *escaped) {
  size_t o = 0;
  *escaped = false;
  for (size_t p = i + 1;;) {
    if (p >= n) {
      *stop = i;
      return StrError::Unterminated;
    }
    unsigned char c = static_cast<unsigned char>(s[p]);
    if (c == '"') {
      *stop = p + 1;
      if (out_len)
        *out_len = o;
      return StrError::None;
    }
    if (c < 0x20) {
      *stop = p;
      return StrError::Control;
    }
    if (c >= 0x80) {
      int k = utf8_length(reinterpret_cast<const unsigned char *>(s) + p, n - p);
      if (k <= 0) {
        *stop = p;
        return StrError::BadUtf8;
      }
      for (int j = 0; j < k; j++, o++, p++)
        if (out)
          out[o] = s[p];
      continue;
    }
    if (c != '\\') {
      if (out)
        out[o] = static_cast<char>(c);
      o++;
      p++;
      continue;
    }
    *escaped = true;
    *stop = p;
    if (p + 1 >= n) {
      *stop = i;
      return StrError::Unterminated;
    }
    char e = s[p + 1];
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e && simple) {
      static const char kDecoded[] = "\"\\/\b\f\n\r\t";
      if (out)
        out[o] = kDecoded[simple - "\"\\/bfnrt"];
      o++;
      p += 2;
      continue;
    }
    if (e != 'u')
      return StrError::BadEscape;
    long cp = hex4(s, n, p + 2);
    if (cp < 0)
      return StrError::BadUnicode;
    p += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
      return StrError::Surrogate;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      // UTF-16 escapes: a high surrogate must be followed by an escaped low one.
      long low = p + 1 < n && s[p] == '\\' && s[p + 1] == 'u' ? hex4(s, n, p + 2) : -1;
      if (low < 0xDC00 || low > 0xDFFF)
        return StrError::Surrogate;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      p += 6;
    }
    if (cp == 0)
      return StrError::Nul;
    unsigned char utf8[4];
    size_t k;
    if (cp < 0x80) {
      utf8[0] = static_cast<unsigned char>(cp);
      k = 1;
    } else if (cp < 0x800) {
      utf8[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
      utf8[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      k = 2;
    } else if (cp < 0x10000) {
      utf8[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
      utf8[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
      utf8[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      k = 3;
    } else {
      utf8[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
      utf8[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
      utf8[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
      utf8[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
      k = 4;
    }
    for (size_t j = 0; j < k; j++) {
      if (out)
        out[o] = static_cast<char>(utf8[j]);
      o++;
    }
  }
}

// Shared by the parser and the loader: the first error wins, with its offset (or none, for
// messages about the file as a whole).
struct Error {
  bool failed = false;
  bool positional = true;
  size_t at = 0;
  Message msg;

  Message *set(size_t offset, bool with_position = true) {
    if (failed)
      return nullptr;
    failed = true;
    positional = with_position;
    at = offset;
    return &msg;
  }
  bool fail(size_t offset, const char *a, const char *b = nullptr, const char *c = nullptr) {
    if (Message *m = set(offset))
      m->add(a).add(b).add(c);
    return false;
  }
};

class Parser {
public:
  Parser(const char *buf, size_t len, Scratch *tree, Error *err)
      : buf_(buf), len_(len), tree_(tree), err_(err) {}

  // The document's one value, or nullptr with *err set.
  Value *document() {
    Value *root = value(0);
    if (!root)
      return nullptr;
    skip_space();
    if (pos_ < len_) {
      err_->fail(pos_, "unexpected data after the end of the JSON document");
      return nullptr;
    }
    return root;
  }

private:
  const char *buf_;
  size_t len_;
  size_t pos_ = 0;
  Scratch *tree_;
  Error *err_;

  void skip_space() {
    while (pos_ < len_ &&
           (buf_[pos_] == ' ' || buf_[pos_] == '\t' || buf_[pos_] == '\n' || buf_[pos_] == '\r'))
      pos_++;
  }

  // What is wrong at offset i: the end of the file, or a character that does not belong.
  bool unexpected(size_t i, const char *expected = nullptr) {
    Message *m = err_->set(i);
    if (!m)
      return false;
    if (i >= len_) {
      m->add("unexpected end of file");
    } else {
      unsigned char c = static_cast<unsigned char>(buf_[i]);
      if (c >= 0x20 && c < 0x7f) {
        char quoted[] = {'\'', static_cast<char>(c), '\'', '\0'};
        m->add("unexpected character ").add(quoted);
      } else {
        static const char kHex[] = "0123456789abcdef";
        char byte[] = {'0', 'x', kHex[c >> 4], kHex[c & 15], '\0'};
        m->add("unexpected byte ").add(byte);
      }
    }
    if (expected)
      m->add(", expected ").add(expected);
    return false;
  }

  bool string(Value *v) {
    size_t stop;
    bool escaped;
    switch (read_string(buf_, len_, pos_, nullptr, nullptr, &stop, &escaped)) {
    case StrError::None:
      break;
    case StrError::Unterminated:
      return err_->fail(stop, "unterminated string");
    case StrError::Control:
      return err_->fail(stop, "control character in string (must be escaped)");
    case StrError::BadUtf8:
      return err_->fail(stop, "invalid UTF-8 in string");
    case StrError::BadEscape:
      return err_->fail(stop, "invalid escape in string");
    case StrError::BadUnicode:
      return err_->fail(stop, "invalid \\u escape: expected 4 hex digits");
    case StrError::Surrogate:
      return err_->fail(stop, "unpaired UTF-16 surrogate in \\u escape");
    case StrError::Nul:
      return err_->fail(stop, "\\u0000 in string is not supported");
    }
    v->type = Type::String;
    v->escaped = escaped;
    v->len = stop - pos_ - 2;
    pos_ = stop;
    return true;
  }

  bool digit(size_t i) const { return i < len_ && buf_[i] >= '0' && buf_[i] <= '9'; }

  // RFC 8259 numbers; the value is kept only for integers (the schema has no other numbers).
  bool number(Value *v) {
    size_t i = pos_;
    bool negative = i < len_ && buf_[i] == '-';
    i += negative;
    if (!digit(i))
      return unexpected(i, "a digit");
    uint64_t magnitude = 0;
    bool overflow = false;
    if (buf_[i] == '0') {
      i++;
      if (digit(i))
        return err_->fail(i, "invalid number: leading zero");
    } else {
      for (; digit(i); i++) {
        unsigned d = static_cast<unsigned>(buf_[i] - '0');
        if (magnitude > (UINT64_MAX - d) / 10)
          overflow = true;
        else
          magnitude = magnitude * 10 + d;
      }
    }
    bool integer = true;
    if (i < len_ && buf_[i] == '.') {
      integer = false;
      if (!digit(++i))
        return unexpected(i, "a digit after '.'");
      while (digit(i))
        i++;
    }
    if (i < len_ && (buf_[i] == 'e' || buf_[i] == 'E')) {
      integer = false;
      i++;
      if (i < len_ && (buf_[i] == '+' || buf_[i] == '-'))
        i++;
      if (!digit(i))
        return unexpected(i, "a digit in the exponent");
      while (digit(i))
        i++;
    }
    v->type = Type::Number;
    v->integer = integer;
    uint64_t limit = negative ? uint64_t(INT64_MAX) + 1 : uint64_t(INT64_MAX);
    v->in_range = integer && !overflow && magnitude <= limit;
    v->number = v->in_range ? (negative ? int64_t(0 - magnitude) : int64_t(magnitude)) : 0;
    v->len = i - pos_;
    pos_ = i;
    return true;
  }

  bool literal(Value *v, const char *word, Type type, bool boolean) {
    for (size_t k = 0; word[k]; k++)
      if (pos_ + k >= len_ || buf_[pos_ + k] != word[k])
        return unexpected(pos_ + k);
    pos_ += strlen(word);
    v->type = type;
    v->boolean = boolean;
    return true;
  }

  // An object's member name, decoded when it has escapes (into the tree's memory).
  bool key(const char **name, size_t *len) {
    if (pos_ >= len_ || buf_[pos_] != '"')
      return unexpected(pos_, "a string key");
    Value k{};
    size_t start = pos_;
    if (!string(&k))
      return false;
    *name = buf_ + start + 1;
    *len = k.len;
    if (k.escaped) {
      char *out = static_cast<char *>(tree_->alloc(k.len + 1, 1));
      size_t stop;
      bool escaped;
      if (!out)
        return err_->fail(start, "out of memory");
      read_string(buf_, len_, start, out, len, &stop, &escaped);
      *name = out;
    }
    return true;
  }

  // The member names seen so far in one object: a list scan while there are few, then an
  // open-addressing hash table (in the tree's memory), so that a huge object stays linear.
  struct KeySet {
    const Value *members = nullptr; // the object's first member (the list)
    size_t count = 0;
    const Value **slots = nullptr;
    size_t cap = 0;
  };

  static uint64_t key_hash(const char *name, size_t len) {
    uint64_t h = 14695981039346656037ull; // FNV-1a
    for (size_t i = 0; i < len; i++)
      h = (h ^ static_cast<unsigned char>(name[i])) * 1099511628211ull;
    return h;
  }

  static bool same_key(const Value *v, const char *name, size_t len) {
    return v->key_len == len && memcmp(v->key, name, len) == 0;
  }

  // false when the table cannot grow (out of memory).
  bool key_set_put(KeySet *set, const Value *member) {
    if (!set->slots || (set->count + 1) * 2 > set->cap) {
      size_t cap = set->cap ? set->cap * 2 : 64;
      const Value **slots = tree_->array<const Value *>(cap);
      if (!slots)
        return false;
      set->slots = slots;
      set->cap = cap;
      for (const Value *m = set->members; m; m = m->next)
        if (m != member)
          key_set_insert(set, m);
    }
    key_set_insert(set, member);
    return true;
  }

  static void key_set_insert(KeySet *set, const Value *member) {
    size_t i = key_hash(member->key, member->key_len) & (set->cap - 1);
    while (set->slots[i])
      i = (i + 1) & (set->cap - 1);
    set->slots[i] = member;
  }

  bool key_seen(const KeySet &set, const char *name, size_t len) const {
    if (!set.slots) {
      for (const Value *m = set.members; m; m = m->next)
        if (same_key(m, name, len))
          return true;
      return false;
    }
    for (size_t i = key_hash(name, len) & (set.cap - 1); set.slots[i]; i = (i + 1) & (set.cap - 1))
      if (same_key(set.slots[i], name, len))
        return true;
    return false;
  }

  bool container(Value *v, unsigned depth) {
    bool object = buf_[pos_] == '{';
    char close = object ? '}' : ']';
    v->type = object ? Type::Object : Type::Array;
    pos_++;
    skip_space();
    if (pos_ < len_ && buf_[pos_] == close) {
      pos_++;
      return true;
    }
    Value **tail = &v->first;
    KeySet keys;
    for (;;) {
      const char *name = nullptr;
      size_t name_len = 0;
      if (object) {
        skip_space();
        size_t key_at = pos_;
        if (!key(&name, &name_len))
          return false;
        if (key_seen(keys, name, name_len)) {
          // Quoted as written, escapes and all, so that the line stays one line.
          if (Message *m = err_->set(key_at))
            m->add("duplicate key ").add(buf_ + key_at, pos_ - key_at);
          return false;
        }
        skip_space();
        if (pos_ >= len_ || buf_[pos_] != ':')
          return unexpected(pos_, "':' after the key");
        pos_++;
      }
      Value *child = value(depth);
      if (!child)
        return false;
      child->key = name;
      child->key_len = name_len;
      *tail = child;
      tail = &child->next;
      if (object) {
        keys.members = v->first;
        if (++keys.count > 8 && !key_set_put(&keys, child))
          return err_->fail(child->at, "out of memory");
      }
      skip_space();
      if (pos_ < len_ && buf_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (pos_ < len_ && buf_[pos_] == close) {
        pos_++;
        return true;
      }
      return unexpected(pos_, object ? "',' or '}'" : "',' or ']'");
    }
  }

  // depth: the number of arrays and objects this value is inside.
  Value *value(unsigned depth) {
    skip_space();
    if (pos_ >= len_) {
      unexpected(pos_);
      return nullptr;
    }
    Value *v = tree_->array<Value>(1);
    if (!v) {
      err_->fail(pos_, "out of memory");
      return nullptr;
    }
    v->at = pos_;
    bool ok;
    switch (buf_[pos_]) {
    case '{':
    case '[':
      if (depth >= kMaxDepth) {
        Message *m = err_->set(pos_);
        if (m)
          m->add("nested deeper than ").num(kMaxDepth).add(" levels");
        return nullptr;
      }
      ok = container(v, depth + 1);
      break;
    case '"':
      ok = string(v);
      break;
    case 't':
      ok = literal(v, "true", Type::Bool, true);
      break;
    case 'f':
      ok = literal(v, "false", Type::Bool, false);
      break;
    case 'n':
      ok = literal(v, "null", Type::Null, false);
      break;
    default:
      if (buf_[pos_] == '-' || digit(pos_))
        ok = number(v);
      else
        ok = unexpected(pos_, "a value");
    }
    return ok ? v : nullptr;
  }
};

// ---------------------------------------------------------------------------------------------
// From the tree to a snapshot

class Loader {
public:
  Loader(const char *buf, size_t len, Scratch *tree, allocsite_snapshot *s, Error *err)
      : buf_(buf), len_(len), tree_(tree), s_(s), err_(err) {}

  bool load(const Value *root) {
    const char *format;
    const Value *f = root->type == Type::Object ? member(root, "format") : nullptr;
    if (!f || f->type != Type::String || !text(f, tree_, &format) || strcmp(format, "allocsite")) {
      if (Message *m = err_->set(0, false))
        m->add("not an allocsite file");
      return false;
    }
    const Value *version = member(root, "version");
    if (!version)
      return missing(root, "version");
    if (version->type != Type::Number || !version->integer)
      return err_->fail(version->at, "'version' must be an integer");
    if (!version->in_range || version->number != 1) {
      if (Message *m = err_->set(0, false))
        m->add("unsupported version ").add(buf_ + version->at, version->len);
      return false;
    }
    if (!totals(root))
      return false;
    const Value *sites = member(root, "sites");
    if (!sites)
      return missing(root, "sites");
    if (sites->type != Type::Array)
      return err_->fail(sites->at, "'sites' must be an array");
    uint32_t n = 0;
    for (const Value *v = sites->first; v; v = v->next)
      if (++n == UINT32_MAX)
        return err_->fail(v->at, "too many sites");
    s_->sites = s_->memory.array<SiteView>(n ? n : 1);
    if (!s_->sites)
      return err_->fail(sites->at, "out of memory");
    SiteCounters sum{};
    for (const Value *v = sites->first; v; v = v->next) {
      SiteView *view = &s_->sites[s_->count];
      if (!site(v, view))
        return false;
      // Every sum a reader forms (totals of a dump, groups of statistics) fits int64_t.
      if (!add(&sum.live_bytes, view->c.live_bytes) ||
          !add(&sum.live_blocks, view->c.live_blocks) ||
          !add(&sum.alloc_bytes, view->c.alloc_bytes) ||
          !add(&sum.alloc_calls, view->c.alloc_calls))
        return err_->fail(v->at, "the sites' counters add up to more than 2^63-1");
      s_->count++;
    }
    return peak(root) && timeline(root);
  }

private:
  const char *buf_;
  size_t len_;
  Scratch *tree_;
  allocsite_snapshot *s_;
  Error *err_;

  static const Value *member(const Value *obj, const char *name) {
    size_t n = strlen(name);
    for (const Value *v = obj->first; v; v = v->next)
      if (v->key_len == n && memcmp(v->key, name, n) == 0)
        return v; // the only one: the parser rejects duplicate keys
    return nullptr;
  }

  bool missing(const Value *obj, const char *name) {
    return err_->fail(obj->at, "missing key '", name, "'");
  }

  // A String value's text, NUL-terminated, in `where`.
  bool text(const Value *v, Scratch *where, const char **out) {
    char *copy = static_cast<char *>(where->alloc(v->len + 1, 1));
    if (!copy)
      return err_->fail(v->at, "out of memory");
    if (v->escaped) {
      size_t stop, n;
      bool escaped;
      read_string(buf_, len_, v->at, copy, &n, &stop, &escaped);
    } else {
      memcpy(copy, buf_ + v->at + 1, v->len);
    }
    *out = copy;
    return true;
  }

  // A string or null member (nullptr for null, and for a missing optional one).
  bool string_or_null(const Value *obj, const char *name, bool required, const char **out) {
    *out = nullptr;
    const Value *v = member(obj, name);
    if (!v)
      return !required || missing(obj, name);
    if (v->type == Type::Null)
      return true;
    if (v->type != Type::String)
      return err_->fail(v->at, "'", name, "' must be a string or null");
    return text(v, &s_->memory, out);
  }

  bool integer(const Value *obj, const char *name, bool required, int64_t max, int64_t *out) {
    *out = 0;
    const Value *v = member(obj, name);
    if (!v)
      return !required || missing(obj, name);
    return integer_value(v, name, max, out);
  }

  bool integer_value(const Value *v, const char *name, int64_t max, int64_t *out) {
    if (v->type != Type::Number || !v->integer)
      return err_->fail(v->at, "'", name, "' must be an integer");
    if (v->in_range && v->number < 0)
      return err_->fail(v->at, "'", name, "' must not be negative");
    if (!v->in_range || v->number > max)
      return err_->fail(v->at, "'", name, "' is out of range");
    *out = v->number;
    return true;
  }

  bool u32(const Value *obj, const char *name, bool required, uint32_t *out) {
    int64_t v;
    if (!integer(obj, name, required, UINT32_MAX, &v))
      return false;
    *out = uint32_t(v);
    return true;
  }

  bool counter(const Value *obj, const char *name, int64_t *out, bool required = true) {
    return integer(obj, name, required, INT64_MAX, out);
  }

  static bool add(int64_t *sum, int64_t v) { return !__builtin_add_overflow(*sum, v, sum); }

  // `small` <= `large` of object obj, e.g. live_blocks <= alloc_calls.
  bool at_most(const Value *obj, const char *small, int64_t a, const char *large, int64_t b) {
    if (a <= b)
      return true;
    if (Message *m = err_->set(member(obj, small)->at))
      m->add("'").add(small).add("' is greater than '").add(large).add("'");
    return false;
  }

  // "totals": the five counters (peak_bytes too, in reports), consistent with each other.
  bool totals(const Value *root) {
    const Value *t = member(root, "totals");
    if (!t)
      return missing(root, "totals");
    if (t->type != Type::Object)
      return err_->fail(t->at, "'totals' must be an object");
    int64_t live_bytes, live_blocks, alloc_calls, free_calls, alloc_bytes, peak_bytes;
    const Value *peak = member(t, "peak_bytes");
    return counter(t, "live_bytes", &live_bytes) && counter(t, "live_blocks", &live_blocks) &&
           counter(t, "alloc_calls", &alloc_calls) && counter(t, "free_calls", &free_calls) &&
           counter(t, "alloc_bytes", &alloc_bytes) &&
           counter(t, "peak_bytes", &peak_bytes, false) &&
           at_most(t, "live_blocks", live_blocks, "alloc_calls", alloc_calls) &&
           at_most(t, "live_bytes", live_bytes, "alloc_bytes", alloc_bytes) &&
           (!peak || at_most(t, "live_bytes", live_bytes, "peak_bytes", peak_bytes));
  }

  // A site's own counters: what is live was allocated, and free_calls (optional) is the rest.
  bool consistent(const Value *obj, const SiteCounters &c) {
    if (!at_most(obj, "live_blocks", c.live_blocks, "alloc_calls", c.alloc_calls) ||
        !at_most(obj, "live_bytes", c.live_bytes, "alloc_bytes", c.alloc_bytes))
      return false;
    const Value *f = member(obj, "free_calls");
    int64_t free_calls;
    if (!counter(obj, "free_calls", &free_calls, false))
      return false;
    if (f && free_calls != c.alloc_calls - c.live_blocks)
      return err_->fail(f->at, "'free_calls' is not 'alloc_calls' - 'live_blocks'");
    return true;
  }

  bool kind(const Value *obj, uint16_t *out) {
    const Value *v = member(obj, "kind");
    if (!v)
      return missing(obj, "kind");
    const char *name;
    if (v->type != Type::String)
      return err_->fail(v->at, "'kind' must be a string");
    if (!text(v, tree_, &name))
      return false;
    for (uint16_t k = 0; k < ALLOCSITE_KIND_COUNT; k++)
      if (strcmp(name, kind_name(k)) == 0) {
        *out = k;
        return true;
      }
    // Quoted as written in the file, escapes and all: the decoded text may hold a newline, and
    // the diagnostic must stay one line.
    if (Message *m = err_->set(v->at))
      m->add("unknown kind ").add(buf_ + v->at, v->len + 2);
    return false;
  }

  // "0x1234": what the writer prints with Writer::hex.
  bool module_offset(const Value *obj, uintptr_t *out) {
    const Value *v = member(obj, "module_offset");
    if (!v)
      return missing(obj, "module_offset");
    const char *p = nullptr;
    if (v->type == Type::String && !text(v, tree_, &p))
      return false;
    size_t len = p ? strlen(p) : 0;
    bool ok = p && len > 2 && len <= 2 + 16 && p[0] == '0' && p[1] == 'x';
    uint64_t value = 0;
    for (size_t i = 2; ok && i < len; i++) {
      int d = hex_digit(p[i]);
      ok = d >= 0;
      value = value * 16 + uint64_t(d);
    }
    if (!ok)
      return err_->fail(v->at, "'module_offset' must be a hex string like \"0x1a2b\"");
    *out = uintptr_t(value);
    return true;
  }

  // A list of frames under `key` ("inlined_at", "via"): optional, empty when absent. "via" frames
  // may have the code address of uninstrumented library code; the first one's is kept.
  bool frame_list(const Value *obj, const char *key, const SourceFrame **result, uint32_t *count,
                  SiteView *address_of_via = nullptr) {
    *result = nullptr;
    *count = 0;
    const Value *list = member(obj, key);
    if (!list)
      return true;
    if (list->type != Type::Array)
      return err_->fail(list->at, "'", key, "' must be an array");
    uint32_t n = 0;
    for (const Value *f = list->first; f; f = f->next)
      if (++n == UINT32_MAX)
        return err_->fail(f->at, "too many frames");
    if (!n)
      return true;
    SourceFrame *out = s_->memory.array<SourceFrame>(n);
    if (!out)
      return err_->fail(list->at, "out of memory");
    uint32_t i = 0;
    for (const Value *f = list->first; f; f = f->next, i++) {
      if (f->type != Type::Object)
        return err_->fail(f->at, "each '", key, "' frame must be an object");
      if (!string_or_null(f, "file", true, &out[i].file) ||
          !string_or_null(f, "function", true, &out[i].function) ||
          !u32(f, "line", true, &out[i].line) || !u32(f, "column", true, &out[i].column))
        return false;
      if (address_of_via) {
        const char *module = nullptr;
        uintptr_t offset = 0;
        if (!string_or_null(f, "module", false, &module) ||
            (member(f, "module_offset") && !module_offset(f, &offset)))
          return false;
        if (i == 0) {
          address_of_via->via_module = module;
          address_of_via->via_module_offset = offset;
        }
      }
    }
    *result = out;
    *count = n;
    return true;
  }

  bool frames(const Value *obj, SiteView *v) {
    return frame_list(obj, "inlined_at", &v->inlined_at, &v->inline_depth) &&
           frame_list(obj, "via", &v->via, &v->via_depth, v);
  }

  // "peak" (optional): the peak's bytes and the sites that held them, each with a site's identity
  // and live_bytes, live_blocks only (docs/report-format.md). Checked, not kept.
  bool peak(const Value *root) {
    const Value *p = member(root, "peak");
    if (!p)
      return true;
    if (p->type != Type::Object)
      return err_->fail(p->at, "'peak' must be an object");
    int64_t bytes;
    if (!counter(p, "bytes", &bytes))
      return false;
    const Value *sites = member(p, "sites");
    if (!sites)
      return missing(p, "sites");
    if (sites->type != Type::Array)
      return err_->fail(sites->at, "'sites' must be an array");
    SiteCounters sum{};
    for (const Value *v = sites->first; v; v = v->next) {
      SiteView view{};
      if (!site(v, &view, true))
        return false;
      if (!add(&sum.live_bytes, view.c.live_bytes) || !add(&sum.live_blocks, view.c.live_blocks))
        return err_->fail(v->at, "the peak sites' counters add up to more than 2^63-1");
    }
    return true;
  }

  // "timeline" (optional): samples oldest first, each with the live bytes of the top sites.
  bool timeline(const Value *root) {
    const Value *t = member(root, "timeline");
    if (!t)
      return true;
    if (t->type != Type::Array)
      return err_->fail(t->at, "'timeline' must be an array");
    int64_t previous = 0;
    for (const Value *sample = t->first; sample; sample = sample->next) {
      if (sample->type != Type::Object)
        return err_->fail(sample->at, "each timeline sample must be an object");
      int64_t t_ms, live;
      if (!counter(sample, "t_ms", &t_ms) || !counter(sample, "live_bytes", &live) ||
          !counter(sample, "live_blocks", &live))
        return false;
      if (t_ms < previous)
        return err_->fail(member(sample, "t_ms")->at, "'t_ms' is less than the previous sample's");
      previous = t_ms;
      const Value *sites = member(sample, "sites");
      if (!sites)
        return missing(sample, "sites");
      if (sites->type != Type::Object)
        return err_->fail(sites->at, "'sites' must be an object");
      for (const Value *v = sites->first; v; v = v->next) {
        // A site id in decimal, without leading zeros, up to 2^32-1.
        bool id = v->key_len > 0 && v->key_len <= 10 && (v->key[0] != '0' || v->key_len == 1);
        uint64_t number = 0;
        for (size_t i = 0; id && i < v->key_len; i++) {
          id = v->key[i] >= '0' && v->key[i] <= '9';
          number = number * 10 + uint64_t(v->key[i] - '0');
        }
        if (!id || number > UINT32_MAX)
          return err_->fail(v->at, "a timeline site key is not a site id (0 to 2^32-1)");
        int64_t bytes;
        if (!integer_value(v, "sites", INT64_MAX, &bytes))
          return false;
      }
    }
    return true;
  }

  // at_peak: a site of "peak", whose counters are live_bytes and live_blocks only.
  bool site(const Value *obj, SiteView *v, bool at_peak = false) {
    if (obj->type != Type::Object)
      return err_->fail(obj->at, "each site must be an object");
    const Value *instrumented = member(obj, "instrumented");
    if (!instrumented)
      return missing(obj, "instrumented");
    if (instrumented->type != Type::Bool)
      return err_->fail(instrumented->at, "'instrumented' must be true or false");
    v->instrumented = instrumented->boolean;
    if (!u32(obj, "id", false, &v->id) || !string_or_null(obj, "file", true, &v->file) ||
        !u32(obj, "line", true, &v->line) || !u32(obj, "column", true, &v->column) ||
        !string_or_null(obj, "function", true, &v->function) || !kind(obj, &v->kind) ||
        !counter(obj, "live_bytes", &v->c.live_bytes) ||
        !counter(obj, "live_blocks", &v->c.live_blocks) ||
        (!at_peak && (!counter(obj, "alloc_bytes", &v->c.alloc_bytes) ||
                      !counter(obj, "alloc_calls", &v->c.alloc_calls) || !consistent(obj, v->c))) ||
        !frames(obj, v) || !u32(obj, "domain", false, &v->domain))
      return false;
    if (v->instrumented)
      return string_or_null(obj, "linkage_name", false, &v->linkage_name);
    // Dynamic and tracked sites: the writer puts the dladdr symbol under "symbol" and the
    // address under module + module_offset; that address is what tells unnamed sites apart.
    v->symbolized = v->file || v->line;
    return string_or_null(obj, "module", false, &v->module) &&
           module_offset(obj, &v->module_offset) &&
           string_or_null(obj, "symbol", false, &v->linkage_name);
  }
};

// 1-based line and byte column of offset `at`.
void position(const char *buf, size_t at, uint64_t *line, uint64_t *column) {
  *line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; i++)
    if (buf[i] == '\n') {
      ++*line;
      line_start = i + 1;
    }
  *column = at - line_start + 1;
}

// The path as the message shows it: control characters as \xNN, so the message stays one line.
void load_failed(const char *path, const char *what) {
  char shown[1024];
  size_t n = 0;
  static const char kHex[] = "0123456789abcdef";
  for (const char *p = path ? path : "(null)"; *p && n + 5 < sizeof(shown); p++) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c == 0x7f) {
      shown[n++] = '\\';
      shown[n++] = 'x';
      shown[n++] = kHex[c >> 4];
      shown[n++] = kHex[c & 15];
    } else {
      shown[n++] = static_cast<char>(c);
    }
  }
  shown[n] = '\0';
  diag("cannot load snapshot '", shown, "': ", what);
}

} // namespace

AS_INTERFACE int allocsite_snapshot_dump(const allocsite_snapshot *s, const char *path) {
  if (!path) {
    diag("cannot write snapshot to '(null)': ", errno_text(EINVAL));
    errno = EINVAL;
    return -1;
  }
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    int e = errno;
    diag("cannot write snapshot to '", path, "': ", errno_text(e));
    errno = e;
    return -1;
  }
  int e = 0;
  bool ok;
  {
    Writer w(fd);
    snapshot_ensure_names(s);
    write_snapshot(w, s);
    w.flush();
    ok = !w.failed();
    if (!ok)
      e = errno; // the failed write(2)'s: the Writer makes no call after it
  }
  if (close(fd) != 0 && ok) {
    ok = false;
    e = errno;
  }
  if (!ok) {
    diag("cannot write snapshot to '", path, "': ", errno_text(e));
    errno = e;
    return -1;
  }
  return 0;
}

AS_INTERFACE allocsite_snapshot *allocsite_snapshot_load(const char *path) {
  if (!path) {
    load_failed(path, errno_text(EINVAL));
    errno = EINVAL;
    return nullptr;
  }
  FileData file;
  int e = EINVAL;
  const char *why = nullptr;
  if (!read_file(path, &file, &e, &why)) {
    load_failed(path, why ? why : errno_text(e));
    errno = e;
    return nullptr;
  }
  if (file.size == 0) {
    load_failed(path, "empty file");
    errno = EINVAL;
    return nullptr;
  }
  allocsite_snapshot *s = snapshot_new();
  if (s)
    s->named = true; // a file carries its names
  if (!s) {
    load_failed(path, errno_text(ENOMEM));
    errno = ENOMEM;
    return nullptr;
  }
  Error err;
  {
    Scratch tree; // the parse tree: gone when the snapshot is built
    Value *root = Parser(file.data, file.size, &tree, &err).document();
    if (root)
      Loader(file.data, file.size, &tree, s, &err).load(root);
  }
  if (!err.failed)
    return s;
  snapshot_destroy(s);
  Message what;
  if (err.positional) {
    uint64_t line, column;
    position(file.data, err.at, &line, &column);
    what.add("line ").num(line).add(", column ").num(column).add(": ");
  }
  what.add(err.msg.text);
  load_failed(path, what.text);
  errno = EINVAL;
  return nullptr;
}
