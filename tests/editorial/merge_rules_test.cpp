// The merge rules, the one place kb_editorial's store and kb-searchd's editors' API ask.
#include <catch2/catch.hpp>

#include <string>

#include "kb/editorial/merge_rules.h"

namespace {

using kb::ErrorKind;
using kb::editorial::CheckMerge;
using kb::editorial::CheckMergeIds;
using kb::editorial::MergeSide;

bool Names(const kb::Status& s, const std::string& text) {
  return s.message().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("A merge of two free documents is allowed") {
  CHECK(CheckMergeIds("a", "b").ok());
  CHECK(CheckMerge({"a", "", true}, {"b", "", false}).ok());  // the kept one may have more
}

TEST_CASE("Each merge rule names its field, the first broken rule first") {
  const auto self = CheckMerge({"a", "", false}, {"a", "", false});
  CHECK(self.kind() == ErrorKind::kInvalidArgument);
  CHECK(Names(self, "veld \"duplicate\""));
  CHECK(self.message() == CheckMergeIds("a", "a").message());

  const auto twice = CheckMerge({"a", "", false}, {"b", "c", false});
  CHECK(Names(twice, "veld \"duplicate\""));
  CHECK(Names(twice, "al samengevoegd met c"));

  const auto kept_merged = CheckMerge({"a", "c", false}, {"b", "", false});
  CHECK(Names(kept_merged, "veld \"kept\""));
  CHECK(Names(kept_merged, "zelf samengevoegd met c"));

  const auto chain = CheckMerge({"a", "", false}, {"b", "", true});
  CHECK(Names(chain, "veld \"duplicate\""));
  CHECK(Names(chain, "samengevoegde dubbelen"));

  // Both the duplicate and the kept document already merged: the duplicate's rule speaks.
  CHECK(Names(CheckMerge({"a", "c", false}, {"b", "d", true}), "al samengevoegd met d"));
}
