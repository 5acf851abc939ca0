// PLACEHOLDER implementation (skeleton): no regions yet.
#include "kb/analysis/region_tagger.h"

namespace kb::analysis {

struct RegionTagger::Matcher {};

Result<RegionTagger> RegionTagger::Load(const std::filesystem::path&) { return RegionTagger(); }

RegionResult RegionTagger::Tag(std::string_view) const { return {}; }

std::vector<std::string> RegionTagger::provincies() const { return {}; }

}  // namespace kb::analysis
