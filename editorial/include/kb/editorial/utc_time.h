// Times in the editors' store: ISO 8601 UTC strings for people and exports, Unix seconds for
// comparisons (session expiry).
#pragma once

#include <cstdint>
#include <string>

namespace kb::editorial {

std::int64_t NowUnixSeconds();
// "2026-11-23T05:57:08Z"
std::string IsoUtc(std::int64_t unix_seconds);
inline std::string NowIsoUtc() { return IsoUtc(NowUnixSeconds()); }

}  // namespace kb::editorial
