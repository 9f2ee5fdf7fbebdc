//===- DebugTypes.h - source names and qualifiers from debug info -*- C++ -*-===//
//
// IR struct types and offsets become the names a programmer wrote
// ("field 'tail' of 'struct queue'", "stats.hits") when the module has
// debug info, and debug info also tells whether an object was declared
// _Atomic (then a plain store to it can only be C's atomic_init). Without
// debug info the names fall back to types and byte offsets.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_DEBUGTYPES_H
#define SYNCSAN_PASS_DEBUGTYPES_H

#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace llvm {
class DICompositeType;
class DIType;
class GlobalVariable;
class Module;
class StructType;
class DataLayout;
} // namespace llvm

namespace syncsan {

class DebugTypes {
public:
  explicit DebugTypes(const llvm::Module &M);

  bool available() const { return HasDebugInfo; }

  /// "struct queue", "std::atomic<int>".
  std::string structName(llvm::StructType *ST) const;
  /// "tail", "stats.hits", or "" without debug info.
  std::string fieldName(llvm::StructType *ST, uint64_t Off) const;
  /// "'tail'", or "the field at offset 8" without debug info.
  std::string fieldShort(llvm::StructType *ST, uint64_t Off) const;
  /// "field 'tail' of 'struct queue'", or "the field at offset 8 of 'struct queue'".
  std::string fieldRef(llvm::StructType *ST, uint64_t Off) const;
  /// "hits", "stats.hits", "table+16".
  std::string globalName(const llvm::GlobalVariable *GV, uint64_t Off) const;

  /// The alignment the source declared for the struct (alignas on it or on
  /// a member raises it beyond what the IR type says), else the IR's.
  uint64_t structAlign(llvm::StructType *ST) const;

  /// A type of the C++ standard library, or declared in a system header:
  /// its fields' accesses are the library's business, not the user's.
  bool isSystemType(llvm::StructType *ST) const;

  bool isAtomicField(llvm::StructType *ST, uint64_t Off) const;
  bool isAtomicGlobal(const llvm::GlobalVariable *GV, uint64_t Off) const;

  /// Where the user declared what holds byte Off: the member that
  /// fieldName/globalName end at, or the global itself.
  struct Decl {
    llvm::StringRef Name, Directory, File;
    unsigned Line = 0; // 0: unknown
  };
  Decl fieldDecl(llvm::StructType *ST, uint64_t Off) const;
  Decl globalDecl(const llvm::GlobalVariable *GV, uint64_t Off) const;

private:
  const llvm::DICompositeType *composite(llvm::StructType *ST) const;
  const llvm::DIType *globalType(const llvm::GlobalVariable *GV) const;

  const llvm::DataLayout &DL;
  bool HasDebugInfo = false;
  bool IsC = false;
  llvm::StringMap<std::vector<const llvm::DICompositeType *>> Composites;
};

} // namespace syncsan

#endif
