// The OpenAPI description kb-searchd serves (searchd/http/openapi.json, GET /api/openapi.json)
// against the real server: every route of the route tables is described and nothing else, every
// query parameter of a public GET is accepted with its example and each of its enumerated values,
// and a parameter the description does not name is refused. The server is the in-process
// kb-searchd over an index the real kb-indexer builds from corpus/sample.
#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "kb/http/editor_api.h"
#include "searchd_fixture.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Fixture {
  kb::test::TempDir dir;
  std::unique_ptr<kb::test::InProcessServer> server;

  Fixture() {
    const fs::path db = dir.path() / "index";
    kb::test::RunIndexer(db, {fs::path(KB_SOURCE_DIR) / "corpus" / "sample"},
                         dir.path() / "indexer.log");
    server = std::make_unique<kb::test::InProcessServer>(db);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

const json& Description() {
  static const json description = json::parse(kb::http::OpenApiDescription());
  return description;
}

// `node` itself, or what its "$ref" ("#/components/...") points at.
const json& Resolve(const json& node) {
  if (!node.is_object() || !node.contains("$ref")) return node;
  const std::string ref = node.at("$ref");
  REQUIRE(ref.rfind("#/", 0) == 0);
  return Description().at(json::json_pointer(ref.substr(1)));
}

constexpr const char* kMethods[] = {"get", "put", "post", "delete", "patch", "head", "trace"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "application/json" of "application/json; charset=utf-8".
std::string MediaType(const std::string& content_type) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  type.erase(type.find_last_not_of(' ') + 1);
  return type;
}

bool IsPublicGet(const std::string& path) {
  const auto routes = kb::http::Server::PublicRoutes();
  return std::any_of(routes.begin(), routes.end(), [&](const kb::http::PublicRouteInfo& r) {
    return r.method == "GET" && r.path == path;
  });
}

// `object[key]`, which must be there (a const json has no operator[] for a missing key).
const json& At(const json& object, const std::string& key) {
  INFO("key " << key);
  REQUIRE(object.contains(key));
  return object.at(key);
}

// The operation `method` ("get") of `path`.
const json& Operation(const std::string& path, const std::string& method) {
  return At(At(At(Description(), "paths"), path), method);
}

// The parameters of an operation: its path's and its own (resolved), the operation's winning.
std::vector<json> ParametersOf(const std::string& path, const std::string& method) {
  const json& item = At(At(Description(), "paths"), path);
  const json lists[] = {item.value("parameters", json::array()),
                        At(item, method).value("parameters", json::array())};
  std::vector<json> out;
  for (const json& list : lists) {
    for (const json& node : list) {
      const json& p = Resolve(node);
      std::erase_if(out, [&](const json& q) {
        return q.at("name") == p.at("name") && q.at("in") == p.at("in");
      });
      out.push_back(p);
    }
  }
  return out;
}

// A parameter value as it goes into a URL.
std::string Text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

// An example's values: one, or each element of an array (a repeated parameter).
std::vector<std::string> ValuesOf(const json& example) {
  std::vector<std::string> out;
  if (example.is_array()) {
    for (const json& v : example) out.push_back(Text(v));
  } else {
    out.push_back(Text(example));
  }
  return out;
}

using Query = std::vector<std::pair<std::string, std::string>>;

// A document id of the index, for the {id} of the path templates.
const std::string& AnyDocumentId() {
  static const std::string id = [] {
    auto client = Shared().server->Client();
    auto r = kb::test::GetJson(client, "/api/search?size=1&facets=0");
    REQUIRE(r.status == 200);
    REQUIRE(!r.body["hits"].empty());
    return r.body["hits"][0]["id"].get<std::string>();
  }();
  return id;
}

std::string Target(const std::string& path, const Query& query) {
  std::string target = path;
  if (const size_t at = target.find("{id}"); at != std::string::npos) {
    target.replace(at, 4, AnyDocumentId());
  }
  for (size_t i = 0; i < query.size(); ++i) {
    target += (i == 0 ? "?" : "&") + kb::test::EncodeUrl(query[i].first) + "=" +
              kb::test::EncodeUrl(query[i].second);
  }
  return target;
}

// The required query parameters of an operation with their examples, but `except`.
Query RequiredQuery(const std::vector<json>& parameters, const std::string& except = "") {
  Query query;
  for (const json& p : parameters) {
    if (p.at("in") != "query" || !p.value("required", false) || p.at("name") == except) continue;
    for (const std::string& v : ValuesOf(At(p, "example"))) query.emplace_back(p.at("name"), v);
  }
  return query;
}

bool HasType(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  FAIL("unknown type " << type);
  return false;
}

// Adds to `problems` how `value` differs from `schema` ("<where>: <problem>"). The part of JSON
// Schema 2020-12 the description uses for answers: $ref, type, enum, const, properties,
// required, additionalProperties: false, items and oneOf.
void Conform(const json& value, const json& schema_node, const std::string& where,
             std::vector<std::string>& problems) {
  const json& schema = Resolve(schema_node);
  if (schema.contains("oneOf")) {
    size_t matches = 0;
    for (const json& alternative : schema.at("oneOf")) {
      std::vector<std::string> own;
      Conform(value, alternative, where, own);
      matches += own.empty() ? 1 : 0;
    }
    if (matches != 1)
      problems.push_back(where + ": matches " + std::to_string(matches) + " of oneOf");
    return;
  }
  if (schema.contains("type")) {
    const json& type = schema.at("type");
    const bool typed = type.is_array()
                           ? std::any_of(type.begin(), type.end(),
                                         [&](const json& t) { return HasType(value, t); })
                           : HasType(value, type);
    if (!typed) {
      problems.push_back(where + ": is " + value.type_name() + ", not " + type.dump());
      return;
    }
  }
  if (schema.contains("enum")) {
    const json& values = schema.at("enum");
    if (std::find(values.begin(), values.end(), value) == values.end()) {
      problems.push_back(where + ": " + value.dump() + " is not one of " + values.dump());
    }
  }
  if (schema.contains("const") && value != schema.at("const")) {
    problems.push_back(where + ": is not " + schema.at("const").dump());
  }
  if (value.is_object()) {
    for (const json& name : schema.value("required", json::array())) {
      if (!value.contains(name.get<std::string>())) {
        problems.push_back(where + ": lacks \"" + name.get<std::string>() + "\"");
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, member] : value.items()) {
      if (properties.contains(key)) {
        Conform(member, properties.at(key), where + "." + key, problems);
      } else if (schema.value("additionalProperties", true) == false) {
        problems.push_back(where + ": has \"" + key + "\", which is not described");
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < value.size(); ++i) {
      Conform(value[i], schema.at("items"), where + "[" + std::to_string(i) + "]", problems);
    }
  }
}

// How a JSON answer differs from the schema of its operation's 200 response.
std::vector<std::string> ProblemsOf(const std::string& path, const json& body) {
  const json& ok = Resolve(At(At(Operation(path, "get"), "responses"), "200"));
  std::vector<std::string> problems;
  Conform(body, At(At(At(ok, "content"), "application/json"), "schema"), "$", problems);
  return problems;
}

// Every public GET operation's path.
std::vector<std::string> PublicGetPaths() {
  std::vector<std::string> out;
  for (const auto& [path, item] : At(Description(), "paths").items()) {
    if (item.contains("get") && IsPublicGet(path)) out.push_back(path);
  }
  return out;
}

}  // namespace

TEST_CASE("GET /api/openapi.json serves the built-in OpenAPI 3.1 description") {
  auto client = Shared().server->Client();
  auto res = client.Get("/api/openapi.json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(MediaType(res->get_header_value("Content-Type")) == "application/json");
  const json served = json::parse(res->body, nullptr, false);
  REQUIRE_FALSE(served.is_discarded());
  CHECK(served.value("openapi", "") == "3.1.0");
  CHECK(served == Description());
  // The built-in copy is the file the lint reads (CMake embeds it again whenever it changes).
  const fs::path source = fs::path(KB_SOURCE_DIR) / "searchd" / "http" / "openapi.json";
  CHECK(json::parse(kb::test::ReadFile(source), nullptr, false) == Description());
  CHECK(At(served, "paths").size() >= kb::http::EditorRoutes().size());
}

TEST_CASE("Every route of the route tables is described, and nothing else") {
  std::set<std::pair<std::string, std::string>> table;  // {method, path}
  for (const auto& r : kb::http::Server::PublicRoutes()) {
    table.emplace(Lower(r.method), std::string(r.path));
  }
  for (const auto& r : kb::http::EditorRoutes())
    table.emplace(Lower(r.method), std::string(r.path));
  REQUIRE(table.size() > 20);
  const json& paths = At(Description(), "paths");
  for (const auto& [method, path] : table) {
    INFO(method << " " << path);
    CHECK(paths.contains(path));
    if (paths.contains(path)) CHECK(paths.at(path).contains(method));
  }
  for (const auto& [path, item] : paths.items()) {
    for (const char* method : kMethods) {
      if (!item.contains(method)) continue;
      INFO("described: " << method << " " << path);
      CHECK(table.count({method, path}) == 1);
    }
    // A CORS preflight is answered on public GET routes only.
    if (item.contains("options")) {
      INFO("described: options " << path);
      CHECK(IsPublicGet(path));
      CHECK(path.rfind("/api/", 0) == 0);
    }
  }
}

TEST_CASE("Every operation names its tag and security as its route table says") {
  for (const auto& r : kb::http::Server::PublicRoutes()) {
    INFO(r.method << " " << r.path);
    const json& op = Operation(std::string(r.path), Lower(r.method));
    CHECK(At(op, "tags") == json::array({"public"}));
    CHECK(At(op, "security") == json::array());
  }
  for (const auto& r : kb::http::EditorRoutes()) {
    INFO(r.method << " " << r.path);
    const json& op = Operation(std::string(r.path), Lower(r.method));
    CHECK(At(op, "tags") == json::array({"redactie"}));
    const json& security = At(op, "security");
    REQUIRE(security.is_array());
    bool bearer_alone = false;
    for (const json& alternative : security) {
      if (r.access == kb::http::Access::kOpen) {
        // The gate does not run: no key or CSRF token is asked for.
        CHECK_FALSE(alternative.contains("editorToken"));
        CHECK_FALSE(alternative.contains("csrfToken"));
        continue;
      }
      CHECK_FALSE(alternative.empty());  // no anonymous way in
      if (alternative.size() == 1 && alternative.contains("editorToken")) bearer_alone = true;
      if (r.method != "GET" && alternative.contains("sessionCookie")) {
        CHECK(alternative.contains("csrfToken"));
      }
    }
    if (r.access == kb::http::Access::kEditor) CHECK(bearer_alone);
  }
}

TEST_CASE("Every parameter of every operation has an example") {
  size_t parameters = 0;
  for (const auto& [path, item] : At(Description(), "paths").items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      for (const json& p : ParametersOf(path, method)) {
        INFO(method << " " << path << " parameter " << p.at("name"));
        CHECK(p.contains("example"));
        ++parameters;
      }
    }
  }
  CHECK(parameters > 30);
}

TEST_CASE("Every query parameter of a public GET is accepted with its example and enum values") {
  auto client = Shared().server->Client();
  size_t requests = 0;
  for (const std::string& path : PublicGetPaths()) {
    const json& ok = Resolve(At(At(Operation(path, "get"), "responses"), "200"));
    const json& described_types = At(ok, "content");
    for (const json& p : ParametersOf(path, "get")) {
      if (p.at("in") != "query") continue;
      const std::string name = p.at("name");
      INFO("GET " << path << " parameter " << name);
      // The example, then each enumerated value on its own.
      std::vector<std::vector<std::string>> tries = {ValuesOf(At(p, "example"))};
      const json& schema =
          At(p, "schema").contains("items") ? p.at("schema").at("items") : p.at("schema");
      for (const json& v : schema.value("enum", json::array())) {
        if (tries.front() != std::vector<std::string>{Text(v)}) tries.push_back({Text(v)});
      }
      for (const auto& values : tries) {
        Query query = RequiredQuery(ParametersOf(path, "get"), name);
        // A parameter that needs another (an export's `passage`) gets it.
        const json companions = p.value("x-kb-requires", json::object());
        for (const auto& [companion, value] : companions.items()) {
          query.emplace_back(companion, Text(value));
        }
        for (const std::string& v : values) query.emplace_back(name, v);
        const std::string target = Target(path, query);
        auto res = client.Get(target.c_str());
        REQUIRE(res);
        ++requests;
        INFO(target << " -> " << res->status << " " << res->body.substr(0, 300));
        const json body = json::parse(res->body, nullptr, false);
        if (res->status == 400 && body.is_object() && body.contains("error")) {
          CHECK(body["error"].value("code", "") != "unknown_parameter");
          CHECK(body["error"].value("code", "") != "invalid_value");
        }
        CHECK(res->status == 200);
        // The answer's type is one the description names for it, and JSON has its shape.
        const std::string type = MediaType(res->get_header_value("Content-Type"));
        CHECK(described_types.contains(type));
        if (res->status == 200 && type == "application/json") {
          CHECK(ProblemsOf(path, body) == std::vector<std::string>{});
        }
      }
    }
  }
  // /api/search alone has more than twenty parameters and values to try.
  CHECK(requests > 40);
}

TEST_CASE("Every JSON answer of a public GET has the shape its schema describes") {
  auto client = Shared().server->Client();
  size_t answers = 0;
  for (const std::string& path : PublicGetPaths()) {
    const std::string target = Target(path, RequiredQuery(ParametersOf(path, "get")));
    auto res = client.Get(target.c_str());
    REQUIRE(res);
    INFO(target << " -> " << res->status << " " << res->body.substr(0, 300));
    REQUIRE(res->status == 200);
    if (MediaType(res->get_header_value("Content-Type")) != "application/json") continue;
    const json body = json::parse(res->body, nullptr, false);
    REQUIRE_FALSE(body.is_discarded());
    CHECK(ProblemsOf(path, body) == std::vector<std::string>{});
    ++answers;
  }
  CHECK(answers >= 7);
}

TEST_CASE("A query parameter the description does not name is refused") {
  auto client = Shared().server->Client();
  for (const std::string& path : PublicGetPaths()) {
    // Prometheus text: a scraper's own parameters are ignored, not refused.
    if (path == "/metrics") continue;
    bool described = false;
    for (const json& p : ParametersOf(path, "get")) described |= p.at("name") == "frobnicate";
    REQUIRE_FALSE(described);
    Query query = RequiredQuery(ParametersOf(path, "get"));
    query.emplace_back("frobnicate", "1");
    const std::string target = Target(path, query);
    auto r = kb::test::GetJson(client, target);
    INFO(target << " -> " << r.status << " " << r.body.dump().substr(0, 300));
    CHECK(r.status == 400);
    REQUIRE(r.body.contains("error"));
    CHECK(r.body["error"].value("code", "") == "unknown_parameter");
    CHECK(r.body["error"].value("param", "") == "frobnicate");
  }
}

TEST_CASE("A described CORS preflight is answered with 204") {
  auto client = Shared().server->Client();
  size_t preflights = 0;
  for (const auto& [path, item] : At(Description(), "paths").items()) {
    if (!item.contains("options")) continue;
    const std::string target = Target(path, {});
    auto res = client.Options(target.c_str(), {{"Origin", "https://www.example.org"},
                                               {"Access-Control-Request-Method", "GET"}});
    REQUIRE(res);
    ++preflights;
    INFO("OPTIONS " << target << " -> " << res->status << " " << res->body.substr(0, 300));
    CHECK(res->status == 204);
    // Browsers refuse an answer with two Access-Control-Allow-Origin values.
    CHECK(res->get_header_value_count("Access-Control-Allow-Origin") == 1);
    CHECK_FALSE(res->get_header_value("Access-Control-Allow-Origin").empty());
  }
  CHECK(preflights >= 5);
}

TEST_CASE("A public GET answer described with 304 has an ETag, and 304 when it still matches") {
  auto client = Shared().server->Client();
  for (const std::string& path : PublicGetPaths()) {
    const json& responses = At(Operation(path, "get"), "responses");
    const std::string target = Target(path, RequiredQuery(ParametersOf(path, "get")));
    auto first = client.Get(target.c_str());
    REQUIRE(first);
    INFO(target << " -> " << first->status);
    REQUIRE(first->status == 200);
    const std::string etag = first->get_header_value("ETag");
    CHECK_FALSE(first->get_header_value("Cache-Control").empty());
    if (!responses.contains("304")) {
      CHECK(etag.empty());  // live figures: nothing to revalidate
      continue;
    }
    CHECK_FALSE(etag.empty());
    if (etag.empty()) continue;
    auto again = client.Get(target.c_str(), {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
  }
}
