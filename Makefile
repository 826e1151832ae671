# The human entry point. `make demo` and `make test` install what is missing, build in
# Release and run; everything else is a step of those.
BUILD ?= build
JOBS ?= $(shell nproc)
MNEMO = $(BUILD)/mnemo
DEMO = data/demo

.PHONY: deps build test demo bench clean

deps:
	scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Until the RMT demo lands: a SentencePiece tokenizer trained on the Brown corpus, a small
# BERT built on it and run on a sentence, and the BERT-base forward-pass speed.
demo: build
	$(MNEMO) --version
	$(MNEMO) tokenizer train --input data/brown.txt --vocab-size 8000 --out $(DEMO)/brown-tokenizer
	$(MNEMO) tokenize --model $(DEMO)/brown-tokenizer "The jury said it did find that the election was conducted well."
	$(MNEMO) bert init --config small --tokenizer $(DEMO)/brown-tokenizer --out $(DEMO)/bert-small
	$(MNEMO) encode --model $(DEMO)/bert-small --text "Where is Mary?" | head -c 300; echo " ..."
	$(MNEMO) bench forward --config base --tokens 512 --repeats 3

bench: build
	scripts/bench-threads.sh

clean:
	rm -rf $(BUILD)
