//===- Sites.h - static site records for the runtime -----------*- C++ -*-===//
//
// A site record names where an operation is in the source: file, line,
// column, enclosing function, the object operated on when it is a global,
// and the operation kind. Its layout is struct syncsan_site in
// include/syncsan/abi.h. Records and their strings are private constants,
// shared between identical sites of a module.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_SITES_H
#define SYNCSAN_PASS_SITES_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace syncsan {

/// Where an instruction is in the source, as the user wrote it.
struct SourceLoc {
  std::string File;
  std::string Function;
  unsigned Line = 0;
  unsigned Column = 0;
  bool HasDebugInfo = false;
  bool InSystemHeader = false; // every frame of the location is in a system header
  bool InWrapper = false;      // the chosen frame is a wrapper's own (WrapperScopes)
};

/// Functions whose frames a site looks past: a wing's lock wrappers. An
/// inlined frame of one is skipped for its caller's line; the wrapper's own
/// (outermost) frame is kept and marked InWrapper.
struct WrapperScopes {
  /// IR names of the functions, matched against a frame's subprogram
  /// (its linkage name, or its name for C): they outlive the functions,
  /// which inlining may delete.
  llvm::StringSet<> Names;
  /// The functions still defined, for code without debug info.
  llvm::SmallPtrSet<llvm::Function *, 8> Functions;

  bool empty() const { return Names.empty(); }
  bool containsScope(const llvm::DILocation *L) const;
};
/// True for a function defined in a system header (libstdc++'s inline
/// wrappers and the like), judged by its debug info or, without it, by
/// its linkage and name.
bool isSystemFunction(const llvm::Function &F);

/// True for a path in a system header directory (/usr/include, the C++
/// standard library, ...); File may be relative to Dir.
bool isSystemPath(llvm::StringRef Dir, llvm::StringRef File);
/// Dir joined with File, unless File is absolute.
std::string joinPath(llvm::StringRef Dir, llvm::StringRef File);
/// The demangled name of the function a debug location is in, or "".
std::string scopeFunction(const llvm::DILocation *L);

/// The location a report should name for I: the innermost inlined frame
/// that is not in a system header (so std::mutex code names the user's line,
/// not libstdc++'s), the function from debug info or the IR function
/// (demangled), and the module's file when there is no debug info. With
/// Wrappers, inlined frames of those functions are looked past too.
SourceLoc sourceLocation(const llvm::Instruction &I, const WrapperScopes *Wrappers = nullptr);

/// The name of the global that Ptr points into ("g_lock", "table+64"), or "".
std::string objectName(const llvm::Value *Ptr, const llvm::DataLayout &DL);

class SiteTable {
public:
  explicit SiteTable(llvm::Module &M);

  /// Sites made from now on look past inlined frames of these functions and
  /// carry SYNCSAN_SITE_WRAPPER inside one.
  void setWrappers(WrapperScopes W) { Wrappers = std::move(W); }

  /// The site record for an operation of kind Op at I on object Ptr
  /// (Ptr may be null).
  /// ExtraFlags are or'ed into the site's flags (e.g. a declared lock level).
  llvm::Constant *get(const llvm::Instruction &I, uint32_t Op, const llvm::Value *Ptr,
                      uint32_t ExtraFlags = 0);

  /// The site of a user's call I of the wrapper Callee (a system-header
  /// one or a lock wrapper; SYNCSAN_SITE_CALLER, `object` names it).
  /// ExtraFlags: the level the wrapper's operations carry, which the
  /// runtime reads from the site that stands for them.
  llvm::Constant *getCaller(const llvm::Instruction &I, const llvm::Function &Callee,
                            uint32_t ExtraFlags = 0);

  /// The flags of a site record this table made, or nullopt for any other
  /// value.
  std::optional<uint32_t> flagsOf(const llvm::Value *Site) const;

  llvm::StructType *type() const { return SiteTy; }

private:
  llvm::Constant *str(llvm::StringRef S);
  llvm::Constant *make(const SourceLoc &Loc, const std::string &Object, uint32_t Op,
                       uint32_t Flags);

  llvm::Module &M;
  WrapperScopes Wrappers;
  llvm::StructType *SiteTy;
  llvm::StringMap<llvm::Constant *> Strings;
  std::map<std::tuple<std::string, std::string, std::string, unsigned, unsigned, uint32_t,
                        uint32_t>,
           llvm::Constant *>
      Sites;
  llvm::DenseMap<const llvm::Value *, uint32_t> SiteFlags; // of the records made
};

} // namespace syncsan

#endif
