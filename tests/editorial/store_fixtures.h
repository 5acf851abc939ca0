// Shared by the editors' store tests: a store file in a temporary folder and small builders.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kb/editorial/store.h"
#include "process.h"

namespace kb::test {

struct StoreFile {
  TempDir dir;
  std::filesystem::path file = std::filesystem::path(dir.path()) / "index.editorial.sqlite";
};

inline std::unique_ptr<editorial::EditorialStore> OpenStore(const std::filesystem::path& file) {
  auto store = editorial::EditorialStore::Open(file);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(*store);
}

inline editorial::Override TitleOverride(const std::string& title) {
  editorial::Override o;
  o.title = title;
  return o;
}

inline editorial::Merge MakeMerge(const std::string& kept, const std::string& duplicate) {
  editorial::Merge m;
  m.kept = kept;
  m.duplicate = duplicate;
  m.duplicate_title = "Titel van " + duplicate;
  m.duplicate_format = "text";
  m.duplicate_path = "/c/" + duplicate + ".txt";
  return m;
}

// The queued paths, sorted.
inline std::vector<std::string> PendingPaths(editorial::EditorialStore& store) {
  auto pending = store.queue().Items();
  REQUIRE(pending.ok());
  std::vector<std::string> paths;
  for (const auto& item : *pending) paths.push_back(item.path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

// An export without what differs between two exports of the same data: the time it was made
// and the audit entries of imports.
inline nlohmann::json WithoutVolatile(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text);
  j.erase("exported");
  auto& audit = j["audit"];
  audit.erase(std::remove_if(audit.begin(), audit.end(),
                             [](const nlohmann::json& e) { return e["action"] == "import"; }),
              audit.end());
  return j;
}

}  // namespace kb::test
