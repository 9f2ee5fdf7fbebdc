/* The placement policy: numa_policy's value, the file's rules checked
 * against the topology, and the decision for one thread (place.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "core/suppress.h"
#include "numa/numa_flags.h"
#include "numa/place.h"

SS_HIDDEN enum ss_place_mode ss_place_mode;
SS_HIDDEN struct ss_place_rules ss_place_rules;
SS_HIDDEN char ss_place_path[256];

/* Per node (logical index), written at start-up, read-only afterwards:
 * the CPUs of the node the process may use, as a bitmap for hwloc, and
 * their count; the nodes that have any, in order, for the keyword rules. */
static hwloc_bitmap_t node_set[SS_TOPO_MAX_NODES];
static unsigned node_ncpus[SS_TOPO_MAX_NODES];
static int usable[SS_TOPO_MAX_NODES];
static unsigned nusable, total_cpus;

static char file_text[65536];

static void policy_off(const char *fmt, const char *a, const char *b) {
  char msg[768];
  ss_format(msg, sizeof(msg), fmt, a, b);
  ss_printf("==%d==WARNING: SyncSanitizer: numa_policy: %s; the policy is off (no thread is "
            "pinned)\n",
            ss_pid(), msg);
  memset(&ss_place_rules, 0, sizeof(ss_place_rules));
  __atomic_store_n(&ss_place_mode, SS_PLACE_OFF, __ATOMIC_RELAXED);
}

static int node_by_os(const struct ss_topo *t, int os) {
  for (unsigned i = 0; i < t->nnodes; i++)
    if (t->node_os[i] == os)
      return (int)i;
  return -1;
}

static int build_sets(const struct ss_topo *t) {
  for (unsigned i = 0; i < t->nnodes; i++) {
    cpu_set_t s;
    CPU_AND(&s, &t->node_cpus[i], &t->allowed);
    node_ncpus[i] = (unsigned)CPU_COUNT(&s);
    if (!node_ncpus[i])
      continue;
    hwloc_bitmap_t b = SS_HWLOC(hwloc_bitmap_alloc)();
    if (!b)
      return 0;
    for (int c = 0; c < SS_TOPO_MAX_CPUS; c++)
      if (CPU_ISSET(c, &s))
        SS_HWLOC(hwloc_bitmap_set)(b, (unsigned)c);
    node_set[i] = b;
    usable[nusable++] = (int)i;
    total_cpus += node_ncpus[i];
  }
  return nusable > 0;
}

static int read_file(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -errno;
  size_t len = 0;
  for (;;) {
    ssize_t r = read(fd, file_text + len, sizeof(file_text) - len);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int e = errno;
      close(fd);
      return -e;
    }
    if (r == 0)
      break;
    len += (size_t)r;
    if (len == sizeof(file_text)) {
      close(fd);
      return -EFBIG;
    }
  }
  close(fd);
  return (int)len;
}

/* The file's node rules name nodes of this topology with CPUs to run on. */
static int check_nodes(const struct ss_topo *t) {
  for (unsigned i = 0; i < ss_place_rules.n; i++) {
    const struct ss_place_rule *r = &ss_place_rules.rule[i];
    if (r->target != SS_PLACE_NODE)
      continue;
    int l = node_by_os(t, r->node_os);
    char where[320], what[128];
    ss_format(where, sizeof(where), "%s:%u", ss_place_path, r->line);
    if (l < 0) {
      ss_format(what, sizeof(what), "node %d is not in the topology (it has %u node%s)",
                r->node_os, t->nnodes, t->nnodes == 1 ? "" : "s");
      policy_off("%s: %s", where, what);
      return 0;
    }
    if (!node_ncpus[l]) {
      ss_format(what, sizeof(what), "node %d has no CPU the process may use", r->node_os);
      policy_off("%s: %s", where, what);
      return 0;
    }
  }
  return 1;
}

SS_HIDDEN void ss_place_init(void) {
  const char *v = ss_numa_flags.numa_policy;
  if (!v || !*v || !strcmp(v, "none"))
    return;
  const char *path = NULL;
  if (!strcmp(v, "compact"))
    ss_place_mode = SS_PLACE_MODE_COMPACT;
  else if (!strcmp(v, "scatter"))
    ss_place_mode = SS_PLACE_MODE_SCATTER;
  else if (v[0] == '@' && v[1])
    path = v + 1;
  else if (strchr(v, '/'))
    path = v;
  else {
    policy_off("unknown value '%s'%s", v,
               " (expected none, compact, scatter, or a policy file: a path containing '/', "
               "or @path)");
    return;
  }
  if (path) {
    ss_format(ss_place_path, sizeof(ss_place_path), "%s", path);
    int len = read_file(path);
    if (len < 0) {
      char what[128];
      ss_format(what, sizeof(what), "cannot read the policy file (%s)", strerror(-len));
      policy_off("%s: %s", path, what);
      return;
    }
    char err[256];
    if (ss_place_parse(file_text, (size_t)len, &ss_place_rules, err, sizeof(err), NULL) != 0) {
      policy_off("%s:%s", path, err);
      return;
    }
    ss_place_mode = SS_PLACE_MODE_FILE;
  }
}

/* The topology is loaded at the first thread start, not at start-up: the
 * runtime starts before libc has set up the environment, and hwloc reads
 * HWLOC_SYNTHETIC, HWLOC_XMLFILE and HWLOC_THISSYSTEM from it. So a file
 * that names a node the machine does not have is found then, and turns
 * the policy off before any thread is pinned. */
static ss_spin_t prep_lock SS_RUNTIME_LOCK;
static int prep_state; /* 0: not yet; 1: ready; 2: the policy went off */

static int prepare_locked(const struct ss_topo **out) {
  const struct ss_topo *t = ss_topo_get();
  if (!t) {
    policy_off("%s%s", "no topology", " (hwloc is missing or could not load it)");
    return 2;
  }
  if (!build_sets(t)) {
    policy_off("%s%s", "no NUMA node has a CPU the process may use", "");
    return 2;
  }
  if (ss_place_mode == SS_PLACE_MODE_FILE && !check_nodes(t))
    return 2;
  *out = t;
  return 1;
}

SS_HIDDEN const struct ss_topo *ss_place_prepare(void) {
  int s = __atomic_load_n(&prep_state, __ATOMIC_ACQUIRE);
  if (SS_LIKELY(s))
    return s == 1 ? ss_topo_get() : NULL;
  const struct ss_topo *t = NULL;
  ss_spin_lock(&prep_lock);
  s = prep_state;
  if (!s) {
    s = prepare_locked(&t);
    __atomic_store_n(&prep_state, s, __ATOMIC_RELEASE);
  }
  ss_spin_unlock(&prep_lock);
  return s == 1 ? ss_topo_get() : NULL;
}

SS_HIDDEN hwloc_const_bitmap_t ss_place_node_set(int node) {
  return node >= 0 && node < SS_TOPO_MAX_NODES ? node_set[node] : NULL;
}

/* compact: thread n (n >= 1, creation order) takes the (n-1)-th allowed
 * CPU counted node by node, wrapping; scatter: the (n-1)-th usable node. */
static int keyword_node(enum ss_place_target how, uint32_t tid) {
  if (!nusable)
    return -1;
  uint32_t k = tid - 1;
  if (how == SS_PLACE_SCATTER)
    return usable[k % nusable];
  k %= total_cpus;
  for (unsigned i = 0; i < nusable; i++) {
    if (k < node_ncpus[usable[i]])
      return usable[i];
    k -= node_ncpus[usable[i]];
  }
  return -1;
}

static int rule_matches(const struct ss_place_rule *r, uint32_t tid, const char *start,
                        const char *name) {
  switch (r->match) {
  case SS_PLACE_START:
    return start && *start && ss_glob_match(r->glob, start);
  case SS_PLACE_NAME:
    return name && *name && ss_glob_match(r->glob, name);
  case SS_PLACE_ORDER:
    return tid >= r->lo && tid <= r->hi;
  case SS_PLACE_DEFAULT:
    return 1;
  }
  return 0;
}

SS_HIDDEN int ss_place_decide(const struct ss_topo *t, uint32_t tid, const char *start,
                              const char *name, const struct ss_place_rule **rule) {
  *rule = NULL;
  if (tid == 0)
    return -1; /* the main thread is not placed: docs/numa.md says why */
  switch (ss_place_mode) {
  case SS_PLACE_OFF:
    return -1;
  case SS_PLACE_MODE_COMPACT:
    return keyword_node(SS_PLACE_COMPACT, tid);
  case SS_PLACE_MODE_SCATTER:
    return keyword_node(SS_PLACE_SCATTER, tid);
  case SS_PLACE_MODE_FILE:
    break;
  }
  for (unsigned i = 0; i < ss_place_rules.n; i++) {
    const struct ss_place_rule *r = &ss_place_rules.rule[i];
    if (!rule_matches(r, tid, start, name))
      continue;
    *rule = r;
    if (r->target == SS_PLACE_NODE)
      return node_by_os(t, r->node_os);
    if (r->target == SS_PLACE_NONE)
      return -1;
    return keyword_node(r->target, tid);
  }
  return -1;
}

SS_HIDDEN const char *ss_place_rule_text(const struct ss_place_rule *r, char *buf, size_t n) {
  if (!r && ss_place_mode == SS_PLACE_MODE_FILE)
    ss_format(buf, n, "no rule of policy file %s matched", ss_place_path);
  else if (!r)
    ss_format(buf, n, "numa_policy=%s", ss_numa_flags.numa_policy);
  else
    ss_format(buf, n, "policy file %s:%u '%s'", ss_place_path, r->line, r->text);
  return buf;
}
