// EditorialStore edits: overrides, merges, notes, duplicate candidates, the pending queue and
// the audit log.

#include "editorial_fixtures.h"

namespace {

using kb::ErrorKind;
using kb::editorial::AuditEntry;
using kb::editorial::EditorialStore;
using kb::editorial::Override;
using namespace kb::test;  // editorial_fixtures.h

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

TEST_CASE("Notes are kept per document, in order, and audited") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->notes().Add("d1", "Titel nagevraagd bij de gemeente", "anna").ok());
  REQUIRE(store->notes().Add("d1", "Bevestigd", "bob").ok());
  REQUIRE(store->notes().Add("d2", "Ander document", "anna").ok());
  auto notes = store->notes().For("d1");
  REQUIRE(notes.ok());
  REQUIRE(notes->size() == 2);
  CHECK(notes->at(0).text == "Titel nagevraagd bij de gemeente");
  CHECK(notes->at(0).editor == "anna");
  CHECK(notes->at(1).editor == "bob");
  CHECK(notes->at(0).id < notes->at(1).id);
  CHECK(notes->at(0).doc_id == "d1");
  CHECK(store->notes().For("d3")->empty());
  CHECK(store->audit().Recent("d1", 1)->at(0).action == "note");
  CHECK(store->notes().Add("d1", "  ", "anna").kind() == ErrorKind::kInvalidArgument);
}

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

TEST_CASE("PendingQueue::Clear keeps an item enqueued again after it was read") {
  StoreFile f;
  auto searchd = OpenStore(f.file);
  auto indexer = OpenStore(f.file);
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->queue().Enqueue("/c/b.pdf").ok());
  auto taken = indexer->queue().Items();
  REQUIRE(taken->size() == 2);
  const auto generation = *indexer->queue().Generation();
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());  // saved again while the indexer works
  CHECK(*indexer->queue().Generation() > generation);
  REQUIRE(indexer->queue().Clear(*taken).ok());
  auto left = indexer->queue().Items();
  REQUIRE(left->size() == 1);
  CHECK(left->at(0).path == "/c/a.pdf");
  CHECK(left->at(0).generation > taken->at(0).generation);
  REQUIRE(indexer->queue().Clear(*left).ok());
  CHECK(indexer->queue().Items()->empty());
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->queue().Enqueue("/c/a.pdf").ok());
  CHECK(indexer->queue().Items()->size() == 1);
}

TEST_CASE("The audit log lists newest first, per document or all, with a limit") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->audit().Append({0, "", "anna", "upload", "d9", "", R"({"name":"a.pdf"})"}).ok());
  REQUIRE(store->edits().SaveOverride("d1", "/c/d1", TitleOverride("x"), "anna").ok());
  REQUIRE(store->notes().Add("d1", "n", "bob").ok());
  auto all = store->audit().Recent("", 100);
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).action == "note");
  CHECK(all->at(2).action == "upload");
  CHECK(all->at(2).doc_id == "d9");
  CHECK(all->at(2).after == R"({"name":"a.pdf"})");
  CHECK(all->at(0).id > all->at(1).id);
  CHECK(store->audit().Recent("", 1)->size() == 1);
  CHECK(store->audit().Recent("d1", 100)->size() == 2);
  CHECK(store->audit().Recent("d9", 100)->size() == 1);
}
