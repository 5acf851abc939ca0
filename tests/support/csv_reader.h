// Test support: an RFC 4180 reader, to check CSV exports field by field.
#pragma once

#include <string>
#include <vector>

namespace kb::test {

// Rows of fields. Rows end with CRLF; quoted fields may hold commas, doubled quotes and line
// breaks. A trailing empty line gives no row.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text);

}  // namespace kb::test
