/* The libevent check of scripts/check-libevent.sh: two threads lock two
 * evbuffers through libevent's own lock layer (evbuffer_lock ->
 * evthread_lock_fns_.lock -> evthread_posix_lock -> pthread_mutex_lock) in
 * opposite orders. The threads run one after the other, so the program never
 * deadlocks; the order is still inconsistent, and a lock-order checker must
 * name the two lines below that take the second buffer. */
#include <event2/buffer.h>
#include <event2/thread.h>
#include <pthread.h>
#include <stdio.h>

static struct evbuffer *in, *out;

static void *forward(void *arg) {
  (void)arg;
  evbuffer_lock(in);
  evbuffer_lock(out); /* in -> out */
  evbuffer_add(out, "x", 1);
  evbuffer_unlock(out);
  evbuffer_unlock(in);
  return NULL;
}

static void *backward(void *arg) {
  (void)arg;
  evbuffer_lock(out);
  evbuffer_lock(in); /* out -> in */
  evbuffer_add(in, "y", 1);
  evbuffer_unlock(in);
  evbuffer_unlock(out);
  return NULL;
}

int main(void) {
  if (evthread_use_pthreads() != 0)
    return 2;
  in = evbuffer_new();
  out = evbuffer_new();
  evbuffer_enable_locking(in, NULL);
  evbuffer_enable_locking(out, NULL);
  pthread_t t;
  pthread_create(&t, NULL, forward, NULL);
  pthread_join(t, NULL);
  pthread_create(&t, NULL, backward, NULL);
  pthread_join(t, NULL);
  printf("in=%zu out=%zu\n", evbuffer_get_length(in), evbuffer_get_length(out));
  evbuffer_free(in);
  evbuffer_free(out);
  return 0;
}
