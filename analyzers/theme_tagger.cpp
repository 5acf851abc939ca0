// PLACEHOLDER implementation (skeleton): no themes yet.
#include "kb/analysis/theme_tagger.h"

namespace kb::analysis {

struct ThemeTagger::Matcher {};

Result<ThemeTagger> ThemeTagger::Load(const std::filesystem::path&) { return ThemeTagger(); }

std::vector<ThemeTag> ThemeTagger::Tag(std::string_view, double) const { return {}; }

}  // namespace kb::analysis
