/* Shared helpers of the benchmark programs: a monotonic clock, argument
 * parsing, a deterministic PRNG and the output convention.
 *
 * Output convention (scripts/bench.sh relies on it): every line a program
 * prints to stdout is deterministic, identical under every configuration,
 * except lines starting with "time " which carry measurements. The suite
 * compares the rest across configurations to prove the checker did not
 * change what the program computed. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* splitmix64: cheap, deterministic, no shared state. */
static inline uint64_t bench_rand(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* FNV-1a over 64-bit words: order-sensitive checksums of results. */
static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
  for (int i = 0; i < 8; i++) {
    h ^= (v >> (i * 8)) & 0xff;
    h *= 0x100000001b3u;
  }
  return h;
}
#define BENCH_MIX_INIT 0xcbf29ce484222325u

/* Size scale: programs take "-n N" (work units) from the suite so that the
 * same program serves the smoke run, Helgrind's scaled-down run and the full
 * run. */
static inline long bench_arg_long(int argc, char **argv, const char *flag, long dflt) {
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp(argv[i], flag) == 0) {
      char *end;
      long v = strtol(argv[i + 1], &end, 10);
      if (*end || v <= 0) {
        fprintf(stderr, "bad value '%s' for %s\n", argv[i + 1], flag);
        exit(2);
      }
      return v;
    }
  return dflt;
}

static inline void bench_fail(const char *what) {
  fprintf(stderr, "benchmark error: %s\n", what);
  exit(3);
}

/* pthread calls that must succeed; a failure is a broken benchmark. */
#define BENCH_CHECK(call)                                                                    \
  do {                                                                                       \
    int bench_rc_ = (call);                                                                  \
    if (bench_rc_ != 0) {                                                                    \
      fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call,                   \
              strerror(bench_rc_));                                                          \
      exit(3);                                                                               \
    }                                                                                        \
  } while (0)

#endif
