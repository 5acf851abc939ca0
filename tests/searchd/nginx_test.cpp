// kb-searchd behind Debian's nginx, configured by the shipped files deploy/nginx/
// wat-weten-we-al.conf and wat-weten-we-al-zones.conf. The real kb-indexer indexes a few
// documents of the shared corpus, the real kb-searchd serves them, and nginx runs the shipped
// site file with only its "# CHANGE" values replaced (addresses, ports, paths, host name) and a
// certificate the openssl command line makes at test time. Everything is checked over real
// HTTP and HTTPS: redirects, compression, ranges, static files with their headers, body and
// request limits with JSON errors, export links and the login limits per client address.
#include <optional>
#include <sstream>

#include <catch2/catch.hpp>

#include "nginx_fixture.h"

namespace {

namespace fs = std::filesystem;
using kb::test::NginxSite;
using kb::test::RunTool;
using nlohmann::json;

constexpr const char* kPublicUrl = NginxSite::kPublicUrl;
constexpr const char* kServerName = NginxSite::kServerName;
constexpr int kMaxFailedLogins = NginxSite::kMaxFailedLogins;

// The fixture, set up once; when that fails every test reports the first failure instead of
// setting up again.
NginxSite& Shared() {
  static std::string failure;
  if (!failure.empty()) throw std::runtime_error(failure);
  try {
    static NginxSite fixture;
    return fixture;
  } catch (const std::exception& e) {
    failure = std::string("setting up kb-searchd behind nginx failed: ") + e.what();
    throw;
  }
}

httplib::Result Get(const std::string& target, const httplib::Headers& headers = {}) {
  auto res = Shared().Https().Get(target.c_str(), headers);
  INFO("GET " << target << Shared().Logs());
  REQUIRE(res);
  return res;
}

size_t HeaderCount(const httplib::Response& res, const std::string& name) {
  return res.headers.count(name);
}

// An error answer {"error": {"code", "message"}} as application/json with `status` and `code`.
void CheckJsonError(const httplib::Response& res, int status, const std::string& code) {
  INFO(res.status << " " << res.get_header_value("Content-Type") << " " << res.body);
  CHECK(res.status == status);
  CHECK(res.get_header_value("Content-Type").rfind("application/json", 0) == 0);
  const json body = json::parse(res.body, nullptr, false);
  REQUIRE(body.is_object());
  CHECK(body["error"]["code"] == code);
  CHECK(!body["error"]["message"].get<std::string>().empty());
}

// The headers kb-searchd puts on every answer; nginx must send the same with its own files.
const std::vector<std::string> kSecurityHeaders = {"Content-Security-Policy", "X-Frame-Options",
                                                   "X-Content-Type-Options", "Referrer-Policy"};

struct CurlReply {
  std::string version;  // "2" for HTTP/2
  int status = 0;
  std::string body;
};

// One HTTPS request through nginx with the curl command line, over HTTP/2 as browsers speak it
// (httplib speaks HTTP/1.1 only). `args` are curl's options besides the URL.
CurlReply Http2(const std::string& target, const std::vector<std::string>& args) {
  const auto& f = Shared();
  const fs::path body = f.dir.path() / "curl-body";
  const fs::path log = f.dir.path() / "curl.log";
  std::vector<std::string> argv = {f.curl.string(), "--silent", "--show-error", "--http2"};
  argv.insert(argv.end(), {"--cacert", (f.dir.path() / "cert.pem").string()});
  argv.insert(argv.end(), {"--output", body.string()});
  argv.insert(argv.end(), {"--write-out", "%{http_version} %{http_code}"});
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("https://127.0.0.1:" + std::to_string(f.ports.https) + target);
  const int status = RunTool(argv, log);
  const std::string out = kb::test::ReadFile(log);
  INFO("curl " << target << ": " << out);
  REQUIRE(status == 0);
  CurlReply reply;
  std::istringstream(out) >> reply.version >> reply.status;
  reply.body = kb::test::ReadFile(body);
  return reply;
}

// Whether the log `name` in the test folder shows `needle` within 2 s (nginx and kb-searchd
// write their log line after the answer has gone).
bool LogShows(const std::string& name, const std::string& needle) {
  for (int i = 0; i < 40; ++i) {
    if (kb::test::ReadFile(Shared().dir.path() / name).find(needle) != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string PdfDocumentId() {
  auto client = Shared().Https();
  auto hits = kb::test::GetJson(client, "/api/search?size=100&facets=0");
  REQUIRE(hits.status == 200);
  for (const auto& hit : hits.body["hits"]) {
    auto doc = kb::test::GetJson(client, "/api/documents/" + hit["id"].get<std::string>());
    if (doc.body["format"] == "pdf") return hit["id"];
  }
  FAIL("no PDF among the indexed documents");
  return {};
}

}  // namespace

TEST_CASE("nginx -t accepts the shipped site and zones files") {
  INFO(Shared().config_test_output);
  CHECK(Shared().config_test_status == 0);
  CHECK(Shared().config_test_output.find("syntax is ok") != std::string::npos);
  CHECK(Shared().config_test_output.find("test is successful") != std::string::npos);
}

TEST_CASE("plain HTTP redirects to HTTPS on the configured name, whatever the Host header") {
  auto client = Shared().Http();
  auto res = client.Get("/api/search?q=jeugdhulp", {{"Host", "aanvaller.example"}});
  REQUIRE(res);
  CHECK(res->status == 301);
  CHECK(res->get_header_value("Location") ==
        std::string("https://") + kServerName + "/api/search?q=jeugdhulp");
}

TEST_CASE("TLS 1.2 and 1.3 are offered, TLS 1.1 is refused") {
  const auto& f = Shared();
  const std::string target = "127.0.0.1:" + std::to_string(f.ports.https);
  const fs::path log = f.dir.path() / "s_client.log";
  CHECK(RunTool({f.openssl.string(), "s_client", "-connect", target, "-tls1_3"}, log) == 0);
  CHECK(RunTool({f.openssl.string(), "s_client", "-connect", target, "-tls1_2"}, log) == 0);
  // Refused by the site's protocols and AEAD-only ciphers alike (whatever Debian's http block
  // allows). SECLEVEL=0: OpenSSL 3 would otherwise refuse TLS 1.1 on the client side already.
  CHECK(RunTool({f.openssl.string(), "s_client", "-connect", target, "-tls1_1", "-cipher",
                 "DEFAULT@SECLEVEL=0"},
                log) != 0);
}

TEST_CASE("the API answers through nginx with JSON, gzip when asked, and one set of headers") {
  auto res = Get("/api/search?q=jeugdhulp", {{"Accept-Encoding", "gzip"}});
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
  CHECK(res->get_header_value("Content-Encoding") == "gzip");
  CHECK(res->get_header_value("Vary").find("Accept-Encoding") != std::string::npos);
  const json body = json::parse(res->body, nullptr, false);  // httplib decompressed it
  REQUIRE(body.is_object());
  CHECK(body["total"].get<int>() > 0);
  // kb-searchd's security headers pass once, not doubled by nginx; HSTS is nginx's.
  for (const auto& name : kSecurityHeaders) CHECK(HeaderCount(*res, name) == 1);
  CHECK(res->get_header_value("Content-Security-Policy") == kb::http::kContentSecurityPolicy);
  CHECK(res->get_header_value("Strict-Transport-Security") == "max-age=31536000");

  auto plain = Get("/api/search?q=jeugdhulp", {{"Accept-Encoding", "identity"}});
  CHECK(plain->status == 200);
  CHECK(plain->get_header_value("Content-Encoding").empty());
  CHECK(json::parse(plain->body, nullptr, false)["total"] == body["total"]);
}

TEST_CASE("a document's file comes through nginx with a Range request") {
  const std::string id = PdfDocumentId();
  const std::string url = "/api/documents/" + id + "/file";
  auto whole = Get(url);
  REQUIRE(whole->status == 200);
  CHECK(whole->get_header_value("Content-Type") == "application/pdf");
  auto part = Get(url, {{"Range", "bytes=0-99"}, {"Accept-Encoding", "gzip"}});
  CHECK(part->status == 206);
  CHECK(part->get_header_value("Content-Range") ==
        "bytes 0-99/" + std::to_string(whole->body.size()));
  CHECK(part->get_header_value("Content-Encoding").empty());
  CHECK(part->body == whole->body.substr(0, 100));
  CHECK(part->body.rfind("%PDF", 0) == 0);
}

TEST_CASE("the page and its files come from nginx with kb-searchd's headers and cache headers") {
  auto direct = Shared().Direct().Get("/");
  REQUIRE(direct);
  for (const std::string target : {"/", "/js/app.js", "/css/style.css", "/redactie/js/app.js"}) {
    INFO(target);
    auto res = Get(target);
    CHECK(res->status == 200);
    for (const auto& name : kSecurityHeaders) {
      CHECK(HeaderCount(*res, name) == 1);
      CHECK(res->get_header_value(name) == direct->get_header_value(name));
    }
    CHECK(res->get_header_value("Content-Security-Policy") == kb::http::kContentSecurityPolicy);
    CHECK(res->get_header_value("Strict-Transport-Security") == "max-age=31536000");
    CHECK(res->get_header_value("Cache-Control") == "max-age=300, must-revalidate");
    const std::string etag = res->get_header_value("ETag");
    CHECK(!etag.empty());
    CHECK(!res->get_header_value("Last-Modified").empty());
    // A browser asking again after five minutes gets a 304 without the body.
    auto again = Get(target, {{"If-None-Match", etag}});
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    CHECK(again->get_header_value("Cache-Control") == "max-age=300, must-revalidate");
  }
  CHECK(Get("/")->body.find("Wat weten we al?") != std::string::npos);
  CHECK(Get("/js/app.js")->get_header_value("Content-Type") == "application/javascript");
  auto geo = Get("/geo/gemeenten.geojson", {{"Accept-Encoding", "gzip"}});
  CHECK(geo->status == 200);
  CHECK(geo->get_header_value("Content-Type") == "application/geo+json");
  CHECK(geo->get_header_value("Content-Encoding") == "gzip");
  CHECK(HeaderCount(*geo, "Content-Security-Policy") == 1);
  // nginx sent them: kb-searchd never saw a request for a file.
  const std::string searchd_log = kb::test::ReadFile(Shared().dir.path() / "searchd.log");
  CHECK(searchd_log.find("\"GET /js/app.js") == std::string::npos);
  CHECK(searchd_log.find("\"GET /geo/") == std::string::npos);
}

TEST_CASE("the editors' page is kb-searchd's, and /metrics stays internal") {
  auto res = Get("/redactie");
  CHECK(res->status == 200);
  CHECK(res->get_header_value("Content-Type").rfind("text/html", 0) == 0);
  CHECK(res->body.find("Redactie") != std::string::npos);
  for (const auto& name : kSecurityHeaders) CHECK(HeaderCount(*res, name) == 1);
  CHECK(Get("/redactie/")->status == 200);
  CHECK(LogShows("searchd.log", "\"GET /redactie"));
  CHECK(Get("/metrics")->status == 403);
  CHECK(Shared().Direct().Get("/metrics")->status == 200);
}

TEST_CASE("bad requests get kb-searchd's JSON errors through nginx") {
  CheckJsonError(*Get("/api/search?q=jeugdhulp&sort=zijwaarts"), 400, "invalid_value");
  CheckJsonError(*Get("/api/bestaat-niet"), 404, "route_not_found");
  CheckJsonError(*Get("/api/documents/0000000000000000"), 404, "not_found");
  // A body within nginx's limit reaches kb-searchd, which allows no POST on search.
  auto client = Shared().Https();
  auto post = client.Post("/api/search", std::string(60 * 1024, 'x'), "text/plain");
  REQUIRE(post);
  CheckJsonError(*post, 405, "method_not_allowed");
}

TEST_CASE("bodies over the limit get 413 as JSON, uploads may be larger") {
  auto client = Shared().Https();
  auto res = client.Post("/api/search", std::string(100 * 1024, 'x'), "text/plain");
  REQUIRE(res);
  CheckJsonError(*res, 413, "payload_too_large");
  CHECK(res->get_header_value("Content-Security-Policy") == kb::http::kContentSecurityPolicy);
  CHECK(res->get_header_value("Strict-Transport-Security") == "max-age=31536000");
  CHECK(res->get_header_value("Retry-After").empty());
  // A 1 MB upload passes nginx and reaches kb-searchd's upload route whole, which answers that
  // this kb-searchd takes no uploads (no --upload-dir). Authenticated: a refusal before the
  // body is read would race with nginx still sending it.
  auto upload_client = Shared().Https();
  httplib::MultipartFormDataItems items = {
      {"file", std::string(1 << 20, 'a'), "groot.txt", "text/plain"}};
  auto upload = upload_client.Post("/api/editor/upload",
                                   {{"Authorization", "Bearer " + Shared().editor_token}}, items);
  REQUIRE(upload);
  CheckJsonError(*upload, 409, "no_upload_dir");
  // nginx's internal error pages are not reachable from outside.
  CHECK(Get("/_proxy_error/413")->status == 404);
}

TEST_CASE("over HTTP/2 the API answers JSON too, also nginx's own 413") {
  const auto search = Http2("/api/search?q=jeugdhulp", {});
  CHECK(search.version == "2");
  CHECK(search.status == 200);
  CHECK(json::parse(search.body, nullptr, false)["total"].get<int>() > 0);
  // Over HTTP/2 the body that was too large stays with the request nginx redirects to its
  // error page; the page must not check it again (else nginx's HTML 413 comes back).
  const fs::path big = Shared().dir.path() / "100k.bin";
  kb::test::WriteFile(big, std::string(100 * 1024, 'x'));
  for (const std::string target : {"/api/search", "/api/editor/upload"}) {
    // The upload route allows 51 MB: nginx refuses on the announced length alone.
    std::vector<std::string> args = {"--data-binary", "@" + big.string(), "--header",
                                     "Content-Type: application/octet-stream"};
    if (target == "/api/editor/upload") {
      args.insert(args.end(), {"--header", "Content-Length: 60000000"});
    }
    const auto reply = Http2(target, args);
    INFO(target << ": " << reply.body);
    CHECK(reply.status == 413);
    const json body = json::parse(reply.body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["error"]["code"] == "payload_too_large");
  }
  // An upload within the limit streams through to kb-searchd's upload route (as above).
  const fs::path file = Shared().dir.path() / "verslag.txt";
  kb::test::WriteFile(file, std::string(1 << 20, 'a'));
  const auto upload =
      Http2("/api/editor/upload", {"--form", "file=@" + file.string(), "--header",
                                   "Authorization: Bearer " + Shared().editor_token});
  CHECK(upload.status == 409);
  CHECK(json::parse(upload.body, nullptr, false)["error"]["code"] == "no_upload_dir");
}

TEST_CASE("exports link to --public-url, never to the Host header") {
  const httplib::Headers host = {{"Host", "aanvaller.example"}};
  auto ris = Get("/api/search?q=jeugdhulp&format=ris", host);
  REQUIRE(ris->status == 200);
  CHECK(ris->get_header_value("Content-Type") == "application/x-research-info-systems");
  CHECK(ris->body.find(std::string(kPublicUrl) + "/") != std::string::npos);
  CHECK(ris->body.find("aanvaller") == std::string::npos);
  CHECK(ris->body.find("127.0.0.1") == std::string::npos);
  const std::string id = PdfDocumentId();
  auto bibtex = Get("/api/documents/" + id + "?format=bibtex", host);
  REQUIRE(bibtex->status == 200);
  CHECK(bibtex->body.find(std::string(kPublicUrl) + "/?doc=" + id) != std::string::npos);
  CHECK(bibtex->body.find("aanvaller") == std::string::npos);
}

TEST_CASE("the login limits count the client nginx saw, not nginx, not a forged header") {
  auto login = [](const std::string& source, const httplib::Headers& headers = {}) {
    auto client = Shared().Https(source);
    auto res = client.Post("/api/editor/login", headers, json{{"token", "fout"}}.dump(),
                           "application/json");
    INFO("login from " << source << Shared().Logs());
    REQUIRE(res);
    return res;
  };
  for (int i = 0; i < kMaxFailedLogins; ++i) CHECK(login("127.0.0.2")->status == 401);
  auto blocked = login("127.0.0.2");
  CheckJsonError(*blocked, 429, "too_many_attempts");
  CHECK(std::atoi(blocked->get_header_value("Retry-After").c_str()) > 60);  // kb-searchd's wait
  // Naming another address does not help: nginx forwards the connection's address only.
  CHECK(login("127.0.0.2", {{"X-Forwarded-For", "10.9.9.9"}})->status == 429);
  // Another client is not locked out by the first one's guesses.
  CHECK(login("127.0.0.3")->status == 401);
  // The sources were real: nginx logged both addresses.
  CHECK(LogShows("access.log", "127.0.0.2 "));
  CHECK(LogShows("access.log", "127.0.0.3 "));
}

TEST_CASE("nginx's own rate limit on the API answers 429 as JSON") {
  auto client = Shared().Https("127.0.0.4");
  client.set_keep_alive(true);
  std::optional<httplib::Response> limited;
  int sent = 0;
  for (; sent < 300; ++sent) {
    auto res = client.Get("/api/health");
    REQUIRE(res);
    if (res->status == 429) {
      limited = *res;
      break;
    }
    REQUIRE(res->status == 200);
  }
  INFO("requests sent: " << sent);
  REQUIRE(limited);
  CHECK(sent >= 40);  // the burst
  CheckJsonError(*limited, 429, "too_many_attempts");
  CHECK(limited->get_header_value("Retry-After") == "5");
  CHECK(limited->get_header_value("Content-Security-Policy") == kb::http::kContentSecurityPolicy);
  // Other clients are not affected, nor the page of this one.
  CHECK(Get("/api/health")->status == 200);
  CHECK(client.Get("/")->status == 200);
}

TEST_CASE("while kb-searchd is down the API answers 502 as JSON, and recovers") {
  auto& f = Shared();
  f.searchd.reset();  // SIGTERM, reaped
  auto down = Get("/api/health");
  CheckJsonError(*down, 502, "unavailable");
  CHECK(down->get_header_value("Retry-After") == "60");
  CHECK(Get("/")->status == 200);  // the page is nginx's own
  f.StartSearchd();
  CHECK(Get("/api/health")->status == 200);
}
