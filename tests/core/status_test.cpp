#include <catch2/catch.hpp>

#include "kb/core/status.h"

namespace {

kb::Result<int> ParsePositive(int v) {
  if (v <= 0)
    return kb::Status::InvalidArgument("parameter 'v' must be positive, got " + std::to_string(v));
  return v;
}

}  // namespace

TEST_CASE("Status carries kind and message, OK carries nothing") {
  kb::Status ok;
  CHECK(ok.ok());
  CHECK(ok.message().empty());
  CHECK(ok.ToString() == "OK");

  kb::Status bad = kb::Status::NotFound("document 'abc' is not in the index");
  CHECK_FALSE(bad.ok());
  CHECK(bad.kind() == kb::ErrorKind::kNotFound);
  CHECK(bad.ToString() == "NotFound: document 'abc' is not in the index");

  kb::Status copy = bad;
  CHECK(copy.message() == bad.message());
}

TEST_CASE("Result holds a value or the failure") {
  auto good = ParsePositive(3);
  REQUIRE(good.ok());
  CHECK(*good == 3);
  auto bad = ParsePositive(-1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().kind() == kb::ErrorKind::kInvalidArgument);
  CHECK(bad.status().message().find("'v'") != std::string::npos);
}
