// docs/html-report-demo.c - the program behind docs/html-report.png (README, "The HTML report"):
// three phases (parse records, index them, free them and keep a summary), slow enough for a timeline.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct record { struct record *next; char *text; };

static struct record *parse_records(int n) {
  struct record *head = NULL;
  for (int i = 0; i < n; i++) {
    struct record *r = malloc(sizeof *r);
    r->text = strdup("a record of some text that was parsed from the input file");
    r->next = head;
    head = r;
    if (i % 200 == 0)
      usleep(2000);
  }
  return head;
}

static void free_records(struct record *r) {
  while (r) {
    struct record *next = r->next;
    free(r->text);
    free(r);
    r = next;
    usleep(1);
  }
}

static char **build_index(struct record *r, size_t *cap) {
  char **index = NULL;
  size_t n = 0;
  for (; r; r = r->next) {
    if (n == *cap) {
      *cap = *cap ? *cap * 2 : 16;
      index = realloc(index, *cap * sizeof *index);
      usleep(3000);
    }
    index[n++] = r->text;
  }
  return index;
}

int main(void) {
  struct record *records = parse_records(6000);
  size_t cap = 0;
  char **index = build_index(records, &cap);
  usleep(20000);
  free_records(records);
  char *summary = malloc(64 * 1024);
  memset(summary, 'x', 64 * 1024);
  usleep(20000);
  (void)index;
  return summary[0] == 'x' ? 0 : 1;
}
