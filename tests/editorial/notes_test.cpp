// Notes: kept per document, in order, audited.

#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using namespace kb::test;  // store_fixtures.h

}  // namespace

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
