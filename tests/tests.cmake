# The GoogleTest suite, in two programs: mnemo_base_tests for what needs no torch (built
# without torch's headers, so in seconds, and quick to start) and mnemo_tests for the rest.
# CTest runs each GoogleTest suite as one test (a process costs ~1 s of libtorch loading),
# labelled and given the fixtures it needs by tests/suites.cmake.

# Test files that use no tensors; a new test file goes to mnemo_tests unless listed here.
set(MNEMO_BASE_TEST_SOURCES
    tests/beb/bounds_test.cpp
    tests/cli/beb_cli_test.cpp tests/cli/beb_models_cli_test.cpp tests/cli/clamp_cli_test.cpp
    tests/cli/gpt2_cli_test.cpp
    tests/core/numbers_test.cpp tests/core/printable_test.cpp
    tests/eval/flops_comparison_test.cpp tests/eval/plot_test.cpp tests/eval/report_test.cpp
    tests/io/atomic_file_test.cpp tests/io/indexed_dataset_test.cpp tests/io/json_file_test.cpp
    tests/memorization/duplication_test.cpp tests/memorization/prediction_test.cpp
    tests/memorization/score_file_test.cpp
    tests/nn/transformer_flops_test.cpp
    tests/runtime/world_test.cpp
    tests/tasks/babi_test.cpp tests/tasks/babilong_tasks_test.cpp tests/tasks/babilong_test.cpp
    tests/tasks/facts_test.cpp
    tests/text/byte_level_bpe_test.cpp tests/text/byte_level_bpe_trainer_test.cpp
    tests/text/sentencepiece_test.cpp tests/text/sentences_test.cpp
    tests/text/tokenization_test.cpp tests/text/wordpiece_test.cpp)
set(MNEMO_TEST_SUPPORT_SOURCES tests/test_support.cpp tests/fixtures.cpp tests/beb/toy_sentences.cpp)
file(GLOB_RECURSE MNEMO_TEST_SOURCES CONFIGURE_DEPENDS tests/*.cpp)
list(FILTER MNEMO_TEST_SOURCES EXCLUDE REGEX "/tests/fuzz/")  # libFuzzer programs: fuzz.cmake
list(TRANSFORM MNEMO_BASE_TEST_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/")
list(TRANSFORM MNEMO_TEST_SUPPORT_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/")
list(REMOVE_ITEM MNEMO_TEST_SOURCES ${MNEMO_BASE_TEST_SOURCES} ${MNEMO_TEST_SUPPORT_SOURCES}
                                    "${PROJECT_SOURCE_DIR}/tests/test_main.cpp")

# Scratch dirs, the CLI, skips with reasons, shared fixtures; the paths of this checkout are
# compiled into this one library only, so that the rest is the same in every clone (ccache).
add_library(mnemo_test_support STATIC ${MNEMO_TEST_SUPPORT_SOURCES})
target_link_libraries(mnemo_test_support PUBLIC mnemo_base GTest::gtest)
target_include_directories(mnemo_test_support PUBLIC tests)
set_source_files_properties(tests/test_support.cpp PROPERTIES COMPILE_DEFINITIONS
  "MNEMO_SHARED_DIR=\"${MNEMO_SHARED_DIR}\";MNEMO_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\";MNEMO_CLI_PATH=\"$<TARGET_FILE:mnemo_cli>\"")

add_executable(mnemo_base_tests tests/test_main.cpp ${MNEMO_BASE_TEST_SOURCES})
target_link_libraries(mnemo_base_tests PRIVATE mnemo_test_support)
set_target_properties(mnemo_base_tests PROPERTIES UNITY_BUILD ${MNEMO_UNITY_BUILD}
                                                  UNITY_BUILD_BATCH_SIZE 16)

add_executable(mnemo_tests tests/test_main.cpp ${MNEMO_TEST_SOURCES})
target_link_libraries(mnemo_tests PRIVATE mnemo mnemo_commands mnemo_test_support)
target_precompile_headers(mnemo_tests REUSE_FROM mnemo)
set_target_properties(mnemo_tests PROPERTIES UNITY_BUILD ${MNEMO_UNITY_BUILD}
                                             UNITY_BUILD_BATCH_SIZE ${MNEMO_TORCH_BATCH})
# The CLI tests run the program.
add_dependencies(mnemo_base_tests mnemo_cli)
add_dependencies(mnemo_tests mnemo_cli)

set(MNEMO_TEST_FIXTURES_DIR "${CMAKE_BINARY_DIR}/test-fixtures")
include(tests/suites.cmake)

# One CTest setup test per shared fixture, run once before the suites that need it.
foreach(fixture IN LISTS MNEMO_FIXTURES)
  add_test(NAME fixture:${fixture}
           COMMAND $<TARGET_FILE:${MNEMO_FIXTURE_${fixture}_PROGRAM}> --make-fixture ${fixture})
  set_tests_properties(fixture:${fixture} PROPERTIES
    FIXTURES_SETUP ${fixture}
    LABELS "${MNEMO_FIXTURE_${fixture}_LABELS}"
    ENVIRONMENT "MNEMO_TEST_FIXTURES=${MNEMO_TEST_FIXTURES_DIR};OMP_WAIT_POLICY=PASSIVE"
    TIMEOUT 600)
endforeach()

# After each build of a test program, its suites become CTest tests (tests/discover_suites.cmake).
# The fast suites of mnemo_tests, which loads libtorch, run eight to a process.
set(MNEMO_SHARD_mnemo_base_tests 0)
set(MNEMO_SHARD_mnemo_tests 8)
foreach(program mnemo_base_tests mnemo_tests)
  set(suites_file "${CMAKE_BINARY_DIR}/${program}_suites.cmake")
  add_custom_command(TARGET ${program} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D PROGRAM=$<TARGET_FILE:${program}> -D OUT=${suites_file}
            -D TABLE=${PROJECT_SOURCE_DIR}/tests/suites.cmake
            -D FIXTURES_DIR=${MNEMO_TEST_FIXTURES_DIR} -D SHARD=${MNEMO_SHARD_${program}}
            -P ${PROJECT_SOURCE_DIR}/tests/discover_suites.cmake
    BYPRODUCTS ${suites_file}
    VERBATIM)
  # CTest reads this wrapper, which says so when the program was not built.
  set(wrapper "${CMAKE_BINARY_DIR}/${program}_include.cmake")
  file(WRITE ${wrapper}
       "if(EXISTS \"${suites_file}\")\n  include(\"${suites_file}\")\nelse()\n"
       "  add_test(${program}_NOT_BUILT ${program}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${wrapper})
endforeach()
