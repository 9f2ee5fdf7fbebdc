// Section titles and the headline hold whole class names: a cycle between
// two locks with long names still ends its closing title with "(this closes
// the cycle):" (titles used to be cut at 200 bytes).
// RUN: %syncsan-cc %O -g %s -o %t
// RUN: %expect-exit 66 %t 2>&1 | FileCheck %s
#include <pthread.h>

pthread_mutex_t the_session_table_lock_that_guards_every_open_session_of_the_server_process_and_its_workers = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t the_connection_pool_lock_that_guards_every_pooled_connection_of_the_server_and_its_workers = PTHREAD_MUTEX_INITIALIZER;
#define A the_session_table_lock_that_guards_every_open_session_of_the_server_process_and_its_workers
#define B the_connection_pool_lock_that_guards_every_pooled_connection_of_the_server_and_its_workers

int main(void) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}
// CHECK: ERROR: SyncSanitizer: lock-order-inversion: lock order cycle of 2 locks (potential deadlock): 'the_connection_pool_lock_that_guards_every_pooled_connection_of_the_server_and_its_workers' -> 'the_session_table_lock_that_guards_every_open_session_of_the_server_process_and_its_workers' -> 'the_connection_pool_lock_that_guards_every_pooled_connection_of_the_server_and_its_workers'{{$}}
// CHECK: Thread T0 acquires 'the_session_table_lock_that_guards_every_open_session_of_the_server_process_and_its_workers' while holding 'the_connection_pool_lock_that_guards_every_pooled_connection_of_the_server_and_its_workers' (this closes the cycle):{{$}}
// CHECK: SUMMARY: SyncSanitizer: lock-order-inversion {{.*}}order-long-names.c:[[#@LINE-7]] in main
