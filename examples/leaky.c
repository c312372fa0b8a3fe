/* examples/leaky.c - a small program with one leak and one growth, for `scripts/demo`.
 *
 * Build and run it by hand:
 *   build/bin/allocsite-clang -O2 examples/leaky.c -o leaky && ALLOCSITE_REPORT=1 ./leaky
 * The report should show the list nodes (100 blocks of 48 bytes, never freed) and the log buffer
 * (one block, grown with realloc to 32 KiB and kept until exit) at the top; the temporaries freed in
 * the loop hold nothing at exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *next;
  char name[40];
};

/* The leak: every node of the list is lost when main forgets the head. */
static struct node *push(struct node *head, int i) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
  snprintf(n->name, sizeof n->name, "node %d", i);
  n->next = head;
  return n;
}

/* The growth: a log buffer that only ever grows, kept until exit. */
static char *append(char *log, size_t *len, size_t *cap, const char *line) {
  size_t n = strlen(line);
  if (*len + n + 1 > *cap) {
    *cap = *cap ? *cap * 2 : 64;
    log = realloc(log, *cap);
    if (!log)
      abort();
  }
  memcpy(log + *len, line, n + 1);
  *len += n;
  return log;
}

int main(void) {
  struct node *head = NULL;
  for (int i = 0; i < 100; i++)
    head = push(head, i);

  char *log = NULL;
  size_t len = 0, cap = 0;
  for (int i = 0; i < 1000; i++) {
    char *tmp = malloc(64); /* a temporary, freed right away */
    if (!tmp)
      abort();
    snprintf(tmp, 64, "event %d happened\n", i);
    log = append(log, &len, &cap, tmp);
    free(tmp);
  }

  printf("100 nodes, %zu bytes of log\n", len);
  head = NULL; /* the list is leaked here */
  static char *keep;
  keep = log; /* the log stays reachable until exit */
  (void)keep;
  return 0;
}
