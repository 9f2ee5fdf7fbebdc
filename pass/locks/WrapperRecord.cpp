//===- WrapperRecord.cpp - carry the lock wrappers to the late pass -------===//
//
// Recognised before inlining, needed after it: !syncsan.lock_wrappers holds
// one !{!"<IR name>", !"<name as sites spell it>"} per wrapper. Strings,
// not references: inlining deletes the static wrappers it has inlined
// everywhere, and their inlined frames still name them.
//
//===----------------------------------------------------------------------===//
#include "LockWrappers.h"
#include "LockDispatch.h"

#include "core/Registration.h"

#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Metadata.h"

using namespace llvm;

namespace syncsan {

static const char *const RecordName = "syncsan.lock_wrappers";

/// F's name as a site inside it spells its function (core/Sites.cpp).
static std::string siteName(const Function &F) {
  if (const DISubprogram *SP = F.getSubprogram()) {
    if (!SP->getLinkageName().empty())
      return demangle(SP->getLinkageName().str());
    if (!SP->getName().empty())
      return SP->getName().str();
  }
  return demangle(F.getName().str());
}

static void add(LockWrappers &W, StringRef IRName, StringRef SiteName, Module &M) {
  if (IRName.empty() || !W.Scopes.Names.insert(IRName).second)
    return;
  W.SiteNames.push_back(SiteName.str());
  if (Function *F = M.getFunction(IRName); F && !F->isDeclaration())
    W.Scopes.Functions.insert(F);
}

void recordLockWrappers(Module &M) {
  LLVMContext &C = M.getContext();
  NamedMDNode *Record = M.getOrInsertNamedMetadata(RecordName);
  Record->clearOperands(); // an input already carrying one is recognised anew
  for (Function *F : recogniseLockWrappers(M))
    Record->addOperand(
        MDNode::get(C, {MDString::get(C, F->getName()), MDString::get(C, siteName(*F))}));
}

LockWrappers takeLockWrappers(Module &M) {
  LockWrappers W;
  NamedMDNode *Record = M.getNamedMetadata(RecordName);
  if (!Record) {
    for (Function *F : recogniseLockWrappers(M))
      add(W, F->getName(), siteName(*F), M);
    return W;
  }
  for (const MDNode *N : Record->operands()) {
    if (!N || N->getNumOperands() != 2)
      continue;
    const auto *IRName = dyn_cast_or_null<MDString>(N->getOperand(0).get());
    const auto *SiteName = dyn_cast_or_null<MDString>(N->getOperand(1).get());
    if (IRName && SiteName)
      add(W, IRName->getString(), SiteName->getString(), M);
  }
  M.eraseNamedMetadata(Record);
  return W;
}

void addLockDispatchers(Module &M, LockWrappers &W) {
  SmallVector<Function *, 8> Found;
  findLockDispatchers(M, Found);
  for (Function *F : Found)
    if (!W.Scopes.Names.count(F->getName()) && W.Dispatchers.insert(F).second)
      W.SiteNames.push_back(siteName(*F));
}

void dropLockWrapperRecord(Module &M) {
  if (NamedMDNode *Record = M.getNamedMetadata(RecordName))
    M.eraseNamedMetadata(Record);
}

void registerLockWrappers(Module &M, const LockWrappers &W) {
  if (W.SiteNames.empty())
    return;
  std::vector<Constant *> Names;
  for (const std::string &N : W.SiteNames)
    Names.push_back(privateString(M, N, "syncsan.wname"));
  auto *ArrTy = ArrayType::get(PointerType::getUnqual(M.getContext()), Names.size());
  auto *Table = new GlobalVariable(M, ArrTy, true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(ArrTy, Names), "syncsan.wrappers");
  appendRegistrationCtor(M, "syncsan.register_wrappers", "__syncsan_register_wrappers", Table,
                         Names.size());
}

} // namespace syncsan
