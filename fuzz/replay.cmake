# The fuzz targets without libFuzzer, in every build (GCC and the sanitized
# build included): fuzz/replay_main.cpp feeds each file of the seed corpus
# (fuzz/corpus/<target>/) and of the past findings (fuzz/findings/<target>/,
# when present) to the target's LLVMFuzzerTestOneInput, once. Included from
# tests/CMakeLists.txt; one ctest test per target, fuzz.<target>.
set(CDF_FUZZ_TARGETS lockfile manifest crate toml)
foreach(name ${CDF_FUZZ_TARGETS})
  add_executable(cdf_replay_${name}
    ${CMAKE_SOURCE_DIR}/fuzz/${name}_fuzzer.cpp ${CMAKE_SOURCE_DIR}/fuzz/replay_main.cpp)
  target_link_libraries(cdf_replay_${name} PRIVATE cdf_core)
  set(inputs ${CMAKE_SOURCE_DIR}/fuzz/corpus/${name})
  if(IS_DIRECTORY ${CMAKE_SOURCE_DIR}/fuzz/findings/${name})
    list(APPEND inputs ${CMAKE_SOURCE_DIR}/fuzz/findings/${name})
  endif()
  add_test(NAME fuzz.${name} COMMAND cdf_replay_${name} ${inputs})
  set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT 600)
endforeach()
