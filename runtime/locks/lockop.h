/* The description of one lock operation that hooks hand to the lock
 * events (locks.h). Its own header so that the files the events use
 * (deadlock.h, lock_class.h, lock_profile.h) can see it without a cycle. */
#ifndef SYNCSAN_LOCKOP_H
#define SYNCSAN_LOCKOP_H
#include "lock_thread.h"

enum ss_acquire { SS_ACQ_BLOCKING, SS_ACQ_TRY, SS_ACQ_TIMED };

/* What the caller knows about the lock object's semantics. */
struct ss_lockop {
  uintptr_t addr;
  const struct syncsan_site *site;
  uint16_t kind;      /* enum ss_lock_kind */
  uint16_t mode;      /* enum ss_mode */
  uint8_t acq;        /* enum ss_acquire */
  uint8_t recursive;  /* re-acquiring while held is allowed */
  uint8_t errorcheck; /* re-acquiring returns an error instead of hanging */
  /* Filled by ss_lock_before for ss_lock_after; hooks leave them alone. */
  uint8_t resolved;   /* class and chain below are valid */
  uint32_t node;      /* lock-order graph node (class, or subclass) */
  uint32_t gen;       /* lock record generation */
  int32_t level;      /* declared level; 0 none */
  uint8_t ordered;    /* that level is an ordered group */
  /* PTHREAD_PROCESS_SHARED (another process may hold or release it): 0 or
   * SS_HELD_PSHARED, the held entry's flag as it is. Set by the hook; here,
   * in what would be padding, to keep the op as small as it was (every hook
   * writes it out whole). */
  uint8_t pshared;
  /* Set by ss_lock_before (deadlock_action=fail): the acquisition is a
   * certain self-deadlock that the hook refuses with its API's error,
   * without the real call (ss_lock_refused). Also in former padding. */
  uint8_t refused;
  uint64_t chain;     /* chain key with this lock on top */
  uint64_t t0;        /* clock before the real acquire (timing on) */
};
#endif
