// Report caps: past max_reports_per_check reports of one check (default
// 100), or max_reports in all (default 1000), problems are counted, not
// printed, and still set the exit status; the exit says how many were left
// out. 150 distinct unlock-not-held sites and 30 double-lock sites.
// RUN: python3 %S/Inputs/report-sites.py 150 30 > %t.c
// RUN: %syncsan-cc %O -g %t.c -o %t
// RUN: %expect-exit 66 %t > %t.default 2>&1
// RUN: grep -c 'ERROR: SyncSanitizer: unlock-not-held' %t.default | FileCheck %s --check-prefix=HUNDRED
// RUN: grep -c 'ERROR: SyncSanitizer: double-lock' %t.default | FileCheck %s --check-prefix=THIRTY
// RUN: FileCheck %s --check-prefix=DEFAULT < %t.default
// RUN: env SYNCSAN_OPTIONS=max_reports_per_check=0:max_reports=120 %expect-exit 66 %t > %t.total 2>&1
// RUN: grep -c 'ERROR: SyncSanitizer' %t.total | FileCheck %s --check-prefix=TOTAL
// RUN: FileCheck %s --check-prefix=TOTAL-LINE < %t.total
// RUN: env SYNCSAN_OPTIONS=max_reports_per_check=0:max_reports=0 %expect-exit 66 %t > %t.all 2>&1
// RUN: grep -c 'ERROR: SyncSanitizer' %t.all | FileCheck %s --check-prefix=ALL
// RUN: FileCheck %s --check-prefix=ALL-LINE < %t.all
// HUNDRED: {{^100$}}
// THIRTY: {{^30$}}
// DEFAULT: done
// DEFAULT: ==[[#]]==SyncSanitizer: 50 more reports suppressed (max_reports_per_check=100, max_reports=1000)
// DEFAULT-NEXT: ==[[#]]==SyncSanitizer: 130 error reports{{$}}
// TOTAL: {{^120$}}
// TOTAL-LINE: SyncSanitizer: 60 more reports suppressed (max_reports_per_check=0, max_reports=120)
// TOTAL-LINE-NEXT: SyncSanitizer: 120 error reports
// ALL: {{^180$}}
// ALL-LINE-NOT: suppressed
// ALL-LINE: SyncSanitizer: 180 error reports
