// Time and memory budgets under the sanitizers.
//
// Some tests state how fast or how small something must be in an optimized build. Under
// AddressSanitizer (KB_SANITIZE=ON, `make test-sanitized`) the same code runs several times
// slower, and a process carries shadow memory plus a quarantine of freed blocks (256 MB by
// default), so those tests multiply their budgets by these factors: the checks still catch a
// runaway, not the sanitizer's own cost. 1 in every other build.
#pragma once

namespace kb::test {

#if defined(__SANITIZE_ADDRESS__)  // GCC
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// Measured in build-asan (clang's ASan and UBSan with libFuzzer's coverage hooks) on the loaded
// 2-core machine: the theme tagger took 139 ms for 200 KB (budget 50), the region tagger 115 ms
// (budget 100); kb-searchd held 513-665 MB under the attacks of attack_test.cpp (budget 512).
inline constexpr double kTimeBudgetScale = kAddressSanitizer ? 5.0 : 1.0;
inline constexpr long kMemoryBudgetScale = kAddressSanitizer ? 2 : 1;

}  // namespace kb::test
