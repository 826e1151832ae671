# The human entry point. `make demo` and `make test` install what is missing, build in
# Release and run; everything else is a step of those.
BUILD ?= build
JOBS ?= $(shell nproc)
MNEMO = $(BUILD)/mnemo
DEMO = data/demo

.PHONY: deps build test demo bench clean

deps:
	scripts/install-deps.sh

# Ninja, because the Makefile generator lists every source in flags.make, which the
# precompiled header depends on: adding one file rebuilt everything. A build directory made
# with another generator keeps it.
# LIBTORCH=DIR builds against another libtorch than Debian's, e.g. a PyTorch installation's:
#   make build LIBTORCH=$$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
CMAKE_ARGS = -DCMAKE_BUILD_TYPE=Release $(if $(LIBTORCH),-DCMAKE_PREFIX_PATH=$(LIBTORCH))
build: deps
	test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) -G Ninja $(CMAKE_ARGS)
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)
	cmake --build $(BUILD) -j $(JOBS)

# Every suite once, in parallel; then the skips and their reasons (a skip without one fails).
test: build
	cd $(BUILD) && { ctest --output-on-failure -j $(JOBS); status=$$?; \
	  $(CURDIR)/tests/summarize.sh Testing/Temporary/LastTest.log && exit $$status; }

# The main job: an RMT of the small geometry learns the memorize task with a curriculum of
# 1, 2, 3 segments on Brown-corpus noise, then is evaluated on 1..16 segments (about 10
# minutes on 2 cores). Run again, it resumes an interrupted training or reuses the model.
DEMO_RUN = $(DEMO)/rmt-memorize
demo: build
	$(MNEMO) --version
	test -f $(DEMO)/brown-tokenizer/tokenizer.model || \
	  $(MNEMO) tokenizer train --input data/brown.txt --vocab-size 8000 --out $(DEMO)/brown-tokenizer
	if [ -f $(DEMO_RUN)/run.json ]; then $(MNEMO) rmt train --resume --out $(DEMO_RUN); else \
	  $(MNEMO) rmt train --task memorize --config small --tokenizer $(DEMO)/brown-tokenizer \
	    --curriculum 1,2,3 --steps 300 --batch 32 --lr 3e-4 --validate-every 50 \
	    --validation-samples 128 --out $(DEMO_RUN); fi
	$(MNEMO) rmt eval --model $(DEMO_RUN) --segments 1-16 --samples 100 --batch 25 \
	  --plot $(DEMO)/rmt-memorize.png

bench: build
	scripts/bench-threads.sh

clean:
	rm -rf $(BUILD)
