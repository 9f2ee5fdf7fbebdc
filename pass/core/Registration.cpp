//===- Registration.cpp - hand a module's tables to the runtime -----------===//
#include "Registration.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace syncsan {

void appendRegistrationCtor(Module &M, StringRef CtorName, StringRef Hook, Constant *Table,
                            uint64_t N) {
  LLVMContext &C = M.getContext();
  Type *Ptr = PointerType::getUnqual(C);
  Type *I64 = Type::getInt64Ty(C);
  Function *Ctor = Function::createWithDefaultAttr(FunctionType::get(Type::getVoidTy(C), false),
                                                   GlobalValue::InternalLinkage, 0, CtorName, &M);
  IRBuilder<> B(BasicBlock::Create(C, "", Ctor));
  FunctionCallee Register =
      M.getOrInsertFunction(Hook, FunctionType::get(Type::getVoidTy(C), {Ptr, I64}, false));
  B.CreateCall(Register, {Table, ConstantInt::get(I64, N)});
  B.CreateRetVoid();
  // Priority 0, as the runtime's own init: the tables are in place before
  // any user constructor can take a lock.
  appendToGlobalCtors(M, Ctor, 0);
}

Constant *privateString(Module &M, StringRef S, StringRef Name) {
  Constant *Init = ConstantDataArray::getString(M.getContext(), S);
  auto *GV = new GlobalVariable(M, Init->getType(), true, GlobalValue::PrivateLinkage, Init, Name);
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return GV;
}

} // namespace syncsan
