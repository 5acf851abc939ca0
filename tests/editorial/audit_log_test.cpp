// AuditLog: newest first, per document or all, with a limit.

#include "store_fixtures.h"

namespace {

using namespace kb::test;  // store_fixtures.h

}  // namespace

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
