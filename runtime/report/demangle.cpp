// runtime/report/demangle.cpp - the minimal demangler of demangle.h: plain and nested names,
// constructors, destructors, ABI tags and elided template arguments. Anything else: the caller
// keeps the mangled name, which is always correct if less readable.
#include "report/report.h"

#include <string.h>

namespace allocsite {

namespace {

class Demangler {
public:
  Demangler(const char *in, char *out, size_t cap) : p_(in), out_(out), cap_(cap) {}

  bool run() {
    if (p_[0] != '_' || p_[1] != 'Z')
      return false;
    p_ += 2;
    if (*p_ == 'L') // internal linkage (static functions)
      ++p_;
    if (*p_ == 'N')
      return nested() && finish();
    if (p_[0] == 'S' && p_[1] == 't') {
      p_ += 2;
      emit("std::");
    }
    if (!source_name(true))
      return false;
    skip_abi_tags();
    if (*p_ == 'I' && !template_args())
      return false;
    return finish();
  }

private:
  bool finish() {
    if (n_ >= cap_)
      return false;
    out_[n_] = '\0';
    return n_ > 0;
  }

  void emit(const char *s, size_t len) {
    for (size_t i = 0; i < len; ++i)
      if (n_ < cap_)
        out_[n_++] = s[i];
    if (n_ >= cap_)
      overflow_ = true;
  }
  void emit(const char *s) { emit(s, strlen(s)); }

  bool number(size_t *out) {
    if (*p_ < '0' || *p_ > '9')
      return false;
    size_t n = 0;
    while (*p_ >= '0' && *p_ <= '9') {
      n = n * 10 + static_cast<size_t>(*p_++ - '0');
      if (n > 4096)
        return false;
    }
    *out = n;
    return true;
  }

  // <source-name> ::= <length> <identifier>; remembered as the last component for ctors/dtors.
  bool source_name(bool print) {
    size_t len;
    if (!number(&len) || strnlen(p_, len) < len)
      return false;
    last_ = p_;
    last_len_ = len;
    if (print) {
      if (len >= 10 && strncmp(p_, "_GLOBAL__N", 10) == 0)
        emit("(anonymous namespace)");
      else
        emit(p_, len);
    }
    p_ += len;
    return true;
  }

  void skip_abi_tags() {
    while (*p_ == 'B') { // B <source-name>: [abi:cxx11], not part of what users call the name
      ++p_;
      if (!source_name(false))
        return;
    }
  }

  // I <template-arg>+ E, printed as "<...>". Skipped by nesting depth: every construct that opens
  // with N, I, F or X closes with E; identifiers, array bounds and literals are skipped whole so
  // an 'E' inside them is not miscounted.
  bool template_args() {
    const char *saved_last = last_;
    size_t saved_len = last_len_;
    int depth = 0;
    do {
      char c = *p_;
      if (c == '\0')
        return false;
      if (c >= '0' && c <= '9') {
        if (!source_name(false))
          return false;
        continue;
      }
      ++p_;
      if (c == 'I' || c == 'N' || c == 'F' || c == 'X') {
        ++depth;
      } else if (c == 'E') {
        --depth;
      } else if (c == 'L') { // literal: L <type> <value> E, or L_Z <encoding> E (bail out)
        if (*p_ == '_')
          return false;
        const char *e = strchr(p_, 'E');
        if (!e)
          return false;
        p_ = e + 1;
      } else if (c == 'A' || (c == 'D' && *p_ == 'v')) { // A <bound> _ / Dv <count> _
        if (c == 'D')
          ++p_;
        while (*p_ >= '0' && *p_ <= '9')
          ++p_;
        if (*p_ == '_')
          ++p_;
      } else if (c == 'D' || c == 'S' || c == 'T') {
        // Dn/Dp..., St/Sa/S_/S0_, T_/T0_: a letter pair or a sequence id; no nesting.
        while (*p_ && *p_ != '_' &&
               ((*p_ >= '0' && *p_ <= '9') || (*p_ >= 'A' && *p_ <= 'Z' && c == 'S')))
          ++p_;
        if (*p_ == '_' || (c != 'T' && *p_))
          ++p_;
      }
    } while (depth > 0);
    emit("<...>");
    last_ = saved_last; // a constructor of Foo<int> is named Foo
    last_len_ = saved_len;
    return true;
  }

  // N [<CV-qualifiers>] [<ref-qualifier>] <prefix> <unqualified-name> E
  bool nested() {
    ++p_;
    while (*p_ == 'r' || *p_ == 'V' || *p_ == 'K')
      ++p_;
    if (*p_ == 'R' || *p_ == 'O')
      ++p_;
    bool first = true;
    while (*p_ != 'E') {
      if (*p_ == 'I') {
        if (first || !template_args())
          return false;
        continue;
      }
      if (!first)
        emit("::");
      if (first && p_[0] == 'S' && p_[1] == 't') {
        p_ += 2;
        emit("std");
        first = false;
        continue;
      }
      first = false;
      if (*p_ == 'L')
        ++p_;
      if (*p_ >= '0' && *p_ <= '9') {
        if (!source_name(true))
          return false;
      } else if (*p_ == 'C' && p_[1] >= '1' && p_[1] <= '5' && last_) {
        p_ += 2;
        emit(last_, last_len_);
      } else if (*p_ == 'D' && p_[1] >= '0' && p_[1] <= '5' && last_) {
        p_ += 2;
        emit("~");
        emit(last_, last_len_);
      } else {
        return false; // operators, substitutions, local names, lambdas, ...
      }
      skip_abi_tags();
    }
    ++p_;
    return !overflow_;
  }

  const char *p_;
  char *out_;
  size_t cap_;
  size_t n_ = 0;
  bool overflow_ = false;
  const char *last_ = nullptr;
  size_t last_len_ = 0;
};

} // namespace

bool demangle(const char *mangled, char *out, size_t cap) {
  if (!mangled || cap == 0)
    return false;
  return Demangler(mangled, out, cap).run();
}

} // namespace allocsite
