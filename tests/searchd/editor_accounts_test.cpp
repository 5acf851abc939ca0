// EditorAccounts, editors and sessions: tokens shown once and stored hashed, removal, expiry.
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "kb/editing/editor_accounts.h"
#include "store_fixtures.h"

namespace {

using kb::ErrorKind;
using kb::editing::EditorAccounts;
using namespace kb::test;  // store_fixtures.h

std::string ReadBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool IsLowerHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

TEST_CASE("Editors get a token once; only its hash is stored") {
  StoreFile f;
  auto store = OpenStore(f.file);
  EditorAccounts accounts(store->connection());
  auto token = accounts.AddEditor("anna.de-vries_2");
  REQUIRE(token.ok());
  CHECK(token->size() == 64);
  CHECK(IsLowerHex(*token));
  auto other = accounts.AddEditor("bob");
  REQUIRE(other.ok());
  CHECK(*other != *token);

  auto who = accounts.EditorForToken(*token);
  REQUIRE(who.ok());
  REQUIRE(*who);
  CHECK(**who == "anna.de-vries_2");
  CHECK(**accounts.EditorForToken(*other) == "bob");

  SECTION("a wrong, empty or truncated token belongs to nobody") {
    std::string wrong = *token;
    wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
    CHECK_FALSE(*accounts.EditorForToken(wrong));
    CHECK_FALSE(*accounts.EditorForToken(""));
    CHECK_FALSE(*accounts.EditorForToken(token->substr(0, 63)));
  }
  SECTION("the token never reaches the file") {
    store.reset();
    const std::string bytes = ReadBytes(f.file) + ReadBytes(f.file.string() + "-wal");
    CHECK(bytes.find(*token) == std::string::npos);
  }
  SECTION("the list shows both, active") {
    auto editors = accounts.Editors();
    REQUIRE(editors.ok());
    REQUIRE(editors->size() == 2);
    CHECK(editors->at(0).name == "anna.de-vries_2");
    CHECK(editors->at(0).active);
    CHECK(editors->at(0).created.size() == 20);
  }
  SECTION("adding is audited without the token") {
    auto audit = store->audit().Recent("", 10);
    REQUIRE(audit.ok());
    REQUIRE(audit->size() == 2);
    CHECK(audit->at(1).action == "editor-add");
    CHECK(audit->at(1).after.find("anna.de-vries_2") != std::string::npos);
    CHECK(audit->at(1).after.find(*token) == std::string::npos);
  }
}

TEST_CASE("Editor names are checked") {
  StoreFile f;
  auto store = OpenStore(f.file);
  EditorAccounts accounts(store->connection());
  for (const std::string& bad : {std::string(), std::string("anna de vries"), std::string("anna/x"),
                                 std::string("ännа"), std::string(65, 'a'), std::string("a;b")}) {
    auto token = accounts.AddEditor(bad);
    REQUIRE_FALSE(token.ok());
    CHECK(token.status().kind() == ErrorKind::kInvalidArgument);
  }
  CHECK(accounts.AddEditor(std::string(64, 'a')).ok());
  REQUIRE(accounts.AddEditor("anna").ok());
  auto again = accounts.AddEditor("anna");
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().kind() == ErrorKind::kInvalidArgument);
  CHECK(again.status().message().find("anna") != std::string::npos);
}

TEST_CASE("Removing an editor ends the token and every session") {
  StoreFile f;
  auto store = OpenStore(f.file);
  EditorAccounts accounts(store->connection());
  auto other_process = OpenStore(f.file);
  EditorAccounts other_accounts(other_process->connection());
  const std::string token = *accounts.AddEditor("anna");
  auto session = accounts.CreateSession("anna", 3600);
  REQUIRE(session.ok());
  REQUIRE(*other_accounts.FindSession(session->token));

  REQUIRE(accounts.RemoveEditor("anna").ok());
  CHECK_FALSE(*other_accounts.EditorForToken(token));
  CHECK_FALSE(*other_accounts.FindSession(session->token));
  auto editors = accounts.Editors();
  REQUIRE(editors->size() == 1);
  CHECK_FALSE(editors->at(0).active);
  CHECK(store->audit().Recent("", 1)->at(0).action == "editor-remove");

  auto again = accounts.RemoveEditor("anna");
  REQUIRE_FALSE(again.ok());
  CHECK(again.kind() == ErrorKind::kNotFound);
  CHECK(accounts.RemoveEditor("nobody").kind() == ErrorKind::kNotFound);
  auto no_session = accounts.CreateSession("anna", 3600);
  REQUIRE_FALSE(no_session.ok());
  CHECK(no_session.status().kind() == ErrorKind::kNotFound);

  SECTION("adding the name again gives a new token; the old stays dead") {
    auto fresh = accounts.AddEditor("anna");
    REQUIRE(fresh.ok());
    CHECK(**accounts.EditorForToken(*fresh) == "anna");
    CHECK_FALSE(*accounts.EditorForToken(token));
  }
}

TEST_CASE("Sessions carry the editor and a CSRF value, and end") {
  StoreFile f;
  auto store = OpenStore(f.file);
  EditorAccounts accounts(store->connection());
  REQUIRE(accounts.AddEditor("anna").ok());
  auto session = accounts.CreateSession("anna", 3600);
  REQUIRE(session.ok());
  CHECK(session->token.size() == 64);
  CHECK(session->csrf.size() == 64);
  CHECK(session->csrf != session->token);
  CHECK(session->editor == "anna");
  CHECK(session->expires.size() == 20);

  auto found = accounts.FindSession(session->token);
  REQUIRE(found.ok());
  REQUIRE(*found);
  CHECK((*found)->editor == "anna");
  CHECK((*found)->csrf == session->csrf);
  CHECK((*found)->expires == session->expires);

  auto second = accounts.CreateSession("anna", 3600);
  REQUIRE(second.ok());
  CHECK(second->token != session->token);
  CHECK(second->csrf != session->csrf);

  CHECK_FALSE(*accounts.FindSession("0000"));
  CHECK_FALSE(*accounts.FindSession(""));
  REQUIRE(accounts.EndSession(session->token).ok());
  CHECK_FALSE(*accounts.FindSession(session->token));
  CHECK(*accounts.FindSession(second->token));  // the other session lives on
  CHECK(accounts.CreateSession("anna", 0).status().kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("A session expires after its time to live") {
  StoreFile f;
  auto store = OpenStore(f.file);
  EditorAccounts accounts(store->connection());
  REQUIRE(accounts.AddEditor("anna").ok());
  auto session = accounts.CreateSession("anna", 1);
  REQUIRE(session.ok());
  CHECK(*accounts.FindSession(session->token));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CHECK_FALSE(*accounts.FindSession(session->token));
}
