# The two commands of README.md: `make demo` and `make test` (which includes `make
# test-sanitized`, the sanitizers and fuzzers; README.md, "Building by hand").
BUILD_DIR ?= build
KB_WERROR ?= OFF
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: deps build test test-sanitized demo bench package package-check clean

deps:
	@.ci/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_WERROR=$(KB_WERROR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Every test: the suite on the GCC build, then again under the sanitizers with the fuzzers.
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) test-sanitized

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer, plus a short run of every
# fuzzer (fuzz/) on its seeds: one clang build directory, build-asan. A finding stops the program
# it is in, so its test fails with the report. -O1 with line tables keeps the build short and the
# reports exact. The benchmark programs are built (and checked) by the GCC build only. The
# browser tests (label browser) drive the page's JavaScript through the same routes the HTTP
# tests cover, and run in the GCC suite only.
SANITIZED_DIR ?= build-asan
test-sanitized: deps
	CC=clang CXX=clang++ cmake -S . -B $(SANITIZED_DIR) -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
	  -DKB_SANITIZE=ON -DKB_FUZZ=ON -DKB_BUILD_BENCH=OFF -DKB_WERROR=$(KB_WERROR)
	cmake --build $(SANITIZED_DIR) -j $(JOBS)
	ctest --test-dir $(SANITIZED_DIR) --output-on-failure -j $(JOBS) -LE browser

demo: build
	@mkdir -p $(BUILD_DIR)/demo-uploads
	$(BUILD_DIR)/indexer/kb-indexer --db $(BUILD_DIR)/demo-index corpus/sample $(BUILD_DIR)/demo-uploads
	@echo
	@echo "Redacteuren: maak (in een tweede terminal) de eerste redacteur aan; het token verschijnt één keer:"
	@echo "  $(BUILD_DIR)/searchd/kb-admin --db $(BUILD_DIR)/demo-index editor add NAAM --public-url http://127.0.0.1:$(PORT)"
	@echo "en log daarmee in op http://127.0.0.1:$(PORT)/redactie"
	@echo
	exec $(BUILD_DIR)/searchd/kb-searchd --db $(BUILD_DIR)/demo-index --listen 127.0.0.1:$(PORT) --web web \
	  --upload-dir $(BUILD_DIR)/demo-uploads

# The Debian package (CPack): a build for /usr whose programs find their data in
# /usr/share/wat-weten-we-al/data without --data; the .deb lands in $(PACKAGE_DIR).
PACKAGE_DIR ?= build-package
package: deps
	cmake -S . -B $(PACKAGE_DIR) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	  -DKB_DATA_DIR=/usr/share/wat-weten-we-al/data -DKB_BUILD_TESTS=OFF -DKB_BUILD_BENCH=OFF
	cmake --build $(PACKAGE_DIR) -j $(JOBS)
	cd $(PACKAGE_DIR) && cpack
	@ls $(PACKAGE_DIR)/*.deb

# The package installed into a clean Debian 12 root (debootstrap; needs root and the mirror).
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
package-check: package
	@command -v debootstrap >/dev/null || $(SUDO) apt-get install -y debootstrap
	$(SUDO) tests/package_check.sh $$(ls -t $(PACKAGE_DIR)/*.deb | head -1)

bench: build
	@.ci/install-deps --bench
	bench/run-quick.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZED_DIR) $(PACKAGE_DIR)
