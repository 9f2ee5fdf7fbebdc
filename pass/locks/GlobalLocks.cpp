//===- GlobalLocks.cpp - register the module's lock-typed globals ---------===//
//
// A lock's class is its global symbol. The pass knows the symbol only where
// an operation names the global directly; a lock reached through a pointer
// parameter (the rule at -O0) would otherwise be known only by address.
// Telling the runtime where each lock-typed global lives makes the class,
// and a level declared on the global, independent of the access path.
//
//===----------------------------------------------------------------------===//
#include "GlobalLocks.h"

#include "LockLevels.h"
#include "core/Registration.h"

#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"

using namespace llvm;

namespace syncsan {

/// True when T is, or holds, a lock type clang names recognisably.
static bool holdsLock(Type *T, unsigned Depth = 0) {
  if (Depth > 6)
    return false;
  if (auto *A = dyn_cast<ArrayType>(T))
    return holdsLock(A->getElementType(), Depth + 1);
  auto *S = dyn_cast<StructType>(T);
  if (!S)
    return false;
  if (S->hasName()) {
    StringRef N = S->getName();
    if (N.starts_with("union.pthread_mutex_t") || N.starts_with("union.pthread_rwlock_t") ||
        N.starts_with("union.mtx_t") || N.starts_with("class.std::mutex") ||
        N.starts_with("class.std::recursive_mutex") ||
        N.starts_with("class.std::timed_mutex") || N.starts_with("class.std::shared_mutex") ||
        N.starts_with("class.std::shared_timed_mutex"))
      return true;
  }
  for (Type *E : S->elements())
    if (holdsLock(E, Depth + 1))
      return true;
  return false;
}

void registerLockGlobals(Module &M, const LockLevels &Levels) {
  LLVMContext &C = M.getContext();
  const DataLayout &DL = M.getDataLayout();
  Type *Ptr = PointerType::getUnqual(C);
  Type *I64 = Type::getInt64Ty(C);
  Type *I32 = Type::getInt32Ty(C);
  StructType *EntryTy = StructType::getTypeByName(C, "syncsan.global");
  if (!EntryTy)
    EntryTy = StructType::create(C, {Ptr, I64, Ptr, I32, I32}, "syncsan.global");

  std::vector<Constant *> Entries;
  for (GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || !GV.hasName() || GV.getName().starts_with("llvm.") ||
        GV.getName().starts_with("syncsan.") || GV.getName().starts_with(".") ||
        GV.isThreadLocal())
      continue;
    // The table's address field is a generic pointer. A global in another
    // address space has no generic address on every target (x86-64's fs-
    // and gs-relative spaces), and putting its own pointer type in the
    // field would make the table an invalid constant.
    if (GV.getAddressSpace() != 0)
      continue;
    uint32_t Flags = Levels.flagsFor(&GV);
    if (!Flags && !holdsLock(GV.getValueType()))
      continue;
    Constant *Name = ConstantDataArray::getString(C, demangle(GV.getName().str()));
    auto *NameGV = new GlobalVariable(M, Name->getType(), true, GlobalValue::PrivateLinkage,
                                      Name, "syncsan.gname");
    NameGV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    NameGV->setAlignment(Align(1));
    // Elements of an array of locks (or of structs holding locks) share
    // their class, as lockdep's static arrays do: the runtime names a lock
    // by its offset within one element.
    uint64_t Stride = 0;
    if (auto *AT = dyn_cast<ArrayType>(GV.getValueType()))
      Stride = DL.getTypeAllocSize(AT->getElementType());
    Entries.push_back(ConstantStruct::get(
        EntryTy, {&GV, ConstantInt::get(I64, DL.getTypeAllocSize(GV.getValueType())), NameGV,
                  ConstantInt::get(I32, Flags), ConstantInt::get(I32, Stride)}));
  }
  if (Entries.empty())
    return;

  auto *ArrTy = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(M, ArrTy, true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(ArrTy, Entries), "syncsan.globals");
  appendRegistrationCtor(M, "syncsan.register_globals", "__syncsan_register_globals", Table,
                         Entries.size());
}

} // namespace syncsan
