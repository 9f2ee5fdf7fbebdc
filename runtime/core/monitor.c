/* The monitor thread (monitor.h). */
#include "monitor.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "real.h"

struct tick {
  void (*fn)(uint64_t now_ms);
  uint32_t period_ms;
  uint64_t next_ms; /* monitor thread only */
};

static struct tick ticks[SS_MONITOR_MAX_TICKS];
static unsigned nticks;     /* written at start-up only */
static int started;         /* 0 none, 1 running (or starting) */
static __thread int is_monitor;

SS_HIDDEN uint64_t ss_monitor_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

SS_HIDDEN int ss_monitor_add(void (*fn)(uint64_t now_ms), uint32_t period_ms) {
  if (nticks == SS_MONITOR_MAX_TICKS)
    return 0;
  if (period_ms < 10)
    period_ms = 10;
  if (period_ms > 1000)
    period_ms = 1000;
  ticks[nticks].fn = fn;
  ticks[nticks].period_ms = period_ms;
  nticks++;
  return 1;
}

SS_HIDDEN int ss_monitor_is_self(void) { return is_monitor; }

static void *monitor(void *arg) {
  (void)arg;
  is_monitor = 1;
  uint64_t now = ss_monitor_now_ms();
  for (unsigned i = 0; i < nticks; i++)
    ticks[i].next_ms = now + ticks[i].period_ms;
  for (;;) {
    uint64_t wake = UINT64_MAX;
    for (unsigned i = 0; i < nticks; i++)
      if (ticks[i].next_ms < wake)
        wake = ticks[i].next_ms;
    now = ss_monitor_now_ms();
    if (wake > now) {
      uint64_t d = wake - now;
      struct timespec ts = {(time_t)(d / 1000), (long)(d % 1000) * 1000000};
      while (nanosleep(&ts, &ts) != 0) {
      }
      now = ss_monitor_now_ms();
    }
    for (unsigned i = 0; i < nticks; i++) {
      if (ticks[i].next_ms > now)
        continue;
      ticks[i].fn(now);
      /* A tick that overran its period runs again a full period later,
       * not in a burst to catch up. */
      ticks[i].next_ms = now + ticks[i].period_ms;
    }
  }
  return NULL;
}

SS_HIDDEN void ss_monitor_start(void) {
  if (!nticks || __atomic_load_n(&started, __ATOMIC_ACQUIRE))
    return;
  if (__atomic_exchange_n(&started, 1, __ATOMIC_ACQ_REL))
    return;
  /* The monitor takes no signal meant for the program. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t th;
  if (SS_REAL(pthread_create)(&th, &attr, monitor, NULL) == 0)
    SS_REAL(pthread_setname_np)(th, "syncsan-mon");
  else
    __atomic_store_n(&started, 0, __ATOMIC_RELEASE); /* a later start may succeed */
  pthread_attr_destroy(&attr);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* The thread does not survive a fork: the child starts its own when a
 * family asks again (the lock family does at its second thread). */
SS_HIDDEN void ss_monitor_fork_child(void) {
  started = 0;
  is_monitor = 0;
}
