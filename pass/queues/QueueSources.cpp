//===- QueueSources.cpp - a module's queue declarations -------------------===//
#include "queues/QueueSources.h"

#include "queues/QueueOptions.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdlib>

using namespace llvm;

namespace syncsan {

static constexpr StringRef Prefix = "syncsan.queue";

/// The spec file to read and how it was named (for messages), or "" when
/// none is given.
static std::pair<std::string, std::string> specFile() {
  if (QueueSpecFile.getNumOccurrences())
    return {QueueSpecFile, "-fsyncsan-queue-spec="};
  const char *Env = std::getenv(QueueSpecEnv);
  // Set but empty counts as not set, as for most variables of a shell.
  if (Env && *Env)
    return {Env, std::string(QueueSpecEnv)};
  return {"", ""};
}

/// The C string a global annotation's field points to, or "".
static StringRef cString(const Value *V) {
  const auto *GV = dyn_cast<GlobalVariable>(V->stripPointerCasts());
  if (!GV || !GV->hasInitializer())
    return "";
  const auto *Data = dyn_cast<ConstantDataSequential>(GV->getInitializer());
  if (!Data || !Data->isCString())
    return "";
  return Data->getAsCString();
}

/// Ours: "syncsan.queue" alone or followed by a blank and the declaration.
static bool isQueueAnnotation(StringRef S) {
  return S.consume_front(Prefix) && (S.empty() || S[0] == ' ');
}

static void readAnnotations(const Module &M, QueueSources &Out) {
  const GlobalVariable *GA = M.getNamedGlobal("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return;
  const auto *Entries = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!Entries)
    return;
  for (const Use &U : Entries->operands()) {
    // { annotated value, annotation, file, line, arguments }
    const auto *E = dyn_cast<ConstantStruct>(U.get());
    if (!E || E->getNumOperands() < 4)
      continue;
    StringRef Text = cString(E->getOperand(1));
    if (!isQueueAnnotation(Text))
      continue;
    std::string Origin = cString(E->getOperand(2)).str();
    if (const auto *Line = dyn_cast<ConstantInt>(E->getOperand(3)))
      Origin += ":" + std::to_string(Line->getZExtValue());
    const Value *Target = E->getOperand(0)->stripPointerCasts();
    const auto *F = dyn_cast<Function>(Target);
    if (!F) {
      Out.Errors.push_back(Origin + ": SYNCSAN_QUEUE on '" + Target->getName().str() +
                           "', which is not a function (a call through a pointer is not "
                           "wrapped; annotate the function it calls)");
      continue;
    }
    QueueDecl D;
    D.Function = F->getName().str();
    D.Origin = Origin;
    StringRef Body = Text.drop_front(Prefix.size()).trim();
    D.Written = Body.str();
    if (std::optional<std::string> Err = parseAnnotation(Body, D)) {
      Out.Errors.push_back(Origin + ": SYNCSAN_QUEUE(\"" + Body.str() + "\") on " + D.Function +
                           ": " + *Err);
      continue;
    }
    Out.Decls.push_back(std::move(D));
  }
}

static void readSpecFile(QueueSources &Out) {
  auto [Path, Given] = specFile();
  if (Given.empty())
    return;
  if (Path.empty()) {
    Out.Errors.push_back(Given + " needs a file name");
    return;
  }
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    Out.Errors.push_back("cannot read the queue spec file '" + Path + "' (" + Given +
                         "): " + Buf.getError().message());
    return;
  }
  Out.SpecFile = Path;
  std::vector<SpecError> Errors;
  std::vector<QueueDecl> Decls = parseSpecFile(Path, (*Buf)->getBuffer(), Errors);
  for (const SpecError &E : Errors)
    Out.Errors.push_back(Path + ":" + std::to_string(E.Line) + ": " + E.Message);
  Out.SpecDecls = Decls.size();
  for (QueueDecl &D : Decls)
    Out.Decls.push_back(std::move(D));
}

bool mayDeclareQueues(const Module &M) {
  return M.getNamedGlobal("llvm.global.annotations") || !specFile().second.empty();
}

QueueSources readQueueDecls(const Module &M) {
  QueueSources Out;
  readAnnotations(M, Out);
  readSpecFile(Out);
  return Out;
}

} // namespace syncsan
