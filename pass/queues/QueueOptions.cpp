//===- QueueOptions.cpp - where queue declarations come from --------------===//
#include "queues/QueueOptions.h"

using namespace llvm;

namespace syncsan {

cl::opt<std::string> QueueSpecFile("syncsan-queue-spec", cl::value_desc("file"),
                                   cl::desc("Spec file declaring queue functions, one per "
                                            "line: ROLE FUNCTION key=value ... (default: "
                                            "$SYNCSAN_QUEUE_SPEC)"));

cl::opt<bool> QueueList("syncsan-queue-list", cl::init(false),
                        cl::desc("Print a note for each declared queue function of a "
                                 "unit and the calls of it that were wrapped"));

} // namespace syncsan
