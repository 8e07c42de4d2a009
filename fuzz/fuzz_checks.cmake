# Defines bpc_fuzz_checks: the bodies of the fuzz targets (fuzz_checks.cpp) as a plain static
# library. Included by fuzz/CMakeLists.txt (the libFuzzer build) and by tests/fuzz/CMakeLists.txt
# (the regression test, which is built in every configuration), whichever comes first.
include_guard(GLOBAL)

add_library(bpc_fuzz_checks STATIC ${CMAKE_CURRENT_LIST_DIR}/fuzz_checks.cpp)
target_link_libraries(bpc_fuzz_checks PUBLIC libbpc PRIVATE nlohmann_json::nlohmann_json)
