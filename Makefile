# The two commands of README.md: `make demo` and `make test`.
BUILD_DIR ?= build
KB_WERROR ?= OFF
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: deps build test demo bench clean

deps:
	@.ci/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_WERROR=$(KB_WERROR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

demo: build
	@mkdir -p $(BUILD_DIR)/demo-uploads
	$(BUILD_DIR)/indexer/kb-indexer --db $(BUILD_DIR)/demo-index corpus/sample $(BUILD_DIR)/demo-uploads
	@echo
	@echo "Redacteuren: maak (in een tweede terminal) de eerste redacteur aan; het token verschijnt één keer:"
	@echo "  $(BUILD_DIR)/searchd/kb-admin --db $(BUILD_DIR)/demo-index editor add NAAM"
	@echo "en log daarmee in op http://127.0.0.1:$(PORT)/redactie"
	@echo
	exec $(BUILD_DIR)/searchd/kb-searchd --db $(BUILD_DIR)/demo-index --listen 127.0.0.1:$(PORT) --web web \
	  --upload-dir $(BUILD_DIR)/demo-uploads

bench: build
	@.ci/install-deps --bench
	bench/run-quick.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
