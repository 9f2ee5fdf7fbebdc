//===- LockOptions.cpp - which lock and thread calls are rewritten --------===//
#include "LockOptions.h"

using namespace llvm;

namespace syncsan {

cl::opt<bool> InstrumentLocks("syncsan-instrument-locks", cl::init(true),
                              cl::desc("Rewrite lock and condition variable "
                                       "calls into syncsan hooks"));
cl::opt<bool> InstrumentThreads("syncsan-instrument-threads", cl::init(true),
                                cl::desc("Rewrite thread creation calls into "
                                         "syncsan hooks"));

cl::opt<bool> InstrumentBarriers("syncsan-instrument-barriers", cl::init(true),
                                 cl::desc("Rewrite barrier and semaphore calls "
                                          "into syncsan hooks"));

cl::opt<bool> InstrumentQueues("syncsan-instrument-queues", cl::init(true),
                               cl::desc("Rewrite queue operations (POSIX message queues, "
                                        "GLib's GAsyncQueue, and the functions a queue "
                                        "annotation or spec file names) into syncsan hooks"));

cl::opt<bool> InlineFastPath("syncsan-inline-fast-path", cl::init(true),
                             cl::desc("Emit the runtime's first-lock and innermost-"
                                      "release paths in line (<syncsan/abi_fast.h>)"));

bool groupEnabled(CallGroup G) {
  switch (G) {
  case CallGroup::Lock:
    return InstrumentLocks;
  case CallGroup::Thread:
    return InstrumentThreads;
  case CallGroup::Barrier:
    return InstrumentBarriers;
  case CallGroup::Queue:
    return InstrumentQueues;
  }
  return false;
}

} // namespace syncsan
