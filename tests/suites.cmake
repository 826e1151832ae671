# What each GoogleTest suite needs and how long it takes, for CTest (tests/tests.cmake,
# tests/discover_suites.cmake). Labels: fast (the default: `ctest -L fast` runs in under a
# minute), slow (trains toy models or runs the program many times), python (compares with
# outputs of Debian's python3-torch). A suite not named here is fast and needs no fixture.

# mnemo_fixture(NAME PROGRAM LABEL): a shared fixture (tests/fixtures.h), made once per test
# run by PROGRAM --make-fixture NAME. Fixtures named after a tests/reference script run it.
macro(mnemo_fixture name program label)
  list(APPEND MNEMO_FIXTURES ${name})
  set(MNEMO_FIXTURE_${name}_PROGRAM ${program})
  set(MNEMO_FIXTURE_${name}_LABELS ${label})
endmacro()

# mnemo_suite(SUITE LABEL [FIXTURE ...])
macro(mnemo_suite suite label)
  set(MNEMO_SUITE_${suite}_LABELS ${label})
  set(MNEMO_SUITE_${suite}_FIXTURES ${ARGN})
endmacro()

set(MNEMO_FIXTURES "")
mnemo_fixture(beb-world mnemo_base_tests slow)          # tests/cli/beb_models_cli_test.cpp
mnemo_fixture(clamp-cli-model mnemo_base_tests slow)    # tests/cli/clamp_cli_test.cpp
foreach(script bert gpt2 gpt_neox clamp torch_checkpoint indexed_dataset)
  mnemo_fixture(${script}_reference.py mnemo_base_tests python)
endforeach()

mnemo_suite(BebModelsCli slow beb-world)
mnemo_suite(ClampCli slow clamp-cli-model)
mnemo_suite(BertReference python bert_reference.py)
mnemo_suite(Gpt2Reference python gpt2_reference.py)
mnemo_suite(BpeReference python gpt2_reference.py)
mnemo_suite(Gpt2Cli python gpt2_reference.py)
mnemo_suite(GptNeoxReference python gpt_neox_reference.py)
mnemo_suite(ClampParity python clamp_reference.py)
mnemo_suite(ConvertCli python clamp_reference.py)
mnemo_suite(TorchCheckpoint python torch_checkpoint_reference.py)
mnemo_suite(IndexedDatasetReference python indexed_dataset_reference.py)

# Suites that take more than a few seconds: they run the program many times or train.
foreach(suite Cli RmtCli RmtLongCli MemorizationCli MemorizationTrainCli BebCli BabilongCli LmCli
              ClampM3Cli MemoryDecoder SentenceModelTest RmtMemoryLearning DistributedCli)
  mnemo_suite(${suite} slow)
endforeach()
