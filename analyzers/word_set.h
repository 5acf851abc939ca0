// A set of folded words with lookup by std::string_view (no allocation per lookup), used for
// the compound lexicon, the stopwords and the keys of the stemmer overrides.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kb::analysis {

struct StringViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using WordSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;
template <typename V>
using WordMap = std::unordered_map<std::string, V, StringViewHash, std::equal_to<>>;

}  // namespace kb::analysis
