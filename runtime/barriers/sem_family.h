/* The POSIX semaphore checks as a family of the core (core/family.h). */
#ifndef SYNCSAN_SEM_FAMILY_H
#define SYNCSAN_SEM_FAMILY_H
#include "core/family.h"

SS_HIDDEN extern const struct ss_family ss_sems_family;
#endif
