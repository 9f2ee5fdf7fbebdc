/* mcload: a small, bounded load driver for memcached's text protocol,
 * talking to 127.0.0.1 only.
 *
 *   mcload -p PORT [-c CONNECTIONS] [-n REQUESTS_PER_CONNECTION] [-k KEYS]
 *          [-T SECONDS]
 *
 * Each connection runs in its own thread and works on keys of its own
 * ("c<conn>:<k>"), 30% sets and 70% gets, and checks every get against
 * the value it last stored, so the hit/miss counts and the checksum are the
 * same in every run and any wrong answer from the server is an error. The
 * run stops with an error after -T seconds (default 60) whatever happens;
 * every socket read also has a timeout. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../common/bench.h"

#define MAX_VALUE 512

struct conn {
  pthread_t thread;
  int id, fd;
  long requests, keys;
  uint32_t *version; /* last version stored per key, 0 = never */
  char rbuf[8192];
  size_t rlen, rpos;
  uint64_t sets, gets, hits, misses, checksum;
  const char *error;
};

static int port;
static uint64_t deadline_ns;

static size_t make_value(char *out, int conn, long key, uint32_t version) {
  uint64_t s = ((uint64_t)conn << 40) ^ ((uint64_t)key << 8) ^ version;
  size_t len = 32 + bench_rand(&s) % (MAX_VALUE - 32);
  for (size_t i = 0; i < len; i++)
    out[i] = (char)('A' + bench_rand(&s) % 26);
  return len;
}

static int send_all(struct conn *c, const char *p, size_t n) {
  while (n) {
    ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      c->error = "send failed";
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Buffered reads; the socket's receive timeout bounds every wait. */
static int fill(struct conn *c) {
  if (bench_now_ns() > deadline_ns) {
    c->error = "time limit reached";
    return -1;
  }
  if (c->rpos == c->rlen)
    c->rpos = c->rlen = 0;
  if (c->rlen == sizeof(c->rbuf)) {
    memmove(c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
    c->rlen -= c->rpos;
    c->rpos = 0;
  }
  ssize_t r = recv(c->fd, c->rbuf + c->rlen, sizeof(c->rbuf) - c->rlen, 0);
  if (r <= 0) {
    c->error = r == 0 ? "server closed the connection" : "receive failed or timed out";
    return -1;
  }
  c->rlen += (size_t)r;
  return 0;
}

static int read_line(struct conn *c, char *line, size_t cap) {
  for (;;) {
    char *start = c->rbuf + c->rpos;
    char *nl = memchr(start, '\n', c->rlen - c->rpos);
    if (nl) {
      size_t n = (size_t)(nl - start) + 1;
      if (n >= cap) {
        c->error = "reply line too long";
        return -1;
      }
      memcpy(line, start, n);
      line[n] = 0;
      c->rpos += n;
      return 0;
    }
    if (fill(c) != 0)
      return -1;
  }
}

static int read_bytes(struct conn *c, char *out, size_t n) {
  while (c->rlen - c->rpos < n)
    if (fill(c) != 0)
      return -1;
  memcpy(out, c->rbuf + c->rpos, n);
  c->rpos += n;
  return 0;
}

static int do_set(struct conn *c, long key) {
  char req[MAX_VALUE + 128], line[256];
  uint32_t v = ++c->version[key];
  int h = snprintf(req, sizeof(req), "set c%d:%ld 0 0 ", c->id, key);
  char value[MAX_VALUE];
  size_t len = make_value(value, c->id, key, v);
  h += snprintf(req + h, sizeof(req) - (size_t)h, "%zu\r\n", len);
  memcpy(req + h, value, len);
  memcpy(req + h + len, "\r\n", 2);
  if (send_all(c, req, (size_t)h + len + 2) || read_line(c, line, sizeof(line)))
    return -1;
  if (strcmp(line, "STORED\r\n") != 0) {
    c->error = "set not stored";
    return -1;
  }
  c->sets++;
  return 0;
}

static int do_get(struct conn *c, long key) {
  char req[64], line[256], got[MAX_VALUE + 2], want[MAX_VALUE];
  int h = snprintf(req, sizeof(req), "get c%d:%ld\r\n", c->id, key);
  if (send_all(c, req, (size_t)h) || read_line(c, line, sizeof(line)))
    return -1;
  c->gets++;
  if (strcmp(line, "END\r\n") == 0) {
    if (c->version[key]) {
      c->error = "stored key missing";
      return -1;
    }
    c->misses++;
    return 0;
  }
  unsigned flags;
  size_t len;
  if (sscanf(line, "VALUE %*s %u %zu", &flags, &len) != 2 || len > MAX_VALUE) {
    c->error = "malformed VALUE line";
    return -1;
  }
  if (read_bytes(c, got, len + 2) || read_line(c, line, sizeof(line)))
    return -1;
  size_t wlen = c->version[key] ? make_value(want, c->id, key, c->version[key]) : 0;
  if (strcmp(line, "END\r\n") != 0 || wlen != len || memcmp(got, want, len) != 0) {
    c->error = "wrong value returned";
    return -1;
  }
  c->hits++;
  c->checksum = bench_mix(c->checksum, bench_mix((uint64_t)key, len));
  return 0;
}

static void *conn_main(void *arg) {
  struct conn *c = arg;
  uint64_t rng = 77 + (uint64_t)c->id;
  for (long i = 0; i < c->requests && !c->error; i++) {
    uint64_t r = bench_rand(&rng);
    long key = (long)(r % (uint64_t)c->keys);
    if ((r >> 32) % 10 < 3)
      do_set(c, key);
    else
      do_get(c, key);
  }
  return NULL;
}

static int connect_loopback(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct timeval tv = {.tv_sec = 10};
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int main(int argc, char **argv) {
  port = (int)bench_arg_long(argc, argv, "-p", 11211);
  int nconn = (int)bench_arg_long(argc, argv, "-c", 4);
  long requests = bench_arg_long(argc, argv, "-n", 20000);
  long keys = bench_arg_long(argc, argv, "-k", 1000);
  long limit_s = bench_arg_long(argc, argv, "-T", 60);
  if (port > 65535 || nconn > 64 || limit_s > 600)
    bench_fail("bad arguments");
  deadline_ns = bench_now_ns() + (uint64_t)limit_s * 1000000000u;

  struct conn *c = calloc((size_t)nconn, sizeof(*c));
  if (!c)
    bench_fail("out of memory");
  uint64_t t0 = bench_now_ns();
  for (int i = 0; i < nconn; i++) {
    c[i].id = i;
    c[i].requests = requests;
    c[i].keys = keys;
    c[i].checksum = BENCH_MIX_INIT;
    c[i].version = calloc((size_t)keys, sizeof(uint32_t));
    if (!c[i].version)
      bench_fail("out of memory");
    c[i].fd = connect_loopback();
    if (c[i].fd < 0)
      bench_fail("cannot connect to 127.0.0.1");
    BENCH_CHECK(pthread_create(&c[i].thread, NULL, conn_main, &c[i]));
  }
  uint64_t sets = 0, gets = 0, hits = 0, misses = 0, sum = 0;
  int failed = 0;
  for (int i = 0; i < nconn; i++) {
    BENCH_CHECK(pthread_join(c[i].thread, NULL));
    close(c[i].fd);
    if (c[i].error) {
      fprintf(stderr, "mcload: connection %d: %s\n", i, c[i].error);
      failed = 1;
    }
    sets += c[i].sets;
    gets += c[i].gets;
    hits += c[i].hits;
    misses += c[i].misses;
    sum += c[i].checksum;
    free(c[i].version);
  }
  double secs = (double)(bench_now_ns() - t0) / 1e9;
  free(c);
  if (failed)
    return 1;
  printf("mcload connections %d sets %llu gets %llu hits %llu misses %llu checksum %016llx\n",
         nconn, (unsigned long long)sets, (unsigned long long)gets, (unsigned long long)hits,
         (unsigned long long)misses, (unsigned long long)sum);
  printf("time seconds %.6f\n", secs);
  printf("time requests_per_s %.1f\n", (double)(sets + gets) / secs);
  return 0;
}
