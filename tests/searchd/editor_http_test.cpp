// The editors' API over real HTTP: the real kb-searchd binary, its applier running the real
// kb-indexer --pending, on an index the real kb-indexer built. Auth (every write route without,
// with a wrong and with a right credential; CSRF), every override kind reaching search results
// and facets, merges, uploads of real corpus files, persistence across a restart and a full
// re-index, and an edit saved while kb-indexer indexes ../shared/corpus/docs.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include <catch2/catch.hpp>

#include "editor_fixture.h"
#include "kb/core/schema.h"
#include "kb/editing/editor_accounts.h"
#include "kb/http/editor_api.h"
#include "kb/search/catalog.h"

namespace {

namespace fs = std::filesystem;
using kb::test::Credentials;
using kb::test::Daemon;
using kb::test::Reply;
using nlohmann::json;

const fs::path kCorpus = fs::path(KB_SHARED_DIR) / "corpus" / "docs";

void WriteCorpus(const fs::path& docs) {
  kb::test::WriteFile(docs / "wijk-a.md",
                      "# Wijkverslag kraanvogelpad\n\nOver eenzaamheid onder ouderen in de "
                      "gemeente Assen in Drenthe. Het buurthuis organiseert koffieochtenden voor "
                      "ouderen die eenzaam zijn.\n");
  kb::test::WriteFile(
      docs / "verslag-b.md",
      "# Verslag ijsvogelsteeg\n\nOver armoede en schulden in de gemeente "
      "Groningen. De schuldhulpverlening helpt gezinnen met betalingsachterstanden.\n");
  const std::string report =
      "Rapport merelhof\n\nDe wijkteams in Zwolle werken samen met de huisartsen aan "
      "vroegsignalering van schulden en eenzaamheid. In 2019 bezochten zij vierhonderd "
      "huishoudens; de helft had betalingsachterstanden bij de zorgverzekeraar.\n";
  kb::test::WriteFile(docs / "rapport-c.txt", report);
  kb::test::WriteFile(docs / "kopie" / "rapport-c-kopie.txt", report);
  fs::create_directories(docs / "upload");
}

// A corpus, its index and the store with one editor, for a test that runs its own kb-searchd.
struct Setup {
  kb::test::TempDir dir;
  fs::path docs = dir.path() / "docs";
  fs::path db = dir.path() / "index";
  std::unique_ptr<kb::editorial::EditorialStore> store;
  Credentials editor;

  explicit Setup(const std::string& name) {
    WriteCorpus(docs);
    kb::test::RunIndexer(db, {docs}, dir.path() / "indexer.log");
    store = kb::test::OpenStore(db);
    editor = {kb::editing::EditorAccounts(store->connection()).AddEditor(name).value(), "", ""};
  }
  fs::path Log(const std::string& name) const { return dir.path() / name; }
};

// One index, one store with editor "anna", one kb-searchd for the tests that share it.
struct Site : Setup {
  std::string token = editor.bearer;
  std::unique_ptr<Daemon> daemon;

  Site() : Setup("anna") { Start(); }
  // The route sweeps send dozens of wrong keys from one address; the limit has its own tests.
  void Start() {
    daemon = std::make_unique<Daemon>(db, docs / "upload", Log("searchd.log"),
                                      std::vector<std::string>{"--max-failed-logins", "1000"});
  }
  Credentials Bearer() const { return {token, "", ""}; }
  // Logs in; the session cookie and CSRF token.
  Credentials Login() const {
    auto client = daemon->Client();
    auto r = client.Post("/api/editor/login", json{{"token", token}}.dump(), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const std::string cookie = r->get_header_value("Set-Cookie");
    const size_t eq = cookie.find('='), semi = cookie.find(';');
    return {"", cookie.substr(eq + 1, semi - eq - 1),
            json::parse(r->body)["csrf"].get<std::string>()};
  }
  json Search(const std::string& query) const {
    Reply r = daemon->Call("GET", "/api/search?" + query);
    INFO(query << " -> " << r.body.dump().substr(0, 300));
    REQUIRE(r.status == 200);
    return r.body;
  }
  std::string IdOf(const std::string& word) const {
    json body = Search("q=" + word);
    REQUIRE(body["total"] == 1);
    return body["hits"][0]["id"].get<std::string>();
  }
};

Site& Shared() {
  static Site site;
  return site;
}

std::set<std::string> HitIds(const json& body) {
  std::set<std::string> ids;
  for (const auto& h : body["hits"]) ids.insert(h["id"].get<std::string>());
  return ids;
}

bool FacetHas(const json& body, const std::string& facet, const std::string& value) {
  for (const auto& f : body["facets"][facet]) {
    if (f["value"] == value) return true;
  }
  return false;
}

// "/api/editor/documents/{id}" with real values.
std::string Fill(std::string path, const std::string& id) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"{id}", id}, {"{name}", "title"}}) {
    if (auto at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
  }
  return path;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

TEST_CASE(
    "every editor route refuses missing, wrong and CSRF-less credentials and changes nothing") {
  Site& site = Shared();
  const std::string a = site.IdOf("kraanvogelpad");
  const std::string b = site.IdOf("ijsvogelsteeg");
  const Credentials session = site.Login();
  // A write body that would change something if it were accepted.
  auto body_for = [&](const kb::http::EditorRouteInfo& r) -> std::string {
    const std::string path(r.path);
    if (path.find("notes") != std::string::npos) return json{{"text", "gehackt"}}.dump();
    if (path == "/api/editor/merges") return json{{"kept", a}, {"duplicate", b}}.dump();
    if (path.find("reject") != std::string::npos) return json{{"a", a}, {"b", b}}.dump();
    return json{{"title", "gehackt"}, {"hidden", true}}.dump();
  };
  const httplib::MultipartFormDataItems upload = {
      {"file", "Een bestand dat er nooit mag komen: gehackt.\n", "gehackt.txt", "text/plain"}};

  kb::test::WaitForQuietStore(*site.store);
  const std::string before = kb::test::StoreSnapshot(*site.store);
  const size_t uploads_before = std::distance(fs::directory_iterator(site.docs / "upload"), {});
  size_t writes = 0, reads = 0;
  for (const auto& route : kb::http::EditorRoutes()) {
    if (route.access != kb::http::Access::kEditor) continue;
    const std::string method(route.method);
    const std::string path = Fill(std::string(route.path), b);
    const bool write = method != "GET";
    INFO(method << " " << path);
    auto call = [&](const Credentials& c) {
      if (path == kb::http::kUploadRoute) return site.daemon->Upload(upload, c);
      return site.daemon->Call(method, path, write ? body_for(route) : "", c);
    };
    Reply none = call({});
    CHECK(none.status == 401);
    CHECK(none.body["error"]["code"] == "unauthenticated");
    Reply wrong = call({std::string(64, 'a'), "", ""});
    CHECK(wrong.status == 401);
    CHECK(wrong.body["error"]["code"] == "unauthenticated");
    // A wrong bearer never falls back to a valid cookie.
    CHECK(call({"fout", session.cookie, session.csrf}).status == 401);
    CHECK(call({"", "onbekende-sessie", "x"}).status == 401);
    if (write) {
      ++writes;
      Reply no_csrf = call({"", session.cookie, ""});
      CHECK(no_csrf.status == 403);
      CHECK(no_csrf.body["error"]["code"] == "forbidden");
      CHECK(call({"", session.cookie, session.csrf + "0"}).status == 403);
      CHECK(call({"", session.cookie, "x"}).status == 403);
    } else {
      ++reads;
    }
  }
  CHECK(writes >= 7);  // logout, put, notes, merges, unmerge, reject, upload
  CHECK(reads >= 5);
  // Unknown editor routes do not exist.
  CHECK(site.daemon->Call("POST", "/api/editor/documents/" + b + "/delete", "{}", site.Bearer())
            .status == 404);

  CHECK(kb::test::StoreSnapshot(*site.store) == before);
  CHECK(std::distance(fs::directory_iterator(site.docs / "upload"), {}) ==
        static_cast<std::ptrdiff_t>(uploads_before));
  // The session survived the refused logout, and the index shows nothing of it.
  CHECK(site.daemon->Call("GET", "/api/editor/session", "", session).status == 200);
  CHECK(site.Search("q=gehackt")["total"] == 0);
  CHECK(site.Search("q=ijsvogelsteeg")["total"] == 1);
}

TEST_CASE(
    "login sets an HttpOnly SameSite=Strict cookie; CSRF-carrying writes pass; logout ends it") {
  Site& site = Shared();
  auto client = site.daemon->Client();
  auto r = client.Post("/api/editor/login", json{{"token", site.token}}.dump(), "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  const std::string cookie = r->get_header_value("Set-Cookie");
  CHECK(cookie.rfind("kb_session=", 0) == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Path=/") != std::string::npos);
  CHECK(cookie.find("Max-Age=43200") != std::string::npos);
  const json body = json::parse(r->body);
  CHECK(body["editor"] == "anna");
  CHECK(body["csrf"].get<std::string>().size() >= 16);

  const Credentials session = site.Login();
  const std::string a = site.IdOf("kraanvogelpad");
  Reply info = site.daemon->Call("GET", "/api/editor/session", "", {"", session.cookie, ""});
  CHECK(info.status == 200);
  CHECK(info.body["csrf"] == session.csrf);
  Reply note = site.daemon->Call("POST", "/api/editor/documents/" + a + "/notes",
                                 json{{"text", "Titel nagekeken"}}.dump(), session);
  CHECK(note.status == 201);
  CHECK(note.body["editor"] == "anna");
  CHECK(note.body["text"] == "Titel nagekeken");
  Reply doc = site.daemon->Call("GET", "/api/editor/documents/" + a, "", session);
  REQUIRE(doc.status == 200);
  CHECK(doc.body["notes"].back()["text"] == "Titel nagekeken");
  CHECK(doc.body["audit"][0]["action"] == "note");

  Reply out = site.daemon->Call("POST", "/api/editor/logout", "", session);
  CHECK(out.status == 204);
  CHECK(out.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
  CHECK(site.daemon->Call("GET", "/api/editor/session", "", session).status == 401);
  CHECK(site.daemon
            ->Call("POST", "/api/editor/documents/" + a + "/notes",
                   json{{"text", "na uitloggen"}}.dump(), session)
            .status == 401);
}

TEST_CASE("the editors' page is served at /redactie and /redactie/ beside the public page") {
  Site& site = Shared();
  auto client = site.daemon->Client();
  const std::string page =
      kb::test::ReadFile(fs::path(KB_SOURCE_DIR) / "web" / "redactie" / "index.html");
  REQUIRE(!page.empty());
  for (const char* path : {"/redactie", "/redactie/"}) {
    auto r = client.Get(path);
    REQUIRE(r);
    INFO(path);
    CHECK(r->status == 200);
    CHECK(r->body == page);
    CHECK(r->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(r->get_header_value("X-Frame-Options") == "DENY");
  }
  auto home = client.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->body == kb::test::ReadFile(fs::path(KB_SOURCE_DIR) / "web" / "index.html"));
  auto script = client.Get("/js/app.js");
  REQUIRE(script);
  CHECK(script->status == 200);
}

TEST_CASE("editor routes validate against the catalogue and name the field") {
  Site& site = Shared();
  const std::string a = site.IdOf("kraanvogelpad");
  auto put = [&](const json& body) {
    return site.daemon->Call("PUT", "/api/editor/documents/" + a, body.dump(), site.Bearer());
  };
  const std::pair<json, std::string> cases[] = {
      {{{"themes_added", {"bestaat-niet"}}}, "themes_added"},
      {{{"gemeenten_added", {"GM9999"}}}, "gemeenten_added"},
      {{{"provincies_removed", {"Atlantis"}}}, "provincies_removed"},
      {{{"date", "2021-02-30"}}, "date"},
      {{{"kind", "roman"}}, "kind"},
      {{{"evidence", "roman"}}, "evidence"},
      {{{"title", ""}}, "title"},
      {{{"onbekend", 1}}, "onbekend"},
  };
  kb::test::WaitForQuietStore(*site.store);
  const std::string before = kb::test::StoreSnapshot(*site.store);
  for (const auto& [body, field] : cases) {
    Reply r = put(body);
    INFO(body.dump() << " -> " << r.body.dump());
    CHECK(r.status == 400);
    CHECK(r.body["error"]["message"].get<std::string>().find("\"" + field + "\"") !=
          std::string::npos);
  }
  CHECK(kb::test::StoreSnapshot(*site.store) == before);
  CHECK(site.daemon->Call("PUT", "/api/editor/documents/00000000deadbeef", "{}", site.Bearer())
            .status == 404);
  CHECK(site.daemon->Call("GET", "/api/editor/queues/onzin", "", site.Bearer()).status == 400);
  CHECK(site.daemon->Call("GET", "/api/editor/queues/title?limit=0", "", site.Bearer()).status ==
        400);
  Reply queues = site.daemon->Call("GET", "/api/editor/queues", "", site.Bearer());
  REQUIRE(queues.status == 200);
  std::vector<std::string> names;
  for (const auto& q : queues.body["queues"]) names.push_back(q["name"]);
  CHECK(names == std::vector<std::string>{"title", "date", "no-theme", "no-region",
                                          "low-confidence", "personal-data", "duplicates"});
  Reply status = site.daemon->Call("GET", "/api/editor/status", "", site.Bearer());
  CHECK(status.status == 200);
  CHECK(status.body["documents"] == 4);
  // The whole taxonomy to choose from, also themes no document of these four carries.
  Reply themes = site.daemon->Call("GET", "/api/editor/themes", "", site.Bearer());
  REQUIRE(themes.status == 200);
  std::set<std::string> slugs;
  for (const auto& t : themes.body["themes"]) {
    CHECK(!t["name"].get<std::string>().empty());
    slugs.insert(t["slug"].get<std::string>());
  }
  size_t taxonomy = 0;
  const kb::search::Catalog catalog = kb::search::LoadCatalog(KB_DATA_DIR, stderr);
  for (const auto& e : catalog.entries()) {
    taxonomy += e.type == "theme" ? 1 : 0;
  }
  CHECK(taxonomy > 20);
  CHECK(slugs.size() == taxonomy);
  CHECK(slugs.count("laaggeletterdheid") == 1);
  CHECK(site.daemon->Call("GET", "/api/editor/themes", "").status == 401);
}

TEST_CASE("every override kind reaches search results and facets within seconds") {
  Site& site = Shared();
  const std::string a = site.IdOf("kraanvogelpad");
  json value = json::object();
  std::vector<double> delays;
  // Saves `value` with `key` set and waits until `visible` holds.
  auto edit = [&](const std::string& key, const json& v, const std::function<bool()>& visible) {
    value[key] = v;
    INFO("override " << value.dump());
    CHECK_FALSE(visible());  // else the delay would measure nothing
    Reply r = site.daemon->Call("PUT", "/api/editor/documents/" + a, value.dump(), site.Bearer());
    REQUIRE(r.status == 200);
    CHECK(r.body["pending"] == true);
    auto took = kb::test::WaitFor(visible);
    CHECK(took.has_value());
    if (took) delays.push_back(*took);
  };
  auto has_a = [&](const std::string& query) { return HitIds(site.Search(query)).count(a) > 0; };

  edit("title", "Lepelaarsnest in de wijk", [&] {
    json r = site.Search("q=lepelaarsnest");
    return r["total"] == 1 && r["hits"][0]["title"] == "Lepelaarsnest in de wijk";
  });
  edit("date", "2019-05-01", [&] {
    json r = site.Search("q=lepelaarsnest&year_from=2019&year_to=2019");
    return HitIds(r).count(a) && FacetHas(r, "year", "2019");
  });
  edit("kind", "wet", [&] { return has_a("q=lepelaarsnest&kind=wet"); });
  edit("evidence", "effectonderzoek", [&] {
    json r = site.Search("q=lepelaarsnest&evidence=effectonderzoek");
    return HitIds(r).count(a) && FacetHas(r, "evidence", "effectonderzoek") &&
           r["hits"][0]["evidence"] == "effectonderzoek";
  });
  edit("organisation", "Stichting Reigerbos", [&] {
    return site.daemon->Call("GET", "/api/documents/" + a).body["organisation"] ==
           "Stichting Reigerbos";
  });
  edit("themes_added", json{"wonen"}, [&] {
    json r = site.Search("q=lepelaarsnest&theme=wonen");
    return HitIds(r).count(a) && FacetHas(r, "theme", "wonen");
  });
  edit("themes_removed", json{"eenzaamheid"}, [&] {
    return !has_a("q=lepelaarsnest&theme=eenzaamheid") &&
           !FacetHas(site.Search("q=lepelaarsnest"), "theme", "eenzaamheid");
  });
  edit("gemeenten_added", json{"GM0193"}, [&] {  // Zwolle
    json r = site.Search("q=lepelaarsnest&gemeente=GM0193");
    return HitIds(r).count(a) && FacetHas(r, "gemeente", "GM0193");
  });
  edit("provincies_added", json{"Limburg"}, [&] {
    json r = site.Search("q=lepelaarsnest&provincie=Limburg");
    return HitIds(r).count(a) && FacetHas(r, "provincie", "Limburg");
  });
  // The provincie itself goes from the document; a search by provincie still finds it through
  // its gemeente Assen until that is removed too.
  edit("provincies_removed", json{"Drenthe"}, [&] {
    json hit = site.Search("q=lepelaarsnest")["hits"][0];
    return std::find(hit["provincies"].begin(), hit["provincies"].end(), "Drenthe") ==
           hit["provincies"].end();
  });
  edit("gemeenten_removed", json{"GM0106"}, [&] {  // Assen
    json r = site.Search("q=lepelaarsnest");
    return !has_a("q=lepelaarsnest&gemeente=GM0106") && !FacetHas(r, "gemeente", "GM0106") &&
           !has_a("q=lepelaarsnest&provincie=Drenthe") && !FacetHas(r, "provincie", "Drenthe");
  });
  Reply doc = site.daemon->Call("GET", "/api/editor/documents/" + a, "", site.Bearer());
  REQUIRE(doc.status == 200);
  CHECK(doc.body["document"]["edited"] == true);
  CHECK(doc.body["document"]["title"] == "Lepelaarsnest in de wijk");
  CHECK(doc.body["document"]["machine"]["title"] == "Wijkverslag kraanvogelpad");
  CHECK(doc.body["override"]["kind"] == "wet");
  CHECK(doc.body["override"]["evidence"] == "effectonderzoek");
  CHECK(kb::schema::IsEvidenceType(doc.body["document"]["machine"]["evidence"].get<std::string>()));
  CHECK(doc.body["document"]["machine"]["evidence"] != "effectonderzoek");
  CHECK(doc.body["audit"][0]["action"] == "override");
  CHECK(doc.body["audit"][0]["editor"] == "anna");

  // A misspelling is corrected to the title word while the document is visible, not after.
  CHECK(site.Search("q=lepelaarsnesd")["corrected_query"] == "lepelaarsnest");
  edit("hidden", true, [&] {
    return site.Search("q=lepelaarsnest")["total"] == 0 &&
           site.daemon->Call("GET", "/api/documents/" + a).status == 404;
  });
  // Hidden: out of browsing, facets, suggestions and the review queues; editors still see it.
  json all = site.Search("q=");
  CHECK(HitIds(all).count(a) == 0);
  CHECK_FALSE(FacetHas(all, "theme", "wonen"));
  CHECK_FALSE(FacetHas(all, "provincie", "Limburg"));
  CHECK(site.daemon->Call("GET", "/api/suggest?q=lepelaars").body["suggestions"].empty());
  CHECK(site.Search("q=lepelaarsnesd")["corrected_query"].is_null());
  CHECK(site.daemon->Call("GET", "/api/documents/" + a + "/file").status == 404);
  CHECK(site.daemon->Call("GET", "/api/editor/documents/" + a, "", site.Bearer())
            .body["document"]["hidden"] == true);
  for (const char* queue : {"title", "date", "no-theme", "no-region", "low-confidence"}) {
    Reply q =
        site.daemon->Call("GET", std::string("/api/editor/queues/") + queue, "", site.Bearer());
    REQUIRE(q.status == 200);
    for (const auto& item : q.body["items"]) CHECK(item["id"] != a);
  }
  // The editors' search finds it, with its state; the public search does not.
  Reply found = site.daemon->Call("GET", "/api/editor/search?q=lepelaarsnest", "", site.Bearer());
  REQUIRE(found.status == 200);
  INFO(found.body.dump());
  REQUIRE(found.body["total"] == 1);
  CHECK(found.body["items"][0]["id"] == a);
  CHECK(found.body["items"][0]["hidden"] == true);
  CHECK(found.body["items"][0]["edited"] == true);
  Reply browse = site.daemon->Call("GET", "/api/editor/search?limit=100", "", site.Bearer());
  REQUIRE(browse.status == 200);
  CHECK(browse.body["total"].get<int>() == all["total"].get<int>() + 1);
  CHECK(site.daemon->Call("GET", "/api/editor/search?q=lepelaarsnest").status == 401);
  CHECK(site.daemon->Call("GET", "/api/editor/search?frobnicate=1", "", site.Bearer()).status ==
        400);
  // Unhide: back in the results.
  edit("hidden", false, [&] { return has_a("q=lepelaarsnest"); });

  const double median = Median(delays);
  std::printf(
      "[figure] save-to-visible in /api/search: median %.2f s over %zu edits (min %.2f s, "
      "max %.2f s)\n",
      median, delays.size(), *std::min_element(delays.begin(), delays.end()),
      *std::max_element(delays.begin(), delays.end()));
  CHECK(median < 5.0);
}

TEST_CASE("a merge removes the duplicate from results and shows it on the kept document") {
  Site& site = Shared();
  json both = site.Search("q=merelhof");
  REQUIRE(both["total"] == 2);
  const std::string kept = both["hits"][0]["id"], duplicate = both["hits"][1]["id"];
  REQUIRE(!kept.empty());
  REQUIRE(!duplicate.empty());
  auto merge = [&](const json& body) {
    return site.daemon->Call("POST", "/api/editor/merges", body.dump(), site.Bearer());
  };
  CHECK(merge({{"kept", kept}, {"duplicate", kept}}).status == 400);
  CHECK(merge({{"kept", kept}, {"duplicate", "00000000deadbeef"}}).status == 404);
  Reply merged = merge({{"kept", kept}, {"duplicate", duplicate}});
  REQUIRE(merged.status == 201);
  auto took = kb::test::WaitFor([&] {
    json r = site.Search("q=merelhof");
    return r["total"] == 1 && r["hits"][0]["id"] == kept;
  });
  CHECK(took.has_value());
  Reply page = site.daemon->Call("GET", "/api/documents/" + kept);
  REQUIRE(page.status == 200);
  REQUIRE(page.body["also_published_as"].size() == 1);
  CHECK(page.body["also_published_as"][0]["id"] == duplicate);
  Reply dup = site.daemon->Call("GET", "/api/documents/" + duplicate);
  CHECK(dup.status == 200);
  CHECK(dup.body["merged_into"] == kept);
  for (const auto& s : page.body["similar"]) CHECK(s["id"] != duplicate);
  // Merging it again is refused; undoing brings it back.
  CHECK(merge({{"kept", kept}, {"duplicate", duplicate}}).status == 400);
  CHECK(site.daemon->Call("DELETE", "/api/editor/merges/" + duplicate, "", site.Bearer()).status ==
        204);
  CHECK(kb::test::WaitFor([&] { return site.Search("q=merelhof")["total"] == 2; }).has_value());
  CHECK(site.daemon->Call("DELETE", "/api/editor/merges/" + duplicate, "", site.Bearer()).status ==
        404);
  CHECK(site.daemon
            ->Call("POST", "/api/editor/duplicates/reject",
                   json{{"a", kept}, {"b", duplicate}}.dump(), site.Bearer())
            .status == 204);
  Reply pairs = site.daemon->Call("GET", "/api/editor/queues/duplicates", "", site.Bearer());
  REQUIRE(pairs.status == 200);
  for (const auto& item : pairs.body["items"]) {
    CHECK_FALSE((item["a"]["id"] == kept && item["b"]["id"] == duplicate));
    CHECK_FALSE((item["b"]["id"] == kept && item["a"]["id"] == duplicate));
  }
}

TEST_CASE("uploaded corpus files (a PDF and a text file) become searchable; bad uploads are 4xx") {
  Site& site = Shared();
  const std::string pdf =
      kb::test::ReadFile(kCorpus / "wij-groningen" / "2. Voorbeeld Plan En Aanvraag Jeugdhulp.pdf");
  const std::string text = kb::test::ReadFile(kCorpus / "ucto-encodings" / "W1258.nl.txt");
  REQUIRE(!pdf.empty());
  REQUIRE(!text.empty());
  Reply r = site.daemon->Upload({{"file", pdf, "Plan en aanvraag jeugdhulp.pdf", "application/pdf"},
                                 {"file", text, "../W1258.nl.txt", "text/plain"}},
                                site.Bearer());
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  REQUIRE(r.body["files"].size() == 2);
  const json first = r.body["files"][0];
  CHECK(first["name"] == "Plan-en-aanvraag-jeugdhulp.pdf");
  CHECK(first["status"] == "queued");
  CHECK(fs::path(first["path"].get<std::string>()).parent_path() == site.docs / "upload");
  CHECK(r.body["files"][1]["name"] == "W1258.nl.txt");
  for (const auto& f : r.body["files"]) {
    const std::string id = f["id"];
    auto took = kb::test::WaitFor(
        [&] { return site.daemon->Call("GET", "/api/documents/" + id).status == 200; });
    CHECK(took.has_value());
  }
  CHECK(site.Search("q=jeugdhulp")["total"].get<int>() >= 1);
  Reply audit = site.daemon->Call("GET", "/api/editor/audit?limit=5", "", site.Bearer());
  REQUIRE(audit.status == 200);
  CHECK(audit.body["entries"][0]["action"] == "upload");
  CHECK(audit.body["entries"][0]["editor"] == "anna");
  // Same name again: a new file beside it, never an overwrite.
  Reply again = site.daemon->Upload({{"file", text, "W1258.nl.txt", "text/plain"}}, site.Bearer());
  REQUIRE(again.status == 201);
  CHECK(again.body["files"][0]["name"] == "W1258.nl-2.txt");

  kb::test::WaitForQuietStore(*site.store);
  const std::string before = kb::test::StoreSnapshot(*site.store);
  Reply wrong = site.daemon->Upload({{"file", pdf, "rapport.txt", "text/plain"}}, site.Bearer());
  CHECK(wrong.status == 400);
  CHECK(wrong.body["error"]["message"].get<std::string>().find("rapport.txt") != std::string::npos);
  CHECK(site.daemon->Upload({{"file", "\x89PNG\r\n", "foto.png", "image/png"}}, site.Bearer())
            .status == 400);
  CHECK(site.daemon->Upload({{"bestand", text, "a.txt", "text/plain"}}, site.Bearer()).status ==
        400);
  Reply big = site.daemon->Upload(
      {{"file", "%PDF-1.4\n" + std::string(51u << 20, 'x'), "groot.pdf", "application/pdf"}},
      site.Bearer());
  CHECK(big.status == 413);
  CHECK(big.body["error"]["code"] == "payload_too_large");
  // Other routes keep the 64 KB limit.
  Reply long_note =
      site.daemon->Call("POST", "/api/editor/documents/" + site.IdOf("ijsvogelsteeg") + "/notes",
                        json{{"text", std::string(70000, 'a')}}.dump(), site.Bearer());
  CHECK(long_note.status == 413);
  CHECK(kb::test::StoreSnapshot(*site.store) == before);
}

TEST_CASE("an uploaded scan is read by OCR and the editors' document says which pages") {
  Site& site = Shared();
  const std::string scan = kb::test::ReadFile(
      fs::path(KB_SHARED_DIR) / "corpus" / "formats" / "scanned-pdf" /
      "vng-stuf-king-archief_Is-het-RSGB-nog-wel-een-gemeentelijk-referentiemodel.pdf");
  REQUIRE(!scan.empty());
  Reply r =
      site.daemon->Upload({{"file", scan, "rsgb-scan.pdf", "application/pdf"}}, site.Bearer());
  INFO(r.body.dump());
  REQUIRE(r.status == 201);
  const std::string id = r.body["files"][0]["id"];
  // OCR takes seconds per page (more under the sanitizers).
  auto took = kb::test::WaitFor(
      [&] { return site.daemon->Call("GET", "/api/documents/" + id).status == 200; },
      std::chrono::seconds(120));
  REQUIRE(took.has_value());
  Reply doc = site.daemon->Call("GET", "/api/editor/documents/" + id, "", site.Bearer());
  REQUIRE(doc.status == 200);
  const json& scanned = doc.body["document"];
  CHECK(scanned["ocr_pages"] == json::array({1}));
  REQUIRE(scanned["pages"].size() == 1);
  CHECK(scanned["pages"][0].get<std::string>().find("referentiemodel") != std::string::npos);
  // A document with a text layer has none.
  Reply text = site.daemon->Call("GET", "/api/editor/documents/" + site.IdOf("ijsvogelsteeg"), "",
                                 site.Bearer());
  REQUIRE(text.status == 200);
  CHECK(text.body["document"]["ocr_pages"] == json::array());
}

// Sends `head` (a request's headers and the first bytes of its body) on a new connection and
// returns what the server answers within two seconds, without sending the rest of the body.
std::string AnswerToHead(int port, const std::string& head) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  REQUIRE(::send(fd, head.data(), head.size(), 0) == static_cast<ssize_t>(head.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, n);
  ::close(fd);
  return answer;
}

TEST_CASE("an upload is refused before its body is read unless it is authenticated and sized") {
  Site& site = Shared();
  // 50 MB announced, a few bytes sent: the 401 comes at once, the body is never waited for.
  const std::string anonymous = AnswerToHead(
      site.daemon->port(),
      "POST /api/editor/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
      "boundary=b\r\nContent-Length: 50000000\r\n\r\n--b\r\n");
  CHECK(anonymous.rfind("HTTP/1.1 401", 0) == 0);
  CHECK(anonymous.find("\"unauthenticated\"") != std::string::npos);
  // A wrong token: refused as well (and counted as a failed login).
  const std::string wrong = AnswerToHead(
      site.daemon->port(),
      "POST /api/editor/upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer fout\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000\r\n\r\n");
  CHECK(wrong.rfind("HTTP/1.1 401", 0) == 0);
  // A chunked body has no size to check in advance: 411.
  const std::string chunked = AnswerToHead(
      site.daemon->port(),
      "POST /api/editor/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
      "boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n");
  CHECK(chunked.rfind("HTTP/1.1 411", 0) == 0);
  CHECK(chunked.find("Content-Length") != std::string::npos);
}

TEST_CASE("behind a trusted proxy the login limits count the forwarded client, else the peer") {
  using kb::http::ClientAddress;
  CHECK(ClientAddress("127.0.0.1", "10.0.0.1", {}) == "127.0.0.1");
  CHECK(ClientAddress("127.0.0.1", "10.0.0.1", {"127.0.0.1"}) == "10.0.0.1");
  CHECK(ClientAddress("127.0.0.1", "6.6.6.6, 10.0.0.1", {"127.0.0.1"}) == "10.0.0.1");
  CHECK(ClientAddress("10.9.9.9", "6.6.6.6", {"127.0.0.1"}) == "10.9.9.9");
  CHECK(ClientAddress("127.0.0.1", "", {"127.0.0.1"}) == "127.0.0.1");

  Setup setup("cor");
  auto login = [](const Daemon& daemon, const std::string& client, const std::string& token) {
    auto c = daemon.Client();
    auto r = c.Post("/api/editor/login", {{"X-Forwarded-For", client}},
                    json{{"token", token}}.dump(), "application/json");
    REQUIRE(r);
    return r->status;
  };
  {
    // The proxy (127.0.0.1 here) is trusted: one client's guesses do not lock out another.
    Daemon proxied(setup.db, {}, setup.Log("searchd-proxied.log"),
                   {"--trusted-proxy", "127.0.0.1"});
    for (int i = 0; i < 5; ++i) CHECK(login(proxied, "10.0.0.1", "fout") == 401);
    CHECK(login(proxied, "10.0.0.1", setup.editor.bearer) == 429);
    CHECK(login(proxied, "10.0.0.2", setup.editor.bearer) == 200);
  }
  {
    // Without --trusted-proxy a client cannot escape the limit by naming another address.
    Daemon direct(setup.db, {}, setup.Log("searchd-direct.log"));
    for (int i = 0; i < 5; ++i) CHECK(login(direct, "10.1.0." + std::to_string(i), "fout") == 401);
    CHECK(login(direct, "10.1.0.99", setup.editor.bearer) == 429);
  }
}

TEST_CASE("failed logins are rate limited per address, also for a right token") {
  Setup setup("bert");
  const std::string token = setup.editor.bearer;
  Daemon daemon(setup.db, {}, setup.Log("searchd.log"));
  for (int i = 0; i < 5; ++i) {
    Reply r = daemon.Call("POST", "/api/editor/login",
                          json{{"token", "fout" + std::to_string(i)}}.dump());
    CHECK(r.status == 401);
    CHECK(r.body["error"]["code"] == "unauthenticated");
  }
  Reply blocked = daemon.Call("POST", "/api/editor/login", json{{"token", token}}.dump());
  CHECK(blocked.status == 429);
  CHECK(blocked.body["error"]["code"] == "too_many_attempts");
  const int retry = std::stoi(blocked.header("Retry-After"));
  CHECK(retry > 500);
  CHECK(retry <= 600);
  // The same address with the right Bearer token is refused too: otherwise guessing would just
  // move to the Authorization header.
  Reply bearer = daemon.Call("GET", "/api/editor/queues", "", {token, "", ""});
  CHECK(bearer.status == 429);
  CHECK(std::stoi(bearer.header("Retry-After")) > 500);
}

TEST_CASE("wrong Bearer tokens count as failed logins of the address") {
  Setup setup("bo");
  const std::string token = setup.editor.bearer;
  Daemon daemon(setup.db, {}, setup.Log("searchd.log"));
  // A right token works, and does not make the wrong ones after it free.
  CHECK(daemon.Call("GET", "/api/editor/queues", "", {token, "", ""}).status == 200);
  for (int i = 0; i < 5; ++i) {
    Reply r = daemon.Call("GET", "/api/editor/queues", "", {"geraden" + std::to_string(i), "", ""});
    CHECK(r.status == 401);
    if (i == 2) CHECK(daemon.Call("GET", "/api/editor/queues", "", {token, "", ""}).status == 200);
  }
  for (const Reply& blocked :
       {daemon.Call("GET", "/api/editor/queues", "", {token, "", ""}),
        daemon.Call("GET", "/api/editor/queues", "", {"geraden9", "", ""}),
        daemon.Call("POST", "/api/editor/login", json{{"token", token}}.dump())}) {
    CHECK(blocked.status == 429);
    CHECK(blocked.body["error"]["code"] == "too_many_attempts");
    CHECK(blocked.body["error"]["message"].get<std::string>().find("verkeerde sleutels") !=
          std::string::npos);
    const int retry = std::stoi(blocked.header("Retry-After"));
    CHECK(retry > 500);
    CHECK(retry <= 600);
  }
  // Reading without a token stays open to everyone (the public search is not an editor route).
  CHECK(daemon.Call("GET", "/api/search?q=jeugdhulp", "").status == 200);
}

TEST_CASE("edits survive a restart of kb-searchd and a full re-index into an empty folder") {
  Setup setup("carla");
  const fs::path& db = setup.db;
  const Credentials& editor = setup.editor;
  std::string a, b, kept, duplicate;
  {
    Daemon daemon(db, {}, setup.Log("searchd-1.log"));
    auto id_of = [&](const std::string& q) {
      return daemon.Call("GET", "/api/search?q=" + q).body["hits"][0]["id"].get<std::string>();
    };
    a = id_of("kraanvogelpad");
    b = id_of("ijsvogelsteeg");
    const json pair = daemon.Call("GET", "/api/search?q=merelhof").body;
    REQUIRE(pair["total"] == 2);
    kept = pair["hits"][0]["id"];
    duplicate = pair["hits"][1]["id"];
    REQUIRE(daemon
                .Call("PUT", "/api/editor/documents/" + a,
                      json{{"title", "Roerdompoever blijft"}, {"themes_added", {"wonen"}}}.dump(),
                      editor)
                .status == 200);
    REQUIRE(daemon.Call("PUT", "/api/editor/documents/" + b, json{{"hidden", true}}.dump(), editor)
                .status == 200);
    Reply merged = daemon.Call("POST", "/api/editor/merges",
                               json{{"kept", kept}, {"duplicate", duplicate}}.dump(), editor);
    INFO(kept << " " << duplicate << " " << merged.body.dump());
    REQUIRE(merged.status == 201);
    CHECK(kb::test::WaitFor([&] {
            return daemon.Call("GET", "/api/search?q=roerdompoever").body["total"] == 1 &&
                   daemon.Call("GET", "/api/search?q=merelhof").body["total"] == 1 &&
                   daemon.Call("GET", "/api/search?q=ijsvogelsteeg").body["total"] == 0;
          }).has_value());
  }
  auto check = [&](const Daemon& daemon) {
    json r = daemon.Call("GET", "/api/search?q=roerdompoever&theme=wonen").body;
    CHECK(r["total"] == 1);
    CHECK(daemon.Call("GET", "/api/search?q=ijsvogelsteeg").body["total"] == 0);
    CHECK(daemon.Call("GET", "/api/documents/" + b).status == 404);
    json merged = daemon.Call("GET", "/api/search?q=merelhof").body;
    CHECK(merged["total"] == 1);
    CHECK(daemon.Call("GET", "/api/documents/" + kept).body["also_published_as"].size() == 1);
  };
  {
    Daemon restarted(db, {}, setup.Log("searchd-2.log"));
    check(restarted);
  }
  // Full re-index: the index folder goes, the store beside it stays.
  fs::remove_all(db);
  kb::test::RunIndexer(db, {setup.docs}, setup.Log("reindex.log"));
  Daemon rebuilt(db, {}, setup.Log("searchd-3.log"));
  check(rebuilt);
}

TEST_CASE("an edit saved while kb-indexer indexes the corpus shows up while it runs") {
  Setup setup("daan");
  const fs::path& db = setup.db;
  const Credentials& editor = setup.editor;
  Daemon daemon(db, {}, setup.Log("searchd.log"));
  const std::string a =
      daemon.Call("GET", "/api/search?q=kraanvogelpad").body["hits"][0]["id"].get<std::string>();

  kb::test::Child full(
      {KB_INDEXER, "--db", db.string(), "--progress", "log", setup.docs.string(), kCorpus.string()},
      setup.Log("full.log"));
  // Indexing the corpus takes ~10 s on a quiet machine; two seconds in, the run holds the write
  // lock and is extracting files.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  REQUIRE(full.Running());
  Reply saved = daemon.Call("PUT", "/api/editor/documents/" + a,
                            json{{"title", "Grutto tijdens indexeren"}}.dump(), editor);
  REQUIRE(saved.status == 200);
  auto took = kb::test::WaitFor(
      [&] { return daemon.Call("GET", "/api/search?q=grutto").body["total"] == 1; },
      kb::test::Seconds(60));
  const bool still_running = full.Running();
  REQUIRE(took.has_value());
  std::printf("[figure] save-to-visible while kb-indexer indexes the corpus: %.2f s (indexer %s)\n",
              *took, still_running ? "still running" : "had finished");
  CHECK(full.Wait() == 0);
  // The full run's own rebuild of the document keeps the edit.
  CHECK(daemon.Call("GET", "/api/search?q=grutto").body["total"] == 1);
}

TEST_CASE("an editor's correction of an e-mail attachment rebuilds it from its message") {
  Setup setup("bert");
  const fs::path message = setup.docs / "post/verslag.eml";
  fs::create_directories(message.parent_path());
  fs::copy_file(fs::path(KB_SOURCE_DIR) / "tests/indexer/data/email/verslag-vroegsignalering.eml",
                message);
  kb::test::RunIndexer(setup.db, {setup.docs}, setup.Log("indexer-mail.log"));
  Daemon daemon(setup.db, {}, setup.Log("searchd.log"));
  auto search = [&](const std::string& query) {
    Reply r = daemon.Call("GET", "/api/search?" + query);
    REQUIRE(r.status == 200);
    return r.body;
  };
  const json before = search("q=budgetcoach");
  REQUIRE(before["total"] == 1);
  const std::string id = before["hits"][0]["id"].get<std::string>();
  const std::string message_id = before["hits"][0]["attachment_of"]["id"].get<std::string>();

  Reply saved =
      daemon.Call("PUT", "/api/editor/documents/" + id,
                  json{{"title", "Actiepunten budgetcoaching Deventer"}}.dump(), setup.editor);
  REQUIRE(saved.status == 200);
  // The queue holds the message's file, which kb-indexer reads; never the index's copy.
  auto queued = setup.store->queue().Items();
  REQUIRE(queued.ok());
  for (const auto& item : *queued) CHECK(item.path == message.string());
  const auto took = kb::test::WaitFor([&] {
    const json r = search("q=budgetcoach");
    return r["total"] == 1 && r["hits"][0]["title"] == "Actiepunten budgetcoaching Deventer";
  });
  CHECK(took.has_value());
  kb::test::WaitForApplied(*setup.store);
  // Still the same attachment of the same message, once; the message lists the new title.
  const json after = search("q=budgetcoach");
  CHECK(after["hits"][0]["id"] == id);
  CHECK(after["hits"][0]["attachment_of"]["id"] == message_id);
  const Reply mail = daemon.Call("GET", "/api/documents/" + message_id);
  REQUIRE(mail.status == 200);
  std::set<std::string> titles;
  for (const json& a : mail.body["attachments"]) titles.insert(a["title"].get<std::string>());
  CHECK(titles.count("Actiepunten budgetcoaching Deventer") == 1);
  CHECK(titles.size() == 2);
}
