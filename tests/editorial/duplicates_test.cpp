// Duplicates: kb-indexer's proposals and the editors' decisions.

#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using namespace kb::test;  // store_fixtures.h

}  // namespace

TEST_CASE("Duplicate proposals keep an editor's decision") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->duplicates().Propose("bb", "aa", 0.8).ok());
  REQUIRE(store->duplicates().Propose("aa", "bb", 0.85).ok());
  REQUIRE(store->duplicates().Propose("cc", "dd", 0.7).ok());
  auto proposed = store->duplicates().List("proposed");
  REQUIRE(proposed->size() == 2);
  CHECK(proposed->at(0).a == "aa");  // sorted pair, highest similarity first
  CHECK(proposed->at(0).b == "bb");
  CHECK(proposed->at(0).similarity == Approx(0.85));

  REQUIRE(store->duplicates().Reject("bb", "aa", "anna").ok());
  REQUIRE(store->duplicates().Propose("aa", "bb", 0.99).ok());
  CHECK(store->duplicates().List("proposed")->size() == 1);
  auto rejected = store->duplicates().List("rejected");
  REQUIRE(rejected->size() == 1);
  CHECK(rejected->at(0).a == "aa");
  CHECK(store->duplicates().List("")->size() == 2);
  CHECK(store->audit().Recent("aa", 1)->at(0).action == "reject-duplicate");
  CHECK(store->audit().Recent("bb", 1)->at(0).action == "reject-duplicate");
  CHECK(store->duplicates().Propose("aa", "aa", 1).kind() == ErrorKind::kInvalidArgument);
  CHECK(store->duplicates().Reject("aa", "bb", "").kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("Duplicates::ProposeAll writes many pairs at once, all or nothing") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->duplicates().Reject("a1", "a2", "anna").ok());
  std::vector<kb::editorial::DuplicateCandidate> pairs;
  for (int i = 0; i < 50; ++i) {
    pairs.push_back({"b" + std::to_string(i), "c" + std::to_string(i), 0.5 + i / 100.0, "", ""});
  }
  pairs.push_back({"a2", "a1", 0.99, "", ""});
  REQUIRE(store->duplicates().ProposeAll(pairs).ok());
  CHECK(store->duplicates().List("proposed")->size() == 50);
  CHECK(store->duplicates().List("rejected")->size() == 1);
  CHECK(store->duplicates().List("proposed")->at(0).similarity == Approx(0.99));

  pairs.push_back({"x", "x", 1.0, "", ""});  // a bad pair: nothing of this batch is written
  pairs[0].a = "new";
  CHECK(store->duplicates().ProposeAll(pairs).kind() == ErrorKind::kInvalidArgument);
  CHECK(store->duplicates().List("")->size() == 51);
  CHECK(store->duplicates().ProposeAll({}).ok());
}
