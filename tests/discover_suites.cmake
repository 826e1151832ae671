# Run after a test program is built (tests/tests.cmake): lists its GoogleTest suites and writes
# OUT, which adds one CTest test per suite with the labels and fixtures tests/suites.cmake
# gives it. With SHARD (a positive number), the fast suites that need no fixture run SHARD to
# a process instead ("<program>:fast:<n>"): a program that loads libtorch takes ~0.8 s to
# start, more than most of its suites take to run.
# cmake -D PROGRAM=... -D OUT=... -D TABLE=... -D FIXTURES_DIR=... [-D SHARD=N] -P this file
execute_process(COMMAND "${PROGRAM}" --gtest_list_tests
                OUTPUT_VARIABLE listing RESULT_VARIABLE status TIMEOUT 60)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --gtest_list_tests failed (${status}):\n${listing}")
endif()
include("${TABLE}")

string(REPLACE "\n" ";" lines "${listing}")
set(script "# Written by tests/discover_suites.cmake from ${PROGRAM}\n")
set(environment "MNEMO_TEST_FIXTURES=${FIXTURES_DIR};OMP_WAIT_POLICY=PASSIVE")
get_filename_component(program_name "${PROGRAM}" NAME)
set(shard_filters "")

# Adds CTest test NAME running the program on FILTER.
macro(add_suite_test name filter labels fixtures)
  string(APPEND script
    "add_test([==[${name}]==] \"${PROGRAM}\" [==[--gtest_filter=${filter}]==])\n"
    "set_tests_properties([==[${name}]==] PROPERTIES LABELS \"${labels}\" TIMEOUT 600"
    " ENVIRONMENT \"${environment}\"")
  if(NOT "${fixtures}" STREQUAL "")
    string(APPEND script " FIXTURES_REQUIRED \"${fixtures}\"")
  endif()
  string(APPEND script ")\n")
endmacro()

foreach(line IN LISTS lines)
  # Suite lines start in column 0 and end in "." (before any "  # TypeParam" comment).
  if(NOT line MATCHES "^([^ #]+)\\.( .*)?$")
    continue()
  endif()
  set(suite "${CMAKE_MATCH_1}")
  string(REGEX REPLACE "^.*/" "" name "${suite}")  # Prefix/Suite of parameterised tests
  set(labels fast)
  set(fixtures "")
  if(DEFINED MNEMO_SUITE_${name}_LABELS)
    set(labels ${MNEMO_SUITE_${name}_LABELS})
    set(fixtures ${MNEMO_SUITE_${name}_FIXTURES})
  endif()
  if(SHARD AND labels STREQUAL "fast" AND fixtures STREQUAL "")
    list(APPEND shard_filters "${suite}.*")
  else()
    add_suite_test("${suite}" "${suite}.*" "${labels}" "${fixtures}")
  endif()
endforeach()

set(shard 0)
while(shard_filters)
  math(EXPR shard "${shard} + 1")
  list(LENGTH shard_filters count)
  if(count GREATER SHARD)
    list(SUBLIST shard_filters 0 ${SHARD} filters)
    list(SUBLIST shard_filters ${SHARD} -1 shard_filters)
  else()
    set(filters ${shard_filters})
    set(shard_filters "")
  endif()
  string(REPLACE ";" ":" filter "${filters}")
  add_suite_test("${program_name}:fast:${shard}" "${filter}" fast "")
endwhile()

file(WRITE "${OUT}" "${script}")
