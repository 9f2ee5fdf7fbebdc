/* The observer of synchronisation-object operations (access.h). */
#include "access.h"

SS_HIDDEN int ss_access_on;
SS_HIDDEN ss_access_fn ss_access_observer;

SS_HIDDEN void ss_access_observe(ss_access_fn fn) {
  ss_access_observer = fn;
  ss_access_on = fn != NULL;
}
