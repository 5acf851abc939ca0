// Backup, export and import: the round trip, merging into a store, and bad files. The editors
// the file carries are made by kb-searchd's EditorAccounts.

#include "kb/editing/editor_accounts.h"
#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using kb::editing::EditorAccounts;
using kb::editorial::EditorialStore;
using kb::editorial::Override;
using namespace kb::test;  // store_fixtures.h

// Fills a store with one of everything.
void FillStore(EditorialStore& store) {
  EditorAccounts accounts(store.connection());
  REQUIRE(accounts.AddEditor("anna").ok());
  REQUIRE(accounts.AddEditor("bob").ok());
  REQUIRE(accounts.RemoveEditor("bob").ok());
  Override o = TitleOverride("Jeugdhulp in Drenthe");
  o.themes_added = {"jeugdhulp"};
  o.gemeenten_removed = {"GM0114"};
  o.hidden = false;
  REQUIRE(store.edits().SaveOverride("d1", "/c/d1.pdf", o, "anna").ok());
  Override hide;
  hide.hidden = true;
  REQUIRE(store.edits().SaveOverride("d4", "/c/d4.pdf", hide, "anna").ok());
  REQUIRE(store.duplicates().Propose("d1", "d2", 0.91).ok());
  REQUIRE(store.duplicates().Propose("d1", "d3", 0.72).ok());
  REQUIRE(store.edits().SaveMerge(MakeMerge("d1", "d2"), "/c/d1.pdf", "anna").ok());
  REQUIRE(store.duplicates().Reject("d1", "d3", "anna").ok());
  REQUIRE(store.duplicates().Propose("d5", "d6", 0.88).ok());
  REQUIRE(store.notes().Add("d1", "Dubbel met de tekstversie; \"quotes\" en é", "anna").ok());
}

}  // namespace

TEST_CASE("Export and import round trip through an empty store") {
  StoreFile original_file;
  auto original = OpenStore(original_file.file);
  FillStore(*original);
  const std::string token = *EditorAccounts(original->connection()).AddEditor("carla");
  auto exported = original->backup().ExportJson();
  REQUIRE(exported.ok());
  CHECK(exported->find("\n  \"editors\"") != std::string::npos);  // pretty printed
  CHECK(exported->find(token) == std::string::npos);

  StoreFile copy_file;
  auto copy = OpenStore(copy_file.file);
  REQUIRE(copy->backup().ImportJson(*exported, "kb-admin").ok());
  auto again = copy->backup().ExportJson();
  REQUIRE(again.ok());
  CHECK(WithoutVolatile(*again) == WithoutVolatile(*exported));
  CHECK(WithoutVolatile(*again)["overrides"].size() == 2);

  // The import is audited, and what it brings is queued for kb-indexer.
  auto audit = copy->audit().Recent("", 1);
  CHECK(audit->at(0).action == "import");
  CHECK(audit->at(0).editor == "kb-admin");
  CHECK(PendingPaths(*copy) == std::vector<std::string>{"/c/d1.pdf", "/c/d2.txt", "/c/d4.pdf"});
  // Editors travel with their token hashes.
  CHECK(**EditorAccounts(copy->connection()).EditorForToken(token) == "carla");
  CHECK(copy->edits().AllEdits()->at("d2").merged_into->kept == "d1");
  CHECK(copy->edits().GetOverride("d4")->hidden);

  SECTION("importing twice doubles no note and no audit entry") {
    REQUIRE(copy->backup().ImportJson(*exported, "kb-admin").ok());
    CHECK(copy->notes().For("d1")->size() == 1);
    CHECK(WithoutVolatile(*copy->backup().ExportJson()) == WithoutVolatile(*exported));
  }
  SECTION("the file wins for the same document") {
    StoreFile third_file;
    auto third = OpenStore(third_file.file);
    REQUIRE(third->edits().SaveOverride("d1", "/c/d1.pdf", TitleOverride("Lokaal"), "zoe").ok());
    REQUIRE(third->edits().SaveOverride("d7", "/c/d7.pdf", TitleOverride("Blijft"), "zoe").ok());
    REQUIRE(third->backup().ImportJson(*exported, "kb-admin").ok());
    CHECK(*third->edits().GetOverride("d1")->title == "Jeugdhulp in Drenthe");
    CHECK(*third->edits().GetOverride("d7")->title == "Blijft");
  }
}

TEST_CASE("A bad import file changes nothing and names the entry") {
  StoreFile f;
  auto store = OpenStore(f.file);
  FillStore(*store);
  const std::string before = *store->backup().ExportJson();
  nlohmann::json j = nlohmann::json::parse(before);
  SECTION("a bad override value") {
    j["overrides"][1]["override"]["date"] = "morgen";
    auto s = store->backup().ImportJson(j.dump(), "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("overrides[1].override") != std::string::npos);
    CHECK(s.message().find("\"date\"") != std::string::npos);
  }
  SECTION("a missing field") {
    j["merges"][0].erase("kept");
    auto s = store->backup().ImportJson(j.dump(), "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("merges[0].kept") != std::string::npos);
  }
  SECTION("not an export") {
    auto s = store->backup().ImportJson(R"({"overrides":[]})", "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("format") != std::string::npos);
    CHECK(store->backup().ImportJson("nee", "kb-admin").kind() == ErrorKind::kInvalidArgument);
    // A header field of another JSON type is refused, not thrown (found by fuzzing).
    CHECK(store->backup().ImportJson(R"({"format": 9})", "kb-admin").kind() ==
          ErrorKind::kInvalidArgument);
    CHECK(store->backup()
              .ImportJson(R"({"format": "kb-editorial-export", "version": "1"})", "kb-admin")
              .kind() == ErrorKind::kInvalidArgument);
  }
  CHECK(WithoutVolatile(*store->backup().ExportJson()) == WithoutVolatile(before));
  CHECK(store->audit().Recent("", 1)->at(0).action != "import");
}
