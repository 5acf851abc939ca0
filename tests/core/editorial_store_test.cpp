// EditorialStore on real SQLite files in a temporary folder: every API function, and two store
// objects on one file, as kb-indexer and kb-searchd have.
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <thread>

#include "kb/editorial/store.h"
#include "process.h"

namespace {

using kb::ErrorKind;
using kb::editorial::AuditEntry;
using kb::editorial::EditorialStore;
using kb::editorial::Merge;
using kb::editorial::Override;
using kb::editorial::PendingItem;

struct StoreFile {
  kb::test::TempDir dir;
  std::filesystem::path file = std::filesystem::path(dir.path()) / "index.editorial.sqlite";
};

std::unique_ptr<EditorialStore> OpenStore(const std::filesystem::path& file) {
  auto store = EditorialStore::Open(file);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(*store);
}

Override TitleOverride(const std::string& title) {
  Override o;
  o.title = title;
  return o;
}

Merge MakeMerge(const std::string& kept, const std::string& duplicate) {
  Merge m;
  m.kept = kept;
  m.duplicate = duplicate;
  m.duplicate_title = "Titel van " + duplicate;
  m.duplicate_format = "text";
  m.duplicate_path = "/c/" + duplicate + ".txt";
  return m;
}

std::vector<std::string> PendingPaths(EditorialStore& store) {
  auto pending = store.Pending();
  REQUIRE(pending.ok());
  std::vector<std::string> paths;
  for (const auto& item : *pending) paths.push_back(item.path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string ReadBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool IsLowerHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

TEST_CASE("EditorialStore creates its file and reopens it with the data") {
  StoreFile f;
  {
    auto store = OpenStore(f.file);
    REQUIRE(store->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Goede titel"), "anna").ok());
  }
  REQUIRE(std::filesystem::exists(f.file));
  auto store = OpenStore(f.file);
  auto got = store->GetOverride("d1");
  REQUIRE(got.ok());
  REQUIRE(got->title);
  CHECK(*got->title == "Goede titel");
  auto none = store->GetOverride("d2");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("EditorialStore refuses files that are not an editorial store") {
  kb::test::TempDir dir;
  SECTION("a text file") {
    const auto file = std::filesystem::path(dir.path()) / "notes.txt";
    std::ofstream(file)
        << "dit is geen database, maar wel een lange regel tekst die SQLite leest\n";
    auto store = EditorialStore::Open(file);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().kind() == ErrorKind::kInvalidArgument);
    CHECK(store.status().message().find(file.string()) != std::string::npos);
  }
  SECTION("a folder that does not exist") {
    auto store = EditorialStore::Open(std::filesystem::path(dir.path()) / "nope" / "e.sqlite");
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().message().find("nope") != std::string::npos);
  }
}

TEST_CASE("EditorialStore::DefaultPathFor puts the store beside the index folder") {
  CHECK(EditorialStore::DefaultPathFor("/data/index") == "/data/index.editorial.sqlite");
  CHECK(EditorialStore::DefaultPathFor("/data/index/") == "/data/index.editorial.sqlite");
  CHECK(EditorialStore::DefaultPathFor("build/demo-index") == "build/demo-index.editorial.sqlite");
}

TEST_CASE("Two EditorialStore objects on one file see each other's writes") {
  StoreFile f;
  auto searchd = OpenStore(f.file);
  auto indexer = OpenStore(f.file);
  const auto generation_before = indexer->Generation();
  REQUIRE(generation_before.ok());
  REQUIRE(searchd->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Nieuw"), "anna").ok());
  auto generation_after = indexer->Generation();
  REQUIRE(generation_after.ok());
  CHECK(*generation_after > *generation_before);
  auto edits = indexer->AllEdits();
  REQUIRE(edits.ok());
  REQUIRE(edits->count("d1") == 1);
  CHECK(*edits->at("d1").override.title == "Nieuw");
  auto pending = indexer->Pending();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->at(0).path == "/c/d1.pdf");
  REQUIRE(indexer->ClearPending(*pending).ok());
  CHECK(searchd->Pending()->empty());
  // And the other way round: a proposal from the indexer is seen by kb-searchd.
  REQUIRE(indexer->ProposeDuplicate("d1", "d2", 0.9).ok());
  CHECK(searchd->DuplicateCandidates("proposed")->size() == 1);
}

TEST_CASE("Two processes' worth of writers on one file lose nothing") {
  StoreFile f;
  auto first = OpenStore(f.file);
  auto second = OpenStore(f.file);
  constexpr int kEach = 40;
  // Catch2 assertions are not thread-safe: each thread collects its failures.
  auto writer = [](EditorialStore* store, std::string prefix, std::vector<std::string>* errors) {
    for (int i = 0; i < kEach; ++i) {
      const std::string id = prefix + std::to_string(i);
      kb::Status s = store->SaveOverride(id, "/c/" + id, TitleOverride("T " + id), "anna");
      if (!s.ok()) errors->push_back(s.ToString());
    }
  };
  std::vector<std::string> errors_a, errors_b;
  std::thread a(writer, first.get(), "a", &errors_a);
  std::thread b(writer, second.get(), "b", &errors_b);
  a.join();
  b.join();
  CHECK(errors_a.empty());
  CHECK(errors_b.empty());
  auto edits = first->AllEdits();
  REQUIRE(edits.ok());
  CHECK(edits->size() == 2 * kEach);
  CHECK(first->Pending()->size() == 2 * kEach);
}

TEST_CASE("Editors get a token once; only its hash is stored") {
  StoreFile f;
  auto store = OpenStore(f.file);
  auto token = store->AddEditor("anna.de-vries_2");
  REQUIRE(token.ok());
  CHECK(token->size() == 64);
  CHECK(IsLowerHex(*token));
  auto other = store->AddEditor("bob");
  REQUIRE(other.ok());
  CHECK(*other != *token);

  auto who = store->EditorForToken(*token);
  REQUIRE(who.ok());
  REQUIRE(*who);
  CHECK(**who == "anna.de-vries_2");
  CHECK(**store->EditorForToken(*other) == "bob");

  SECTION("a wrong, empty or truncated token belongs to nobody") {
    std::string wrong = *token;
    wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
    CHECK_FALSE(*store->EditorForToken(wrong));
    CHECK_FALSE(*store->EditorForToken(""));
    CHECK_FALSE(*store->EditorForToken(token->substr(0, 63)));
  }
  SECTION("the token never reaches the file") {
    store.reset();
    const std::string bytes = ReadBytes(f.file) + ReadBytes(f.file.string() + "-wal");
    CHECK(bytes.find(*token) == std::string::npos);
  }
  SECTION("the list shows both, active") {
    auto editors = store->Editors();
    REQUIRE(editors.ok());
    REQUIRE(editors->size() == 2);
    CHECK(editors->at(0).name == "anna.de-vries_2");
    CHECK(editors->at(0).active);
    CHECK(editors->at(0).created.size() == 20);
  }
  SECTION("adding is audited without the token") {
    auto audit = store->Audit("", 10);
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
  for (const std::string& bad : {std::string(), std::string("anna de vries"), std::string("anna/x"),
                                 std::string("ännа"), std::string(65, 'a'), std::string("a;b")}) {
    auto token = store->AddEditor(bad);
    REQUIRE_FALSE(token.ok());
    CHECK(token.status().kind() == ErrorKind::kInvalidArgument);
  }
  CHECK(store->AddEditor(std::string(64, 'a')).ok());
  REQUIRE(store->AddEditor("anna").ok());
  auto again = store->AddEditor("anna");
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().kind() == ErrorKind::kInvalidArgument);
  CHECK(again.status().message().find("anna") != std::string::npos);
}

TEST_CASE("Removing an editor ends the token and every session") {
  StoreFile f;
  auto store = OpenStore(f.file);
  auto other_process = OpenStore(f.file);
  const std::string token = *store->AddEditor("anna");
  auto session = store->CreateSession("anna", 3600);
  REQUIRE(session.ok());
  REQUIRE(*other_process->FindSession(session->token));

  REQUIRE(store->RemoveEditor("anna").ok());
  CHECK_FALSE(*other_process->EditorForToken(token));
  CHECK_FALSE(*other_process->FindSession(session->token));
  auto editors = store->Editors();
  REQUIRE(editors->size() == 1);
  CHECK_FALSE(editors->at(0).active);
  CHECK(store->Audit("", 1)->at(0).action == "editor-remove");

  auto again = store->RemoveEditor("anna");
  REQUIRE_FALSE(again.ok());
  CHECK(again.kind() == ErrorKind::kNotFound);
  CHECK(store->RemoveEditor("nobody").kind() == ErrorKind::kNotFound);
  auto no_session = store->CreateSession("anna", 3600);
  REQUIRE_FALSE(no_session.ok());
  CHECK(no_session.status().kind() == ErrorKind::kNotFound);

  SECTION("adding the name again gives a new token; the old stays dead") {
    auto fresh = store->AddEditor("anna");
    REQUIRE(fresh.ok());
    CHECK(**store->EditorForToken(*fresh) == "anna");
    CHECK_FALSE(*store->EditorForToken(token));
  }
}

TEST_CASE("Sessions carry the editor and a CSRF value, and end") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->AddEditor("anna").ok());
  auto session = store->CreateSession("anna", 3600);
  REQUIRE(session.ok());
  CHECK(session->token.size() == 64);
  CHECK(session->csrf.size() == 64);
  CHECK(session->csrf != session->token);
  CHECK(session->editor == "anna");
  CHECK(session->expires.size() == 20);

  auto found = store->FindSession(session->token);
  REQUIRE(found.ok());
  REQUIRE(*found);
  CHECK((*found)->editor == "anna");
  CHECK((*found)->csrf == session->csrf);
  CHECK((*found)->expires == session->expires);

  auto second = store->CreateSession("anna", 3600);
  REQUIRE(second.ok());
  CHECK(second->token != session->token);
  CHECK(second->csrf != session->csrf);

  CHECK_FALSE(*store->FindSession("0000"));
  CHECK_FALSE(*store->FindSession(""));
  REQUIRE(store->EndSession(session->token).ok());
  CHECK_FALSE(*store->FindSession(session->token));
  CHECK(*store->FindSession(second->token));  // the other session lives on
  CHECK(store->CreateSession("anna", 0).status().kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("A session expires after its time to live") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->AddEditor("anna").ok());
  auto session = store->CreateSession("anna", 1);
  REQUIRE(session.ok());
  CHECK(*store->FindSession(session->token));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CHECK_FALSE(*store->FindSession(session->token));
}

TEST_CASE("Override JSON round trip") {
  Override o;
  o.title = "Jeugdzorg in Assen";
  o.date = "2019-04-30";
  o.kind = "rapport";
  o.organisation = "Gemeente Assen";
  o.themes_added = {"jeugdhulp"};
  o.themes_removed = {"wonen"};
  o.themes_confirmed = {"zorg"};
  o.gemeenten_added = {"GM0106"};
  o.gemeenten_removed = {"GM0114"};
  o.gemeenten_confirmed = {"GM0109"};
  o.provincies_added = {"Drenthe"};
  o.provincies_removed = {"Fryslân"};
  o.hidden = true;
  auto back = Override::FromJson(o.ToJson());
  REQUIRE(back.ok());
  CHECK(back->ToJson() == o.ToJson());
  CHECK(*back->title == "Jeugdzorg in Assen");
  CHECK(back->provincies_removed == std::vector<std::string>{"Fryslân"});
  CHECK(back->hidden);
  CHECK_FALSE(back->empty());

  const Override empty;
  CHECK(empty.empty());
  auto empty_back = Override::FromJson(empty.ToJson());
  REQUIRE(empty_back.ok());
  CHECK(empty_back->empty());
  CHECK_FALSE(empty_back->title);

  auto with_null = Override::FromJson(R"({"title":null,"date":""})");
  REQUIRE(with_null.ok());
  CHECK_FALSE(with_null->title);
  REQUIRE(with_null->date);
  CHECK(with_null->date->empty());  // an empty date clears the machine's date
  CHECK_FALSE(with_null->empty());
  CHECK(Override::FromJson(R"({"themes_confirmed":["zorg"]})")->empty() == false);
  for (const char* date : {"2019", "2019-02", "2020-02-29"}) {
    CHECK(Override::FromJson(std::string(R"({"date":")") + date + "\"}").ok());
  }
}

TEST_CASE("Override::FromJson names the field of a bad value") {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {R"({"titel":"x"})", "titel"},
      {R"({"title":""})", "title"},
      {R"({"title":"   "})", "title"},
      {R"({"title":5})", "title"},
      {R"({"date":"30-04-2019"})", "date"},
      {R"({"date":"2019-13"})", "date"},
      {R"({"date":"2019-02-30"})", "date"},
      {R"({"date":"2021-02-29"})", "date"},
      {R"({"kind":"boek"})", "kind"},
      {R"({"organisation":["a"]})", "organisation"},
      {R"({"themes_added":"jeugdhulp"})", "themes_added"},
      {R"({"themes_removed":["Jeugd Hulp"]})", "themes_removed"},
      {R"({"themes_confirmed":[1]})", "themes_confirmed"},
      {R"({"gemeenten_added":["Assen"]})", "gemeenten_added"},
      {R"({"gemeenten_removed":["GM01"]})", "gemeenten_removed"},
      {R"({"gemeenten_confirmed":["gm0106"]})", "gemeenten_confirmed"},
      {R"({"provincies_added":[""]})", "provincies_added"},
      {R"({"provincies_added":["Drenthe"],"provincies_removed":["Drenthe"]})",
       "provincies_removed"},
      {R"({"themes_added":["zorg"],"themes_removed":["zorg"]})", "themes_removed"},
      {R"({"hidden":"ja"})", "hidden"},
  };
  for (const auto& c : cases) {
    auto parsed = Override::FromJson(c.json);
    INFO(c.json);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().kind() == ErrorKind::kInvalidArgument);
    CHECK(parsed.status().message().find(std::string("\"") + c.field + "\"") != std::string::npos);
  }
  CHECK(Override::FromJson("{not json").status().kind() == ErrorKind::kInvalidArgument);
  CHECK(Override::FromJson("[1]").status().kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("SaveOverride audits before and after, enqueues the path, and can undo") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Eerste"), "anna").ok());
  REQUIRE(store->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Tweede"), "bob").ok());
  auto audit = store->Audit("d1", 10);
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

  REQUIRE(store->SaveOverride("d1", "/c/d1.pdf", Override{}, "anna").ok());
  CHECK(store->GetOverride("d1")->empty());
  CHECK(store->AllEdits()->count("d1") == 0);
  CHECK(store->Audit("d1", 1)->at(0).after.empty());
  CHECK(store->Audit("d1", 1)->at(0).before.find("Tweede") != std::string::npos);

  CHECK(store->SaveOverride("", "/c/x", TitleOverride("x"), "anna").kind() ==
        ErrorKind::kInvalidArgument);
  CHECK(store->SaveOverride("d2", "/c/x", TitleOverride("x"), "").kind() ==
        ErrorKind::kInvalidArgument);
  CHECK(store->Audit("d2", 10)->empty());
}

TEST_CASE("Merges show on both documents and can be undone") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->ProposeDuplicate("kept", "dup", 0.93).ok());
  REQUIRE(store->SaveMerge(MakeMerge("kept", "dup"), "/c/kept.pdf", "anna").ok());

  auto edits = store->AllEdits();
  REQUIRE(edits.ok());
  REQUIRE(edits->at("dup").merged_into);
  CHECK(edits->at("dup").merged_into->kept == "kept");
  CHECK(edits->at("dup").merged_into->editor == "anna");
  REQUIRE(edits->at("kept").merged_here.size() == 1);
  CHECK(edits->at("kept").merged_here[0].duplicate_title == "Titel van dup");
  CHECK(edits->at("kept").merged_here[0].duplicate_path == "/c/dup.txt");
  CHECK(edits->at("kept").merged_here[0].duplicate_format == "text");

  auto for_kept = store->EditsFor("kept");
  REQUIRE(for_kept.ok());
  CHECK_FALSE(for_kept->merged_into);
  CHECK(for_kept->merged_here.size() == 1);
  auto for_dup = store->EditsFor("dup");
  REQUIRE(for_dup->merged_into);
  CHECK(for_dup->merged_here.empty());
  CHECK(store->EditsFor("other")->empty());
  CHECK(store->Merges()->size() == 1);
  CHECK(PendingPaths(*store) == std::vector<std::string>{"/c/dup.txt", "/c/kept.pdf"});
  auto candidates = store->DuplicateCandidates("");
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).status == "merged");
  CHECK(candidates->at(0).similarity == Approx(0.93));
  CHECK(store->Audit("kept", 10)->at(0).action == "merge");
  CHECK(store->Audit("dup", 10)->at(0).action == "merge");

  SECTION("impossible merges are refused, naming the field") {
    auto self = store->SaveMerge(MakeMerge("x", "x"), "/c/x", "anna");
    CHECK(self.kind() == ErrorKind::kInvalidArgument);
    auto twice = store->SaveMerge(MakeMerge("other", "dup"), "/c/other", "anna");
    CHECK(twice.kind() == ErrorKind::kInvalidArgument);
    CHECK(twice.message().find("\"duplicate\"") != std::string::npos);
    auto chain = store->SaveMerge(MakeMerge("dup", "third"), "/c/dup.txt", "anna");
    CHECK(chain.message().find("\"kept\"") != std::string::npos);
    auto kept_as_dup = store->SaveMerge(MakeMerge("third", "kept"), "/c/third", "anna");
    CHECK(kept_as_dup.kind() == ErrorKind::kInvalidArgument);
    CHECK(store->Merges()->size() == 1);
  }
  SECTION("unmerging restores both and rejects the pair") {
    REQUIRE(store->ClearPending(*store->Pending()).ok());
    REQUIRE(store->Unmerge("dup", "bob").ok());
    CHECK(store->AllEdits()->empty());
    CHECK(PendingPaths(*store) == std::vector<std::string>{"/c/dup.txt", "/c/kept.pdf"});
    CHECK(store->DuplicateCandidates("rejected")->size() == 1);
    auto audit = store->Audit("dup", 1);
    CHECK(audit->at(0).action == "unmerge");
    CHECK(audit->at(0).editor == "bob");
    CHECK(audit->at(0).before.find("kept") != std::string::npos);
    CHECK(store->Unmerge("dup", "bob").kind() == ErrorKind::kNotFound);
  }
}

TEST_CASE("Notes are kept per document, in order, and audited") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->AddNote("d1", "Titel nagevraagd bij de gemeente", "anna").ok());
  REQUIRE(store->AddNote("d1", "Bevestigd", "bob").ok());
  REQUIRE(store->AddNote("d2", "Ander document", "anna").ok());
  auto notes = store->Notes("d1");
  REQUIRE(notes.ok());
  REQUIRE(notes->size() == 2);
  CHECK(notes->at(0).text == "Titel nagevraagd bij de gemeente");
  CHECK(notes->at(0).editor == "anna");
  CHECK(notes->at(1).editor == "bob");
  CHECK(notes->at(0).id < notes->at(1).id);
  CHECK(notes->at(0).doc_id == "d1");
  CHECK(store->Notes("d3")->empty());
  CHECK(store->Audit("d1", 1)->at(0).action == "note");
  CHECK(store->AddNote("d1", "  ", "anna").kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("Duplicate proposals keep an editor's decision") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->ProposeDuplicate("bb", "aa", 0.8).ok());
  REQUIRE(store->ProposeDuplicate("aa", "bb", 0.85).ok());
  REQUIRE(store->ProposeDuplicate("cc", "dd", 0.7).ok());
  auto proposed = store->DuplicateCandidates("proposed");
  REQUIRE(proposed->size() == 2);
  CHECK(proposed->at(0).a == "aa");  // sorted pair, highest similarity first
  CHECK(proposed->at(0).b == "bb");
  CHECK(proposed->at(0).similarity == Approx(0.85));

  REQUIRE(store->RejectDuplicate("bb", "aa", "anna").ok());
  REQUIRE(store->ProposeDuplicate("aa", "bb", 0.99).ok());
  CHECK(store->DuplicateCandidates("proposed")->size() == 1);
  auto rejected = store->DuplicateCandidates("rejected");
  REQUIRE(rejected->size() == 1);
  CHECK(rejected->at(0).a == "aa");
  CHECK(store->DuplicateCandidates("")->size() == 2);
  CHECK(store->Audit("aa", 1)->at(0).action == "reject-duplicate");
  CHECK(store->Audit("bb", 1)->at(0).action == "reject-duplicate");
  CHECK(store->ProposeDuplicate("aa", "aa", 1).kind() == ErrorKind::kInvalidArgument);
  CHECK(store->RejectDuplicate("aa", "bb", "").kind() == ErrorKind::kInvalidArgument);
}

TEST_CASE("ClearPending keeps an item enqueued again after it was read") {
  StoreFile f;
  auto searchd = OpenStore(f.file);
  auto indexer = OpenStore(f.file);
  REQUIRE(searchd->Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->Enqueue("/c/b.pdf").ok());
  auto taken = indexer->Pending();
  REQUIRE(taken->size() == 2);
  const auto generation = *indexer->Generation();
  REQUIRE(searchd->Enqueue("/c/a.pdf").ok());  // saved again while the indexer works
  CHECK(*indexer->Generation() > generation);
  REQUIRE(indexer->ClearPending(*taken).ok());
  auto left = indexer->Pending();
  REQUIRE(left->size() == 1);
  CHECK(left->at(0).path == "/c/a.pdf");
  CHECK(left->at(0).generation > taken->at(0).generation);
  REQUIRE(indexer->ClearPending(*left).ok());
  CHECK(indexer->Pending()->empty());
  REQUIRE(searchd->Enqueue("/c/a.pdf").ok());
  REQUIRE(searchd->Enqueue("/c/a.pdf").ok());
  CHECK(indexer->Pending()->size() == 1);
}

TEST_CASE("The audit log lists newest first, per document or all, with a limit") {
  StoreFile f;
  auto store = OpenStore(f.file);
  REQUIRE(store->AppendAudit({0, "", "anna", "upload", "d9", "", R"({"name":"a.pdf"})"}).ok());
  REQUIRE(store->SaveOverride("d1", "/c/d1", TitleOverride("x"), "anna").ok());
  REQUIRE(store->AddNote("d1", "n", "bob").ok());
  auto all = store->Audit("", 100);
  REQUIRE(all->size() == 3);
  CHECK(all->at(0).action == "note");
  CHECK(all->at(2).action == "upload");
  CHECK(all->at(2).doc_id == "d9");
  CHECK(all->at(2).after == R"({"name":"a.pdf"})");
  CHECK(all->at(0).id > all->at(1).id);
  CHECK(store->Audit("", 1)->size() == 1);
  CHECK(store->Audit("d1", 100)->size() == 2);
  CHECK(store->Audit("d9", 100)->size() == 1);
}

namespace {

// Fills a store with one of everything.
void FillStore(EditorialStore& store) {
  REQUIRE(store.AddEditor("anna").ok());
  REQUIRE(store.AddEditor("bob").ok());
  REQUIRE(store.RemoveEditor("bob").ok());
  Override o = TitleOverride("Jeugdhulp in Drenthe");
  o.themes_added = {"jeugdhulp"};
  o.gemeenten_removed = {"GM0114"};
  o.hidden = false;
  REQUIRE(store.SaveOverride("d1", "/c/d1.pdf", o, "anna").ok());
  Override hide;
  hide.hidden = true;
  REQUIRE(store.SaveOverride("d4", "/c/d4.pdf", hide, "anna").ok());
  REQUIRE(store.ProposeDuplicate("d1", "d2", 0.91).ok());
  REQUIRE(store.ProposeDuplicate("d1", "d3", 0.72).ok());
  REQUIRE(store.SaveMerge(MakeMerge("d1", "d2"), "/c/d1.pdf", "anna").ok());
  REQUIRE(store.RejectDuplicate("d1", "d3", "anna").ok());
  REQUIRE(store.ProposeDuplicate("d5", "d6", 0.88).ok());
  REQUIRE(store.AddNote("d1", "Dubbel met de tekstversie; \"quotes\" en é", "anna").ok());
}

nlohmann::json WithoutVolatile(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  j.erase("exported");
  auto& audit = j["audit"];
  audit.erase(std::remove_if(audit.begin(), audit.end(),
                             [](const nlohmann::json& e) { return e["action"] == "import"; }),
              audit.end());
  return j;
}

}  // namespace

TEST_CASE("Export and import round trip through an empty store") {
  StoreFile original_file;
  auto original = OpenStore(original_file.file);
  FillStore(*original);
  const std::string token = *original->AddEditor("carla");
  auto exported = original->ExportJson();
  REQUIRE(exported.ok());
  CHECK(exported->find("\n  \"editors\"") != std::string::npos);  // pretty printed
  CHECK(exported->find(token) == std::string::npos);

  StoreFile copy_file;
  auto copy = OpenStore(copy_file.file);
  REQUIRE(copy->ImportJson(*exported, "kb-admin").ok());
  auto again = copy->ExportJson();
  REQUIRE(again.ok());
  CHECK(WithoutVolatile(*again) == WithoutVolatile(*exported));
  CHECK(WithoutVolatile(*again)["overrides"].size() == 2);

  // The import is audited, and what it brings is queued for kb-indexer.
  auto audit = copy->Audit("", 1);
  CHECK(audit->at(0).action == "import");
  CHECK(audit->at(0).editor == "kb-admin");
  CHECK(PendingPaths(*copy) == std::vector<std::string>{"/c/d1.pdf", "/c/d2.txt", "/c/d4.pdf"});
  // Editors travel with their token hashes.
  CHECK(**copy->EditorForToken(token) == "carla");
  CHECK(copy->AllEdits()->at("d2").merged_into->kept == "d1");
  CHECK(copy->GetOverride("d4")->hidden);

  SECTION("importing twice doubles no note and no audit entry") {
    REQUIRE(copy->ImportJson(*exported, "kb-admin").ok());
    CHECK(copy->Notes("d1")->size() == 1);
    CHECK(WithoutVolatile(*copy->ExportJson()) == WithoutVolatile(*exported));
  }
  SECTION("the file wins for the same document") {
    StoreFile third_file;
    auto third = OpenStore(third_file.file);
    REQUIRE(third->SaveOverride("d1", "/c/d1.pdf", TitleOverride("Lokaal"), "zoe").ok());
    REQUIRE(third->SaveOverride("d7", "/c/d7.pdf", TitleOverride("Blijft"), "zoe").ok());
    REQUIRE(third->ImportJson(*exported, "kb-admin").ok());
    CHECK(*third->GetOverride("d1")->title == "Jeugdhulp in Drenthe");
    CHECK(*third->GetOverride("d7")->title == "Blijft");
  }
}

TEST_CASE("A bad import file changes nothing and names the entry") {
  StoreFile f;
  auto store = OpenStore(f.file);
  FillStore(*store);
  const std::string before = *store->ExportJson();
  nlohmann::json j = nlohmann::json::parse(before);
  SECTION("a bad override value") {
    j["overrides"][1]["override"]["date"] = "morgen";
    auto s = store->ImportJson(j.dump(), "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("overrides[1].override") != std::string::npos);
    CHECK(s.message().find("\"date\"") != std::string::npos);
  }
  SECTION("a missing field") {
    j["merges"][0].erase("kept");
    auto s = store->ImportJson(j.dump(), "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("merges[0].kept") != std::string::npos);
  }
  SECTION("not an export") {
    auto s = store->ImportJson(R"({"overrides":[]})", "kb-admin");
    REQUIRE(s.kind() == ErrorKind::kInvalidArgument);
    CHECK(s.message().find("format") != std::string::npos);
    CHECK(store->ImportJson("nee", "kb-admin").kind() == ErrorKind::kInvalidArgument);
  }
  CHECK(WithoutVolatile(*store->ExportJson()) == WithoutVolatile(before));
  CHECK(store->Audit("", 1)->at(0).action != "import");
}

TEST_CASE("A write waits for another process's transaction, up to the busy timeout") {
  StoreFile f;
  auto store = OpenStore(f.file);
  // A second connection through libsqlite3 itself stands for the other process.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(f.file.c_str(), &other) == SQLITE_OK);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> close_other(other, sqlite3_close);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  SECTION("a short transaction: the write waits and succeeds") {
    std::thread commit_later([other] {
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    });
    const auto start = std::chrono::steady_clock::now();
    const kb::Status s = store->Enqueue("/c/a.pdf");
    const auto waited = std::chrono::steady_clock::now() - start;
    commit_later.join();
    CHECK(s.ok());
    CHECK(waited >= std::chrono::milliseconds(300));
    CHECK(store->Pending()->size() == 1);
  }
  SECTION("a transaction held past the timeout: Unavailable, naming the file") {
    const kb::Status s = store->Enqueue("/c/a.pdf");
    REQUIRE_FALSE(s.ok());
    CHECK(s.kind() == ErrorKind::kUnavailable);
    CHECK(s.message().find(f.file.string()) != std::string::npos);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    CHECK(store->Pending()->empty());
    CHECK(store->Enqueue("/c/a.pdf").ok());
  }
}
