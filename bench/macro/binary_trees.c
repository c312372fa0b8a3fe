/* bench/macro/binary_trees.c - the benchmarks-game binary-trees workload: build and walk many
 * short-lived perfect binary trees next to one long-lived tree, one malloc per node.
 *
 *   build/bench/binary_trees_plain 17        (argument: max depth, default 17)
 *
 * Prints the classic three kinds of lines; the checks are node counts, so every build must print
 * the same text. */
#include <stdio.h>
#include <stdlib.h>

struct node {
  struct node *left, *right;
};

static struct node *make(int depth) {
  struct node *n = malloc(sizeof *n);
  if (!n) {
    perror("malloc");
    exit(1);
  }
  if (depth > 0) {
    n->left = make(depth - 1);
    n->right = make(depth - 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}

static long check(const struct node *n) {
  return 1 + (n->left ? check(n->left) + check(n->right) : 0);
}

static void release(struct node *n) {
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv) {
  const int min_depth = 4;
  int max_depth = argc > 1 ? atoi(argv[1]) : 17;
  if (max_depth < min_depth + 2)
    max_depth = min_depth + 2;

  struct node *stretch = make(max_depth + 1);
  printf("stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
  release(stretch);

  struct node *long_lived = make(max_depth);
  for (int depth = min_depth; depth <= max_depth; depth += 2) {
    long iterations = 1L << (max_depth - depth + min_depth);
    long sum = 0;
    for (long i = 0; i < iterations; ++i) {
      struct node *t = make(depth);
      sum += check(t);
      release(t);
    }
    printf("%ld\t trees of depth %d\t check: %ld\n", iterations, depth, sum);
  }
  printf("long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
  release(long_lived);
  return 0;
}
