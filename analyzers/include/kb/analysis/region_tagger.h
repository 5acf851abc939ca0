// RegionTagger: which gemeenten and provincies a text is about, from corpus/gazetteer.tsv.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"
#include "kb/core/stored_document.h"

namespace kb::analysis {

struct Gemeente {
  std::string code;       // CBS code "GM0106"
  std::string name;       // official name
  std::string provincie;  // provincie name
};

struct RegionResult {
  std::vector<GemeenteTag> gemeenten;   // most mentioned first
  std::vector<std::string> provincies;  // named directly or through a gemeente
};

// Immutable after Load; Tag() is const and thread-safe.
class RegionTagger {
 public:
  static Result<RegionTagger> Load(const std::filesystem::path& gazetteer);

  RegionResult Tag(std::string_view text) const;

  const std::vector<Gemeente>& gemeenten() const { return gemeenten_; }
  std::vector<std::string> provincies() const;

 private:
  std::vector<Gemeente> gemeenten_;
  struct Matcher;
  std::shared_ptr<const Matcher> matcher_;
};

}  // namespace kb::analysis
