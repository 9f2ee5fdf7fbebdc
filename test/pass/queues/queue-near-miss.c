// Valid declarations compile silently: an annotated header and a spec file
// together (the same function declared the same way in both, lines for
// functions this unit never calls), at -O0 and -O2, as objects and as a
// program's IR. A spec none of whose functions the unit declares is
// silent too (most units of a program call no queue function): only
// -fsyncsan-queue-list says so, with what each declared function got.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf '# the library header is annotated as well\npush bq_push blocking ok=zero\nclose bq_close\n' > %t/ok.spec
// RUN: %syncsan-cc -O0 -Wall -I%S/Inputs -c %s -o %t/a.o -fsyncsan-queue-spec=%t/ok.spec 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
// RUN: %syncsan-cc -O2 -Wall -I%S/Inputs -c %s -o %t/a.o -fsyncsan-queue-spec=%t/ok.spec 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
// RUN: %syncsan-cc -O2 -Wall -c %S/Inputs/no_queues.c -o %t/b.o -fsyncsan-queue-spec=%S/Inputs/lib.spec 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
// SILENT-NOT: {{.}}
// -fsyncsan-instrument-queues=0 reads nothing: not even a missing file.
// RUN: %syncsan-cc -O2 -c %s -I%S/Inputs -o %t/a.o -fsyncsan-instrument-queues=0 -fsyncsan-queue-spec=%t/missing.spec 2>&1 | FileCheck %s --check-prefix=SILENT --allow-empty
//
// RUN: %syncsan-cc -O2 -I%S/Inputs -c %s -o %t/a.o -fsyncsan-queue-spec=%t/ok.spec -fsyncsan-queue-list 2>&1 | FileCheck %s --check-prefix=LIST
// LIST-DAG: syncsan: note: {{.*}}queue-near-miss.c: queue function bq_new ('create handle=result capacity=arg0', declared at {{.*}}bq.h:5): 1 call wrapped
// LIST-DAG: syncsan: note: {{.*}}queue-near-miss.c: queue function bq_push ('push blocking ok=zero', declared at {{.*}}bq.h:6): 2 calls wrapped
// LIST-DAG: syncsan: note: {{.*}}queue-near-miss.c: queue function bq_close ('close', declared at {{.*}}bq.h:10): 1 call wrapped
// LIST-NOT: declares none
// RUN: %syncsan-cc -O2 -c %S/Inputs/no_queues.c -o %t/b.o -fsyncsan-queue-spec=%S/Inputs/lib.spec -fsyncsan-queue-list 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: syncsan: note: {{.*}}no_queues.c: this unit declares none of the 6 functions of the queue spec file '{{.*}}lib.spec'
#include "bq.h"

int produce(struct bq *q, int n) {
  int r = 0;
  for (int i = 0; i < n; i++)
    r |= bq_push(q, i);
  return r | bq_push(q, -1);
}

struct bq *start(void) { return bq_new(16); }

void stop(struct bq *q) { bq_close(q); }
