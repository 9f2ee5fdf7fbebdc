//===- AtomicAccesses.h - who accesses which object, and how -*- C++ -*-===//
//
// The object-level checks (atomic-mixed-access, atomic-false-sharing, the
// seq_cst counter remark) ask questions about objects, not instructions:
// is this struct field accessed both atomically and plainly? which fields
// of this struct are written atomically? So before inlining (while every
// field access is still a GEP over the struct's type) we collect, for each
// global and for each field of each struct type, every access to it:
// direct ones, and those made by callees the pointer is passed to (function
// summaries, which is how std::atomic's member functions are seen).
//
// An access made while the object cannot be shared yet (a fresh allocation
// before it escapes, a constructor's own object, a global in main before
// the first thread is created or in a static initialiser, C's atomic_init
// of an _Atomic object) is marked Exempt.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICACCESSES_H
#define SYNCSAN_PASS_ATOMICACCESSES_H

#include "llvm/ADT/MapVector.h"

#include <cstdint>
#include <vector>

namespace llvm {
class Function;
class GlobalVariable;
class Instruction;
class Module;
class StructType;
} // namespace llvm

namespace syncsan {

struct ObjAccess {
  const llvm::Instruction *Site = nullptr; // where a diagnostic points: user code
  const llvm::Function *Fn = nullptr;      // the function that performs it
  uint64_t Off = 0;                        // from the start of the object/struct
  uint64_t Size = 0;
  bool Atomic = false;
  bool Reads = false;
  bool Writes = false;
  bool CounterRMW = false; // an add/sub whose result decides nothing
  bool SyncUse = false;    // the value read decides a branch or an address
  int Order = -1;          // C ABI order when known
  bool Exempt = false;     // made before the object can be shared
  bool Coarse = false;     // somewhere in [Off, Off + Size): a variable index
};

/// An atomic write to an element of an array in a global, at an index known
/// only at run time (counters[id]): which slot is written is the thread's
/// business, so only the array's layout is known.
struct SlotWrite {
  const llvm::Instruction *Site = nullptr;
  const llvm::Function *Fn = nullptr;
  uint64_t Start = 0;  // where the array starts in the global
  uint64_t Stride = 0; // element size
  uint64_t Count = 0;  // elements; 0 when unknown
  uint64_t Size = 0;   // bytes written
};

struct AccessModel {
  llvm::MapVector<const llvm::GlobalVariable *, std::vector<ObjAccess>> Globals;
  llvm::MapVector<llvm::StructType *, std::vector<ObjAccess>> Fields;
  llvm::MapVector<const llvm::GlobalVariable *, std::vector<SlotWrite>> Slots;
};

class DebugTypes;

AccessModel collectAccesses(llvm::Module &M, const DebugTypes &Types);

} // namespace syncsan

#endif
