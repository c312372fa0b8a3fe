// bench/macro/text_indexer.cpp - a C++ program in the style of a small search tool: generate a
// deterministic pseudo-text, tokenize it with std::string, build an inverted index
// (std::unordered_map<std::string, std::vector<int>>) and bigram counts, then answer queries
// and print the most frequent words.
//
//   build/bench/text_indexer_plain 100000      (argument: lines of text, default 100000)
//
// Deterministic (its own LCG); every build prints the same output.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

struct Rng {
  uint64_t state = 0x2545F4914F6CDD1Dull;
  uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  }
};

// A vocabulary of made-up words from syllables, picked with a Zipf-like skew.
std::vector<std::string> make_vocabulary(Rng &rng, int size) {
  static const char *const syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "shi", "po",
                                          "ven", "dor", "ix", "qua", "bel", "tor", "ae", "um"};
  std::vector<std::string> words;
  words.reserve(size);
  for (int i = 0; i < size; ++i) {
    std::string w;
    int n = 1 + rng.next() % 4;
    for (int k = 0; k < n; ++k)
      w += syllables[rng.next() % 16];
    words.push_back(std::move(w));
  }
  return words;
}

std::string make_line(Rng &rng, const std::vector<std::string> &vocab) {
  std::string line;
  int words = 4 + rng.next() % 12;
  for (int i = 0; i < words; ++i) {
    uint32_t r = rng.next();
    // Skewed pick: small indices are much more frequent.
    size_t idx = (static_cast<uint64_t>(r % vocab.size()) * (r % 97)) / 97;
    if (i)
      line += (rng.next() % 8 == 0) ? ", " : " ";
    std::string w = vocab[idx];
    if (rng.next() % 10 == 0)
      w[0] = static_cast<char>(w[0] - 'a' + 'A');
    line += w;
  }
  line += '.';
  return line;
}

std::vector<std::string> tokenize(const std::string &line) {
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : line) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      cur += static_cast<char>(c | 0x20);
    } else if (!cur.empty()) {
      tokens.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty())
    tokens.push_back(cur);
  return tokens;
}

} // namespace

int main(int argc, char **argv) {
  const int lines = argc > 1 ? std::atoi(argv[1]) : 100000;
  Rng rng;
  const std::vector<std::string> vocab = make_vocabulary(rng, 20000);

  std::unordered_map<std::string, std::vector<int>> index;
  std::unordered_map<std::string, int> bigrams;
  std::vector<std::string> text;
  text.reserve(lines);
  for (int n = 0; n < lines; ++n) {
    text.push_back(make_line(rng, vocab));
    std::vector<std::string> tokens = tokenize(text.back());
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::vector<int> &postings = index[tokens[i]];
      if (postings.empty() || postings.back() != n)
        postings.push_back(n);
      if (i + 1 < tokens.size())
        ++bigrams[tokens[i] + ' ' + tokens[i + 1]];
    }
    // Keep a window of recent text only, as a streaming indexer would.
    if (text.size() > 50000) {
      text.erase(text.begin(), text.begin() + 25000);
    }
  }

  // Queries: intersect postings of word pairs.
  long hits = 0;
  for (int q = 0; q < 2000; ++q) {
    const std::string &a = vocab[rng.next() % 200];
    const std::string &b = vocab[rng.next() % 2000];
    auto ia = index.find(a), ib = index.find(b);
    if (ia == index.end() || ib == index.end())
      continue;
    std::vector<int> both;
    std::set_intersection(ia->second.begin(), ia->second.end(), ib->second.begin(),
                          ib->second.end(), std::back_inserter(both));
    hits += static_cast<long>(both.size());
  }

  std::vector<std::pair<int, std::string>> top;
  top.reserve(index.size());
  for (const auto &kv : index)
    top.emplace_back(static_cast<int>(kv.second.size()), kv.first);
  std::partial_sort(top.begin(), top.begin() + std::min<size_t>(5, top.size()), top.end(),
                    [](const auto &x, const auto &y) {
                      return x.first != y.first ? x.first > y.first : x.second < y.second;
                    });
  std::map<int, int> length_histogram;
  for (const auto &kv : bigrams)
    ++length_histogram[static_cast<int>(kv.first.size()) / 8];

  std::ostringstream out;
  out << "text_indexer: " << lines << " lines, " << index.size() << " words, " << bigrams.size()
      << " bigrams, " << hits << " query hits\n";
  for (size_t i = 0; i < std::min<size_t>(5, top.size()); ++i)
    out << "  " << top[i].second << " " << top[i].first << "\n";
  out << "  bigram length classes: " << length_histogram.size() << "\n";
  std::fputs(out.str().c_str(), stdout);
  return 0;
}
