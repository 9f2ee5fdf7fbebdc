//===- Sites.cpp - static site records for the runtime --------------------===//
#include "Sites.h"

#include "syncsan/abi.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instruction.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace syncsan {

bool isSystemPath(StringRef Dir, StringRef File) {
  auto System = [](StringRef P) {
    return P.starts_with("/usr/include/") || P.starts_with("/usr/lib/") ||
           P.starts_with("/usr/local/include/") || P.contains("/include/c++/");
  };
  return System(File) || (!File.starts_with("/") && System(Dir));
}

std::string joinPath(StringRef Dir, StringRef File) {
  if (sys::path::is_absolute(File) || Dir.empty())
    return File.str();
  SmallString<256> P(Dir);
  sys::path::append(P, File);
  return std::string(P);
}

std::string scopeFunction(const DILocation *L) {
  const DISubprogram *SP = L->getScope() ? L->getScope()->getSubprogram() : nullptr;
  if (!SP)
    return "";
  if (!SP->getLinkageName().empty())
    return demangle(SP->getLinkageName().str());
  return SP->getName().str();
}

bool isSystemFunction(const Function &F) {
  if (const DISubprogram *SP = F.getSubprogram())
    return isSystemPath(SP->getDirectory(), SP->getFilename());
  // No debug info: libstdc++'s inline wrappers by their (mangled) names:
  // namespace std and __gnu_cxx members and the static __gthread_* helpers.
  StringRef N = F.getName();
  return N.starts_with("_ZNSt") || N.starts_with("_ZSt") || N.starts_with("_ZNKSt") ||
         N.starts_with("_ZN9__gnu_cxx") || N.contains("__gthread_");
}

bool WrapperScopes::containsScope(const DILocation *L) const {
  const DISubprogram *SP = L && L->getScope() ? L->getScope()->getSubprogram() : nullptr;
  if (!SP)
    return false;
  return Names.contains(SP->getLinkageName().empty() ? SP->getName() : SP->getLinkageName());
}

SourceLoc sourceLocation(const Instruction &I, const WrapperScopes *Wrappers) {
  SourceLoc Loc;
  const DILocation *Chosen = nullptr;
  const DILocation *FirstUser = nullptr; // the innermost frame not in a system header
  Loc.InSystemHeader = true;
  for (const DILocation *L = I.getDebugLoc().get(); L; L = L->getInlinedAt()) {
    if (!Chosen)
      Chosen = L;
    if (isSystemPath(L->getDirectory(), L->getFilename()))
      continue;
    if (!FirstUser)
      FirstUser = L;
    // A wrapper inlined into its caller: the caller's line is the one that
    // tells two uses of the wrapper apart.
    if (Wrappers && L->getInlinedAt() && Wrappers->containsScope(L))
      continue;
    Chosen = L;
    Loc.InSystemHeader = false;
    break;
  }
  if (Loc.InSystemHeader && FirstUser) {
    Chosen = FirstUser; // only wrapper frames (inlined into a system function)
    Loc.InSystemHeader = false;
  }
  if (!Chosen)
    Loc.InSystemHeader = isSystemFunction(*I.getFunction());
  if (Wrappers && !Loc.InSystemHeader)
    Loc.InWrapper = Chosen ? Wrappers->containsScope(Chosen)
                           : Wrappers->Functions.count(I.getFunction()) != 0;
  if (Chosen && Chosen->getLine() != 0) {
    Loc.File = joinPath(Chosen->getDirectory(), Chosen->getFilename());
    Loc.Line = Chosen->getLine();
    Loc.Column = Chosen->getColumn();
    Loc.Function = scopeFunction(Chosen);
    Loc.HasDebugInfo = true;
  }
  if (Loc.File.empty())
    Loc.File = I.getModule()->getSourceFileName();
  if (Loc.Function.empty())
    Loc.Function = demangle(I.getFunction()->getName().str());
  return Loc;
}

std::string objectName(const Value *Ptr, const DataLayout &DL) {
  if (!Ptr)
    return "";
  APInt Offset(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
  const Value *Base = Ptr->stripAndAccumulateConstantOffsets(DL, Offset,
                                                             /*AllowNonInbounds=*/true);
  const auto *GV = dyn_cast<GlobalVariable>(Base);
  if (!GV || !GV->hasName() || GV->getName().starts_with("."))
    return "";
  std::string Name = demangle(GV->getName().str());
  if (!Offset.isZero())
    Name += "+" + std::to_string(Offset.getSExtValue());
  return Name;
}

SiteTable::SiteTable(Module &M) : M(M) {
  LLVMContext &C = M.getContext();
  SiteTy = StructType::getTypeByName(C, "syncsan.site");
  if (!SiteTy) {
    Type *P = PointerType::getUnqual(C);
    Type *I32 = Type::getInt32Ty(C);
    SiteTy = StructType::create(C, {P, P, P, I32, I32, I32, I32}, "syncsan.site");
  }
}

Constant *SiteTable::str(StringRef S) {
  auto It = Strings.find(S);
  if (It != Strings.end())
    return It->second;
  Constant *Init = ConstantDataArray::getString(M.getContext(), S);
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init, "syncsan.str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  Strings[S] = GV;
  return GV;
}

Constant *SiteTable::get(const Instruction &I, uint32_t Op, const Value *Ptr,
                         uint32_t ExtraFlags) {
  SourceLoc Loc = sourceLocation(I, &Wrappers);
  uint32_t Flags = ExtraFlags | (Loc.InSystemHeader ? SYNCSAN_SITE_SYSTEM_HEADER : 0) |
                   (Loc.InWrapper ? SYNCSAN_SITE_WRAPPER : 0);
  return make(Loc, objectName(Ptr, M.getDataLayout()), Op, Flags);
}

Constant *SiteTable::getCaller(const Instruction &I, const Function &Callee,
                               uint32_t ExtraFlags) {
  return make(sourceLocation(I, &Wrappers), demangle(Callee.getName().str()), SYNCSAN_OP_UNKNOWN,
              SYNCSAN_SITE_CALLER | ExtraFlags);
}

std::optional<uint32_t> SiteTable::flagsOf(const Value *Site) const {
  auto It = SiteFlags.find(Site);
  if (It == SiteFlags.end())
    return std::nullopt;
  return It->second;
}

Constant *SiteTable::make(const SourceLoc &Loc, const std::string &Object, uint32_t Op,
                          uint32_t Flags) {
  if (!Loc.HasDebugInfo)
    Flags |= SYNCSAN_SITE_NO_DEBUG_INFO;
  auto Key = std::make_tuple(Loc.File, Loc.Function, Object, Loc.Line, Loc.Column, Op, Flags);
  auto It = Sites.find(Key);
  if (It != Sites.end())
    return It->second;

  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  Constant *ObjectStr = Object.empty()
                            ? ConstantPointerNull::get(PointerType::getUnqual(C))
                            : str(Object);
  Constant *Init = ConstantStruct::get(
      SiteTy, {str(Loc.File), str(Loc.Function), ObjectStr, ConstantInt::get(I32, Loc.Line),
               ConstantInt::get(I32, Loc.Column), ConstantInt::get(I32, Op),
               ConstantInt::get(I32, Flags)});
  auto *GV = new GlobalVariable(M, SiteTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                                Init, "syncsan.site");
  Sites[Key] = GV;
  SiteFlags[GV] = Flags;
  return GV;
}

} // namespace syncsan
