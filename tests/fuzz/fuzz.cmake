# One libFuzzer program per reader of outside data, on the torch-free library (which this
# build compiles with the sanitizers, CMakeLists.txt). scripts/fuzz.sh runs them: a short
# regression from the seeds in tests/fuzz/seeds/<target>/, or the long campaign.
set(MNEMO_FUZZ_TARGETS config_json indexed_dataset babi abc_filter music_text_json tokenizers)
foreach(target IN LISTS MNEMO_FUZZ_TARGETS)
  add_executable(fuzz_${target} tests/fuzz/${target}.cpp)
  target_link_libraries(fuzz_${target} PRIVATE mnemo_base)
  target_include_directories(fuzz_${target} PRIVATE tests/fuzz)
  target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
endforeach()
