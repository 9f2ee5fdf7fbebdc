/* geninput: writes MIB mebibytes of deterministic, moderately compressible
 * data to stdout for the compressor round trips: log-like text lines,
 * numeric tables and short runs of random bytes, the mix real archives
 * hold.   geninput MIB */
#include <unistd.h>

#include "../common/bench.h"

static const char *const words[] = {
    "thread", "mutex", "queue", "barrier", "worker", "request", "latency", "shard",
    "commit", "buffer", "socket", "timeout", "pool", "stage", "batch", "cache",
    "order", "lock", "wait", "signal", "epoch", "vector", "stripe", "pipeline"};
#define NWORDS (sizeof(words) / sizeof(words[0]))

int main(int argc, char **argv) {
  if (argc != 2 || atol(argv[1]) <= 0)
    bench_fail("usage: geninput MIB");
  size_t total = (size_t)atol(argv[1]) << 20, done = 0;
  static char buf[1 << 16];
  uint64_t rng = 12345;
  while (done < total) {
    size_t n = 0;
    while (n < sizeof(buf) - 512) {
      uint64_t r = bench_rand(&rng);
      switch (r % 8) {
      case 0: /* random bytes */
        for (int i = 0, len = 16 + (int)(r >> 8) % 64; i < len; i++)
          buf[n++] = (char)bench_rand(&rng);
        break;
      case 1:
      case 2: /* a table row */
        n += (size_t)snprintf(buf + n, 128, "%llu,%llu,%u\n",
                              (unsigned long long)(r >> 40), (unsigned long long)(r >> 20) % 100000,
                              (unsigned)(r % 977));
        break;
      default: /* a log line */
        n += (size_t)snprintf(buf + n, 64, "%08llx ", (unsigned long long)(done + n));
        for (int i = 0, len = 4 + (int)(r >> 12) % 9; i < len; i++) {
          const char *w = words[bench_rand(&rng) % NWORDS];
          size_t wl = strlen(w);
          memcpy(buf + n, w, wl);
          n += wl;
          buf[n++] = ' ';
        }
        buf[n++] = '\n';
      }
    }
    if (n > total - done)
      n = total - done;
    for (size_t off = 0; off < n;) {
      ssize_t w = write(1, buf + off, n - off);
      if (w <= 0)
        bench_fail("write");
      off += (size_t)w;
    }
    done += n;
  }
  return 0;
}
