// The editor accounts' secrets, through OpenSSL's libcrypto: random tokens, their SHA-256
// hashes (the only form stored), and comparisons that take the same time whatever the input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kb/core/status.h"

namespace kb::editing::crypto {

// `bytes` random bytes from the operating system's CSPRNG, as lower-case hex.
Result<std::string> RandomHex(std::size_t bytes);
// SHA-256 of `text`, lower-case hex (64 characters).
std::string Sha256Hex(std::string_view text);
// True when a and b are equal; the time taken depends only on their lengths.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace kb::editing::crypto
