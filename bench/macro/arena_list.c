/* bench/macro/arena_list.c - a C program in the style of a log/record processor: records parsed
 * into a chunked arena, names strdup'ed, records kept in per-bucket linked lists that are pruned
 * as they age, and an output buffer grown by realloc.
 *
 *   build/bench/arena_list_plain 200000      (argument: records per round, default 200000)
 *
 * Deterministic (its own LCG); prints a checksum that every build must agree on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 8
#define BUCKETS 16384

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint32_t rng(void) {
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng_state >> 33);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    perror("malloc");
    exit(1);
  }
  return p;
}

/* A chunked bump arena: chunks are malloc'ed, and freed all at once by arena_reset. */
struct chunk {
  struct chunk *next;
  size_t used, cap;
  char data[];
};
struct arena {
  struct chunk *head;
};

static void *arena_alloc(struct arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (!a->head || a->head->used + n > a->head->cap) {
    size_t cap = n > 16384 ? n : 16384;
    struct chunk *c = xmalloc(sizeof *c + cap);
    c->next = a->head;
    c->used = 0;
    c->cap = cap;
    a->head = c;
  }
  void *p = a->head->data + a->head->used;
  a->head->used += n;
  return p;
}

static void arena_reset(struct arena *a) {
  while (a->head) {
    struct chunk *next = a->head->next;
    free(a->head);
    a->head = next;
  }
}

/* A growable output buffer (realloc doubling). */
struct buf {
  char *data;
  size_t len, cap;
};
static void buf_append(struct buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
      perror("realloc");
      exit(1);
    }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

struct token {
  struct token *next;
  size_t len;
  char text[];
};

struct record {
  struct record *next;
  char *name;     /* strdup'ed: outlives the arena round it was parsed in */
  int *samples;   /* malloc'ed, grown by realloc */
  int nsamples;
  uint32_t key;
};

static struct record *buckets[BUCKETS];
static long live_records;

static void record_free(struct record *r) {
  free(r->name);
  free(r->samples);
  free(r);
}

int main(int argc, char **argv) {
  long per_round = argc > 1 ? atol(argv[1]) : 200000;
  uint64_t checksum = 0;
  struct arena scratch = {0};
  for (int round = 0; round < ROUNDS; ++round) {
    struct buf out = {0};
    for (long i = 0; i < per_round; ++i) {
      /* "Parse" a line into scratch memory. */
      size_t len = 8 + rng() % 40;
      char *line = arena_alloc(&scratch, len + 1);
      for (size_t k = 0; k < len; ++k)
        line[k] = (char)('a' + rng() % 26);
      line[len] = 0;
      /* Split it into a list of malloc'ed tokens, as a tokenizer would, and fold them. */
      struct token *tokens = NULL;
      for (size_t k = 0; k < len;) {
        size_t n = 3 + rng() % 8;
        if (n > len - k)
          n = len - k;
        struct token *t = xmalloc(sizeof *t + n + 1);
        memcpy(t->text, line + k, n);
        t->text[n] = 0;
        t->len = n;
        t->next = tokens;
        tokens = t;
        k += n;
      }
      uint32_t hash = 2166136261u;
      while (tokens) {
        struct token *t = tokens;
        tokens = t->next;
        for (size_t k = 0; k < t->len; ++k)
          hash = (hash ^ (unsigned char)t->text[k]) * 16777619u;
        free(t);
      }
      uint32_t key = (hash ^ rng()) % (BUCKETS * 4);
      struct record **slot = &buckets[key % BUCKETS];
      struct record *r = *slot;
      while (r && r->key != key)
        r = r->next;
      if (!r) {
        r = xmalloc(sizeof *r);
        r->key = key;
        r->name = strdup(line);
        r->samples = NULL;
        r->nsamples = 0;
        r->next = *slot;
        *slot = r;
        ++live_records;
      }
      if ((r->nsamples & (r->nsamples - 1)) == 0) { /* grow at powers of two */
        int *s = realloc(r->samples, sizeof(int) * (size_t)(r->nsamples ? r->nsamples * 2 : 1));
        if (!s) {
          perror("realloc");
          exit(1);
        }
        r->samples = s;
      }
      r->samples[r->nsamples++] = (int)len;
      if (i % 16 == 0)
        buf_append(&out, line, len);
    }
    /* Prune: drop records with few samples, and every record of a few random buckets. */
    for (int b = 0; b < BUCKETS; ++b) {
      int drop_all = rng() % 8 == 0;
      struct record **link = &buckets[b];
      while (*link) {
        struct record *r = *link;
        if (drop_all || r->nsamples < 4) {
          *link = r->next;
          checksum += (uint64_t)r->nsamples * r->key;
          record_free(r);
          --live_records;
        } else {
          link = &r->next;
        }
      }
    }
    for (size_t k = 0; k < out.len; k += 97)
      checksum = checksum * 31 + (unsigned char)out.data[k];
    free(out.data);
    arena_reset(&scratch);
  }
  for (int b = 0; b < BUCKETS; ++b)
    while (buckets[b]) {
      struct record *r = buckets[b];
      buckets[b] = r->next;
      checksum += (uint64_t)r->nsamples;
      record_free(r);
    }
  printf("arena_list: %d rounds of %ld records, checksum %llu\n", ROUNDS, per_round,
         (unsigned long long)checksum);
  return 0;
}
