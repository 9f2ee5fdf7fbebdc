//===- Sarif.cpp - SARIF 2.1.0 log of static diagnostics ------------------===//
#include "Sarif.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <map>

using namespace llvm;

namespace syncsan {

static const char *levelOf(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

// file:// URIs with the characters RFC 3986 reserves percent-encoded, so
// that paths with spaces or '#' stay one valid URI.
static std::string fileUri(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  std::string Out = "file://";
  for (unsigned char C : Abs.str()) {
    if (isAlnum(C) || StringRef("/-._~").contains(C))
      Out += C;
    else
      Out += "%" + utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

static json::Object physical(const DiagLoc &L) {
  json::Object Phys{{"artifactLocation", json::Object{{"uri", fileUri(L.FullPath)}}}};
  if (L.Line) {
    json::Object Region{{"startLine", L.Line}};
    if (L.Column)
      Region["startColumn"] = L.Column;
    Phys["region"] = std::move(Region);
  }
  return Phys;
}

static json::Object location(const DiagLoc &L) {
  json::Object Loc{{"physicalLocation", physical(L)}};
  if (!L.Function.empty())
    Loc["logicalLocations"] =
        json::Array{json::Object{{"name", L.Function}, {"kind", "function"}}};
  return Loc;
}

std::string renderSarif(ArrayRef<Diagnostics::Result> Results) {
  std::vector<CheckInfo> Checks = registeredChecks();
  std::map<std::string, unsigned> RuleIndex;
  json::Array Rules;
  for (const CheckInfo &C : Checks) {
    RuleIndex[C.Id] = Rules.size();
    Rules.push_back(json::Object{
        {"id", C.Id},
        {"shortDescription", json::Object{{"text", C.Summary}}},
        {"fullDescription", json::Object{{"text", C.Summary}}},
        {"help", json::Object{{"text", C.Help}}},
        {"defaultConfiguration", json::Object{{"level", levelOf(C.Default)}}},
    });
  }

  json::Array Res;
  for (const Diagnostics::Result &R : Results) {
    json::Object O{
        {"ruleId", R.Id},
        {"level", levelOf(R.Sev)},
        {"message", json::Object{{"text", R.Message}}},
        {"locations", json::Array{location(R.Loc)}},
    };
    auto It = RuleIndex.find(R.Id);
    if (It != RuleIndex.end())
      O["ruleIndex"] = It->second;
    if (!R.Notes.empty()) {
      json::Array Related;
      unsigned Id = 1;
      for (const DiagNote &N : R.Notes) {
        json::Object Rel = location(N.Loc);
        Rel["id"] = Id++;
        Rel["message"] = json::Object{{"text", N.Message}};
        Related.push_back(std::move(Rel));
      }
      O["relatedLocations"] = std::move(Related);
    }
    Res.push_back(std::move(O));
  }

  // "version" first: consumers sniff it before parsing the rest.
  std::string Out;
  raw_string_ostream OS(Out);
  json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", "2.1.0");
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attributeArray("runs", [&] {
      J.value(json::Object{
          {"tool", json::Object{{"driver", json::Object{{"name", "syncsan"},
                                                        {"rules", std::move(Rules)}}}}},
          {"results", std::move(Res)},
      });
    });
  });
  OS << "\n";
  return Out;
}

bool writeSarif(StringRef Path, StringRef ModuleSource, ArrayRef<Diagnostics::Result> Results,
                std::string &Err) {
  SmallString<256> Out(Path);
  if (Path.ends_with("/") || sys::fs::is_directory(Path)) {
    // One file per translation unit, the same on every build; the hash keeps
    // same-named sources of different directories apart.
    SmallString<256> Abs(ModuleSource);
    sys::fs::make_absolute(Abs);
    std::string Name = (sys::path::filename(ModuleSource) + "-" +
                        utohexstr(xxh3_64bits(Abs.str()) & 0xffffffffu, /*LowerCase=*/true) + ".sarif")
                           .str();
    sys::path::append(Out, Name);
  }
  std::error_code EC;
  raw_fd_ostream OS(Out, EC, sys::fs::OF_Text);
  if (EC) {
    Err = (Out + ": " + EC.message()).str();
    return false;
  }
  OS << renderSarif(Results);
  return true;
}

} // namespace syncsan
