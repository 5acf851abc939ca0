// kb-admin, the real binary, on stores in a temporary folder: editors, export/import round
// trip, and the exit codes and messages of bad command lines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "kb/editing/editor_accounts.h"
#include "kb/editorial/store.h"
#include "process.h"
#include "store_fixtures.h"

namespace {

namespace fs = std::filesystem;
using kb::editing::EditorAccounts;
using kb::editorial::EditorialStore;
using kb::test::OpenStore;
using kb::test::ProcessResult;
using kb::test::WithoutVolatile;

ProcessResult Admin(std::vector<std::string> args) {
  args.insert(args.begin(), KB_ADMIN);
  return kb::test::Run(args);
}

// The token is the one line of 64 lower-case hex digits in kb-admin's output.
std::string TokenIn(const std::string& out) {
  std::smatch match;
  const std::regex line("(^|\n)([0-9a-f]{64})\n");
  return std::regex_search(out, match, line) ? match[2].str() : "";
}

}  // namespace

TEST_CASE("kb-admin editor add prints the token once and the store accepts it") {
  kb::test::TempDir dir;
  const std::string db = (dir.path() / "index").string();
  auto added = Admin({"--db", db, "editor", "add", "anna"});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  const std::string token = TokenIn(added.out);
  REQUIRE(token.size() == 64);
  CHECK(added.out.find("/redactie") != std::string::npos);
  CHECK(added.out.find("anna") != std::string::npos);
  CHECK(added.out.find("127.0.0.1") == std::string::npos);  // no address it cannot know

  // With the public address, the output says where to log in.
  auto at = Admin({"--db", db, "editor", "add", "eva", "--public-url", "https://zoek.example.nl/"});
  REQUIRE(at.exit_code == 0);
  CHECK(at.out.find("open https://zoek.example.nl/redactie en") != std::string::npos);
  // The address kb-searchd is configured with ([common] public-url) is the one it names.
  const fs::path config = dir.path() / "config.toml";
  std::ofstream(config)
      << "[common]\ndb = \"/elders\"\npublic-url = \"https://kennis.gemeente.nl\"\n";
  auto configured = Admin({"--config", config.string(), "--db", db, "editor", "add", "gijs"});
  INFO(configured.err);
  REQUIRE(configured.exit_code == 0);
  CHECK(configured.out.find("open https://kennis.gemeente.nl/redactie en") != std::string::npos);
  auto bad_url = Admin({"--db", db, "editor", "add", "fenna", "--public-url", "zoek.example.nl"});
  CHECK(bad_url.exit_code == 2);
  CHECK(bad_url.err.find("--public-url") != std::string::npos);

  // --db puts the store beside the index folder.
  const fs::path store_file = EditorialStore::DefaultPathFor(db);
  REQUIRE(fs::exists(store_file));
  CHECK_FALSE(fs::exists(db));
  {
    auto store = OpenStore(store_file);
    auto who = EditorAccounts(store->connection()).EditorForToken(token);
    REQUIRE(who.ok());
    REQUIRE(*who);
    CHECK(**who == "anna");
  }

  auto second = Admin({"--store", store_file.string(), "editor", "add", "bob"});
  REQUIRE(second.exit_code == 0);
  CHECK(TokenIn(second.out) != token);

  SECTION("the same name again fails, naming it") {
    auto again = Admin({"--db", db, "editor", "add", "anna"});
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("\"anna\"") != std::string::npos);
    CHECK(TokenIn(again.out).empty());
  }
  SECTION("a bad name fails, saying what is allowed") {
    auto bad = Admin({"--db", db, "editor", "add", "anna de vries"});
    CHECK(bad.exit_code == 1);
    CHECK(bad.err.find("letters") != std::string::npos);
  }
  SECTION("list shows both; remove ends the token") {
    auto list = Admin({"--db", db, "editor", "list"});
    REQUIRE(list.exit_code == 0);
    CHECK(list.out.find("anna") != std::string::npos);
    CHECK(list.out.find("bob") != std::string::npos);
    CHECK(list.out.find("verwijderd") == std::string::npos);
    CHECK(list.out.find(token) == std::string::npos);

    auto removed = Admin({"--db", db, "editor", "remove", "anna"});
    REQUIRE(removed.exit_code == 0);
    auto store = OpenStore(store_file);
    CHECK_FALSE(*EditorAccounts(store->connection()).EditorForToken(token));
    auto after = Admin({"--db", db, "editor", "list"});
    CHECK(after.out.find("verwijderd") != std::string::npos);

    auto unknown = Admin({"--db", db, "editor", "remove", "carla"});
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("\"carla\"") != std::string::npos);
  }
}

TEST_CASE("kb-admin export and import round trip") {
  kb::test::TempDir dir;
  const fs::path source = fs::path(dir.path()) / "bron.sqlite";
  {
    auto store = OpenStore(source);
    REQUIRE(EditorAccounts(store->connection()).AddEditor("anna").ok());
    kb::editorial::Override o;
    o.title = "Armoede in Groningen";
    o.gemeenten_added = {"GM0014"};
    REQUIRE(store->edits().SaveOverride("d1", "/c/d1.pdf", o, "anna").ok());
    kb::editorial::Merge m{"d1", "d2", "Armoede (tekst)", "text", "/c/d2.txt", "", ""};
    REQUIRE(store->edits().SaveMerge(m, "/c/d1.pdf", "anna").ok());
    REQUIRE(store->notes().Add("d1", "Titel gecontroleerd", "anna").ok());
    REQUIRE(store->duplicates().Propose("d3", "d4", 0.9).ok());
  }
  auto to_stdout = Admin({"--store", source.string(), "export"});
  REQUIRE(to_stdout.exit_code == 0);
  CHECK(to_stdout.out.find("\"Armoede in Groningen\"") != std::string::npos);

  const fs::path file = fs::path(dir.path()) / "backup.json";
  auto to_file = Admin({"--store", source.string(), "export", file.string()});
  REQUIRE(to_file.exit_code == 0);
  CHECK(to_file.out.find(file.string()) != std::string::npos);
  REQUIRE(fs::exists(file));
  CHECK(WithoutVolatile(to_stdout.out) ==
        WithoutVolatile(
            std::string(std::istreambuf_iterator<char>(std::ifstream(file).rdbuf()), {})));

  const fs::path target = fs::path(dir.path()) / "doel.sqlite";
  auto imported = Admin({"--store", target.string(), "import", file.string()});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  auto round = Admin({"--store", target.string(), "export"});
  REQUIRE(round.exit_code == 0);
  CHECK(WithoutVolatile(round.out) == WithoutVolatile(to_stdout.out));
  auto store = OpenStore(target);
  CHECK(store->audit().Recent("", 1)->at(0).action == "import");
  CHECK(store->audit().Recent("", 1)->at(0).editor == "kb-admin");
  CHECK(store->edits().AllEdits()->at("d2").merged_into->kept == "d1");
  CHECK(store->queue().Items()->size() == 2);  // kb-indexer applies what the import brought
}

TEST_CASE("kb-admin refuses bad files with the file's name and changes nothing") {
  kb::test::TempDir dir;
  const fs::path store_file = fs::path(dir.path()) / "e.sqlite";
  REQUIRE(Admin({"--store", store_file.string(), "editor", "add", "anna"}).exit_code == 0);
  const std::string before = Admin({"--store", store_file.string(), "export"}).out;

  const fs::path bad = fs::path(dir.path()) / "kapot.json";
  nlohmann::json j = nlohmann::json::parse(before);
  j["editors"][0]["token_sha256"] = 7;
  std::ofstream(bad) << j.dump();
  auto result = Admin({"--store", store_file.string(), "import", bad.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find(bad.string()) != std::string::npos);
  CHECK(result.err.find("editors[0].token_sha256") != std::string::npos);
  CHECK(WithoutVolatile(Admin({"--store", store_file.string(), "export"}).out) ==
        WithoutVolatile(before));

  const std::string missing = (dir.path() / "bestaat-niet.json").string();
  auto no_file = Admin({"--store", store_file.string(), "import", missing});
  CHECK(no_file.exit_code == 1);
  CHECK(no_file.err.find(missing) != std::string::npos);

  const std::string no_store = (dir.path() / "geen.sqlite").string();
  auto export_missing = Admin({"--store", no_store, "export"});
  CHECK(export_missing.exit_code == 1);
  CHECK(export_missing.err.find(no_store) != std::string::npos);
  CHECK_FALSE(fs::exists(no_store));  // reading commands never create a store

  const fs::path not_a_store = fs::path(dir.path()) / "tekst.txt";
  std::ofstream(not_a_store)
      << "geen database, alleen een regel tekst die lang genoeg is voor SQLite\n";
  auto wrong = Admin({"--store", not_a_store.string(), "editor", "list"});
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err.find(not_a_store.string()) != std::string::npos);
}

TEST_CASE("kb-admin exits 2 on a wrong command line") {
  kb::test::TempDir dir;
  const std::string db = (dir.path() / "index").string();
  const std::vector<std::vector<std::string>> cases = {
      {"editor", "list"},                                         // no store
      {"--db", db, "--store", db + ".sqlite", "editor", "list"},  // both
      {"--db", db},                                               // no command
      {"--db", db, "editor"},                                     // no editor command
      {"--db", db, "editor", "add"},                              // no name
      {"--db", db, "import"},                                     // no file
      {"--db", db, "--frobnicate", "editor", "list"},             // unknown option
  };
  for (const auto& args : cases) {
    auto result = Admin(args);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("kb-admin:") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(EditorialStore::DefaultPathFor(db)));
  CHECK(Admin({"--help"}).exit_code == 0);
}
