//===- CxxSyncCalls.cpp - route C++20 sync members to the runtime ---------===//
//
// libstdc++ implements std::barrier, std::latch and std::counting_semaphore
// in headers,
// on atomics and futex waits: no pthread call is made, so nothing the
// intercept table names happens. Before inlining, each use is still a
// direct call of a linkonce_odr member of the module (even at -O0, where
// the always-inliner would dissolve the always_inline ones): such a call
// is rewritten into the runtime's entry for the member, with the member's
// address appended so that the runtime performs the real operation by
// calling it (the member stays defined: the pointer is a use of it).
//
// A member is recognised by its demangled name, in std directly, and by
// its IR signature: anything of another shape (a barrier with a completion
// function passed by value, a libstdc++ that changed) is left alone, as is
// a call inside one of the members themselves (their own calls of each
// other are one operation). The rewritten call carries !syncsan.cxx so the
// late pass knows it is a hook call already.
//
//===----------------------------------------------------------------------===//
#include "barriers/CxxSyncCalls.h"

#include "core/CallRewrite.h"
#include "core/Sites.h"
#include "syncsan/abi.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"

#include <optional>

using namespace llvm;

namespace syncsan {

namespace {

enum class Ret { Void, I8, I1 };
enum class Arg { Ptr, I64 };

struct Member {
  const char *Class;  // "std::barrier<" (a template's) or "std::latch::" (a class's)
  const char *Name;   // the member's name, up to its '('
  const char *Hook;   // the runtime's entry
  uint32_t Op;
  Ret R;
  SmallVector<Arg, 2> Args; // after `this`
};

const Member Members[] = {
    {"std::barrier<", "barrier", "__syncsan_cxx_barrier_init", SYNCSAN_OP_CXX_BARRIER_INIT,
     Ret::Void, {Arg::I64}},
    {"std::barrier<", "arrive_and_wait", "__syncsan_cxx_barrier_arrive_and_wait",
     SYNCSAN_OP_CXX_BARRIER_ARRIVE_AND_WAIT, Ret::Void, {}},
    {"std::barrier<", "arrive", "__syncsan_cxx_barrier_arrive", SYNCSAN_OP_CXX_BARRIER_ARRIVE,
     Ret::I8, {Arg::I64}},
    {"std::barrier<", "wait", "__syncsan_cxx_barrier_wait", SYNCSAN_OP_CXX_BARRIER_WAIT,
     Ret::Void, {Arg::Ptr}},
    {"std::barrier<", "arrive_and_drop", "__syncsan_cxx_barrier_arrive_and_drop",
     SYNCSAN_OP_CXX_BARRIER_ARRIVE_AND_DROP, Ret::Void, {}},
    {"std::latch::", "latch", "__syncsan_cxx_latch_init", SYNCSAN_OP_CXX_LATCH_INIT, Ret::Void,
     {Arg::I64}},
    {"std::latch::", "count_down", "__syncsan_cxx_latch_count_down",
     SYNCSAN_OP_CXX_LATCH_COUNT_DOWN, Ret::Void, {Arg::I64}},
    {"std::latch::", "wait", "__syncsan_cxx_latch_wait", SYNCSAN_OP_CXX_LATCH_WAIT, Ret::Void, {}},
    {"std::latch::", "arrive_and_wait", "__syncsan_cxx_latch_arrive_and_wait",
     SYNCSAN_OP_CXX_LATCH_ARRIVE_AND_WAIT, Ret::Void, {Arg::I64}},
    {"std::counting_semaphore<", "counting_semaphore", "__syncsan_cxx_sem_init",
     SYNCSAN_OP_CXX_SEM_INIT, Ret::Void, {Arg::I64}},
    {"std::counting_semaphore<", "acquire", "__syncsan_cxx_sem_acquire", SYNCSAN_OP_CXX_SEM_ACQUIRE,
     Ret::Void, {}},
    {"std::counting_semaphore<", "try_acquire", "__syncsan_cxx_sem_try_acquire",
     SYNCSAN_OP_CXX_SEM_TRY_ACQUIRE, Ret::I1, {}},
    {"std::counting_semaphore<", "release", "__syncsan_cxx_sem_release", SYNCSAN_OP_CXX_SEM_RELEASE,
     Ret::Void, {Arg::I64}},
};

/// The rest of D after the class: a class template's name, its balanced
/// argument list and "::" ("std::barrier<F>::wait(...)" -> "wait(...)"),
/// or a plain class's "std::latch::"; nullopt when D is in neither.
std::optional<StringRef> afterClass(StringRef D, StringRef Class) {
  if (!D.starts_with(Class))
    return std::nullopt;
  if (Class.ends_with("::"))
    return D.substr(Class.size());
  unsigned Depth = 1;
  size_t I = Class.size();
  for (; I < D.size() && Depth; ++I) {
    if (D[I] == '<')
      ++Depth;
    else if (D[I] == '>')
      --Depth;
  }
  if (Depth)
    return std::nullopt;
  StringRef Rest = D.substr(I);
  if (!Rest.consume_front("::"))
    return std::nullopt;
  return Rest;
}

bool typeIs(Type *T, Arg A) {
  return A == Arg::Ptr ? T->isPointerTy() : T->isIntegerTy(64);
}

bool retIs(Type *T, Ret R) {
  switch (R) {
  case Ret::Void:
    return T->isVoidTy();
  case Ret::I8:
    return T->isIntegerTy(8);
  case Ret::I1:
    return T->isIntegerTy(1);
  }
  return false;
}

/// The member F is, or null: a linkonce_odr definition with the demangled
/// name and the IR shape of one of Members.
const Member *recognise(const Function &F) {
  if (F.isDeclaration() || !F.hasLinkOnceODRLinkage() || F.isVarArg() ||
      !F.getName().starts_with("_ZN"))
    return nullptr;
  std::string D = demangle(F.getName().str());
  for (const Member &M : Members) {
    std::optional<StringRef> Rest = afterClass(D, M.Class);
    if (!Rest)
      continue;
    // The name, then its parameter list and nothing after it but a const:
    // a lambda or local class inside the member has more ("...)::{lambda").
    StringRef Name = M.Name;
    if (!Rest->starts_with(Name) || Rest->size() <= Name.size() || (*Rest)[Name.size()] != '(')
      continue;
    if (Rest->contains("::{") || Rest->rfind(')') == StringRef::npos)
      continue;
    StringRef Tail = Rest->substr(Rest->rfind(')') + 1);
    if (!Tail.empty() && Tail != " const")
      continue;
    FunctionType *FT = F.getFunctionType();
    if (FT->getNumParams() != M.Args.size() + 1 || !FT->getParamType(0)->isPointerTy() ||
        !retIs(FT->getReturnType(), M.R))
      continue;
    bool Ok = true;
    for (unsigned I = 0; I < M.Args.size(); ++I)
      Ok &= typeIs(FT->getParamType(I + 1), M.Args[I]);
    if (Ok)
      return &M;
  }
  return nullptr;
}

struct Rewrite {
  CallBase *Call;
  const Member *What;
};

} // namespace

bool rewriteCxxSyncCalls(Module &M) {
  DenseMap<const Function *, const Member *> Known;
  for (Function &F : M)
    if (const Member *What = recognise(F))
      Known[&F] = What;
  if (Known.empty())
    return false;

  SmallVector<Rewrite, 16> Calls;
  for (Function &F : M) {
    if (F.isDeclaration() || Known.count(&F))
      continue;
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<CallBrInst>(CB) || CB->getMetadata("syncsan.cxx"))
        continue;
      auto *Callee = dyn_cast<Function>(CB->getCalledOperand()->stripPointerCasts());
      auto It = Callee ? Known.find(Callee) : Known.end();
      if (It == Known.end() || CB->getFunctionType() != Callee->getFunctionType() ||
          CB->arg_size() != It->second->Args.size() + 1)
        continue;
      Calls.push_back({CB, It->second});
    }
  }
  if (Calls.empty())
    return false;

  SiteTable Sites(M);
  LLVMContext &Ctx = M.getContext();
  PointerType *Ptr = PointerType::getUnqual(Ctx);
  for (const Rewrite &R : Calls) {
    CallBase *CB = R.Call;
    auto *Callee = cast<Function>(CB->getCalledOperand()->stripPointerCasts());
    FunctionType *FT = Callee->getFunctionType();
    SmallVector<Type *, 5> Params(FT->params());
    Params.push_back(Ptr); // the member
    Params.push_back(Ptr); // the site
    FunctionCallee Hook =
        M.getOrInsertFunction(R.What->Hook, FunctionType::get(FT->getReturnType(), Params, false));
    if (auto *HF = dyn_cast<Function>(Hook.getCallee()))
      if (FT->getReturnType()->isIntegerTy(1) || FT->getReturnType()->isIntegerTy(8))
        HF->addRetAttr(Attribute::ZExt);

    SmallVector<Value *, 5> Args(CB->args());
    Args.push_back(Callee);
    Args.push_back(Sites.get(*CB, R.What->Op, CB->getArgOperand(0)));
    replaceCall(CB, Hook, Args)->setMetadata("syncsan.cxx", MDNode::get(Ctx, {}));
  }
  return true;
}

} // namespace syncsan
