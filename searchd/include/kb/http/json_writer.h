// JsonWriter: appends JSON text directly to a string, for the search response, which is built
// thousands of times a second and would otherwise spend most of its time building and freeing a
// nlohmann::json tree. Strings are escaped; invalid UTF-8 becomes U+FFFD. Commas are placed
// automatically. Not thread-safe (one per response).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb::http {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& UInt(std::uint64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> has_items_;  // per open container: whether a comma is needed
  bool after_key_ = false;
};

}  // namespace kb::http
