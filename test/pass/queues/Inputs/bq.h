/* A bounded queue library's header, annotated for syncsan. */
#include <syncsan/syncsan.h>

struct bq;
struct bq *bq_new(unsigned cap) SYNCSAN_QUEUE("create handle=result capacity=arg0");
int bq_push(struct bq *q, int v) SYNCSAN_QUEUE("push blocking ok=zero");
int bq_pop(struct bq *q, int *v) SYNCSAN_QUEUE("pop blocking ok=zero strict_close");
_Bool bq_try_push(struct bq *q, int v) SYNCSAN_QUEUE("push nonblocking ok=nonzero");
void *bq_take(struct bq *q) SYNCSAN_QUEUE("pop ok=nonnull");
void bq_close(struct bq *q) SYNCSAN_QUEUE("close");
void bq_free(struct bq *q) SYNCSAN_QUEUE("destroy");
