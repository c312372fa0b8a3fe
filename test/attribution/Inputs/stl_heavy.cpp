// test/attribution/Inputs/stl_heavy.cpp - an STL-heavy program that keeps a realistic mixture
// of containers live at exit (the state of a small document store): a vector<string> of lines,
// an inverted index unordered_map<string, vector<int>>, an ordered map of word counts, a graph
// of shared_ptr nodes, a table of std::function handlers with large captures, and strings built
// with string streams. Almost all of its memory is allocated inside the STL and libstdc++.so;
// coverage.test checks that at least 95% of it is charged to lines of this file (SPEC §3).
// Deterministic: its own LCG, no input.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Rng {
  uint64_t state = 88172645463325252ull;
  uint32_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<uint32_t>(state);
  }
};

std::string make_word(Rng &rng) {
  static const char *const syllables[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po",
                                          "ve", "zu", "xan", "dor", "ell", "qui"};
  std::string word;
  int n = 2 + rng.next() % 4;
  for (int i = 0; i < n; ++i)
    word += syllables[rng.next() % 14];
  return word;
}

struct Node {
  int id;
  std::string label;
  std::vector<std::shared_ptr<Node>> edges;
};

struct Store {
  std::vector<std::string> lines;
  std::unordered_map<std::string, std::vector<int>> index;
  std::map<std::string, int> counts;
  std::vector<std::shared_ptr<Node>> graph;
  std::map<std::string, std::function<std::string(int)>> handlers;
  std::vector<std::string> rendered;
};

void load_lines(Store &s, Rng &rng, int n) {
  for (int i = 0; i < n; ++i) {
    std::ostringstream line;
    int words = 4 + rng.next() % 12;
    for (int w = 0; w < words; ++w)
      line << (w ? " " : "") << make_word(rng);
    s.lines.push_back(line.str());
  }
}

void build_index(Store &s) {
  for (size_t i = 0; i < s.lines.size(); ++i) {
    std::istringstream in(s.lines[i]);
    std::string word;
    while (in >> word) {
      std::vector<int> &postings = s.index[word];
      if (postings.empty() || postings.back() != static_cast<int>(i))
        postings.push_back(static_cast<int>(i));
      ++s.counts[word];
    }
  }
}

void build_graph(Store &s, Rng &rng, int n) {
  for (int i = 0; i < n; ++i)
    s.graph.push_back(std::make_shared<Node>(Node{i, "node-" + std::to_string(i) + "-" + make_word(rng), {}}));
  for (int i = 0; i < n; ++i)
    for (int e = 0; e < 3; ++e)
      s.graph[i]->edges.push_back(s.graph[rng.next() % n]);
}

void register_handlers(Store &s) {
  for (int i = 0; i < 64; ++i) {
    std::string prefix = "handler-" + std::to_string(i) + "-with-a-long-prefix";
    long a = i, b = i * 2, c = i * 3;
    s.handlers["h" + std::to_string(i)] = [prefix, a, b, c](int x) {
      return prefix + ":" + std::to_string(a + b + c + x);
    };
  }
}

void render(Store &s) {
  for (const auto &h : s.handlers)
    for (int x = 0; x < 50; ++x)
      s.rendered.push_back(h.second(x));
}

} // namespace

int main() {
  Rng rng;
  Store *store = new Store; // the program's state, live until exit
  load_lines(*store, rng, 8000);
  build_index(*store);
  build_graph(*store, rng, 4000);
  register_handlers(*store);
  render(*store);
  std::printf("%zu lines, %zu words, %zu nodes, %zu rendered\n", store->lines.size(),
              store->index.size(), store->graph.size(), store->rendered.size());
  return 0;
}
