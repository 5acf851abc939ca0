// Edits: overrides and merges, audited and queued for kb-indexer in one transaction.

#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using kb::editorial::AuditEntry;
using kb::editorial::Override;
using namespace kb::test;  // store_fixtures.h

}  // namespace

TEST_CASE("SaveOverride audits before and after, enqueues the path, and can undo") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->edits().SaveOverride("d1", "/c/d1.pdf", TitleOverride("Eerste"), "anna").ok());
  REQUIRE(store->edits().SaveOverride("d1", "/c/d1.pdf", TitleOverride("Tweede"), "bob").ok());
  auto audit = store->audit().Recent("d1", 10);
  REQUIRE(audit.ok());
  REQUIRE(audit->size() == 2);
  const AuditEntry& latest = audit->at(0);
  CHECK(latest.action == "override");
  CHECK(latest.editor == "bob");
  CHECK(latest.doc_id == "d1");
  CHECK(latest.time.size() == 20);
  CHECK(latest.time.back() == 'Z');
  CHECK(*Override::FromJson(latest.before)->title == "Eerste");
  CHECK(*Override::FromJson(latest.after)->title == "Tweede");
  CHECK(audit->at(1).before.empty());
  CHECK(PendingPaths(*store) == std::vector<std::string>{"/c/d1.pdf"});

  REQUIRE(store->edits().SaveOverride("d1", "/c/d1.pdf", Override{}, "anna").ok());
  CHECK(store->edits().GetOverride("d1")->empty());
  CHECK(store->edits().AllEdits()->count("d1") == 0);
  CHECK(store->audit().Recent("d1", 1)->at(0).after.empty());
  CHECK(store->audit().Recent("d1", 1)->at(0).before.find("Tweede") != std::string::npos);

  CHECK(store->edits().SaveOverride("", "/c/x", TitleOverride("x"), "anna").kind() ==
        ErrorKind::kInvalidArgument);
  CHECK(store->edits().SaveOverride("d2", "/c/x", TitleOverride("x"), "").kind() ==
        ErrorKind::kInvalidArgument);
  CHECK(store->audit().Recent("d2", 10)->empty());
}

TEST_CASE("Merges show on both documents and can be undone") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->duplicates().Propose("kept", "dup", 0.93).ok());
  REQUIRE(store->edits().SaveMerge(MakeMerge("kept", "dup"), "/c/kept.pdf", "anna").ok());

  auto edits = store->edits().AllEdits();
  REQUIRE(edits.ok());
  REQUIRE(edits->at("dup").merged_into);
  CHECK(edits->at("dup").merged_into->kept == "kept");
  CHECK(edits->at("dup").merged_into->editor == "anna");
  REQUIRE(edits->at("kept").merged_here.size() == 1);
  CHECK(edits->at("kept").merged_here[0].duplicate_title == "Titel van dup");
  CHECK(edits->at("kept").merged_here[0].duplicate_path == "/c/dup.txt");
  CHECK(edits->at("kept").merged_here[0].duplicate_format == "text");

  auto for_kept = store->edits().EditsFor("kept");
  REQUIRE(for_kept.ok());
  CHECK_FALSE(for_kept->merged_into);
  CHECK(for_kept->merged_here.size() == 1);
  auto for_dup = store->edits().EditsFor("dup");
  REQUIRE(for_dup->merged_into);
  CHECK(for_dup->merged_here.empty());
  CHECK(store->edits().EditsFor("other")->empty());
  CHECK(store->edits().Merges()->size() == 1);
  CHECK(PendingPaths(*store) == std::vector<std::string>{"/c/dup.txt", "/c/kept.pdf"});
  auto candidates = store->duplicates().List("");
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).status == "merged");
  CHECK(candidates->at(0).similarity == Approx(0.93));
  CHECK(store->audit().Recent("kept", 10)->at(0).action == "merge");
  CHECK(store->audit().Recent("dup", 10)->at(0).action == "merge");

  SECTION("impossible merges are refused, naming the field") {
    auto self = store->edits().SaveMerge(MakeMerge("x", "x"), "/c/x", "anna");
    CHECK(self.kind() == ErrorKind::kInvalidArgument);
    auto twice = store->edits().SaveMerge(MakeMerge("other", "dup"), "/c/other", "anna");
    CHECK(twice.kind() == ErrorKind::kInvalidArgument);
    CHECK(twice.message().find("\"duplicate\"") != std::string::npos);
    auto chain = store->edits().SaveMerge(MakeMerge("dup", "third"), "/c/dup.txt", "anna");
    CHECK(chain.message().find("\"kept\"") != std::string::npos);
    auto kept_as_dup = store->edits().SaveMerge(MakeMerge("third", "kept"), "/c/third", "anna");
    CHECK(kept_as_dup.kind() == ErrorKind::kInvalidArgument);
    CHECK(store->edits().Merges()->size() == 1);
  }
  SECTION("unmerging restores both and rejects the pair") {
    REQUIRE(store->queue().Clear(*store->queue().Items()).ok());
    REQUIRE(store->edits().Unmerge("dup", "bob").ok());
    CHECK(store->edits().AllEdits()->empty());
    CHECK(PendingPaths(*store) == std::vector<std::string>{"/c/dup.txt", "/c/kept.pdf"});
    CHECK(store->duplicates().List("rejected")->size() == 1);
    auto audit = store->audit().Recent("dup", 1);
    CHECK(audit->at(0).action == "unmerge");
    CHECK(audit->at(0).editor == "bob");
    CHECK(audit->at(0).before.find("kept") != std::string::npos);
    CHECK(store->edits().Unmerge("dup", "bob").kind() == ErrorKind::kNotFound);
  }
}
