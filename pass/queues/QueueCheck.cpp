//===- QueueCheck.cpp - queue declarations against the module -------------===//
#include "queues/QueueCheck.h"

#include "syncsan/abi_queue.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

namespace {

/// A type as the C programmer knows it, roughly.
std::string describe(Type *T) {
  if (T->isVoidTy())
    return "nothing (void)";
  if (T->isPointerTy())
    return "a pointer";
  if (T->isIntegerTy(1))
    return "a bool";
  if (T->isIntegerTy())
    return "a " + std::to_string(T->getIntegerBitWidth()) + "-bit integer";
  if (T->isFloatingPointTy())
    return "a floating-point value";
  if (T->isStructTy() || T->isArrayTy())
    return "an aggregate (a struct returned in registers)";
  if (T->isVectorTy())
    return "a vector";
  return "a value of another kind";
}

std::string params(unsigned N) {
  return std::to_string(N) + (N == 1 ? " parameter" : " parameters");
}

/// The start of every message about D: its origin and what it declares.
std::string where(const QueueDecl &D) {
  if (D.FromSpec)
    return D.Origin + ": " + D.Function + ": ";
  return D.Origin + ": SYNCSAN_QUEUE(\"" + (D.Written.empty() ? D.text() : D.Written) +
         "\") on " + D.Function + ": ";
}

/// Whether an ok kind can be read from a result of type R.
bool okFits(uint32_t Ok, Type *R) {
  switch (Ok) {
  case SYNCSAN_QUEUE_OK_ALWAYS:
    return true;
  case SYNCSAN_QUEUE_OK_NONZERO:
  case SYNCSAN_QUEUE_OK_ZERO:
    return R->isIntegerTy();
  case SYNCSAN_QUEUE_OK_NONNEG:
    return R->isIntegerTy() && !R->isIntegerTy(1);
  case SYNCSAN_QUEUE_OK_NONNULL:
    return R->isPointerTy();
  }
  return false;
}

/// The problem with D as a declaration of F, or "".
std::string checkOne(const QueueDecl &D, Function &F, QueueOp &Op) {
  FunctionType *FT = F.getFunctionType();
  unsigned N = FT->getNumParams();
  Type *R = FT->getReturnType();
  auto ParamRange = [&](const char *Key, int32_t I) -> std::string {
    if (N == 0 && FT->isVarArg())
      return std::string(Key) + std::to_string(I) + " names no parameter: " + D.Function +
             " is declared without a prototype (or takes only '...')";
    return std::string(Key) + std::to_string(I) + " is out of range: " + D.Function + " has " +
           params(N) + (N ? " (0 to " + std::to_string(N - 1) + ")" : "");
  };

  if (D.Handle == SYNCSAN_QUEUE_HANDLE_RESULT) {
    if (!R->isPointerTy())
      return "handle=result, but " + D.Function + " returns " + describe(R) +
             ", not a pointer to the new queue";
  } else if (unsigned(D.Handle) >= N) {
    return ParamRange("handle=", D.Handle);
  } else {
    Type *H = FT->getParamType(D.Handle);
    if (!H->isPointerTy() && !H->isIntegerTy())
      return "handle=" + std::to_string(D.Handle) + ": parameter " + std::to_string(D.Handle) +
             " of " + D.Function + " is " + describe(H) + ", not a pointer or an integer";
  }

  if (D.CapacityArg != SYNCSAN_QUEUE_NO_ARG) {
    if (unsigned(D.CapacityArg) >= N)
      return ParamRange("capacity=arg", D.CapacityArg);
    Type *C = FT->getParamType(D.CapacityArg);
    if (!C->isIntegerTy())
      return "capacity=arg" + std::to_string(D.CapacityArg) + ": parameter " +
             std::to_string(D.CapacityArg) + " of " + D.Function + " is " + describe(C) +
             ", not an integer";
  }

  bool PushPop = D.Role == SYNCSAN_QUEUE_ROLE_PUSH || D.Role == SYNCSAN_QUEUE_ROLE_POP;
  if (PushPop && !R->isVoidTy() && !D.OkGiven)
    return D.Function + " returns " + describe(R) + ": say which results mean the " +
           roleName(D.Role) + " took effect (ok=always, nonzero, zero, nonnull or nonneg)";
  if (!okFits(D.Ok, R)) {
    if (R->isVoidTy())
      return std::string("ok=") + okName(D.Ok) + ", but " + D.Function +
             " returns nothing (void): only ok=always fits";
    return std::string("ok=") + okName(D.Ok) + " cannot be read from " + D.Function +
           "'s result, " + describe(R) +
           (R->isPointerTy() ? " (ok=nonnull or always)"
                             : R->isIntegerTy() ? " (ok=zero, nonzero or always)" : " (ok=always)");
  }

  if (!D.Timed.empty()) {
    if (FT->isVarArg())
      return "timed=" + D.Timed + ", but " + D.Function +
             " is variadic: its timed form's timeout would have no place";
    if (R->isVoidTy())
      return "timed=" + D.Timed + ", but " + D.Function +
             " returns nothing (void): a timed form's result must tell a timeout";
    SmallVector<Type *, 8> Want(FT->params());
    std::string Shape = "the parameters of " + D.Function +
                        " then one integer (the timeout in milliseconds), and its result";
    GlobalValue *GV = F.getParent()->getNamedValue(D.Timed);
    if (!GV) {
      // The unit declares only what it uses: a timed form nobody here
      // calls is not in the module. It is declared as it must be, with a
      // long timeout (which an int parameter reads as well on the ABIs
      // syncsan supports); a misspelt name fails the link.
      Want.push_back(Type::getInt64Ty(F.getContext()));
      Op.TimedType = FunctionType::get(R, Want, false);
      return "";
    }
    auto *T = dyn_cast<Function>(GV);
    if (!T)
      return "timed=" + D.Timed + " names something that is not a function";
    FunctionType *TT = T->getFunctionType();
    bool Ok = !TT->isVarArg() && !FT->isVarArg() && TT->getNumParams() == N + 1 &&
              TT->getReturnType() == R && TT->getParamType(N)->isIntegerTy();
    for (unsigned I = 0; Ok && I < N; ++I)
      Ok = TT->getParamType(I) == FT->getParamType(I);
    if (!Ok)
      return "timed=" + D.Timed + " does not have the shape of a timed form: " + Shape;
    Op.Timed = T;
    Op.TimedDeclaredHere = true;
  }
  return "";
}

} // namespace

void checkQueueDecls(Module &M, const std::vector<QueueDecl> &Decls, InterceptedFn Intercepted,
                     std::vector<std::string> &Errors, QueueOps &Out) {
  // One function, one declaration: the same one repeated (a header's
  // annotation, a spec line listed twice) is fine, two that differ are
  // an error, whether or not this unit declares the function.
  StringMap<const QueueDecl *> First;
  std::vector<const QueueDecl *> Unique; // in the order they were read
  for (const QueueDecl &D : Decls) {
    auto [It, New] = First.try_emplace(D.Function, &D);
    if (New) {
      Unique.push_back(&D);
      continue;
    }
    const QueueDecl &P = *It->second;
    if (P.text() == D.text())
      continue;
    // clang gives every annotation of a function the place of its last
    // declaration: two that differ cannot be told apart by place.
    if (P.Origin == D.Origin)
      Errors.push_back(D.Origin + ": " + D.Function + ": its SYNCSAN_QUEUE annotations differ ('" +
                       P.text() + "' and '" + D.text() + "')");
    else
      Errors.push_back(where(D) + "conflicts with its declaration at " + P.Origin + " ('" +
                       P.text() + "' there, '" + D.text() + "' here)");
  }

  for (const QueueDecl *DP : Unique) {
    const QueueDecl &D = *DP;
    Function *F = M.getFunction(D.Function);
    if (!F)
      continue;
    if (const char *What = Intercepted(D.Function)) {
      Errors.push_back(where(D) + D.Function + " is " + What +
                       " that syncsan intercepts already: it cannot be declared a queue "
                       "function");
      continue;
    }
    QueueOp Op{F, D};
    std::string Problem = checkOne(D, *F, Op);
    if (!Problem.empty()) {
      Errors.push_back(where(D) + Problem);
      continue;
    }
    Out.Index[F] = Out.Ops.size();
    Out.Inside[F] = true;
    if (Op.Timed)
      Out.Inside[Op.Timed] = true;
    Out.Ops.push_back(std::move(Op));
  }
}

} // namespace syncsan
