#include <catch2/catch.hpp>

#include <filesystem>

#include <xapian.h>

#include "kb/core/schema.h"
#include "kb/core/stored_document.h"

namespace fs = std::filesystem;

TEST_CASE("An index is stamped with schema and stemmer, and a foreign one is refused") {
  const fs::path dir = fs::temp_directory_path() / ("kb_schema_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    REQUIRE(kb::schema::CheckIndex(db, dir.string()).kind() == kb::ErrorKind::kInvalidArgument);
    REQUIRE(kb::schema::StampIndex(db).ok());
    db.commit();
    CHECK(kb::schema::CheckIndex(db, dir.string()).ok());
    db.set_metadata("kb.stemmer", "english");
    db.commit();
    auto st = kb::schema::CheckIndex(db, dir.string());
    CHECK_FALSE(st.ok());
    CHECK(st.message().find("rebuild") != std::string::npos);
    CHECK_FALSE(kb::schema::StampIndex(db).ok());
  }
  fs::remove_all(dir);
}

TEST_CASE("StoredDocument survives a JSON round trip, diacritics included") {
  kb::StoredDocument d;
  d.id = "0123abcd";
  d.title = "Cliëntondersteuning in Súdwest-Fryslân";
  d.year = 2018;
  d.pages = {"één", "twee"};
  d.themes = {{"jeugdhulp", "Jeugdhulp", 0.8}};
  d.gemeenten = {{"GM1900", "Súdwest-Fryslân", "Fryslân", 3}};
  auto back = kb::StoredDocument::FromJson(d.ToJson());
  REQUIRE(back.ok());
  CHECK(back->title == d.title);
  CHECK(back->pages == d.pages);
  CHECK(back->themes.at(0).score == Approx(0.8));
  CHECK(back->gemeenten.at(0).provincie == "Fryslân");
  CHECK_FALSE(kb::StoredDocument::FromJson("{not json").ok());
}
